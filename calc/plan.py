"""The least-cost plan to the target: which measures, in which year, within the yearly budgets.

A mixed-integer programme (MILP) solved exactly with scipy's :func:`scipy.optimize.milp` (the
HiGHS solver): choose for every candidate measure whether it is done and in which start year, so
that the emissions with the measures meet the target in the target year (optionally in every year
of the path), the investment of each year fits that year's budget, mutually exclusive measures
are not combined, savings on the same source never exceed the source, and the portfolio's NPV at
the scenario's discount rate (the carbon price counted) is the largest.

The cash flows are the appraisal's own (:func:`calc.finance.measure_cashflows`: lifetimes and
replacement, salvage, escalation, inflation, tax, the carbon price), from the plan's first year
(t = 0 at the start of ``first_year``; a measure starting in year s invests at t = s − first_year
and saves from that year on, as :func:`calc.portfolio.emissions_by_year` counts it).

The problem is built once (:func:`plan_problem`) and then solved for the plan
(:func:`least_cost_plan`), the cost of ambition (:func:`cost_of_ambition`) and the carbon price at
which the target plan pays for itself (:func:`break_even_carbon_price`). The budget choice of
:func:`calc.risk.select_within_budget` goes through the same solver path (:func:`knapsack`).

References
----------
.. [1] Training deck, sections 2–5 (seed-digest §2–5): the target path, the measures' savings,
   NPV at the discount rate, the investment budget.
.. [2] SciPy ``scipy.optimize.milp`` (HiGHS: Q. Huangfu, J. A. J. Hall, "Parallelizing the dual
   revised simplex method", Math. Prog. Comp. 10 (2018)).
.. [3] W. Dinkelbach, "On nonlinear fractional programming", Management Science 13 (1967): the
   break-even carbon price by parametric re-solving.
"""
from __future__ import annotations

import contextlib
import math
import os
import sys
import threading
import time
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from calc import finance

__all__ = ["PLAN_TIME_LIMIT_S", "PLAN_MIP_GAP", "PlanProblem", "PlanResult", "plan_problem", "least_cost_plan",
           "evaluate_plan", "max_reduction", "cost_of_ambition", "break_even_carbon_price", "knapsack"]

#: Seconds one MILP solve may take before it stops (a safety net; the result says so).
PLAN_TIME_LIMIT_S = 10.0
#: Relative optimality gap the solver must close ("to optimality": 1e-9 of the objective).
PLAN_MIP_GAP = 1e-9
#: A budget row is met when the chosen investment (summed exactly) is ≤ budget × (1 + this):
#: exact up to the rounding of the inputs.
_BUDGET_RTOL = 1e-15
#: No-good cuts tried when the solver's tolerance let a budget be exceeded by a hair.
_MAX_REPAIRS = 25
#: Columns of the candidates frame, with the value a missing column stands for.
CANDIDATE_COLUMNS = {"id": None, "capex": 0.0, "energy_cost_saving": 0.0, "opex_change": 0.0,
                     "other_income": 0.0, "lifetime_years": np.nan, "reduction_tco2e": 0.0,
                     "source_tco2e": np.nan, "source": None, "exclusive_group": None,
                     "earliest_start": np.nan, "latest_start": np.nan, "in_target": True}


# --------------------------------------------------------------------------- the solver path
@dataclass
class _Model:
    """``max c·v`` s.t. ``lo ≤ A v ≤ hi``, ``0 ≤ v ≤ ub``; ``binary`` marks the 0/1 variables.
    ``exact_rows``: rows that depend on binaries only and must hold exactly (budgets)."""

    c: np.ndarray
    ub: np.ndarray
    binary: np.ndarray
    rows: list = field(default_factory=list)          # (cols, vals, lo, hi)
    exact_rows: list = field(default_factory=list)    # indices into rows

    def add(self, cols, vals, lo=-np.inf, hi=np.inf, exact=False) -> None:
        cols = np.asarray(cols, dtype=int)
        vals = np.asarray(vals, dtype=float)
        keep = vals != 0
        if exact:
            self.exact_rows.append(len(self.rows))
        self.rows.append((cols[keep], vals[keep], float(lo), float(hi)))



_STDOUT_LOCK = threading.Lock()


@contextlib.contextmanager
def _quiet_stdout():
    """HiGHS (inside scipy) sometimes prints a debug line straight to file descriptor 1 whatever
    its display option; it would corrupt ``summary --json`` on standard output. Descriptor 1 points
    to /dev/null while the solver runs (Python's own buffer is flushed first)."""
    try:
        fd = sys.stdout.fileno() if sys.stdout is not None else 1
    except (AttributeError, OSError, ValueError):  # a replaced stdout (tests, notebooks): nothing to guard
        yield
        return
    with _STDOUT_LOCK:
        sys.stdout.flush()
        saved = os.dup(fd)
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), fd)
            yield
        finally:
            os.dup2(saved, fd)
            os.close(saved)

def _solve_model(model: _Model, time_limit_s: float, gap: float = PLAN_MIP_GAP):
    """Solve ``model`` with :func:`scipy.optimize.milp`; returns ``(v, status, info)``.

    ``status`` is ``optimal``, ``time_limit`` (stopped; ``v`` is the best plan found or None) or
    ``infeasible``. Each row is scaled by its largest coefficient, so amounts in VND and in tCO2e
    are equally well conditioned; the objective is left in money, so the solver's absolute gap
    (1e-6) is far below a unit of money. Binaries are
    rounded; a budget row (``exact_rows``) the rounded choice exceeds by more than
    :data:`_BUDGET_RTOL` (the solver's feasibility tolerance is 1e-6 of the row) is excluded by a
    no-good cut :math:`\\sum_{k \\in S} x_k \\le |S| - 1` on that exact choice S and the model
    is solved again: the answer is exact, not merely within the solver's tolerance.
    """
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    n = model.c.size
    # the objective is not scaled: HiGHS's absolute gap (1e-6) must stay below any difference
    # that matters (scaling VND amounts to ~1 would hide a difference of 1 in 2e7)
    cscale = 1.0
    cuts: list = []
    t0 = time.perf_counter()
    info = {"message": "", "mip_gap": np.nan, "solves": 0, "cuts": 0}
    for _ in range(_MAX_REPAIRS + 1):
        rows = model.rows + cuts
        left = max(time_limit_s - (time.perf_counter() - t0), 0.05)
        if n == 0:
            ok = all(lo <= 0 <= hi for _c, _v, lo, hi in rows)
            return (np.zeros(0), "optimal", info) if ok else (None, "infeasible", info)
        if rows:
            r_idx, c_idx, vals, lo, hi = [], [], [], [], []
            for i, (cols, v, l, h) in enumerate(rows):
                s = float(np.max(np.abs(v))) if v.size else 1.0
                r_idx.append(np.full(v.size, i))
                c_idx.append(cols)
                vals.append(v / s)
                lo.append(l / s)
                hi.append(h / s)
            A = sparse.csr_array((np.concatenate(vals), (np.concatenate(r_idx), np.concatenate(c_idx))),
                                 shape=(len(rows), n))
            constraints = LinearConstraint(A, np.array(lo), np.array(hi))
        else:
            constraints = ()
        with _quiet_stdout():
            res = milp(-model.c / cscale, integrality=model.binary.astype(int), bounds=Bounds(0.0, model.ub),
                       constraints=constraints, options={"time_limit": left, "mip_rel_gap": gap})
        info["solves"] += 1
        info["message"] = str(res.message)
        info["mip_gap"] = float(getattr(res, "mip_gap", np.nan) or 0.0) if res.x is not None else np.nan
        if res.status == 2:
            return None, "infeasible", info
        if res.x is None:
            return None, ("time_limit" if res.status == 1 else "infeasible"), info
        v = np.clip(res.x, 0.0, model.ub)
        v[model.binary] = np.round(v[model.binary])
        bad = False
        for i in model.exact_rows:
            cols, vals, lo, hi = model.rows[i]
            lhs = math.fsum(vals * v[cols])
            if lhs > hi + _BUDGET_RTOL * abs(hi) or lhs < lo - _BUDGET_RTOL * abs(lo):
                bad = True
                break
        if not bad:
            return v, ("optimal" if res.status == 0 else "time_limit"), info
        chosen = np.flatnonzero(model.binary & (v > 0.5))
        cuts.append((chosen, np.ones(chosen.size), -np.inf, chosen.size - 1.0))
        info["cuts"] += 1
    return None, "time_limit", info  # pragma: no cover - a solver that keeps breaking the budget


