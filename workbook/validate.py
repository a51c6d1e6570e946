"""Rules that need more than one cell: the checks run after every sheet has been parsed.

Used on upload and after every edit in the app, so both report the same problems.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from calc.factors import load_library, scenario_factor_table
from calc.inventory import CATEGORY_SCOPE, compute_inventory, emissions_by_row
from calc.measures import measure_savings
from calc.portfolio import apply_to_inventory
from workbook.messages import problem
from workbook.names import fuel_suggestions
from workbook.model import ERROR, INFO, WARNING, Problem
from workbook.schema import SHEETS, choice_label

#: Cross-cell codes that only restate a cell error already reported on the same row (the reader
#: and the Variants sheet do not report them again).
CONSEQUENCES = {"activity.incomplete", "cell.required", "target.no_reduction"}


def validate_scenario(scenario) -> list[Problem]:
    """Cross-cell problems of a parsed scenario (fuels, units, scope/category, grid year)."""
    problems: list[Problem] = []
    company = scenario.company
    table, grid = scenario_factor_table(company, scenario.table("Factors"))
    year = company.get("grid_ef_year")
    if company.get("grid_ef_tco2_per_mwh") is None and year is not None and grid.year != year:
        problems.append(problem("grid.year_missing", "Company", None, "grid_ef_year", WARNING,
                                year=year, used=grid.tco2_per_mwh, used_year=grid.year))
    # the inventory's rows computed once, for the activities' problems and the measures' matching
    inventory_rows = compute_inventory(scenario.activities, table).rows if not scenario.activities.empty else None
    problems += validate_activities(scenario.activities, table, scenario.excel_rows("Activities"), inventory_rows)
    problems += validate_targets(scenario.table("Targets"), scenario.excel_rows("Targets"))
    problems += validate_measures(scenario.table("Measures"), scenario.activities, table,
                                  scenario.excel_rows("Measures"), inventory_rows)
    problems += validate_financing(scenario.table("Financing"), scenario.table("Measures"),
                                   scenario.excel_rows("Financing"))
    problems += validate_plan_inputs(scenario.table("Measures"), scenario.table("Budgets"),
                                     company.get("base_year"), scenario.excel_rows("Measures"),
                                     scenario.excel_rows("Budgets"))
    return problems


#: The years a plan input may name: from the year after the base year, this many years on.
PLAN_YEARS_SPAN = 50


def _years(frame: pd.DataFrame, col: str) -> list:
    """A column as whole years (None where blank or not a number; an older table without it: all None)."""
    if col not in frame:
        return [None] * len(frame)
    values = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float)
    return [int(v) if np.isfinite(v) else None for v in values]


def validate_plan_inputs(measures: pd.DataFrame, budgets: pd.DataFrame, base_year, measure_rows: list[int],
                         budget_rows: list[int]) -> list[Problem]:
    """The least-cost plan's inputs: a measure's latest start before its earliest (error at
    ``latest_start``), a start or budget year outside the plan's years (the year after the base
    year to :data:`PLAN_YEARS_SPAN` years later: a warning, the plan clips it), a negative
    budget (error: taken as 0) and a year given twice in the Budgets sheet (warning: added)."""
    problems: list[Problem] = []
    base = int(base_year) if base_year is not None and not pd.isna(base_year) else 2021
    first, last = base + 1, base + PLAN_YEARS_SPAN
    earliest, latest = _years(measures, "earliest_start"), _years(measures, "latest_start")
    for i, (lo, hi) in enumerate(zip(earliest, latest)):
        if lo is None and hi is None:
            continue
        if lo is not None and hi is not None and hi < lo:
            problems.append(problem("plan.start_window", "Measures", measure_rows[i], "latest_start",
                                    earliest=lo, latest=hi))
        for col, year in (("earliest_start", lo), ("latest_start", hi)):
            if year is not None and not first <= year <= last:
                used = min(max(year, first), last)
                problems.append(problem("plan.year_range", "Measures", measure_rows[i], col, WARNING, value=year,
                                        first=first, last=last,
                                        effect=(f"the plan uses {used}", f"kế hoạch dùng {used}")))
    if budgets.empty:
        return problems
    amounts = pd.to_numeric(budgets["budget"], errors="coerce").to_numpy(dtype=float)
    seen: dict[int, int] = {}
    for i, (year, amount) in enumerate(zip(_years(budgets, "year"), amounts)):
        if np.isfinite(amount) and amount < 0:
            problems.append(problem("budget.negative", "Budgets", budget_rows[i], "budget", value=f"{amount:,.0f}"))
        if year is None:
            continue
        if not first <= year <= last:
            problems.append(problem("plan.year_range", "Budgets", budget_rows[i], "year", WARNING, value=year,
                                    first=first, last=last,
                                    effect=("the plan ignores this row", "kế hoạch bỏ qua dòng này")))
        if year in seen:
            problems.append(problem("budget.duplicate_year", "Budgets", budget_rows[i], "year", WARNING, year=year,
                                    first=seen[year]))
        else:
            seen[year] = budget_rows[i]
    return problems


def validate_financing(financing: pd.DataFrame, measures: pd.DataFrame, rows: list[int]) -> list[Problem]:
    """A Financing row for a measure ID that no Measures row has (not '*'): a warning at
    ``measure_id``. Such a row applies to nothing (financing is looked up by ID), so it changes
    no number; it is kept for the user to correct (for example a measure still being typed)."""
    if financing.empty:
        return []
    ids = {str(v).strip() for v in measures["id"].tolist() if isinstance(v, str) and v.strip()}
    shown = ", ".join(sorted(ids)[:10]) + (", …" if len(ids) > 10 else "") if ids else "—"
    problems = []
    for i, value in enumerate(financing["measure_id"].tolist()):
        if not isinstance(value, str) or not value.strip() or value.strip() in ids or value.strip() == "*":
            continue
        problems.append(problem("financing.unknown_measure", "Financing", rows[i], "measure_id", WARNING,
                                value=value.strip(), ids=shown))
    return problems


NEEDED = {"rate_after": ("units, rate before, rate after, rate unit, hours", "số thiết bị, định mức trước, định mức sau, đơn vị định mức, số giờ"),
          "saving_pct": ("units, rate before, rate unit, saving %, hours", "số thiết bị, định mức trước, đơn vị định mức, tỷ lệ tiết kiệm, số giờ"),
          "direct": ("the known saving per year and its unit", "lượng tiết kiệm/năm và đơn vị")}


def validate_measures(measures: pd.DataFrame, activities: pd.DataFrame, factor_table: pd.DataFrame,
                      rows: list[int], inventory_rows: pd.DataFrame | None = None, *,
                      savings: pd.DataFrame | None = None, applied: pd.DataFrame | None = None) -> list[Problem]:
    """Row problems of the Measures table, from the measures' and the portfolio's own status.

    Besides each measure's status (:func:`calc.measures.measure_savings`, given the activities so
    that a direct measure without a unit takes its fuel's inventory unit): a lifetime of 0 years
    or less (error at ``lifetime_years``), an ID used by an earlier row (error at the later row's
    ``id``) and a unit taken from the inventory (note at ``saving_unit``). ``savings`` and
    ``applied`` (as claimed: :func:`calc.measures.measure_savings` with the activities and
    :func:`calc.portfolio.apply_to_inventory`) are used when the caller already has them.
    """
    if measures.empty:
        return []
    problems: list[Problem] = []
    sheet = SHEETS["Measures"]
    for col in ("units", "rate_before", "rate_after", "hours_per_year", "saving_quantity"):
        values = pd.to_numeric(measures[col], errors="coerce")
        for i in np.flatnonzero((values < 0).to_numpy()):
            problems.append(problem("cell.negative", "Measures", rows[i], col, value=values.iloc[i]))
    life = pd.to_numeric(measures["lifetime_years"], errors="coerce")
    for i in np.flatnonzero((life <= 0).to_numpy()):
        problems.append(problem("measure.lifetime_invalid", "Measures", rows[i], "lifetime_years",
                                value=f"{life.iloc[i]:g}"))
    first_row: dict[str, int] = {}
    for i, value in enumerate(measures["id"].tolist()):
        if value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip():
            continue
        key = str(value).strip()
        if key in first_row:
            problems.append(problem("measure.duplicate_id", "Measures", rows[i], "id", value=key,
                                    first=first_row[key]))
        else:
            first_row[key] = rows[i]
    if savings is None or applied is None:
        if inventory_rows is None:
            inventory_rows = compute_inventory(activities, factor_table).rows
        savings = measure_savings(measures, factor_table, activities=activities)
        applied = apply_to_inventory(savings, inventory_rows)
    units_by_fuel = factor_table.groupby("fuel")["unit"].apply(lambda u: ", ".join(u)).to_dict()
    # the cells a message quotes, one dict per row (not a row Series per measure)
    cells = measures[["switch_fuel", "switch_unit", "rate_before", "rate_after", "source"]].to_dict("records")
    for i, (m, a) in enumerate(zip(savings.itertuples(), applied.itertuples())):
        row, rec = rows[i], cells[i]
        if m.status == "missing_inputs":  # a partial row: shown, counts zero, blocks nothing
            method = tuple(choice_label(sheet.column("method"), m.method, lang) for lang in ("en", "vi"))
            problems.append(problem("measure.missing_inputs", "Measures", row, None, WARNING, method=method,
                                    needed=NEEDED.get(m.method, NEEDED["direct"])))
        elif m.status == "unit_missing":
            problems.append(problem("measure.unit_missing", "Measures", row, "saving_unit", fuel=m.fuel,
                                    units=units_by_fuel.get(m.fuel, "kWh, L, kg, t")))
        elif m.status == "unknown_fuel":
            problems.append(problem("fuel.unknown", "Measures", row, "fuel", value=m.fuel,
                                    examples=fuel_suggestions(m.fuel),
                                    factor_col=(sheet.column("fuel").en, sheet.column("fuel").vi)))
        elif m.status == "unit_incompatible":
            problems.append(problem("measure.unit_incompatible", "Measures", row, "saving_unit", unit=m.saving_unit,
                                    fuel=m.fuel, units=units_by_fuel.get(m.fuel, "")))
        elif m.status == "switch_unknown":
            problems.append(problem("measure.switch_unknown", "Measures", row, "switch_fuel",
                                    value=rec["switch_fuel"], unit=rec["switch_unit"]))
        elif m.status == "negative_saving":
            problems.append(problem("measure.negative_saving", "Measures", row, "rate_after", WARNING,
                                    before=rec["rate_before"], after=rec["rate_after"]))
        elif a.issue == "fuel_not_used":
            where = (f" ({rec['source']})" if isinstance(rec["source"], str) else "")
            problems.append(problem("measure.fuel_not_used", "Measures", row, "fuel", WARNING, fuel=m.fuel,
                                    where=where))
        elif a.issue == "exceeds_source":
            problems.append(problem("measure.exceeds_source", "Measures", row, "saving_quantity", WARNING,
                                    saving=f"{m.saving_quantity:,.0f}", available=f"{a.available_quantity:,.0f}",
                                    unit=m.saving_unit, pct=f"{a.applied_fraction * 100:.0f}"))
        if m.note == "unit_from_inventory":
            problems.append(problem("measure.unit_from_inventory", "Measures", row, "saving_unit", INFO,
                                    unit=m.saving_unit, fuel=m.fuel))
    return problems


def validate_targets(targets: pd.DataFrame, rows: list[int]) -> list[Problem]:
    """Years in order and a reduction given, per target row."""
    problems = []
    for i, rec in enumerate(targets.to_dict("records")):
        base, target = rec.get("base_year"), rec.get("target_year")
        if pd.notna(base) and pd.notna(target) and int(target) <= int(base):
            problems.append(problem("target.years", "Targets", rows[i], "target_year",
                                    base_year=int(base), target_year=int(target)))
        if pd.isna(rec.get("reduction_pct")) and pd.isna(rec.get("reduction_tco2e")):
            problems.append(problem("target.no_reduction", "Targets", rows[i], "reduction_pct"))
    return problems


def validate_activities(activities: pd.DataFrame, factor_table: pd.DataFrame,
                        rows: list[int], computed: pd.DataFrame | None = None) -> list[Problem]:
    """Row problems of the Activities table, from the inventory's own row status.

    Using :func:`calc.inventory.emissions_by_row` keeps validation and computation in step: a
    row is reported exactly when it cannot be computed.
    """
    problems: list[Problem] = []
    if activities.empty:
        return [problem("sheet.empty", "Activities", None, None, WARNING)]
    sheet = SHEETS["Activities"]
    # the inventory's own rows when the caller has them (``computed``), else computed here
    result = computed if computed is not None else emissions_by_row(activities, factor_table)
    units = load_library().units
    dims_by_fuel = factor_table.groupby("fuel")["unit"].apply(list).to_dict()
    factor_col = (sheet.column("factor_tco2e_per_unit").en, sheet.column("factor_tco2e_per_unit").vi)
    known_col = (sheet.column("tco2e").en, sheet.column("tco2e").vi)
    status_all = result["status"].to_numpy()
    expected_scope = activities["category"].map(CATEGORY_SCOPE)
    mismatch = (expected_scope.notna() & activities["scope"].notna()
                & (expected_scope != activities["scope"].astype("Float64"))).fillna(False).to_numpy()
    visit = np.flatnonzero(mismatch | ~np.isin(status_all, ["ok", "row_factor", "known"]))
    records = activities.iloc[visit].to_dict("records")
    for i, rec in zip(visit.tolist(), records):
        row, status = rows[i], status_all[i]
        scope, category = rec["scope"], rec["category"]
        if mismatch[i]:
            cat_col = sheet.column("category")
            problems.append(problem(
                "category.scope_mismatch", "Activities", row, "category",
                value=(choice_label(cat_col, category, "en"), choice_label(cat_col, category, "vi")),
                expected=CATEGORY_SCOPE[category], scope=int(scope)))
        # a row with no quantity yet is partial: a warning, it counts zero and blocks nothing; a
        # quantity without its unit stays an error (a number typed that would be dropped)
        if status == "missing_quantity" or (status == "unknown_unit" and pd.isna(rec["unit"])):
            if pd.isna(rec["fuel"]) or rec["fuel"] is None:
                problems.append(problem("activity.incomplete", "Activities", row, None,
                                        WARNING if pd.isna(rec["quantity"]) else ERROR, known_col=known_col))
            else:
                missing = "quantity" if pd.isna(rec["quantity"]) else "unit"
                problems.append(problem("cell.required", "Activities", row, missing,
                                        WARNING if missing == "quantity" else ERROR))
        elif status == "unknown_fuel":
            if rec["fuel"] is None or pd.isna(rec["fuel"]):
                problems.append(problem("activity.incomplete", "Activities", row, None,
                                        WARNING if pd.isna(rec["quantity"]) else ERROR, known_col=known_col))
            else:
                problems.append(problem("fuel.unknown", "Activities", row, "fuel", value=rec["fuel"],
                                        examples=fuel_suggestions(rec["fuel"]), factor_col=factor_col))
        elif status == "unit_incompatible":
            problems.append(problem("unit.incompatible", "Activities", row, "unit", unit=rec["unit"],
                                    fuel=rec["fuel"], units=", ".join(dims_by_fuel.get(rec["fuel"], [])),
                                    factor_col=factor_col))
    return problems
