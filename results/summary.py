"""The JSON view of :class:`results.model.ScenarioResults` (``summary --json``, the reports, compare).

Every value here is a field of the results model (rounded to remove binary noise); nothing is
computed again. Measures are matched by position, never by id.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from calc.factors import GridChoice, load_library
from calc.inventory import InventoryResult
from calc.targets import TargetResult
from results.analyse import analyse
from results.model import FinancingResults, ScenarioResults
from workbook.model import Scenario


def _num(value):
    """A JSON number rounded to remove binary noise; None (JSON null) for a missing or non-finite
    value (NaN, NA, ±infinity: JSON has no such numbers), e.g. the life in years of a life-cycle
    alternative used 0 hours a year."""
    if value is None or value is np.nan:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return round(f, 9) if math.isfinite(f) else None


def _str(value):
    """Text for JSON; None for a missing value (None, NaN, pd.NA, NaT)."""
    return None if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else str(value)


def inventory_summary(inv: InventoryResult, grid: GridChoice) -> dict:
    """The ``inventory`` object: totals by scope, category and site, and one entry per source."""
    rows = inv.rows
    sources = [
        {
            "site": _str(r["site"]),
            "scope": None if r["scope"] is None or r["scope"] is np.nan else int(r["scope"]),
            "category": _str(r["category"]),
            "source": _str(r["source"]),
            "fuel": _str(r["fuel"]),
            "quantity": _num(r["quantity"]),
            "unit": _str(r["unit"]),
            "factor_tco2e_per_unit": _num(r["factor_tco2e_per_unit"]),
            "factor_source": _str(r["factor_source"]),
            "tco2e": _num(r["tco2e"]),
            "toe": _num(r["toe"]),
            "share_pct": _num(r["share_pct"]),
            "status": r["status"],
        }
        for r in rows.astype(object).where(rows.notna(), None).to_dict("records")
    ]
    return {
        "total_tco2e": _num(inv.total_tco2e),
        "by_scope": {s: _num(v) for s, v in inv.by_scope["tco2e"].items()},
        "share_by_scope_pct": {s: _num(v) for s, v in inv.by_scope["share_pct"].items()},
        # a row without a category (a placeholder still to complete) is grouped under ""
        "by_category": {_str(c) or "": _num(v) for c, v in zip(inv.by_category["category"], inv.by_category["tco2e"])},
        "share_by_category_pct": {_str(c) or "": _num(v) for c, v in
                                  zip(inv.by_category["category"], inv.by_category["share_pct"])},
        "by_site": {s: _num(v) for s, v in zip(inv.by_site["site"], inv.by_site["tco2e"])},
        "total_toe": _num(rows["toe"].sum()),
        "grid_factor": {"tco2_per_mwh": grid.tco2_per_mwh, "year": grid.year, "rule": grid.rule,
                        "source": grid.source, "source_vi": grid.source_in("vi")},
        "sources": sources,
    }


def target_summary(result: TargetResult) -> dict:
    """One target: its settings, every line of its path by year, BAU, SBTi comparison."""
    out = {
        "name": result.name, "type": result.type, "scope": result.scope,
        "base_year": result.base_year, "target_year": result.target_year,
        "reduction_pct": _num(result.reduction_pct), "method": result.method,
        "split_of": result.sub_of,
        "path": [{**p, "tco2e": _num(p["tco2e"])} for p in result.long_path()],
        "bau": [{"year": int(y), "tco2e": _num(v)} for y, v in result.bau.items()],
        "sbti": {k: (_num(v) if isinstance(v, float) else v) for k, v in result.sbti.items()},
        "warnings": list(result.warnings),
    }
    if result.intensity is not None:
        out["intensity"] = [{"year": int(y), **{k: _num(v) for k, v in rec.items()}}
                            for y, rec in result.intensity.iterrows()]
    return out


MEASURE_KEYS = ("id", "name", "category", "term", "fuel", "method", "saving_quantity", "saving_unit",
                "saving_kwh", "saving_toe", "reduction_tco2e", "energy_cost_saving", "capex", "opex_change",
                "annualised_cost", "abatement_cost_per_tco2e", "lifetime_years", "start_year", "status")


APPRAISAL_KEYS = ("simple_payback_years", "discounted_payback_years", "npv", "irr", "roi", "bcr",
                  "cost_of_saved_energy_per_kwh")


def _finite(value):
    """A JSON number; infinity (never pays back) becomes None with the reason left to the key."""
    return _num(value)


def measures_summary(results: ScenarioResults) -> list[dict]:
    """One entry per Measures row (by position): savings as counted, the claim, the appraisal."""
    table = results.finance.indicators
    by_row = {int(r): i for i, r in enumerate(table["row"]) if r >= 0}
    out = []
    records = zip(results.measures.to_dict("records"), results.measures_claimed.to_dict("records"),
                  results.applied.to_dict("records"))
    for pos, (m, claimed, a) in enumerate(records):
        rec = {k: (_num(m[k]) if isinstance(m[k], (int, float)) and not isinstance(m[k], bool) else m[k])
               for k in MEASURE_KEYS}
        rec.update(applied_tco2e=_num(a["applied_tco2e"]), issue=a["issue"],
                   claimed_reduction_tco2e=_num(claimed["reduction_tco2e"]),
                   capped_share=_num(a.get("capped_share", a.get("applied_fraction"))))
        if pos in by_row:
            i = by_row[pos]
            r = table.iloc[i]
            rec["cashflows"] = [_num(v) for v in results.finance.cashflows[i]]
            rec.update({k: _finite(r[k]) for k in APPRAISAL_KEYS})
            rec["irr_code"] = r["irr_code"] or None
        out.append(rec)
    return out


def finance_summary(results: ScenarioResults) -> dict:
    f = results.finance
    r = f.portfolio
    return {"settings": {k: (_num(v) if isinstance(v, (int, float)) else v) for k, v in f.settings.items()},
            "first_year": f.first_year, "capex": _num(r["capex"]), "annual_saving": _num(r["annual_saving"]),
            "cashflows": [_num(v) for v in f.cashflows[-1]], "npv_excel": _finite(r["npv_excel"]),
            "irr_code": r["irr_code"] or None,
            **{k: _finite(r[k]) for k in APPRAISAL_KEYS}}


def financing_summary(financing: FinancingResults) -> list[dict]:
    return [{"option": o["option"], "customer_net_cost": _num(o["customer_net_cost"]), "npv": _finite(o["npv"]),
             "irr": _finite(o["irr"]), "payback_years": _finite(o["payback_years"]),
             "cashflows": [_num(v) for v in o["cashflows"]]} for o in financing.options.to_dict("records")]


def portfolio_summary(table, target_name) -> dict:
    years = [int(y) for y in table.index]
    col = lambda c: {str(y): _num(v) for y, v in zip(years, table[c])}  # noqa: E731
    return {"target": target_name, "years": years, "reduction_tco2e": col("reduction_tco2e"),
            "gap_tco2e": col("gap_tco2e"), "with_measures_tco2e": col("with_measures_tco2e"),
            "bau_tco2e": col("bau_tco2e"), "target_tco2e": col("target_tco2e")}


def risk_summary(results: ScenarioResults) -> dict | None:
    r = results.risk
    if r is None:
        return None
    mc = r.monte_carlo
    return {"base_npv": _num(r.tornado.attrs.get("base_npv")),
            "tornado": [{"input": rec["input"], "npv_low": _num(rec["npv_low"]), "npv_high": _num(rec["npv_high"])}
                        for rec in r.tornado.to_dict("records")],
            "break_even": {k: _finite(v) for k, v in r.break_even.items()},
            "monte_carlo": {k: _num(mc[k]) for k in ("p10", "p50", "p90", "prob_npv_positive", "irr_p10", "irr_p90")
                            if k in mc},
            "spans_pct": r.spans_pct}


def budget_summary(results: ScenarioResults) -> dict | None:
    b = results.budget
    if b is None:
        return None
    return {"budget": _num(b.budget), "goal": b.goal, "selected": [str(i) for i in b.selected_ids],
            "total_capex": _num(b.selection["total_capex"]), "total_value": _num(b.selection["total_value"])}


def _plan_result(plan) -> dict:
    """One :class:`calc.plan.PlanResult` (the least-cost plan of a mode, or the user's selection)."""
    e = plan.emissions
    inv = plan.investment
    out = {"status": plan.status, "npv": _num(plan.npv), "solve_time_s": _num(plan.solve_time_s),
           "total_investment": _num(plan.total_investment), "chosen": _records(plan.chosen),
           "years": [int(y) for y in e.index],
           "with_plan_tco2e": [_num(v) for v in e["with_plan_tco2e"]],
           "reduction_tco2e": [_num(v) for v in e["reduction_tco2e"]],
           "investment": [_num(v) for v in inv["investment"]],
           "cashflows": [_num(v) for v in plan.cashflows]}
    if plan.shortfall is not None:
        out["shortfall"] = {k: (_num(v) if not isinstance(v, str) else v) for k, v in plan.shortfall.items()}
    if plan.budget_needed is not None:
        out["budget_needed"] = [{"year": int(y), **{k: _num(v) for k, v in rec.items()}}
                                for y, rec in plan.budget_needed.iterrows()]
    return out


def plan_summary(results: ScenarioResults) -> dict | None:
    """The least-cost plan (both modes), the user's selection valued the same way, the cost of
    ambition and the break-even carbon prices; None without a target or a candidate measure."""
    p = results.plan
    if p is None:
        return None
    amb = p.ambition
    return {"first_year": p.first_year, "target_year": p.target_year, "last_start_year": p.last_start_year,
            "base_tco2e": _num(p.base_tco2e), "discount_rate_pct": _num(p.discount_rate_pct),
            "carbon_price_per_tco2": _num(p.carbon_price_per_tco2),
            "budgets": [{"year": int(y), "budget": _num(v)} for y, v in p.budgets.items()],
            "required_tco2e": _num(p.required_tco2e().sum()),
            "target_year_plan": _plan_result(p.plan(False)), "every_year_plan": _plan_result(p.plan(True)),
            "own_selection": {**_plan_result(p.own), "meets_target": p.own_meets_target(),
                              "meets_every_year": p.own_meets_target(True), "within_budget": p.own_within_budget()},
            "levels_pct": {k: _num(v) for k, v in p.levels_pct.items()},
            "cost_of_ambition": {"status": amb["status"], "max_level_pct": _num(amb["max_level_pct"]),
                                 "max_reduction_tco2e": _num(amb["max_reduction_tco2e"]),
                                 "curve": _records(amb["curve"]), "marks": _records(amb["marks"])},
            "break_even_carbon_price": {mode: {k: (_num(v) if not isinstance(v, str) else v)
                                               for k, v in p.break_even(mode == "every_year").items()}
                                        for mode in ("target_year", "every_year")}}


def _records(frame) -> list[dict]:
    """A DataFrame as JSON records (numbers rounded, NaN → None, numpy scalars → Python)."""
    out = []
    for rec in frame.to_dict("records"):
        out.append({k: (bool(v) if isinstance(v, (bool, np.bool_)) else _num(v) if isinstance(v, (int, float, np.number))
                        else _str(v)) for k, v in rec.items()})
    return out


def results_summary(results: ScenarioResults) -> dict:
    """The JSON view of a :class:`~results.model.ScenarioResults`."""
    company = {k: (v.item() if hasattr(v, "item") else v) for k, v in results.company.items()}
    main = results.main_target
    return {
        "scenario": results.name,
        "factor_library_version": load_library().version,
        "company": company,
        "inventory": {**inventory_summary(results.inventory, results.grid),
                      "pareto": _records(results.pareto) if results.pareto is not None else []},
        "targets": [target_summary(r) for r in results.targets],
        "measures": measures_summary(results),
        "macc": _records(results.macc),
        "totals": {k: (_num(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
                   for k, v in results.totals.items()},
        "finance": finance_summary(results),
        "financing": financing_summary(results.financing),
        "risk": risk_summary(results),
        "budget": budget_summary(results),
        "life_cycle": [{k: (_num(v) if not isinstance(v, str) else v) for k, v in rec.items()}
                       for rec in results.life_cycle.table.to_dict("records")],
        "mv": results.mv.to_json() if results.mv is not None else None,
        "portfolio": portfolio_summary(results.portfolio, main.name if main else None),
        "plan": plan_summary(results),
    }


def scenario_summary(scenario: Scenario) -> dict:
    """:func:`results_summary` of :func:`results.analyse` of a scenario."""
    return results_summary(analyse(scenario))
