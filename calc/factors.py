"""The emission-factor library and the factor table a scenario resolves from it.

The library is a versioned data file, ``calc/data/factors.toml``, holding units, fuels, fuel
factors (tCO2e and TOE per unit), Vietnam's grid factor by year and GWP-100 values for AR4, AR5
and AR6, each number with its ``source``. A scenario resolves one *factor table* from it: the
grid factor it uses (company value, a chosen year, or the latest year not after the base year),
refrigerant factors from its GWP set, and the company's own overrides (``Factors`` sheet).

References
----------
.. [1] Training deck, section 1, emission factor table (see seed-digest §1).
.. [2] MOIT Official letter 3505/BCT-KHCN (2011), TOE conversion factors.
.. [3] IPCC 2006 Guidelines, Vol. 2, Ch. 1, Table 1.4 (default CO2 factors).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

__all__ = [
    "FactorLibrary",
    "GridChoice",
    "GWP_SETS",
    "load_library",
    "choose_grid_factor",
    "resolve_factor_table",
]

GWP_SETS = ("AR4", "AR5", "AR6")
FACTOR_COLUMNS = [
    "fuel", "unit", "dimension", "tco2e_per_unit", "toe_per_unit", "source", "status", "origin",
]


@dataclass(frozen=True)
class FactorLibrary:
    """Read-only tables of the factor library (shared by every session, never mutated)."""

    version: str
    units: pd.DataFrame  # index: unit key; dimension, factor_to_base, aliases
    fuels: pd.DataFrame  # index: fuel key; name_en, name_vi, aliases, grid, refrigerant, ...
    factors: pd.DataFrame  # fuel, unit, tco2e_per_unit, toe_per_unit, source, status
    grid: pd.DataFrame  # fuel, year, tco2_per_mwh, source, status
    gwp: pd.DataFrame  # index: gas; ar4, ar5, ar6, source, status


@lru_cache(maxsize=1)
def load_library() -> FactorLibrary:
    """Load ``calc/data/factors.toml`` once per process (the data is read-only)."""
    raw = tomllib.loads(resources.files("calc").joinpath("data/factors.toml").read_text("utf-8"))
    units = pd.DataFrame(raw["unit"]).set_index("key")
    fuels = pd.DataFrame(raw["fuel"]).set_index("key")
    for flag in ("grid", "refrigerant"):
        fuels[flag] = fuels[flag].fillna(False).astype(bool)
    # synonyms users type ("Dầu DO", "EVN"); one listed under two fuels ("gas") is ambiguous
    aliases = fuels["aliases"] if "aliases" in fuels else pd.Series(None, index=fuels.index, dtype=object)
    fuels["aliases"] = [tuple(a) if isinstance(a, list) else () for a in aliases]
    factors = pd.DataFrame(raw["factor"])
    factors["dimension"] = factors["unit"].map(units["dimension"])
    if factors["dimension"].isna().any():  # a data-file error, caught by the library tests
        raise ValueError("factors.toml: a [[factor]] uses a unit missing from [[unit]]")
    grid = pd.DataFrame(raw["grid"])
    gwp = pd.DataFrame(raw["gwp"]).set_index("gas")
    return FactorLibrary(raw["version"], units, fuels, factors, grid, gwp)


@dataclass(frozen=True)
class GridChoice:
    """Which grid factor a scenario uses and why.

    ``rule`` is one of ``company_value`` (the Company sheet's ``grid_ef_tco2_per_mwh``),
    ``grid_ef_year`` (the library's value for the year the company chose), ``base_year`` (the
    latest library year not after the base year), ``latest`` (no year given: the newest value)
    or ``nearest_before_requested`` (the chosen year is not in the library: the latest before it).
    """

    tco2_per_mwh: float
    year: int | None
    rule: str
    source: str
    source_vi: str = ""  # the source in Vietnamese (the library's ``source_vi``), when there is one

    def source_in(self, lang: str) -> str:
        """The source in ``lang`` ("vi" or "en"); English when there is no Vietnamese text."""
        return self.source_vi if lang == "vi" and self.source_vi else self.source


def choose_grid_factor(
    library: FactorLibrary,
    *,
    grid_ef_tco2_per_mwh: float | None = None,
    grid_ef_year: int | None = None,
    base_year: int | None = None,
    fuel: str = "electricity_grid",
) -> GridChoice:
    """Choose the grid emission factor [tCO2/MWh] for a scenario.

    Notes
    -----
    Order: the company's own value if given; else the library's value for ``grid_ef_year``
    (or, when that year is missing, the latest year before it); else the latest year not after
    ``base_year``; else the latest year in the library. The grid factor changes every year
    (deck §1), so the page always states which one it used.
    """
    if grid_ef_tco2_per_mwh is not None and pd.notna(grid_ef_tco2_per_mwh):
        return GridChoice(float(grid_ef_tco2_per_mwh), None, "company_value", "Company sheet", "sheet Công ty")
    table = library.grid[library.grid["fuel"] == fuel].sort_values("year")

    def pick(year_limit: int | None, rule: str) -> GridChoice | None:
        rows = table if year_limit is None else table[table["year"] <= year_limit]
        if rows.empty:
            return None
        row = rows.iloc[-1]
        vi = row["source_vi"] if "source_vi" in row and isinstance(row["source_vi"], str) else ""
        return GridChoice(float(row["tco2_per_mwh"]), int(row["year"]), rule, str(row["source"]), vi)

    if grid_ef_year is not None and pd.notna(grid_ef_year):
        exact = table["year"] == int(grid_ef_year)
        choice = pick(int(grid_ef_year), "grid_ef_year" if exact.any() else "nearest_before_requested")
        if choice is not None:
            return choice
    if base_year is not None and pd.notna(base_year):
        choice = pick(int(base_year), "base_year")
        if choice is not None:
            return choice
    return pick(None, "latest")


def resolve_factor_table(
    library: FactorLibrary,
    grid: GridChoice,
    gwp_set: str = "AR5",
    overrides: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Build the factor table one scenario uses: one row per (fuel, dimension).

    Parameters
    ----------
    library : FactorLibrary
    grid : GridChoice
        The grid factor chosen for ``electricity_grid`` [tCO2/MWh].
    gwp_set : {"AR4", "AR5", "AR6"}
        GWP-100 set for refrigerant leaks.
    overrides : DataFrame, optional
        Company factors (``Factors`` sheet): ``fuel``, ``unit``, ``tco2e_per_unit``, optional
        ``toe_per_unit`` and ``source``. A row replaces the library's factor of the same fuel
        and unit dimension, or defines a new fuel.

    Returns
    -------
    DataFrame
        Columns ``fuel, unit, dimension, tco2e_per_unit, toe_per_unit, source, status, origin``
        with ``origin`` one of ``library``, ``grid``, ``gwp``, ``company``.

    Notes
    -----
    Refrigerant leak factor [tCO2e/kg] = GWP / 1000 (GHG Protocol: emissions = mass leaked ×
    GWP).
    """
    gwp_col = gwp_set.lower() if gwp_set in GWP_SETS else "ar5"
    base = library.factors.assign(origin="library")
    grid_fuels = library.fuels[library.fuels["grid"]]
    grid_rows = pd.DataFrame(
        {
            "fuel": grid_fuels.index,
            "unit": "MWh",
            "dimension": "energy",
            "tco2e_per_unit": grid.tco2_per_mwh,
            "toe_per_unit": grid_fuels["toe_per_mwh"].to_numpy(),
            "source": f"{grid.source} ({grid.year})" if grid.year else grid.source,
            "status": "C-S" if grid.rule != "company_value" else "company",
            "origin": "grid" if grid.rule != "company_value" else "company",
        }
    )
    refrigerants = library.fuels.index[library.fuels["refrigerant"]]
    gwp = library.gwp.loc[library.gwp.index.intersection(refrigerants)]
    gwp_rows = pd.DataFrame(
        {
            "fuel": gwp.index,
            "unit": "kg",
            "dimension": "mass",
            "tco2e_per_unit": gwp[gwp_col].to_numpy() / 1000.0,
            "toe_per_unit": float("nan"),
            "source": [f"GWP {gwp_set} = {v:g}: {s}" for v, s in zip(gwp[gwp_col], gwp["source"])],
            "status": gwp["status"].to_numpy(),
            "origin": "gwp",
        }
    )
    table = pd.concat([base, grid_rows, gwp_rows], ignore_index=True)
    if overrides is not None and len(overrides):
        own = overrides.dropna(subset=["fuel", "unit", "tco2e_per_unit"]).copy()
        own["dimension"] = own["unit"].map(library.units["dimension"])
        own = own.dropna(subset=["dimension"])
        if "toe_per_unit" not in own:
            own["toe_per_unit"] = float("nan")
        own["source"] = own.get("source", pd.Series(index=own.index, dtype=object)).fillna(
            "Company factor (Factors sheet)"
        )
        own = own.assign(status="company", origin="company")
        table = pd.concat([table, own[FACTOR_COLUMNS]], ignore_index=True)
    # later rows (company) win over earlier ones (library) for the same fuel and dimension
    table = table.drop_duplicates(subset=["fuel", "dimension"], keep="last")
    return table[FACTOR_COLUMNS].reset_index(drop=True)


def scenario_factor_table(company: dict, factors_sheet: pd.DataFrame | None = None
                          ) -> tuple[pd.DataFrame, GridChoice]:
    """The factor table and grid choice for a company's settings.

    Parameters
    ----------
    company : dict
        Company fields: ``grid_ef_tco2_per_mwh``, ``grid_ef_year``, ``base_year``, ``gwp_set``.
    factors_sheet : DataFrame, optional
        The scenario's ``Factors`` sheet (company overrides).
    """
    library = load_library()
    grid = choose_grid_factor(
        library,
        grid_ef_tco2_per_mwh=company.get("grid_ef_tco2_per_mwh"),
        grid_ef_year=company.get("grid_ef_year"),
        base_year=company.get("base_year"),
    )
    table = resolve_factor_table(library, grid, company.get("gwp_set") or "AR5", factors_sheet)
    return table, grid
