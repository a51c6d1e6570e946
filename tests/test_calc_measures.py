"""Measures (seed-digest §3): the LED case exactly, the deck's exercise, each method by hand."""
import numpy as np
import pandas as pd
import pytest

from calc.factors import scenario_factor_table
from calc.measures import CLASSES, capital_recovery_factor, load_catalogue, macc_table, measure_savings
from workbook.model import empty_table

TABLE, _ = scenario_factor_table({"base_year": 2021, "grid_ef_year": 2020})
EF_KWH = 0.8041 / 1000


def measures(*rows):
    base = empty_table("Measures")
    return pd.DataFrame([{**{c: None for c in base.columns}, **r} for r in rows]).astype(base.dtypes.to_dict())


LED = dict(id="M1", name="LED", category="equipment", fuel="electricity_grid", method="rate_after", units=1000.0,
           rate_before=0.04, rate_after=0.02, rate_unit="kW", hours_per_year=2560.0, usage_factor=0.9,
           energy_price_per_unit=1642.0, capex_equipment=150_000_000.0, capex_labour=10_000_000.0,
           lifetime_years=5.0, start_year=2022)


def test_led_case_reproduces_the_deck():
    r = measure_savings(measures(LED), TABLE, 12.0).iloc[0]
    assert r["before_quantity"] == pytest.approx(92_160) and r["after_quantity"] == pytest.approx(46_080)
    assert r["saving_quantity"] == pytest.approx(46_080) and r["saving_kwh"] == pytest.approx(46_080)
    assert r["energy_cost_saving"] == pytest.approx(75_663_360)
    assert r["capex"] == 160_000_000
    assert round(r["saving_toe"], 2) == 7.11  # 46,080 × 0.0001543
    assert round(r["reduction_tco2e"], 2) == 37.05  # 46,080 × 0.0008041
    assert r["term"] == "long" and r["status"] == "ok"


def test_deck_exercise_43812_kwh_gives_35_23_t():
    r = measure_savings(measures({**LED, "method": "direct", "saving_quantity": 43_812.0, "saving_unit": "kWh"}),
                        TABLE).iloc[0]
    assert round(r["reduction_tco2e"], 2) == 35.23  # the deck prints 37.06, which is 46,080 kWh's
    assert round(46_080 * EF_KWH, 2) == 37.05


def test_saving_pct_method():
    """B = A × (1 − saving %): 10 fans × 15 kW × 4,000 h × 0.8 = 480,000 kWh; 30 % → 144,000."""
    r = measure_savings(measures(dict(id="V", name="VFD", category="equipment", fuel="electricity_grid",
                                      method="saving_pct", units=10.0, rate_before=15.0, rate_unit="kW",
                                      saving_pct=30.0, hours_per_year=4000.0, usage_factor=0.8)), TABLE).iloc[0]
    assert r["before_quantity"] == pytest.approx(480_000) and r["after_quantity"] == pytest.approx(336_000)
    assert r["saving_quantity"] == pytest.approx(144_000)
    assert r["reduction_tco2e"] == pytest.approx(144_000 * EF_KWH)


def test_other_fuels_and_units():
    """FO boiler 0.15 t/h × 6,000 h, 5 % saved = 45 t FO × 3.208 t/t and 0.99 TOE/t."""
    r = measure_savings(measures(dict(id="B", name="eco", category="retrofit", fuel="fuel_oil", method="saving_pct",
                                      units=1.0, rate_before=0.15, rate_unit="t/h", saving_pct=5.0,
                                      hours_per_year=6000.0)), TABLE).iloc[0]
    assert r["saving_unit"] == "t" and r["saving_quantity"] == pytest.approx(45)
    assert r["reduction_tco2e"] == pytest.approx(45 * 3.208) and r["saving_toe"] == pytest.approx(45 * 0.99)
    assert np.isnan(r["saving_kwh"])


def test_energy_switch_counts_the_net_effect():
    """5,000 L diesel saved (2.730 t/kL) but 12,000 kWh of grid electricity added."""
    r = measure_savings(measures(dict(id="F", name="forklift", category="energy_switch", fuel="diesel",
                                      method="direct", saving_quantity=5000.0, saving_unit="L",
                                      energy_price_per_unit=20_000.0, switch_fuel="electricity_grid",
                                      switch_quantity_per_year=12_000.0, switch_unit="kWh",
                                      switch_price_per_unit=1642.0)), TABLE).iloc[0]
    assert r["switch_tco2e"] == pytest.approx(12_000 * EF_KWH)
    assert r["reduction_tco2e"] == pytest.approx(5 * 2.730 - 12_000 * EF_KWH)
    assert r["energy_cost_saving"] == pytest.approx(5000 * 20_000 - 12_000 * 1642)


def test_problem_statuses():
    rows = measures(
        dict(id="a", name="no hours", fuel="electricity_grid", method="rate_after", units=1.0, rate_before=1.0,
             rate_after=0.5, rate_unit="kW"),
        dict(id="b", name="kWh of diesel", fuel="diesel", method="direct", saving_quantity=5.0, saving_unit="kWh"),
        dict(id="c", name="more after", fuel="electricity_grid", method="rate_after", units=1.0, rate_before=1.0,
             rate_after=2.0, rate_unit="kW", hours_per_year=10.0),
        dict(id="d", name="mystery", fuel="unobtainium", method="direct", saving_quantity=5.0, saving_unit="kg"),
    )
    assert measure_savings(rows, TABLE)["status"].tolist() == [
        "missing_inputs", "unit_incompatible", "negative_saving", "unknown_fuel"]


