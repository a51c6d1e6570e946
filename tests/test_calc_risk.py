"""Risk: portfolio NPV by hand (numpy-financial), tornado, break-even, Monte Carlo, exact budget choice."""
import ast
import math
import itertools
import time
from pathlib import Path

import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc import risk
from calc.risk import (SENSITIVITY_INPUTS, break_even, monte_carlo, portfolio_cash_flows, portfolio_irr,
                       portfolio_npv, profitability_index, rank_by_profitability, select_within_budget,
                       tornado)

BASE = dict(capex=np.array([160e6, 450e6, 80e6, 1.2e9]),
            energy_cost_saving=np.array([75.66e6, 120e6, 30e6, 210e6]),
            opex_change=np.array([0.0, 10e6, -2e6, 25e6]),
            lifetime_years=np.array([5.0, 12.0, 7.5, 25.0]),
            discount_rate_pct=10.0, years=15, escalation_pct=3.0)
RANGES = {"energy_price": (-0.2, 0.2), "saving": (-0.3, 0.1), "capex": (-0.2, 0.2),
          "discount_rate": (-4.0, 4.0), "lifetime": (-0.2, 0.2)}


# --------------------------------------------------------------------------- hand-built references
def measure_flows(capex, saving, opex, life, years, esc_pct, price=1.0, sav=1.0, capf=1.0, lifef=1.0,
                  savings_only=False):
    """One measure's flows, year by year, the plain way (the appraisal's rules: savings every
    year, the equipment replaced in each year in which its (exact, fractional) life ends before
    the last year, straight-line salvage of the unused life in the last year)."""
    L = life * lifef
    flows = [0.0 if savings_only else -capex * capf]
    for t in range(1, years + 1):
        s = price * saving * sav * (1 + esc_pct / 100) ** (t - 1)
        cash = s if savings_only else s - opex
        if not savings_only and L > 0:
            if math.floor(t / L) > math.floor((t - 1) / L) and t < years:
                cash -= capex * capf                      # replacement
            if t == years and (years % L) > 1e-12:
                cash += capex * capf * (1 - (years % L) / L)  # salvage
        flows.append(cash)
    if years == 0 and L > 0 and not savings_only:
        flows[0] += capex * capf  # a zero-year analysis sells the unused equipment back at once
    return flows


def hand_npv(b, price=1.0, sav=1.0, capf=1.0, lifef=1.0, rate_pct=None, savings_only=False):
    rate = (b["discount_rate_pct"] if rate_pct is None else rate_pct) / 100
    return sum(npf.npv(rate, measure_flows(c, s, o, lf, b["years"], b.get("escalation_pct", 0.0), price, sav,
                                           capf, lifef, savings_only))
               for c, s, o, lf in zip(b["capex"], b["energy_cost_saving"], b["opex_change"],
                                      b["lifetime_years"]))


def hand_summed_flows(b, price=1.0):
    rows = [measure_flows(c, s, o, lf, b["years"], b.get("escalation_pct", 0.0), price)
            for c, s, o, lf in zip(b["capex"], b["energy_cost_saving"], b["opex_change"], b["lifetime_years"])]
    return np.sum(rows, axis=0)


PV_SAVINGS = hand_npv(BASE, savings_only=True)
BASE_NPV = hand_npv(BASE)
# PV of the investment flows (capex, replacements, salvage): what a capex factor scales
PV_CAPEX = -hand_npv({**BASE, "energy_cost_saving": np.zeros(4), "opex_change": np.zeros(4)})


def test_portfolio_npv_equals_hand_loop():
    assert portfolio_npv(**BASE) == pytest.approx(BASE_NPV, rel=1e-12)
    assert BASE_NPV > 0 and PV_SAVINGS > 0


@pytest.mark.parametrize("factors", [
    dict(energy_price_factor=1.3), dict(saving_factor=0.7), dict(capex_factor=1.25),
    dict(lifetime_factor=0.7), dict(lifetime_factor=1.5),
    dict(energy_price_factor=0.9, saving_factor=1.1, capex_factor=0.8, lifetime_factor=0.5)])
