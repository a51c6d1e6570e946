"""The least-cost plan in the results model (issue 15): the deck's case read from a real workbook
with a Budgets sheet, the sample's infeasible target and its shortfall, an exclusive pair, the
summary JSON, old workbooks and the plan inputs' problems.

Expected numbers are computed here from the seed digest's inputs (LED: 1,000 lamps 40 W → 20 W,
2,560 h × 0.9, 1,642 VND/kWh, 160,000,000 VND, 5 years; compressed air: 700,000 kWh × 20 %,
30,000,000 VND, 3 years; 0.8041 tCO2/MWh; 12 %; 5-year analysis), with numpy-financial's
conventions and the appraisal's rules (replacement when a life ends, straight-line salvage).
"""
from __future__ import annotations

import io
import json
import math
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from results.analyse import analyse
from results.summary import results_summary
from workbook.read import read_scenario
from workbook.write import write_scenario

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = read_scenario(ROOT / "sample_data" / "sample_factory_en.xlsx").scenario
RATE = 0.12
EF = 0.8041 / 1000                                   # tCO2 per kWh
LED_KWH = 1000 * (40 - 20) / 1000 * 2560 * 0.9       # 46,080 kWh
AIR_KWH = 700_000 * 0.20                             # 140,000 kWh
LED_MONEY, AIR_MONEY = LED_KWH * 1642, AIR_KWH * 1642
LED_CAPEX, AIR_CAPEX = 160_000_000.0, 30_000_000.0
E0 = 3299.33                                          # the deck's total, tCO2e


def npv(flows) -> float:
    return sum(v / (1 + RATE) ** t for t, v in enumerate(flows))


def flows(capex, saving, life, start, years=5) -> list[float]:
    """One measure's flows t = 0..years: investment at t = start, savings from t = start + 1, a
    replacement each time a life ends before the last year, straight-line salvage at the end."""
    out = [0.0] * (years + 1)
    out[start] -= capex
    for t in range(start + 1, years + 1):
        out[t] += saving
        if (t - start) % life == 0 and t < years:
            out[t] -= capex
    age = years - start
    out[years] += capex * (life - age % life) / life if age % life else 0.0
    return out


def one_target(pct: float) -> pd.DataFrame:
    targets = SAMPLE.table("Targets")
    return targets.iloc[:1].assign(reduction_pct=pct).reset_index(drop=True)


def through_workbook(scenario, lang="en"):
    result = read_scenario(write_scenario(scenario, lang), name=f"plan_{lang}.xlsx")
    assert result.ok, [p.message("en") for p in result.problems]
    return result.scenario


@pytest.fixture(scope="module")
def deck_case():
    """Target −4 % by 2030 (both measures needed) and 100,000,000 VND in 2022 (the LED's
    160,000,000 does not fit), read back from a real workbook with the Budgets sheet."""
    budgets = pd.DataFrame({"year": [2022], "budget": [100_000_000.0], "note": ["board approval"]})
    scenario = SAMPLE.with_table("Targets", one_target(4.0)).with_table("Budgets", budgets)
    back = through_workbook(scenario)
    assert back.table("Budgets")["budget"].tolist() == [100_000_000.0]
    return analyse(back)


def test_deck_case_budget_forces_the_led_a_year_later(deck_case):
    p = deck_case.plan
    plan = p.plan()
    assert plan.status == "optimal"
    assert dict(zip(plan.chosen["id"], plan.chosen["start_year"])) == {"M2": 2022, "M1": 2023}
    expected = npv(flows(AIR_CAPEX, AIR_MONEY, 3, 0)) + npv(flows(LED_CAPEX, LED_MONEY, 5, 1))
    assert plan.npv == pytest.approx(expected, rel=1e-9)
    assert plan.emissions.at[2030, "reduction_tco2e"] == pytest.approx((LED_KWH + AIR_KWH) * EF, rel=1e-9)
    assert plan.investment.at[2022, "investment"] == pytest.approx(AIR_CAPEX)
    assert plan.investment.at[2022, "budget"] == 100_000_000.0
    assert plan.investment.at[2023, "investment"] == pytest.approx(LED_CAPEX)
    assert np.isnan(plan.investment.at[2023, "budget"])
    # the user's own selection (LED 2022, air 2023) by the same objective: the deck's LED NPV
    # 112,749,480 plus the compressed air a year later; it breaks the 2022 budget
    own = p.own
    assert own.status == "given"
    assert npv(flows(LED_CAPEX, LED_MONEY, 5, 0)) == pytest.approx(112_749_480, abs=1)
    assert own.npv == pytest.approx(npv(flows(LED_CAPEX, LED_MONEY, 5, 0)) + npv(flows(AIR_CAPEX, AIR_MONEY, 3, 1)),
                                    rel=1e-9)
    assert own.npv == pytest.approx(float(deck_case.finance.portfolio["npv"]), rel=1e-12)  # same t = 0 here
    assert not p.own_within_budget()
    assert p.own_meets_target()
    cum = p.cumulative_cashflow()
    assert cum.loc[2021, "plan"] == pytest.approx(-AIR_CAPEX)
    assert cum["plan"].iloc[-1] == pytest.approx(sum(np.add(flows(AIR_CAPEX, AIR_MONEY, 3, 0),
                                                            flows(LED_CAPEX, LED_MONEY, 5, 1))))


