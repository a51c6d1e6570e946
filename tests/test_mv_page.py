"""AppTest of the M&V page: the model and verdict, savings, edits of meter data and the 5W1H plan."""
import numpy as np
import pytest

from apptest_support import setting_key, current_scenario, new_app, open_scenario, plotly_figures
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
    open_scenario(at, SAMPLE.with_table("Metering", SAMPLE.table("Metering").iloc[6:].reset_index(drop=True)))
    at.switch_page("pages/mv.py").run()
    assert not at.exception
    assert any("Fewer than 12 baseline months" in w.value for w in at.warning)


def test_ipmvp_guide():
    at = open_mv()
    at.checkbox(key=setting_key("mv_q.isolated")).check().run()
    at.checkbox(key=setting_key("mv_q.key_parameters_measurable")).check().run()
    assert any(s.value.startswith("Option A") for s in at.success)
    at.checkbox(key=setting_key("mv_q.all_parameters_measured")).check().run()
    assert any(s.value.startswith("Option B") for s in at.success)


def test_change_point_model_and_drivers():
    at = open_mv()
    at.radio(key=setting_key("mv.kind")).set_value("3p_cooling").run()
    assert not at.exception
    at.radio(key=setting_key("mv.kind")).set_value("ols").run()
    at.multiselect(key=setting_key("mv.drivers")).set_value(["cdd"]).run()
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
    actions = current_scenario(at).table("Actions")
    assert (actions.loc[0, "status"], actions.loc[0, "corrective_action"]) == ("late", "Order spare tubes")
    gantt = plotly_figures(at)[-1]
    assert "Late" in [d.get("name") for d in gantt["data"]]


def test_month_indicators_can_be_added():
    at = open_mv()
    at.checkbox(key=setting_key("mv.months")).check().run()
    assert not at.exception
    # 12 baseline months cannot carry intercept + production + CDD + 11 month indicators
    assert any("Too few points" in w.value for w in at.warning)
    assert not any("Coefficient" in df.value.columns for df in at.dataframe)


# -- the page reads MVResults; settings live in the scenario ----------------------------------------
def analyse(scenario):
    """The scenario's MVResults, computed here apart from the page."""
    from calc.factors import scenario_factor_table
    from calc.measures import measure_savings
    from results.mv import analyse_mv

    table, _ = scenario_factor_table(scenario.company, scenario.table("Factors"))
    return analyse_mv(scenario, table, measure_savings(scenario.table("Measures"), table))


def number(text: str) -> float:
    """An English-formatted shown number ("184,573", "99%") as a float."""
    return float(text.replace(",", "").rstrip("%"))


def test_shown_kpis_equal_the_mv_results():
    at = open_mv()
    m = analyse(current_scenario(at)).first
    cards = {c.label: c for c in at.metric}
    money = cards.pop("Money saved (VND)")  # a compact unit on the card, the exact value as its tooltip
    shown = {k: number(c.value) for k, c in cards.items()}
    assert shown == {"Avoided energy (kWh)": round(m.avoided_total), "TOE": round(m.verified_toe, 2),
                     "tCO2e avoided": round(m.verified_tco2e, 2), "Realisation rate": round(m.realisation_rate * 100)}
    assert 1e8 <= m.verified_money < 1e9 and money.value == f"{m.verified_money / 1e6:.0f} million"
    assert money.proto.help == f"Exact value: {m.verified_money:,.0f} VND"
    fsu = next(md.value for md in at.markdown if md.value.startswith("Savings uncertainty"))
    assert f"±{m.fsu_pct[0.90]:.1f} % (90 %)" in fsu


