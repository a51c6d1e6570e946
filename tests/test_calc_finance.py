"""Finance (seed-digest §3–4): the deck's LED case and projects A/B, numpy-financial's documented
examples, IRR problem codes, cash flows with replacement and salvage by hand, and properties.

Expected numbers come from the deck or from closed forms written here (annuity sums, hand
loops), never from calc.finance itself."""
import warnings
from fractions import Fraction

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from calc import measures
from calc.finance import (IRR_CODES, FinanceWarning, benefit_cost_ratio, capital_recovery_factor,
                          cost_of_saved_energy, discounted_payback_years, equivalent_annual_cost,
                          hand_irr, irr, irr_with_codes, measure_cashflows, npv, npv_excel,
                          payback_years, profitability_index, roi)

# the deck's LED case: 1,000 tubes × 160,000 VND; 46,080 kWh × 1,642 VND saved per year; 12 %
LED_CAPEX = 160_000_000.0
LED_SAVING = 46_080 * 1_642.0
LED = [-LED_CAPEX] + [LED_SAVING] * 5
A = [-1000, 500, 400, 300, 100]
B = [-1000, 100, 300, 400, 600]
NPF_DOC = [-100, 39, 59, 55, 20]
ignore_finance_warnings = pytest.mark.filterwarnings("ignore::calc.finance.FinanceWarning")


def annuity(rate, n):
    """Present value of 1 per year for n years (closed form)."""
    return (1 - (1 + rate) ** -n) / rate


def hand_npv(rate, flows):
    return sum(v / (1 + rate) ** t for t, v in enumerate(flows))


def exact_npv(rate, flows):
    """NPV in exact rational arithmetic (no rounding)."""
    x = 1 / (1 + Fraction(rate))
    return float(sum(Fraction(v) * x ** t for t, v in enumerate(flows)))


def no_warnings(fn, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args)


# --------------------------------------------------------------------------- the deck
def test_led_saving_is_the_decks():
    assert LED_SAVING == 75_663_360


def test_led_simple_payback_2_11_years():
    assert payback_years(LED) == pytest.approx(LED_CAPEX / LED_SAVING, rel=1e-12)
    assert round(payback_years(LED), 2) == 2.11


def test_led_irr_37_76_pct():
    r = irr(LED)
    assert round(r * 100, 2) == 37.76
    assert r == pytest.approx(npf.irr(LED), abs=1e-9)
    assert LED_SAVING * annuity(r, 5) == pytest.approx(LED_CAPEX, rel=1e-9)


def test_led_npv_at_12_pct_is_112_749_480_over_5_years():
    expected = LED_SAVING * annuity(0.12, 5) - LED_CAPEX
    assert npv(0.12, LED) == pytest.approx(expected, rel=1e-12)
    assert round(npv(0.12, LED)) == 112_749_480
    # the deck labels it "10 years"; 10 years would be:
    assert round(npv(0.12, [-LED_CAPEX] + [LED_SAVING] * 10)) == 267_514_859


def test_led_roi_and_ratios():
    assert roi(LED) == pytest.approx(LED_SAVING / LED_CAPEX)
    pv_in = LED_SAVING * annuity(0.12, 5)
    assert benefit_cost_ratio(0.12, LED) == pytest.approx(pv_in / LED_CAPEX)
    assert profitability_index(0.12, LED) == pytest.approx(pv_in / LED_CAPEX)


def test_led_discounted_payback_by_hand():
    disc = [LED_SAVING / 1.12 ** t for t in range(1, 6)]
    cum, k = -LED_CAPEX, 0
    while cum + disc[k] < 0:
        cum += disc[k]
        k += 1
    expected = k + (-cum) / disc[k]
    assert discounted_payback_years(0.12, LED) == pytest.approx(expected, rel=1e-12)
    assert discounted_payback_years(0.12, LED) > payback_years(LED)


def test_projects_a_and_b_paybacks():
    assert payback_years(A) == pytest.approx(2 + 100 / 300)
    assert payback_years(B) == pytest.approx(3 + 200 / 600)
    assert [round(x, 2) for x in payback_years(np.array([A, B]))] == [2.33, 3.33]
    assert roi(A) == pytest.approx(325 / 1000)
    assert roi(np.array([A, B])) == pytest.approx([325 / 1000, 350 / 1000])


