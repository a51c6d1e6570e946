"""Capped savings scale everything, and the wedge follows the finance's lifetime rule.

Expected numbers are computed in the test from the inputs (kWh × the deck's 0.8041 t/MWh,
1,642 VND/kWh, CRF = r / (1 − (1 + r)^−n)), never taken from the code under test.
"""
import numpy as np
import pandas as pd
import pytest

from calc.appraisal import appraise
from calc.factors import scenario_factor_table
from calc.inventory import compute_inventory
from calc.measures import macc_table, measure_savings
from calc.portfolio import apply_to_inventory, emissions_by_year, scale_capped
from workbook.model import empty_table

TABLE, _ = scenario_factor_table({"base_year": 2021, "grid_ef_year": 2020})
EF_KWH = 0.8041 / 1000
TOE_KWH = 0.0001543
PRICE = 1642.0


def crf(r, n):
    return r / (1 - (1 + r) ** -n)


def lighting(kwh=78_000.0):
    return pd.DataFrame({"site": ["A"], "scope": pd.array([2], dtype="Int64"), "category": ["electricity"],
                         "source": ["lighting"], "fuel": ["electricity_grid"], "quantity": [kwh], "unit": ["kWh"],
                         "factor_tco2e_per_unit": np.nan, "tco2e": np.nan})


def measures(*rows):
    base = empty_table("Measures")
    return pd.DataFrame([{**{c: None for c in base.columns}, **r} for r in rows]).astype(base.dtypes.to_dict())


def direct(id_, kwh, **kw):
    return dict(id=id_, name=id_, category="equipment", fuel="electricity_grid", method="direct", site="A",
                source="lighting", saving_quantity=kwh, saving_unit="kWh", energy_price_per_unit=PRICE, **kw)


def run(*rows, rate=12.0):
    savings = measure_savings(measures(*rows), TABLE, rate)
    return savings, apply_to_inventory(savings, compute_inventory(lighting(), TABLE).rows)


def test_capped_share_is_applied_over_claimed():
    # 78,000 kWh of lighting: the first takes 50,000, the second claims 40,000 and gets 28,000
    savings, applied = run(direct("m1", 50_000.0, lifetime_years=5.0), direct("m2", 40_000.0, lifetime_years=5.0))
    assert applied["capped_share"].tolist() == pytest.approx([1.0, 28_000 / 40_000])
    assert applied["applied_tco2e"].tolist() == pytest.approx([50_000 * EF_KWH, 28_000 * EF_KWH])


def test_a_measure_that_is_not_capped_has_share_one():
    _, applied = run(direct("m", 10_000.0), dict(id="x", name="x", fuel="diesel", method="direct",
                                                   saving_quantity=5.0, saving_unit="L"))
    assert applied["capped_share"].tolist() == [1.0, 1.0]  # "fuel not used" is no cap


def test_scale_capped_recomputes_every_amount_of_a_capped_measure():
    capex, life, r = 200_000_000.0, 5.0, 0.12
    savings, applied = run(direct("m1", 50_000.0, lifetime_years=5.0, capex_equipment=100_000_000.0),
                           direct("m2", 40_000.0, lifetime_years=life, capex_equipment=capex,
                                  opex_change_per_year=1_000_000.0))
    counted = scale_capped(savings, applied)
    m1, m2 = counted.iloc[0], counted.iloc[1]
    kwh = 78_000 - 50_000  # what m2 can still save
    assert m2["saving_quantity"] == pytest.approx(kwh) and m2["saving_kwh"] == pytest.approx(kwh)
    assert m2["reduction_tco2e"] == pytest.approx(kwh * EF_KWH)
    assert m2["saving_toe"] == pytest.approx(kwh * TOE_KWH)
    assert m2["energy_cost_saving"] == pytest.approx(kwh * PRICE)
    annual = capex * crf(r, life) + 1_000_000 - kwh * PRICE
    assert m2["annualised_cost"] == pytest.approx(annual)
    assert m2["abatement_cost_per_tco2e"] == pytest.approx(annual / (kwh * EF_KWH))
    assert m2["capped_share"] == pytest.approx(kwh / 40_000)
    assert m2["capex"] == capex  # the investment is still made
    # the uncapped measure and the input frame are unchanged
    pd.testing.assert_series_equal(m1.drop("capped_share"), savings.iloc[0], check_names=False)
    assert savings.iloc[1]["saving_quantity"] == 40_000
    # what the MACC and the finance then show is the counted amount, as the wedge counts it
    assert macc_table(counted).set_index("id").at["m2", "tco2e_per_year"] == pytest.approx(applied.at[1, "applied_tco2e"])
    flows = [-capex] + [kwh * PRICE - 1_000_000] * 5
    npv = sum(f / (1 + r) ** t for t, f in enumerate(flows))
    table = appraise(counted, {"discount_rate_pct": 12.0, "analysis_years": 5}).table.set_index("id")
    assert table.at["m2", "npv"] == pytest.approx(npv)