# --------------------------------------------------------------------------- the budget choice
def knapsack(value, capex, budget: float, time_limit_s: float = PLAN_TIME_LIMIT_S) -> tuple[list[int], str]:
    """The 0/1 choice of items with the largest total value whose capex fits one budget.

    Parameters
    ----------
    value, capex : array-like
        Per item (finite; the caller drops items that can never be chosen).
    budget : float
        :math:`\\sum c_i x_i \\le B` (exactly: see :func:`_solve_model`).
    time_limit_s : float
        Safety net of the solver [s].

    Returns
    -------
    (list of int, str)
        The chosen indices and the status (``optimal``, ``time_limit``: the best choice found,
        ``infeasible``: none found in time).

    Notes
    -----
    The plan's MILP with one start year, one budget year and no target:
    :math:`\\max \\sum_i v_i x_i` s.t. :math:`\\sum_i c_i x_i \\le B`, :math:`x_i \\in \\{0, 1\\}`.
    """
    v = np.asarray(value, dtype=float).ravel()
    c = np.asarray(capex, dtype=float).ravel()
    model = _Model(v.copy(), np.ones(v.size), np.ones(v.size, dtype=bool))
    if v.size:
        model.add(np.arange(v.size), c, hi=float(budget), exact=True)
    x, status, _info = _solve_model(model, time_limit_s)
    if x is None:
        return [], status
    return [int(i) for i in np.flatnonzero(x > 0.5)], status


# --------------------------------------------------------------------------- the problem
@dataclass(frozen=True)
class PlanProblem:
    """The plan's data, built once by :func:`plan_problem` (arrays; money in the scenario's
    currency, emissions in tCO2e/yr).

    Axes: ``ids`` (M candidate measures), the x variables k = 0..K−1 (one per measure and allowed
    start year: ``x_measure``, ``x_start``), ``years`` (calendar years ``first_year`` … the later
    of the last analysis year and the target year) and cash-flow columns t = 0..N (N =
    ``analysis_years``; column t ≥ 1 is the end of year ``first_year + t − 1``).
    """

    ids: np.ndarray
    years: np.ndarray
    first_year: int
    analysis_years: int
    discount_rate_pct: float
    carbon_price_per_tco2: float
    x_measure: np.ndarray
    x_start: np.ndarray
    #: flows of the capex, replacements, salvage, operating cost and other income, K × (N + 1)
    fixed_flows: np.ndarray
    #: the measure's full energy-cost saving and its carbon value per unit of carbon price, M × (N + 1)
    energy_flows: np.ndarray
    carbon_flows: np.ndarray
    #: investment (initial and replacements, at that year's prices) by year, K × len(years)
    spend: np.ndarray
    reduction_tco2e: np.ndarray
    source_tco2e: np.ndarray
    source: np.ndarray
    exclusive_group: np.ndarray
    in_target: np.ndarray
    #: source → its emissions by year [tCO2e] (the cap on savings on it)
    source_caps: dict
    budgets: np.ndarray
    bau_tco2e: np.ndarray
    target_tco2e: np.ndarray
    target_year: int | None
    every_year: bool
    base_tco2e: float

    @property
    def rate(self) -> float:
        return self.discount_rate_pct / 100.0

    @property
    def discount(self) -> np.ndarray:
        """:math:`(1 + r)^{-t}`, t = 0..N."""
        return (1.0 + self.rate) ** -np.arange(self.analysis_years + 1, dtype=float)

    def column(self, year) -> np.ndarray:
        """Cash-flow column of the saving in calendar ``year`` (end of that year): year − first + 1."""
        return np.asarray(year) - self.first_year + 1

    def required_tco2e(self) -> pd.Series:
        """The reduction the target asks for, by constrained year: BAU − target (the target year
        only, or every year of the path up to it with ``every_year``)."""
        if self.target_year is None:
            return pd.Series(dtype=float)
        need = self.bau_tco2e - self.target_tco2e
        years = self.years
        mask = (years == self.target_year) if not self.every_year else (years <= self.target_year)
        mask &= np.isfinite(need)
        return pd.Series(need[mask], index=years[mask])


def _frame(candidates) -> pd.DataFrame:
    c = pd.DataFrame(candidates).reset_index(drop=True).copy()
    for col, default in CANDIDATE_COLUMNS.items():
        if col not in c:
            c[col] = default if col != "id" else [f"m{i + 1}" for i in range(len(c))]
    return c


def _labels(values) -> np.ndarray:
    """Blank labels (None, NaN, "") → None, others as str."""
    return np.array([None if v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() == ""
                     else str(v) for v in values], dtype=object)