def test_portfolio_npv_factors_equal_hand_loop(factors):
    expected = hand_npv(BASE, factors.get("energy_price_factor", 1.0), factors.get("saving_factor", 1.0),
                        factors.get("capex_factor", 1.0), factors.get("lifetime_factor", 1.0))
    assert portfolio_npv(**BASE, **factors) == pytest.approx(expected, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1e9), st.floats(-1e8, 3e8), st.floats(-1e7, 1e7), st.integers(0, 30)),
                min_size=1, max_size=8),
       st.floats(-5, 40), st.integers(0, 25), st.floats(-5, 10))
def test_portfolio_npv_matches_numpy_financial_random(measures, rate, years, esc):
    c, s, o, lf = (np.array(col, dtype=float) for col in zip(*measures))
    b = dict(capex=c, energy_cost_saving=s, opex_change=o, lifetime_years=lf, discount_rate_pct=rate,
             years=years, escalation_pct=esc)
    expected = hand_npv(b)
    assert portfolio_npv(**b) == pytest.approx(expected, rel=1e-9, abs=1e-3)
    assert portfolio_cash_flows(**b) == pytest.approx(hand_summed_flows(b), rel=1e-12, abs=1e-6)


def test_portfolio_npv_is_the_sum_of_measure_npvs():
    single = [portfolio_npv(**{**BASE, **{k: BASE[k][i:i + 1] for k in
                                          ("capex", "energy_cost_saving", "opex_change", "lifetime_years")}})
              for i in range(4)]
    assert portfolio_npv(**BASE) == pytest.approx(sum(single), rel=1e-12)


def test_portfolio_npv_problems_are_values():
    # a blank lifetime lasts the whole analysis (the appraisal's one meaning): no replacement, no salvage
    blank = {**BASE, "lifetime_years": np.array([5.0, np.nan, 7.0, 25.0])}
    long = {**BASE, "lifetime_years": np.array([5.0, 1e9, 7.0, 25.0])}
    assert portfolio_npv(**blank) == pytest.approx(portfolio_npv(**long) - 450e6 * (1 - 15 / 1e9) / 1.1 ** 15, rel=1e-9)
    assert np.isnan(portfolio_npv(**{**BASE, "capex": np.array([1.0, np.nan, 1.0, 1.0])}))
    assert np.isnan(portfolio_npv(**{**BASE, "discount_rate_pct": -100.0}))
    empty = {k: np.array([]) for k in ("capex", "energy_cost_saving", "opex_change", "lifetime_years")}
    assert portfolio_npv(**empty, discount_rate_pct=10, years=10) == 0.0
    # horizon 0: the investment is sold back at once (salvage of its whole life)
    assert portfolio_npv(**{**BASE, "years": 0}) == pytest.approx(0.0)


def test_portfolio_irr_matches_numpy_financial():
    assert portfolio_irr(**BASE) == pytest.approx(npf.irr(hand_summed_flows(BASE)), rel=1e-9)
    # no sign change: no IRR
    assert np.isnan(portfolio_irr(**{**BASE, "capex": np.zeros(4), "energy_cost_saving": np.zeros(4)}))



def test_private_npv_rows():
    flows = np.array([[-100.0, 60, 60], [-50.0, 10, 80]])
    assert risk._npv(flows, 0.1) == pytest.approx([npf.npv(0.1, f) for f in flows])
    assert risk._npv(flows, np.array([0.05, 0.2])) == pytest.approx([npf.npv(0.05, flows[0]),
                                                                      npf.npv(0.2, flows[1])])


