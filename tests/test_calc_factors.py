"""The factor library: every number has a source; deck values reproduce from TOE × IPCC."""
import math

import pandas as pd
import pytest

from calc.factors import choose_grid_factor, load_library, resolve_factor_table, scenario_factor_table

GJ_PER_TOE = 41.868  # IEA definition


def lib_factor(fuel, unit):
    f = load_library().factors
    return f[(f["fuel"] == fuel) & (f["unit"] == unit)].iloc[0]


def test_every_number_has_a_source():
    lib = load_library()
    for frame in (lib.factors, lib.grid, lib.gwp):
        assert frame["source"].map(lambda s: isinstance(s, str) and len(s) > 10).all()
        assert frame["status"].isin(["C-P", "C-S", "D", "U"]).all()
    assert lib.version


@pytest.mark.parametrize(
    "fuel, unit, deck, toe, ipcc_kg_per_tj",
    [
        ("diesel", "kL", 2.730, 0.88, 74_100),
        ("diesel", "t", 3.165, 1.02, 74_100),
        ("gasoline", "kL", 2.408, 0.83, 69_300),
        ("gasoline", "t", 3.047, 1.05, 69_300),
        ("lpg", "t", 2.880, 1.09, 63_100),
        ("natural_gas", "1000m3", 2.114, 0.90, 56_100),
        ("fuel_oil", "kL", 3.046, 0.94, 77_400),
        ("fuel_oil", "t", 3.208, 0.99, 77_400),
    ],
)
def test_deck_factors_reproduce_from_toe_and_ipcc(fuel, unit, deck, toe, ipcc_kg_per_tj):
    """factors.md §2a: EF = TOE/unit × 41.868 GJ/TOE × IPCC kg/TJ / 1e6, matching the deck to its
    printed precision (3 decimals: diesel per t is 3.16447, printed 3.165)."""
    row = lib_factor(fuel, unit)
    assert row["tco2e_per_unit"] == deck
    assert row["toe_per_unit"] == toe
    assert toe * GJ_PER_TOE * ipcc_kg_per_tj / 1e6 == pytest.approx(deck, abs=1e-3)


@pytest.mark.parametrize(
    "year, ef",
    [(2014, 0.6612), (2015, 0.8154), (2016, 0.9185), (2017, 0.8649), (2018, 0.9130),
     (2019, 0.8458), (2020, 0.8041), (2021, 0.7221), (2022, 0.6766), (2023, 0.6592)],
)
def test_vietnam_grid_series(year, ef):
    grid = load_library().grid
    assert grid.loc[grid["year"] == year, "tco2_per_mwh"].item() == ef


@pytest.mark.parametrize(
    "gas, ar4, ar5, ar6",
    [("r410a", 2088, 1924, 2256), ("r32", 675, 677, 771), ("r22", 1810, 1760, 1960),
     ("r134a", 1430, 1300, 1530), ("r404a", 3922, 3943, 4728), ("r407c", 1774, 1624, 1908)],
)
def test_refrigerant_gwps(gas, ar4, ar5, ar6):
    row = load_library().gwp.loc[gas]
    assert (row["ar4"], row["ar5"], row["ar6"]) == (ar4, ar5, ar6)


def test_blend_gwps_are_mass_weighted_components():
    """R-410A = 50 % R-32 + 50 % R-125 (AR5: R-32 677, R-125 3,170) → 1,923.5 ≈ 1,924."""
    assert 0.5 * 677 + 0.5 * 3170 == pytest.approx(load_library().gwp.loc["r410a", "ar5"], abs=0.5)
    # R-404A = 44 % R-125 + 52 % R-143a + 4 % R-134a (AR4: 3,500 / 4,470 / 1,430)
    assert 0.44 * 3500 + 0.52 * 4470 + 0.04 * 1430 == pytest.approx(load_library().gwp.loc["r404a", "ar4"], abs=0.5)


def test_us_household_factors():
    assert lib_factor("heating_oil", "gal")["tco2e_per_unit"] == pytest.approx(0.138 * 73.96 / 1000, abs=1e-5)
    assert lib_factor("propane", "gal")["tco2e_per_unit"] == pytest.approx(0.091 * 62.87 / 1000, abs=1e-5)
    assert lib_factor("natural_gas", "MMBtu")["tco2e_per_unit"] == pytest.approx(0.05306)
    lb_to_t = 0.45359237 / 1000
    assert lib_factor("electricity_grid_newe", "MWh")["tco2e_per_unit"] == pytest.approx(543.2 * lb_to_t, abs=1e-5)


class TestGridChoice:
    lib = load_library()

    def test_company_value_wins(self):
        g = choose_grid_factor(self.lib, grid_ef_tco2_per_mwh=0.5, grid_ef_year=2020, base_year=2021)
        assert (g.tco2_per_mwh, g.rule) == (0.5, "company_value")

    def test_chosen_year(self):
        g = choose_grid_factor(self.lib, grid_ef_year=2020, base_year=2021)
        assert (g.tco2_per_mwh, g.year, g.rule) == (0.8041, 2020, "grid_ef_year")

    def test_latest_not_after_base_year(self):
        g = choose_grid_factor(self.lib, base_year=2021)
        assert (g.tco2_per_mwh, g.year, g.rule) == (0.7221, 2021, "base_year")
        g = choose_grid_factor(self.lib, base_year=2030)
        assert (g.year, g.rule) == (2023, "base_year")

    def test_missing_year_falls_back_to_the_latest_before_it(self):
        g = choose_grid_factor(self.lib, grid_ef_year=2025)
        assert (g.year, g.rule) == (2023, "nearest_before_requested")

    def test_nothing_given_uses_latest(self):
        g = choose_grid_factor(self.lib)
        assert (g.year, g.rule) == (2023, "latest")


def test_gwp_set_changes_refrigerant_factor():
    table, _ = scenario_factor_table({"gwp_set": "AR6"})
    row = table[(table["fuel"] == "r410a")].iloc[0]
    assert row["unit"] == "kg" and row["tco2e_per_unit"] == pytest.approx(2256 / 1000)


def test_company_override_replaces_same_dimension_and_adds_fuels():
    overrides = pd.DataFrame({
        "fuel": ["diesel", "biogas"], "unit": ["L", "1000m3"], "tco2e_per_unit": [0.0028, 0.0],
        "toe_per_unit": [None, None], "source": ["supplier certificate", None],
    })
    table, _ = scenario_factor_table({"grid_ef_year": 2020}, overrides)
    diesel = table[(table["fuel"] == "diesel")]
    volume = diesel[diesel["dimension"] == "volume"].iloc[0]
    assert (volume["unit"], volume["tco2e_per_unit"], volume["origin"]) == ("L", 0.0028, "company")
    assert (diesel["dimension"] == "mass").sum() == 1  # the per-t library factor is kept
    assert "biogas" in set(table["fuel"])
    assert table.groupby(["fuel", "dimension"]).size().max() == 1