def test_hand_irr_is_the_trainers_interpolation():
    i1, i2 = 0.35, 0.40
    n1, n2 = hand_npv(i1, LED), hand_npv(i2, LED)
    assert n1 > 0 > n2
    out = hand_irr(LED, i1, i2)
    assert out["npv1"] == pytest.approx(n1) and out["npv2"] == pytest.approx(n2)
    assert out["irr"] == pytest.approx(i1 + (i2 - i1) * n1 / (n1 - n2))
    assert out["i1"] == i1 and out["i2"] == i2
    # the chord lies above the convex NPV curve: slightly above the true IRR, close to it
    assert 0 < out["irr"] - irr(LED) < 0.005


def test_hand_irr_without_a_bracket_is_nan_with_a_code():
    with pytest.warns(FinanceWarning) as record:
        out = hand_irr(LED, 0.05, 0.10)  # both NPVs positive
    assert np.isnan(out["irr"]) and record[0].message.code == "irr.hand_no_bracket"


# --------------------------------------------------------------------------- NPV
def test_numpy_financial_documented_examples():
    assert round(irr(NPF_DOC), 5) == 0.28095
    assert irr(NPF_DOC) == pytest.approx(npf.irr(NPF_DOC), abs=1e-9)
    assert npv(0.281, NPF_DOC) == pytest.approx(-0.0084785, abs=1e-7)
    assert npv(0.281, NPF_DOC) == pytest.approx(npf.npv(0.281, NPF_DOC), rel=1e-12)
    assert npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]) == pytest.approx(3065.22267, abs=1e-5)


def test_npv_2d_one_per_row_and_rate_per_row():
    flows = np.array([LED, [-1000, 500, 400, 300, 100, 0], [0, 0, 0, 0, 0, 0]], dtype=float)
    assert npv(0.12, flows) == pytest.approx([hand_npv(0.12, row) for row in flows], rel=1e-12)
    rates = np.array([0.12, 0.0, 0.5])
    assert npv(rates, flows) == pytest.approx([hand_npv(r, row) for r, row in zip(rates, flows)], rel=1e-12)
    assert npv(0.12, flows).shape == (3,)
    assert isinstance(npv(0.12, LED), float)


def test_npv_profile_for_a_1d_flow_and_rate_below_minus_one():
    rates = np.array([0.0, 0.12, 0.3])
    assert npv(rates, LED) == pytest.approx([hand_npv(r, LED) for r in rates])
    assert npv(0.0, LED) == pytest.approx(sum(LED))
    assert np.isnan(npv(-1.0, LED))


def test_npv_excel_discounts_the_first_value():
    excel = sum(v / 1.12 ** (t + 1) for t, v in enumerate(LED))  # Excel: every value at period end
    assert npv_excel(0.12, LED) == pytest.approx(excel, rel=1e-12)
    # the Excel habit: =NPV(r, years 1..n) + year 0
    assert npv_excel(0.12, LED[1:]) + LED[0] == pytest.approx(npv(0.12, LED), rel=1e-12)


# --------------------------------------------------------------------------- IRR
def test_irr_2d_equals_numpy_financial_rows():
    flows = np.array([LED, NPF_DOC + [0], [-100, 0, 0, 74, 0, 0], [-100, 100, 0, -7, 0, 0],
                      [-100, 100, 0, 7, 0, 0], [-5, 10.5, 1, -8, 1, 0]], dtype=float)
    with pytest.warns(FinanceWarning) as record:  # two rows have two IRRs each; both rules agree here
        got = irr(flows)
    assert record[0].message.data["rows"] == {"irr.multiple": [3, 5]}
    assert got == pytest.approx([npf.irr(row) for row in flows], abs=1e-9)
    assert [round(x, 5) for x in got[1:]] == [0.28095, -0.0955, -0.0833, 0.06206, 0.0886]


def test_all_positive_row_is_nan_with_no_sign_change():
    flows = np.array([LED, [1.0] * 6, [-1.0] * 6, [0.0] * 6])
    rates, codes = no_warnings(irr_with_codes, flows)
    assert rates[0] == pytest.approx(npf.irr(LED), abs=1e-9)
    assert np.isnan(rates[1:]).all()
    assert list(codes) == ["", "irr.no_sign_change", "irr.no_sign_change", "irr.no_sign_change"]
    with pytest.warns(FinanceWarning) as record:
        assert np.isnan(irr([100.0, 200.0, 300.0]))
    assert len(record) == 1 and record[0].message.code == "irr.no_sign_change"