# --------------------------------------------------------------------------- tornado
def test_tornado_linear_inputs_and_sorting():
    tor = tornado(BASE, RANGES)
    assert list(tor.columns) == ["input", "low_value", "high_value", "npv_low", "npv_high", "swing"]
    assert set(tor["input"]) == set(SENSITIVITY_INPUTS)
    assert tor.attrs["base_npv"] == pytest.approx(BASE_NPV, rel=1e-12)
    assert list(tor["swing"]) == sorted(tor["swing"], reverse=True)
    r = tor.set_index("input")
    # energy price ±20 % moves NPV by ±20 % of the PV of the savings (linear)
    assert r.loc["energy_price", "npv_low"] - BASE_NPV == pytest.approx(-0.2 * PV_SAVINGS, rel=1e-9)
    assert r.loc["energy_price", "npv_high"] - BASE_NPV == pytest.approx(0.2 * PV_SAVINGS, rel=1e-9)
    assert r.loc["saving", "npv_low"] - BASE_NPV == pytest.approx(-0.3 * PV_SAVINGS, rel=1e-9)
    # capex ±20 %: NPV moves by ∓20 % of the PV of the investment flows
    capex = PV_CAPEX
    assert r.loc["capex", "npv_low"] - BASE_NPV == pytest.approx(0.2 * capex, rel=1e-9)
    assert r.loc["capex", "npv_high"] - BASE_NPV == pytest.approx(-0.2 * capex, rel=1e-9)
    assert r.loc["capex", "swing"] == pytest.approx(0.4 * capex, rel=1e-9)
    # values tested: factors, and the rate in %
    assert r.loc["energy_price", ["low_value", "high_value"]].tolist() == pytest.approx([0.8, 1.2])
    assert (r.loc["discount_rate", "low_value"], r.loc["discount_rate", "high_value"]) == (6.0, 14.0)
    assert r.loc["discount_rate", "npv_low"] == pytest.approx(hand_npv(BASE, rate_pct=6.0), rel=1e-12)
    assert r.loc["lifetime", "npv_low"] == pytest.approx(hand_npv(BASE, lifef=0.8), rel=1e-12)


def test_tornado_subset_and_unknown_input():
    tor = tornado(BASE, {"capex": (-0.1, 0.1)})
    assert list(tor["input"]) == ["capex"]
    with pytest.raises(ValueError):
        tornado(BASE, {"price": (-0.1, 0.1)})


# --------------------------------------------------------------------------- break-even
def test_break_even_linear_inputs():
    expected = -BASE_NPV / PV_SAVINGS
    assert break_even(BASE, "saving") == pytest.approx(expected, rel=1e-9)
    assert break_even(BASE, "energy_price") == pytest.approx(expected, rel=1e-9)
    assert break_even(BASE, "capex") == pytest.approx(BASE_NPV / PV_CAPEX, rel=1e-9)
    assert portfolio_npv(**BASE, saving_factor=1 + break_even(BASE, "saving")) == \
        pytest.approx(0.0, abs=1e-6 * BASE["capex"].sum())


def test_break_even_discount_rate_is_the_irr():
    irr = npf.irr(hand_summed_flows(BASE))
    assert break_even(BASE, "discount_rate") == pytest.approx(100 * irr, rel=1e-9)


def test_break_even_negative_npv_needs_more_saving():
    b = {**BASE, "capex": BASE["capex"] * 3}
    x = break_even(b, "saving")
    assert hand_npv(b) < 0 and x > 0
    assert x == pytest.approx(-hand_npv(b) / PV_SAVINGS, rel=1e-9)


def test_break_even_lifetime_is_where_the_sign_flips():
    x = break_even(BASE, "lifetime")
    assert -0.99 < x < 0
    assert portfolio_npv(**BASE, lifetime_factor=1 + x + 1e-6) > 0
    assert portfolio_npv(**BASE, lifetime_factor=1 + x - 1e-6) < 0


