"""AppTest of the finance page: the deck's LED numbers, every control writes back and recomputes."""
import json

import pytest

from apptest_support import setting_key, type_number, new_app, plotly_figures, current_scenario, open_scenario

LED_CAPEX, LED_SAVING = 160_000_000, 75_663_360
AIR_CAPEX, AIR_SAVING = 30_000_000, 140_000 * 1642


def annuity(rate, years):
    return (1 - (1 + rate) ** -years) / rate


def open_finance(lang="en"):
    at = new_app(lang).run()
    at.switch_page("pages/finance.py").run()
    assert not at.exception and not at.error
    return at


def indicators(at):
    return next(df.value for df in at.dataframe if list(df.value.columns)[0] in ("Measure", "Giải pháp"))


def options(at):
    return next(df.value for df in at.dataframe if list(df.value.columns)[0] in ("Option", "Phương án"))


def led(at):
    table = indicators(at)
    return table[table.iloc[:, 0].str.startswith("M1")].iloc[0]


def test_led_case_of_the_deck_and_no_edit_on_visit():
    at = open_finance()
    row = led(at)
    assert (row["Simple payback (yr)"], row["NPV (VND)"], row["IRR"]) == ("2.11", "112,749,480", "37.76%")
    assert at.session_state["scenario_edited"] is False
    assert len(plotly_figures(at)) == 5  # cash flow, NPV curve, options, tornado, Monte Carlo


def test_vietnamese_numbers():
    row = led(open_finance("vi"))
    assert (row["Hoàn vốn giản đơn (năm)"], row["NPV (VND)"], row["IRR"]) == ("2,11", "112.749.480", "37,76 %")


def test_deciding_numbers_first_name_pinned_and_portfolio_kpis():
    at = open_finance()
    shown = next(df for df in at.dataframe if list(df.value.columns)[0] == "Measure")
    assert list(shown.value.columns[:6]) == ["Measure", "NPV (VND)", "IRR", "Simple payback (yr)", "ROI", "B/C"]
    config = json.loads(shown.proto.columns)
    assert config["Measure"]["pinned"] is True
    portfolio = shown.value.iloc[-1]
    kpis = {m.label: m for m in at.metric}
    assert kpis["Portfolio IRR"].value == portfolio["IRR"]
    assert kpis["Simple payback (yr)"].value == portfolio["Simple payback (yr)"]
    npv = kpis["Portfolio NPV (VND)"]
    assert npv.value.endswith(" million") and portfolio["NPV (VND)"] in npv.proto.help  # exact value as tooltip
    assert float(npv.value.split()[0]) == pytest.approx(float(portfolio["NPV (VND)"].replace(",", "")) / 1e6, abs=0.5)


def test_discount_rate_writes_back_and_changes_npv():
    at = open_finance()
    type_number(at, "fin.discount_rate_pct", "10")
    assert not at.exception
    assert current_scenario(at).fields["Finance"]["discount_rate_pct"] == 10.0
    assert led(at)["NPV (VND)"] == f"{-LED_CAPEX + LED_SAVING * annuity(0.10, 5):,.0f}"


def test_carbon_price_adds_to_the_savings():
    at = open_finance()
    type_number(at, "fin.carbon_price_per_tco2", "200,000")
    extra = 200_000 * 46_080 * 0.8041e-3  # carbon price × tCO2e per year
    assert led(at)["NPV (VND)"] == f"{-LED_CAPEX + (LED_SAVING + extra) * annuity(0.12, 5):,.0f}"


def test_escalation_and_analysis_years():
    at = open_finance()
    type_number(at, "fin.energy_price_escalation_pct", "5")
    pv = sum(LED_SAVING * 1.05 ** (t - 1) / 1.12 ** t for t in range(1, 6))
    assert led(at)["NPV (VND)"] == f"{-LED_CAPEX + pv:,.0f}"
    type_number(at, "fin.analysis_years", "10")
    assert current_scenario(at).fields["Finance"]["analysis_years"] == 10
    assert not at.exception


def test_financing_controls_write_the_financing_sheet_and_change_the_options():
    at = open_finance()
    opts = options(at)
    assert opts["Option"].tolist() == ["Cash (equity)", "Bank loan", "ESCO shared savings"]
    total = LED_CAPEX  # the investment at t = 0 (2022); compressed air invests in 2023, inside the flows
    assert opts.iloc[1]["Upfront cost (VND)"] == f"{total * 0.3:,.0f}"  # 70 % loan by default
    type_number(at, "fng.loan_pct", "50")
    assert options(at).iloc[1]["Upfront cost (VND)"] == f"{total * 0.5:,.0f}"
    type_number(at, "fng.grant_pct", "20")
    labels = options(at)["Option"].tolist()
    assert "With incentives" in labels and "Loan + incentives" in labels
    sheet = current_scenario(at).table("Financing")
    assert set(sheet["type"]) == {"loan", "grant", "esco_shared_savings"}
    assert sheet.loc[sheet["type"] == "grant", "pct_of_capex"].item() == 20.0


def test_picking_one_measure_shows_its_cash_flow():
    at = open_finance()
    at.selectbox(key=setting_key("fin.pick")).set_value(0).run()  # by position: the first measure, M1
    bars = plotly_figures(at)[0]["data"][0]["y"]
    assert bars == pytest.approx([-LED_CAPEX] + [LED_SAVING] * 5)
    assert any("IRR by hand" in c.value for c in at.caption)


def test_budget_selects_the_best_measures_within_it():
    at = open_finance()
    type_number(at, "fwi.budget", "40,000,000")
    assert current_scenario(at).fields["Finance"]["budget"] == 40_000_000.0  # kept in the scenario
    assert any("Selected: M2;" in m.value for m in at.markdown)  # only the 30 M compressed-air fits