def test_deck_case_every_year_ambition_and_break_even(deck_case):
    p = deck_case.plan
    assert p.plan(True).status in ("optimal", "infeasible")
    # 2022 asks for 4 %/9 of E0 = 14.7 t: the air leak alone (112.6 t) in 2022 meets every year
    assert p.plan(True).status == "optimal"
    amb = p.ambition
    assert amb["status"] == "ok"
    best = (LED_KWH + AIR_KWH) * EF
    assert amb["max_reduction_tco2e"] == pytest.approx(best, rel=1e-9)
    assert amb["max_level_pct"] == pytest.approx(100 * best / p.base_tco2e, rel=1e-9)
    costs = amb["curve"]["cost"].to_numpy(float)
    assert np.all(np.diff(costs) >= -1e-6 * np.abs(costs).max())          # non-decreasing
    marks = amb["marks"].set_index("mark")
    assert marks.at["target", "level_pct"] == pytest.approx(4.0)
    assert marks.at["wb2c", "level_pct"] == pytest.approx(2.5 * 9)
    assert marks.at["1.5c", "level_pct"] == pytest.approx(4.2 * 9)
    assert marks.at["target", "npv"] == pytest.approx(p.plan().npv, rel=1e-9)
    assert marks.at["wb2c", "status"] == "infeasible"
    assert p.break_even()["status"] == "pays_already"
    assert p.break_even()["carbon_price_per_tco2"] == 0.0


def test_sample_target_is_out_of_reach_and_the_shortfall_says_by_how_much():
    res = analyse(SAMPLE)
    plan = res.plan.plan()
    assert plan.status == "infeasible" and np.isnan(plan.npv) and plan.chosen.empty
    s = plan.shortfall
    best = (LED_KWH + AIR_KWH) * EF                                      # 149.63 t
    assert s["required_tco2e"] == pytest.approx(0.30 * E0, abs=0.01)
    assert s["best_reduction_tco2e"] == pytest.approx(best, rel=1e-9)
    assert s["shortfall_tco2e"] == pytest.approx(0.30 * E0 - best, abs=0.01)
    assert s["shortfall_pct"] == pytest.approx(100 * (0.30 * E0 - best) / E0, abs=0.001)
    assert plan.budget_needed is None                                   # no budget binds: more money won't help
    assert res.plan.break_even()["status"] == "infeasible"
    assert res.plan.own.npv == pytest.approx(float(res.finance.portfolio["npv"]), rel=1e-12)


def test_budget_needed_when_only_money_is_missing():
    budgets = pd.DataFrame({"year": [2022, 2023, 2024, 2025, 2026], "budget": [10_000_000.0] * 5, "note": [None] * 5})
    res = analyse(SAMPLE.with_table("Targets", one_target(4.0)).with_table("Budgets", budgets))
    plan = res.plan.plan()
    assert plan.status == "infeasible"
    need = plan.budget_needed
    assert need is not None
    # both measures once (air 30 M, LED 160 M) with the least extra money: 20 M + 150 M
    assert need["extra"].sum() == pytest.approx(LED_CAPEX + AIR_CAPEX - 2 * 10_000_000.0)


def test_an_exclusive_pair_is_never_combined():
    measures = SAMPLE.table("Measures")
    cfl = measures.iloc[[0]].assign(id="M3", name="CFL", capex_equipment=20_000.0, rate_after=28.0)
    both = pd.concat([measures, cfl], ignore_index=True)
    both["exclusive_group"] = ["lamps", None, "lamps"]
    res = analyse(SAMPLE.with_table("Targets", one_target(4.0)).with_table("Measures", both))
    plan = res.plan.plan()
    assert plan.status == "optimal"
    ids = set(plan.chosen["id"])
    assert "M2" in ids and len(ids & {"M1", "M3"}) == 1
    free = analyse(SAMPLE.with_table("Targets", one_target(4.0)).with_table("Measures", both.assign(exclusive_group=None)))
    assert free.plan.plan().npv >= plan.npv


