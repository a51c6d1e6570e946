"""The JSON-ready summary of everything a scenario workbook holds (``summary --json``).

Later pages add their own top-level keys (targets, measures, finance, mv).
"""
from __future__ import annotations

import math

import numpy as np

from calc.factors import GridChoice, load_library, scenario_factor_table
from calc.inventory import InventoryResult, compute_inventory
from calc import mv
from calc.appraisal import appraise, finance_settings
from calc.financing import compare_financing
from calc.measures import measure_savings
from calc.portfolio import evaluate_portfolio
from calc.targets import TargetResult, evaluate_targets
from workbook.model import Scenario


def _num(value):
    """A JSON number (None for NaN/NA), rounded to remove binary noise."""
    if value is None or value is np.nan:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else round(f, 9)


def _str(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


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
        "by_category": {c: _num(v) for c, v in zip(inv.by_category["category"], inv.by_category["tco2e"])},
        "share_by_category_pct": {c: _num(v) for c, v in
                                  zip(inv.by_category["category"], inv.by_category["share_pct"])},
        "by_site": {s: _num(v) for s, v in zip(inv.by_site["site"], inv.by_site["tco2e"])},
        "total_toe": _num(rows["toe"].sum()),
        "grid_factor": {"tco2_per_mwh": grid.tco2_per_mwh, "year": grid.year, "rule": grid.rule,
                        "source": grid.source},
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
    v = _num(value)
    return None if v is None or v in (float("inf"), float("-inf")) else v


def measures_summary(savings, applied, appraisal) -> list[dict]:
    rows = {r["id"]: (i, r) for i, r in enumerate(appraisal.table.to_dict("records"))}
    out = []
    for m, a in zip(savings.to_dict("records"), applied.to_dict("records")):
        rec = {k: (_num(m[k]) if isinstance(m[k], (int, float)) and not isinstance(m[k], bool) else m[k])
               for k in MEASURE_KEYS}
        rec.update(applied_tco2e=_num(a["applied_tco2e"]), issue=a["issue"])
        if m["id"] in rows and m["status"] == "ok":
            i, r = rows[m["id"]]
            rec["cashflows"] = [_num(v) for v in appraisal.cashflows[i]]
            rec.update({k: _finite(r[k]) for k in APPRAISAL_KEYS})
            rec["irr_code"] = r["irr_code"] or None
        out.append(rec)
    return out


def finance_summary(appraisal) -> dict:
    r = appraisal.table.iloc[-1]
    return {"settings": appraisal.settings, "capex": _num(r["capex"]), "annual_saving": _num(r["annual_saving"]),
            "cashflows": [_num(v) for v in appraisal.cashflows[-1]],
            **{k: _finite(r[k]) for k in APPRAISAL_KEYS}}


def financing_summary(appraisal, financing) -> list[dict]:
    r, s = appraisal.table.iloc[-1], appraisal.settings
    options = compare_financing(r["capex"], appraisal.cashflows[-1][1:], int(s["analysis_years"]), s["discount_rate_pct"],
                                financing[financing["measure_id"] == "*"])
    return [{"option": o["option"], "customer_net_cost": _num(o["customer_net_cost"]), "npv": _finite(o["npv"]),
             "irr": _finite(o["irr"]), "payback_years": _finite(o["payback_years"]),
             "cashflows": [_num(v) for v in o["cashflows"]]} for o in options.to_dict("records")]


def portfolio_summary(table, target_name) -> dict:
    years = [int(y) for y in table.index]
    col = lambda c: {str(y): _num(v) for y, v in zip(years, table[c])}  # noqa: E731
    return {"target": target_name, "years": years, "reduction_tco2e": col("reduction_tco2e"),
            "gap_tco2e": col("gap_tco2e"), "with_measures_tco2e": col("with_measures_tco2e"),
            "bau_tco2e": col("bau_tco2e"), "target_tco2e": col("target_tco2e")}


MV_DRIVERS = ("production", "cdd", "hdd")


def mv_summary(metering) -> dict | None:
    """The baseline model (on every driver with data in all baseline months) and the savings."""
    if metering.empty:
        return None
    baseline = metering[metering["period"] == "baseline"]
    reporting = metering[metering["period"] == "reporting"]
    drivers = [d for d in MV_DRIVERS if len(baseline) and baseline[d].notna().all()]
    model, fit_warnings = mv.fit_baseline(baseline, drivers)
    warnings = [w.code for w in mv.sufficiency(metering, drivers) + fit_warnings]
    if model is None:
        return {"drivers": drivers, "coefficients": None, "verdict": None, "warnings": warnings}
    result = mv.avoided_energy(model, reporting) if len(reporting) else None
    fsu = ({f"{c:.2f}": _num(mv.fractional_savings_uncertainty(model, len(reporting), mv.savings_fraction(result), c))
            for c in mv.FSU_CONFIDENCES} if result is not None else {})
    return {
        "drivers": list(model.drivers),
        "coefficients": {k: _num(v) for k, v in model.coefficients.items()},
        "std_errors": {k: _num(v) for k, v in model.std_errors.items()},
        "r2": _num(model.r2), "cv_rmse_pct": _num(model.cv_rmse_pct), "nmbe_pct": _num(model.nmbe_pct),
        "verdict": model.verdict,
        "avoided_energy": None if result is None else {
            "total": _num(result["avoided"].sum()),
            "by_month": [_num(v) for v in result["avoided"]],
            "months": [d.strftime("%Y-%m") for d in result["period_start"]],
        },
        "fsu_pct": fsu.get("0.90"), "fsu_pct_by_confidence": fsu,
        "warnings": warnings,
    }


def scenario_summary(scenario: Scenario) -> dict:
    """Everything computed from a scenario, as plain JSON-ready Python objects."""
    table, grid = scenario_factor_table(scenario.company, scenario.table("Factors"))
    inv = compute_inventory(scenario.activities, table)
    company = {k: (v.item() if hasattr(v, "item") else v) for k, v in scenario.company.items()}
    by_scope = inv.by_scope["tco2e"].to_dict()
    targets = evaluate_targets(scenario.table("Targets"), by_scope, scenario.table("Production"), scenario.company)
    finance = scenario.fields.get("Finance", {})
    settings = finance_settings(finance)
    savings = measure_savings(scenario.table("Measures"), table, settings["discount_rate_pct"])
    appraisal = appraise(savings, finance)
    first = next((t for t in targets if t.sub_of is None), None)
    applied, by_year, _ = evaluate_portfolio(savings, inv.rows, first, inv.total_tco2e,
                                             int(scenario.company.get("base_year") or 2021))
    return {
        "scenario": scenario.name,
        "factor_library_version": load_library().version,
        "company": company,
        "inventory": inventory_summary(inv, grid),
        "targets": [target_summary(r) for r in targets],
        "measures": measures_summary(savings, applied, appraisal),
        "finance": finance_summary(appraisal),
        "financing": financing_summary(appraisal, scenario.table("Financing")),
        "mv": mv_summary(scenario.table("Metering")),
        "portfolio": portfolio_summary(by_year, first.name if first else None),
    }
