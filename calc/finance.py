"""Finance of energy-saving measures: NPV, IRR, paybacks, ROI, ratios, annualised costs, cash flows.

Conventions (numpy-financial's): ``values[0]`` is the flow at t = 0 (the start of year 1),
``values[t]`` the flow at the end of year t; outflows are negative, inflows positive. Rates are
fractions per period (0.12 for 12 %/yr). A 1-D ``values`` is one project; a 2-D ``values`` holds
one project per row (columns are periods) and every function then returns one number per row,
vectorised with numpy.

Problems are values, not exceptions: an IRR that does not exist is NaN with a coded
:class:`FinanceWarning` (codes in :data:`IRR_CODES`); a payback that never happens is ``inf``.

Excel differs in two places, said where they matter: Excel's ``NPV()`` discounts its first
value one period (:func:`npv_excel`), and Excel's ``IRR()`` starts from a guess of 0.1 and
returns whichever root its iteration reaches (:func:`irr` returns the root nearest 0.1 when
there are several, which is usually the same one).

References
----------
.. [1] Training deck, section 4 "Phân tích tài chính" (seed-digest §4): simple payback, ROI,
   NPV, IRR, payback with uneven flows, the trainers' IRR by interpolation, life-cycle
   comparison of lamps; the LED worked case (seed-digest §3).
.. [2] numpy-financial 1.0 (``npv``, ``irr``): the cash-flow sign and timing conventions.
.. [3] L. J. Gitman, "Principles of Managerial Finance, Brief", 3rd ed., 2003, pp. 346–348.
"""
from __future__ import annotations

import warnings

import numpy as np

__all__ = [
    "FinanceWarning", "IRR_CODES", "IRR_GUESS", "IRR_BRACKET", "npv", "npv_excel", "irr",
    "irr_with_codes", "hand_irr", "payback_years", "discounted_payback_years", "roi",
    "benefit_cost_ratio", "profitability_index", "capital_recovery_factor",
    "equivalent_annual_cost", "cost_of_saved_energy", "measure_cashflows",
]

#: IRR problem codes → what they mean, in the order a summary warning picks its ``code``.
IRR_CODES = {
    "irr.non_finite": "a cash flow is NaN or infinite",
    "irr.no_convergence": "Newton and the bisection fallback found no root in the bracket",
    "irr.no_sign_change": "the cash flows never change sign, so no rate gives NPV = 0",
    "irr.no_real_root": "the cash flows change sign more than once and no real rate gives NPV = 0",
    "irr.multiple": "several rates give NPV = 0; the one nearest 0.1 is returned",
}
#: The rate an IRR search starts from, and the tie-break for several IRRs (Excel's default guess).
IRR_GUESS = 0.1
#: The rates searched by the bisection fallback.
IRR_BRACKET = (-0.99, 10.0)
_NEWTON_MAXITER = 50
_NEWTON_RTOL = 1e-12
_BRACKET_POINTS = 221
_BISECT_ITER = 200
_REAL_RTOL = 1e-7   # |imag| below this × |root|: a real root split by rounding (e.g. a double root)
_SAME_RTOL = 1e-6   # roots closer than this (relative) are the same root
_NEGLIGIBLE = 1e-12  # flows below this × the row's largest are 0 when all roots are sought


class FinanceWarning(UserWarning):
    """A finance result that is a value rather than an error (e.g. an IRR that is NaN).

    Parameters
    ----------
    message : str
        English text (pages translate the ``code``).
    code : str
        Stable identifier, e.g. ``"irr.no_sign_change"`` (see :data:`IRR_CODES`).
    data : dict, optional
        What the warning refers to, e.g. ``{"counts": {code: n}, "rows": {code: [i, ...]}}``.
    """

    def __init__(self, message: str, code: str, data: dict | None = None):
        super().__init__(message)
        self.code = code
        self.data = data or {}


# --------------------------------------------------------------------------- helpers
def _scalar_or_array(x):
    """A float for a 0-d result, else the array."""
    x = np.asarray(x, dtype=float)
    return float(x) if x.ndim == 0 else x


def _rows(values) -> tuple[np.ndarray, bool]:
    """``values`` as a 2-D float array (one project per row) and whether it was 1-D."""
    v = np.asarray(values, dtype=float)
    if v.ndim == 1:
        return v[None, :], True
    if v.ndim != 2:
        raise ValueError("values must be 1-D (one project) or 2-D (projects × periods)")
    return v, False


def _discount_factors(rate, n_periods: int) -> np.ndarray:
    """``(1 + r)^−t`` for t = 0 … n−1, shape ``rate.shape + (n,)``; NaN where r ≤ −1."""
    r = np.asarray(rate, dtype=float)
    t = np.arange(n_periods)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        d = (1.0 + r[..., None]) ** -t
    return np.where(r[..., None] > -1.0, d, np.nan)


