"""``energy-scenarios compare``, run as a real subprocess: one KPI table of many workbooks."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import numpy_financial as npf
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "sample_factory_en.xlsx"
GRID = 0.8041 / 1000  # tCO2 per kWh, grid factor 2020 used by the sample
SAMPLE_TOTAL = 3299.333396  # the deck's inventory
#: the sample's LED (46,080 kWh) and compressed-air (140,000 kWh) measures, tCO2e/yr
SAVED = (46_080 + 140_000) * 0.8041e-3
SAMPLE_SCOPE2 = 3238.9148
MODIFIED_TOTAL = SAMPLE_TOTAL - 1_300_000 * GRID  # machinery 2,300,000 → 1,000,000 kWh
HEADERS_EN = ["File", "Variant", "Company", "Status", "Total emissions [tCO2e]", "Scope 1 [tCO2e]"]
HEADERS_VI = ["Tệp", "Phương án", "Công ty", "Trạng thái", "Tổng phát thải [tCO2e]", "Phạm vi 1 [tCO2e]"]


def run(*args):
    proc = subprocess.run([sys.executable, "-m", "cli.main", "compare", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """a_sample.xlsx (the sample), b_less_machinery.xlsx (machinery at 1,000,000 kWh),
    c_broken.xlsx (a text file, not a workbook)."""
    from workbook.read import read_scenario
    from workbook.write import write_scenario

    path = tmp_path_factory.mktemp("participants")
    shutil.copy(SAMPLE, path / "a_sample.xlsx")
    scenario = read_scenario(SAMPLE).scenario
    acts = scenario.activities.copy()
    machinery = acts["quantity"] == 2_300_000
    assert machinery.sum() == 1
    acts.loc[machinery, "quantity"] = 1_000_000
    modified = scenario.with_table("Activities", acts).with_field("Company", "name", "Second factory")
    (path / "b_less_machinery.xlsx").write_bytes(write_scenario(modified, "en"))
    (path / "c_broken.xlsx").write_text("this is not a workbook\n")
    return path


def table(ws) -> tuple[list, list[dict]]:
    rows = list(ws.iter_rows(values_only=True))
    return list(rows[0]), [dict(zip(rows[0], r)) for r in rows[1:]]


def test_one_row_per_workbook_with_totals(folder, tmp_path):
    out = tmp_path / "summary.xlsx"
    proc = run(folder, "--out", out, "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Problems"]
    ws = book["Summary"]
    headers, rows = table(ws)
    assert headers[:6] == HEADERS_EN
    assert [Path(r["File"]).name for r in rows] == ["a_sample.xlsx", "b_less_machinery.xlsx", "c_broken.xlsx"]
    a, b, bad = rows
    total = "Total emissions [tCO2e]"
    assert a["Status"] == b["Status"] == "ok"
    assert a[total] == pytest.approx(SAMPLE_TOTAL) and b[total] == pytest.approx(MODIFIED_TOTAL)
    assert b["Scope 2 [tCO2e]"] == pytest.approx(SAMPLE_SCOPE2 - 1_300_000 * GRID)
    assert b["Scope 1 [tCO2e]"] == pytest.approx(60.418596) and b["Scope 3 [tCO2e]"] == 0
    assert (a["Company"], b["Company"]) == ("Sample factory (training deck)", "Second factory")
    for r, base in ((a, SAMPLE_TOTAL), (b, MODIFIED_TOTAL)):
        assert (r["Target year"], r["Target reduction [%]"]) == (2030, 30)
        # both measures are replaced at the end of their lives, so they still save in 2030
        assert r["Emissions in the target year with measures [tCO2e]"] == pytest.approx(base - SAVED)
        assert r["Gap to the target in the target year [tCO2e]"] == pytest.approx(0.3 * base - SAVED)
        assert r["Measures"] == 2 and r["Investment"] == 190_000_000 and r["Currency"] == "VND"
    # LED invests in 2022 (t = 0) for 5 years; compressed air invests in 2023 (t = 1), life 3:
    # replaced at t = 4, a third of its last unit used by t = 5 (salvage 2/3 × 30 M)
    led = [-160e6] + [75_663_360] * 5
    air = [0.0, -30e6, 229_880_000, 229_880_000, 229_880_000 - 30e6, 229_880_000 + 20e6]
    flows = [x + y for x, y in zip(led, air)]
    assert a["NPV"] == pytest.approx(npf.npv(0.12, flows), rel=1e-9)
    assert a["IRR [%]"] == pytest.approx(npf.irr(flows) * 100, abs=1e-6)
    assert a["Simple payback [years]"] == pytest.approx(1 + (160e6 - flows[1]) / flows[2])
    assert a["Avoided energy (M&V)"] == pytest.approx(186_080, rel=0.05)
    assert bad["Status"] == "errors: 1"
    assert all(bad[h] is None for h in headers if h not in ("File", "Status"))
    # numbers are numbers, with number formats; header frozen, columns sized
    cell = ws.cell(row=2, column=headers.index(total) + 1)
    assert isinstance(cell.value, float) and cell.number_format == "#,##0.00"
    assert ws.cell(row=2, column=headers.index("Target year") + 1).number_format == "0"
    assert ws.freeze_panes == "A2" and ws.cell(row=1, column=1).font.bold
    assert ws.column_dimensions["E"].width >= 10
    p_headers, problems = table(book["Problems"])
    assert p_headers == ["File", "Sheet", "Row", "Column", "Code", "Severity", "Message"]
    broken = [p for p in problems if Path(p["File"]).name == "c_broken.xlsx"]
    assert len(broken) == 1
    assert (broken[0]["Code"], broken[0]["Severity"]) == ("file.not_xlsx", "error")
    assert broken[0]["Message"].startswith("This is not an Excel workbook")
    assert book["Problems"].freeze_panes == "A2"


def test_vietnamese_headers_and_messages(folder, tmp_path):
    out = tmp_path / "tong_hop.xlsx"
    proc = run(folder, "--out", out, "--lang", "vi")
    assert proc.returncode == 0, proc.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Tổng hợp", "Vấn đề"]
    headers, rows = table(book["Tổng hợp"])
    assert headers[:6] == HEADERS_VI
    assert rows[1]["Tổng phát thải [tCO2e]"] == pytest.approx(MODIFIED_TOTAL)
    assert rows[2]["Trạng thái"] == "errors: 1"
    p_headers, problems = table(book["Vấn đề"])
    assert p_headers[0] == "Tệp" and "Nội dung" in p_headers
    assert problems[0]["Nội dung"].startswith("Đây không phải tệp Excel")
    assert "3.299,33" in proc.stdout  # the text summary in Vietnamese number format


def test_text_summary_one_line_per_file(folder, tmp_path):
    out = tmp_path / "s.xlsx"
    proc = run(folder, "--out", out, "--lang", "en")
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 4  # three files and the "wrote" line
    assert "a_sample.xlsx: ok" in lines[0] and "3,299.33" in lines[0]
    assert "c_broken.xlsx: errors: 1" in lines[2]
    assert lines[3].startswith(f"wrote {out}") and "2 of 3" in lines[3]


def test_json_output(folder, tmp_path):
    out = tmp_path / "s.xlsx"
    proc = run(folder, "--out", out, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert out.exists() and data["out"] == str(out)
    rows = {Path(r["file"]).name: r for r in data["rows"]}
    assert list(rows) == ["a_sample.xlsx", "b_less_machinery.xlsx", "c_broken.xlsx"]
    assert rows["a_sample.xlsx"]["total_tco2e"] == pytest.approx(SAMPLE_TOTAL)
    assert rows["b_less_machinery.xlsx"]["total_tco2e"] == pytest.approx(MODIFIED_TOTAL)
    assert rows["b_less_machinery.xlsx"]["gap_target_year_tco2e"] == pytest.approx(0.3 * MODIFIED_TOTAL - SAVED)
    assert rows["c_broken.xlsx"]["status"] == "errors: 1" and rows["c_broken.xlsx"]["total_tco2e"] is None
    assert set(rows["a_sample.xlsx"]) >= {
        "file", "company", "status", "total_tco2e", "scope1_tco2e", "scope2_tco2e", "scope3_tco2e",
        "target_year", "reduction_pct", "emissions_target_year_with_measures", "gap_target_year_tco2e",
        "measures", "capex", "npv", "irr_pct", "payback_years", "avoided_energy_mv"}
    broken = [p for p in data["problems"] if Path(p["file"]).name == "c_broken.xlsx"]
    assert [(p["code"], p["severity"]) for p in broken] == [("file.not_xlsx", "error")]
    assert broken[0]["message_en"] and broken[0]["message_vi"]


def test_mix_of_folders_and_files(folder, tmp_path):
    """Files in the order given, a file named twice read once, the output file itself skipped,
    a missing file a row with its problem."""
    out = folder / "summary.xlsx"  # written inside the folder it summarises
    try:
        assert run(folder, "--out", out).returncode == 0
        proc = run(SAMPLE, folder, folder / "a_sample.xlsx", tmp_path / "missing.xlsx", "--out", out, "--json")
        assert proc.returncode == 0, proc.stderr
        names = [Path(r["file"]).name for r in json.loads(proc.stdout)["rows"]]
        assert names == ["sample_factory_en.xlsx", "a_sample.xlsx", "b_less_machinery.xlsx", "c_broken.xlsx",
                         "missing.xlsx"]
        problems = json.loads(proc.stdout)["problems"]
        assert any(p["code"] == "file.not_found" and Path(p["file"]).name == "missing.xlsx" for p in problems)
    finally:
        out.unlink(missing_ok=True)


def test_no_readable_workbook_exits_1(folder, tmp_path):
    out = tmp_path / "s.xlsx"
    proc = run(folder / "c_broken.xlsx", "--out", out, "--lang", "en")
    assert proc.returncode == 1
    assert "errors: 1" in proc.stdout
    _, rows = table(openpyxl.load_workbook(out)["Summary"])  # still written: the problems are useful
    assert [r["Status"] for r in rows] == ["errors: 1"]


def test_no_files_exits_1(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a workbook")
    out = tmp_path / "s.xlsx"
    proc = run(empty, "--out", out, "--lang", "en")
    assert proc.returncode == 1
    assert "No .xlsx files found" in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("out", ["/nonexistent-dir/summary.xlsx", "DIR"])
def test_unwritable_out(folder, tmp_path, out):
    out = tmp_path if out == "DIR" else out
    proc = run(folder, "--out", out, "--lang", "en")
    assert proc.returncode == 1
    assert f"Cannot write {out}" in proc.stderr


def test_a_workbook_with_variants_gives_one_row_per_variant(tmp_path):
    from workbook.read import read_scenario
    from workbook.write import write_scenario

    base = read_scenario(SAMPLE).scenario
    acts = base.activities.copy()
    acts.loc[acts["quantity"] == 2_300_000, "quantity"] = 1_000_000
    less = base.with_table("Activities", acts)
    path = tmp_path / "group_3.xlsx"
    path.write_bytes(write_scenario(less, "en", variants={"As is": base, "Less machinery": less},
                                    current="Less machinery"))
    out = tmp_path / "s.xlsx"
    proc = run(path, "--out", out, "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["rows"]
    assert [(Path(r["file"]).name, r["variant"]) for r in rows] == [("group_3.xlsx", "As is"),
                                                                   ("group_3.xlsx", "Less machinery")]
    assert rows[0]["total_tco2e"] == pytest.approx(SAMPLE_TOTAL)
    assert rows[1]["total_tco2e"] == pytest.approx(MODIFIED_TOTAL)
    assert "group_3.xlsx [Less machinery]: ok" in run(path, "--out", out).stdout


# -- the batch: --jobs, each file once, Parquet ------------------------------------------------------
def _rows_and_problems(proc) -> tuple[list, list]:
    data = json.loads(proc.stdout)
    return data["rows"], data["problems"]


def test_two_jobs_give_the_same_rows_as_one(folder, tmp_path):
    one = run(folder, SAMPLE, "--out", tmp_path / "one.xlsx", "--json", "--jobs", "1")
    two = run(folder, SAMPLE, "--out", tmp_path / "two.xlsx", "--json", "--jobs", "2")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    rows, problems = _rows_and_problems(one)
    assert [Path(r["file"]).name for r in rows] == ["a_sample.xlsx", "b_less_machinery.xlsx", "c_broken.xlsx",
                                                    "sample_factory_en.xlsx"]
    assert _rows_and_problems(two) == (rows, problems)


def test_jobs_must_be_a_positive_number_and_an_output_is_needed(folder, tmp_path):
    proc = run(folder, "--out", tmp_path / "s.xlsx", "--jobs", "0")
    assert proc.returncode == 2 and "--jobs" in proc.stderr
    proc = run(folder, "--lang", "en")
    assert proc.returncode == 2 and "--out FILE.xlsx, --parquet DIR" in proc.stderr


def _analysed(path):
    from results import analyse
    from workbook.read import read_scenario

    return analyse(read_scenario(path).scenario)


def test_parquet_tables_hold_the_results_models_numbers(folder, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "tables"
    proc = run(folder, "--parquet", out, "--lang", "en", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}" in proc.stdout and not list(tmp_path.glob("*.xlsx"))
    summary = pd.read_parquet(out / "summary.parquet")
    measures = pd.read_parquet(out / "measures.parquet")
    paths = pd.read_parquet(out / "paths.parquet")
    problems = pd.read_parquet(out / "problems.parquet")
    names = ["a_sample.xlsx", "b_less_machinery.xlsx", "c_broken.xlsx"]
    assert [Path(f).name for f in summary["file"]] == names
    assert list(summary.columns) == ["file", "variant", "company", "status", "total_tco2e", "scope1_tco2e",
                                     "scope2_tco2e", "scope3_tco2e", "target_year", "reduction_pct",
                                     "emissions_target_year_with_measures", "gap_target_year_tco2e", "measures",
                                     "currency", "capex", "npv", "irr_pct", "payback_years", "avoided_energy_mv"]
    assert summary["total_tco2e"].tolist()[:2] == pytest.approx([SAMPLE_TOTAL, MODIFIED_TOTAL])
    assert summary["status"].tolist() == ["ok", "ok", "errors: 1"] and summary["total_tco2e"].isna().tolist()[2]
    for name, total in zip(names[:2], (SAMPLE_TOTAL, MODIFIED_TOTAL)):
        res = _analysed(folder / name)
        row = summary[summary["file"].map(lambda f: Path(f).name) == name].iloc[0]
        assert row["total_tco2e"] == pytest.approx(float(res.inventory.total_tco2e), rel=1e-12)
        assert row["scope2_tco2e"] == pytest.approx(float(res.inventory.by_scope.loc["2", "tco2e"]), rel=1e-12)
        # measures: one row per Measures row, in its order, the counted numbers of the model
        mine = measures[measures["file"].map(lambda f: Path(f).name) == name]
        assert mine["position"].tolist() == list(range(len(res.measures)))
        assert mine["id"].tolist() == [str(i) for i in res.measures["id"]]
        ok = (res.measures["status"] == "ok").to_numpy()
        assert mine["reduction_tco2e"].sum() == pytest.approx(res.measures["reduction_tco2e"].sum(), rel=1e-9)
        assert mine["reduction_tco2e"].sum() == pytest.approx(SAVED, rel=1e-9)
        assert mine["capex"].sum() == pytest.approx(res.measures["capex"].to_numpy()[ok].sum()) == 190e6
        indicators = res.finance.indicators.iloc[:-1]
        assert mine["npv"].tolist() == pytest.approx(indicators["npv"].tolist(), rel=1e-9)
        assert mine["irr"].tolist() == pytest.approx(indicators["irr"].tolist(), rel=1e-9)
        assert mine["npv"].sum() == pytest.approx(row["npv"], rel=1e-9)  # the portfolio is their sum
        # yearly paths: every year of the model's portfolio table
        path = paths[paths["file"].map(lambda f: Path(f).name) == name].set_index("year")
        assert path.index.tolist() == [int(y) for y in res.portfolio.index]
        for column in ("bau_tco2e", "with_measures_tco2e", "target_tco2e", "gap_tco2e"):
            assert path[column].tolist() == pytest.approx(res.portfolio[column].tolist(), rel=1e-9)
        assert path.loc[2030, "with_measures_tco2e"] == pytest.approx(total - SAVED)
        assert path.loc[2030, "target_tco2e"] == pytest.approx(0.7 * total)
        assert path.loc[2030, "gap_tco2e"] == pytest.approx(row["gap_target_year_tco2e"])
    assert not measures["file"].map(lambda f: Path(f).name).eq("c_broken.xlsx").any()
    assert [(Path(f).name, c) for f, c in zip(problems["file"], problems["code"])
            if Path(f).name == "c_broken.xlsx"] == [("c_broken.xlsx", "file.not_xlsx")]
    assert str(measures["start_year"].dtype) == "int64" and str(paths["year"].dtype) == "int64"


def test_parquet_folder_that_is_a_file_is_refused(folder, tmp_path):
    blocker = tmp_path / "tables"
    blocker.write_text("a file")
    proc = run(folder, "--parquet", blocker, "--lang", "en")
    assert proc.returncode == 1 and f"Cannot write {blocker}" in proc.stderr


def test_each_file_is_read_once_and_each_variant_analysed_once(folder, tmp_path, monkeypatch, capsys):
    """In the in-process path (--jobs 1): one read per file, one analyse and one JSON view per
    workbook × variant, whatever is written (xlsx, Parquet, JSON)."""
    import cli.batch
    from cli.main import main
    from workbook.read import read_scenario
    from workbook.write import write_scenario

    base = read_scenario(SAMPLE).scenario
    variants = tmp_path / "variants.xlsx"
    variants.write_bytes(write_scenario(base, "en", variants={"One": base, "Two": base.with_field(
        "Company", "name", "Other")}, current="One"))
    calls = {"read": [], "analyse": 0, "summary": 0}
    read, analyse, summary = cli.batch.read_scenario, cli.batch.analyse, cli.batch.results_summary

    def counted_read(path, *a, **k):
        calls["read"].append(Path(path).name)
        return read(path, *a, **k)

    def counted(name, fn):
        def wrapper(*a, **k):
            calls[name] += 1
            return fn(*a, **k)
        return wrapper

    monkeypatch.setattr(cli.batch, "read_scenario", counted_read)
    monkeypatch.setattr(cli.batch, "analyse", counted("analyse", analyse))
    monkeypatch.setattr(cli.batch, "results_summary", counted("summary", summary))
    code = main(["compare", str(folder), str(variants), "--out", str(tmp_path / "s.xlsx"),
                 "--parquet", str(tmp_path / "tables"), "--json", "--jobs", "1"])
    assert code == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert calls["read"] == ["a_sample.xlsx", "b_less_machinery.xlsx", "c_broken.xlsx", "variants.xlsx"]
    assert calls["analyse"] == calls["summary"] == 4  # a, b, and the two variants; c is not readable
    assert [r["variant"] for r in rows] == [None, None, None, "One", "Two"]


def test_a_failing_or_crashing_file_costs_only_itself(folder, tmp_path, monkeypatch):
    """A calculation that raises is that file's problem; a worker process that dies (as the
    native reader can) is retried alone and reported as crashed; the batch goes on."""
    import multiprocessing
    import os

    import cli.batch

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork to hand the patched reader to the workers")
    read, analyse = cli.batch.read_scenario, cli.batch.analyse

    def crashing_read(path, *a, **k):
        if Path(path).name == "crash.xlsx":
            os._exit(134)  # as an abort in native code would
        return read(path, *a, **k)

    def failing_analyse(scenario):
        if scenario.company.get("name") == "Second factory":
            raise ZeroDivisionError("boom")
        return analyse(scenario)

    monkeypatch.setattr(cli.batch, "read_scenario", crashing_read)
    monkeypatch.setattr(cli.batch, "analyse", failing_analyse)
    crash = tmp_path / "crash.xlsx"
    shutil.copy(SAMPLE, crash)
    files = [folder / "a_sample.xlsx", crash, folder / "b_less_machinery.xlsx", folder / "c_broken.xlsx",
             SAMPLE, folder / "a_sample.xlsx"]
    results = cli.batch.run_batch(files, 2, mp_context=multiprocessing.get_context("fork"))
    assert [Path(r.rows[0]["file"]).name for r in results] == [p.name for p in files]
    status = [r.rows[0]["status"] for r in results]
    assert status == ["ok", "errors: 1", "errors: 1", "errors: 1", "ok", "ok"]
    assert [p.code for p in results[1].problems] == ["limits.crashed"]
    assert [p.code for p in results[2].problems if p.severity == "error"] == ["internal.error"]
    assert "ZeroDivisionError" in results[2].problems[-1].message("en")
    assert results[0].rows[0]["total_tco2e"] == pytest.approx(SAMPLE_TOTAL)
    assert results[4].rows == [{**results[0].rows[0], "file": str(SAMPLE)}]
