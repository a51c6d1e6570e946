"""The least-cost plan of a scenario: from the analysed measures, the main target, the Finance
settings and the Budgets sheet to :class:`results.model.PlanResults` (the kernel is
:mod:`calc.plan`).

The candidates are the measures with status ``ok`` as claimed (before the sequential cap of
:func:`calc.portfolio.apply_to_inventory`: the plan decides itself which measures share a source):

- each measure's saving is first capped by its own matched inventory rows (what it could save
  alone, as the portfolio would cap it);
- measures whose matched rows overlap form one shared source (the union of their rows), whose
  emissions cap what they save together every year;
- a measure counts toward the target when its rows' scope is one of the target's scopes (or is
  mixed), as in :func:`calc.portfolio.emissions_by_year`;
- t = 0 of the cash flows is the start of the year after the base year (``first_year``), for the
  plan and for the user's own selection alike (:func:`calc.plan.evaluate_plan`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from calc import plan as kernel
from calc.portfolio import matched_rows
from calc.targets import SBTI_1_5C_PCT_PER_YEAR, SBTI_WB2C_PCT_PER_YEAR, TARGET_SCOPES
from results.lazy import ComputedOnFirstUse
from workbook.validate import validate_plan_inputs

__all__ = ["PlanResults", "plan_results", "candidates_frame", "yearly_budgets", "PLAN_SOLVE_LIMIT_S", "AMBITION_POINTS"]

#: Safety net of each solve made while analysing a scenario [s] (the page must stay responsive).
PLAN_SOLVE_LIMIT_S = 2.0
#: Levels on the cost-of-ambition curve (each one solve).
AMBITION_POINTS = 9


@dataclass(frozen=True)
class PlanResults(ComputedOnFirstUse):
    """The least-cost plan to the target (:mod:`calc.plan`), the user's own selection valued the
    same way, the cost of ambition and the break-even carbon price (:func:`results.plan.plan_results`).

    Set up (the candidates, the user's selection valued without a solve) when
    :attr:`results.model.ScenarioResults.plan` is first asked for; the plans (target year, every
    year), the cost of ambition and the break-even prices (solves) the first time they are asked
    for, then kept with these results (each computed once per results object: the app's
    :func:`ui.cache.plan` computes them once per scenario content).

    Attributes
    ----------
    candidates : DataFrame
        The kernel's candidates (:func:`calc.plan.plan_problem`), one per measure with status
        ``ok``: ``id, name, row`` (position in the Measures sheet), ``capex, energy_cost_saving,
        opex_change, other_income, lifetime_years, reduction_tco2e, source_tco2e, source``
        (shared-source label, None when the measure is alone on its rows), ``source_cap_tco2e``,
        ``exclusive_group, earliest_start, latest_start, in_target, own_start`` (the start year
        of the user's selection, in the plan's years).
    problem : calc.plan.PlanProblem
        The plan's data (target year only; the every-year plan is the same with ``every_year``).
    own : PlanResult
        The user's selection (every candidate at its own start year) valued by the plan's
        objective (status ``given``): the same NPV, emissions and investment formulas.
    levels_pct : dict
        ``target``, ``wb2c``, ``1.5c`` → reduction level in the target year [% below the base year].
    budgets : Series
        By plan year: the investment budget (NaN = unlimited).
    problems : tuple
        Located problems of the plan's inputs (:func:`workbook.validate.validate_plan_inputs`).
    """

    candidates: pd.DataFrame
    problem: object
    first_year: int
    target_year: int
    last_start_year: int
    base_year: int
    base_tco2e: float
    discount_rate_pct: float
    carbon_price_per_tco2: float
    budgets: pd.Series
    own: object
    levels_pct: dict
    time_limit_s: float
    problems: tuple = ()
    #: levels on the cost-of-ambition curve (one solve each)
    ambition_points: int = 9
    #: computed on first use: ``plan.target_year``, ``plan.every_year``, ``ambition``,
    #: ``break_even.<mode>``; never part of the comparison of two results
    computed: dict = field(default_factory=dict, compare=False, repr=False)

    def plan(self, every_year: bool = False):
        """The least-cost plan of a mode (:class:`calc.plan.PlanResult`): the target met in the
        target year only, or in every year of the path up to it."""
        from dataclasses import replace

        from calc.plan import least_cost_plan
        key = "plan.every_year" if every_year else "plan.target_year"
        return self._once(key, lambda: least_cost_plan(replace(self.problem, every_year=bool(every_year)),
                                                       time_limit_s=self.time_limit_s))

    @property
    def ambition(self) -> dict:
        """:func:`calc.plan.cost_of_ambition` (target-year levels within the budgets) with the marks
        ``target``, ``wb2c``, ``1.5c`` and ``status`` (``ok``, or ``skipped`` when the target-year
        plan stopped at the time limit)."""
        from calc.plan import cost_of_ambition

        def make():
            if self.plan().status == "time_limit":
                empty = pd.DataFrame(columns=["level_pct", "required_tco2e", "npv", "cost", "status", "measures"])
                return {"curve": empty, "marks": empty.assign(mark=[]), "max_level_pct": np.nan,
                        "max_reduction_tco2e": np.nan, "status": "skipped"}
            out = cost_of_ambition(self.problem, points=self.ambition_points, marks=self.levels_pct,
                                   time_limit_s=self.time_limit_s)
            if "mark" not in out["marks"]:  # no level to draw (e.g. no base-year emissions)
                out["marks"] = out["marks"].assign(mark=pd.Series(dtype=object))
            return {**out, "status": "ok"}
        return self._once("ambition", make)

    def break_even(self, every_year: bool = False) -> dict:
        """:func:`calc.plan.break_even_carbon_price` of a mode (``status`` ``skipped`` when its
        plan stopped at the time limit)."""
        from dataclasses import replace

        from calc.plan import break_even_carbon_price

        def make():
            if self.plan(every_year).status == "time_limit":
                return {"carbon_price_per_tco2": np.nan, "status": "skipped", "iterations": 0, "npv_at_zero": np.nan}
            return break_even_carbon_price(replace(self.problem, every_year=bool(every_year)),
                                           time_limit_s=self.time_limit_s)
        return self._once("break_even." + ("every_year" if every_year else "target_year"), make)

    def required_tco2e(self, every_year: bool = False) -> pd.Series:
        """The reduction the target asks for, by constrained year [tCO2e]."""
        e = self.own.emissions
        need = e["bau_tco2e"] - e["target_tco2e"]
        years = e.index[(e.index <= self.target_year) if every_year else (e.index == self.target_year)]
        return need.loc[years].dropna()

    def own_meets_target(self, every_year: bool = False) -> bool:
        """True when the user's selection cuts what the target asks for (each constrained year)."""
        need = self.required_tco2e(every_year)
        got = self.own.emissions["reduction_tco2e"].reindex(need.index)
        return bool(len(need)) and bool((got >= need - 1e-9 * max(self.base_tco2e, 1.0)).all())

    def own_within_budget(self) -> bool:
        """True when the user's selection spends no more than the budget in every year with one."""
        inv = self.own.investment
        limited = inv["budget"].notna()
        return bool((inv.loc[limited, "investment"] <= inv.loc[limited, "budget"] * (1 + 1e-12)).all())

    def cumulative_cashflow(self, every_year: bool = False) -> pd.DataFrame:
        """By year (t = 0, the start of ``first_year``, shown as year ``first_year − 1``): the
        plan's and the user's selection's cumulative undiscounted cash flow (NaN without a plan)."""
        plan, own = self.plan(every_year), self.own
        n = max(len(plan.cashflows), len(own.cashflows))
        years = [self.first_year - 1 + t for t in range(n)]

        def cum(flows):
            out = np.full(n, np.nan)
            if len(flows):
                out[:len(flows)] = np.cumsum(flows)
            return out

        return pd.DataFrame({"plan": cum(plan.cashflows), "own": cum(own.cashflows)},
                            index=pd.Index(years, name="year"))



def _col(frame: pd.DataFrame, key: str) -> pd.Series:
    """A column of the Measures sheet, blank when an older table has no such column."""
    return frame[key] if key in frame else pd.Series(np.nan, index=frame.index, dtype=object)


def yearly_budgets(budgets: pd.DataFrame | None) -> dict:
    """Budgets sheet → {year: budget}: rows of one year added, blank = unlimited (NaN), a negative
    budget taken as 0, rows without a year ignored."""
    if budgets is None or budgets.empty:
        return {}
    years = pd.to_numeric(budgets["year"], errors="coerce")
    amounts = pd.to_numeric(budgets["budget"], errors="coerce").clip(lower=0.0)
    frame = pd.DataFrame({"year": years, "budget": amounts}).dropna(subset=["year"])
    out = {}
    for year, group in frame.groupby("year"):
        vals = group["budget"].dropna()
        out[int(year)] = float(vals.sum()) if len(vals) else np.nan
    return out


def candidates_frame(measures: pd.DataFrame, claimed: pd.DataFrame, applied: pd.DataFrame,
                     inventory_rows: pd.DataFrame, target_scope: str | None, base_year: int) -> pd.DataFrame:
    """The kernel's candidates from the measures with status ``ok`` (see the module notes)."""
    ok = np.flatnonzero((claimed["status"] == "ok").to_numpy())
    rows = inventory_rows.reset_index(drop=True)
    row_t = pd.to_numeric(rows["tco2e"], errors="coerce").fillna(0.0).to_numpy(float)
    matches = matched_rows(claimed.iloc[ok], rows)
    c = claimed.iloc[ok].reset_index(drop=True)
    sheet = measures.reset_index(drop=True).iloc[ok].reset_index(drop=True)
    use = (pd.to_numeric(c["reduction_tco2e"], errors="coerce").fillna(0.0)
           + pd.to_numeric(c["switch_tco2e"], errors="coerce").fillna(0.0)).to_numpy(float)
    own_cap = np.array([row_t[m].sum() if len(m) else np.nan for m in matches])
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(np.isfinite(own_cap) & (use > own_cap), own_cap / use, 1.0)
    # overlapping matched rows → one shared source (union-find over the measures)
    parent = list(range(len(c)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for i, m in enumerate(matches):
        for r in m.tolist():
            if r in owner:
                parent[find(i)] = find(owner[r])
            else:
                owner[r] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(c)):
        if len(matches[i]):
            groups.setdefault(find(i), []).append(i)
    source = np.array([None] * len(c), dtype=object)
    cap = np.full(len(c), np.nan)
    for n, members in enumerate(sorted(groups.values())):
        union = np.unique(np.concatenate([matches[i] for i in members]))
        for i in members:
            cap[i] = row_t[union].sum()
            if len(members) > 1:
                source[i] = f"S{n + 1}"
    scopes = TARGET_SCOPES.get(str(target_scope), None) if target_scope is not None else None
    scope = applied["scope"].iloc[ok].tolist()
    in_target = [bool(len(matches[i])) and (scopes is None or scope[i] is None or scope[i] in scopes)
                 for i in range(len(c))]
    start = pd.to_numeric(c["start_year"], errors="coerce").fillna(base_year + 1).to_numpy(float)
    num = lambda s: pd.to_numeric(s, errors="coerce").to_numpy(float)  # noqa: E731
    group = [None if v is None or (not isinstance(v, str) and pd.isna(v)) or not str(v).strip() else str(v).strip()
             for v in _col(sheet, "exclusive_group")]
    return pd.DataFrame({
        "id": c["id"].astype(object).where(c["id"].notna(), None).map(lambda v: v if v is None else str(v)),
        "name": c["name"], "row": ok, "capex": num(c["capex"]),
        "energy_cost_saving": num(c["energy_cost_saving"]) * scale, "opex_change": num(c["opex_change"]),
        "other_income": num(c["other_income"]), "lifetime_years": num(c["lifetime_years"]),
        "reduction_tco2e": num(c["reduction_tco2e"]) * scale, "source_tco2e": use * scale,
        "source": source, "source_cap_tco2e": cap, "exclusive_group": group,
        "earliest_start": num(_col(sheet, "earliest_start")), "latest_start": num(_col(sheet, "latest_start")),
        "in_target": in_target, "own_start": start,
    })


def _levels(target, e0: float) -> dict:
    """Reduction levels in the target year [% below the base year]: the target's own, SBTi's."""
    path = target.lines[target.lines.columns[-1]]
    years = target.target_year - target.base_year
    own = 100.0 * (e0 - float(path.loc[target.target_year])) / e0 if e0 > 0 and target.target_year in path.index \
        else np.nan
    return {"target": own, "wb2c": min(SBTI_WB2C_PCT_PER_YEAR * years, 100.0),
            "1.5c": min(SBTI_1_5C_PCT_PER_YEAR * years, 100.0)}


def plan_results(scenario, claimed: pd.DataFrame, applied: pd.DataFrame, inventory_rows: pd.DataFrame,
                 target, settings: dict, base_year: int, *,
                 time_limit_s: float = PLAN_SOLVE_LIMIT_S) -> PlanResults | None:
    """The least-cost plan to ``target`` (None without a target, a target year after the base
    year or a candidate measure).

    Notes
    -----
    Nothing is solved here: the user's selection is valued without a solve, and every plan
    (each solve within ``time_limit_s``) is solved when first asked for (:class:`PlanResults`):
    the plan in the target year (when infeasible, two more solves: the best reachable reduction
    and the budget needed), the every-year plan, the cost of ambition (:data:`AMBITION_POINTS`
    levels and the three marks, one solve each, plus the maximum) and the break-even carbon
    prices, so pages that do not show them cost nothing (not even the solver's import). When the target-year plan stops at the time
    limit, the ambition curve and the break-even prices are skipped (status ``skipped``).
    """
    if target is None or scenario is None or int(target.target_year) < base_year + 1:
        return None  # nothing to plan: no target, or its year is not after the base year
    measures = scenario.table("Measures")
    cand = candidates_frame(measures, claimed, applied, inventory_rows, target.scope, base_year)
    if cand.empty:
        return None
    first = base_year + 1
    n_years = int(settings["analysis_years"])
    last_analysis = first + n_years - 1
    last_start = min(int(target.target_year), last_analysis)
    bau = target.bau
    path = target.lines[target.lines.columns[-1]]
    e0 = float(bau.loc[target.base_year]) if target.base_year in bau.index else float(bau.iloc[0])
    caps = {s: float(c) for s, c in zip(cand["source"], cand["source_cap_tco2e"]) if s is not None}
    budgets = yearly_budgets(scenario.table("Budgets"))
    common = dict(first_year=first, analysis_years=n_years, discount_rate_pct=float(settings["discount_rate_pct"]),
                  bau_tco2e=bau, target_tco2e=path, target_year=int(target.target_year), sources_tco2e=caps,
                  base_tco2e=e0, carbon_price_per_tco2=float(settings["carbon_price_per_tco2"] or 0.0),
                  escalation_pct=float(settings["energy_price_escalation_pct"] or 0.0),
                  inflation_pct=float(settings["inflation_pct"] or 0.0),
                  tax_rate_pct=float(settings["tax_rate_pct"] or 0.0))
    problem = kernel.plan_problem(cand, budgets=budgets, last_start_year=last_start, **common)
    # the user's selection: each measure at its own start year (within the plan's years), no budget
    own_start = np.clip(cand["own_start"].to_numpy(float), first, last_analysis).astype(int)
    pinned = cand.assign(earliest_start=own_start, latest_start=own_start, exclusive_group=None)
    own_problem = kernel.plan_problem(pinned, budgets=budgets, last_start_year=last_analysis, **common)
    own = kernel.evaluate_plan(own_problem, {i: int(y) for i, y in enumerate(own_start)})
    problems = tuple(validate_plan_inputs(measures, scenario.table("Budgets"), base_year,
                                          scenario.excel_rows("Measures"), scenario.excel_rows("Budgets")))
    return PlanResults(
        candidates=cand.assign(own_start=own_start), problem=problem, first_year=first,
        target_year=int(target.target_year), last_start_year=last_start, base_year=int(base_year), base_tco2e=e0,
        discount_rate_pct=float(settings["discount_rate_pct"]), carbon_price_per_tco2=common["carbon_price_per_tco2"],
        budgets=pd.Series(problem.budgets, index=pd.Index(problem.years, name="year"), name="budget"),
        own=own, levels_pct=_levels(target, e0), time_limit_s=float(time_limit_s), problems=problems,
        ambition_points=AMBITION_POINTS)  # every plan is solved when first asked for