def _row_rate_factors(rate, v: np.ndarray) -> np.ndarray:
    """Discount factors for 2-D ``v``: (n,) for a scalar rate, (rows, n) for one rate per row."""
    r = np.asarray(rate, dtype=float)
    if r.ndim > 1 or (r.ndim == 1 and r.shape[0] not in (1, v.shape[0])):
        raise ValueError("rate must be a scalar or one rate per row of values")
    d = _discount_factors(r, v.shape[1])
    return d if r.ndim == 0 else np.broadcast_to(d, v.shape)


def _discounted(rate, v: np.ndarray) -> np.ndarray:
    """Each flow at its present value: ``v_t (1 + r)^−t`` (2-D ``v``)."""
    return v * _row_rate_factors(rate, v)


# --------------------------------------------------------------------------- NPV
def npv(rate, values):
    """Net present value with ``values[0]`` at t = 0 (numpy-financial's convention).

    Parameters
    ----------
    rate : float or array-like
        Discount rate per period (fraction). With a 2-D ``values``: a scalar or one rate per
        row. With a 1-D ``values``: a scalar, or an array of rates giving one NPV per rate (an
        NPV profile).
    values : array-like, 1-D or 2-D
        Cash flows; a 2-D array has one project per row and one period per column.

    Returns
    -------
    float or ndarray
        A float for 1-D ``values`` and a scalar rate; otherwise one NPV per row (or per rate).
        NaN where ``rate <= -1``.

    Notes
    -----
    .. math:: NPV = \\sum_{t=0}^{n-1} \\frac{v_t}{(1 + r)^t}

    computed as one matrix product ``values @ (1 + r)^−t``. Equal to ``numpy_financial.npv``
    for 1-D ``values``. Excel's ``NPV()`` differs: see :func:`npv_excel`.

    References
    ----------
    .. [1] Training deck §4: NPV = Σ (B_t − C_t)/(1 + i)^t; choose the largest NPV > 0.
    .. [2] numpy-financial ``npv``.
    """
    v = np.asarray(values, dtype=float)
    r = np.asarray(rate, dtype=float)
    if v.ndim == 1:
        d = _discount_factors(r, v.shape[0])
        return _scalar_or_array(d @ v)
    v2, _ = _rows(v)
    d = _row_rate_factors(r, v2)
    if d.ndim == 1:
        return v2 @ d
    return np.einsum("ij,ij->i", v2, d)


def npv_excel(rate, values):
    """Excel's ``NPV(rate, values)``: the first value is discounted one period.

    Notes
    -----
    .. math:: NPV_{Excel} = \\sum_{t=1}^{n} \\frac{v_{t-1}}{(1 + r)^t} = \\frac{NPV}{1 + r}

    Excel treats every value as the end of a period, so the t = 0 investment must be added
    outside: ``=NPV(r, B2:B6) + B1`` equals :func:`npv` on ``[B1, …, B6]``. Passing the whole
    range including the investment to ``NPV()`` understates the NPV by the factor ``1 + r``.

    References
    ----------
    .. [1] Microsoft, Excel ``NPV`` function: "NPV assumes the investment begins one period
       before the date of the value1 cash flow".
    """
    r = np.asarray(rate, dtype=float)
    return _scalar_or_array(np.asarray(npv(rate, values)) / (1.0 + r))