def test_break_even_none_in_range_is_nan():
    hopeless = {**BASE, "energy_cost_saving": np.zeros(4), "opex_change": np.zeros(4)}
    for name in SENSITIVITY_INPUTS:  # (salvage makes the flows change sign: a discount rate exists)
        if name not in ("capex", "discount_rate"):
            assert np.isnan(break_even(hopeless, name)), name
    tiny = {**BASE, "energy_cost_saving": BASE["energy_cost_saving"] * 1e-4}
    assert np.isnan(break_even(tiny, "energy_price"))        # would need more than +1000 %
    assert np.isnan(break_even({**BASE, "capex": np.array([1.0, np.nan, 1.0, 1.0])}, "saving"))
    with pytest.raises(ValueError):
        break_even(BASE, "tax")


# --------------------------------------------------------------------------- Monte Carlo
MC_ARGS = {k: BASE[k] for k in ("capex", "energy_cost_saving", "opex_change", "lifetime_years",
                                 "discount_rate_pct", "years", "escalation_pct")}
DISTS = {"energy_price": ("triangular", 0.8, 1.0, 1.3), "saving": ("normal", 1.0, 0.15),
         "capex": ("triangular", 0.9, 1.0, 1.4), "discount_rate": ("triangular", 6.0, 10.0, 14.0)}


def test_monte_carlo_reproducible_and_seed_dependent():
    a = monte_carlo(**MC_ARGS, draws=2000, seed=7, distributions=DISTS)
    b = monte_carlo(**MC_ARGS, draws=2000, seed=7, distributions=DISTS)
    c = monte_carlo(**MC_ARGS, draws=2000, seed=8, distributions=DISTS)
    np.testing.assert_array_equal(a["npv"], b["npv"])
    np.testing.assert_array_equal(a["irr"], b["irr"])
    assert a["p50"] == b["p50"] and a["seed"] == 7
    assert not np.array_equal(a["npv"], c["npv"])
    assert a["npv"].shape == a["irr"].shape == (2000,)


def test_monte_carlo_summary_statistics():
    r = monte_carlo(**MC_ARGS, draws=5000, distributions=DISTS)
    assert r["p10"] <= r["p50"] <= r["p90"]
    assert r["irr_p10"] <= r["irr_p50"] <= r["irr_p90"]
    assert 0.0 <= r["prob_npv_positive"] <= 1.0
    assert r["prob_npv_positive"] == pytest.approx(np.mean(r["npv"] > 0))
    assert r["p50"] == pytest.approx(np.percentile(r["npv"], 50))
    assert r["seed"] == 42


def test_monte_carlo_zero_width_equals_deterministic():
    flat = {"energy_price": ("triangular", 1, 1, 1), "saving": ("triangular", 1, 1, 1),
            "capex": ("normal", 1.0, 0.0), "discount_rate": ("triangular", 10, 10, 10)}
    r = monte_carlo(**MC_ARGS, draws=500, distributions=flat)
    np.testing.assert_allclose(r["npv"], BASE_NPV, rtol=1e-12)
    np.testing.assert_allclose(r["irr"], npf.irr(hand_summed_flows(BASE)), rtol=1e-9)
    assert r["p10"] == pytest.approx(BASE_NPV) and r["prob_npv_positive"] == 1.0
    none = monte_carlo(**MC_ARGS, draws=10, distributions={})
    np.testing.assert_allclose(none["npv"], BASE_NPV, rtol=1e-12)


def test_monte_carlo_irr_per_draw_matches_numpy_financial():
    r = monte_carlo(**MC_ARGS, draws=30, distributions={"energy_price": ("triangular", 0.5, 1.0, 1.5)})
    # NPV is linear in the price factor: recover each draw's factor, rebuild its flows by hand
    pv_rest = BASE_NPV - PV_SAVINGS
    for npv, irr in zip(r["npv"], r["irr"]):
        k = (npv - pv_rest) / PV_SAVINGS
        assert 0.5 <= k <= 1.5
        assert irr == pytest.approx(npf.irr(hand_summed_flows(BASE, price=k)), rel=1e-7)


