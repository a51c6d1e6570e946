"""M&V results: settings in the workbook (round trip), defaults, driver notes, meters, adjustments,
verified savings and the JSON form. Expected numbers come from independent computations here."""
from __future__ import annotations

import io
import json

import numpy as np
import openpyxl
import pandas as pd
import pytest

from calc.factors import scenario_factor_table
from calc.measures import measure_savings
from paths import SAMPLES
from results.mv import MVResults, analyse_mv, mv_settings, parse_drivers
from workbook.model import scenarios_equal, tables_equal
from workbook.read import read_scenario
from workbook.write import write_scenario

SAMPLE = read_scenario(SAMPLES / "sample_factory_en.xlsx").scenario
CLI_KEYS = {"drivers", "coefficients", "std_errors", "r2", "cv_rmse_pct", "nmbe_pct", "verdict", "avoided_energy",
            "fsu_pct", "fsu_pct_by_confidence", "warnings"}
EXPECTED_2023_KWH = 186_080  # LED 46,080 + compressed air 140,000 kWh/yr (measures active in 2023)
PRICE = 1642.0  # VND/kWh of both measures


def analyse(scenario) -> MVResults:
    table, _ = scenario_factor_table(scenario.company, scenario.table("Factors"))
    return analyse_mv(scenario, table, measure_savings(scenario.table("Measures"), table))


def ols(base: pd.DataFrame, drivers) -> np.ndarray:
    """Normal equations: energy on an intercept and the drivers."""
    x = np.column_stack([np.ones(len(base)), *(base[d].to_numpy(float) for d in drivers)])
    return np.linalg.solve(x.T @ x, x.T @ base["energy"].to_numpy(float))


def avoided(metering: pd.DataFrame, drivers) -> np.ndarray:
    base = metering[metering["period"] == "baseline"]
    rep = metering[metering["period"] == "reporting"].sort_values("period_start")
    beta = ols(base, drivers)
    x = np.column_stack([np.ones(len(rep)), *(rep[d].to_numpy(float) for d in drivers)])
    return x @ beta - rep["energy"].to_numpy(float)


def with_metering(metering: pd.DataFrame, scenario=SAMPLE):
    return scenario.with_table("Metering", metering.reset_index(drop=True))


def with_mv(scenario=SAMPLE, **fields):
    for k, v in fields.items():
        scenario = scenario.with_field("MV", k, v)
    return scenario


def adjustments(rows) -> pd.DataFrame:
    base = SAMPLE.table("Adjustments")
    frame = pd.DataFrame([{**{c: None for c in base.columns}, **r} for r in rows])
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    return frame.astype(base.dtypes.to_dict())


def lpg_meter() -> pd.DataFrame:
    """A second meter: LPG in kg, energy = 2,000 + 0.05 × production (+ a fixed pattern)."""
    m = SAMPLE.table("Metering").copy()
    wiggle = np.tile([30.0, -20.0, 10.0, -25.0, 15.0, -10.0], 4)
    m["energy"] = 2_000 + 0.05 * m["production"] + wiggle
    m.loc[m["period"] == "reporting", "energy"] -= 100.0
    m["fuel"], m["unit"], m["cdd"] = "lpg", "kg", np.nan
    return m


# -- the settings live in the workbook ---------------------------------------------------------------
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_settings_and_adjustments_round_trip(lang):
    scenario = with_mv(model="3p_cooling", drivers="production, cdd", month_indicators="yes",
                       ipmvp_isolated="yes", ipmvp_key_parameters="no", ipmvp_all_parameters=None,
                       ipmvp_baseline_meter="no", ipmvp_savings_share_pct=12.5)
    scenario = scenario.with_table("Adjustments", adjustments([
        {"period_start": "2023-03-01", "amount": 1500.0, "fuel": "electricity_grid", "unit": "kWh",
         "note": "New line"},
        {"period_start": "2023-04-01", "amount": -200.0}]))
    back = read_scenario(write_scenario(scenario, lang))
    assert back.problems == []
    assert back.scenario.fields["MV"] == scenario.fields["MV"]
    assert tables_equal(back.scenario.table("Adjustments"), scenario.table("Adjustments"))
    assert scenarios_equal(back.scenario, scenario)
    assert mv_settings(back.scenario) == mv_settings(scenario)