def test_no_target_or_no_measures_gives_no_plan():
    assert analyse(SAMPLE.with_table("Targets", SAMPLE.table("Targets").iloc[:0])).plan is None
    assert analyse(SAMPLE.with_table("Measures", SAMPLE.table("Measures").iloc[:0])).plan is None


def test_summary_json_has_the_plan_and_is_strict(deck_case):
    def refuse(constant):
        raise ValueError(constant)

    for res in (deck_case, analyse(SAMPLE)):
        text = json.dumps(results_summary(res), allow_nan=False)
        plan = json.loads(text, parse_constant=refuse)["plan"]
        assert plan["target_year"] == 2030
        assert {"target_year_plan", "every_year_plan", "own_selection", "cost_of_ambition",
                "break_even_carbon_price", "budgets"} <= set(plan)
    sample = json.loads(json.dumps(results_summary(analyse(SAMPLE)), allow_nan=False))["plan"]
    assert sample["target_year_plan"]["status"] == "infeasible"
    assert sample["target_year_plan"]["npv"] is None
    assert sample["target_year_plan"]["shortfall"]["shortfall_tco2e"] == pytest.approx(
        0.30 * E0 - (LED_KWH + AIR_KWH) * EF, abs=0.01)
    deck = json.loads(json.dumps(results_summary(deck_case), allow_nan=False))["plan"]
    assert [(c["id"], c["start_year"]) for c in deck["target_year_plan"]["chosen"]] == [("M2", 2022), ("M1", 2023)]
    assert deck["budgets"][0] == {"year": 2022, "budget": 100_000_000.0}
    assert summary_no_plan() is None


def summary_no_plan():
    return results_summary(analyse(SAMPLE.with_table("Measures", SAMPLE.table("Measures").iloc[:0])))["plan"]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_old_workbook_without_the_plan_columns_and_sheet_reads_the_same(lang):
    book = openpyxl.load_workbook(io.BytesIO(write_scenario(SAMPLE, lang)))
    from workbook.schema import SHEETS
    del book[SHEETS["Budgets"].label(lang)]
    ws = book[SHEETS["Measures"].label(lang)]
    labels = {SHEETS["Measures"].column(k).label(lang) for k in ("earliest_start", "latest_start", "exclusive_group")}
    for col in sorted((c.column for c in ws[1] if any(str(c.value or "").startswith(lab) for lab in labels)),
                      reverse=True):
        ws.delete_cols(col)
    out = io.BytesIO()
    book.save(out)
    result = read_scenario(out.getvalue(), name="old.xlsx")
    assert result.ok and not [p for p in result.problems if p.code.startswith(("column.", "plan.", "budget."))]
    assert result.scenario.table("Budgets").empty
    assert analyse(result.scenario).plan.own.npv == pytest.approx(analyse(SAMPLE).plan.own.npv, rel=1e-12)


def test_plan_inputs_problems_are_located_in_both_languages():
    measures = SAMPLE.table("Measures").assign(earliest_start=pd.array([2025, 2040], dtype="Int64"),
                                               latest_start=pd.array([2024, 2099], dtype="Int64"))
    budgets = pd.DataFrame({"year": [2023, 2023, 2300], "budget": [5.0, -1.0, 1.0], "note": [None] * 3})
    scenario = SAMPLE.with_table("Measures", measures).with_table("Budgets", budgets)
    res = analyse(scenario)
    found = {(p.code, p.sheet, p.row, p.column) for p in res.plan.problems}
    assert ("plan.start_window", "Measures", 2, "latest_start") in found
    assert ("plan.year_range", "Measures", 3, "latest_start") in found          # 2099 > 2021 + 50
    assert ("budget.negative", "Budgets", 3, "budget") in found
    assert ("budget.duplicate_year", "Budgets", 3, "year") in found
    assert ("plan.year_range", "Budgets", 4, "year") in found
    for p in res.plan.problems:
        assert p.message("en") and p.message("vi") and p.message("en") != p.message("vi")
    # the same rules on reading a workbook: an error for the window, before the scenario opens
    read = read_scenario(write_scenario(SAMPLE.with_table("Measures", measures), "vi"), name="bad.xlsx")
    assert any(p.code == "plan.start_window" and p.sheet == "Measures" for p in read.problems)
    # a negative budget counts as 0, two rows of a year add up
    assert res.plan.budgets.loc[2023] == 5.0
    assert math.isclose(res.plan.problem.budgets[list(res.plan.problem.years).index(2023)], 5.0)