def plan_problem(candidates, *, first_year: int, analysis_years: int, discount_rate_pct: float,
                 bau_tco2e=None, target_tco2e=None, target_year: int | None = None,
                 sources_tco2e: dict | None = None, budgets=None, base_tco2e: float | None = None,
                 carbon_price_per_tco2: float = 0.0, escalation_pct: float = 0.0, inflation_pct: float = 0.0,
                 tax_rate_pct: float = 0.0, last_start_year: int | None = None,
                 every_year: bool = False) -> PlanProblem:
    """Build the plan's MILP data from the candidate measures.

    Parameters
    ----------
    candidates : DataFrame
        One row per candidate measure (status ``ok``): ``id``, ``capex`` (at today's prices),
        ``energy_cost_saving`` [money/yr], ``opex_change`` [money/yr], ``other_income``
        [money/yr], ``lifetime_years`` (NaN: lasts the analysis), ``reduction_tco2e`` (net
        tCO2e/yr, the saving claimed), ``source_tco2e`` (tCO2e/yr it takes from its source: the
        gross saving, more than the net one for an energy switch; NaN = ``reduction_tco2e``),
        ``source`` (label of the source it saves on; blank = no cap), ``exclusive_group`` (blank =
        none), ``earliest_start``, ``latest_start`` (calendar years; blank = any), ``in_target``
        (its reduction counts toward the target's scopes; default True). Missing columns take
        these defaults.
    first_year : int
        The first year a measure may start (t = 0 of the cash flows: usually base year + 1).
    analysis_years : int
        N: cash flows at t = 0..N (the Finance sheet's analysis period).
    discount_rate_pct : float
        [%/yr].
    bau_tco2e, target_tco2e : Series, optional
        By calendar year: business-as-usual emissions and the target path [tCO2e] (the target's
        scopes).
    target_year : int, optional
        The year the target must be met (None: no target; the plan then maximises NPV alone).
    sources_tco2e : dict, optional
        Source label → its emissions [tCO2e/yr] (a number, or a Series by year): what all
        measures on that source together can save at most in a year.
    budgets : dict or Series, optional
        Calendar year → investment budget; NaN/None or a year not given = unlimited.
    base_tco2e : float, optional
        Base-year emissions of the target's scopes (for reduction levels in %).
    carbon_price_per_tco2, escalation_pct, inflation_pct, tax_rate_pct : float
        The Finance settings of :func:`calc.finance.measure_cashflows`.
    last_start_year : int, optional
        The last start year considered (default: the target year, else the last analysis year).
    every_year : bool
        Meet the target path in every year up to the target year, not only in the target year.

    Returns
    -------
    PlanProblem

    Notes
    -----
    :func:`calc.finance.measure_cashflows` is linear in its money inputs, so a measure's flows
    split into a part that does not depend on how much it saves (``fixed_flows``: capex,
    replacements, salvage, the tax saved by depreciation, operating cost, other income; one row
    per allowed start year) and the saving's value (``energy_flows`` + carbon price ×
    ``carbon_flows``), which scales with the share of its claimed saving that counts (as
    :func:`calc.portfolio.scale_capped` scales it).
    """
    c = _frame(candidates)
    M = len(c)
    N = int(analysis_years)
    first = int(first_year)
    last_analysis = first + N - 1
    last_year = max(last_analysis, int(target_year)) if target_year is not None else last_analysis
    years = np.arange(first, last_year + 1)
    last_start = int(last_start_year) if last_start_year is not None else (
        min(int(target_year), last_analysis) if target_year is not None else last_analysis)
    last_start = min(last_start, last_analysis)

    num = {k: pd.to_numeric(c[k], errors="coerce").to_numpy(dtype=float)
           for k in ("capex", "energy_cost_saving", "opex_change", "other_income", "lifetime_years",
                     "reduction_tco2e", "source_tco2e", "earliest_start", "latest_start")}
    for k in ("capex", "energy_cost_saving", "opex_change", "other_income", "reduction_tco2e"):
        num[k] = np.nan_to_num(num[k], nan=0.0)
    use = np.where(np.isfinite(num["source_tco2e"]), num["source_tco2e"], num["reduction_tco2e"])
    lo = np.where(np.isfinite(num["earliest_start"]), np.maximum(num["earliest_start"], first), first)
    hi = np.where(np.isfinite(num["latest_start"]), np.minimum(num["latest_start"], last_start), last_start)
    xm, xs = [], []
    for m in range(M):
        for s in range(int(math.ceil(lo[m])), int(math.floor(hi[m])) + 1):
            xm.append(m)
            xs.append(s)
    xm = np.array(xm, dtype=int)
    xs = np.array(xs, dtype=int)

    common = dict(years=N, escalation_pct=escalation_pct, tax_rate_pct=tax_rate_pct, inflation_pct=inflation_pct)
    K = xm.size
    if K:
        life_k = num["lifetime_years"][xm]
        fixed = np.atleast_2d(finance.measure_cashflows(
            num["capex"][xm], 0.0, lifetime_years=life_k, opex_change=num["opex_change"][xm],
            other_income=num["other_income"][xm], start_offset=(xs - first).astype(float), **common))
        invest = -np.atleast_2d(finance.measure_cashflows(
            num["capex"][xm], 0.0, years=N, lifetime_years=life_k, salvage=False,
            start_offset=(xs - first).astype(float), inflation_pct=inflation_pct))
    else:
        fixed = np.zeros((0, N + 1))
        invest = np.zeros((0, N + 1))
    spend = np.zeros((K, years.size))
    spend[:, :N] = invest[:, :N]          # an investment at column t belongs to year first + t
    if M:
        energy = np.atleast_2d(finance.measure_cashflows(0.0, num["energy_cost_saving"], salvage=False,
                                                         lifetime_years=num["lifetime_years"], **common))
        carbon = np.atleast_2d(finance.measure_cashflows(0.0, 0.0, reduction_tco2e=num["reduction_tco2e"],
                                                         carbon_price=1.0, salvage=False,
                                                         lifetime_years=num["lifetime_years"], **common))
    else:
        energy = carbon = np.zeros((0, N + 1))

    source = _labels(c["source"])
    caps = {}
    for j in {s for s in source if s is not None}:
        given = (sources_tco2e or {}).get(j, np.inf)
        if isinstance(given, pd.Series):
            caps[j] = given.reindex(years).astype(float).fillna(np.inf).to_numpy()
        else:
            caps[j] = np.full(years.size, float(given) if given is not None else np.inf)

    def by_year(series, default=np.nan) -> np.ndarray:
        if series is None:
            return np.full(years.size, default)
        if isinstance(series, dict):
            series = pd.Series(series, dtype=float)
        s = pd.Series(series).astype(float)
        s.index = s.index.astype(int)
        return s.reindex(years).to_numpy(dtype=float)

    budget_arr = by_year({k: (np.nan if v is None else v) for k, v in dict(budgets).items()}
                         if budgets is not None else None)
    bau = by_year(bau_tco2e)
    target = by_year(target_tco2e)
    if base_tco2e is None:
        base_tco2e = float(bau[0]) if bau.size and np.isfinite(bau[0]) else np.nan
    in_target = np.array([bool(v) if not (isinstance(v, float) and np.isnan(v)) else True
                          for v in c["in_target"]], dtype=bool)
    return PlanProblem(
        ids=c["id"].to_numpy(dtype=object), years=years, first_year=first, analysis_years=N,
        discount_rate_pct=float(discount_rate_pct), carbon_price_per_tco2=float(carbon_price_per_tco2),
        x_measure=xm, x_start=xs, fixed_flows=fixed, energy_flows=energy, carbon_flows=carbon, spend=spend,
        reduction_tco2e=num["reduction_tco2e"], source_tco2e=use, source=source,
        exclusive_group=_labels(c["exclusive_group"]), in_target=in_target, source_caps=caps,
        budgets=budget_arr, bau_tco2e=bau, target_tco2e=target,
        target_year=int(target_year) if target_year is not None else None, every_year=bool(every_year),
        base_tco2e=float(base_tco2e))


