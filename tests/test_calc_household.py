"""Household scenario (Massachusetts): every expected number is computed here from the stated inputs
and factors.md §6, not taken from calc.household."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc.factors import load_library
from calc.household import (TIERS, defaults, energy_burden_pct, evaluate_household, heat_pump_kwh, hp_rebate,
                            income_tier, load_parameters, parameter_table, scenario_table, smi60_usd,
                            tax_credit_25c, weatherization_incentive)

# factors.md §6 and the brief's example assumptions
OIL_KG_PER_GAL, MMBTU_PER_GAL, KWH_PER_MMBTU = 10.21, 0.138, 293.071
GRID_T_PER_MWH = 543.2 * 0.45359237 / 1000  # eGRID2023 NEWE, lb → t
GAL, OIL_PRICE, ELEC_PRICE, OTHER_KWH = 470.0, 4.00, 0.30, 7000.0
ETA, COP, WX_CUT, WX_COST, HP_COST, TONS = 0.83, 2.8, 0.15, 6000.0, 18000.0, 3.0
SMI60 = {1: 49196.0, 2: 64333.0, 4: 94608.0}
HP_KWH = GAL * MMBTU_PER_GAL * ETA / COP * KWH_PER_MMBTU


def hh(**inputs):
    return evaluate_household(inputs)


# -- data file -----------------------------------------------------------------------------------
def test_every_number_has_a_source_and_a_status():
    raw = load_parameters()
    rows = [*raw["param"].values(), *raw["smi60"]]
    for row in rows:
        assert isinstance(row["source"], str) and len(row["source"]) > 10, row
        assert row["status"] in {"C-P", "C-S", "D", "U"}, row
    assert raw["version"]
    table = parameter_table()
    assert table["status"].notna().all() and len(table) == len(rows)


@pytest.mark.parametrize("name, status", [
    ("oil_gallons", "C-P"), ("oil_kgco2_per_gal", "C-P"), ("grid_tco2_per_mwh", "C-S"),
    ("hp_rebate_per_ton", "C-P"), ("hp_rebate_cap", "C-P"), ("hp_rebate_enhanced_cap", "C-P"),
    ("income_eligible_share_pct", "C-P"), ("tax_credit_pct", "C-P"), ("tax_credit_cap", "C-P"),
    ("burden_high_pct", "C-S"), ("burden_severe_pct", "C-S"), ("smi80_over_smi60", "D"),
    # the brief's assumptions: unconfirmed, shown as such
    ("oil_price", "U"), ("electricity_price", "U"), ("other_kwh", "U"), ("cop", "U"), ("furnace_efficiency", "U"),
    ("hp_cost", "U"), ("hp_tons", "U"), ("weatherization_cut_pct", "U"), ("weatherization_cost", "U"),
    ("weatherization_incentive_pct", "U"), ("loan_rate_pct", "U"), ("loan_years", "U"), ("loan_max", "U"),
])
def test_statuses_follow_factors_md(name, status):
    assert parameter_table().loc[name, "status"] == status


def test_ma_specific_oil_use_is_marked_unconfirmed():
    assert "MA-specific" in parameter_table().loc["oil_gallons", "source"]


def test_defaults_are_the_briefs_values():
    d = defaults()
    assert (d["oil_gallons"], d["oil_price"], d["electricity_price"], d["other_kwh"]) == (GAL, OIL_PRICE, ELEC_PRICE,
                                                                                           OTHER_KWH)
    assert (d["furnace_efficiency"], d["cop"], d["hp_cost"], d["hp_tons"]) == (ETA, COP, HP_COST, TONS)
    assert d["weatherization_cut_pct"] == 15.0 and d["weatherization_incentive_pct"] == 75.0


def test_factors_agree_with_the_factor_library():
    f = load_library().factors
    oil = f[(f["fuel"] == "heating_oil") & (f["unit"] == "gal")].iloc[0]["tco2e_per_unit"]
    grid = f[(f["fuel"] == "electricity_grid_newe") & (f["unit"] == "MWh")].iloc[0]["tco2e_per_unit"]
    p = defaults()
    assert p["oil_kgco2_per_gal"] / 1000 == pytest.approx(oil)
    assert p["grid_tco2_per_mwh"] == pytest.approx(grid) == pytest.approx(GRID_T_PER_MWH, rel=1e-5)
    assert p["oil_kgco2_per_gal"] == pytest.approx(MMBTU_PER_GAL * 73.96, abs=0.005)
    assert p["kwh_per_mmbtu"] == pytest.approx(1e6 * 1055.05585262 / 3.6e6, abs=1e-3)


# -- energy and emissions ------------------------------------------------------------------------
def test_baseline_oil_emissions_470_gal():
    before = hh()["before"]
    assert before["oil_tco2"] == pytest.approx(GAL * OIL_KG_PER_GAL / 1000)
    assert round(before["oil_tco2"], 2) == 4.80
    assert before["tco2"] == pytest.approx(GAL * OIL_KG_PER_GAL / 1000 + OTHER_KWH / 1000 * GRID_T_PER_MWH, rel=1e-5)


def test_heat_pump_kwh_formula():
    assert heat_pump_kwh(GAL) == pytest.approx(HP_KWH)
    assert HP_KWH == pytest.approx(5634.69, abs=0.01)
    assert heat_pump_kwh(1000, furnace_efficiency=0.9, cop=3.5) == pytest.approx(1000 * 0.138 * 0.9 / 3.5 * 293.071)


def test_heat_pump_kwh_keeps_the_input_kind():
    arr = heat_pump_kwh(np.array([100.0, 470.0]))
    assert isinstance(arr, np.ndarray) and arr[1] == pytest.approx(HP_KWH)
    s = heat_pump_kwh(pd.Series([470.0], index=["house"]))
    assert isinstance(s, pd.Series) and s["house"] == pytest.approx(HP_KWH)


def test_scenario_table():
    sc = scenario_table()
    assert list(sc.index) == ["baseline", "weatherization", "heat_pump", "both"]
    wx_gal = GAL * (1 - WX_CUT)
    np.testing.assert_allclose(sc["oil_gal"], [GAL, wx_gal, 0, 0])
    np.testing.assert_allclose(sc["hp_kwh"], [0, 0, HP_KWH, HP_KWH * (1 - WX_CUT)])
    np.testing.assert_allclose(sc["electricity_kwh"], OTHER_KWH + sc["hp_kwh"])
    bills = [GAL * OIL_PRICE + OTHER_KWH * ELEC_PRICE, wx_gal * OIL_PRICE + OTHER_KWH * ELEC_PRICE,
             (OTHER_KWH + HP_KWH) * ELEC_PRICE, (OTHER_KWH + HP_KWH * (1 - WX_CUT)) * ELEC_PRICE]
    np.testing.assert_allclose(sc["energy_cost_usd"], bills)
    assert bills[0] == pytest.approx(3980.0)
    tco2 = [GAL * OIL_KG_PER_GAL / 1000 + OTHER_KWH * GRID_T_PER_MWH / 1000,
            wx_gal * OIL_KG_PER_GAL / 1000 + OTHER_KWH * GRID_T_PER_MWH / 1000,
            (OTHER_KWH + HP_KWH) * GRID_T_PER_MWH / 1000, (OTHER_KWH + HP_KWH * (1 - WX_CUT)) * GRID_T_PER_MWH / 1000]
    np.testing.assert_allclose(sc["tco2"], tco2, rtol=1e-5)
    np.testing.assert_allclose(sc["burden_pct"], np.array(bills) / 120000 * 100)


@pytest.mark.parametrize("wx, hp, key", [(False, False, "baseline"), (True, False, "weatherization"),
                                         (False, True, "heat_pump"), (True, True, "both")])
def test_after_is_the_chosen_scenario(wx, hp, key):
    r = hh(weatherization=wx, heat_pump=hp)
    assert r["selected"] == key
    assert r["after"]["energy_cost_usd"] == pytest.approx(scenario_table().loc[key, "energy_cost_usd"])
    assert r["annual_saving_usd"] == pytest.approx(r["before"]["energy_cost_usd"] - r["after"]["energy_cost_usd"])
    assert r["tco2_saved"] == pytest.approx(r["before"]["tco2"] - r["after"]["tco2"])


# -- energy burden -------------------------------------------------------------------------------
@pytest.mark.parametrize("income, high, severe, level", [
    (120_000, False, False, "below"), (50_000, True, False, "high"), (35_000, True, True, "severe")])
def test_energy_burden_and_flags(income, high, severe, level):
    before = hh(income=income)["before"]
    assert before["burden_pct"] == pytest.approx(3980.0 / income * 100)
    assert (before["high_burden"], before["severe_burden"], before["burden_level"]) == (high, severe, level)


def test_burden_thresholds_are_strict():
    assert energy_burden_pct(600.0, 10_000.0) == pytest.approx(6.0)
    income = 3980.0 / 0.06  # exactly 6 % is not "> 6 %"
    r = hh(income=income, oil_gallons=GAL)
    assert r["before"]["burden_pct"] == pytest.approx(6.0) and not r["before"]["high_burden"]


def test_burden_without_income_is_nan():
    assert np.isnan(energy_burden_pct(1000.0, 0.0))
    r = hh(income=0.0)
    assert np.isnan(r["before"]["burden_pct"]) and "no_income" in r["warnings"]


def test_burden_after_both_measures_low_income():
    r = hh(income=40_000, household_size=2)
    after = (OTHER_KWH + HP_KWH * (1 - WX_CUT)) * ELEC_PRICE
    assert r["before"]["burden_pct"] == pytest.approx(3980 / 40_000 * 100)
    assert r["after"]["burden_pct"] == pytest.approx(after / 40_000 * 100)


# -- income tiers --------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [1, 2, 4])
def test_tier_boundaries(size):
    smi60, smi80 = SMI60[size], SMI60[size] * 80 / 60
    assert smi60_usd(size) == (smi60, "table")
    assert income_tier(smi60, size) == "income_eligible"  # ≤ 60 % SMI
    assert income_tier(smi60 + 1, size) == "enhanced"
    assert income_tier(smi80 - 0.01, size) == "enhanced"  # 61–80 % SMI
    assert income_tier(smi80 + 0.01, size) == "standard"
    r = hh(income=smi60, household_size=size)
    assert r["smi60_usd"] == smi60 and r["smi80_usd"] == pytest.approx(smi80)
    assert r["income_pct_smi"] == pytest.approx(60.0)


def test_smi_for_3_and_5_persons_is_linear():
    assert smi60_usd(3) == ((64333 + 94608) / 2, "interpolated")
    assert smi60_usd(5) == (94608 + (94608 - 64333) / 2, "extrapolated")
    assert smi60_usd(6)[0] == pytest.approx(94608 * 1.32, abs=1)  # = the LIHEAP size rule up to 6 persons
    assert hh(household_size=3)["warnings"] == ["smi_interpolated"]
    assert hh(household_size=6)["warnings"] == ["smi_extrapolated"]


def test_bad_household_size_and_unknown_inputs_raise():
    with pytest.raises(ValueError):
        smi60_usd(0)
    with pytest.raises(ValueError):
        hh(household_size=0)
    with pytest.raises(ValueError, match="unknown"):
        hh(incom=1)


# -- incentives ----------------------------------------------------------------------------------
@pytest.mark.parametrize("tier, cost, tons, expected", [
    ("standard", 18_000, 3, 9_000),  # $3,000/ton
    ("standard", 24_000, 4, 10_000),  # capped at $10,000
    ("standard", 5_000, 3, 5_000),  # never more than the cost
    ("enhanced", 18_000, 3, 16_000),  # up to $16,000
    ("enhanced", 12_000, 3, 12_000),
    ("income_eligible", 18_000, 3, 18_000),  # no cost: the full cost
    ("income_eligible", 31_500, 5, 31_500),
])
def test_hp_rebate(tier, cost, tons, expected):
    assert hp_rebate(tier, cost, tons) == expected


def test_weatherization_incentive_and_tax_credit():
    assert weatherization_incentive("standard", 6000) == 0.75 * 6000
    assert weatherization_incentive("income_eligible", 6000) == 6000
    assert tax_credit_25c(9000) == min(0.30 * 9000, 2000) == 2000
    assert tax_credit_25c(2000) == pytest.approx(600)
    with pytest.raises(ValueError):
        hp_rebate("rich", 1, 1)


def test_rebates_table_by_tier():
    rb = hh()["rebates"]
    assert list(rb.index) == list(TIERS)
    std = [9000, 0.75 * WX_COST, min(0.3 * (HP_COST - 9000), 2000)]
    enh = [16000, 0.75 * WX_COST, min(0.3 * (HP_COST - 16000), 2000)]
    low = [HP_COST, WX_COST, 0]
    for tier, expected in zip(TIERS, (std, enh, low)):
        got = rb.loc[tier, ["hp_rebate", "weatherization_incentive", "tax_credit_25c"]].to_numpy(dtype=float)
        np.testing.assert_allclose(got, expected)
        assert rb.loc[tier, "net_cost"] == pytest.approx(HP_COST + WX_COST - sum(expected))
    assert rb["applies"].tolist() == [True, False, False]  # $120,000, 3 persons: above 80 % SMI


def test_stack_for_a_standard_household():
    r = hh()
    assert r["tier"] == "standard"
    assert list(r["stack"]["program"]) == ["hp_rebate", "weatherization_incentive", "tax_credit_25c"]
    assert list(r["stack"]["year"]) == [0, 0, 1] and set(r["stack"]["status"]) == {"ok"}
    capex = HP_COST + WX_COST
    rebates = 3 * 3000 + 0.75 * WX_COST
    credit = min(0.3 * (HP_COST - 3 * 3000), 2000)
    assert (r["capex_usd"], r["upfront_incentives_usd"], r["tax_credit_usd"]) == (capex, rebates, credit)
    assert r["net_cost_usd"] == capex - rebates - credit == 8500
    # the loan (0 %, 7 years) covers what is due at installation
    assert r["due_at_install_usd"] == r["loan_principal_usd"] == capex - rebates
    assert r["upfront_cash_usd"] == 0
    assert r["loan_payment_usd"] == pytest.approx((capex - rebates) / 7)
    assert len(r["loan_schedule"]) == 7 and r["loan_interest_usd"] == 0
    steps = r["steps"].set_index("step")["usd"]
    assert list(steps.index) == ["capex", "hp_rebate", "weatherization_incentive", "loan", "upfront",
                                 "tax_credit_25c", "net_cost"]
    assert steps["loan"] == -(capex - rebates) and steps["net_cost"] == 8500


def test_income_eligible_household_pays_nothing():
    r = hh(income=SMI60[4], household_size=4)
    assert r["tier"] == "income_eligible"
    assert r["net_cost_usd"] == 0 and r["upfront_cash_usd"] == 0 and r["loan_principal_usd"] == 0
    assert r["tax_credit_usd"] == 0 and r["loan_schedule"].empty
    assert r["simple_payback_years"] == 0 and r["verdict"] == "benefits"


def test_enhanced_household():
    r = hh(income=SMI60[1] + 1, household_size=1)
    assert r["tier"] == "enhanced"
    net = HP_COST + WX_COST - 16000 - 0.75 * WX_COST - min(0.3 * (HP_COST - 16000), 2000)
    assert r["net_cost_usd"] == pytest.approx(net) == pytest.approx(2900)


def test_no_tax_credit_and_no_loan():
    r = hh(tax_credit=False, use_loan=False)
    assert list(r["stack"]["program"]) == ["hp_rebate", "weatherization_incentive"]
    assert r["net_cost_usd"] == r["upfront_cash_usd"] == HP_COST + WX_COST - 9000 - 0.75 * WX_COST
    assert r["loan_principal_usd"] == 0 and r["loan_schedule"].empty


def test_loan_with_interest_is_an_annuity():
    r = hh(loan_rate_pct=5.0, loan_years=5)
    principal, rate = 10_500.0, 0.05
    assert r["loan_payment_usd"] == pytest.approx(principal * rate / (1 - (1 + rate) ** -5))
    assert r["loan_interest_usd"] == pytest.approx(5 * r["loan_payment_usd"] - principal)


def test_loan_above_its_maximum_leaves_cash_to_pay():
    r = hh(loan_max=4000.0)
    assert r["loan_principal_usd"] == 4000 and r["upfront_cash_usd"] == 10_500 - 4000
    assert "loan_capped" in r["warnings"]


def test_payback_breakeven_and_verdicts():
    r = hh()
    saving = 3980.0 - (OTHER_KWH + HP_KWH * (1 - WX_CUT)) * ELEC_PRICE
    assert r["annual_saving_usd"] == pytest.approx(saving)
    assert r["simple_payback_years"] == pytest.approx(8500 / saving)
    assert r["verdict"] == "benefits_with_cost"
    breakeven = OIL_PRICE * COP / (MMBTU_PER_GAL * ETA * KWH_PER_MMBTU)
    assert r["breakeven_electricity_price"] == pytest.approx(breakeven)
    at_breakeven = hh(weatherization=False, electricity_price=breakeven)
    assert at_breakeven["annual_saving_usd"] == pytest.approx(0, abs=1e-6)
    dearer = hh(weatherization=False, electricity_price=breakeven + 0.05)
    assert dearer["verdict"] == "bill_rises" and np.isnan(dearer["simple_payback_years"])
    assert hh(weatherization=False, heat_pump=False)["verdict"] == "no_measure"


def test_weatherization_only():
    r = hh(heat_pump=False)
    assert r["capex_usd"] == WX_COST and r["net_cost_usd"] == pytest.approx(0.25 * WX_COST)
    assert r["annual_saving_usd"] == pytest.approx(GAL * WX_CUT * OIL_PRICE)


@settings(max_examples=60, deadline=None)
@given(cost=st.floats(0, 60_000), tons=st.floats(0.5, 8), wx_cost=st.floats(0, 20_000),
       wx=st.booleans(), hp=st.booleans())
def test_lower_tiers_never_pay_more_and_net_cost_stays_in_range(cost, tons, wx_cost, wx, hp):
    rb = hh(hp_cost=cost, hp_tons=tons, weatherization_cost=wx_cost, weatherization=wx, heat_pump=hp)["rebates"]
    capex = (cost if hp else 0) + (wx_cost if wx else 0)
    net = rb["net_cost"]
    assert ((net >= -1e-9) & (net <= capex + 1e-9)).all()
    assert net["income_eligible"] <= net["enhanced"] + 1e-9 <= net["standard"] + 2e-9
    assert net["income_eligible"] == pytest.approx(0, abs=1e-9)
