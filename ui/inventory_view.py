"""Presentation tables of the inventory page: the deck's layouts, formatted in a language.

Only formatting and labelling happen here; every number comes from :mod:`calc.inventory`.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from calc.factors import load_library
from calc.inventory import CATEGORY_SCOPE, InventoryResult
from views.format import fmt_num, fmt_nums, fmt_pct, fmt_pcts, map_distinct
from ui.i18n import t
from ui.labels import category_label, column_label, fuel_label, scope_label, sheet_label
from workbook.model import Problem
from workbook.schema import SHEETS


def summary_table(inv: InventoryResult, lang: str) -> pd.DataFrame:
    """Summary by category as in the deck: numbered categories, scope subtotals, total (the
    name, then tCO2e and share, then the scope)."""
    rows, n = [], 0
    for scope in ("1", "2", "3"):
        cats = inv.by_category[inv.by_category["scope"] == scope]
        if cats.empty and scope == "3":
            continue
        for rec in cats.itertuples():
            n += 1
            rows.append([str(n), category_label(rec.category, lang), fmt_num(rec.tco2e, lang),
                         fmt_pct(rec.share_pct, lang, 1), scope_label(scope, lang)])
        rec = inv.by_scope.loc[scope]
        rows.append(["", t("row.scope_total", lang, scope=scope), fmt_num(rec.tco2e, lang),
                     fmt_pct(rec.share_pct, lang, 1), ""])
    rows.append(["", t("row.total", lang), fmt_num(inv.total_tco2e, lang),
                 fmt_pct(100.0 if inv.total_tco2e else 0.0, lang, 1), ""])
    cols = [t(k, lang) for k in ("col.no", "col.category", "col.tco2e", "col.share", "col.scope")]
    return pd.DataFrame(rows, columns=cols)


def search_labels(lang: str) -> dict:
    """What the inventory's tables show for stored keys, searched as well as the keys
    (:func:`views.search.matching_rows`): category and fuel names in ``lang``."""
    return {"category": lambda k: category_label(k, lang), "fuel": lambda k: fuel_label(k, lang)}


def sources_table(inv: InventoryResult, lang: str, positions=None) -> pd.DataFrame:
    """One row per source: 'category – source', tCO2e, share, site, scope (the deck's first
    table, the numbers beside the name); only the rows at ``positions`` when given (a page)."""
    r = inv.rows if positions is None else inv.rows.iloc[positions]  # each distinct value labelled once
    categories = pd.Series(map_distinct(r["category"], lambda c: category_label(c, lang)), dtype=object)
    data = {
        t("col.source", lang): (categories + " – " + pd.Series(r["source"].astype(str).to_numpy(), dtype=object)).tolist(),
        t("col.tco2e", lang): fmt_nums(r["tco2e"], lang),
        t("col.share", lang): fmt_pcts(r["share_pct"], lang),
        t("col.site", lang): r["site"].fillna("").tolist(),
        t("col.scope", lang): map_distinct(r["scope"], lambda s: scope_label(s, lang)),
    }
    return pd.DataFrame(data)


def site_table(inv: InventoryResult, lang: str) -> pd.DataFrame:
    """Emissions per site (shown when a scenario has more than one site)."""
    return pd.DataFrame({
        t("col.site", lang): inv.by_site["site"].replace("", "–").tolist(),
        t("col.tco2e", lang): [fmt_num(v, lang) for v in inv.by_site["tco2e"]],
        t("col.share", lang): [fmt_pct(v, lang) for v in inv.by_site["share_pct"]],
    })


def calculation_table(inv: InventoryResult, lang: str, grid=None, positions=None) -> pd.DataFrame:
    """Each row's calculation with the numbers substituted, and the factor's source (the grid
    factor's in ``lang`` when ``grid``, the scenario's :class:`calc.factors.GridChoice`, is given);
    only the rows at ``positions`` when given (a page)."""
    grid_source = {f"{grid.source} ({grid.year})" if grid.year else grid.source:
                   f"{grid.source_in(lang)} ({grid.year})" if grid.year else grid.source_in(lang)} if grid else {}
    out = []
    rows = inv.rows if positions is None else inv.rows.iloc[positions]
    for rec in rows.itertuples():
        if rec.status == "known":
            calc = f"= {fmt_num(rec.tco2e, lang)} ({t('factor.known', lang)})"
            source = t("factor.known", lang)
        elif rec.status in ("ok", "row_factor"):
            calc = (f"{fmt_num(rec.quantity, lang, 0 if float(rec.quantity).is_integer() else 3)} {rec.unit}"
                    f" × {fmt_num(rec.factor_tco2e_per_unit, lang, 7)} tCO2e/{rec.unit}"
                    f" = {fmt_num(rec.tco2e, lang)} tCO2e")
            source = grid_source.get(rec.factor_source, rec.factor_source) if rec.status == "ok" else t("factor.row", lang)
        else:
            calc, source = "–", ""
        out.append([rec.source, fuel_label(rec.fuel, lang), calc, source])
    cols = [t("col.source", lang), SHEETS["Activities"].column("fuel").label(lang),
            t("col.calc", lang), t("col.factor_source", lang)]
    return pd.DataFrame(out, columns=cols)


def chart_frame(inv: InventoryResult, lang: str) -> pd.DataFrame:
    """Rows with translated labels for the figures."""
    r = inv.rows
    return pd.DataFrame({
        "scope": r["scope"].astype("string").fillna("").tolist(),
        "scope_label": map_distinct(r["scope"], lambda s: scope_label(s, lang)),
        "category_label": map_distinct(r["category"], lambda c: category_label(c, lang)),
        "source_label": r["source"].fillna("").astype(str).tolist(),
        "tco2e": r["tco2e"].fillna(0.0).to_numpy(),
        "share_pct": r["share_pct"].to_numpy(),
    })


def problems_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """Problems as a table: the message (what is wrong and how to fix it, in ``lang``) first,
    then where (sheet, Excel row, column) and the severity."""
    return pd.DataFrame({
        t("problems.message", lang): [p.message(lang) for p in problems],
        t("problems.sheet", lang): [sheet_label(p.sheet, lang) for p in problems],
        t("problems.row", lang): [p.row if p.row is not None else "" for p in problems],
        t("problems.column", lang): [column_label(p.sheet, p.column, lang) for p in problems],
        t("problems.severity", lang): [t(f"severity.{p.severity}", lang) for p in problems],
    })


def editor_config(lang: str, extra_fuels: list[str]) -> dict:
    """``st.data_editor`` column configuration of the Activities table (dropdowns, bounds)."""
    sheet = SHEETS["Activities"]
    lib = load_library()
    fuels = list(lib.fuels.index) + [f for f in extra_fuels if f not in lib.fuels.index]
    label = {c.key: c.label(lang) for c in sheet.columns}
    helps = {c.key: c.help(lang) for c in sheet.columns}
    cc = st.column_config
    return {
        "site": cc.TextColumn(label["site"], help=helps["site"]),
        "scope": cc.SelectboxColumn(label["scope"], options=[1, 2, 3], required=True, help=helps["scope"]),
        "category": cc.SelectboxColumn(label["category"], options=list(CATEGORY_SCOPE), required=True,
                                       format_func=lambda k: category_label(k, lang), help=helps["category"]),
        "source": cc.TextColumn(label["source"], required=True, help=helps["source"]),
        "fuel": cc.SelectboxColumn(label["fuel"], options=fuels, format_func=lambda k: fuel_label(k, lang),
                                   help=helps["fuel"]),
        "quantity": cc.NumberColumn(label["quantity"], min_value=0.0, format="localized",
                                    help=helps["quantity"]),
        "unit": cc.SelectboxColumn(label["unit"], options=list(lib.units.index), help=helps["unit"]),
        "factor_tco2e_per_unit": cc.NumberColumn(label["factor_tco2e_per_unit"], min_value=0.0,
                                                 format="%.7f", help=helps["factor_tco2e_per_unit"]),
        "tco2e": cc.NumberColumn(label["tco2e"], min_value=0.0, format="localized", help=helps["tco2e"]),
    }


def editor_to_table(edited: pd.DataFrame) -> pd.DataFrame:
    """The editor's output with the schema's dtypes (so edits compare and compute cleanly)."""
    base = SHEETS["Activities"].keys
    out = edited.reset_index(drop=True)[base].copy()
    out["scope"] = pd.to_numeric(out["scope"], errors="coerce").astype("Int64")
    for col in ("quantity", "factor_tco2e_per_unit", "tco2e"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in ("site", "category", "source", "fuel", "unit"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
        out[col] = out[col].map(lambda v: v.strip() or None if isinstance(v, str) else v)
    return out