def test_one_warning_per_call_with_counts():
    flows = np.array([[1, 2, 3], [2, 2, 2], [-100, 230, -132], LED[:3], [np.nan, 1, 2]], dtype=float)
    with pytest.warns(FinanceWarning) as record:
        rates = irr(flows)
    assert len(record) == 1
    w = record[0].message
    assert w.data["counts"] == {"irr.non_finite": 1, "irr.no_sign_change": 2, "irr.multiple": 1}
    assert w.data["rows"]["irr.no_sign_change"] == [0, 1]
    assert w.code == "irr.non_finite"  # the first code in IRR_CODES order
    assert "2 row(s)" in str(w)
    assert np.isnan(rates[[0, 1, 4]]).all() and rates[2] == pytest.approx(0.1)
    assert set(w.data["counts"]) <= set(IRR_CODES)


def test_several_irrs_return_the_one_nearest_10_pct():
    # -100 + 230/(1+r) - 132/(1+r)^2 = 0 at r = 10 % and 20 %
    assert hand_npv(0.1, [-100, 230, -132]) == pytest.approx(0, abs=1e-9)
    assert hand_npv(0.2, [-100, 230, -132]) == pytest.approx(0, abs=1e-9)
    # roots at -5 % and 15 %: we return 15 % (nearest 0.1), numpy-financial -5 % (nearest 0)
    two = [-100, 100 * (0.95 + 1.15), -100 * 0.95 * 1.15]
    rates, codes = no_warnings(irr_with_codes, np.array([[-100, 230, -132], two]))
    assert rates == pytest.approx([0.1, 0.15], abs=1e-9)
    assert list(codes) == ["irr.multiple", "irr.multiple"]
    assert npf.irr(two) == pytest.approx(-0.05)
    with pytest.warns(FinanceWarning) as record:
        irr(two)
    assert record[0].message.code == "irr.multiple"


def test_several_sign_changes_but_one_irr_is_fine():
    flows = [-100, 50, -10, 80]  # three sign changes, one real IRR (8.61 %)
    rates, codes = no_warnings(irr_with_codes, flows)
    assert codes[0] == "" and rates[0] == pytest.approx(npf.irr(flows), abs=1e-9)
    assert hand_npv(rates[0], flows) == pytest.approx(0, abs=1e-9)
    # numpy-financial's example [-100, 100, 0, -7] has two: -67.9 % and -8.33 %; both rules pick -8.33 %
    rates, codes = no_warnings(irr_with_codes, [-100, 100, 0, -7])
    assert codes[0] == "irr.multiple" and rates[0] == pytest.approx(npf.irr([-100, 100, 0, -7]), abs=1e-9)


def test_several_sign_changes_and_no_real_irr():
    flows = [-100, 250, -200]  # 200x² - 250x + 100 has no real root
    assert np.isnan(npf.irr(flows))
    rates, codes = no_warnings(irr_with_codes, flows)
    assert np.isnan(rates[0]) and codes[0] == "irr.no_real_root"


def test_bisection_fallback_and_no_convergence(monkeypatch):
    import calc.finance as finance

    monkeypatch.setattr(finance, "_NEWTON_MAXITER", 0)  # every row goes to the fallback
    flows = np.array([LED, NPF_DOC + [0], [-1, 1000, 0, 0, 0, 0]], dtype=float)
    rates, codes = no_warnings(irr_with_codes, flows)
    assert rates[:2] == pytest.approx([npf.irr(LED), npf.irr(NPF_DOC)], abs=1e-9)
    assert np.isnan(rates[2]) and codes[2] == "irr.no_convergence"  # 99,900 % is outside the bracket
    monkeypatch.undo()
    assert irr([-1, 1000]) == pytest.approx(999)  # Newton finds it


def test_irr_shapes():
    assert isinstance(irr(LED), float)
    rates, codes = irr_with_codes(LED)
    assert rates.shape == codes.shape == (1,)
    rates, codes = irr_with_codes(np.zeros((0, 6)))
    assert rates.shape == codes.shape == (0,)


# --------------------------------------------------------------------------- paybacks, ratios
def test_payback_edge_cases():
    flows = np.array([[-1000, 100, 100, 100], [0, 10, 10, 10], [-100, 100, -50, 60], [-1, np.nan, 1, 1]])
    got = payback_years(flows)
    assert got[0] == np.inf
    assert got[1] == 0.0
    assert got[2] == pytest.approx(1.0)  # the first recovery counts
    assert np.isnan(got[3])


def test_discounted_payback_rate_per_row():
    flows = np.array([A, B], dtype=float)
    got = discounted_payback_years(np.array([0.0, 0.1]), flows)
    assert got[0] == pytest.approx(payback_years(A))
    disc = [v / 1.1 ** t for t, v in enumerate(B)]
    cum = np.cumsum(disc)
    k = int(np.argmax(cum >= 0))
    assert got[1] == pytest.approx(k - 1 + -cum[k - 1] / disc[k])


