"""Energy-saving measures: savings by method, TOE, tCO2e, money, investment, abatement cost.

The deck's six classes (section 3): short-term management, retrofit and loss reduction;
long-term equipment, technology and energy switch. Savings (section 4):

- before: A = units × rate before × hours × usage factor;
- after, ``rate_after``: B = units × rate after × hours × usage factor;
- after, ``saving_pct``: B = A × (1 − saving %) (the deck writes "× saving %" for the share
  that remains);
- ``direct``: a known saving per year;
- saving = A − B; CO2 reduction = saving × emission factor of that energy.

An energy switch (e.g. diesel forklifts → electric) adds consumption of another energy; its
emissions and cost are subtracted, so the net effect counts. Vectorised over measures.

Lifetime: a blank ``lifetime_years`` has one meaning everywhere: the measure lasts the whole
analysis period (no replacement, no salvage); a lifetime of 0 or less saves nothing (status
``lifetime_invalid``; the validator refuses it).

References
----------
.. [1] Training deck, sections 3–4 (seed-digest §3), the LED worked case.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from calc.finance import capital_recovery_factor  # re-exported: one CRF for the project
from calc.inventory import emissions_by_row
from calc.units import unit_table

__all__ = ["CLASSES", "RATE_UNIT_ENERGY", "DEFAULT_ANALYSIS_YEARS", "ERROR_STATUSES", "load_catalogue",
           "catalogue_measure", "capital_recovery_factor", "inventory_units", "measure_savings", "macc_table"]

#: class → term ("short" or "long"), in the deck's order.
CLASSES = {"management": "short", "retrofit": "short", "loss_reduction": "short",
           "equipment": "long", "technology": "long", "energy_switch": "long"}
#: unit of a consumption rate → unit of the energy it uses over hours.
RATE_UNIT_ENERGY = {"kW": "kWh", "L/h": "L", "kg/h": "kg", "t/h": "t", "m3/h": "m3"}
#: Analysis period a blank lifetime stands for when the caller gives none (the Finance sheet's
#: default, as :data:`calc.appraisal.DEFAULTS`).
DEFAULT_ANALYSIS_YEARS = 10
#: Status codes of a measure that cannot be counted (every other row has status ``ok``).
ERROR_STATUSES = ("missing_inputs", "unit_missing", "unknown_fuel", "unit_incompatible", "switch_unknown",
                  "negative_saving", "lifetime_invalid")


@lru_cache(maxsize=1)
def load_catalogue() -> pd.DataFrame:
    """The bilingual catalogue of the deck's example measures with default parameters
    (``calc/data/measures_catalogue.toml``; defaults other than the LED case are assumptions)."""
    raw = tomllib.loads(resources.files("calc").joinpath("data/measures_catalogue.toml").read_text("utf-8"))
    return pd.DataFrame(raw["measure"]).set_index("key")


def catalogue_measure(key: str, lang: str, columns) -> dict:
    """A Measures row (``columns`` → value) with a catalogue entry's defaults, named in ``lang``;
    columns the entry does not give are None. The caller sets id, site, source and start year."""
    entry = load_catalogue().loc[key]
    row = {c: (entry[c] if c in entry.index and not pd.isna(entry[c]) else None) for c in columns}
    row["name"] = entry["name_vi" if lang == "vi" else "name_en"]
    return row


def _num(frame: pd.DataFrame, col: str, default=np.nan) -> np.ndarray:
    values = pd.to_numeric(frame[col], errors="coerce").astype(float) if col in frame else \
        pd.Series(np.nan, index=frame.index)
    return values.fillna(default).to_numpy() if default is not np.nan else values.to_numpy()


def _factors(fuel, quantity, unit, factor_table) -> pd.DataFrame:
    rows = pd.DataFrame({"site": None, "scope": pd.array([pd.NA] * len(fuel), dtype="Int64"),
                         "category": None, "source": None, "fuel": fuel, "quantity": quantity,
                         "unit": unit, "factor_tco2e_per_unit": np.nan, "tco2e": np.nan})
    return emissions_by_row(rows, factor_table)


def inventory_units(activities: pd.DataFrame | None) -> dict[str, str]:
    """The unit each fuel has in the inventory: fuel → unit, for fuels whose activity rows (with
    a quantity) all use one unit; a fuel given in several units, or absent, has none."""
    if activities is None or activities.empty or not {"fuel", "unit"} <= set(activities.columns):
        return {}
    rows = activities[activities["fuel"].notna() & activities["unit"].notna()]
    if "quantity" in rows:
        rows = rows[pd.to_numeric(rows["quantity"], errors="coerce").notna()]
    units = rows.groupby("fuel")["unit"].agg(lambda u: set(u))
    return {fuel: next(iter(u)) for fuel, u in units.items() if len(u) == 1}


def measure_savings(measures: pd.DataFrame, factor_table: pd.DataFrame,
                    discount_rate_pct: float = 0.0, activities: pd.DataFrame | None = None,
                    analysis_years: float | None = None) -> pd.DataFrame:
    """Savings, emissions, money and abatement cost of every measure row.

    Parameters
    ----------
    measures : DataFrame
        The ``Measures`` sheet (canonical columns).
    factor_table : DataFrame
        The scenario's factor table (:func:`calc.factors.scenario_factor_table`).
    discount_rate_pct : float
        For the annualised cost of the MACC [%/yr].
    activities : DataFrame, optional
        The ``Activities`` sheet (or the inventory's rows): a direct measure without a saving
        unit takes the unit its fuel has there (:func:`inventory_units`).
    analysis_years : float, optional
        The Finance sheet's analysis period: the life a blank lifetime stands for in the
        annualised cost (default :data:`DEFAULT_ANALYSIS_YEARS`).

    Returns
    -------
    DataFrame
        Per measure: ``id, name, category, term, site, source, fuel, method, saving_unit,
        before_quantity`` (A), ``after_quantity`` (B), ``saving_quantity`` (A − B or the known
        saving), ``saving_kwh`` (energy units only), ``saving_toe``, ``reduction_tco2e`` (net of
        an energy switch), ``switch_tco2e``, ``energy_cost_saving`` (net), ``capex`` (equipment
        + labour + other), ``opex_change``, ``other_income``, ``lifetime_years``, ``start_year``,
        ``annualised_cost`` (capex × CRF + opex change − cost saving − other income) and
        ``abatement_cost_per_tco2e``, ``status`` (``ok`` or a problem code:
        ``missing_inputs``, ``unit_missing``, ``unknown_fuel``, ``unit_incompatible``,
        ``switch_unknown``, ``negative_saving``, ``lifetime_invalid``) and ``note`` (None, or
        ``unit_from_inventory`` when a direct measure's blank unit was taken from the inventory).

        ``lifetime_years`` stays blank (NaN) for a blank lifetime: the measure lasts the whole
        analysis period (CRF over ``analysis_years``; no replacement, no salvage). A lifetime
        ≤ 0 saves nothing: its savings, tCO2e and money are 0 and its costs NaN.

    Notes
    -----
    LED case (deck): A = 1,000 × 0.04 kW × 2,560 h × 0.9 = 92,160 kWh; B = 46,080 kWh; saving
    46,080 kWh × 1,642 VND = 75,663,360 VND/yr; 7.11 TOE; 46,080 × 0.0008041 = 37.05 tCO2/yr.
    """
    m = measures.reset_index(drop=True)
    n = len(m)
    method = m["method"].fillna("direct").to_numpy() if n else np.array([], dtype=object)
    units = _num(m, "units", 1.0)
    usage = _num(m, "usage_factor", 1.0)
    hours = _num(m, "hours_per_year")
    before = units * _num(m, "rate_before") * hours * usage
    after_rate = units * _num(m, "rate_after") * hours * usage
    after_pct = before * (1.0 - _num(m, "saving_pct") / 100.0)
    direct = _num(m, "saving_quantity")
    after = np.select([method == "rate_after", method == "saving_pct"], [after_rate, after_pct], np.nan)
    saving = np.where(method == "direct", direct, before - after)
    rate_unit = m["rate_unit"].map(RATE_UNIT_ENERGY) if n else pd.Series(dtype=object)
    given_unit = m["saving_unit"].to_numpy(dtype=object) if n else np.array([], dtype=object)
    fuel = m["fuel"].to_numpy(dtype=object) if n else np.array([], dtype=object)
    # a direct measure without a unit: the unit its fuel has in the inventory, else unit_missing
    no_unit = (method == "direct") & pd.isna(given_unit)
    known_units = inventory_units(activities) if no_unit.any() else {}
    inferred = np.array([known_units.get(f) if isinstance(f, str) else None for f in fuel], dtype=object)
    from_inventory = no_unit & pd.notna(inferred)
    direct_unit = np.where(from_inventory, inferred, given_unit)
    saving_unit = np.where(method == "direct", direct_unit, rate_unit.to_numpy(dtype=object))

    main = _factors(fuel, saving, saving_unit, factor_table)
    has_switch = m["switch_fuel"].notna().to_numpy() if n else np.array([], dtype=bool)
    switch_qty = np.where(has_switch, _num(m, "switch_quantity_per_year", 0.0), 0.0)
    switch = _factors(m["switch_fuel"].where(m["switch_fuel"].notna(), None).to_numpy() if n else [],
                      switch_qty, m["switch_unit"].to_numpy() if n else [], factor_table)
    switch_tco2e = np.where(has_switch, switch["tco2e"].to_numpy(), 0.0)
    switch_toe = np.where(has_switch, switch["toe"].fillna(0.0).to_numpy(), 0.0)

    price = _num(m, "energy_price_per_unit", 0.0)
    cost_saving = price * saving - _num(m, "switch_price_per_unit", 0.0) * switch_qty
    capex = _num(m, "capex_equipment", 0.0) + _num(m, "capex_labour", 0.0) + _num(m, "capex_other", 0.0)
    opex = _num(m, "opex_change_per_year", 0.0)
    income = _num(m, "other_income_per_year", 0.0)
    life = _num(m, "lifetime_years")
    period = DEFAULT_ANALYSIS_YEARS if analysis_years is None or pd.isna(analysis_years) else float(analysis_years)
    dead = ~np.isnan(life) & (life <= 0)  # a lifetime of 0 years saves nothing
    reduction = main["tco2e"].to_numpy() - switch_tco2e
    annualised = (capex * capital_recovery_factor(discount_rate_pct / 100.0, np.where(np.isnan(life), period, life))
                  + opex - cost_saving - income)
    dims = pd.Series(saving_unit, dtype=object).map(unit_table()["dimension"]).to_numpy()
    to_kwh = pd.Series(saving_unit, dtype=object).map(unit_table()["factor_to_base"]).to_numpy(dtype=float)
    saving_kwh = np.where(dims == "energy", saving * to_kwh, np.nan)
    saving_toe = main["toe"].to_numpy() - switch_toe

    main_status = main["status"].to_numpy()
    missing = np.isnan(saving) | ((method != "direct") & pd.isna(saving_unit))
    unit_missing = pd.isna(saving_unit) & ~missing
    bad_unit = ~np.isin(main_status, ["ok", "row_factor", "known", "unknown_fuel"])  # e.g. unknown_unit
    status = np.select(
        [missing, unit_missing, main_status == "unknown_fuel", (main_status == "unit_incompatible") | bad_unit,
         has_switch & ~np.isin(switch["status"].to_numpy(), ["ok"]), saving < 0, dead],
        ["missing_inputs", "unit_missing", "unknown_fuel", "unit_incompatible", "switch_unknown",
         "negative_saving", "lifetime_invalid"],
        default="ok")
    if dead.any():  # saves nothing: no yearly saving, and no cost per year or per tonne to speak of
        saving, cost_saving = np.where(dead, 0.0, saving), np.where(dead, 0.0, cost_saving)
        saving_kwh = np.where(dead & (dims == "energy"), 0.0, saving_kwh)
        saving_toe, reduction = np.where(dead, 0.0, saving_toe), np.where(dead, 0.0, reduction)
        switch_tco2e = np.where(dead, 0.0, switch_tco2e)
        annualised = np.where(dead, np.nan, annualised)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_t = np.where(reduction > 0, annualised / reduction, np.nan)
    note = np.where(from_inventory & (status == "ok"), "unit_from_inventory", None)
    category = m["category"] if n else pd.Series(dtype=object)
    return pd.DataFrame({
        "id": m["id"] if n else [], "name": m["name"] if n else [], "category": category,
        "term": category.map(CLASSES), "site": m["site"] if n else [], "source": m["source"] if n else [],
        "fuel": fuel, "method": method, "saving_unit": saving_unit,
        "before_quantity": np.where(method == "direct", np.nan, before),
        "after_quantity": np.where(method == "direct", np.nan, after),
        "saving_quantity": saving, "saving_kwh": saving_kwh, "saving_toe": saving_toe,
        "reduction_tco2e": reduction, "switch_tco2e": switch_tco2e,
        "energy_cost_saving": cost_saving, "capex": capex, "opex_change": opex, "other_income": income,
        "lifetime_years": life, "start_year": _num(m, "start_year"),
        "annualised_cost": annualised, "abatement_cost_per_tco2e": per_t, "status": status,
        "note": pd.Series(note, dtype=object),
    })


def macc_table(savings: pd.DataFrame) -> pd.DataFrame:
    """Measures for a marginal abatement cost curve: cheapest first (negative costs save money).

    Returns
    -------
    DataFrame
        ``id, name, tco2e_per_year, cost_per_tco2e, cumulative_tco2e`` for measures with a
        positive reduction and a finite cost, sorted by cost per tCO2e.
    """
    ok = savings[(savings["reduction_tco2e"] > 0) & np.isfinite(savings["abatement_cost_per_tco2e"])]
    out = ok.rename(columns={"reduction_tco2e": "tco2e_per_year", "abatement_cost_per_tco2e": "cost_per_tco2e"})
    out = out[["id", "name", "tco2e_per_year", "cost_per_tco2e"]].sort_values("cost_per_tco2e", kind="stable")
    out["cumulative_tco2e"] = out["tco2e_per_year"].cumsum()
    return out.reset_index(drop=True)
