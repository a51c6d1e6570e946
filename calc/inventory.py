"""GHG inventory: emissions per activity row, per scope, per category and per site.

Emissions = activity quantity × emission factor (GHG Protocol Corporate Standard; deck §1).
A refrigerant leak is a quantity in kg × GWP / 1000. Everything here is vectorised over the
rows of the ``Activities`` table: one merge with the factor table, no Python loop per row.

References
----------
.. [1] WRI/WBCSD, *The GHG Protocol Corporate Accounting and Reporting Standard*, rev. ed.
.. [2] Training deck, section 1 "Xác định các nguồn phát thải chính" (seed-digest §1).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calc.units import unit_table

__all__ = [
    "ROW_STATUS",
    "InventoryResult",
    "emissions_by_row",
    "compute_inventory",
    "pareto",
    "CATEGORY_SCOPE",
]

#: Per-row status codes. Only ``ok``, ``row_factor`` and ``known`` rows carry emissions.
ROW_STATUS = (
    "ok",  # library or company factor
    "row_factor",  # the row's own factor_tco2e_per_unit
    "known",  # the row gives tco2e directly
    "unknown_fuel",
    "unknown_unit",
    "unit_incompatible",  # the fuel has no factor in this unit's dimension
    "missing_quantity",
)
SCOPES = ("1", "2", "3")

#: GHG Protocol categories in the deck's order, with the scope each belongs to.
CATEGORY_SCOPE: dict[str, int] = {
    "stationary": 1,
    "mobile": 1,
    "fugitive": 1,
    "electricity": 2,
    "heat_steam_cooling": 2,
    **{f"scope3_{i:02d}": 3 for i in range(1, 16)},
}


def _library_rows(lib_fuel: np.ndarray, lib_dimension: np.ndarray, fuel: np.ndarray,
                  dimension: np.ndarray) -> np.ndarray:
    """Position of each (``fuel``, ``dimension``) pair among the library's rows (NaN: none).

    A dictionary of the library's (fuel, dimension) text pairs: a pair with a blank or a value
    that is not text has no row. A merge costs ~10 ms and a MultiIndex lookup ~1 ms even for a
    handful of rows (this runs for the inventory, every measure table and every M&V meter);
    100,000 rows ≈ 20 ms. A library with a pair that is not text is looked up by MultiIndex.

    Raises
    ------
    ValueError
        When the library has several rows for one fuel and dimension.
    """
    if not all(isinstance(f, str) and isinstance(d, str) for f, d in zip(lib_fuel, lib_dimension)):
        lib_index = pd.MultiIndex.from_arrays([lib_fuel, lib_dimension])
        if not lib_index.is_unique:
            raise ValueError("factor table has several rows for one fuel and dimension")
        pos = lib_index.get_indexer(pd.MultiIndex.from_arrays([fuel, dimension])).astype(float)
        pos[pos < 0] = np.nan
        return pos
    index = {key: i for i, key in enumerate(zip(lib_fuel, lib_dimension))}
    if len(index) < len(lib_fuel):
        raise ValueError("factor table has several rows for one fuel and dimension")
    get = index.get
    return np.array([get((f, d), np.nan) if isinstance(f, str) and isinstance(d, str) else np.nan
                     for f, d in zip(fuel, dimension)], dtype=float)


def emissions_by_row(activities: pd.DataFrame, factor_table: pd.DataFrame) -> pd.DataFrame:
    """Emissions of every activity row.

    Parameters
    ----------
    activities : DataFrame
        Columns ``site, scope, category, source, fuel, quantity, unit,
        factor_tco2e_per_unit, tco2e`` (canonical keys; ``unit`` a canonical unit key).
    factor_table : DataFrame
        From :func:`calc.factors.resolve_factor_table`.

    Returns
    -------
    DataFrame
        The input columns plus ``factor_tco2e_per_unit`` (the factor used, per the row's own
        unit) [tCO2e/unit], ``factor_source``, ``factor_origin``, ``tco2e`` [tCO2e],
        ``toe`` [TOE], ``status`` (see :data:`ROW_STATUS`). ``share_pct`` is added by
        :func:`compute_inventory`.

    Notes
    -----
    For a library factor given per unit *u_f* and an activity in unit *u_a* of the same
    dimension:

    .. math:: E = Q \\cdot \\frac{k_a}{k_f} \\cdot EF_f

    where *k* is each unit's factor to the dimension's base unit (L, kg, kWh). A row's own
    ``factor_tco2e_per_unit`` wins over the library; a row's known ``tco2e`` wins over both.
    """
    units = unit_table()
    out = activities.copy()
    quantity = pd.to_numeric(out["quantity"], errors="coerce").astype(float)
    row_factor = pd.to_numeric(out["factor_tco2e_per_unit"], errors="coerce").astype(float)
    known = pd.to_numeric(out["tco2e"], errors="coerce").astype(float)
    k_a = out["unit"].map(units["factor_to_base"]).astype(float)
    dimension = out["unit"].map(units["dimension"])

    # the library row of each (fuel, dimension)
    lib = factor_table
    pos = _library_rows(lib["fuel"].to_numpy(dtype=object), lib["dimension"].to_numpy(dtype=object),
                        out["fuel"].to_numpy(dtype=object), dimension.to_numpy(dtype=object))
    found = ~np.isnan(pos)
    take = np.where(found, pos, 0).astype(int)

    def column(name, fill=np.nan):
        values = lib[name].to_numpy()
        return np.where(found, values[take] if len(values) else fill, fill)

    k_f = lib["unit"].map(units["factor_to_base"]).astype(float).to_numpy()
    k_f_rows = np.where(found, k_f[take] if len(k_f) else np.nan, np.nan)
    lib_factor = column("tco2e_per_unit").astype(float) * k_a.to_numpy() / k_f_rows
    toe_factor = column("toe_per_unit").astype(float) * k_a.to_numpy() / k_f_rows
    merged = {"source": column("source", None), "origin": column("origin", None)}
    fuel_known = out["fuel"].isin(factor_table["fuel"]).to_numpy()

    has_known = known.notna().to_numpy()
    has_row_factor = row_factor.notna().to_numpy()
    has_lib = ~np.isnan(lib_factor)
    conditions = [
        has_known,
        has_row_factor & quantity.notna().to_numpy(),
        quantity.isna().to_numpy(),
        has_row_factor,
        out["unit"].isna().to_numpy() | dimension.isna().to_numpy(),
        ~fuel_known,
        has_lib,
    ]
    choices = ["known", "row_factor", "missing_quantity", "missing_quantity", "unknown_unit",
               "unknown_fuel", "ok"]
    status = np.select(conditions, choices, default="unit_incompatible")

    factor = np.where(status == "row_factor", row_factor.to_numpy(),
                      np.where(status == "ok", lib_factor, np.nan))
    tco2e = np.where(status == "known", known.to_numpy(), quantity.to_numpy() * factor)
    out["factor_tco2e_per_unit"] = factor
    out["factor_source"] = np.where(
        status == "ok", merged["source"],
        np.where(status == "row_factor", "row", np.where(status == "known", "known", None)),
    )
    out["factor_origin"] = np.where(status == "ok", merged["origin"], status)
    out["tco2e"] = tco2e
    out["toe"] = np.where(status == "ok", quantity.to_numpy() * toe_factor, np.nan)
    out["status"] = status
    return out


@dataclass(frozen=True)
class InventoryResult:
    """An inventory: rows with emissions and the summaries the pages show.

    Attributes
    ----------
    rows : DataFrame
        :func:`emissions_by_row` output plus ``share_pct`` [% of total].
    total_tco2e : float
    by_scope : DataFrame
        Index ``"1", "2", "3"``; ``tco2e``, ``share_pct``.
    by_category : DataFrame
        ``scope, category, tco2e, share_pct`` in the deck's order (scope, then category).
    by_site : DataFrame
        ``site, tco2e, share_pct``.
    """

    rows: pd.DataFrame
    total_tco2e: float
    by_scope: pd.DataFrame
    by_category: pd.DataFrame
    by_site: pd.DataFrame


def _with_share(frame: pd.DataFrame, total: float) -> pd.DataFrame:
    frame["share_pct"] = frame["tco2e"] / total * 100.0 if total else 0.0
    return frame


def compute_inventory(activities: pd.DataFrame, factor_table: pd.DataFrame) -> InventoryResult:
    """Emissions per row and their sums per scope, category and site, with shares.

    Notes
    -----
    share = emissions of the group / total emissions × 100 [%]. Rows that cannot be computed
    (see :data:`ROW_STATUS`) count as zero and keep their status so the page can show why.
    """
    rows = emissions_by_row(activities, factor_table)
    tco2e = rows["tco2e"].fillna(0.0)
    total = float(tco2e.sum())
    rows["share_pct"] = tco2e / total * 100.0 if total else 0.0
    scope = rows["scope"].astype("string")
    by_scope = tco2e.groupby(scope).sum().reindex(list(SCOPES), fill_value=0.0)
    by_scope = _with_share(by_scope.rename("tco2e").to_frame(), total)
    by_category = (
        pd.DataFrame({"scope": scope, "category": rows["category"], "tco2e": tco2e})
        .groupby(["scope", "category"], sort=True, dropna=False)["tco2e"].sum().reset_index()
    )
    order = {key: i for i, key in enumerate(CATEGORY_SCOPE)}
    by_category = by_category.sort_values(
        ["scope", "category"], key=lambda col: col.map(order) if col.name == "category" else col
    ).reset_index(drop=True)
    by_category = _with_share(by_category, total)
    by_site = (
        pd.DataFrame({"site": rows["site"].fillna(""), "tco2e": tco2e})
        .groupby("site", sort=True)["tco2e"].sum().reset_index()
    )
    by_site = _with_share(by_site, total)
    return InventoryResult(rows, total, by_scope, by_category, by_site)


def pareto(rows: pd.DataFrame, threshold_pct: float = 80.0) -> pd.DataFrame:
    """Sources sorted by emissions with the cumulative share (Pareto analysis).

    Returns
    -------
    DataFrame
        ``source, scope, category, tco2e, share_pct, cumulative_pct, in_top`` (and ``site``
        first when the rows have one: a source of one name at two sites is two entries) where
        ``in_top`` marks the few sources that together reach ``threshold_pct`` of the total (the
        source that crosses the threshold is included).
    """
    columns = ["source", "scope", "category", "tco2e", "share_pct"]
    ordered = rows[(["site"] if "site" in rows.columns else []) + columns].copy()
    ordered["tco2e"] = ordered["tco2e"].fillna(0.0)
    ordered = ordered.sort_values("tco2e", ascending=False, kind="stable").reset_index(drop=True)
    cumulative = ordered["share_pct"].cumsum()
    ordered["cumulative_pct"] = cumulative
    ordered["in_top"] = (cumulative - ordered["share_pct"]) < threshold_pct
    return ordered