# --------------------------------------------------------------------------- the MILP
@dataclass(frozen=True)
class _Layout:
    """Where each variable sits: x (K binaries), f (one per measure and year on a contested source
    whose measures value a tonne differently), g (one per year of a contested source whose
    measures value a tonne alike), z (extra budget per limited year)."""

    contested: np.ndarray          # M bools: the measure's saving may be capped by its source
    f_index: dict                  # (m, year position) → column
    g_index: dict                  # (source, year position) → column
    n_x: int
    z_index: dict                  # year position → column (extra budget)
    n: int


def _contested(p: PlanProblem) -> np.ndarray:
    """Measures on a source whose cap can bind: the sum of all their claimed savings on it exceeds
    the source in some year (otherwise every saving counts in full and no f variable is needed)."""
    out = np.zeros(p.ids.size, dtype=bool)
    for j, cap in p.source_caps.items():
        on = p.source == j
        if np.any(np.sum(np.maximum(p.source_tco2e[on], 0.0)) > cap * (1 + 1e-12)):
            out |= on
    return out


def _alike(p: PlanProblem, on: np.ndarray) -> bool:
    """The measures ``on`` a source value a tonne taken from it alike (same energy money, carbon
    value and net reduction per tCO2e of the source, every year: the usual case of one fuel at one
    price), so only their total saving on the source matters."""
    use = p.source_tco2e[on]
    if on.size == 0 or np.any(use <= 0):
        return False
    per = [p.energy_flows[on] / use[:, None], p.carbon_flows[on] / use[:, None], (p.reduction_tco2e[on] / use)[:, None]]
    return all(np.allclose(x, x[:1], rtol=1e-9, atol=0.0) for x in per)


def _value_by_year(p: PlanProblem, carbon_price: float) -> np.ndarray:
    """PV of a measure's full saving in each year of ``years`` (M × years), 0 beyond the analysis."""
    out = np.zeros((p.ids.size, p.years.size))
    t = p.column(p.years)
    ok = (t >= 1) & (t <= p.analysis_years)
    flows = p.energy_flows + carbon_price * p.carbon_flows
    out[:, ok] = flows[:, t[ok]] * p.discount[t[ok]]
    return out


def _build(p: PlanProblem, *, objective: str = "npv", carbon_price: float | None = None,
           required: pd.Series | None = None, relax_budgets: str | None = None) -> tuple[_Model, _Layout]:
    """The MILP of :func:`least_cost_plan` (see its Notes); ``objective`` ``npv``, ``reduction``
    (tCO2e in the target year) or ``extra_budget`` (least Σ z_y); ``relax_budgets`` ``None``,
    ``"drop"`` (unlimited) or ``"extra"`` (z_y ≥ 0 added to each limited budget).

    On a contested source whose measures value a tonne alike (:func:`_alike`) the shares are
    aggregated: :math:`g_{j,y} = \\sum_{m \\in j} u_m f_{m,y}` with :math:`0 \\le g_{j,y} \\le
    E_{j,y}` and :math:`g_{j,y} \\le \\sum_{m \\in j} u_m a_{m,y}`: the same optimum with one
    variable per source and year instead of one per measure and year."""
    price = p.carbon_price_per_tco2 if carbon_price is None else float(carbon_price)
    required = p.required_tco2e() if required is None else required
    M, K, Y = p.ids.size, p.x_measure.size, p.years.size
    contested = _contested(p)
    groups = {j: np.flatnonzero((p.source == j) & contested) for j in p.source_caps}
    groups = {j: on for j, on in groups.items() if on.size}
    alike = {j for j, on in groups.items() if _alike(p, on)}
    f_index, g_index = {}, {}
    n = K
    for j, on in groups.items():
        for yi in range(Y):
            if j in alike:
                g_index[(j, yi)] = n
                n += 1
            else:
                for m in on:
                    f_index[(int(m), yi)] = n
                    n += 1
    limited = np.flatnonzero(np.isfinite(p.budgets)) if relax_budgets != "drop" else np.zeros(0, dtype=int)
    z_index = {}
    if relax_budgets == "extra":
        for yi in limited:
            z_index[int(yi)] = n
            n += 1
    lay = _Layout(contested, f_index, g_index, K, z_index, n)

    value = _value_by_year(p, price)                 # M × Y
    fixed_npv = p.fixed_flows @ p.discount if K else np.zeros(0)
    active = p.x_start[:, None] <= p.years[None, :]  # K × Y: x_k makes its measure save in year y
    red = p.reduction_tco2e * p.in_target
    first_of = {j: int(groups[j][0]) for j in alike}
    use = p.source_tco2e
    c = np.zeros(n)
    ub = np.ones(n)
    if objective == "npv":
        c[:K] = fixed_npv + np.where(contested[p.x_measure][:, None], 0.0, active * value[p.x_measure]).sum(axis=1)
        for (m, yi), col in f_index.items():
            c[col] = value[m, yi]
        for (j, yi), col in g_index.items():
            c[col] = value[first_of[j], yi] / use[first_of[j]]
    elif objective == "reduction":
        yi_t = int(np.flatnonzero(p.years == p.target_year)[0])
        c[:K] = np.where(contested[p.x_measure], 0.0, active[:, yi_t] * red[p.x_measure])
        for (m, yi), col in f_index.items():
            c[col] = red[m] if yi == yi_t else 0.0
        for (j, yi), col in g_index.items():
            c[col] = red[first_of[j]] / use[first_of[j]] if yi == yi_t else 0.0
    elif objective == "extra_budget":
        for col in z_index.values():
            c[col] = -1.0
    for (j, yi), col in g_index.items():
        cap = p.source_caps[j][yi]
        ub[col] = max(min(cap, float(use[groups[j]].sum())), 0.0)
    ub[[*z_index.values()]] = np.inf
    if objective == "npv":
        ub[:K] = ~_dominated(p, c[:K], contested, limited, np.array([int(y) for y in required.index]))
    binary = np.zeros(n, dtype=bool)
    binary[:K] = True
    model = _Model(c, ub, binary)

    by_measure = [np.flatnonzero(p.x_measure == m) for m in range(M)]
    for m in range(M):                                   # one start year at most
        if by_measure[m].size > 1:
            model.add(by_measure[m], np.ones(by_measure[m].size), hi=1.0)
    for g in {g for g in p.exclusive_group if g is not None}:   # one measure of a group at most
        cols = np.flatnonzero(np.isin(p.x_measure, np.flatnonzero(p.exclusive_group == g)))
        if cols.size > 1:
            model.add(cols, np.ones(cols.size), hi=1.0)
    for (m, yi), col in f_index.items():                 # f ≤ Σ_{s ≤ y} x[m, s]
        ks = by_measure[m][active[by_measure[m], yi]]
        model.add([col, *ks], [1.0, *(-np.ones(ks.size))], hi=0.0)
    for (j, yi), col in g_index.items():                 # g ≤ Σ_m u_m Σ_{s ≤ y} x[m, s]
        ks = np.concatenate([by_measure[m][active[by_measure[m], yi]] for m in groups[j]])
        model.add([col, *ks], [1.0, *(-use[p.x_measure[ks]])], hi=0.0)
    for j, cap in p.source_caps.items():                 # Σ use·f ≤ source, every year
        ms = groups.get(j, np.zeros(0, dtype=int))
        if ms.size and j not in alike:
            for yi in range(Y):
                if np.isfinite(cap[yi]):
                    model.add([f_index[(int(m), yi)] for m in ms], use[ms], hi=max(cap[yi], 0.0))
    for yi in limited:                                   # Σ investment ≤ budget (+ z)
        ks = np.flatnonzero(p.spend[:, yi] != 0)
        if yi in z_index:
            model.add([*ks, z_index[yi]], [*p.spend[ks, yi], -1.0], hi=p.budgets[yi])
        elif ks.size:
            model.add(ks, p.spend[ks, yi], hi=p.budgets[yi], exact=True)
    f_measures = sorted({m for m, _yi in f_index})
    for year, need in required.items():                  # Σ reduction ≥ BAU − target
        yi = int(np.flatnonzero(p.years == year)[0])
        ks = np.flatnonzero(~contested[p.x_measure] & active[:, yi])
        cols = [*ks, *(f_index[(m, yi)] for m in f_measures), *(g_index[(j, yi)] for j in sorted(alike))]
        vals = [*red[p.x_measure[ks]], *red[f_measures],
                *(red[first_of[j]] / use[first_of[j]] for j in sorted(alike))]
        model.add(cols, vals, lo=float(need))
    return model, lay


