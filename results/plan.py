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

import numpy as np
import pandas as pd

from calc import plan as kernel
from calc.portfolio import matched_rows
from calc.targets import SBTI_1_5C_PCT_PER_YEAR, SBTI_WB2C_PCT_PER_YEAR, TARGET_SCOPES
from results.model import PlanResults
from workbook.validate import validate_plan_inputs

__all__ = ["plan_results", "candidates_frame", "yearly_budgets", "PLAN_SOLVE_LIMIT_S", "AMBITION_POINTS"]

#: Safety net of each solve made while analysing a scenario [s] (the page must stay responsive).
PLAN_SOLVE_LIMIT_S = 2.0
#: Levels on the cost-of-ambition curve (each one solve).
AMBITION_POINTS = 9


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
    Solved here (each solve within ``time_limit_s``): the plan in the target year (when
    infeasible, two more solves: the best reachable reduction and the budget needed); the user's
    selection is valued without a solve. The every-year plan, the cost of ambition
    (:data:`AMBITION_POINTS` levels and the three marks, one solve each, plus the maximum) and
    the break-even carbon prices are solved when first asked for (:class:`PlanResults`), so
    pages that do not show them cost nothing more. When the target-year plan stops at the time
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
    out = PlanResults(
        candidates=cand.assign(own_start=own_start), problem=problem, first_year=first,
        target_year=int(target.target_year), last_start_year=last_start, base_year=int(base_year), base_tco2e=e0,
        discount_rate_pct=float(settings["discount_rate_pct"]), carbon_price_per_tco2=common["carbon_price_per_tco2"],
        budgets=pd.Series(problem.budgets, index=pd.Index(problem.years, name="year"), name="budget"),
        own=own, levels_pct=_levels(target, e0), time_limit_s=float(time_limit_s), problems=problems,
        ambition_points=AMBITION_POINTS)
    out.plan()  # the target-year plan now; the rest when first asked for (PlanResults)
    return out