def test_bcr_and_pi_differ_when_later_years_cost():
    flows = [-100, 80, -30, 90]
    d = [1 / 1.1 ** t for t in range(4)]
    assert benefit_cost_ratio(0.1, flows) == pytest.approx((80 * d[1] + 90 * d[3]) / (100 + 30 * d[2]))
    assert profitability_index(0.1, flows) == pytest.approx((80 * d[1] - 30 * d[2] + 90 * d[3]) / 100)
    assert np.isnan(profitability_index(0.1, [10, 20])) and np.isnan(roi([0, 20]))
    assert benefit_cost_ratio(0.1, [10, 20]) == np.inf


def test_capital_recovery_factor():
    assert capital_recovery_factor(0.12, 5) == pytest.approx(0.12 / (1 - 1.12 ** -5))
    assert round(capital_recovery_factor(0.12, 5), 5) == 0.27741
    assert capital_recovery_factor(0.0, 8) == pytest.approx(1 / 8)
    assert np.isnan(capital_recovery_factor(0.1, 0)) and np.isnan(capital_recovery_factor(0.1, np.nan))
    lives = np.array([1.0, 5.0, 20.0])
    expected = measures.capital_recovery_factor(0.07, lives)
    assert capital_recovery_factor(0.07, lives) == pytest.approx(expected)
    assert capital_recovery_factor(np.array([0.0, 0.1]), 10) == pytest.approx([0.1, 0.1 / (1 - 1.1 ** -10)])
    # CRF × annuity factor = 1
    assert capital_recovery_factor(0.09, 13) * annuity(0.09, 13) == pytest.approx(1.0)


def test_life_cycle_lamps_with_unequal_lives():
    # per lamp position: price, energy + maintenance per year, life in years (2,000 h/yr)
    price = np.array([30_000.0, 60_000.0, 120_000.0])      # halogen, CFL, LED
    running = np.array([219_000.0, 59_000.0, 33_000.0])
    life = np.array([1.0, 5.0, 20.0])                      # CFL 5×, LED 20× a halogen
    got = equivalent_annual_cost(0.10, price, running, life)
    crf = 0.10 / (1 - 1.10 ** -life)
    assert got == pytest.approx(price * crf + running)
    assert got[0] == pytest.approx(30_000 * 1.1 + 219_000)  # one year: pay, plus a year's interest
    assert list(np.argsort(got)) == [2, 1, 0]               # LED cheapest per year


def test_cost_of_saved_energy():
    cse = cost_of_saved_energy(0.12, LED_CAPEX, 0.0, 5, 46_080)
    assert cse == pytest.approx(LED_CAPEX * 0.12 / (1 - 1.12 ** -5) / 46_080)
    assert cse < 1_642  # cheaper than buying the kWh
    assert cost_of_saved_energy(0.0, 1000, 50, 10, 100) == pytest.approx((100 + 50) / 100)
    assert np.isnan(cost_of_saved_energy(0.1, 1000, 0, 10, 0))


# --------------------------------------------------------------------------- cash flows
def test_measure_cashflows_led_case():
    flows = measure_cashflows(LED_CAPEX, LED_SAVING, years=5, lifetime_years=5)
    assert flows.shape == (1, 6)
    assert flows[0] == pytest.approx(LED)  # life = analysis: no replacement, no salvage
    assert npv(0.12, flows)[0] == pytest.approx(LED_SAVING * annuity(0.12, 5) - LED_CAPEX)


def test_measure_cashflows_replacement_and_salvage_by_hand():
    flows = measure_cashflows(100.0, 30.0, years=12, lifetime_years=5)[0]
    expected = [-100] + [30] * 12
    expected[5] -= 100   # replaced at the end of year 5
    expected[10] -= 100  # and of year 10
    expected[12] += 100 * 3 / 5  # the third unit is 2 years old: 3 of 5 years left
    assert flows == pytest.approx(expected)
    # lifetime ends exactly at the last year: replaced at 5, no replacement and no salvage at 10
    flows = measure_cashflows(100.0, 30.0, years=10, lifetime_years=5)[0]
    assert flows == pytest.approx([-100] + [30] * 4 + [-70] + [30] * 5)
    no_salvage = measure_cashflows(100.0, 30.0, years=12, lifetime_years=5, salvage=False)[0]
    assert no_salvage[12] == pytest.approx(30)