def _dominated(p: PlanProblem, value: np.ndarray, contested: np.ndarray, limited: np.ndarray,
               target_years: np.ndarray) -> np.ndarray:
    """Start years no optimal plan needs: x[m, s] is dropped (fixed at 0) when another start s' of
    the same (uncontested) measure is worth at least as much, spends no more in any year with a
    budget, and saves in every year the target constrains in which s saves (s' ≤ y whenever
    s ≤ y). Swapping s for s' in any plan keeps it feasible and does not lower its NPV; ties keep
    the earliest start."""
    out = np.zeros(p.x_measure.size, dtype=bool)
    spend = p.spend[:, limited] if limited.size else np.zeros((p.x_measure.size, 0))
    for m in np.flatnonzero(~contested):
        ks = np.flatnonzero(p.x_measure == m)
        for k in ks:
            s = p.x_start[k]
            for k2 in ks:
                s2 = p.x_start[k2]
                if k2 == k or out[k2]:
                    continue
                better = value[k2] > value[k] or (value[k2] == value[k] and s2 < s)
                if (better and np.all(spend[k2] <= spend[k])
                        and not np.any((s <= target_years) & (target_years < s2))):
                    out[k] = True
                    break
    return out


def _shares(p: PlanProblem, lay: _Layout, v: np.ndarray) -> np.ndarray:
    """The share f[m, y] of each measure's claimed saving that counts (M × years), from a solution:
    f = active for uncontested measures; the solver's f, clipped to [0, active], for contested
    ones (on a source valued alike: g split in proportion to the active measures' claims); then
    scaled so no source is exceeded."""
    x = v[:lay.n_x] > 0.5
    active = np.zeros((p.ids.size, p.years.size))
    for k in np.flatnonzero(x):
        active[p.x_measure[k]] = np.maximum(active[p.x_measure[k]], p.years >= p.x_start[k])
    f = active.copy()
    for (m, yi), col in lay.f_index.items():
        f[m, yi] = min(max(v[col], 0.0), active[m, yi])
    for (j, yi), col in lay.g_index.items():
        on = np.flatnonzero((p.source == j) & lay.contested)
        claimed = float(p.source_tco2e[on] @ active[on, yi])
        f[on, yi] = active[on, yi] * (min(max(v[col], 0.0) / claimed, 1.0) if claimed > 0 else 0.0)
    for j, cap in p.source_caps.items():
        on = np.flatnonzero((p.source == j) & lay.contested)
        if on.size:
            used = p.source_tco2e[on] @ f[on]
            with np.errstate(divide="ignore", invalid="ignore"):
                scale = np.where(used > cap, cap / used, 1.0)
            f[on] *= scale
    return f


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class PlanResult:
    """The least-cost plan (or why there is none).

    Attributes
    ----------
    status : str
        ``optimal`` (proven), ``time_limit`` (the solver stopped at ``time_limit_s``; the plan,
        if any, is the best found), ``infeasible`` (no plan meets the target within the budgets).
    chosen : DataFrame
        One row per chosen measure: ``id, start_year, capex`` (initial investment at that year's
        prices), ``npv`` (its contribution), ``reduction_target_year_tco2e``, ``share_target_year``
        (share of its claimed saving that counts in the target year, < 1 when its source is
        shared and capped).
    npv : float
        The plan's NPV at the discount rate, carbon price counted (NaN without a plan).
    emissions : DataFrame
        By year: ``bau_tco2e, reduction_tco2e, with_plan_tco2e, target_tco2e, gap_tco2e``.
    wedges : DataFrame
        By year, one column per chosen measure id: its counted reduction [tCO2e].
    investment : DataFrame
        By year: ``investment`` (initial + replacements), ``budget`` (NaN = unlimited).
    cashflows : ndarray
        The plan's summed flows, t = 0..N (t = 0 at the start of ``first_year``).
    shortfall : dict or None
        When infeasible: ``required_tco2e`` (target year), ``best_reduction_tco2e`` (the most any
        plan within the budgets reaches in the target year), ``best_reduction_pct`` (of the base
        year), ``shortfall_tco2e``, ``shortfall_pct`` (of the base year), ``best_status``.
    budget_needed : DataFrame or None
        When infeasible with budgets: by limited year ``budget, extra, needed`` (budget + extra):
        the least total extra money (Σ extra, undiscounted) that makes a plan possible; None when
        the target is out of reach even without a budget (or no budget binds).
    """

    status: str
    chosen: pd.DataFrame
    npv: float
    emissions: pd.DataFrame
    wedges: pd.DataFrame
    investment: pd.DataFrame
    cashflows: np.ndarray
    first_year: int
    carbon_price_per_tco2: float
    solve_time_s: float
    time_limit_s: float
    message: str = ""
    shortfall: dict | None = None
    budget_needed: pd.DataFrame | None = None
    #: PV of the plan's carbon value per unit of carbon price (dNPV/dP)
    carbon_pv_per_price: float = np.nan

    @property
    def feasible(self) -> bool:
        return self.status == "optimal" or (self.status == "time_limit" and len(self.cashflows) > 0
                                            and np.isfinite(self.npv))

    @property
    def total_investment(self) -> float:
        """Σ_y investment_y over the path's years [currency]: initial investments and the
        replacements of measures whose life ends within the path (NaN without a plan)."""
        inv = self.investment["investment"]
        return float(inv.sum()) if inv.notna().any() else np.nan

    def reduction_in_tco2e(self, year: int) -> float:
        """The plan's counted cut in ``year`` [tCO2e] (NaN without a plan or outside the path)."""
        e = self.emissions
        return float(e.at[year, "reduction_tco2e"]) if year in e.index else np.nan