def test_monte_carlo_discount_rate_draws_bound_npv():
    r = monte_carlo(**MC_ARGS, draws=3000, distributions={"discount_rate": ("triangular", 6.0, 10.0, 14.0)})
    lo, hi = hand_npv(BASE, rate_pct=14.0), hand_npv(BASE, rate_pct=6.0)
    assert (r["npv"] >= lo - 1e-3).all() and (r["npv"] <= hi + 1e-3).all()
    np.testing.assert_allclose(r["irr"], npf.irr(hand_summed_flows(BASE)), rtol=1e-9)  # IRR ignores the rate


def test_monte_carlo_each_input_has_its_own_stream():
    price = {"energy_price": DISTS["energy_price"]}
    a = monte_carlo(**MC_ARGS, draws=1000, distributions=price)
    b = monte_carlo(**MC_ARGS, draws=1000, distributions={**price, "capex": ("triangular", 0.9, 1.0, 1.1)})
    # same price draws: the difference is only the capex factor, −(k_c − 1) × PV(investment)
    k_c = 1 - (b["npv"] - a["npv"]) / PV_CAPEX
    assert (k_c >= 0.9 - 1e-9).all() and (k_c <= 1.1 + 1e-9).all() and k_c.std() > 0.01


def test_monte_carlo_normal_factor_is_clipped_at_zero():
    r = monte_carlo(**MC_ARGS, draws=4000, distributions={"energy_price": ("normal", 0.0, 1.0)})
    at_zero = hand_npv(BASE, price=0.0)              # price factor 0: capex and opex only
    share = np.mean(np.isclose(r["npv"], at_zero, rtol=1e-12))
    assert 0.45 < share < 0.55
    assert (r["npv"] >= at_zero - 1e-3).all()
    assert not (r["irr"][np.isclose(r["npv"], at_zero, rtol=1e-12)] > 0).any()  # never a positive return


def test_monte_carlo_triangular_mean():
    r = monte_carlo(**MC_ARGS, draws=20_000, distributions={"energy_price": ("triangular", 0.8, 1.0, 1.5)})
    mean_factor = (0.8 + 1.0 + 1.5) / 3
    expected = BASE_NPV + (mean_factor - 1) * PV_SAVINGS
    assert r["npv"].mean() == pytest.approx(expected, abs=0.01 * PV_SAVINGS)


def test_monte_carlo_bad_specs_raise():
    for dists in ({"lifetime": ("normal", 1, 0.1)}, {"energy_price": ("uniform", 0.8, 1.2)},
                  {"saving": ("triangular", 1.2, 1.0, 0.8)}, {"capex": ("normal", 1.0, -0.1)},
                  {"capex": ("normal", 1.0)}):
        with pytest.raises(ValueError):
            monte_carlo(**MC_ARGS, draws=10, distributions=dists)


def test_monte_carlo_undefined_values_are_nan():
    r = monte_carlo(**MC_ARGS, draws=200, distributions={"discount_rate": ("normal", -100.0, 0.0)})
    assert np.isnan(r["npv"]).all() and np.isnan(r["p50"]) and np.isnan(r["prob_npv_positive"])
    assert np.isfinite(r["irr"]).all()
    r0 = monte_carlo(**MC_ARGS, draws=0, distributions=DISTS)
    assert r0["npv"].shape == (0,) and np.isnan(r0["p10"])


# --------------------------------------------------------------------------- budget
def brute_force(capex, value, budget):
    """Best total value over all subsets of the positive-value measures."""
    idx = [i for i in range(len(capex)) if value[i] > 0]
    best = 0.0
    for k in range(len(idx) + 1):
        for combo in itertools.combinations(idx, k):
            if sum(capex[i] for i in combo) <= budget:
                best = max(best, sum(value[i] for i in combo))
    return best


def check_selection(res, capex, value, budget):
    sel = res["selected"]
    assert sel == sorted(set(sel))
    assert all(value[i] > 0 for i in sel)
    assert res["total_capex"] == pytest.approx(sum(capex[i] for i in sel))
    assert res["total_value"] == pytest.approx(sum(value[i] for i in sel))
    assert res["total_capex"] <= budget + 1e-9