def test_the_issues_example_32_16_t_claimed_25_67_t_counted():
    claimed_kwh, left_kwh = 32.16 / EF_KWH, 25.67 / EF_KWH
    savings = measure_savings(measures(direct("m", claimed_kwh, lifetime_years=10.0)), TABLE, 10.0)
    applied = apply_to_inventory(savings, compute_inventory(lighting(left_kwh), TABLE).rows)
    counted = scale_capped(savings, applied)
    assert savings["reduction_tco2e"].iloc[0] == pytest.approx(32.16)
    assert counted["reduction_tco2e"].iloc[0] == pytest.approx(25.67)
    assert counted["energy_cost_saving"].iloc[0] == pytest.approx(left_kwh * PRICE)


def test_wedge_follows_the_finance_replacement_rule():
    savings, applied = run(direct("short", 10_000.0, start_year=2023, lifetime_years=2.0),
                           direct("blank", 5_000.0, start_year=2025),
                           direct("zero", 1_000.0, start_year=2022, lifetime_years=0.0))
    years = pd.Index(range(2021, 2031), name="year")
    table, wedges = emissions_by_year(pd.Series(1000.0, index=years), savings, applied)
    short, blank = 10_000 * EF_KWH, 5_000 * EF_KWH
    # replaced every 2 years: saves every year from 2023 on; blank lifetime: every year from 2025
    assert wedges["short"].tolist() == pytest.approx([0, 0] + [short] * 8)
    assert wedges["blank"].tolist() == pytest.approx([0] * 4 + [blank] * 6)
    assert wedges["zero"].tolist() == [0.0] * 10  # a lifetime of 0 saves nothing
    assert table["reduction_tco2e"].iloc[-1] == pytest.approx(short + blank)


def test_matching_by_index_gives_what_comparing_every_row_gives():
    """Issue 16: measures find their rows through an index (fuel, site, source); the result is the
    one of the plain rule, written here row by row: a measure takes its share of what the rows of
    its fuel (and its site and source, when given) still use, in order."""
    rng = np.random.default_rng(11)
    n = 400
    sites, sources = ["A", "B", None], ["lighting", "motors", "hvac", "pumps"]
    rows = pd.DataFrame({"site": rng.choice(sites, n), "scope": pd.array([2] * n, dtype="Int64"),
                         "category": "electricity", "source": rng.choice(sources, n),
                         "fuel": "electricity_grid", "quantity": rng.uniform(1_000, 50_000, n), "unit": "kWh",
                         "factor_tco2e_per_unit": np.nan, "tco2e": np.nan})
    rows.loc[rng.choice(n, 40, replace=False), "quantity"] = rng.uniform(1, 20, 40)  # in MWh: same dimension
    rows.loc[rows["quantity"] < 20, "unit"] = "MWh"
    inventory = compute_inventory(rows, TABLE).rows
    specs = []
    for i in range(60):
        site = rng.choice(["A", "B", ""])
        source = rng.choice(sources + ["", "nowhere"])
        specs.append({**direct(f"M{i}", float(rng.uniform(1_000, 400_000))), "site": site or None,
                      "source": source or None})
    savings = measure_savings(measures(*specs), TABLE)
    got = apply_to_inventory(savings, inventory)

    to_kwh = np.where(rows["unit"] == "MWh", 1000.0, 1.0)
    remaining = rows["quantity"].to_numpy() * to_kwh
    for spec, rec in zip(specs, got.itertuples()):
        mask = np.ones(n, dtype=bool)
        if spec["site"]:
            mask &= (rows["site"] == spec["site"]).to_numpy()
        if spec["source"]:
            mask &= (rows["source"] == spec["source"]).to_numpy()
        if not mask.any():
            assert rec.issue == "fuel_not_used" and rec.applied_fraction == 0.0
            continue
        available, wanted = remaining[mask].sum(), spec["saving_quantity"]
        fraction = min(1.0, available / wanted)
        if available > 0:
            remaining[mask] *= 1 - min(wanted / available, 1.0)
        assert rec.available_quantity == pytest.approx(available, rel=1e-12)
        assert rec.applied_fraction == pytest.approx(fraction, rel=1e-12)
        assert rec.applied_tco2e == pytest.approx(wanted * EF_KWH * fraction, rel=1e-9)
        assert rec.scope == "2"
