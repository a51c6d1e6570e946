"""Inventory figures of the deck (seed-digest §1), to the cent, computed by hand here."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc.factors import scenario_factor_table
from calc.inventory import CATEGORY_SCOPE, compute_inventory, emissions_by_row, pareto

COMPANY = {"base_year": 2021, "grid_ef_year": 2020, "gwp_set": "AR5"}
EF_GRID = 0.8041 / 1000  # t/kWh, the deck's 2020 grid factor
# (scope, category, source, fuel, quantity, unit, expected tCO2e by hand, deck's rounded figure)
DECK = [
    (1, "stationary", "generator", "diesel", 1385, "L", 1.385 * 2.730, 3.78),
    (1, "stationary", "lawn mower", "gasoline", 456, "L", 0.456 * 2.408, 1.10),
    (1, "stationary", "canteen LPG", "lpg", 14521, "kg", 14.521 * 2.880, 41.82),
    (1, "mobile", "cars", "gasoline", 581, "L", 0.581 * 2.408, 1.40),
    (1, "mobile", "trucks", "diesel", 989, "L", 0.989 * 2.730, 2.70),
    (1, "fugitive", "R-410A", "r410a", 5, "kg", 5 * 1924 / 1000, 9.62),
    (2, "electricity", "machinery", "electricity_grid", 2_300_000, "kWh", 2_300_000 * EF_GRID, 1849.43),
    (2, "electricity", "lighting", "electricity_grid", 78_000, "kWh", 78_000 * EF_GRID, 62.72),
    (2, "electricity", "cooling", "electricity_grid", 700_000, "kWh", 700_000 * EF_GRID, 562.87),
    (2, "electricity", "canteen", "electricity_grid", 250_000, "kWh", 250_000 * EF_GRID, 201.03),
    (2, "electricity", "compressed air", "electricity_grid", 700_000, "kWh", 700_000 * EF_GRID, 562.87),
]
DECK_SHARES = [0.11, 0.03, 1.27, 0.04, 0.08, 0.29, 56.05, 1.90, 17.06, 6.09, 17.06]


def activities(rows):
    return pd.DataFrame({
        "site": "F", "scope": pd.array([r[0] for r in rows], dtype="Int64"),
        "category": [r[1] for r in rows], "source": [r[2] for r in rows], "fuel": [r[3] for r in rows],
        "quantity": [np.nan if r[4] is None else float(r[4]) for r in rows], "unit": [r[5] for r in rows],
        "factor_tco2e_per_unit": np.nan, "tco2e": np.nan,
    })


@pytest.fixture
def deck_inventory():
    table, _ = scenario_factor_table(COMPANY)
    return compute_inventory(activities(DECK), table)


def half_up(x, d=2):
    from decimal import ROUND_HALF_UP, Decimal
    return float(Decimal(repr(round(float(x), 9))).quantize(Decimal(10) ** -d, rounding=ROUND_HALF_UP))


def test_rows_match_hand_computation_and_deck(deck_inventory):
    got = deck_inventory.rows["tco2e"].to_numpy()
    for value, row in zip(got, DECK):
        assert value == pytest.approx(row[6], rel=1e-12)
        assert half_up(value) == row[7]


def test_shares_match_deck(deck_inventory):
    assert [half_up(v) for v in deck_inventory.rows["share_pct"]] == DECK_SHARES


def test_totals_by_scope_and_category(deck_inventory):
    inv = deck_inventory
    assert half_up(inv.total_tco2e) == 3299.33
    assert half_up(inv.by_scope.loc["1", "tco2e"]) == 60.42
    assert half_up(inv.by_scope.loc["2", "tco2e"]) == 3238.91
    assert inv.by_scope.loc["3", "tco2e"] == 0
    assert half_up(inv.by_scope.loc["1", "share_pct"], 1) == 1.8
    assert half_up(inv.by_scope.loc["2", "share_pct"], 1) == 98.2
    cats = dict(zip(inv.by_category["category"], inv.by_category["tco2e"]))
    assert {k: half_up(v) for k, v in cats.items()} == {
        "stationary": 46.70, "mobile": 4.10, "fugitive": 9.62, "electricity": 3238.91}
    shares = dict(zip(inv.by_category["category"], inv.by_category["share_pct"]))
    assert {k: half_up(v, 1) for k, v in shares.items()} == {
        "stationary": 1.4, "mobile": 0.1, "fugitive": 0.3, "electricity": 98.2}
    assert list(inv.by_category["category"]) == ["stationary", "mobile", "fugitive", "electricity"]


def test_toe_of_electricity(deck_inventory):
    """0.0001543 TOE/kWh (MOIT 3505/BCT-KHCN): 2,300,000 kWh → 354.89 TOE."""
    assert deck_inventory.rows["toe"].iloc[6] == pytest.approx(2_300_000 * 0.0001543)
    assert deck_inventory.rows["toe"].iloc[0] == pytest.approx(1.385 * 0.88)


def test_row_override_known_result_and_problems():
    rows = activities([
        (1, "stationary", "own factor", "diesel", 1000, "L", None, None),
        (3, "scope3_06", "flights", None, None, None, None, None),
        (1, "stationary", "diesel in kWh", "diesel", 10, "kWh", None, None),
        (1, "stationary", "mystery", "unobtainium", 5, "kg", None, None),
        (1, "stationary", "no quantity", "diesel", None, "L", None, None),
    ])
    rows.loc[0, "factor_tco2e_per_unit"] = 0.0029
    rows.loc[1, "tco2e"] = 12.5
    table, _ = scenario_factor_table(COMPANY)
    out = emissions_by_row(rows, table)
    assert out["status"].tolist() == ["row_factor", "known", "unit_incompatible", "unknown_fuel",
                                      "missing_quantity"]
    assert out["tco2e"].iloc[0] == pytest.approx(2.9)
    assert out["tco2e"].iloc[1] == 12.5
    assert out["tco2e"].iloc[2:].isna().all()


def test_unit_conversion_inside_inventory():
    """1.385 kL is the same as 1,385 L; 2.3 GWh in MWh is the same as in kWh."""
    table, _ = scenario_factor_table(COMPANY)
    a = emissions_by_row(activities([(1, "stationary", "g", "diesel", 1.385, "kL", 0, 0),
                                     (2, "electricity", "m", "electricity_grid", 2300, "MWh", 0, 0)]), table)
    assert a["tco2e"].tolist() == pytest.approx([1.385 * 2.730, 2300 * 0.8041])


def test_pareto_marks_the_few_sources_that_make_80_pct(deck_inventory):
    top = pareto(deck_inventory.rows)
    assert top["tco2e"].is_monotonic_decreasing
    # machinery 56.05 + cooling 17.06 = 73.11 < 80, + compressed air 17.06 → crosses 80
    assert top["in_top"].sum() == 3
    assert top["cumulative_pct"].iloc[-1] == pytest.approx(100)


categories = st.sampled_from(sorted(CATEGORY_SCOPE))
row = st.tuples(categories, st.sampled_from(["diesel", "lpg", "electricity_grid", "r32"]),
                st.floats(0, 1e7, allow_nan=False), st.text(max_size=5))


@settings(max_examples=60, deadline=None)
@given(st.lists(row, min_size=0, max_size=30))
def test_scope_totals_add_up_to_the_total(rows):
    units = {"diesel": "L", "lpg": "kg", "electricity_grid": "kWh", "r32": "kg"}
    data = activities([(CATEGORY_SCOPE[c], c, s, f, q, units[f], 0, 0) for c, f, q, s in rows])
    table, _ = scenario_factor_table(COMPANY)
    inv = compute_inventory(data, table)
    assert inv.by_scope["tco2e"].sum() == pytest.approx(inv.total_tco2e, rel=1e-9, abs=1e-9)
    assert inv.by_category["tco2e"].sum() == pytest.approx(inv.total_tco2e, rel=1e-9, abs=1e-9)
    assert inv.by_site["tco2e"].sum() == pytest.approx(inv.total_tco2e, rel=1e-9, abs=1e-9)
    if inv.total_tco2e > 0:
        assert inv.rows["share_pct"].sum() == pytest.approx(100)
    assert (inv.rows["tco2e"] >= 0).all()