instances = st.integers(0, 12).flatmap(lambda n: st.tuples(
    st.lists(st.integers(-20, 100), min_size=n, max_size=n),
    st.lists(st.integers(-50, 120), min_size=n, max_size=n),
    st.integers(0, 400)))


@settings(max_examples=300, deadline=None)
@given(instances)
def test_select_within_budget_equals_brute_force(inst):
    capex, value, budget = (list(map(float, inst[0])), list(map(float, inst[1])), float(inst[2]))
    res = select_within_budget(capex, value, budget)
    check_selection(res, capex, value, budget)
    assert res["total_value"] == pytest.approx(brute_force(capex, value, budget))
    # free measures (capex ≤ 0, value > 0) are always chosen
    assert {i for i in range(len(capex)) if capex[i] <= 0 < value[i]} <= set(res["selected"])


@settings(max_examples=150, deadline=None)
@given(instances)
def test_meet_in_the_middle_fallback_equals_brute_force(inst):
    """The exact fallback when the solver stops at its time limit (≤ 40 candidates)."""
    capex, value, budget = (list(map(float, inst[0])), list(map(float, inst[1])), float(inst[2]))
    c, v = np.array(capex), np.array(value)
    useful = np.flatnonzero((c > 0) & (v > 0) & (c <= budget))
    if not len(useful):
        return
    picked = [int(useful[k]) for k in risk._knapsack_mitm(c[useful], v[useful], budget)]
    assert math.fsum(c[picked]) <= budget * (1 + 1e-12)
    best = brute_force(list(c[useful]), list(v[useful]), budget)
    assert math.fsum(v[picked]) == pytest.approx(best)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(1e6, 1e10), st.floats(-1e9, 5e9)), min_size=1, max_size=10),
       st.floats(0, 3e10))
def test_select_within_budget_float_values(items, budget):
    capex, value = (list(col) for col in zip(*items))
    res = select_within_budget(capex, value, budget)
    check_selection(res, capex, value, budget)
    assert res["total_value"] == pytest.approx(brute_force(capex, value, budget), rel=1e-9)


def test_select_within_budget_30_measures_quickly():
    rng = np.random.default_rng(3)
    capex = rng.uniform(1e8, 1e10, 30)
    value = capex * rng.uniform(-0.2, 1.5, 30)
    budget = capex.sum() / 3
    t0 = time.perf_counter()
    res = select_within_budget(capex, value, budget)
    assert time.perf_counter() - t0 < 1.0
    check_selection(res, capex, value, budget)
    # at least as good as the greedy choice by value/capex
    greedy, room = 0.0, budget
    for i in np.argsort(-value / capex):
        if value[i] > 0 and capex[i] <= room:
            greedy, room = greedy + value[i], room - capex[i]
    assert res["total_value"] >= greedy - 1e-6


def test_select_within_budget_hard_40_item_instance_is_exact_and_bounded():
    """Equal value/capex ratios make the fractional bound useless: the MITM fallback answers."""
    rng = np.random.default_rng(11)
    capex = rng.integers(1_000, 100_000, 40).astype(float)
    budget = float(np.floor(capex.sum() / 2)) + 0.5
    t0 = time.perf_counter()
    res = select_within_budget(capex, capex, budget)
    assert time.perf_counter() - t0 < 5.0
    check_selection(res, capex, capex, budget)
    assert res["total_value"] == pytest.approx(budget - 0.5)    # a subset sums to the budget exactly


def test_select_within_budget_edge_cases():
    assert select_within_budget([], [], 10) == {"selected": [], "total_value": 0.0, "total_capex": 0.0,
                                                "exact": True}
    assert select_within_budget([5, 5], [-1, 0], 100)["selected"] == []
    assert select_within_budget([5, 5, 0], [1, 2, 3], np.inf)["selected"] == [0, 1, 2]
    assert select_within_budget([5, 0, np.nan], [1, 2, 3], np.nan)["selected"] == [1]
    assert select_within_budget([5, -3], [1, 2], 2)["selected"] == [0, 1]   # the free one makes room