def test_capital_recovery_factor_and_abatement_cost():
    crf = 0.12 / (1 - 1.12 ** -5)  # annuity factor, 5 years at 12 %
    assert capital_recovery_factor(0.12, 5) == pytest.approx(crf)
    assert capital_recovery_factor(0.0, 4) == pytest.approx(0.25)
    r = measure_savings(measures(LED), TABLE, 12.0).iloc[0]
    expected = (160_000_000 * crf - 75_663_360) / (46_080 * EF_KWH)
    assert r["abatement_cost_per_tco2e"] == pytest.approx(expected)
    assert r["abatement_cost_per_tco2e"] < 0  # pays for itself


def test_macc_orders_cheapest_first_and_skips_non_reducing_measures():
    rows = measures(
        LED,
        dict(id="PV", name="solar", category="energy_switch", fuel="electricity_grid", method="direct",
             saving_quantity=1_200_000.0, saving_unit="kWh", energy_price_per_unit=1642.0,
             capex_equipment=15e9, lifetime_years=25.0),
        dict(id="X", name="nothing", fuel="electricity_grid", method="direct", saving_quantity=0.0, saving_unit="kWh"),
        dict(id="Y", name="pricey", fuel="electricity_grid", method="direct", saving_quantity=1000.0,
             saving_unit="kWh", capex_equipment=1e9, lifetime_years=10.0),
    )
    macc = macc_table(measure_savings(rows, TABLE, 10.0))
    crf = lambda r, n: r / (1 - (1 + r) ** -n)  # noqa: E731
    led = (160e6 * crf(0.10, 5) - 46_080 * 1642) / (46_080 * EF_KWH)  # ≈ −0.90 M VND/t
    pv = (15e9 * crf(0.10, 25) - 1.2e6 * 1642) / (1.2e6 * EF_KWH)  # ≈ −0.33 M VND/t
    assert led < pv < 0
    assert list(macc["id"]) == ["M1", "PV", "Y"]
    assert macc["cost_per_tco2e"].tolist()[:2] == pytest.approx([led, pv])
    assert macc["cost_per_tco2e"].is_monotonic_increasing
    assert "X" not in set(macc["id"])
    assert macc["cumulative_tco2e"].iloc[-1] == pytest.approx(macc["tco2e_per_year"].sum())


def test_catalogue_covers_the_six_classes_in_both_languages():
    cat = load_catalogue()
    assert set(cat["category"]) == set(CLASSES)
    assert cat[["name_vi", "name_en", "assumption_vi", "assumption_en"]].notna().all().all()
    for key in ("servo_sewing_motors", "vfd_fans", "compressed_air_leaks", "transformer_load_consolidation",
                "condenser_shading", "boiler_flue_gas_recovery", "led_lighting", "rooftop_solar",
                "low_liquor_ratio_dyeing"):
        assert key in cat.index
    rows = measures(*[{**{k: v for k, v in rec.items() if pd.notna(v) and k in empty_table("Measures").columns},
                       "id": key, "name": key} for key, rec in cat.to_dict("index").items()])
    assert (measure_savings(rows, TABLE)["status"] == "ok").all()


def test_a_blank_lifetime_lasts_the_analysis_period():
    """Annualised cost of a measure without lifetime: capex × CRF(r, analysis years)."""
    row = {**LED, "lifetime_years": None}
    crf = lambda r, n: r / (1 - (1 + r) ** -n)  # noqa: E731
    r = measure_savings(measures(row), TABLE, 12.0, analysis_years=8).iloc[0]
    assert r["status"] == "ok" and np.isnan(r["lifetime_years"])  # stays blank: "whole period"
    assert r["annualised_cost"] == pytest.approx(160_000_000 * crf(0.12, 8) - 75_663_360)
    default = measure_savings(measures(row), TABLE, 12.0).iloc[0]  # the Finance sheet's 10 years
    assert default["annualised_cost"] == pytest.approx(160_000_000 * crf(0.12, 10) - 75_663_360)


@pytest.mark.parametrize("life", [0.0, -3.0])
def test_a_lifetime_of_zero_or_less_saves_nothing(life):
    r = measure_savings(measures({**LED, "lifetime_years": life}), TABLE, 12.0).iloc[0]
    assert r["status"] == "lifetime_invalid"
    assert (r["saving_quantity"], r["saving_kwh"], r["saving_toe"], r["reduction_tco2e"],
            r["energy_cost_saving"]) == (0, 0, 0, 0, 0)
    assert np.isnan(r["abatement_cost_per_tco2e"])


def test_a_direct_measure_without_unit_takes_its_fuels_inventory_unit():
    acts = pd.DataFrame({"fuel": ["diesel", "diesel", "lpg", "lpg"], "quantity": [100.0, 200.0, 5.0, 1.0],
                         "unit": ["L", "L", "kg", "t"]})
    rows = measures(dict(id="d", name="d", fuel="diesel", method="direct", saving_quantity=1000.0),
                    dict(id="g", name="g", fuel="lpg", method="direct", saving_quantity=1.0),
                    dict(id="n", name="n", fuel="natural_gas", method="direct", saving_quantity=1.0))
    out = measure_savings(rows, TABLE, activities=acts)
    assert out["saving_unit"].iloc[0] == "L" and out["note"].iloc[0] == "unit_from_inventory"
    assert out["reduction_tco2e"].iloc[0] == pytest.approx(1.0 * 2.730)  # 1,000 L × 2.730 t/kL
    # lpg in two units, natural gas not in the inventory: no unit to take
    assert out["status"].tolist() == ["ok", "unit_missing", "unit_missing"]
    assert out["note"].iloc[1:].isna().all()
    # without the inventory nothing can be guessed
    assert measure_savings(rows, TABLE)["status"].tolist() == ["unit_missing"] * 3