def _empty_result(p: PlanProblem, status: str, price: float, t: float, limit: float, message: str) -> PlanResult:
    idx = pd.Index(p.years, name="year")
    emissions = pd.DataFrame({"bau_tco2e": p.bau_tco2e, "reduction_tco2e": np.nan, "with_plan_tco2e": np.nan,
                              "target_tco2e": p.target_tco2e, "gap_tco2e": np.nan}, index=idx)
    return PlanResult(status, pd.DataFrame(columns=["id", "start_year", "capex", "npv",
                                                    "reduction_target_year_tco2e", "share_target_year"]),
                      np.nan, emissions, pd.DataFrame(index=idx),
                      pd.DataFrame({"investment": np.nan, "budget": p.budgets}, index=idx),
                      np.zeros(0), p.first_year, price, t, limit, message)


def _plan_flows(p: PlanProblem, lay: _Layout, v: np.ndarray, price: float) -> tuple:
    """The chosen x variables of a solution ``v``, the shares f, the plan's yearly cash flows,
    each chosen variable's NPV contribution and the PV of its carbon tonnes per unit of price.

    Notes
    -----
    flows = Σ_chosen fixed flows + Σ_chosen (energy + price × carbon flows per unit) × f, the
    NPV is flows · discount (:func:`_result`, and the cost of ambition without the result's tables).
    """
    K = lay.n_x
    x = np.flatnonzero(v[:K] > 0.5)
    f = _shares(p, lay, v)
    t_cols = p.column(p.years)
    in_flows = (t_cols >= 1) & (t_cols <= p.analysis_years)
    per_unit = p.energy_flows + price * p.carbon_flows                  # M × (N + 1)
    flows = p.fixed_flows[x].sum(axis=0) if x.size else np.zeros(p.analysis_years + 1)
    contrib = {}
    carbon_pv = 0.0
    for k in x:
        m = p.x_measure[k]
        saved = np.zeros(p.analysis_years + 1)
        saved[t_cols[in_flows]] = per_unit[m, t_cols[in_flows]] * f[m, in_flows]
        flows = flows + saved
        contrib[k] = float((p.fixed_flows[k] + saved) @ p.discount)
        carbon_pv += float((p.carbon_flows[m, t_cols[in_flows]] * f[m, in_flows]) @ p.discount[t_cols[in_flows]])
    return x, f, flows, contrib, carbon_pv


def _result(p: PlanProblem, lay: _Layout, v: np.ndarray, status: str, price: float, t: float, limit: float,
            message: str) -> PlanResult:
    x, f, flows, contrib, carbon_pv = _plan_flows(p, lay, v, price)
    idx = pd.Index(p.years, name="year")
    red = p.reduction_tco2e * p.in_target
    wedges = pd.DataFrame({p.ids[p.x_measure[k]]: red[p.x_measure[k]] * f[p.x_measure[k]] for k in x}, index=idx)
    reduction = wedges.sum(axis=1) if len(wedges.columns) else pd.Series(0.0, index=idx)
    with_plan = p.bau_tco2e - reduction.to_numpy()
    emissions = pd.DataFrame({"bau_tco2e": p.bau_tco2e, "reduction_tco2e": reduction.to_numpy(),
                              "with_plan_tco2e": with_plan, "target_tco2e": p.target_tco2e,
                              "gap_tco2e": with_plan - p.target_tco2e}, index=idx)
    yi_t = np.flatnonzero(p.years == p.target_year) if p.target_year is not None else np.zeros(0, dtype=int)
    chosen = pd.DataFrame({
        "id": [p.ids[p.x_measure[k]] for k in x], "start_year": [int(p.x_start[k]) for k in x],
        "capex": [float(p.spend[k, p.x_start[k] - p.first_year]) if p.x_start[k] - p.first_year < p.spend.shape[1]
                  else np.nan for k in x],
        "npv": [contrib[k] for k in x],
        "reduction_target_year_tco2e": [float(red[p.x_measure[k]] * f[p.x_measure[k], yi_t[0]]) if yi_t.size
                                        else np.nan for k in x],
        "share_target_year": [float(f[p.x_measure[k], yi_t[0]]) if yi_t.size else np.nan for k in x]})
    chosen = chosen.sort_values(["start_year", "id"], kind="stable").reset_index(drop=True)
    investment = pd.DataFrame({"investment": p.spend[x].sum(axis=0) if x.size else np.zeros(p.years.size),
                               "budget": p.budgets}, index=idx)
    return PlanResult(status, chosen, float(flows @ p.discount), emissions, wedges, investment, flows,
                      p.first_year, price, t, limit, message, carbon_pv_per_price=carbon_pv)


def _reduction_in_target_year(p: PlanProblem, lay: _Layout, v: np.ndarray) -> float:
    yi = int(np.flatnonzero(p.years == p.target_year)[0])
    return float((p.reduction_tco2e * p.in_target) @ _shares(p, lay, v)[:, yi])


def max_reduction(problem: PlanProblem, *, relax_budgets: bool = False,
                  time_limit_s: float = PLAN_TIME_LIMIT_S) -> tuple[float, str]:
    """The most the candidates can cut in the target year [tCO2e] (within the budgets unless
    ``relax_budgets``), and the solver status.

    Notes
    -----
    The plan's MILP with the objective :math:`\\max \\sum_m red_m f_{m,Y}` and no target row.
    """
    if problem.target_year is None:
        raise ValueError("max_reduction needs a target year")
    p = replace(problem, target_year=problem.target_year)
    model, lay = _build(p, objective="reduction", required=pd.Series(dtype=float),
                        relax_budgets="drop" if relax_budgets else None)
    v, status, _info = _solve_model(model, time_limit_s)
    if v is None:
        return np.nan, status
    return _reduction_in_target_year(p, lay, v), status


def _build_and_solve(p: PlanProblem, price: float, required: pd.Series | None, time_limit_s: float):
    """The least-cost plan's MILP (:func:`_build`) at the carbon ``price`` for the ``required``
    reductions, solved: ``(layout, solution or None, status, solver info)``."""
    model, lay = _build(p, carbon_price=price, required=required)
    v, status, info = _solve_model(model, time_limit_s)
    return lay, v, status, info