# --------------------------------------------------------------------------- profitability
def test_profitability_index_and_ranking():
    capex = [100.0, 0.0, 50.0, 200.0]
    npv = [20.0, 5.0, 25.0, -40.0]
    pi = profitability_index(capex, npv)
    np.testing.assert_allclose(pi, [1.2, np.nan, 1.5, 0.8])
    ranked = rank_by_profitability(["a", "b", "c", "d"], capex, npv)
    assert list(ranked["id"]) == ["c", "a", "d", "b"]
    assert list(ranked.columns) == ["id", "capex", "npv", "profitability_index", "rank"]
    assert ranked["rank"].tolist()[:3] == [1, 2, 3] and pd.isna(ranked["rank"].iloc[3])
    assert (profitability_index(capex, npv)[[0, 2]] > 1).all()


def test_base_equals_the_appraisal_with_every_input():
    """Tornado and Monte Carlo use the appraisal's model itself: start years, other income, carbon,
    tax and inflation, fractional lifetimes (issue: 1,423,153,018 vs 1,455,617,914)."""
    from calc.finance import measure_cashflows, npv
    extra = dict(other_income=np.array([1e6, 0.0, 2e6, 0.0]), reduction_tco2e=np.array([37.0, 80.0, 10.0, 150.0]),
                 carbon_price=200_000.0, start_offset=np.array([0.0, 1.0, 3.0, 0.0]), tax_rate_pct=20.0,
                 inflation_pct=4.0)
    base = {**BASE, **extra}
    flows = measure_cashflows(BASE["capex"], BASE["energy_cost_saving"], years=BASE["years"],
                              lifetime_years=BASE["lifetime_years"], opex_change=BASE["opex_change"],
                              escalation_pct=BASE["escalation_pct"], **extra).sum(axis=0)
    expected = float(npv(0.10, flows))
    assert portfolio_npv(**base) == pytest.approx(expected, rel=1e-12)
    assert tornado(base, RANGES).attrs["base_npv"] == pytest.approx(expected, rel=1e-12)
    mc = monte_carlo(**base, draws=50, seed=1)
    np.testing.assert_allclose(mc["npv"], expected, rtol=1e-12)
    # the saving factor scales the carbon value too, the price factor does not
    k = tornado(base, {"saving": (-0.5, 0.5)}).iloc[0]
    no_carbon = {**base, "carbon_price": 0.0}
    carbon_pv = expected - portfolio_npv(**no_carbon)
    k0 = tornado(no_carbon, {"saving": (-0.5, 0.5)}).iloc[0]
    assert k["npv_high"] - k["npv_low"] == pytest.approx(k0["npv_high"] - k0["npv_low"] + carbon_pv, rel=1e-9)


def test_budget_selection_with_many_measures_is_bounded_and_optimal():
    """41 measures hung the Finance page; 1,000 are answered by the MILP solver. Checked against
    an independent dynamic programme on integer costs."""
    rng = np.random.default_rng(7)
    n = 60
    c = rng.integers(1, 50, n).astype(float)
    v = rng.integers(1, 100, n).astype(float)
    cap = float(c.sum() // 3)
    best = np.zeros(int(cap) + 1)  # the classic 0/1 knapsack table, by hand
    for ci, vi in zip(c.astype(int), v):
        for room in range(int(cap), ci - 1, -1):
            best[room] = max(best[room], best[room - ci] + vi)
    r = select_within_budget(c, v, cap)
    assert r["total_capex"] <= cap and r["total_value"] == pytest.approx(best[int(cap)]) and r["exact"]
    big = select_within_budget(rng.uniform(1e6, 1e8, 1000), rng.uniform(1e6, 1e8, 1000), 2e10)
    assert big["total_capex"] <= 2e10 and len(big["selected"]) > 0