def _mv_cell(data: bytes, field_label: str):
    """The value written beside ``field_label`` in the workbook's M&V sheet."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    sheet = next(ws for ws in book.worksheets if ws.title in ("MV", "M&V settings", "Đo lường & kiểm chứng"))
    return next(row[1] for row in sheet.iter_rows(values_only=True) if row[0] == field_label)


@pytest.mark.parametrize(("lang", "drivers", "written"), [
    ("vi", "production, cdd", "Sản lượng, Độ-ngày làm mát (CDD)"),
    ("en", "production, cdd", "Production, Cooling degree days"),
    ("vi", "none", "Không"),
    ("en", "hdd", "Heating degree days"),
    ("vi", "production, wind", "Sản lượng, wind"),  # a name that is no driver stays as typed
])
def test_drivers_are_written_as_labels_and_read_back_as_keys(lang, drivers, written):
    # the download showed "production, cdd": the program's keys, not the Metering sheet's headers
    data = write_scenario(with_mv(drivers=drivers), lang)
    assert _mv_cell(data, "Yếu tố ảnh hưởng" if lang == "vi" else "Drivers") == written
    back = read_scenario(data)
    assert back.scenario.fields["MV"]["drivers"] == drivers
    assert mv_settings(back.scenario).drivers == mv_settings(with_mv(drivers=drivers)).drivers


def test_drivers_typed_in_words_are_read_as_keys():
    typed = with_mv(drivers="Sản lượng; CDD")  # as a Vietnamese user types them into the sheet
    data = write_scenario(typed, "vi")
    assert _mv_cell(data, "Yếu tố ảnh hưởng") == "Sản lượng, Độ-ngày làm mát (CDD)"
    assert read_scenario(data).scenario.fields["MV"]["drivers"] == "production, cdd"


def test_settings_travel_in_a_variant():
    other = with_mv(model="ols", drivers="cdd").with_table(
        "Adjustments", adjustments([{"period_start": "2023-05-01", "amount": 700.0}]))
    back = read_scenario(write_scenario(SAMPLE, "vi", variants={"A": SAMPLE, "B": other}, current="A"))
    assert back.problems == []
    assert scenarios_equal(back.variants["B"], other)
    assert mv_settings(back.variants["B"]).drivers == ("cdd",)


def test_blank_settings_have_one_default_each():
    s = mv_settings(SAMPLE)  # the sample has no MV sheet
    assert (s.model, s.drivers, s.month_indicators) == ("ols", None, False)
    assert (s.isolated, s.key_parameters, s.all_parameters, s.baseline_meter, s.savings_share_pct) == (
        False, False, False, True, 15.0)
    assert analyse(SAMPLE).ipmvp["option"] == "C"  # a baseline meter, 15 % > 10 %


def test_driver_field_spellings():
    assert parse_drivers("Production; CDD") == (("production", "cdd"), ())
    assert parse_drivers("cdd, sản lượng, wind") == (("production", "cdd"), ("wind",))
    assert parse_drivers("none") == ((), ())
    assert parse_drivers("Không") == ((), ())
    assert parse_drivers("  ") == (None, ())
    assert parse_drivers("Độ-ngày sưởi (HDD) + do ngay lam mat") == (("cdd", "hdd"), ())  # without accents
    r = analyse(with_mv(drivers="cdd, wind"))
    assert [w.code for w in r.first.warnings][0] == "mv.unknown_driver"


# -- the sample: numbers from an independent computation ----------------------------------------------
def test_sample_results_equal_an_independent_computation():
    r = analyse(SAMPLE)
    metering = SAMPLE.table("Metering")
    assert len(r.meters) == 1
    m = r.first
    assert (m.fuel, m.unit, m.kind, m.drivers) == ("electricity_grid", "kWh", "ols", ("production", "cdd"))
    beta = ols(metering[metering["period"] == "baseline"], ["production", "cdd"])
    assert [m.model.coefficients[k] for k in ("intercept", "production", "cdd")] == pytest.approx(beta)
    saved = avoided(metering, ["production", "cdd"])
    assert m.avoided_total == pytest.approx(saved.sum())
    table, grid = scenario_factor_table(SAMPLE.company, SAMPLE.table("Factors"))
    assert m.verified_tco2e == pytest.approx(saved.sum() / 1000 * grid.tco2_per_mwh)
    toe_per_mwh = float(table.loc[table["fuel"] == "electricity_grid", "toe_per_unit"].iloc[0])
    assert table.loc[table["fuel"] == "electricity_grid", "unit"].iloc[0] == "MWh"
    toe_per_kwh = toe_per_mwh / 1000
    assert m.verified_toe == pytest.approx(saved.sum() * toe_per_kwh)
    assert m.verified_money == pytest.approx(saved.sum() * PRICE)
    assert m.expected_quantity == pytest.approx(EXPECTED_2023_KWH)
    assert m.realisation_rate == pytest.approx(saved.sum() / EXPECTED_2023_KWH)
    assert m.reporting_year == 2023 and m.reporting_months == 12
    assert m.fsu_pct[0.68] < m.fsu_pct[0.90] < m.fsu_pct[0.95]
    assert m.series["fitted"].notna().sum() == 12 and m.series["adjusted_baseline"].notna().sum() == 12
    assert m.fit["residual"].to_numpy() == pytest.approx(m.model.residuals)
    assert m.scatter_driver == "production" and m.scatter["x"].is_monotonic_increasing


def test_a_short_reporting_period_expects_its_share_of_the_year():
    metering = SAMPLE.table("Metering")
    m = analyse(with_metering(metering.iloc[:18])).first  # 12 baseline + 6 reporting months
    assert m.expected_quantity == pytest.approx(EXPECTED_2023_KWH * 6 / 12)
    assert m.reporting_months == 6


# -- drivers: constant and all-zero columns are left out with a note ------------------------------------
def test_all_zero_hdd_is_left_out_of_the_default_drivers_with_a_note():
    metering = SAMPLE.table("Metering").assign(hdd=0.0)  # every factory in Vietnam
    m = analyse(with_metering(metering)).first
    assert m.drivers == ("production", "cdd") and m.model is not None
    assert m.left_out == {"hdd": "all_zero"}
    note = next(w for w in m.warnings if w.code == "mv.driver_all_zero")
    assert note.data == {"drivers": ["hdd"]}
    assert m.avoided_total == pytest.approx(avoided(metering, ["production", "cdd"]).sum())


def test_an_explicitly_chosen_constant_driver_is_left_out_not_fatal():
    metering = SAMPLE.table("Metering").assign(hdd=0.0)
    m = analyse(with_mv(with_metering(metering), drivers="cdd, hdd")).first
    assert m.drivers == ("cdd",) and m.model is not None
    assert [w.data for w in m.warnings if w.code == "mv.driver_all_zero"] == [{"drivers": ["hdd"]}]
    metering = SAMPLE.table("Metering").assign(production=10_000.0)
    m = analyse(with_mv(with_metering(metering), drivers="production, cdd")).first
    assert m.drivers == ("cdd",) and m.left_out == {"production": "constant"}
    assert any(w.code == "mv.driver_constant" for w in m.warnings)
    m = analyse(with_metering(metering)).first  # and by default
    assert m.drivers == ("cdd",) and m.left_out == {"production": "constant"}


def test_no_drivers_fits_the_mean_and_month_indicators_need_more_data():
    m = analyse(with_mv(drivers="none")).first
    base = SAMPLE.table("Metering").query("period == 'baseline'")
    assert m.drivers == () and m.model.coefficients["intercept"] == pytest.approx(base["energy"].mean())
    m = analyse(with_mv(month_indicators="yes")).first
    assert m.model is None and "mv.too_few_points" in [w.code for w in m.warnings]
    assert not m.has_savings and m.to_json()["coefficients"] is None


def test_change_point_models_sit_on_the_weather_driver():
    m = analyse(with_mv(model="3p_cooling")).first
    assert m.kind == "3p_cooling" and m.model.drivers == ("cdd",) and m.model.balance_point is not None
    m = analyse(with_mv(with_metering(SAMPLE.table("Metering").assign(hdd=0.0)), model="3p_heating",
                        drivers="none")).first
    assert m.model is None and "mv.no_change_point_driver" in [w.code for w in m.warnings]


# -- several meters -------------------------------------------------------------------------------------
def test_one_model_per_meter():
    metering = pd.concat([SAMPLE.table("Metering"), lpg_meter()], ignore_index=True)
    r = analyse(with_metering(metering))
    assert [(m.fuel, m.unit) for m in r.meters] == [("electricity_grid", "kWh"), ("lpg", "kg")]
    elec, lpg = r.meters
    assert elec.avoided_total == pytest.approx(avoided(SAMPLE.table("Metering"), ["production", "cdd"]).sum())
    assert lpg.drivers == ("production",)
    assert lpg.avoided_total == pytest.approx(avoided(lpg_meter(), ["production"]).sum())
    assert lpg.avoided_total == pytest.approx(1200.0, abs=5)  # 100 kg a month saved
    assert lpg.expected_quantity == 0 and np.isnan(lpg.realisation_rate)  # no measure saves LPG
    table, _ = scenario_factor_table(SAMPLE.company, SAMPLE.table("Factors"))
    lpg_row = table[table["fuel"] == "lpg"].iloc[0]
    assert lpg_row["unit"] == "t"
    assert lpg.verified_tco2e == pytest.approx(lpg.avoided_total / 1000 * lpg_row["tco2e_per_unit"])
    out = r.to_json()
    assert [m["fuel"] for m in out["meters"]] == ["electricity_grid", "lpg"]
    assert {k: out[k] for k in CLI_KEYS} == {k: out["meters"][0][k] for k in CLI_KEYS}


def test_blank_fuel_and_unit_join_the_first_meter():
    metering = SAMPLE.table("Metering").copy()
    metering.loc[5:, ["fuel", "unit"]] = None
    r = analyse(with_metering(metering))
    assert len(r.meters) == 1 and len(r.first.rows) == 24


# -- non-routine adjustments ----------------------------------------------------------------------------
def test_adjustments_raise_the_baseline_of_their_meter_and_month():
    metering = pd.concat([SAMPLE.table("Metering"), lpg_meter()], ignore_index=True)
    plain = analyse(with_metering(metering))
    scenario = with_metering(metering).with_table("Adjustments", adjustments([
        {"period_start": "2023-03-01", "amount": 5000.0},  # blank fuel: the first meter
        {"period_start": "2023-03-15", "amount": -1000.0, "fuel": "electricity_grid"},
        {"period_start": "2023-06-01", "amount": 50.0, "fuel": "lpg", "unit": "kg"},
        {"period_start": "2024-06-01", "amount": 50.0, "fuel": "lpg"},  # outside the reporting period
        {"period_start": "2023-06-01", "amount": 9.0, "fuel": "diesel"},  # no such meter
    ]))
    r = analyse(scenario)
    elec, lpg = r.meters
    assert elec.avoided_total == pytest.approx(plain.meters[0].avoided_total + 4000.0)
    assert elec.avoided.set_index(elec.avoided["period_start"].dt.strftime("%Y-%m"))["non_routine"]["2023-03"] == 4000.0
    assert lpg.avoided_total == pytest.approx(plain.meters[1].avoided_total + 50.0)
    assert [w.data for w in lpg.warnings if w.code == "mv.adjustment_outside"] == [{"months": ["2024-06"]}]
    assert [(w.code, w.data) for w in r.warnings] == [("mv.adjustment_no_meter", {"rows": [5]})]
    assert "mv.adjustment_no_meter" in r.to_json()["warnings"]


# -- no meter data, JSON ----------------------------------------------------------------------------------
def test_planning_only_factory():
    r = analyse(with_metering(SAMPLE.table("Metering").iloc[0:0]))
    assert not r.has_data and r.first is None and r.to_json() is None
    assert list(r.measures["id"]) == ["M1", "M2"]  # the KPI table still has the measures


def test_json_is_strict_json_and_keeps_the_cli_keys():
    out = analyse(SAMPLE).to_json()
    assert CLI_KEYS <= set(out)
    json.dumps(out, allow_nan=False)
    assert out["drivers"] == ["production", "cdd"] and out["verdict"] == "pass"
    assert set(out["fsu_pct_by_confidence"]) == {"0.68", "0.90", "0.95"}
    assert out["fsu_pct"] == out["fsu_pct_by_confidence"]["0.90"]
    assert len(out["avoided_energy"]["by_month"]) == 12
    assert sum(out["avoided_energy"]["by_month"]) == pytest.approx(out["avoided_energy"]["total"])
    assert out["settings"]["model"] == "ols" and out["ipmvp"]["option"] == "C"


def test_savings_rows_are_matched_to_their_prices_by_id():
    table, _ = scenario_factor_table(SAMPLE.company, SAMPLE.table("Factors"))
    savings = measure_savings(SAMPLE.table("Measures"), table)
    m = analyse_mv(SAMPLE, table, savings.iloc[::-1].reset_index(drop=True)).first  # another row order
    assert m.price_per_unit == PRICE and m.expected_quantity == pytest.approx(EXPECTED_2023_KWH)
    assert np.isnan(analyse_mv(SAMPLE, table, None).first.realisation_rate)