def test_measure_cashflows_all_terms_vectorised():
    flows = measure_cashflows(
        np.array([1000.0, 500.0, 200.0]), np.array([300.0, 100.0, 50.0]), years=6,
        lifetime_years=np.array([10.0, 4.0, np.nan]), opex_change=np.array([20.0, 0.0, 5.0]),
        other_income=10.0, reduction_tco2e=np.array([2.0, 1.0, 0.0]), carbon_price=15.0,
        escalation_pct=5.0, start_offset=np.array([0, 0, 2]))
    assert flows.shape == (3, 7)
    t = np.arange(7)
    m0 = [-1000] + [300 * 1.05 ** (y - 1) - 20 + 10 + 30 for y in t[1:]]
    m0[6] += 1000 * 4 / 10  # 6 of 10 years used
    assert flows[0] == pytest.approx(m0)
    m1 = [-500] + [100 * 1.05 ** (y - 1) + 10 + 15 for y in t[1:]]
    m1[4] -= 500
    m1[6] += 500 * 2 / 4
    assert flows[1] == pytest.approx(m1)
    m2 = [0, 0, -200] + [50 * 1.05 ** (y - 1) - 5 + 10 for y in t[3:]]  # NaN life: no replacement/salvage
    assert flows[2] == pytest.approx(m2)


# --------------------------------------------------------------------------- properties
# money amounts from 0.01 to 1e6 (or exactly 0): the range of real projects, no subnormals
inflow = st.one_of(st.just(0.0), st.floats(1e-2, 1e6))
conventional = st.tuples(st.floats(1.0, 1e6), st.lists(inflow, min_size=1, max_size=30)).filter(
    lambda cf: sum(cf[1]) > 0).map(lambda cf: [-cf[0], *cf[1]])  # one outflow, then inflows
any_flows = st.lists(st.one_of(inflow, st.floats(-1e6, -1e-2)), min_size=2, max_size=25)


@given(any_flows)
@settings(max_examples=300, deadline=None)
def test_npv_at_the_irr_is_zero(flows):
    rates, _ = irr_with_codes(flows)
    r = rates[0]
    assume(np.isfinite(r) and r > -0.99)  # near -100 % the rate itself carries the rounding
    scale = sum(abs(v) * (1 + r) ** -t for t, v in enumerate(flows))
    assert abs(hand_npv(r, flows)) <= 1e-8 * scale


@given(conventional, st.floats(1e-3, 1e3))
@settings(max_examples=200, deadline=None)
def test_irr_does_not_depend_on_scale(flows, k):
    r = irr(flows)
    assert np.isfinite(r)
    assert irr([k * v for v in flows]) == pytest.approx(r, rel=1e-9, abs=1e-9)


@given(conventional)
@example([-16903.0, 0.0, 304392.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 227867.0, 0.015625])  # npf off by 1e-9
@example([-1.0, 682602.0, 0.0, 468.0, 1.0])  # IRR 68,260,100 %
@settings(max_examples=200, deadline=None)
def test_irr_equals_numpy_financial_for_conventional_flows(flows):
    expected = npf.irr(flows)
    assume(np.isfinite(expected))
    got = irr(flows)
    if got != pytest.approx(expected, rel=1e-9, abs=1e-9):
        # numpy.roots loses digits on ill-conditioned polynomials (e.g. a tiny last flow):
        # then ours must be the better root, by the exact NPV
        assert abs(exact_npv(got, flows)) < abs(exact_npv(expected, flows))


@given(conventional.filter(lambda flows: sum(flows) > 0))
@settings(max_examples=200, deadline=None)
def test_payback_within_the_periods_when_the_flows_add_up_positive(flows):
    pb = payback_years(flows)
    assert 0 < pb <= len(flows) - 1
    assert discounted_payback_years(0.0, flows) == pytest.approx(pb)


@ignore_finance_warnings
@given(st.integers(1, 8), st.integers(2, 12), st.data())
@settings(max_examples=100, deadline=None)
def test_2d_irr_equals_a_loop_of_1d_irr(n_rows, n_periods, data):
    rows = data.draw(st.lists(st.lists(st.floats(-1e4, 1e4), min_size=n_periods, max_size=n_periods),
                              min_size=n_rows, max_size=n_rows))
    together, codes = irr_with_codes(np.array(rows))
    alone = [irr_with_codes(row) for row in rows]
    np.testing.assert_allclose(together, [a[0][0] for a in alone], rtol=1e-12, atol=1e-12)
    assert list(codes) == [a[1][0] for a in alone]
    np.testing.assert_allclose(irr(np.array(rows)), [irr(row) for row in rows], rtol=1e-12, atol=1e-12)