# --------------------------------------------------------------------------- IRR
def _horner(v: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``g(x) = Σ v_t x^t`` and ``g'(x)`` for every row of ``v`` at its own ``x``."""
    g = v[:, -1].copy()
    dg = np.zeros_like(g)
    for j in range(v.shape[1] - 2, -1, -1):
        dg = dg * x + g
        g = g * x + v[:, j]
    return g, dg


def _sign_changes(v: np.ndarray) -> np.ndarray:
    """Number of sign changes along each row, zeros skipped."""
    s = np.sign(v)
    idx = np.where(s != 0, np.arange(v.shape[1]), 0)
    np.maximum.accumulate(idx, axis=1, out=idx)
    filled = np.take_along_axis(s, idx, axis=1)  # each zero takes the previous nonzero sign
    return (filled[:, 1:] * filled[:, :-1] < 0).sum(axis=1)


def _newton(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Newton on g(x) = Σ v_t x^t, x = 1/(1 + r), all rows at once; (rate, converged)."""
    m = v.shape[0]
    x = np.full(m, 1.0 / (1.0 + IRR_GUESS))
    done = np.zeros(m, dtype=bool)
    active = np.arange(m)
    with np.errstate(all="ignore"):
        for _ in range(_NEWTON_MAXITER):
            if not active.size:
                break
            xa = x[active]
            g, dg = _horner(v[active], xa)
            step = g / dg
            xn = xa - step
            ok = np.isfinite(xn) & (xn > 0)
            conv = ok & (np.abs(step) <= _NEWTON_RTOL * np.abs(xn))
            x[active] = np.where(ok, xn, np.nan)
            done[active[conv]] = True
            active = active[ok & ~conv]
        rate = 1.0 / x - 1.0
    return np.where(done, rate, np.nan), done


def _bisect(v: np.ndarray) -> np.ndarray:
    """The first root of NPV(r) on a grid over :data:`IRR_BRACKET`, refined by bisection; NaN
    for rows without a sign change on the grid."""
    lo_r, hi_r = IRR_BRACKET
    grid = np.linspace(lo_r, hi_r, _BRACKET_POINTS)
    f = v @ _discount_factors(grid, v.shape[1]).T  # rows × grid points
    change = np.sign(f[:, :-1]) * np.sign(f[:, 1:]) <= 0
    found = change.any(axis=1)
    k = np.argmax(change, axis=1)
    lo, hi = grid[k], grid[k + 1]
    rows = np.arange(v.shape[0])
    f_lo = f[rows, k]
    for _ in range(_BISECT_ITER):
        mid = 0.5 * (lo + hi)
        f_mid = np.einsum("ij,ij->i", v, _discount_factors(mid, v.shape[1]))
        left = np.sign(f_mid) * np.sign(f_lo) <= 0
        hi = np.where(left, mid, hi)
        lo, f_lo = np.where(left, lo, mid), np.where(left, f_lo, f_mid)
        if np.all(hi - lo <= 4 * np.finfo(float).eps * np.maximum(1.0, np.abs(lo))):
            break
    return np.where(found, 0.5 * (lo + hi), np.nan)


def _real_irrs(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every real IRR of every row (companion-matrix eigenvalues, batched by degree, then
    polished by Newton); returns flat ``(row, rate)`` arrays."""
    big = np.abs(v).max(axis=1, keepdims=True)
    v = np.where(np.abs(v) > _NEGLIGIBLE * big, v, 0.0)
    nz = v != 0
    first = np.argmax(nz, axis=1)
    last = v.shape[1] - 1 - np.argmax(nz[:, ::-1], axis=1)
    degree = last - first
    rows_out, x_out = [], []
    for d in np.unique(degree[degree > 0]):
        rows = np.flatnonzero(degree == d)
        coef = np.take_along_axis(v[rows], first[rows, None] + np.arange(d + 1), axis=1)
        p = coef[:, ::-1]  # highest power first, as numpy.roots
        comp = np.zeros((rows.size, d, d))
        comp[:, 0, :] = -p[:, 1:] / p[:, :1]
        comp[:, np.arange(1, d), np.arange(d - 1)] = 1.0
        try:
            lam = np.linalg.eigvals(comp)
        except np.linalg.LinAlgError:  # QR did not converge: no roots for this batch
            continue
        real = (np.abs(lam.imag) <= _REAL_RTOL * np.abs(lam)) & (lam.real > 0)
        r_idx, c_idx = np.nonzero(real)
        rows_out.append(rows[r_idx])
        x_out.append(lam.real[r_idx, c_idx])
    if not rows_out:
        return np.zeros(0, dtype=int), np.zeros(0)
    row, x = np.concatenate(rows_out), np.concatenate(x_out)
    with np.errstate(all="ignore"):
        for _ in range(3):  # polish; keep a step only where it reduces |g|
            g, dg = _horner(v[row], x)
            xn = x - g / dg
            gn, _ = _horner(v[row], xn)
            better = np.isfinite(xn) & (xn > 0) & (np.abs(gn) < np.abs(g))
            x = np.where(better, xn, x)
        rate = 1.0 / x - 1.0
    return row, rate


def irr_with_codes(values) -> tuple[np.ndarray, np.ndarray]:
    """IRR of every row and a per-row problem code, without warnings (for pages and tables).

    Parameters
    ----------
    values : array-like, 1-D or 2-D
        Cash flows (``values[0]`` at t = 0); 2-D: one project per row.

    Returns
    -------
    irr : ndarray of float
        One rate per row (a 1-D ``values`` is one row, so both arrays have length 1).
    codes : ndarray of object
        ``""`` when fine, else a key of :data:`IRR_CODES`. ``"irr.multiple"`` rows carry a
        number (the IRR nearest :data:`IRR_GUESS`); the other codes come with NaN.

    Notes
    -----
    The IRR solves :math:`\\sum_t v_t (1 + r)^{-t} = 0`, a polynomial in
    :math:`x = 1/(1 + r)`; only real roots with :math:`x > 0` (:math:`r > -1`) count.
    Descartes' rule of signs sorts the rows:

    - no sign change (zeros skipped): no IRR → NaN, ``irr.no_sign_change``;
    - one sign change (a conventional flow: investment, then savings): exactly one IRR. Newton
      on :math:`g(x)`, started at :math:`r = 0.1`, runs on all these rows at once (for an
      investment followed by inflows :math:`g` is increasing and convex on :math:`x > 0`, so it
      converges from any start). Rows Newton does not settle are bracketed on a grid over
      :data:`IRR_BRACKET` and bisected; no bracket → NaN, ``irr.no_convergence``;
    - two or more sign changes: every real root from the eigenvalues of the polynomial's
      companion matrix (what ``numpy.roots`` does, batched by degree), polished by Newton.
      None → NaN, ``irr.no_real_root``; one → that IRR; several → the one **nearest 0.1**
      (ties: the lower), code ``irr.multiple``. numpy-financial returns the root nearest 0
      instead; the two agree whenever the IRR is unique. Excel's ``IRR()`` iterates from a
      guess of 0.1, so "nearest 0.1" is usually what Excel shows. With several IRRs the IRR
      rule itself is ambiguous: judge such a project by its NPV. Flows smaller than 1e-12 ×
      the row's largest are taken as 0 here (they would only add roots next to −100 %).

    Rows with a NaN or infinite flow give NaN and ``irr.non_finite``.

    References
    ----------
    .. [1] Training deck §4: IRR = the rate where NPV = 0; feasible when IRR ≥ the hurdle rate.
    .. [2] numpy-financial ``irr`` (roots of the polynomial in 1/(1 + r)).
    """
    v, _ = _rows(values)
    m = v.shape[0]
    out = np.full(m, np.nan)
    codes = np.full(m, "", dtype=object)
    finite = np.isfinite(v).all(axis=1)
    codes[~finite] = "irr.non_finite"
    changes = np.where(finite, _sign_changes(np.where(finite[:, None], v, 0.0)), -1)
    codes[changes == 0] = "irr.no_sign_change"

    single = np.flatnonzero(changes == 1)
    if single.size:
        rate, conv = _newton(v[single])
        if not conv.all():
            rate[~conv] = _bisect(v[single[~conv]])
        out[single] = rate
        codes[single[np.isnan(rate)]] = "irr.no_convergence"

    multi = np.flatnonzero(changes >= 2)
    if multi.size:
        local, rate = _real_irrs(v[multi])
        order = np.lexsort((rate, local))  # by row, then rate
        local, rate = local[order], rate[order]
        new = np.ones(local.size, dtype=bool)
        new[1:] = (local[1:] != local[:-1]) | (
            np.abs(rate[1:] - rate[:-1]) > _SAME_RTOL * np.maximum(1.0, np.abs(rate[:-1])))
        distinct = np.bincount(local[new], minlength=multi.size)
        pick = np.lexsort((rate, np.abs(rate - IRR_GUESS), local))  # row, distance, rate
        first = np.ones(pick.size, dtype=bool)
        first[1:] = local[pick][1:] != local[pick][:-1]
        best = pick[first]
        out[multi[local[best]]] = rate[best]
        codes[multi[distinct == 0]] = "irr.no_real_root"
        codes[multi[distinct >= 2]] = "irr.multiple"
    return out, codes


def irr(values):
    """Internal rate of return: the rate at which the NPV is zero.

    Parameters
    ----------
    values : array-like, 1-D or 2-D
        Cash flows (``values[0]`` at t = 0, outflows negative); 2-D: one project per row.

    Returns
    -------
    float or ndarray
        A float for 1-D ``values``, else one IRR per row. NaN where there is none.

    Warns
    -----
    FinanceWarning
        At most one per call, when some rows have a problem. Its message lists the count of
        each code; ``code`` is the first code present in :data:`IRR_CODES` order and
        ``data`` holds ``counts`` and ``rows`` (row indices) for every code.

    Notes
    -----
    The method and the rule for several IRRs (the one nearest 0.1) are described in
    :func:`irr_with_codes`. Equal to ``numpy_financial.irr`` (to 1e-9) whenever the IRR is
    unique; 10,000 rows take milliseconds instead of a second (``bench/finance_bench.py``).

    References
    ----------
    .. [1] Training deck §4: IRR = the rate where NPV = 0; the highest IRR is best.
    .. [2] numpy-financial ``irr``.
    """
    rates, codes = irr_with_codes(values)
    problems = {c: np.flatnonzero(codes == c) for c in IRR_CODES if (codes == c).any()}
    if problems:
        counts = {c: int(rows.size) for c, rows in problems.items()}
        listing = "; ".join(f"{c}: {n} row(s) ({IRR_CODES[c]})" for c, n in counts.items())
        data = {"counts": counts, "rows": {c: rows.tolist() for c, rows in problems.items()}}
        warnings.warn(FinanceWarning(f"IRR of {codes.size} row(s): {listing}", next(iter(problems)), data),
                      stacklevel=2)
    return float(rates[0]) if np.asarray(values).ndim == 1 else rates


def hand_irr(values, i1: float, i2: float) -> dict:
    """The trainers' IRR by linear interpolation between two trial rates.

    Parameters
    ----------
    values : array-like, 1-D
        Cash flows (``values[0]`` at t = 0).
    i1, i2 : float
        Trial rates with NPV(i1) > 0 and NPV(i2) < 0 (so i1 < i2 for a conventional flow).

    Returns
    -------
    dict
        ``i1, i2, npv1, npv2, irr``. ``irr`` is NaN (with a :class:`FinanceWarning`
        ``irr.hand_no_bracket``) when NPV1 and NPV2 do not have opposite signs.

    Notes
    -----
    .. math:: IRR \\approx i_1 + (i_2 - i_1) \\frac{NPV_1}{NPV_1 - NPV_2}

    The straight line through (i1, NPV1) and (i2, NPV2) crosses zero there. NPV is convex in
    the rate for a conventional flow, so the estimate is slightly above the true IRR and gets
    closer as i1 and i2 close in. Swapped trial rates (NPV1 < 0 < NPV2) give the same line.

    References
    ----------
    .. [1] Training deck §4, "IRR by hand": find i1 with NPV1 > 0 and i2 with NPV2 < 0.
    """
    npv1, npv2 = float(npv(i1, values)), float(npv(i2, values))
    if np.sign(npv1) * np.sign(npv2) < 0:
        estimate = i1 + (i2 - i1) * npv1 / (npv1 - npv2)
    else:
        estimate = np.nan
        warnings.warn(FinanceWarning(
            f"NPV({i1}) = {npv1:.6g} and NPV({i2}) = {npv2:.6g} do not have opposite signs; "
            "pick i1 with NPV > 0 and i2 with NPV < 0", "irr.hand_no_bracket",
            {"i1": i1, "i2": i2, "npv1": npv1, "npv2": npv2}), stacklevel=2)
    return {"i1": float(i1), "i2": float(i2), "npv1": npv1, "npv2": npv2, "irr": float(estimate)}


# --------------------------------------------------------------------------- paybacks
def _payback(v: np.ndarray) -> np.ndarray:
    """Fractional payback of every row of 2-D ``v`` (see :func:`payback_years`)."""
    m, n = v.shape
    if n == 0:
        return np.full(m, np.nan)
    cum = np.cumsum(v, axis=1)
    reached = cum >= 0
    ever = reached.any(axis=1)
    k = np.argmax(reached, axis=1)  # first year the cumulative flow is ≥ 0
    rows = np.arange(m)
    before = cum[rows, np.maximum(k - 1, 0)]
    inflow = v[rows, k]
    with np.errstate(divide="ignore", invalid="ignore"):
        years = np.where(k == 0, 0.0, (k - 1) + (-before) / inflow)
    years = np.where(ever, years, np.inf)
    return np.where(np.isfinite(v).all(axis=1), years, np.nan)


def payback_years(values):
    """Simple payback [years], fractional, by the deck's method for uneven flows.

    Parameters
    ----------
    values : array-like, 1-D or 2-D
        Cash flows (``values[0]`` at t = 0, the investment negative).

    Returns
    -------
    float or ndarray
        Years until the cumulative flow first reaches zero; ``0`` when ``values[0] >= 0``;
        ``inf`` when it never pays back within the flows; NaN with a NaN flow.

    Notes
    -----
    With :math:`C_t = \\sum_{s \\le t} v_s` and :math:`k` the first year with
    :math:`C_k \\ge 0`:

    .. math:: PB = (k - 1) + \\frac{-C_{k-1}}{v_k}

    i.e. the years before full recovery plus the unrecovered cost over the next year's
    inflow. With equal inflows this is capital cost / annual cash flow (the LED case:
    160,000,000 / 75,663,360 = 2.11 years). The first recovery counts: a later replacement
    that makes the cumulative flow negative again does not move it.

    References
    ----------
    .. [1] Training deck §4: projects A (2 + 100/300 = 2.33 years) and B (3 + 200/600 = 3.33).
    """
    v, one = _rows(values)
    out = _payback(v)
    return float(out[0]) if one else out


def discounted_payback_years(rate, values):
    """Discounted payback [years]: :func:`payback_years` of the flows at present value.

    Parameters
    ----------
    rate : float or array-like
        Discount rate (fraction); a scalar or one per row.
    values : array-like, 1-D or 2-D

    Notes
    -----
    .. math:: PB_d = (k - 1) + \\frac{-D_{k-1}}{v_k (1 + r)^{-k}}, \\quad
              D_t = \\sum_{s \\le t} v_s (1 + r)^{-s}

    Always at least the simple payback for an investment followed by inflows (r > 0).

    References
    ----------
    .. [1] Training deck §4 (discount rate, payback); Gitman (2003).
    """
    v, one = _rows(values)
    out = _payback(_discounted(rate, v))
    return float(out[0]) if one else out


# --------------------------------------------------------------------------- ratios
def roi(values):
    """The deck's return on investment (fraction per year).

    Notes
    -----
    .. math:: ROI = \\frac{\\overline{v_{1..n}}}{-v_0}

    the average net annual saving (mean of ``values[1:]``) over the capital cost. NaN when
    ``values[0] >= 0`` (no investment). Undiscounted, and the reciprocal of the simple payback
    for equal flows (LED: 75,663,360 / 160,000,000 = 47.3 %/yr).

    References
    ----------
    .. [1] Training deck §4: ROI = net annual saving / capital cost.
    """
    v, one = _rows(values)
    cost = -v[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = v[:, 1:].mean(axis=1) if v.shape[1] > 1 else np.full(v.shape[0], np.nan)
        out = np.where(cost > 0, mean / cost, np.nan)
    return float(out[0]) if one else out


def benefit_cost_ratio(rate, values):
    """Benefit–cost ratio: present value of the inflows over that of the outflows.

    Notes
    -----
    .. math:: BCR = \\frac{\\sum_{v_t > 0} v_t (1 + r)^{-t}}{\\left|\\sum_{v_t < 0} v_t (1 + r)^{-t}\\right|}

    Flows are netted per period first (the cash-flow vector), so a replacement year with a
    saving larger than its capex counts as a benefit. > 1 ⇔ NPV > 0. ``inf`` with no
    outflows, NaN with no flows.

    References
    ----------
    .. [1] Training deck §4 (NPV of benefits B_t and costs C_t); Gitman (2003).
    """
    v, one = _rows(values)
    pv = _discounted(rate, v)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(pv > 0, pv, 0.0).sum(axis=1) / np.abs(np.where(pv < 0, pv, 0.0).sum(axis=1))
    out = np.where(np.isnan(pv).any(axis=1), np.nan, out)
    return float(out[0]) if one else out


def profitability_index(rate, values):
    """Profitability index: present value of the flows from year 1 over the initial investment.

    Notes
    -----
    .. math:: PI = \\frac{\\sum_{t \\ge 1} v_t (1 + r)^{-t}}{-v_0} = 1 + \\frac{NPV}{-v_0}

    NaN when ``values[0] >= 0``. Equal to :func:`benefit_cost_ratio` for an investment
    followed by inflows; lower when later years hold costs (they reduce the numerator
    instead of adding to the denominator).

    References
    ----------
    .. [1] Gitman (2003); training deck §4 (choose the largest NPV per unit of capital).
    """
    v, one = _rows(values)
    pv = _discounted(rate, v)
    cost = -v[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(cost > 0, pv[:, 1:].sum(axis=1) / cost, np.nan)
    return float(out[0]) if one else out


# --------------------------------------------------------------------------- annualised costs
def capital_recovery_factor(rate, years):
    """Capital recovery factor: the share of an investment repaid each year over n years.

    Parameters
    ----------
    rate : float or array-like
        Interest or discount rate (fraction).
    years : float or array-like
        Life n [years]; broadcast against ``rate``.

    Returns
    -------
    float or ndarray
        NaN where n ≤ 0 or n is NaN.

    Notes
    -----
    .. math:: CRF = \\frac{r}{1 - (1 + r)^{-n}}, \\qquad CRF = \\frac{1}{n} \\text{ when } r = 0

    The project's only CRF (``calc.measures`` re-exports it; loans use it too). CRF(12 %, 5) = 0.27741.

    References
    ----------
    .. [1] Training deck §4 (interest, FV = PV(1 + i)^n); Gitman (2003), annuities.
    """
    r = np.asarray(rate, dtype=float)
    n = np.asarray(years, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # r / (1 − (1 + r)^−n) written with expm1/log1p, so a tiny rate does not divide by ~0
        crf = np.where(r == 0, 1.0 / n, r / -np.expm1(-n * np.log1p(r)))
    return _scalar_or_array(np.where(n > 0, crf, np.nan))


def equivalent_annual_cost(rate, capex, annual_cost, life_years):
    """Equivalent annual cost: the investment spread over its life plus the yearly cost.

    Parameters
    ----------
    rate : float
        Discount rate (fraction).
    capex, annual_cost, life_years : float or array-like
        Investment, yearly running cost (energy + maintenance) and life [years] of each
        alternative; broadcast together.

    Notes
    -----
    .. math:: EAC = capex \\cdot CRF(r, n) + annual\\ cost

    Alternatives with unequal lives are compared per year of service, as the deck's
    life-cycle comparison of lamps does (a CFL lasts 5×, an LED ≥ 20× a halogen lamp): the
    lowest EAC is the cheapest way to get the same light.

    References
    ----------
    .. [1] Training deck §4, life-cycle analysis (halogen vs CFL vs LED).
    """
    crf = np.asarray(capital_recovery_factor(rate, life_years))
    return _scalar_or_array(np.asarray(capex, dtype=float) * crf + np.asarray(annual_cost, dtype=float))


def cost_of_saved_energy(rate, capex, annual_opex_change, life_years, saving_per_year):
    """Cost of saved energy: annualised cost per unit of energy saved (e.g. VND/kWh).

    Notes
    -----
    .. math:: CSE = \\frac{capex \\cdot CRF(r, n) + \\Delta opex}{saving\\ per\\ year}

    A measure is worth it when its CSE is below the price of the energy it saves. NaN when
    the saving is ≤ 0.

    References
    ----------
    .. [1] Meier, A. K. (1983), "What is the cost to you of conserved energy?", LBL; training
       deck §4 (annualised investment).
    """
    annual = np.asarray(equivalent_annual_cost(rate, capex, annual_opex_change, life_years))
    saving = np.asarray(saving_per_year, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(saving > 0, annual / saving, np.nan)
    return _scalar_or_array(out)


# --------------------------------------------------------------------------- cash flows
def real_rate(nominal_pct, inflation_pct):
    """Real discount rate [fraction] from a nominal rate and inflation [%].

    Notes
    -----
    .. math:: r = \\frac{1 + i}{1 + \\pi} - 1

    Discounting nominal flows at the nominal rate i gives the same NPV as discounting the same
    flows deflated to today's money, :math:`CF_t / (1 + \\pi)^t`, at r (Fisher).

    References
    ----------
    .. [1] Training deck §4 (inflation, discount rate); I. Fisher, The Theory of Interest (1930).
    """
    return (1.0 + np.asarray(nominal_pct, dtype=float) / 100.0) / (1.0 + np.asarray(inflation_pct, dtype=float) / 100.0) - 1.0


def _depreciation(unit_cost, life, start, horizon: int, n_years: int, inflation) -> np.ndarray:
    """Straight-line depreciation per year t = 0..n_years of each measure's units.

    Unit k (k = 0, 1, …) goes into service at :math:`s + kL` and depreciates its cost
    :math:`C (1 + \\pi)^{\\lceil s + kL \\rceil}` evenly over L years; a blank lifetime depreciates
    the one unit over the years left in the analysis.
    """
    m = unit_cost.shape[0]
    t = np.arange(n_years + 1, dtype=float)[None, :]
    life_used = np.where(np.isfinite(life) & (life > 0), life, np.maximum(horizon - start, 1.0))
    out = np.zeros((m, n_years + 1))
    k = 0
    while True:
        begin = start + k * life_used
        active = begin < n_years
        if not active.any():
            break
        cost = unit_cost * (1.0 + inflation / 100.0) ** np.ceil(begin)
        rate = np.where(active, cost / life_used, 0.0)[:, None]
        d_end = np.clip(t - begin[:, None], 0.0, life_used[:, None])
        d_start = np.clip(t - 1.0 - begin[:, None], 0.0, life_used[:, None])
        out += rate * (d_end - d_start)
        k += 1
        if k > 10_000:  # pragma: no cover - lifetimes are bounded below by the schema
            break
    out[:, 0] = 0.0
    return out


def measure_cashflows(capex, energy_cost_saving, *, years: int, lifetime_years, opex_change=0.0,
                      other_income=0.0, reduction_tco2e=0.0, carbon_price=0.0, escalation_pct=0.0,
                      salvage: bool = True, start_offset=0, tax_rate_pct=0.0, inflation_pct=0.0) -> np.ndarray:
    """Yearly cash flows of measures over an analysis period, one row per measure.

    Parameters
    ----------
    capex : float or array-like
        Investment per measure at today's prices (positive number; booked as an outflow).
    energy_cost_saving : float or array-like
        Money saved on energy in the first year of operation [per year].
    years : int
        Analysis period [years]; the result has ``years + 1`` columns (t = 0 … years).
    lifetime_years : float or array-like
        Equipment life [years]; NaN (blank) or ≤ 0: lasts the whole analysis (no replacement, no
        salvage).
    opex_change : float or array-like
        Change in operating cost [per year] (positive = costs more).
    other_income : float or array-like
        Other yearly income [per year].
    reduction_tco2e, carbon_price : float or array-like
        Emission reduction [tCO2e/yr] and price [per tCO2e]; their product is a yearly inflow.
    escalation_pct : float or array-like
        Energy price escalation [%/yr] applied to the energy cost saving.
    salvage : bool
        Book the straight-line residual value of the last unit in the last year.
    start_offset : int or array-like
        Year of the investment (0 = now); flows before it are zero.
    tax_rate_pct : float or array-like
        Income tax rate [%] on the yearly benefit net of straight-line depreciation; 0 = pre-tax.
    inflation_pct : float or array-like
        General inflation [%/yr]: the operating-cost change, other income, the carbon price and
        every investment (the first one at its start year, replacements) grow with it.

    Returns
    -------
    ndarray
        Shape ``(measures, years + 1)``; scalars give one row.

    Notes
    -----
    With :math:`s` the start year, :math:`a = t - s` the age of the measure, :math:`g_E = (1 +
    e)^{t-1}` the energy price index and :math:`g_\\pi = (1 + \\pi)^{t-1}` the general one:

    - :math:`t = s`: :math:`-C (1 + \\pi)^s`;
    - :math:`a \\ge 1`: the operating benefit
      :math:`B_t = S g_E + (other - \\Delta opex + P_{CO_2} \\cdot tCO_2e)\\, g_\\pi`;
    - a replacement :math:`-C (1 + \\pi)^t` in the year each lifetime ends (:math:`a = L, 2L, …`;
      for a fractional L the year in which it ends), except in the last year;
    - salvage in the last year (``salvage=True``): the last unit's cost × :math:`(L - A \\bmod L) /
      L` with :math:`A = years - s` (0 when a lifetime ends exactly at the last year);
    - after tax (rate τ): :math:`-\\tau (B_t - D_t)` each running year, with :math:`D_t` the
      straight-line depreciation of the units in service that year (each over its lifetime; a
      blank lifetime over the years left). A negative taxable amount is a tax saving: the company
      is assumed to have other taxable profit to set it against. Salvage is not taxed.

    The flows are nominal (money of the year they occur): discount them with a nominal rate.
    Deflating them by :math:`(1 + \\pi)^t` and discounting at :func:`real_rate` gives the same NPV.
    With all defaults (no tax, no inflation) capex, opex, other income and the carbon price are
    constant.

    Vectorised over measures (numpy broadcasting; no loop over measures).

    References
    ----------
    .. [1] Training deck §3–4: revenue = energy price × saving + benefit from emission
       reduction + other income; investment; depreciation; salvage value; inflation; discount
       rate.
    """
    cap, sav, life, opex, inc, red, cp, esc, off, tax, infl = np.broadcast_arrays(*(
        np.atleast_1d(np.asarray(a, dtype=float)) for a in
        (capex, energy_cost_saving, lifetime_years, opex_change, other_income, reduction_tco2e,
         carbon_price, escalation_pct, start_offset, tax_rate_pct, inflation_pct)))
    n_years = int(years)
    t = np.arange(n_years + 1, dtype=float)[None, :]
    start = np.rint(off)[:, None]
    age = t - start
    running = age >= 1
    index = (1.0 + infl[:, None] / 100.0)
    general = index ** np.maximum(t - 1.0, 0.0)
    benefit = (sav[:, None] * (1.0 + esc[:, None] / 100.0) ** np.maximum(t - 1.0, 0.0)
               + (inc[:, None] - opex[:, None] + (cp * red)[:, None]) * general)
    cost_at = cap[:, None] * index ** t  # an investment made at t, at that year's prices
    flows = np.where(running, benefit, 0.0) - np.where(age == 0, cost_at, 0.0)
    lt = life[:, None]
    has_life = np.isfinite(lt) & (lt > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ends = np.floor(age / lt) > np.floor((age - 1.0) / lt)
    replace = has_life & running & ends & (t < n_years)
    flows = flows - np.where(replace, cost_at, 0.0)
    if np.any(tax != 0):
        dep = _depreciation(cap, life, start[:, 0], n_years, n_years, infl)
        flows = flows - np.where(running, tax[:, None] / 100.0 * (benefit - dep), 0.0)
    if salvage:
        age_end = n_years - start[:, 0]
        with np.errstate(divide="ignore", invalid="ignore"):
            used = np.mod(age_end, life)
            share = np.where(used == 0, np.where(age_end == 0, 1.0, 0.0), 1.0 - used / life)
            # the last unit was bought in the year the previous one ended (or at the start)
            bought = np.where(np.isfinite(life) & (life > 0),
                              start[:, 0] + np.ceil(np.floor((age_end - 1e-9) / life) * life - 1e-9), start[:, 0])
        share = np.where(has_life[:, 0] & (age_end >= 0), share, 0.0)
        flows[:, -1] += cap * (1.0 + infl / 100.0) ** np.maximum(bought, 0.0) * share
    return flows
