"""Risk of a portfolio of measures: sensitivity (tornado), break-even, Monte Carlo, budget choice.

The cash-flow model is the appraisal's, :func:`calc.finance.measure_cashflows`, itself (exact
fractional lifetimes, start years, replacements, salvage, other income, the carbon value,
escalation, inflation, tax), so every base case here equals the appraisal table's portfolio NPV.

The ``base`` dict of :func:`tornado`, :func:`break_even`, :func:`portfolio_npv`,
:func:`portfolio_irr` and :func:`monte_carlo` (``**base``) carries the keyword arguments of
:func:`calc.finance.measure_cashflows` plus the discount rate:

=====================  =================  ======================================================
key                    shape              meaning
=====================  =================  ======================================================
``capex``              one per measure    investment at today's prices (positive)
``energy_cost_saving`` one per measure    energy cost saved in the first year [money/yr]
``lifetime_years``     one per measure    life [years]; NaN = lasts the whole analysis
``opex_change``        one per measure    change in operating cost [money/yr] (+ = costs more)
``other_income``       one per measure    other yearly income [money/yr] (optional, 0)
``reduction_tco2e``    one per measure    emission reduction [tCO2e/yr] (optional, 0)
``start_offset``       one per measure    year of the investment, 0 = now (optional, 0)
``carbon_price``       scalar             [money/tCO2e] (optional, 0)
``escalation_pct``     scalar             energy price escalation [%/yr] (optional, 0)
``tax_rate_pct``       scalar             income tax [%] (optional, 0: pre-tax)
``inflation_pct``      scalar             general inflation [%/yr] (optional, 0)
``years``              int                analysis period: flows at t = 0..years
``discount_rate_pct``  scalar             nominal discount rate [%/yr]
=====================  =================  ======================================================

``opex_change`` is the operating-cost change alone: other income and the carbon value are
separate keys (not netted into it), so that inflation and the saving factor apply to each as in
the appraisal. The factors of the sensitivities (``energy_price_factor``, ``saving_factor``,
``capex_factor``, ``lifetime_factor``) may be added; they default to 1. The model is linear in
its money inputs, so the flows split into an investment part (× the capex factor, with the tax
saved by depreciation), the energy saving (× price and saving factors), the carbon value (× the
saving factor) and the rest (operating cost, other income); each part is built once with
:func:`calc.finance.measure_cashflows` and only scaled per scenario or draw.

The portfolio's flows are the sum of its measures' flows. NPV is additive over measures, the IRR
is not: the portfolio's IRR is that of the summed flows. Problems are values: a NaN input gives a
NaN result, an IRR that does not exist is NaN. A malformed *argument* (an unknown input name or
distribution) is a programming error and raises ``ValueError``.

NPV and IRR come from :mod:`calc.finance` (one matrix product for NPV; vectorised Newton with a
bisection fallback for IRR, on many rows of flows at once).

References
----------
.. [1] numpy-financial 1.0: ``npv``, ``irr`` (cash-flow conventions).
.. [2] SciPy ``scipy.optimize.milp`` (HiGHS), through :mod:`calc.plan`: the budget choice is the
   least-cost plan's solver with one year and no target; E. Horowitz, S. Sahni, "Computing
   partitions with applications to the knapsack problem", J. ACM 21 (1974): meet in the middle.
.. [3] Training deck, section 4 "Phân tích tài chính" (NPV, IRR, discount rate, inflation) and
   section 5 "Chuẩn bị ngân sách đầu tư" (budget) (seed-digest §4–5).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from calc.finance import irr_with_codes, measure_cashflows, npv

__all__ = ["SENSITIVITY_INPUTS", "portfolio_cash_flows", "portfolio_npv", "portfolio_irr", "tornado",
           "break_even", "monte_carlo", "select_within_budget", "profitability_index",
           "rank_by_profitability"]

#: inputs of the sensitivity analyses, in display order.
SENSITIVITY_INPUTS = ("energy_price", "saving", "capex", "discount_rate", "lifetime")
#: inputs a Monte Carlo may draw (lifetimes stay fixed).
_MC_INPUTS = ("energy_price", "saving", "capex", "discount_rate")
#: keyword of :func:`portfolio_npv` that each relative input multiplies.
_FACTOR_KEY = {"energy_price": "energy_price_factor", "saving": "saving_factor",
               "capex": "capex_factor", "lifetime": "lifetime_factor"}
#: search ranges of :func:`break_even`: relative changes, and discount rates in %.
_REL_GRID = np.array([-0.99, -0.95, -0.9, -0.8, -0.7, -0.6, -0.5, -0.4, -0.3, -0.2, -0.1, -0.05, 0.0,
                      0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.5, 10.0])
_RATE_GRID_PCT = np.array([-99.0, -95.0, -90.0, -80.0, -60.0, -40.0, -20.0, -10.0, -5.0, 0.0, 2.5, 5.0,
                           7.5, 10.0, 15.0, 20.0, 30.0, 50.0, 75.0, 100.0, 150.0, 200.0, 300.0, 500.0,
                           750.0, 1000.0])
#: at most this many candidates: meet in the middle when the solver stops at its time limit
_MITM_MAX_ITEMS = 40


def _npv(flows, rate):
    """NPV of each row (:func:`calc.finance.npv`), NaN for a rate at or below −100 %."""
    r = np.asarray(rate, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.where(r > -1.0, npv(np.where(r > -1.0, r, 0.0), flows), np.nan)


# --------------------------------------------------------------------------- the model
#: keywords of :func:`calc.finance.measure_cashflows` beyond the four arrays, with their defaults
_EXTRA = {"other_income": 0.0, "reduction_tco2e": 0.0, "carbon_price": 0.0, "start_offset": 0.0,
          "tax_rate_pct": 0.0, "inflation_pct": 0.0}


def _flow_parts(capex, energy_cost_saving, opex_change, lifetime_years, years, escalation_pct,
                lifetime_factor=1.0, **extra):
    """Portfolio totals per period from :func:`calc.finance.measure_cashflows` (the appraisal's
    model), split by what each factor scales: the investment part C[t] (capex, replacements,
    salvage, and the tax effect of depreciation), the energy saving A[t], the carbon value K[t]
    and the rest R[t] (operating cost, other income), t = 0..years."""
    kw = {**_EXTRA, **{k: v for k, v in extra.items() if k in _EXTRA}}
    arrays = [np.atleast_1d(np.asarray(a, dtype=float)).ravel()
              for a in (capex, energy_cost_saving, opex_change, lifetime_years, kw["other_income"],
                        kw["reduction_tco2e"], kw["start_offset"])]
    capex, saving, opex, life, income, red, offset = np.broadcast_arrays(*arrays)
    n = max(int(years), 0)
    t = np.arange(n + 1)
    if capex.size == 0:
        zero = np.zeros(n + 1)
        return zero, zero, zero, zero, t
    zeros = np.zeros_like(capex)
    common = dict(years=n, lifetime_years=life * lifetime_factor, escalation_pct=escalation_pct,
                  start_offset=offset, tax_rate_pct=kw["tax_rate_pct"], inflation_pct=kw["inflation_pct"])
    C = measure_cashflows(capex, zeros, **common).sum(axis=0)
    A = measure_cashflows(zeros, saving, **common).sum(axis=0)
    K = measure_cashflows(zeros, zeros, reduction_tco2e=red, carbon_price=kw["carbon_price"], **common).sum(axis=0)
    R = measure_cashflows(zeros, zeros, opex_change=opex, other_income=income, **common).sum(axis=0)
    return C, A, K, R, t


def _summed_flows(parts, price, saving, capex):
    """Summed flows for factors (scalars, or arrays of draws → draws × periods)."""
    C, A, K, R, _t = parts
    return (np.multiply.outer(np.multiply(price, saving), A) + np.multiply.outer(saving, K) + R
            + np.multiply.outer(capex, C))


def portfolio_cash_flows(capex, energy_cost_saving, opex_change, lifetime_years, *, years,
                         escalation_pct=0.0, energy_price_factor=1.0, saving_factor=1.0,
                         capex_factor=1.0, lifetime_factor=1.0, discount_rate_pct=None, **extra) -> np.ndarray:
    """Summed yearly cash flows of the measures, t = 0..years (numpy-financial order).

    Takes the keyword arguments of :func:`portfolio_npv` (``discount_rate_pct`` is accepted and
    ignored, so the same dict can be passed) and the optional ``other_income, reduction_tco2e,
    carbon_price, start_offset, tax_rate_pct, inflation_pct`` of
    :func:`calc.finance.measure_cashflows`.

    Notes
    -----
    .. math:: CF_t = k_c C_t + k_p k_s A_t + k_s K_t + R_t

    with C the investment flows (−capex in each start year, a replacement each time a lifetime
    :math:`k_L L_i` ends before the last year, straight-line salvage in the last year, the tax
    saved by depreciation), A the energy cost savings, K the carbon value, R operating costs and
    other income (all after tax when a tax rate is given), summed over measures and the factors k
    (capex, price, saving, lifetime): with all factors 1, the appraisal's flows.
    """
    parts = _flow_parts(capex, energy_cost_saving, opex_change, lifetime_years, years,
                        escalation_pct, lifetime_factor, **extra)
    return _summed_flows(parts, energy_price_factor, saving_factor, capex_factor)


def portfolio_npv(capex, energy_cost_saving, opex_change, lifetime_years, *, discount_rate_pct, years,
                  escalation_pct=0.0, energy_price_factor=1.0, saving_factor=1.0, capex_factor=1.0,
                  lifetime_factor=1.0, **extra) -> float:
    """Net present value of a portfolio of measures.

    Parameters
    ----------
    capex, energy_cost_saving, opex_change, lifetime_years : array-like
        One value per measure (money, money/yr, money/yr, years; a blank lifetime lasts the whole
        analysis).
    discount_rate_pct : float
        Discount rate [%/yr].
    years : int
        Horizon: flows at t = 0..years.
    escalation_pct : float
        Yearly growth of the energy cost saving [%/yr].
    energy_price_factor, saving_factor, capex_factor : float
        Multiply the energy cost savings (the first two; the saving factor also the carbon value)
        and the investments.
    lifetime_factor : float
        Multiplies the lifetimes (exactly: fractional lifetimes as in the appraisal).
    **extra
        ``other_income, reduction_tco2e, carbon_price, start_offset, tax_rate_pct,
        inflation_pct`` (see :func:`calc.finance.measure_cashflows`).

    Returns
    -------
    float
        NPV of the summed flows; NaN when an input is NaN or the rate is ≤ −100 %.

    Notes
    -----
    .. math:: NPV = \\sum_{t=0}^{n} \\frac{CF_t}{(1 + r)^t}

    with CF from :func:`portfolio_cash_flows`; equals ``numpy_financial.npv(r, CF)``, and the sum of
    the measures' own NPVs in the appraisal table.
    """
    flows = portfolio_cash_flows(capex, energy_cost_saving, opex_change, lifetime_years, years=years,
                                 escalation_pct=escalation_pct, energy_price_factor=energy_price_factor,
                                 saving_factor=saving_factor, capex_factor=capex_factor,
                                 lifetime_factor=lifetime_factor, **extra)
    return float(_npv(flows, discount_rate_pct / 100.0))


def portfolio_irr(capex, energy_cost_saving, opex_change, lifetime_years, *, years, escalation_pct=0.0,
                  energy_price_factor=1.0, saving_factor=1.0, capex_factor=1.0, lifetime_factor=1.0,
                  discount_rate_pct=None, **extra) -> float:
    """Internal rate of return of the portfolio's summed flows [fraction/yr], NaN if none.

    Same keywords as :func:`portfolio_cash_flows` (``discount_rate_pct`` ignored).

    Notes
    -----
    The rate r > −1 with :math:`\\sum_t CF_t (1 + r)^{-t} = 0` (:func:`calc.finance.irr_with_codes`:
    the root nearest 10 % when there are several). Not the sum or average of the measures' IRRs.
    """
    flows = portfolio_cash_flows(capex, energy_cost_saving, opex_change, lifetime_years, years=years,
                                 escalation_pct=escalation_pct, energy_price_factor=energy_price_factor,
                                 saving_factor=saving_factor, capex_factor=capex_factor,
                                 lifetime_factor=lifetime_factor, **extra)
    return float(irr_with_codes(flows)[0][0])


# --------------------------------------------------------------------------- sensitivity
def _check_name(name: str, allowed=SENSITIVITY_INPUTS) -> None:
    if name not in allowed:
        raise ValueError(f"unknown input {name!r}; expected one of {allowed}")


def _changed(base: dict, name: str, change: float) -> dict:
    """``base`` with input ``name`` changed: relative for factors, +points for the discount rate."""
    kw = dict(base)
    if name == "discount_rate":
        kw["discount_rate_pct"] = base["discount_rate_pct"] + change
    else:
        key = _FACTOR_KEY[name]
        kw[key] = base.get(key, 1.0) * (1.0 + change)
    return kw


def _npv_of(base: dict):
    """``kw → portfolio_npv(**kw)`` for variations of ``base``, with the flow parts computed once
    per lifetime factor (the other inputs only scale them)."""
    parts = {}
    keys = ("capex", "energy_cost_saving", "opex_change", "lifetime_years")

    def npv_of(kw: dict) -> float:
        lf = float(kw.get("lifetime_factor", 1.0))
        if lf not in parts:
            extra = {k: v for k, v in kw.items() if k in _EXTRA}
            parts[lf] = _flow_parts(*(kw[k] for k in keys), kw["years"], kw.get("escalation_pct", 0.0), lf, **extra)
        flows = _summed_flows(parts[lf], kw.get("energy_price_factor", 1.0), kw.get("saving_factor", 1.0),
                              kw.get("capex_factor", 1.0))
        return float(_npv(flows, kw["discount_rate_pct"] / 100.0))

    return npv_of


def _tested_value(base: dict, name: str, change: float) -> float:
    kw = _changed(base, name, change)
    return float(kw["discount_rate_pct"] if name == "discount_rate" else kw[_FACTOR_KEY[name]])


def tornado(base: dict, ranges: dict) -> pd.DataFrame:
    """One-at-a-time sensitivity of the portfolio NPV (a tornado chart's data).

    Parameters
    ----------
    base : dict
        Keyword arguments of :func:`portfolio_npv` (the measures' arrays and the scalars).
    ranges : dict[str, tuple[float, float]]
        Input name (of :data:`SENSITIVITY_INPUTS`) → (low, high) change: relative for
        ``energy_price``, ``saving``, ``capex`` and ``lifetime`` ((−0.2, 0.2) for ±20 %), in
        percentage points for ``discount_rate`` ((−4, 4)).

    Returns
    -------
    DataFrame
        ``input, low_value, high_value, npv_low, npv_high, swing``, sorted by swing (descending,
        NaN last). ``low_value``/``high_value`` are the values tested: the factor (0.8, 1.2; on top
        of a factor already in ``base``) or the discount rate in %. ``attrs["base_npv"]`` holds the
        base NPV.

    Notes
    -----
    :math:`NPV_{low/high}` = NPV with only that input at its low/high value;
    :math:`swing = |NPV_{high} - NPV_{low}|`. NPV is linear in the price, saving and capex
    factors, so ±x % of the price moves NPV by ±x % of the present value of the savings.
    """
    rows = []
    npv_of = _npv_of(base)
    for name, (low, high) in ranges.items():
        _check_name(name)
        npv_low = npv_of(_changed(base, name, low))
        npv_high = npv_of(_changed(base, name, high))
        rows.append({"input": name, "low_value": _tested_value(base, name, low),
                     "high_value": _tested_value(base, name, high), "npv_low": npv_low,
                     "npv_high": npv_high, "swing": abs(npv_high - npv_low)})
    out = pd.DataFrame(rows, columns=["input", "low_value", "high_value", "npv_low", "npv_high", "swing"])
    out = out.sort_values("swing", ascending=False, kind="stable", na_position="last").reset_index(drop=True)
    out.attrs["base_npv"] = npv_of(base)
    return out


def _root_near(f, grid: np.ndarray, origin: float) -> float:
    """Root of f nearest to ``origin`` within ``grid``'s range: bracket on the grid, then bisect."""
    grid = np.union1d(grid, [origin])
    values = np.array([f(x) for x in grid])
    if np.isnan(values).all():
        return np.nan
    best, best_dist = None, np.inf
    for a, b, fa, fb in zip(grid[:-1], grid[1:], values[:-1], values[1:]):
        if np.isnan(fa) or np.isnan(fb) or np.sign(fa) * np.sign(fb) > 0:  # signs: no overflow
            continue
        dist = 0.0 if a <= origin <= b else min(abs(a - origin), abs(b - origin))
        if dist < best_dist:
            best, best_dist = (a, b, fa, fb), dist
    if best is None:
        return np.nan
    a, b, fa, fb = best
    if fa == 0:
        return float(a)
    if fb == 0:
        return float(b)
    for _ in range(200):
        mid = 0.5 * (a + b)
        fm = f(mid)
        if fm == 0 or not np.isfinite(fm):
            return float(mid) if fm == 0 else np.nan
        if fa * fm < 0:
            b = mid
        else:
            a, fa = mid, fm
        if b - a <= 1e-13 * max(1.0, abs(a)):
            break
    return float(0.5 * (a + b))


def break_even(base: dict, name: str) -> float:
    """Change of one input at which the portfolio NPV is 0.

    Parameters
    ----------
    base : dict
        Keyword arguments of :func:`portfolio_npv`.
    name : str
        One of :data:`SENSITIVITY_INPUTS`.

    Returns
    -------
    float
        The relative change of ``name`` (−0.25 for −25 %) or, for ``discount_rate``, the discount
        rate in % (the portfolio's IRR × 100). The root nearest to the base (0 change, or the base
        rate) within −99 % … +1000 % (rates −99 % … 1000 %); NaN when NPV does not change sign
        there (or is NaN).

    Notes
    -----
    The sign change nearest to the base is bracketed on a grid, then bisected. NPV is linear in the
    price and saving factors, so their break-even is :math:`x = -NPV / PV(\\text{savings})`; for
    capex :math:`x = NPV / \\sum I`. NPV is a step function of the
    lifetime: the result is the change at which its sign flips.
    """
    _check_name(name)
    npv_of = _npv_of(base)
    if name == "discount_rate":
        origin = float(base["discount_rate_pct"])
        return _root_near(lambda x: npv_of(_changed(base, name, x - origin)), _RATE_GRID_PCT, origin)
    return _root_near(lambda x: npv_of(_changed(base, name, x)), _REL_GRID, 0.0)


# --------------------------------------------------------------------------- Monte Carlo
def _draw(spec, rng: np.random.Generator, n: int, fixed: float, name: str) -> np.ndarray:
    """``n`` draws of one input from its spec (``fixed`` when there is none)."""
    if spec is None:
        return np.full(n, float(fixed))
    kind, *params = spec
    if kind == "triangular" and len(params) == 3:
        low, mode, high = map(float, params)
        if not low <= mode <= high:
            raise ValueError(f"{name}: triangular needs low <= mode <= high, got {spec}")
        u = rng.random(n)
        if high == low:
            return np.full(n, low)
        cut = (mode - low) / (high - low)
        return np.where(u < cut, low + np.sqrt(u * (high - low) * (mode - low)),
                        high - np.sqrt((1.0 - u) * (high - low) * (high - mode)))
    if kind == "normal" and len(params) == 2:
        mean, sd = map(float, params)
        if not sd >= 0:
            raise ValueError(f"{name}: normal needs sd >= 0, got {spec}")
        return mean + sd * rng.standard_normal(n)
    raise ValueError(f"{name}: expected ('triangular', low, mode, high) or ('normal', mean, sd), got {spec}")


def _quantiles(x: np.ndarray) -> list[float]:
    finite = x[np.isfinite(x)]
    return [float(q) for q in np.percentile(finite, [10, 50, 90])] if finite.size else [np.nan] * 3


def monte_carlo(capex, energy_cost_saving, opex_change, lifetime_years, *, discount_rate_pct, years,
                escalation_pct=0.0, draws=10_000, seed=42, distributions=None, **extra) -> dict:
    """Monte Carlo of the portfolio's NPV and IRR.

    Parameters
    ----------
    capex, energy_cost_saving, opex_change, lifetime_years, discount_rate_pct, years, escalation_pct
        As :func:`portfolio_npv`; ``**extra`` too (other income, carbon, start years, tax,
        inflation), so the base draw equals the appraisal table.
    draws : int
    seed : int or None
        Same seed → identical results (None: fresh entropy, returned as ``seed``).
    distributions : dict
        Input (``energy_price``, ``saving``, ``capex``, ``discount_rate``) → ``("triangular", low,
        mode, high)`` or ``("normal", mean, sd)``: factors (``("triangular", 0.8, 1.0, 1.2)``) or,
        for ``discount_rate``, rates in %. Inputs not given stay at the base (factor 1, the given
        rate). An unknown input or malformed spec raises ``ValueError``.

    Returns
    -------
    dict
        ``npv`` (per draw), ``irr`` (per draw, fraction, NaN where undefined), ``p10, p50, p90``
        (of NPV), ``irr_p10, irr_p50, irr_p90`` (of the defined IRRs), ``prob_npv_positive``
        (share of draws with NPV > 0), ``seed``. Statistics ignore NaN draws (NaN if all are).

    Notes
    -----
    One draw of each input applies to every measure (a common energy price, a common estimation
    bias: fully correlated across measures). Then the summed flows are exact and the computation
    is draws × periods:

    .. math:: CF_{d,t} = k_{c,d} C_t + k_{p,d} k_{s,d} A_t + k_{s,d} K_t + R_t, \\quad
              NPV_d = \\sum_t CF_{d,t} (1 + r_d)^{-t}

    with the parts of :func:`portfolio_cash_flows` (investments, energy savings, carbon value,
    the rest). Factor draws are
    clipped at 0 (a normal can go negative; a negative price or capex is meaningless); rate draws
    are not clipped, and a rate ≤ −100 % gives a NaN NPV. Each input has its own random stream
    (``SeedSequence(seed).spawn``), so adding a distribution for one input leaves the others' draws
    unchanged; triangular draws use the inverse CDF (a zero-width one is constant).
    """
    dists = dict(distributions or {})
    for name in dists:
        _check_name(name, _MC_INPUTS)
    seq = np.random.SeedSequence(seed)
    n = max(int(draws), 0)
    sample = {}
    for name, child in zip(_MC_INPUTS, seq.spawn(len(_MC_INPUTS))):
        fixed = discount_rate_pct if name == "discount_rate" else 1.0
        x = _draw(dists.get(name), np.random.default_rng(child), n, fixed, name)
        sample[name] = x if name == "discount_rate" else np.maximum(x, 0.0)
    parts = _flow_parts(capex, energy_cost_saving, opex_change, lifetime_years, years, escalation_pct, **extra)
    flows = _summed_flows(parts, sample["energy_price"], sample["saving"], sample["capex"])
    npv = _npv(flows, sample["discount_rate"] / 100.0)
    irr = irr_with_codes(flows)[0] if n else np.empty(0)
    p10, p50, p90 = _quantiles(npv)
    i10, i50, i90 = _quantiles(irr)
    finite = npv[np.isfinite(npv)]
    return {"npv": npv, "irr": irr, "p10": p10, "p50": p50, "p90": p90,
            "irr_p10": i10, "irr_p50": i50, "irr_p90": i90,
            "prob_npv_positive": float(np.mean(finite > 0)) if finite.size else np.nan,
            "seed": seed if seed is not None else seq.entropy}


# --------------------------------------------------------------------------- budget
def select_within_budget(capex, value, budget: float) -> dict:
    """The subset of measures with the largest total value whose capex fits the budget.

    Parameters
    ----------
    capex, value : array-like
        Per measure; ``value`` is what to maximise (NPV, tCO2e/yr, …).
    budget : float
        Σ capex of the chosen measures must be ≤ budget.

    Returns
    -------
    dict
        ``selected`` (sorted list of indices), ``total_value``, ``total_capex``, ``exact``
        (proven optimal).

    Notes
    -----
    The 0/1 knapsack :math:`\\max \\sum_i v_i x_i` s.t. :math:`\\sum_i c_i x_i \\le B`, solved
    exactly by the plan's solver path (:func:`calc.plan.knapsack`: scipy's HiGHS mixed-integer
    solver, the budget held exactly, within :data:`MILP_TIME_LIMIT_S`). Measures with value ≤ 0
    (or NaN value or capex) are never chosen; measures with capex ≤ 0 and value > 0 are always
    chosen (they cost nothing, so the rest has B − Σ of their capex). When the solver stops before
    proving the optimum (rare: equal value/capex ratios make a subset-sum problem, hard for any
    branch and bound), at most 40 candidates are answered exactly by meet in the middle (all
    subsets of each half, 2^20 at 40, ~0.3 s), more by the better of the solver's best choice and
    the greedy choice by value/capex, with ``exact`` False. A NaN budget chooses only the free
    measures.
    """
    from calc.plan import knapsack

    c_all = np.atleast_1d(np.asarray(capex, dtype=float)).ravel()
    v_all = np.atleast_1d(np.asarray(value, dtype=float)).ravel()
    valid = np.isfinite(c_all) & np.isfinite(v_all) & (v_all > 0)
    free = np.flatnonzero(valid & (c_all <= 0))
    room = float(budget) - math.fsum(c_all[free])
    cand = np.flatnonzero(valid & (c_all > 0) & (c_all <= room))   # False for a NaN budget
    c, v = c_all[cand], v_all[cand]
    exact = True
    if math.fsum(c) <= room:
        chosen = list(range(len(cand)))
    else:
        chosen, status = knapsack(v, c, room, time_limit_s=MILP_TIME_LIMIT_S)
        exact = status == "optimal"
        if not exact and len(cand) <= _MITM_MAX_ITEMS:   # e.g. a subset sum: enumerate instead
            order = np.argsort(-(v / c), kind="stable")
            chosen, exact = [int(order[k]) for k in _knapsack_mitm(c[order], v[order], room)], True
        if not exact:
            greedy = _greedy(c, v, room)
            if math.fsum(v[greedy]) > math.fsum(v[chosen]):
                chosen = greedy
    selected = sorted(int(i) for i in np.concatenate([free, cand[chosen]]))
    return {"selected": selected, "total_value": math.fsum(v_all[selected]),
            "total_capex": math.fsum(c_all[selected]), "exact": exact}


#: seconds the mixed-integer solver may take for a budget selection
MILP_TIME_LIMIT_S = 2.0


def _knapsack_mitm(c: np.ndarray, v: np.ndarray, cap: float) -> list:
    """Exact 0/1 knapsack by meet in the middle: all subsets of each half, 2^(m/2) each."""
    h = len(c) // 2

    def subsets(cs, vs):                                         # index bit i ↔ item i
        caps, vals = np.zeros(1), np.zeros(1)
        for ci, vi in zip(cs, vs):
            caps, vals = np.concatenate([caps, caps + ci]), np.concatenate([vals, vals + vi])
        return caps, vals

    ca, va = subsets(c[:h], v[:h])
    cb, vb = subsets(c[h:], v[h:])
    order = np.argsort(cb, kind="stable")
    cbs, vbs = cb[order], vb[order]
    run_max = np.maximum.accumulate(vbs)
    run_arg = np.maximum.accumulate(np.where(vbs == run_max, np.arange(len(vbs)), 0))
    j = np.searchsorted(cbs, cap - ca, side="right") - 1
    total = np.where((ca <= cap) & (j >= 0), va + run_max[np.maximum(j, 0)], -np.inf)
    a = int(np.argmax(total))
    b = int(order[run_arg[j[a]]])
    return [i for i in range(h) if a >> i & 1] + [h + i for i in range(len(c) - h) if b >> i & 1]


def _greedy(c: np.ndarray, v: np.ndarray, cap: float) -> list[int]:
    """Items by value/capex, highest first, while they fit (the fallback when the solver stops)."""
    greedy, room = [], cap
    for k in np.argsort(-(v / c), kind="stable"):
        if c[k] <= room:
            greedy.append(int(k))
            room -= c[k]
    return greedy


# --------------------------------------------------------------------------- profitability
def profitability_index(capex, npv) -> np.ndarray:
    """Profitability index of each measure: present value of its future flows per unit of capex.

    Returns
    -------
    ndarray
        PI per measure; NaN where capex ≤ 0 (or NaN).

    Notes
    -----
    .. math:: PI = \\frac{NPV + I}{I}

    PI > 1 ⇔ NPV > 0. Ranking by PI is the greedy answer to a capital budget (the exact one is
    :func:`select_within_budget`). A negative capex would give a misleading PI, hence NaN.
    """
    capex = np.asarray(capex, dtype=float)
    npv = np.asarray(npv, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(capex > 0, (npv + capex) / capex, np.nan)


def rank_by_profitability(ids, capex, npv) -> pd.DataFrame:
    """Measures sorted by profitability index, highest first.

    Returns
    -------
    DataFrame
        ``id, capex, npv, profitability_index, rank`` (1 = best; NA where the PI is NaN, which
        sort last), with a fresh index.
    """
    pi = profitability_index(capex, npv)
    out = pd.DataFrame({"id": list(ids), "capex": np.asarray(capex, dtype=float),
                        "npv": np.asarray(npv, dtype=float), "profitability_index": pi})
    out = out.sort_values("profitability_index", ascending=False, kind="stable",
                          na_position="last").reset_index(drop=True)
    ranks = np.arange(1, len(out) + 1)
    out["rank"] = pd.array(np.where(out["profitability_index"].notna(), ranks, 0), dtype="Int64")
    out.loc[out["profitability_index"].isna(), "rank"] = pd.NA
    return out
