"""AppTest of the M&V page: the model and verdict, savings, edits of meter data and the 5W1H plan."""
import numpy as np
import pytest

from apptest_support import new_app, plotly_figures
from paths import SAMPLES
from workbook.read import read_scenario

SAMPLE = read_scenario(SAMPLES / "sample_factory_en.xlsx").scenario


def expected_avoided(metering):
    """OLS of energy on production and CDD over the baseline (normal equations), applied to the
    reporting months: Σ (prediction − measured)."""
    base = metering[metering["period"] == "baseline"]
    rep = metering[metering["period"] == "reporting"]
    X = np.column_stack([np.ones(len(base)), base["production"], base["cdd"]])
    beta = np.linalg.solve(X.T @ X, X.T @ base["energy"].to_numpy())
    Xr = np.column_stack([np.ones(len(rep)), rep["production"], rep["cdd"]])
    return float((Xr @ beta - rep["energy"].to_numpy()).sum())


def open_mv(lang="en"):
    at = new_app(lang).run()
    at.switch_page("pages/mv.py").run()
    assert not at.exception and not at.error
    return at


def kpis(at):
    return {m.label: m.value for m in at.metric}


def test_model_verdict_and_savings_of_the_sample():
    at = open_mv()
    assert kpis(at)["Avoided energy (kWh)"] == f"{expected_avoided(SAMPLE.table('Metering')):,.0f}"
    assert any(s.value.startswith("Pass: R²") for s in at.success)
    coefficients = next(df.value for df in at.dataframe if "Coefficient" in df.value.columns)
    assert coefficients["Variable"].tolist() == ["Intercept", "Production", "Cooling degree days"]
    # 186,080 kWh expected from the LED and compressed-air measures in 2023
    assert kpis(at)["Realisation rate"] == f"{expected_avoided(SAMPLE.table('Metering')) / 186_080 * 100:.0f}%"
    assert len(plotly_figures(at)) == 5  # baseline chart, residuals, cumulative, scatter, Gantt


def test_vietnamese():
    at = open_mv("vi")
    assert any(s.value.startswith("Đạt: R²") for s in at.success)


def test_editing_a_reporting_month_changes_the_savings():
    at = new_app("en").run()
    at.switch_page("pages/mv.py").run()
    metering = SAMPLE.table("Metering").copy()
    metering.loc[12, "energy"] -= 10_000  # January 2023 used 10,000 kWh less
    at.session_state[f"mv_editor_{at.session_state['scenario_version']}"] = {
        "edited_rows": {12: {"energy": float(metering.loc[12, "energy"])}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert kpis(at)["Avoided energy (kWh)"] == f"{expected_avoided(metering):,.0f}"


def test_a_short_baseline_is_flagged_and_nothing_breaks():
    at = new_app("en").run()
    at.session_state["scenario"] = SAMPLE.with_table("Metering", SAMPLE.table("Metering").iloc[6:].reset_index(drop=True))
    at.switch_page("pages/mv.py").run()
    assert not at.exception
    assert any("Fewer than 12 baseline months" in w.value for w in at.warning)


def test_ipmvp_guide():
    at = open_mv()
    at.checkbox(key="mv_q_isolated_en").check().run()
    at.checkbox(key="mv_q_key_parameters_measurable_en").check().run()
    assert any(s.value.startswith("Option A") for s in at.success)
    at.checkbox(key="mv_q_all_parameters_measured_en").check().run()
    assert any(s.value.startswith("Option B") for s in at.success)


def test_change_point_model_and_drivers():
    at = open_mv()
    at.radio(key="mv_kind_en").set_value("3p_cooling").run()
    assert not at.exception
    at.radio(key="mv_kind_en").set_value("ols").run()
    at.multiselect(key="mv_drivers_en").set_value(["cdd"]).run()
    assert not at.exception
    coefficients = next(df.value for df in at.dataframe if "Coefficient" in df.value.columns)
    assert coefficients["Variable"].tolist() == ["Intercept", "Cooling degree days"]


def test_5w1h_plan_edits_write_the_actions_sheet():
    at = new_app("en").run()
    at.switch_page("pages/mv.py").run()
    at.session_state[f"mv_plan_{at.session_state['scenario_version']}"] = {
        "edited_rows": {0: {"status": "late", "corrective_action": "Order spare tubes"}}, "added_rows": [],
        "deleted_rows": []}
    at.run()
    assert not at.exception
    actions = at.session_state["scenario"].table("Actions")
    assert (actions.loc[0, "status"], actions.loc[0, "corrective_action"]) == ("late", "Order spare tubes")
    gantt = plotly_figures(at)[-1]
    assert "Late" in [d.get("name") for d in gantt["data"]]


def test_month_indicators_can_be_added():
    at = open_mv()
    at.checkbox(key="mv_months_en").check().run()
    assert not at.exception
    # 12 baseline months cannot carry intercept + production + CDD + 11 month indicators
    assert any("Too few points" in w.value for w in at.warning)
    assert not any("Coefficient" in df.value.columns for df in at.dataframe)
