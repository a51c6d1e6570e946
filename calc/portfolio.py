"""A portfolio of measures applied to the inventory: no double counting, wedges by year, the gap.

References
----------
.. [1] Training deck, sections 2–4 (seed-digest §2–3): the target path, the measures' savings.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from calc.units import unit_table

__all__ = ["apply_to_inventory", "matched_rows", "scale_capped", "emissions_by_year", "evaluate_portfolio"]

#: Columns of :func:`calc.measures.measure_savings` that are yearly amounts of the saving itself,
#: scaled by :func:`scale_capped` to the share the inventory can take.
CAPPED_COLUMNS = ("saving_quantity", "saving_kwh", "saving_toe", "reduction_tco2e", "switch_tco2e",
                  "energy_cost_saving")


def apply_to_inventory(savings: pd.DataFrame, inventory_rows: pd.DataFrame) -> pd.DataFrame:
    """Apply measures, in order, to the activity rows they save on.

    Parameters
    ----------
    savings : DataFrame
        From :func:`calc.measures.measure_savings`.
    inventory_rows : DataFrame
        :attr:`calc.inventory.InventoryResult.rows` (``site, scope, source, fuel, quantity, unit``).

    Returns
    -------
    DataFrame
        Per measure: ``id``, ``available_quantity`` (what the matched sources still use before
        this measure, in the measure's saving unit), ``applied_fraction`` (1, or less when the
        saving is larger than what is left; 0 when nothing is applied), ``applied_tco2e``,
        ``capped_share`` (applied / claimed for a capped measure, 1.0 when it is not capped:
        the factor :func:`scale_capped` applies), ``scope`` (of the matched sources) and
        ``issue``: None, ``fuel_not_used`` (no source of that fuel at the site),
        ``exceeds_source`` (capped) or the measure's own status. One row per savings row, in
        the same order.

    Notes
    -----
    A measure matches the activity rows with its fuel, and its site and source when given. Two
    measures on the same source cannot save more than the source uses: each one takes from what
    the previous ones left (in sequence), and a saving beyond that is capped and flagged.
    """
    units = unit_table()
    rows = inventory_rows.reset_index(drop=True)
    remaining = np.array(pd.to_numeric(rows["quantity"], errors="coerce").fillna(0.0)
                         * rows["unit"].map(units["factor_to_base"]).astype(float).fillna(0.0), dtype=float)
    scope_of: dict[tuple, object] = {}  # the key a measure matches on → the one scope of its rows, or None
    scopes_all = pd.to_numeric(rows["scope"], errors="coerce").to_numpy(dtype=float)
    out = []
    for m, match in zip(savings.itertuples(), _matches(savings, rows, units)):
        rec = {"id": m.id, "available_quantity": np.nan, "applied_fraction": 0.0, "applied_tco2e": 0.0,
               "capped_share": 1.0, "scope": None, "issue": None if m.status == "ok" else m.status}
        if match is None:
            out.append(rec)
            continue
        key, mask = match  # the matched rows' positions
        if not len(mask):
            rec["issue"] = "fuel_not_used"
            out.append(rec)
            continue
        k = units.at[m.saving_unit, "factor_to_base"]
        available = remaining[mask].sum()
        wanted = m.saving_quantity * k
        fraction = 1.0 if wanted <= available * (1 + 1e-12) else (available / wanted if wanted > 0 else 0.0)
        if available > 0:
            remaining[mask] -= remaining[mask] * min(wanted / available, 1.0)
        if key not in scope_of:
            scopes = np.unique(scopes_all[mask][~np.isnan(scopes_all[mask])])
            scope_of[key] = str(int(scopes[0])) if len(scopes) == 1 else None
        rec.update(available_quantity=available / k, applied_fraction=fraction,
                   applied_tco2e=m.reduction_tco2e * fraction, capped_share=fraction,
                   scope=scope_of[key],
                   issue="exceeds_source" if fraction < 1.0 else None)
        out.append(rec)
    frame = pd.DataFrame(out, columns=["id", "available_quantity", "applied_fraction", "applied_tco2e",
                                       "capped_share", "scope", "issue"])
    for col in ("scope", "issue"):  # keep None (not NaN) for "no scope" / "no issue"
        frame[col] = pd.Series([r[col] for r in out], dtype=object)
    return frame


def _positions_by_key(columns: list[pd.Series]) -> dict[tuple, np.ndarray]:
    """Row positions of each distinct combination of the columns' values (rows with a missing
    value in any of them belong to no combination): one factorize per column and one stable sort,
    instead of comparing every row with every measure."""
    codes, uniques = zip(*(pd.factorize(col, use_na_sentinel=True) for col in columns))
    combined = np.zeros(len(codes[0]), dtype=np.int64)
    valid = np.ones(len(codes[0]), dtype=bool)
    for c, u in zip(codes, uniques):
        valid &= c >= 0
        combined = combined * (len(u) + 1) + c
    positions = np.flatnonzero(valid)
    order = positions[np.argsort(combined[positions], kind="stable")]
    if not len(order):
        return {}
    sorted_keys = combined[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    groups = np.split(order, starts[1:])
    first = order[starts]  # one row of each combination gives its key values
    values = [np.asarray(u, dtype=object)[c[first]].tolist() for c, u in zip(codes, uniques)]
    return dict(zip(zip(*values), groups))


def matched_rows(savings: pd.DataFrame, inventory_rows: pd.DataFrame) -> list[np.ndarray]:
    """The inventory row positions each measure saves on (the rule of :func:`apply_to_inventory`:
    its fuel and unit dimension, and its site and source when given); empty for a measure whose
    status is not ``ok`` or that matches no row. One array per savings row, in order."""
    none = np.array([], dtype=np.intp)
    return [none if match is None else np.asarray(match[1], dtype=np.intp)
            for match in _matches(savings, inventory_rows.reset_index(drop=True), unit_table())]


def _matches(savings: pd.DataFrame, rows: pd.DataFrame, units: pd.DataFrame) -> list[tuple[tuple, np.ndarray] | None]:
    """Per savings row: (the key it matches on, the positions of the ``rows`` it matches), or None
    when its status is not ``ok``. A measure matches the rows of its fuel and unit dimension, and
    of its site and source when given. The rows of each (fuel, dimension), (…, site), (…, source)
    and (…, site, source) are found once, when first needed: matching is a lookup, not a
    comparison over every row (1,000 measures × 100,000 rows)."""
    keys = {"fuel": rows["fuel"], "dim": rows["unit"].map(units["dimension"]),
            "site": rows.get("site", pd.Series(None, index=rows.index)), "source": rows["source"]}
    index: dict[tuple, dict] = {}  # key columns → {key values: row positions}
    none = np.array([], dtype=np.intp)
    out = []
    for m in savings.itertuples():
        if m.status != "ok":
            out.append(None)
            continue
        by, key = ["fuel", "dim"], [m.fuel, units["dimension"].get(m.saving_unit)]
        for col, value in (("site", m.site), ("source", m.source)):
            if isinstance(value, str) and value:
                by.append(col), key.append(value)
        by, key = tuple(by), tuple(key)
        if by not in index:
            index[by] = _positions_by_key([keys[col] for col in by])
        out.append(((by, key), index[by].get(key, none)))
    return out


def scale_capped(savings: pd.DataFrame, applied: pd.DataFrame) -> pd.DataFrame:
    """The savings as counted: each capped measure's yearly saving scaled to what its source has.

    Parameters
    ----------
    savings : DataFrame
        From :func:`calc.measures.measure_savings`.
    applied : DataFrame
        From :func:`apply_to_inventory` on ``savings`` (one row per measure, same order).

    Returns
    -------
    DataFrame
        A copy of ``savings`` with ``saving_quantity``, ``saving_kwh``, ``saving_toe``,
        ``reduction_tco2e``, ``switch_tco2e`` and ``energy_cost_saving`` multiplied by the
        measure's ``capped_share`` s, ``annualised_cost`` and ``abatement_cost_per_tco2e``
        recomputed from them, and the column ``capped_share``. Measures that are not capped
        (s = 1) are unchanged; ``before_quantity``/``after_quantity`` stay the measure's own
        (claimed) figures. Money saved, NPV, the finance page and the MACC then use the amount
        the inventory counts.

    Notes
    -----
    The investment, operating cost change and other income do not scale (the measure is still
    bought and run); only the energy saved does:

    .. math:: C'_{ann} = capex \\cdot CRF + \\Delta opex - s \\cdot S_{money} - income
              = C_{ann} + (1 - s) S_{money}, \\qquad c' = C'_{ann} / (s \\cdot tCO_2e)

    Example (issue "one results model"): a measure claiming 32.16 tCO2e on a source with
    25.67 t left has s = 25.67 / 32.16 and is shown and appraised at 25.67 t.
    """
    if len(applied) != len(savings):
        raise ValueError("applied must come from apply_to_inventory(savings, ...): one row per measure")
    out = savings.copy()
    share = pd.to_numeric(applied["capped_share"], errors="coerce").fillna(1.0).to_numpy(dtype=float)
    money = pd.to_numeric(savings["energy_cost_saving"], errors="coerce").to_numpy(dtype=float)
    for col in CAPPED_COLUMNS:
        if col in out:
            out[col] = pd.to_numeric(out[col], errors="coerce").to_numpy(dtype=float) * share
    annual = pd.to_numeric(savings["annualised_cost"], errors="coerce").to_numpy(dtype=float)
    out["annualised_cost"] = np.where(share < 1.0, annual + (1.0 - share) * money, annual)
    reduction = out["reduction_tco2e"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_t = np.where(reduction > 0, out["annualised_cost"].to_numpy(dtype=float) / reduction, np.nan)
    out["abatement_cost_per_tco2e"] = np.where(share < 1.0, per_t, savings["abatement_cost_per_tco2e"])
    out["capped_share"] = share
    return out


def emissions_by_year(bau: pd.Series, savings: pd.DataFrame, applied: pd.DataFrame,
                      target: pd.Series | None = None, scopes: tuple[str, ...] | None = None
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Emissions with the measures, year by year, and each measure's wedge.

    Parameters
    ----------
    bau : Series
        Business-as-usual emissions by year [tCO2e] (the target's BAU line).
    savings, applied : DataFrame
        From :func:`calc.measures.measure_savings` and :func:`apply_to_inventory`.
    target : Series, optional
        The target path's total by year: the gap is computed against it.
    scopes : tuple, optional
        The target's scopes: only reductions on sources of these scopes count.

    Returns
    -------
    (DataFrame, DataFrame)
        By year: ``bau_tco2e, reduction_tco2e, with_measures_tco2e, target_tco2e, gap_tco2e``
        (with measures − target; > 0 means still above the target); and the wedges: one column
        per measure id with its reduction in each year.

    Notes
    -----
    The same rule as the finance (:func:`calc.finance.measure_cashflows`): a measure saves its
    applied tCO2e every year from its start year on (a calendar year; no start year = the year
    after the first year of ``bau``). At the end of its life it is replaced (finance books the
    replacement capex), so its saving goes on; a blank lifetime means it lasts the whole
    analysis period, so it saves every year too. A lifetime ≤ 0 saves nothing (the validator
    refuses it; :func:`calc.measures.measure_savings` gives it status ``lifetime_invalid``).
    """
    years = bau.index.to_numpy()
    if len(applied) == len(savings):  # row by row (ids may repeat while the user types)
        merged = pd.concat([savings[["start_year", "lifetime_years"]].reset_index(drop=True),
                            applied.reset_index(drop=True)], axis=1)
    else:  # ids as objects on both sides: an empty measures table has a float "id" column
        merged = savings[["id", "start_year", "lifetime_years"]].astype({"id": object}).merge(
            applied.astype({"id": object}), on="id", how="left")
    wedges: dict = {}
    for m in merged.itertuples():
        if scopes is not None and m.scope is not None and m.scope not in scopes:
            continue
        start = m.start_year if np.isfinite(m.start_year) else years[0] + 1
        dead = bool(np.isfinite(m.lifetime_years) and m.lifetime_years <= 0)
        active = (years >= start) & (not dead)  # replaced at the end of each life: saves on
        wedge = np.where(active, m.applied_tco2e if np.isfinite(m.applied_tco2e) else 0.0, 0.0)
        wedges[m.id] = wedges[m.id] + wedge if m.id in wedges else wedge
    wedges = pd.DataFrame(wedges, index=bau.index)
    reduction = wedges.sum(axis=1) if len(wedges.columns) else pd.Series(0.0, index=bau.index)
    with_measures = bau - reduction
    target_values = target.reindex(bau.index) if target is not None else pd.Series(np.nan, index=bau.index)
    table = pd.DataFrame({"bau_tco2e": bau, "reduction_tco2e": reduction, "with_measures_tco2e": with_measures,
                          "target_tco2e": target_values, "gap_tco2e": with_measures - target_values})
    return table, wedges


def evaluate_portfolio(savings: pd.DataFrame, applied: pd.DataFrame, target=None,
                       total_tco2e: float = 0.0, base_year: int = 2021, years: int = 10
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The year table and the wedges against a target (or a flat BAU).

    ``applied`` is :func:`apply_to_inventory` of the measures (and ``savings`` the measures as
    counted, :func:`scale_capped`). With a target (:class:`calc.targets.TargetResult`), its BAU
    line and total path over its years and only the reductions on its scopes; without one, a
    flat BAU at ``total_tco2e`` from ``base_year`` for ``years`` years.
    """
    if target is not None:
        from calc.targets import TARGET_SCOPES
        path = target.lines[target.lines.columns[-1]]
        return emissions_by_year(target.bau, savings, applied, path, TARGET_SCOPES[target.scope])
    span = np.arange(base_year, base_year + years + 1)
    bau = pd.Series(total_tco2e, index=pd.Index(span, name="year"))
    return emissions_by_year(bau, savings, applied)
