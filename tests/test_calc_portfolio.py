"""Portfolio: sequenced application without double counting, lifetimes, the gap to the target."""
import numpy as np
import pandas as pd
import pytest

from calc.factors import scenario_factor_table
from calc.inventory import compute_inventory
from calc.measures import measure_savings
from calc.portfolio import apply_to_inventory, emissions_by_year
from workbook.model import empty_table

TABLE, _ = scenario_factor_table({"base_year": 2021, "grid_ef_year": 2020})
EF_KWH = 0.8041 / 1000


def activities():
    return pd.DataFrame({
        "site": ["A", "A", "B"], "scope": pd.array([2, 2, 1], dtype="Int64"),
        "category": ["electricity", "electricity", "stationary"],
        "source": ["compressed air", "lighting", "generator"],
        "fuel": ["electricity_grid", "electricity_grid", "diesel"],
        "quantity": [700_000.0, 78_000.0, 1385.0], "unit": ["kWh", "kWh", "L"],
        "factor_tco2e_per_unit": np.nan, "tco2e": np.nan})


def measures(*rows):
    base = empty_table("Measures")
    return pd.DataFrame([{**{c: None for c in base.columns}, **r} for r in rows]).astype(base.dtypes.to_dict())


def direct(id_, kwh, **kw):
    return dict(id=id_, name=id_, category="loss_reduction", fuel="electricity_grid", method="direct",
                saving_quantity=kwh, saving_unit="kWh", **kw)


def run(*rows):
    savings = measure_savings(measures(*rows), TABLE)
    return savings, apply_to_inventory(savings, compute_inventory(activities(), TABLE).rows)


def test_two_measures_on_one_source_cannot_save_more_than_it_uses():
    _, applied = run(direct("m1", 500_000.0, site="A", source="compressed air"),
                     direct("m2", 500_000.0, site="A", source="compressed air"))
    assert applied["applied_fraction"].tolist() == pytest.approx([1.0, 200_000 / 500_000])
    assert applied["issue"].tolist() == [None, "exceeds_source"]
    assert applied["available_quantity"].tolist() == pytest.approx([700_000, 200_000])
    assert applied["applied_tco2e"].sum() == pytest.approx(700_000 * EF_KWH)


def test_a_fuel_the_site_does_not_use():
    _, applied = run(dict(id="d", name="d", fuel="diesel", method="direct", saving_quantity=10.0,
                          saving_unit="L", site="A"))
    assert applied["issue"].tolist() == ["fuel_not_used"] and applied["applied_tco2e"].iloc[0] == 0


def test_without_site_or_source_a_measure_draws_on_every_source_of_its_fuel():
    _, applied = run(direct("m", 750_000.0))
    assert applied["available_quantity"].iloc[0] == pytest.approx(778_000)
    assert applied["issue"].iloc[0] is None and applied["scope"].iloc[0] == "2"


def test_lifetimes_wedges_and_gap():
    savings, applied = run(direct("early", 100_000.0, start_year=2022, lifetime_years=3.0),
                           direct("late", 50_000.0, start_year=2025))
    years = pd.Index(range(2021, 2031), name="year")
    bau = pd.Series(1000.0, index=years)
    target = pd.Series(np.linspace(1000, 700, 10), index=years)
    table, wedges = emissions_by_year(bau, savings, applied, target, ("1", "2"))
    early, late = 100_000 * EF_KWH, 50_000 * EF_KWH
    # replaced at the end of its 3-year life (as the finance does): it saves on from 2022
    assert wedges["early"].tolist() == pytest.approx([0] + [early] * 9)
    assert wedges["late"].tolist() == pytest.approx([0, 0, 0, 0, late, late, late, late, late, late])
    assert table["with_measures_tco2e"].tolist() == pytest.approx((bau - wedges.sum(axis=1)).tolist())
    assert table["gap_tco2e"].iloc[-1] == pytest.approx(1000 - early - late - 700)


def test_reductions_outside_the_targets_scopes_do_not_count():
    savings, applied = run(dict(id="g", name="g", fuel="diesel", method="direct", saving_quantity=100.0,
                                saving_unit="L", site="B"))
    bau = pd.Series(1000.0, index=pd.Index(range(2021, 2024), name="year"))
    table, _ = emissions_by_year(bau, savings, applied, scopes=("2",))
    assert table["reduction_tco2e"].sum() == 0
