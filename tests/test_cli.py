"""The console script, run as a real subprocess: exit codes, JSON shape, no tracebacks."""
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "sample_factory_en.xlsx"


def run(*args):
    proc = subprocess.run([sys.executable, "-m", "cli.main", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def test_summary_json_reproduces_the_deck():
    proc = run("summary", SAMPLE, "--json")
    assert proc.returncode == 0, proc.stderr
    inv = json.loads(proc.stdout)["inventory"]
    assert round(inv["total_tco2e"], 2) == 3299.33
    assert set(inv["by_scope"]) == {"1", "2", "3"}
    assert round(inv["by_scope"]["1"], 2) == 60.42 and round(inv["by_scope"]["2"], 2) == 3238.91
    assert inv["by_scope"]["3"] == 0
    assert round(inv["by_category"]["stationary"], 2) == 46.70
    assert len(inv["sources"]) == 11
    src = inv["sources"][6]
    keys = {"site", "scope", "category", "source", "fuel", "quantity", "unit", "factor_tco2e_per_unit",
            "tco2e", "share_pct"}
    assert keys <= set(src)
    assert (src["scope"], src["category"], src["fuel"], src["quantity"], src["unit"]) == (
        2, "electricity", "electricity_grid", 2_300_000, "kWh")
    assert src["factor_tco2e_per_unit"] == pytest.approx(0.8041 / 1000)
    assert round(src["tco2e"], 2) == 1849.43 and round(src["share_pct"], 2) == 56.05


def test_summary_text_in_vietnamese():
    proc = run("summary", ROOT / "sample_data" / "sample_factory_vi.xlsx", "--lang", "vi")
    assert proc.returncode == 0
    assert "3.299,33" in proc.stdout


def test_check_clean_file():
    proc = run("check", SAMPLE, "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == []


def test_check_reports_problems_with_location(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    ws = book["Activities"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=4, column=headers.index("Quantity") + 1, value="1,5")
    ws.cell(row=6, column=headers.index("Fuel / energy") + 1, value="unobtainium")
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    proc = run("check", bad, "--json")
    assert proc.returncode == 1
    problems = json.loads(proc.stdout)
    got = {(p["sheet"], p["row"], p["column"], p["code"]) for p in problems}
    assert ("Activities", 4, "quantity", "cell.not_a_number") in got
    assert ("Activities", 6, "fuel", "fuel.unknown") in got
    for p in problems:
        assert set(p) == {"sheet", "row", "column", "code", "severity", "message_en", "message_vi"}
        assert p["message_en"] and p["message_vi"] and p["message_en"] != p["message_vi"]


@pytest.mark.parametrize("content", [b"", b"not,an,excel\n1,2,3\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600])
def test_unreadable_files_are_problem_entries(tmp_path, content):
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    for cmd in ("check", "summary"):
        proc = run(cmd, path, "--json")
        assert proc.returncode == 1
        out = json.loads(proc.stdout)
        problems = out if cmd == "check" else out["problems"]
        assert problems and problems[0]["severity"] == "error"


def test_missing_file():
    proc = run("check", ROOT / "no-such-file.xlsx")
    assert proc.returncode == 1
    assert "does not exist" in proc.stdout


@pytest.mark.parametrize("lang, readme", [("vi", "Hướng dẫn"), ("en", "README")])
def test_template(tmp_path, lang, readme):
    out = tmp_path / f"t_{lang}.xlsx"
    proc = run("template", "--lang", lang, out)
    assert proc.returncode == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == readme
    assert run("check", out, "--json").returncode == 0  # empty but valid


def test_template_unwritable_path():
    proc = run("template", "--lang", "en", "/nonexistent-dir/t.xlsx")
    assert proc.returncode == 1


def test_summary_json_targets_reproduce_the_deck_path():
    targets = json.loads(run("summary", SAMPLE, "--json").stdout)["targets"]
    main, sub = targets
    assert (main["type"], main["scope"], main["base_year"], main["target_year"], main["reduction_pct"]) == (
        "absolute", "1+2", 2021, 2030, 30.0)
    path = {(p["year"], p["scope"]): p["tco2e"] for p in main["path"]}
    assert len(path) == 30  # 10 years × (Scope 1, Scope 2, total)
    assert round(path[(2022, "2")], 1) == 3129.6 and round(path[(2030, "1+2")], 1) == 2309.5
    assert round(path[(2025, "1")], 1) == 57.7
    assert main["sbti"]["annual_rate_pct"] == pytest.approx(30 / 9)
    assert main["sbti"]["meets_1_5c"] is False and main["sbti"]["meets_wb2c"] is True
    assert main["sbti"]["required_reduction_pct_1_5c"] == pytest.approx(37.8)
    assert sub["split_of"] == main["name"] and sub["scope"] == "1"


def test_summary_json_measures_and_portfolio():
    out = json.loads(run("summary", SAMPLE, "--json").stdout)
    led = next(m for m in out["measures"] if m["id"] == "M1")
    assert (led["category"], led["term"], led["saving_unit"]) == ("equipment", "long", "kWh")
    assert led["saving_quantity"] == pytest.approx(46_080) and led["saving_kwh"] == pytest.approx(46_080)
    assert round(led["saving_toe"], 2) == 7.11 and round(led["reduction_tco2e"], 2) == 37.05
    assert led["energy_cost_saving"] == pytest.approx(75_663_360) and led["capex"] == 160_000_000
    crf = 0.12 / (1 - 1.12 ** -5)
    assert led["abatement_cost_per_tco2e"] == pytest.approx((160e6 * crf - 75_663_360) / (46_080 * 0.8041e-3))
    portfolio = out["portfolio"]
    assert portfolio["target"] == out["targets"][0]["name"]
    led_t, air_t = 46_080 * 0.8041e-3, 140_000 * 0.8041e-3
    # LED from 2022 for 5 years, compressed air from 2023 for 3 years
    assert portfolio["reduction_tco2e"]["2022"] == pytest.approx(led_t)
    assert portfolio["reduction_tco2e"]["2024"] == pytest.approx(led_t + air_t)
    assert portfolio["reduction_tco2e"]["2027"] == pytest.approx(led_t + air_t)  # both replaced: still saving
    base = 60.418596 + 4_028_000 * 0.8041e-3
    assert portfolio["gap_tco2e"]["2030"] == pytest.approx(base - 0.7 * base - led_t - air_t)


def test_summary_json_finance_and_financing():
    out = json.loads(run("summary", SAMPLE, "--json").stdout)
    led = next(m for m in out["measures"] if m["id"] == "M1")
    assert led["cashflows"] == pytest.approx([-160_000_000] + [75_663_360] * 5)
    assert round(led["simple_payback_years"], 2) == 2.11
    assert round(led["irr"] * 100, 2) == 37.76
    assert led["npv"] == pytest.approx(112_749_480, abs=1)
    assert led["roi"] == pytest.approx(75_663_360 / 160_000_000)
    assert led["discounted_payback_years"] > led["simple_payback_years"]
    assert led["bcr"] == pytest.approx(75_663_360 * (1 - 1.12 ** -5) / 0.12 / 160_000_000)
    assert out["finance"]["capex"] == 190_000_000
    # the sample has no Financing rows: the page's defaults (70 % loan, ESCO sharing 50 %) apply
    assert [o["option"] for o in out["financing"]] == ["cash", "loan", "esco_shared"]


def test_summary_json_mv():
    import numpy as np
    from workbook.read import read_scenario
    out = json.loads(run("summary", SAMPLE, "--json").stdout)["mv"]
    metering = read_scenario(SAMPLE).scenario.table("Metering")
    base = metering[metering["period"] == "baseline"]
    X = np.column_stack([np.ones(12), base["production"], base["cdd"]])
    beta = np.linalg.solve(X.T @ X, X.T @ base["energy"].to_numpy())
    assert out["drivers"] == ["production", "cdd"]
    assert [out["coefficients"][k] for k in ("intercept", "production", "cdd")] == pytest.approx(beta)
    resid = base["energy"].to_numpy() - X @ beta
    cv = np.sqrt((resid ** 2).sum() / (12 - 3)) / base["energy"].mean() * 100
    assert out["cv_rmse_pct"] == pytest.approx(cv) and out["verdict"] == "pass"
    assert out["r2"] == pytest.approx(1 - (resid ** 2).sum() / ((base["energy"] - base["energy"].mean()) ** 2).sum())
    assert len(out["avoided_energy"]["by_month"]) == 12
    assert sum(out["avoided_energy"]["by_month"]) == pytest.approx(out["avoided_energy"]["total"])
    # the synthetic data hold 15,507 kWh/month of savings (LED + compressed air); noise aside
    assert out["avoided_energy"]["total"] == pytest.approx(186_080, rel=0.05)
    assert 0 < out["fsu_pct"] < 50 and isinstance(out["warnings"], list)


@pytest.mark.parametrize("keep", [("Company", "Activities"), ("Company", "Activities", "Targets")])
def test_summary_of_a_scenario_without_measures(tmp_path, keep):
    from workbook.read import read_scenario
    from workbook.write import empty_scenario, write_scenario
    sample = read_scenario(SAMPLE).scenario
    base = empty_scenario()
    scenario = type(sample)({**base.fields, "Company": sample.company},
                            {**base.tables, **{k: sample.table(k) for k in keep if k in sample.tables}}, {}, "x")
    path = tmp_path / "no_measures.xlsx"
    path.write_bytes(write_scenario(scenario, "en"))
    proc = run("summary", path, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["measures"] == [] and round(out["inventory"]["total_tco2e"], 2) == 3299.33
    assert out["mv"] is None
