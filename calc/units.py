"""Units of activity data: canonical keys, aliases, dimensions and conversions.

The unit table lives in ``calc/data/factors.toml`` (``[[unit]]``). Each unit belongs to one
dimension (volume, mass, energy) and converts to that dimension's base unit (L, kg, kWh) by a
constant factor, so conversions are vectorised Series maps.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from calc.factors import load_library

__all__ = ["unit_table", "canonical_unit", "unit_dimension", "convert"]


@lru_cache(maxsize=1)
def _alias_map() -> dict[str, str]:
    units = unit_table()
    out: dict[str, str] = {}
    for key, aliases in zip(units.index, units["aliases"]):
        out[key.casefold()] = key
        for alias in aliases:
            out[alias.strip().casefold()] = key
    return out


def unit_table() -> pd.DataFrame:
    """The unit table indexed by canonical key: ``dimension``, ``factor_to_base``, ``aliases``."""
    return load_library().units


def canonical_unit(text: object) -> str | None:
    """Canonical unit key for a user's spelling (``"lít"`` → ``"L"``), or None when unknown.

    Case and surrounding spaces are ignored.
    """
    if text is None:
        return None
    key = str(text).strip().casefold()
    return _alias_map().get(key)


def unit_dimension(units: pd.Series) -> pd.Series:
    """Dimension (``volume``, ``mass``, ``energy``) of each canonical unit key; NaN if unknown."""
    return units.map(unit_table()["dimension"])


def convert(quantity, from_unit: str, to_unit: str):
    """Convert a quantity between two units of the same dimension.

    Parameters
    ----------
    quantity : numeric
        Amount in ``from_unit``.
    from_unit, to_unit : str
        Canonical unit keys (or aliases).

    Returns
    -------
    numeric
        ``quantity × factor_to_base(from) / factor_to_base(to)``.

    Raises
    ------
    ValueError
        When a unit is unknown or the dimensions differ (e.g. kWh to L).
    """
    table = unit_table()
    src, dst = canonical_unit(from_unit), canonical_unit(to_unit)
    if src is None or dst is None:
        raise ValueError(f"unknown unit: {from_unit if src is None else to_unit!r}")
    if table.at[src, "dimension"] != table.at[dst, "dimension"]:
        raise ValueError(
            f"cannot convert {src} ({table.at[src, 'dimension']}) to {dst} "
            f"({table.at[dst, 'dimension']}) without a heating value or density"
        )
    ratio = table.at[src, "factor_to_base"] / table.at[dst, "factor_to_base"]
    return quantity * ratio
