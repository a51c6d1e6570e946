"""The least-cost plan page (AppTest, both languages): the numbers are the results model's, the
plan is saved as a new variant, and the page never fails (no target, no measures, every year)."""
from __future__ import annotations

import pandas as pd
import pytest
from apptest_support import current_scenario, new_app, open_scenario, setting_key

from results.analyse import analyse
from tests.test_plan_results import SAMPLE, one_target
from ui.i18n import t
from views.format import fmt_num

BUDGETS = pd.DataFrame({"year": [2022], "budget": [100_000_000.0], "note": [None]})
DECK = SAMPLE.with_table("Targets", one_target(4.0)).with_table("Budgets", BUDGETS)


def plan_page(scenario, lang):
    at = new_app(lang)
    open_scenario(at, scenario)
    at.run()
    at.switch_page("pages/plan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chosen(at, lang):
    """The chosen measures' table (found by its columns: a read-only table has no key)."""
    cols = t("plan.chosen_cols", lang, cur="VND", year=2030).split("|")
    return next(d.value for d in at.dataframe if list(d.value.columns) == cols), cols


def metric(at, label):
    return next(m for m in at.metric if m.label == label)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_page_shows_the_models_plan_and_saves_it_as_a_variant(lang):
    p = analyse(DECK).plan
    plan, cur = p.plan(), "VND"
    at = plan_page(DECK, lang)
    exact = lambda v: f"{fmt_num(v, lang, 0)} {cur}"  # noqa: E731 - the KPI card's tooltip
    assert exact(plan.npv) in metric(at, t("plan.kpi_npv_plan", lang, cur=cur)).proto.help
    assert exact(p.own.npv) in metric(at, t("plan.kpi_npv_own", lang, cur=cur)).proto.help
    assert metric(at, t("plan.kpi_t_plan", lang, year=2030)).value == fmt_num(
        plan.emissions.at[2030, "reduction_tco2e"], lang, 1)
    # investment over the path: the air leak twice (2022, its 3-year life renewed in 2025), the LED once
    assert plan.total_investment == pytest.approx(2 * 30_000_000 + 160_000_000)
    assert exact(plan.total_investment) in metric(at, t("plan.kpi_capex_plan", lang, cur=cur)).proto.help
    assert any(fmt_num(plan.npv, lang, 0) in s.value for s in at.success)
    table, cols = chosen(at, lang)
    assert table[cols[0]].tolist() == plan.chosen["id"].tolist() == ["M2", "M1"]
    assert table[cols[2]].tolist() == ["2022", "2023"]
    assert table[cols[5]].tolist() == [fmt_num(v, lang, 0) for v in plan.chosen["npv"]]
    at.button(key="plan_save").click().run()
    assert not at.exception
    variants = at.session_state["variants"]
    assert len(variants) == 2 and at.session_state["variant"] == t("plan.variant_stem", lang)
    saved = current_scenario(at).table("Measures")
    assert saved["id"].tolist() == ["M2", "M1"] and saved["start_year"].tolist() == [2022, 2023]
    assert any(t("plan.variant_stem", lang) in s.value for s in at.success)
    # the saved variant's own selection is the plan: the same NPV by the same objective
    assert analyse(current_scenario(at)).plan.own.npv == pytest.approx(plan.npv, rel=1e-9)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_infeasible_every_year_no_target_no_measures_never_fail(lang):
    at = plan_page(SAMPLE, lang)                                  # the sample: −30 % is out of reach
    assert any(fmt_num(analyse(SAMPLE).plan.plan().shortfall["shortfall_tco2e"], lang, 1) in e.value for e in at.error)
    assert metric(at, t("plan.kpi_npv_plan", lang, cur="VND")).value == "–"
    at.radio(key=setting_key("plan.mode")).set_value("every_year").run()
    assert not at.exception
    at = plan_page(DECK, lang)
    at.radio(key=setting_key("plan.mode")).set_value("every_year").run()
    assert not at.exception and len(chosen(at, lang)[0])
    at = plan_page(SAMPLE.with_table("Targets", SAMPLE.table("Targets").iloc[:0]), lang)
    assert any(t("plan.no_target", lang) in i.value for i in at.info)
    at = plan_page(SAMPLE.with_table("Measures", SAMPLE.table("Measures").iloc[:0]), lang)
    assert any(t("plan.no_measures", lang, base=2021) in i.value for i in at.info)


def test_editing_the_budgets_table_changes_the_plan():
    at = plan_page(DECK, "en")
    at.session_state[[k for k in at.session_state if str(k).startswith("plan_budgets_")][0]] = {
        "edited_rows": {0: {"budget": "200,000,000"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert current_scenario(at).table("Budgets")["budget"].tolist() == [200_000_000.0]
    table, cols = chosen(at, "en")
    assert table[cols[2]].tolist() == ["2022", "2022"]
