"""Inputs of the life-cycle comparison (deck §4): the alternatives, hours of use, electricity price.

The scenario's ``LifeCycle`` sheet lists the alternatives (``alternative, watts, life_hours,
price``); the Finance sheet's ``lcc_hours_per_year`` and ``lcc_energy_price`` give the hours of
use per year and the electricity price (one value for the whole comparison, hence fields and not
columns). Whatever is blank takes the deck's case: halogen, CFL and LED lamps, 2,560 h/yr
(320 days × 8 h) and 1,642 VND/kWh. :func:`calc.appraisal.life_cycle_comparison` computes the
equivalent annual cost from them.

References
----------
.. [1] Training deck, section 4 "Phân tích vòng đời" (seed-digest §4): CFL lasts 5×, LED ≥ 20×
   a halogen lamp; the LED case's 2,560 h/yr and 1,642 VND/kWh (seed-digest §3).
"""
from __future__ import annotations

import pandas as pd

__all__ = ["DEFAULT_ALTERNATIVES", "DEFAULT_HOURS_PER_YEAR", "DEFAULT_ENERGY_PRICE", "lifecycle_inputs"]

#: The deck's lamps; the wattages, prices (VND) and the 2,000 h halogen life are ASSUMPTIONS to
#: replace with quotes.
DEFAULT_ALTERNATIVES = pd.DataFrame({
    "alternative": ["halogen", "cfl", "led"],
    "watts": [50.0, 11.0, 7.0],
    "life_hours": [2_000.0, 10_000.0, 40_000.0],
    "price": [20_000.0, 60_000.0, 100_000.0],
})
#: The LED case's hours of use: 320 days × 8 h.
DEFAULT_HOURS_PER_YEAR = 2_560.0
#: The LED case's electricity price [VND/kWh].
DEFAULT_ENERGY_PRICE = 1_642.0
COLUMNS = ("alternative", "watts", "life_hours", "price")


def _given(value) -> bool:
    return value is not None and not pd.isna(value)


def lifecycle_inputs(table: pd.DataFrame | None, fields: dict | None
                     ) -> tuple[pd.DataFrame, float, float]:
    """The alternatives, hours per year and energy price of the life-cycle comparison.

    Parameters
    ----------
    table : DataFrame or None
        The ``LifeCycle`` sheet (``alternative, watts, life_hours, price``).
    fields : dict or None
        The Finance sheet (``lcc_hours_per_year``, ``lcc_energy_price``).

    Returns
    -------
    (DataFrame, float, float)
        The alternatives (columns ``alternative, watts [W], life_hours [h], price``, floats;
        :data:`DEFAULT_ALTERNATIVES` when the sheet has no row with a name), the hours of use per
        year [h] (blank: 2,560) and the electricity price [currency/kWh] (blank: 1,642, the
        deck's VND price). A row's blank number stays NaN: the comparison shows it as missing.
    """
    fields = fields or {}
    rows = pd.DataFrame(columns=list(COLUMNS)) if table is None else table
    if "alternative" in rows:
        rows = rows[rows["alternative"].notna() & rows["alternative"].astype(str).str.strip().ne("")]
    if rows.empty:
        alternatives = DEFAULT_ALTERNATIVES.copy()
    else:
        alternatives = pd.DataFrame({
            "alternative": rows["alternative"].astype(str).str.strip().to_numpy(),
            **{c: pd.to_numeric(rows[c], errors="coerce").astype(float).to_numpy() if c in rows
               else float("nan") for c in COLUMNS[1:]},
        })
    hours = fields.get("lcc_hours_per_year")
    price = fields.get("lcc_energy_price")
    return (alternatives, float(hours) if _given(hours) else DEFAULT_HOURS_PER_YEAR,
            float(price) if _given(price) else DEFAULT_ENERGY_PRICE)