def test_settings_are_written_to_the_scenario_and_survive_a_language_switch():
    at = open_mv()
    at.multiselect(key=setting_key("mv.drivers")).set_value(["cdd"]).run()
    at.radio(key=setting_key("mv.kind")).set_value("3p_cooling").run()
    at.expander[0].checkbox(key=setting_key("mv_q.isolated")).check().run()
    fields = current_scenario(at).fields["MV"]
    assert (fields["drivers"], fields["model"], fields["ipmvp_isolated"]) == ("cdd", "3p_cooling", "yes")
    assert at.session_state["scenario_edited"]
    at.sidebar.radio(key="sidebar_lang").set_value("vi").run()
    assert not at.exception
    assert at.multiselect(key=setting_key("mv.drivers")).value == ["cdd"]
    assert at.radio(key=setting_key("mv.kind")).value == "3p_cooling"
    assert at.checkbox(key=setting_key("mv_q.isolated")).value
    m = analyse(current_scenario(at)).first
    assert m.kind == "3p_cooling" and kpis(at)["Năng lượng tránh được (kWh)"] == f"{m.avoided_total:,.0f}".replace(",", ".")
    at.multiselect(key=setting_key("mv.drivers")).set_value([]).run()
    assert current_scenario(at).fields["MV"]["drivers"] == "none"


def test_a_planning_only_factory_still_reaches_the_5w1h_plan():
    at = new_app("en").run()
    open_scenario(at, SAMPLE.with_table("Metering", SAMPLE.table("Metering").iloc[0:0]))
    at.switch_page("pages/mv.py").run()
    assert not at.exception
    assert any(i.value.startswith("Not enough meter data") for i in at.info)
    assert not at.metric and not any("Coefficient" in df.value.columns for df in at.dataframe)
    assert any("Expected saving/yr" in df.value.columns for df in at.dataframe)  # the KPI table
    assert len(plotly_figures(at)) == 1  # the Gantt chart
    assert any(s.value.startswith("Option C") for s in at.success)


def lpg_meter():
    m = SAMPLE.table("Metering").copy()
    m["energy"] = 2_000 + 0.05 * m["production"] + np.tile([30.0, -20.0, 10.0, -25.0, 15.0, -10.0], 4)
    m.loc[m["period"] == "reporting", "energy"] -= 100.0
    m["fuel"], m["unit"], m["cdd"] = "lpg", "kg", np.nan
    return m


def test_several_meters_have_a_picker():
    import pandas as pd
    at = new_app("en").run()
    scenario = SAMPLE.with_table("Metering", pd.concat([SAMPLE.table("Metering"), lpg_meter()], ignore_index=True))
    open_scenario(at, scenario)
    at.switch_page("pages/mv.py").run()
    assert not at.exception
    assert kpis(at)["Avoided energy (kWh)"] == f"{analyse(scenario).meters[0].avoided_total:,.0f}"
    at.selectbox(key=setting_key("mv.meter")).set_value(1).run()
    assert not at.exception
    lpg = analyse(scenario).meters[1]
    assert kpis(at)["Avoided energy (kg)"] == f"{lpg.avoided_total:,.0f}"
    assert at.multiselect(key=setting_key("mv.drivers")).value == ["production"]  # this meter's default drivers


def test_an_adjustment_is_written_to_its_sheet_and_raises_the_savings():
    at = open_mv()
    before = analyse(current_scenario(at)).first.avoided_total
    at.session_state[f"mv_adjust_{at.session_state['scenario_version']}"] = {
        "edited_rows": {}, "added_rows": [{"period_start": "2023-03-01", "amount": 5000.0, "note": "New line"}],
        "deleted_rows": []}
    at.run()
    assert not at.exception
    table = current_scenario(at).table("Adjustments")
    assert table[["amount", "note"]].values.tolist() == [[5000.0, "New line"]]
    assert str(table.loc[0, "period_start"].date()) == "2023-03-01"
    assert kpis(at)["Avoided energy (kWh)"] == f"{before + 5000:,.0f}"


def test_an_all_zero_heating_column_is_left_out_with_a_note():
    at = new_app("en").run()
    open_scenario(at, SAMPLE.with_table("Metering", SAMPLE.table("Metering").assign(hdd=0.0)))
    at.switch_page("pages/mv.py").run()
    assert not at.exception
    assert any(w.value.startswith("Heating degree days: 0 in every baseline month") for w in at.warning)
    coefficients = next(df.value for df in at.dataframe if "Coefficient" in df.value.columns)
    assert coefficients["Variable"].tolist() == ["Intercept", "Production", "Cooling degree days"]