def test_financing_rows_the_form_does_not_edit_are_kept():
    from workbook.model import empty_table
    import pandas as pd
    at = new_app("en")
    at.run()
    scenario = current_scenario(at)
    base = empty_table("Financing")
    own = pd.DataFrame([{**{c: None for c in base.columns}, "measure_id": "*", "type": "esco_guaranteed_savings",
                         "contract_years": 3.0}]).astype(base.dtypes.to_dict())
    open_scenario(at, scenario.with_table("Financing", own))
    at.switch_page("pages/finance.py").run()
    assert "ESCO guaranteed savings" in options(at)["Option"].tolist()
    type_number(at, "fng.loan_pct", "40")
    sheet = current_scenario(at).table("Financing")
    assert "esco_guaranteed_savings" in set(sheet["type"]) and "loan" in set(sheet["type"])
    assert "ESCO guaranteed savings" in options(at)["Option"].tolist()


def test_monte_carlo_ranges_widen_the_spread():
    at = open_finance()
    stats = lambda: next(c.value for c in at.caption if c.value.startswith("NPV P10"))  # noqa: E731
    narrow = stats()
    type_number(at, "fwi.mc_energy_price_pct", "50")
    assert not at.exception and stats() != narrow
    type_number(at, "fwi.mc_energy_price_pct", "0")
    type_number(at, "fwi.mc_saving_pct", "0")
    type_number(at, "fwi.mc_capex_pct", "0")
    npv = indicators(at).iloc[-1]["NPV (VND)"]  # zero-width ranges: every draw is the portfolio NPV
    assert stats().startswith(f"NPV P10 / P50 / P90: {npv} / {npv} / {npv}")


def test_budget_by_tco2e_and_the_profitability_ranking():
    at = open_finance()
    type_number(at, "fwi.budget", "160,000,000")
    at.radio(key=setting_key("fwi.budget_goal")).set_value("tco2e").run()
    assert current_scenario(at).fields["Finance"]["budget_goal"] == "tco2e"
    # either measure alone fits; the compressed-air fix cuts more (112.57 vs 37.05 t/yr)
    assert any("Selected: M2;" in m.value and "112.6 tCO2e/yr" in m.value for m in at.markdown)
    rank = next(df.value for df in at.dataframe if "Profitability index" in df.value.columns)
    assert rank["Measure"].tolist() == ["M2", "M1"]  # PI = (NPV + capex) / capex


def test_esco_flows_add_up_to_the_project():
    at = open_finance()
    table = next(df.value for df in at.dataframe if "Customer" in df.value.index)
    total = [float(c.replace(",", "")) + float(e.replace(",", "")) for c, e in
             zip(table.loc["Customer"], table.loc["ESCO"])]
    # the project's flows: LED invests at t = 0, compressed air in year 1 and saves from year 2
    assert total[0] == -LED_CAPEX and total[1] == pytest.approx(LED_SAVING - AIR_CAPEX)
    assert total[2] == pytest.approx(LED_SAVING + AIR_SAVING)


def test_loan_kind_grace_and_tax_credit_controls():
    at = open_finance()
    at.selectbox(key=setting_key("fng.loan_kind")).set_value("equal_principal").run()
    type_number(at, "fng.loan_grace", "1")
    type_number(at, "fng.tax_credit_pct", "30")
    assert not at.exception
    sheet = current_scenario(at).table("Financing")
    loan = sheet[sheet["type"] == "loan"].iloc[0]
    assert (loan["loan_kind"], loan["grace_years"]) == ("equal_principal", 1.0)
    assert sheet.loc[sheet["type"] == "tax_credit", "pct_of_capex"].item() == 30.0
    assert "With incentives" in options(at)["Option"].tolist()
    schedule = next(df.value for df in at.dataframe if "DSCR" in df.value.columns)
    loan_amount = 0.7 * LED_CAPEX  # the investment at t = 0
    # grace year: interest only; then equal principal over 3 years
    assert schedule.iloc[0]["Principal"] == "0" and schedule.iloc[0]["Interest"] == f"{loan_amount * 0.10:,.0f}"
    assert schedule.iloc[1]["Principal"] == f"{loan_amount / 3:,.0f}"
    # DSCR: the project's net flow of the year (year 2: both measures saving) over the payment
    assert schedule.iloc[1]["DSCR"] == f"{(LED_SAVING + AIR_SAVING) / (loan_amount / 3 + loan_amount * 0.10):,.2f}"
    # year 1 carries the compressed-air investment: its cover is the net flow, not the gross saving
    assert schedule.iloc[0]["DSCR"] == f"{(LED_SAVING - AIR_CAPEX) / (loan_amount * 0.10):,.2f}"


def test_esco_guaranteed_savings_pays_the_shortfall():
    at = open_finance()
    type_number(at, "fwi.esco_actual_saving_pct", "60")
    table = next(df.value for df in at.dataframe
                 if "Customer" in df.value.index and df.value.loc["Customer"].iloc[0].startswith("-"))
    saving = LED_SAVING + AIR_SAVING  # year 2: both measures save
    fee = 0.10 * saving  # the default guarantee fee, 10 % of the guaranteed saving
    # the customer invests, keeps 60 % of the saving plus the ESCO's shortfall payment, pays the fee
    assert table.loc["Customer"].iloc[2] == f"{saving - fee:,.0f}"
    assert table.loc["ESCO"].iloc[2] == f"{fee - 0.4 * saving:,.0f}"


def test_cash_option_is_the_appraisal_of_the_table():
    at = open_finance()
    assert options(at).iloc[0]["NPV (VND)"] == indicators(at).iloc[-1]["NPV (VND)"]
