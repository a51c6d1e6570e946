"""measure_cashflows after tax (straight-line depreciation) and with general inflation (seed-digest §4:
depreciation, inflation, salvage value, discount rate). Expected flows are worked by hand or by a
plain year-by-year loop written here, never by the code under test."""
import math

import numpy as np
import numpy_financial as npf
import pytest

from calc.finance import irr_with_codes, measure_cashflows, npv, payback_years, real_rate

LED_CAPEX, LED_SAVING = 160_000_000.0, 75_663_360.0


def by_hand(capex, saving, life, years, *, opex=0.0, income=0.0, carbon=0.0, esc=0.0, tax=0.0, infl=0.0,
            start=0):
    """One measure, the plain way, for a whole-year lifetime (None: the rest of the analysis).

    Each unit is bought at today's price × (1 + π)^t in the year t it goes into service, depreciated
    evenly over its life in the following years, replaced when its life ends before the last year;
    the last unit's unused share of its price comes back in the last year (not taxed)."""
    L = life if life is not None else years - start
    flows = [0.0] * (years + 1)
    units = []  # (year bought, price paid)
    t = start
    while t < years or (t == start and t <= years):
        price = capex * (1 + infl / 100) ** t
        flows[t] -= price
        units.append((t, price))
        t += L
    for t in range(start + 1, years + 1):
        benefit = (saving * (1 + esc / 100) ** (t - 1)
                   + (income - opex + carbon) * (1 + infl / 100) ** (t - 1))
        dep = sum(p / L for b, p in units if b < t <= b + L)
        flows[t] += benefit - tax / 100 * (benefit - dep)
    b, p = units[-1]
    used = years - b
    flows[years] += p * (L - used) / L if used < L else 0.0
    return np.array(flows)


# --- defaults reproduce the deck --------------------------------------------------------------

def test_defaults_reproduce_the_led_case():
    plain = measure_cashflows(LED_CAPEX, LED_SAVING, years=5, lifetime_years=5)
    explicit = measure_cashflows(LED_CAPEX, LED_SAVING, years=5, lifetime_years=5, tax_rate_pct=0.0,
                                 inflation_pct=0.0)
    np.testing.assert_array_equal(plain, explicit)
    np.testing.assert_allclose(plain[0], [-LED_CAPEX] + [LED_SAVING] * 5)
    assert npv(0.12, plain[0]) == pytest.approx(112_749_480, abs=1)
    assert round(irr_with_codes(plain[0])[0][0] * 100, 2) == 37.76
    assert round(payback_years(plain[0]), 2) == 2.11


# --- tax ----------------------------------------------------------------------------------------

def test_tax_worked_case():
    """Capex 1000, saving 400/yr, life 5, 5 years, tax 20 %: depreciation 200/yr, taxable 200,
    tax 40/yr, after-tax flows -1000, 360 × 5."""
    flows = measure_cashflows(1000.0, 400.0, years=5, lifetime_years=5, tax_rate_pct=20.0)[0]
    np.testing.assert_allclose(flows, [-1000, 360, 360, 360, 360, 360])
    assert npv(0.10, flows) == pytest.approx(npf.npv(0.10, [-1000] + [360] * 5))


def test_tax_with_a_replacement_and_salvage():
    """Life 4 in 6 years, tax 20 %: depreciation 250/yr, tax 0.2 × (400 - 250) = 30 → 370/yr;
    replacement at t = 4; the second unit is half used at t = 6: salvage 500, not taxed."""
    flows = measure_cashflows(1000.0, 400.0, years=6, lifetime_years=4, tax_rate_pct=20.0)[0]
    np.testing.assert_allclose(flows, [-1000, 370, 370, 370, 370 - 1000, 370, 370 + 500])
    np.testing.assert_allclose(flows, by_hand(1000.0, 400.0, 4, 6, tax=20.0))
    # life 3 in 6 years: depreciation 333.33, tax 13.33 → 386.67; replaced at t = 3, fully used at t = 6
    flows = measure_cashflows(1000.0, 400.0, years=6, lifetime_years=3, tax_rate_pct=20.0)[0]
    after_tax = 400 - 0.2 * (400 - 1000 / 3)
    np.testing.assert_allclose(flows, [-1000, after_tax, after_tax, after_tax - 1000, after_tax, after_tax, after_tax])


def test_a_tax_loss_is_a_tax_saving():
    """Saving 100 < depreciation 200: taxable -100, the company saves 20 of tax on its other profit."""
    flows = measure_cashflows(1000.0, 100.0, years=5, lifetime_years=5, tax_rate_pct=20.0)[0]
    np.testing.assert_allclose(flows, [-1000] + [120] * 5)


def test_tax_on_every_operating_item_and_a_blank_lifetime():
    """Opex 50, other income 30, 2 t × 10 carbon: benefit 400 + 30 - 50 + 20 = 400; a blank lifetime
    starting at t = 1 depreciates over the 3 years left: 333.33."""
    flows = measure_cashflows(1000.0, 400.0, years=4, lifetime_years=np.nan, opex_change=50.0, other_income=30.0,
                              reduction_tco2e=2.0, carbon_price=10.0, start_offset=1, tax_rate_pct=25.0)[0]
    after_tax = 400 - 0.25 * (400 - 1000 / 3)
    np.testing.assert_allclose(flows, [0, -1000, after_tax, after_tax, after_tax])
    np.testing.assert_allclose(flows, by_hand(1000.0, 400.0, None, 4, opex=50, income=30, carbon=20, tax=25,
                                              start=1))


