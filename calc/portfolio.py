"""A portfolio of measures applied to the inventory: no double counting, wedges by year, the gap.

References
----------
.. [1] Training deck, sections 2–4 (seed-digest §2–3): the target path, the measures' savings.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from calc.units import unit_table

__all__ = ["apply_to_inventory", "emissions_by_year"]


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
        saving is larger than what is left), ``applied_tco2e``, ``scope`` (of the matched
        sources) and ``issue``: None, ``fuel_not_used`` (no source of that fuel at the site),
        ``exceeds_source`` (capped) or the measure's own status.

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
    dims = rows["unit"].map(units["dimension"]).to_numpy()
    out = []
    for m in savings.itertuples():
        rec = {"id": m.id, "available_quantity": np.nan, "applied_fraction": 0.0, "applied_tco2e": 0.0,
               "scope": None, "issue": None if m.status == "ok" else m.status}
        if m.status != "ok":
            out.append(rec)
            continue
        dim = units["dimension"].get(m.saving_unit)
        mask = (rows["fuel"] == m.fuel).to_numpy() & (dims == dim)
        if isinstance(m.site, str) and m.site:
            mask &= (rows["site"] == m.site).to_numpy()
        if isinstance(m.source, str) and m.source:
            mask &= (rows["source"] == m.source).to_numpy()
        if not mask.any():
            rec["issue"] = "fuel_not_used"
            out.append(rec)
            continue
        k = units.at[m.saving_unit, "factor_to_base"]
        available = remaining[mask].sum()
        wanted = m.saving_quantity * k
        fraction = 1.0 if wanted <= available * (1 + 1e-12) else (available / wanted if wanted > 0 else 0.0)
        if available > 0:
            remaining[mask] -= remaining[mask] * min(wanted / available, 1.0)
        scopes = rows.loc[mask, "scope"].dropna().astype(int).unique()
        rec.update(available_quantity=available / k, applied_fraction=fraction,
                   applied_tco2e=m.reduction_tco2e * fraction,
                   scope=str(scopes[0]) if len(scopes) == 1 else None,
                   issue="exceeds_source" if fraction < 1.0 else None)
        out.append(rec)
    frame = pd.DataFrame(out, columns=["id", "available_quantity", "applied_fraction", "applied_tco2e",
                                       "scope", "issue"])
    for col in ("scope", "issue"):  # keep None (not NaN) for "no scope" / "no issue"
        frame[col] = pd.Series([r[col] for r in out], dtype=object)
    return frame


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
    A measure saves from its start year for its lifetime (start ≤ y < start + lifetime; no
    start year = the year after the base year; no lifetime = for good).
    """
    years = bau.index.to_numpy()
    # ids as objects on both sides: an empty measures table has a float "id" column
    merged = savings[["id", "start_year", "lifetime_years"]].astype({"id": object}).merge(
        applied.astype({"id": object}), on="id", how="left")
    wedges = {}
    for m in merged.itertuples():
        if scopes is not None and m.scope is not None and m.scope not in scopes:
            continue
        start = m.start_year if np.isfinite(m.start_year) else years[0] + 1
        end = start + m.lifetime_years if np.isfinite(m.lifetime_years) and m.lifetime_years > 0 else np.inf
        active = (years >= start) & (years < end)
        wedges[m.id] = np.where(active, m.applied_tco2e if np.isfinite(m.applied_tco2e) else 0.0, 0.0)
    wedges = pd.DataFrame(wedges, index=bau.index)
    reduction = wedges.sum(axis=1) if len(wedges.columns) else pd.Series(0.0, index=bau.index)
    with_measures = bau - reduction
    target_values = target.reindex(bau.index) if target is not None else pd.Series(np.nan, index=bau.index)
    table = pd.DataFrame({"bau_tco2e": bau, "reduction_tco2e": reduction, "with_measures_tco2e": with_measures,
                          "target_tco2e": target_values, "gap_tco2e": with_measures - target_values})
    return table, wedges


def evaluate_portfolio(savings: pd.DataFrame, inventory_rows: pd.DataFrame, target=None,
                       total_tco2e: float = 0.0, base_year: int = 2021, years: int = 10
                       ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Applied measures, the year table and the wedges against a target (or a flat BAU).

    With a target (:class:`calc.targets.TargetResult`), its BAU line and total path over its
    years and only the reductions on its scopes; without one, a flat BAU at ``total_tco2e`` from
    ``base_year`` for ``years`` years.
    """
    applied = apply_to_inventory(savings, inventory_rows)
    if target is not None:
        from calc.targets import TARGET_SCOPES
        path = target.lines[target.lines.columns[-1]]
        table, wedges = emissions_by_year(target.bau, savings, applied, path, TARGET_SCOPES[target.scope])
    else:
        span = np.arange(base_year, base_year + years + 1)
        bau = pd.Series(total_tco2e, index=pd.Index(span, name="year"))
        table, wedges = emissions_by_year(bau, savings, applied)
    return applied, table, wedges
