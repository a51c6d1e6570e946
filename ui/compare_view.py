"""Comparison page glue: every variant's KPIs, their differences and the inputs that differ.

Every number comes from :func:`results.summary.scenario_summary` (the same results the other pages
and the workshop report show), read through :func:`cli.compare.kpis`.
"""
from __future__ import annotations

import math

import pandas as pd

from views.kpis import COLUMNS, kpis
from ui.cache import summary
from views.format import fmt_num, fmt_pct
from ui.i18n import t
from ui.labels import column_label, sheet_label
from workbook.model import Scenario, cells_equal, tables_equal
from workbook.schema import SHEETS, choice_label

#: KPI key → decimals shown; lower is better for the ones in LOWER_IS_BETTER.
KPI_DECIMALS = {"total_tco2e": 2, "target_year": 0, "reduction_pct": 1, "emissions_target_year_with_measures": 2,
                "gap_target_year_tco2e": 2, "measures": 0, "capex": 0, "npv": 0, "irr_pct": 1, "payback_years": 2}
LOWER_IS_BETTER = {"total_tco2e", "emissions_target_year_with_measures", "gap_target_year_tco2e", "capex",
                   "payback_years"}
MONEY = {"capex", "npv"}
MAX_CELLS_LISTED = 30


def kpi_label(key: str, lang: str, currency: str = "") -> str:
    _, en, vi, _ = next(c for c in COLUMNS if c[0] == key)
    label = vi if lang == "vi" else en
    return f"{label} [{currency}]" if key in MONEY and currency else label


def variant_results(items: dict[str, Scenario]) -> tuple[dict[str, dict], dict[str, str]]:
    """Each variant's summary; a variant the calculations cannot handle is listed in the second
    dict with the reason instead of stopping the comparison."""
    results, failed = {}, {}
    for name, scn in items.items():
        try:
            results[name] = summary(scn)
        except Exception as exc:  # one broken variant must not hide the others
            failed[name] = f"{type(exc).__name__}: {exc}"
    return results, failed


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def _fmt(key: str, value, lang: str) -> str:
    if _missing(value):
        return "–"
    if key == "target_year":
        return str(int(value))
    return fmt_pct(value, lang, KPI_DECIMALS[key]) if key.endswith("_pct") else fmt_num(value, lang, KPI_DECIMALS[key])


def kpi_values(results: dict[str, dict]) -> pd.DataFrame:
    """KPI key (rows) × variant (columns), numbers (NaN where missing)."""
    columns = {}
    for name, s in results.items():
        row = kpis(s)
        columns[name] = {k: float("nan") if _missing(row[k]) else float(row[k]) for k in KPI_DECIMALS}
    return pd.DataFrame(columns).reindex(list(KPI_DECIMALS))


def kpi_table(values: pd.DataFrame, lang: str, currency: str) -> pd.DataFrame:
    """The KPIs side by side, formatted in the language."""
    shown = pd.DataFrame({name: [_fmt(k, values.loc[k, name], lang) for k in values.index] for name in values.columns})
    shown.insert(0, t("cmp.kpi", lang), [kpi_label(k, lang, currency) for k in values.index])
    return shown


def _delta(key: str, a: float, b: float, lang: str) -> tuple[float, str, float | None]:
    """Δ = b − a, |Δ| as shown (in percentage points for a KPI that is itself in %), and the
    relative change |Δ| ÷ |a| × 100 where it means something (None for a %, the target year or a = 0)."""
    delta = b - a
    if key.endswith("_pct"):  # a difference of percentages is in percentage points
        amount = f"{fmt_num(abs(delta), lang, KPI_DECIMALS[key])} {t('cmp.pp', lang)}"
    else:
        amount = _fmt(key, abs(delta), lang)
    relative = abs(delta) / abs(a) * 100 if a != 0 and not key.endswith("_pct") and key != "target_year" else None
    return delta, amount, relative


def difference_table(values: pd.DataFrame, reference: str, lang: str, currency: str) -> pd.DataFrame:
    """Each other variant minus the reference, per KPI: Δ (percentage points for a KPI in %),
    Δ % of |reference| and whether it is better (▲ good / ▼ worse, by the KPI's direction)."""
    out = {t("cmp.kpi", lang): [kpi_label(k, lang, currency) for k in values.index]}
    ref = values[reference]
    for name in values.columns:
        if name == reference:
            continue
        cells = []
        for key in values.index:
            a, b = ref[key], values.loc[key, name]
            if _missing(a) or _missing(b):
                cells.append("–")
                continue
            delta, amount, relative = _delta(key, a, b, lang)
            if abs(delta) < 1e-9:
                cells.append("=")
                continue
            sign = "+" if delta > 0 else "−"
            text = sign + amount
            if relative is not None:
                text += f" ({sign}{fmt_pct(relative, lang, 1)})"
            if key not in ("target_year", "measures", "reduction_pct"):
                good = (delta < 0) if key in LOWER_IS_BETTER else (delta > 0)
                text += " ▲" if good else " ▼"
            cells.append(text)
        out[t("cmp.minus", lang, name=name, ref=reference)] = cells
    return pd.DataFrame(out)