def least_cost_plan(problem: PlanProblem, *, carbon_price_per_tco2: float | None = None,
                    required_tco2e: pd.Series | None = None, diagnose: bool = True,
                    time_limit_s: float = PLAN_TIME_LIMIT_S) -> PlanResult:
    """The plan with the largest NPV that meets the target within the yearly budgets.

    Parameters
    ----------
    problem : PlanProblem
        From :func:`plan_problem`.
    carbon_price_per_tco2 : float, optional
        Overrides the problem's carbon price [money/tCO2e].
    required_tco2e : Series, optional
        Overrides the reduction required by year (default :meth:`PlanProblem.required_tco2e`).
    diagnose : bool
        When infeasible, also compute the shortfall and the budget needed (two more solves).
    time_limit_s : float
        Safety net per solve [s]; a stopped solve has status ``time_limit``.

    Returns
    -------
    PlanResult

    Notes
    -----
    Variables: :math:`x_{m,s} \\in \\{0,1\\}` ("measure m starts in year s", s in its window
    [earliest, latest] ∩ [first year, target year]) and, for measures on a source whose cap can
    bind, :math:`f_{m,y} \\in [0, 1]`: the share of m's claimed saving that counts in year y.
    For other measures :math:`f_{m,y} = a_{m,y} = \\sum_{s \\le y} x_{m,s}` (saving from the
    start year on, replaced at the end of each life).

    .. math::

        \\max \\; \\sum_{m,s} x_{m,s}\\, NPV^{fix}_{m,s} + \\sum_{m,y} f_{m,y}\\, PV_{m,y}

    with :math:`NPV^{fix}_{m,s}` the NPV of the flows that do not scale with the saving (capex at
    s, replacements, salvage, operating cost, other income, the tax saved by depreciation) and
    :math:`PV_{m,y} = (S_m g_E(t) + P_{CO_2} R_m g_\\pi(t))(1 - \\tau)(1 + r)^{-t}`, t = y −
    first year + 1, the present value of the full saving in year y (energy money with
    escalation, carbon value with inflation, after tax), subject to

    - one start at most: :math:`\\sum_s x_{m,s} \\le 1`;
    - exclusive alternatives: :math:`\\sum_{m \\in g} \\sum_s x_{m,s} \\le 1` for each group g;
    - a measure saves only when done: :math:`f_{m,y} \\le a_{m,y}`;
    - the source cap: :math:`\\sum_{m \\in j} u_m f_{m,y} \\le E_{j,y}` for each source j and year
      (u: the tCO2e the measure takes from the source, E: the source's emissions);
    - the budget: :math:`\\sum_{m,s} I_{m,s,y} x_{m,s} \\le B_y` for each year with a budget, I
      the investment in year y (the initial one in s, the replacements when a life ends, at that
      year's prices);
    - the target: :math:`\\sum_m R_m f_{m,y} \\ge BAU_y - T_y` in the target year (or every year
      of the path up to it), R the net reduction on the target's scopes.

    When several measures share a capped source the solver chooses how the source's saving is
    split among them (the split worth most); :func:`calc.portfolio.apply_to_inventory` instead
    gives it in sheet order, so the two NPVs differ only when such measures value a tonne
    differently.

    When no plan exists: the shortfall is ``required − max_reduction`` (the most a plan within the
    budgets cuts in the target year, :func:`max_reduction`), and the budget needed is the solution
    of the same MILP with each limited budget raised by :math:`z_y \\ge 0` and the objective
    :math:`\\min \\sum_y z_y` (the least extra money, undiscounted, that makes a plan possible).
    """
    p = problem
    price = p.carbon_price_per_tco2 if carbon_price_per_tco2 is None else float(carbon_price_per_tco2)
    t0 = time.perf_counter()
    lay, v, status, info = _build_and_solve(p, price, required_tco2e, time_limit_s)
    elapsed = time.perf_counter() - t0
    if v is None:
        out = _empty_result(p, status, price, elapsed, time_limit_s, info["message"])
        if status == "infeasible" and diagnose and p.target_year is not None:
            out = replace(out, shortfall=_shortfall(p, required_tco2e, time_limit_s),
                          budget_needed=_budget_needed(p, required_tco2e, time_limit_s))
        return out
    return _result(p, lay, v, status, price, elapsed, time_limit_s, info["message"])


def evaluate_plan(problem: PlanProblem, starts: dict, *, carbon_price_per_tco2: float | None = None) -> PlanResult:
    """A given plan (e.g. the user's own selection) valued by the least-cost plan's objective.

    Parameters
    ----------
    problem : PlanProblem
        From :func:`plan_problem`; each start year given must be one of its measure's allowed
        start years (pin the windows: ``earliest_start = latest_start`` = the year).
    starts : dict
        Candidate position (0..M−1) → calendar start year.

    Returns
    -------
    PlanResult
        Status ``given`` (no solve; the budgets and the target are not imposed, compare
        ``investment`` and ``emissions`` with them), or ``invalid`` when a start year is not
        allowed.

    Notes
    -----
    The same NPV, emissions and investment formulas as :func:`least_cost_plan`'s result: the
    x variables of the given starts set to 1; on a capped source shared by several chosen
    measures each one's share is scaled so the source is not exceeded (in proportion to their
    claims, where the solver would give the source to the measure worth most).
    """
    p = problem
    price = p.carbon_price_per_tco2 if carbon_price_per_tco2 is None else float(carbon_price_per_tco2)
    model, lay = _build(p, carbon_price=price, required=pd.Series(dtype=float), relax_budgets="drop")
    v = np.zeros(lay.n)
    for m, year in starts.items():
        k = np.flatnonzero((p.x_measure == int(m)) & (p.x_start == int(year)))
        if not k.size:
            return _empty_result(p, "invalid", price, 0.0, 0.0, f"start {year} not allowed for {p.ids[int(m)]}")
        v[k[0]] = 1.0
    active = np.zeros((p.ids.size, p.years.size))
    for k in np.flatnonzero(v[:lay.n_x] > 0.5):
        active[p.x_measure[k]] = p.years >= p.x_start[k]
    for (m, yi), col in lay.f_index.items():
        v[col] = active[m, yi]
    for (j, yi), col in lay.g_index.items():
        on = np.flatnonzero((p.source == j) & lay.contested)
        v[col] = min(float(p.source_tco2e[on] @ active[on, yi]), float(p.source_caps[j][yi]))
    return _result(p, lay, v, "given", price, 0.0, 0.0, "")


def _shortfall(p: PlanProblem, required: pd.Series | None, limit: float) -> dict:
    need_all = p.required_tco2e() if required is None else required
    need = float(need_all.get(p.target_year, np.nan))
    best, status = max_reduction(p, time_limit_s=limit)
    base = p.base_tco2e
    pct = (lambda a: 100.0 * a / base if base and np.isfinite(base) else np.nan)
    return {"required_tco2e": need, "best_reduction_tco2e": best, "best_reduction_pct": pct(best),
            "shortfall_tco2e": max(need - best, 0.0) if np.isfinite(need) and np.isfinite(best) else np.nan,
            "shortfall_pct": pct(max(need - best, 0.0)) if np.isfinite(need) and np.isfinite(best) else np.nan,
            "best_status": status}


def _budget_needed(p: PlanProblem, required: pd.Series | None, limit: float) -> pd.DataFrame | None:
    if not np.isfinite(p.budgets).any():
        return None
    model, lay = _build(p, objective="extra_budget", required=required, relax_budgets="extra")
    v, status, _info = _solve_model(model, limit)
    if v is None:
        return None
    rows = [{"year": int(p.years[yi]), "budget": float(p.budgets[yi]), "extra": max(float(v[col]), 0.0)}
            for yi, col in sorted(lay.z_index.items())]
    out = pd.DataFrame(rows).set_index("year")
    out["needed"] = out["budget"] + out["extra"]
    return out