# --- inflation --------------------------------------------------------------------------------------

def test_inflation_escalates_the_non_energy_items_and_the_replacements():
    """π = 10 %: opex 50, income 20, carbon 20 (net -10) grow as (1.1)^(t-1); the replacement at
    t = 3 costs 1000 × 1.1^3 = 1331; the energy saving does not grow (no escalation); the last unit
    is 2/3 used at t = 5: salvage 1331 / 3."""
    flows = measure_cashflows(1000.0, 400.0, years=5, lifetime_years=3, opex_change=50.0, other_income=20.0,
                              reduction_tco2e=2.0, carbon_price=10.0, inflation_pct=10.0)[0]
    expected = [-1000, 400 - 10, 400 - 11, 400 - 12.1 - 1331, 400 - 13.31, 400 - 14.641 + 1331 / 3]
    np.testing.assert_allclose(flows, expected)
    np.testing.assert_allclose(flows, by_hand(1000.0, 400.0, 3, 5, opex=50, income=20, carbon=20, infl=10))


def test_energy_saving_escalates_with_its_own_rate_only():
    flows = measure_cashflows(0.0, 100.0, years=3, lifetime_years=np.nan, escalation_pct=5.0, inflation_pct=20.0)[0]
    np.testing.assert_allclose(flows, [0, 100, 105, 110.25])


def test_real_rate_and_the_fisher_equivalence():
    assert real_rate(12.0, 4.0) == pytest.approx(1.12 / 1.04 - 1)
    assert real_rate(10.0, 0.0) == pytest.approx(0.10)
    nominal = measure_cashflows(1000.0, 400.0, years=8, lifetime_years=3, opex_change=60.0, other_income=15.0,
                                escalation_pct=6.0, inflation_pct=4.0, tax_rate_pct=20.0)[0]
    deflated = nominal / 1.04 ** np.arange(9)
    at_nominal = npf.npv(0.12, nominal)
    at_real = npf.npv(1.12 / 1.04 - 1, deflated)
    assert at_real == pytest.approx(at_nominal, rel=1e-12)
    assert npv(real_rate(12.0, 4.0), deflated) == pytest.approx(at_nominal, rel=1e-12)


def test_tax_and_inflation_together():
    """Life 2 in 4 years, tax 25 %, π = 10 %: the replacement at t = 2 costs 1210 and depreciates 605/yr."""
    flows = measure_cashflows(1000.0, 400.0, years=4, lifetime_years=2, tax_rate_pct=25.0, inflation_pct=10.0)[0]
    y1 = 400 - 0.25 * (400 - 500)
    y3 = 400 - 0.25 * (400 - 605)
    np.testing.assert_allclose(flows, [-1000, y1, y1 - 1210, y3, y3])
    np.testing.assert_allclose(flows, by_hand(1000.0, 400.0, 2, 4, tax=25, infl=10))


# --- vectorised -------------------------------------------------------------------------------------

def test_many_measures_at_once_equal_one_by_one():
    rng = np.random.default_rng(3)
    m = 200
    capex = rng.uniform(100, 1000, m)
    saving = rng.uniform(50, 400, m)
    life = rng.integers(1, 9, m).astype(float)
    opex = rng.uniform(0, 30, m)
    start = rng.integers(0, 3, m)
    tax = rng.choice([0.0, 20.0], m)
    infl = rng.choice([0.0, 4.0], m)
    flows = measure_cashflows(capex, saving, years=10, lifetime_years=life, opex_change=opex, start_offset=start,
                              escalation_pct=3.0, tax_rate_pct=tax, inflation_pct=infl)
    assert flows.shape == (m, 11)
    for i in range(0, m, 7):
        np.testing.assert_allclose(flows[i], by_hand(capex[i], saving[i], int(life[i]), 10, opex=opex[i], esc=3.0,
                                                     tax=tax[i], infl=infl[i], start=int(start[i])),
                                   rtol=1e-12, atol=1e-9)


def test_fractional_lifetime_after_tax_depreciates_each_unit_over_its_life():
    """Life 2.5 in 5 years, tax 20 %: unit 1 in service 0–2.5, unit 2 (bought in year 3) 2.5–5,
    depreciation 400/yr each; every year has 400 of depreciation, so the tax is 0.2 × (500 - 400)."""
    flows = measure_cashflows(1000.0, 500.0, years=5, lifetime_years=2.5, tax_rate_pct=20.0)[0]
    after_tax = 500 - 0.2 * (500 - 400)
    np.testing.assert_allclose(flows, [-1000, after_tax, after_tax, after_tax - 1000, after_tax, after_tax])
    assert math.isclose(npv(0.1, flows), npf.npv(0.1, flows))