def difference_formulas(values: pd.DataFrame, reference: str, lang: str, currency: str) -> list[str]:
    """The differences with the numbers substituted, one Markdown line per variant and KPI:
    "NPV: 1,346,912,506 − 895,736,294 = +451,176,211 (+50.4 %)"."""
    lines = []
    for name in values.columns:
        if name == reference:
            continue
        lines.append(f"**{name} − {reference}**")
        for key in values.index:
            a, b = values.loc[key, reference], values.loc[key, name]
            if _missing(a) or _missing(b):
                continue
            delta, amount, relative = _delta(key, a, b, lang)
            text = f"{_fmt(key, b, lang)} − {_fmt(key, a, lang)} = {'+' if delta >= 0 else '−'}{amount}"
            if relative is not None and delta != 0:
                text += f" ({'+' if delta > 0 else '−'}{fmt_num(relative, lang, 1)} % = Δ ÷ |{_fmt(key, a, lang)}|)"
            lines.append(f"- {kpi_label(key, lang, currency)}: {text}")
    return lines


def paths_frame(results: dict[str, dict]) -> pd.DataFrame:
    """Long table ``variant, year, with_measures_tco2e, target_tco2e`` of every variant."""
    rows = []
    for name, s in results.items():
        p = s["portfolio"]
        for year in p["years"]:
            target = p["target_tco2e"].get(str(year))
            rows.append({"variant": name, "year": year, "with_measures_tco2e": p["with_measures_tco2e"].get(str(year)),
                         "target_tco2e": float("nan") if target is None else target})
    return pd.DataFrame(rows, columns=["variant", "year", "with_measures_tco2e", "target_tco2e"])


def cashflows(results: dict[str, dict]) -> dict[str, list[float]]:
    """The portfolio's yearly cash flows of every variant (year 0 first)."""
    return {name: s["finance"]["cashflows"] for name, s in results.items() if s["finance"].get("cashflows")}


def _show(value, sheet: str, column: str, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return "–"
    spec = SHEETS[sheet].column(column) if column in SHEETS[sheet].keys else None
    if spec is not None and spec.choices:
        return choice_label(spec, value, lang)
    if isinstance(value, float):
        return fmt_num(value, lang, 4).rstrip("0").rstrip(",.") or "0"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def input_differences(reference: Scenario, other: Scenario, lang: str) -> pd.DataFrame:
    """What a variant's inputs change against the reference: one line per field, per table cell
    (same number of records, at most 30 cells per table) or per table whose size differs."""
    sheet_h, item_h = t("problems.sheet", lang), t("cmp.item", lang)
    ref_h, var_h = t("cmp.reference_value", lang), t("cmp.variant_value", lang)
    rows = []
    for key, spec in SHEETS.items():
        if spec.kind == "fields":
            a, b = reference.fields.get(key, {}), other.fields.get(key, {})
            for col in spec.columns:
                if not cells_equal(a.get(col.key), b.get(col.key)):
                    rows.append((sheet_label(key, lang), col.label(lang), _show(a.get(col.key), key, col.key, lang),
                                 _show(b.get(col.key), key, col.key, lang)))
            continue
        ta, tb = reference.table(key), other.table(key)
        if tables_equal(ta, tb):
            continue
        if len(ta) != len(tb):
            rows.append((sheet_label(key, lang), t("cmp.records", lang), str(len(ta)), str(len(tb))))
            continue
        listed = 0
        for col in spec.keys:
            for i, (va, vb) in enumerate(zip(ta[col].tolist(), tb[col].tolist())):
                if cells_equal(va, vb) or listed >= MAX_CELLS_LISTED:
                    continue
                listed += 1
                rows.append((sheet_label(key, lang), t("cmp.cell", lang, record=i + 1, col=column_label(key, col, lang)),
                             _show(va, key, col, lang), _show(vb, key, col, lang)))
    return pd.DataFrame(rows, columns=[sheet_h, item_h, ref_h, var_h])