# --------------------------------------------------------------------------- cost of ambition
def cost_of_ambition(problem: PlanProblem, *, points: int = 15, marks: dict | None = None,
                     time_limit_s: float = PLAN_TIME_LIMIT_S) -> dict:
    """The least cost (largest NPV) of each reduction level in the target year.

    Parameters
    ----------
    problem : PlanProblem
        With a target year and ``base_tco2e``.
    points : int
        Levels on the curve, evenly from 0 % to the most the candidates allow (within budgets).
    marks : dict, optional
        Name → level [% below base-year emissions] to solve too (e.g. the target, the SBTi
        well-below-2 °C and 1.5 °C levels).

    Returns
    -------
    dict
        ``curve`` and ``marks``: DataFrames with ``level_pct`` (% below the base year),
        ``required_tco2e``, ``npv`` (NaN where no plan reaches the level), ``cost`` (= −NPV, the
        net present cost), ``status``, ``measures`` (how many are chosen); ``max_level_pct`` and
        ``max_reduction_tco2e``.

    Notes
    -----
    Level L means emissions in the target year at most :math:`E_0 (1 - L/100)`, i.e. the target
    row of :func:`least_cost_plan` with :math:`required = BAU_Y - E_0 (1 - L/100)` (the target
    year only). The top level is :math:`L_{max} = 100 (E_0 - BAU_Y + R_{max}) / E_0` with
    :math:`R_{max}` from :func:`max_reduction`; it is solved a hair below (1e-9 of E0) so the
    solver's tolerance does not turn the attainable maximum into "infeasible". Each point is one
    MILP solve: NPV is non-increasing in L.
    """
    p = problem
    if p.target_year is None or not np.isfinite(p.base_tco2e) or p.base_tco2e <= 0:
        empty = pd.DataFrame(columns=["level_pct", "required_tco2e", "npv", "cost", "status", "measures"])
        return {"curve": empty, "marks": empty.copy(), "max_level_pct": np.nan, "max_reduction_tco2e": np.nan}
    best, _status = max_reduction(p, time_limit_s=time_limit_s)
    yi = int(np.flatnonzero(p.years == p.target_year)[0])
    bau_y = float(p.bau_tco2e[yi])
    e0 = p.base_tco2e
    top = 100.0 * (e0 - bau_y + best) / e0 if np.isfinite(best) else np.nan

    def solve(level: float, name=None) -> dict:
        # least_cost_plan(p, required_tco2e=..., diagnose=False) without its result's tables: only
        # its NPV, status and number of measures are kept
        need = bau_y - e0 * (1.0 - level / 100.0)
        lay, v, status, _info = _build_and_solve(p, p.carbon_price_per_tco2, pd.Series({p.target_year: need}),
                                                 time_limit_s)
        if v is None:
            npv, count = np.nan, 0
        else:
            x, _f, flows, _contrib, _carbon = _plan_flows(p, lay, v, p.carbon_price_per_tco2)
            npv, count = float(flows @ p.discount), len(x)
        row = {"level_pct": level, "required_tco2e": need, "npv": npv, "cost": -npv,
               "status": status, "measures": count}
        return row if name is None else {"mark": name, **row}

    levels = np.linspace(0.0, top, max(int(points), 2)) if np.isfinite(top) and top > 0 else np.zeros(0)
    if levels.size:
        levels[-1] = top - 1e-7  # a hair below the maximum (1e-9 of E0)
    curve = pd.DataFrame([solve(float(L)) for L in levels],
                         columns=["level_pct", "required_tco2e", "npv", "cost", "status", "measures"])
    mark_rows = [solve(float(L), name) for name, L in (marks or {}).items() if L is not None and np.isfinite(L)]
    mark_frame = pd.DataFrame(mark_rows, columns=["mark", "level_pct", "required_tco2e", "npv", "cost", "status",
                                                  "measures"])
    return {"curve": curve, "marks": mark_frame, "max_level_pct": top, "max_reduction_tco2e": best}


def break_even_carbon_price(problem: PlanProblem, *, max_iterations: int = 30,
                            time_limit_s: float = PLAN_TIME_LIMIT_S) -> dict:
    """The lowest carbon price at which the least-cost plan to the target has NPV ≥ 0.

    Returns
    -------
    dict
        ``carbon_price_per_tco2`` (0 when the plan pays without a carbon price, ``inf`` when no
        price makes it pay, NaN when no plan meets the target), ``status`` (``pays_already``,
        ``found``, ``never``, ``infeasible``, ``time_limit``), ``iterations``, ``npv_at_zero``.

    Notes
    -----
    The best NPV at price P is :math:`V(P) = \\max_{plan} (A_{plan} + P\\,K_{plan})` with A the
    NPV without a carbon price and K ≥ 0 the PV of the plan's carbon tonnes (after tax,
    inflated): a maximum of lines, so convex and non-decreasing in P. Parametric re-solving
    (Dinkelbach): solve at P = 0; if V(0) < 0, take the optimal plan's line and move to its root
    :math:`P_1 = -A/K`; re-solve there; repeat from :math:`P_{k+1} = -A_k/K_k` until the plan at
    :math:`P_k` has NPV 0 at :math:`P_k` (to 1e-9 of its investment). Each root lies on or above
    the break-even price, the sequence decreases to it, and it ends after finitely many plans.
    """
    p = problem

    def at(price):
        res = least_cost_plan(p, carbon_price_per_tco2=price, diagnose=False, time_limit_s=time_limit_s)
        if not res.feasible:
            return res, np.nan, np.nan
        k = res.carbon_pv_per_price
        return res, res.npv - price * k, k

    res, a, kk = at(0.0)
    if res.status == "infeasible" or not res.feasible:
        return {"carbon_price_per_tco2": np.nan, "status": res.status, "iterations": 1, "npv_at_zero": np.nan}
    npv0 = res.npv
    if npv0 >= 0:
        return {"carbon_price_per_tco2": 0.0, "status": "pays_already", "iterations": 1, "npv_at_zero": npv0}
    upper, it = np.inf, 1
    while it < max_iterations:
        if not kk > 0:   # the best plan earns nothing from carbon and loses money
            return {"carbon_price_per_tco2": np.inf, "status": "never", "iterations": it, "npv_at_zero": npv0}
        nxt = -a / kk    # the root of the current plan's line: on or above the break-even price
        if nxt >= upper * (1 - 1e-12):
            break
        upper = nxt
        res, a, kk = at(upper)
        it += 1
        if not res.feasible:
            return {"carbon_price_per_tco2": np.nan, "status": res.status, "iterations": it, "npv_at_zero": npv0}
        if res.npv <= 1e-9 * max(float(res.investment["investment"].sum()), 1.0):
            break        # the plan optimal at this price just pays for itself: the break-even
    price = upper
    return {"carbon_price_per_tco2": price, "status": "found", "iterations": it, "npv_at_zero": npv0}

