"""Reduction targets: absolute and intensity paths, the deck's scope split, BAU and the SBTi check.

Conventions: years are integers; a reduction is a fraction of the base-year value (0.30 for
-30 %); paths hold the target level after the target year. Everything is vectorised over years.

References
----------
.. [1] Training deck, section 2 "Thiết lập mục tiêu" (seed-digest §2): absolute and intensity
   targets, base 2021, -30 % by 2030, Scope 1 -10 % with Scope 2 taking the remainder.
.. [2] SBTi Corporate Near-Term Criteria: 4.2 %/yr linear (1.5 °C) and 2.5 %/yr (well-below
   2 °C) absolute contraction; 5–10 year timeframe; ≥ 95 % of Scope 1+2 covered; a Scope 3
   target when Scope 3 is ≥ 40 % of Scopes 1+2+3 (factors.md §5).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = [
    "SBTI_1_5C_PCT_PER_YEAR", "SBTI_WB2C_PCT_PER_YEAR", "TARGET_SCOPES", "path_factor",
    "reduction_fraction", "absolute_path", "scope_lines", "bau_path", "activity_by_year",
    "intensity_path", "sbti_check", "TargetResult", "rising_scopes", "evaluate_targets",
]

SBTI_1_5C_PCT_PER_YEAR = 4.2
SBTI_WB2C_PCT_PER_YEAR = 2.5
SBTI_MIN_YEARS, SBTI_MAX_YEARS = 5, 10
SBTI_COVERAGE_PCT = 95.0
SBTI_SCOPE3_TRIGGER_PCT = 40.0
TARGET_SCOPES = {"1": ("1",), "2": ("2",), "1+2": ("1", "2"), "1+2+3": ("1", "2", "3")}


def path_factor(years, base_year: int, target_year: int, reduction: float, method: str = "linear"):
    """Share of the base-year value allowed in each year.

    Parameters
    ----------
    years : array-like of int
    base_year, target_year : int
        ``target_year > base_year``.
    reduction : float
        Fraction of the base value to cut by the target year (0.3 for -30 %).
    method : {"linear", "compound"}

    Returns
    -------
    ndarray
        ``f(y)``: 1 at the base year, ``1 - reduction`` at and after the target year.

    Notes
    -----
    Linear (the deck's path, SBTi's "linear annual reduction"):

    .. math:: f(y) = 1 - R \\cdot \\frac{y - y_0}{T - y_0}

    Compound (a constant % per year): :math:`f(y) = (1 - R)^{(y - y_0)/(T - y_0)}`, i.e. an
    annual rate :math:`a = 1 - (1 - R)^{1/(T - y_0)}`.
    """
    if target_year <= base_year:
        raise ValueError("target_year must be after base_year")
    span = np.clip((np.asarray(years, dtype=float) - base_year) / (target_year - base_year), 0.0, 1.0)
    if method == "compound":
        return (1.0 - reduction) ** span
    if method != "linear":
        raise ValueError(f"unknown path method: {method!r}")
    return 1.0 - reduction * span


def reduction_fraction(base_value: float, reduction_pct: float | None = None,
                       reduction_tco2e: float | None = None) -> float:
    """The reduction as a fraction of the base value, from a % or from tonnes.

    ``R = reduction_pct / 100`` or ``R = reduction_tco2e / base_value`` (the deck's "cut 5,000
    tCO2e from the 2019 base"). A % wins when both are given.
    """
    if reduction_pct is not None and not pd.isna(reduction_pct):
        return float(reduction_pct) / 100.0
    if reduction_tco2e is not None and not pd.isna(reduction_tco2e) and base_value > 0:
        return float(reduction_tco2e) / float(base_value)
    return 0.0


def absolute_path(base_tco2e: float, base_year: int, target_year: int, reduction: float,
                  method: str = "linear", years=None) -> pd.Series:
    """Emissions allowed each year [tCO2e]: ``E(y) = E0 · f(y)``, indexed by year."""
    years = np.arange(base_year, target_year + 1) if years is None else np.asarray(years)
    return pd.Series(base_tco2e * path_factor(years, base_year, target_year, reduction, method),
                     index=pd.Index(years, name="year"), name="tco2e")


def scope_lines(base_by_scope: dict[str, float], scope: str, base_year: int, target_year: int,
                reduction: float, method: str = "linear", sub_targets: dict[str, float] | None = None,
                years=None) -> pd.DataFrame:
    """The lines of one target: each covered scope and their total, by year [tCO2e].

    Parameters
    ----------
    base_by_scope : dict
        Base-year emissions per scope key ("1", "2", "3").
    scope : {"1", "2", "1+2", "1+2+3"}
    sub_targets : dict, optional
        Scope key → own reduction fraction for a scope inside ``scope`` (the deck's Scope 1
        -10 % beside the 1+2 -30 %).

    Returns
    -------
    DataFrame
        Index year; one column per covered scope and, for a multi-scope target, the total
        (column ``scope``). Scope columns always add up to the total.

    Notes
    -----
    The total follows the target's path. A scope with its own sub-target follows its own path;
    the scopes without one share the remainder (total − sub-target lines) in proportion to
    their base-year emissions. Without sub-targets every scope falls by the same share, so
    this reproduces the deck's table: Scope 2 (y) = total (y) − Scope 1 (y).
    """
    covered = TARGET_SCOPES[scope]
    years = np.arange(base_year, target_year + 1) if years is None else np.asarray(years)
    base_total = sum(base_by_scope.get(s, 0.0) for s in covered)
    total = absolute_path(base_total, base_year, target_year, reduction, method, years)
    if len(covered) == 1:
        return total.rename(scope).to_frame()
    subs = {s: r for s, r in (sub_targets or {}).items() if s in covered}
    lines = {s: absolute_path(base_by_scope.get(s, 0.0), base_year, target_year, r, method, years)
             for s, r in subs.items()}
    rest = [s for s in covered if s not in subs]
    remainder = total - sum(lines.values()) if lines else total
    rest_base = sum(base_by_scope.get(s, 0.0) for s in rest)
    for s in rest:
        weight = base_by_scope.get(s, 0.0) / rest_base if rest_base else 1.0 / len(rest)
        lines[s] = remainder * weight
    out = pd.DataFrame({s: lines[s] for s in covered})
    out[scope] = total
    return out


def bau_path(base_tco2e: float, base_year: int, years, growth_pct: float = 0.0) -> pd.Series:
    """Business as usual [tCO2e]: ``E(y) = E0 · (1 + g)^(y − y0)``."""
    years = np.asarray(years)
    return pd.Series(base_tco2e * (1.0 + growth_pct / 100.0) ** (years - base_year),
                     index=pd.Index(years, name="year"), name="tco2e")


def activity_by_year(years, base_year: int, base_value: float | None, growth_pct: float = 0.0,
                     observed: pd.Series | None = None) -> pd.Series:
    """Output (or value added) by year: observed values where the Production sheet has them,
    else grown from the base value (``A0 · (1 + g)^(y − y0)``) or from the last observed year."""
    years = np.asarray(years)
    out = pd.Series(np.nan, index=pd.Index(years, name="year"), dtype=float)
    obs = observed.dropna() if observed is not None else pd.Series(dtype=float)
    if base_value is None or pd.isna(base_value):
        base_value = obs.get(base_year, np.nan)
    anchor_year, anchor = base_year, base_value
    g = 1.0 + growth_pct / 100.0
    for y in years:
        if y in obs.index:
            out[y] = obs[y]
            if y >= base_year:
                anchor_year, anchor = y, obs[y]
        elif y == base_year:
            out[y] = base_value
        else:
            out[y] = anchor * g ** (y - anchor_year)
    return out


def intensity_path(base_tco2e: float, base_activity: float, base_year: int, target_year: int,
                   reduction: float, activity: pd.Series, method: str = "linear") -> pd.DataFrame:
    """An intensity target's path and the absolute emissions it implies.

    Returns
    -------
    DataFrame
        Index year; ``intensity`` [tCO2e per unit], ``activity``, ``implied_tco2e``
        (= intensity × activity) and ``absolute_change_pct`` vs the base year.

    Notes
    -----
    :math:`I(y) = I_0 f(y)` with :math:`I_0 = E_0 / A_0`; implied emissions
    :math:`E(y) = I(y) A(y)`. When output grows faster than intensity falls, an intensity target
    lets absolute emissions grow (the deck's warning about intensity targets).
    """
    years = activity.index.to_numpy()
    base_intensity = base_tco2e / base_activity if base_activity else np.nan
    intensity = base_intensity * path_factor(years, base_year, target_year, reduction, method)
    implied = intensity * activity.to_numpy()
    return pd.DataFrame({
        "intensity": intensity, "activity": activity.to_numpy(), "implied_tco2e": implied,
        "absolute_change_pct": (implied / base_tco2e - 1.0) * 100.0 if base_tco2e else np.nan,
    }, index=pd.Index(years, name="year"))


def sbti_check(base_year: int, target_year: int, reduction: float, scope: str,
               base_by_scope: dict[str, float], absolute_reduction: float | None = None) -> dict:
    """Compare a target with science-based rates (SBTi near-term criteria).

    Parameters
    ----------
    reduction : float
        The target's reduction fraction.
    absolute_reduction : float, optional
        For intensity targets, the absolute reduction the path implies (used for the rate).

    Returns
    -------
    dict
        ``annual_rate_pct`` (linear: R / (T − y0) × 100), ``meets_1_5c`` (≥ 4.2),
        ``meets_wb2c`` (≥ 2.5), ``required_reduction_pct_1_5c`` (4.2 × (T − y0), at most
        100), ``required_reduction_pct_wb2c``, ``years``, ``timeframe_ok`` (5–10 years),
        ``coverage_pct`` (share of Scope 1+2 emissions the target covers), ``coverage_ok``
        (≥ 95 %), ``scope3_share_pct`` and ``scope3_target_needed`` (Scope 3 ≥ 40 % of the
        total and the target does not cover it).
    """
    years = target_year - base_year
    r = reduction if absolute_reduction is None else absolute_reduction
    rate = r * 100.0 / years if years > 0 else np.nan
    covered = TARGET_SCOPES[scope]
    s12 = base_by_scope.get("1", 0.0) + base_by_scope.get("2", 0.0)
    coverage = sum(base_by_scope.get(s, 0.0) for s in covered if s in ("1", "2")) / s12 * 100 if s12 else 0.0
    total = s12 + base_by_scope.get("3", 0.0)
    s3_share = base_by_scope.get("3", 0.0) / total * 100 if total else 0.0
    return {
        "annual_rate_pct": rate,
        "meets_1_5c": bool(rate >= SBTI_1_5C_PCT_PER_YEAR - 1e-9),
        "meets_wb2c": bool(rate >= SBTI_WB2C_PCT_PER_YEAR - 1e-9),
        "required_reduction_pct_1_5c": min(SBTI_1_5C_PCT_PER_YEAR * years, 100.0),
        "required_reduction_pct_wb2c": min(SBTI_WB2C_PCT_PER_YEAR * years, 100.0),
        "years": years,
        "timeframe_ok": bool(SBTI_MIN_YEARS <= years <= SBTI_MAX_YEARS),
        "coverage_pct": coverage,
        "coverage_ok": bool(coverage >= SBTI_COVERAGE_PCT - 1e-9),
        "scope3_share_pct": s3_share,
        "scope3_target_needed": bool(s3_share >= SBTI_SCOPE3_TRIGGER_PCT and "3" not in covered),
    }


@dataclass(frozen=True)
class TargetResult:
    """One evaluated target row."""

    name: str
    type: str
    scope: str
    base_year: int
    target_year: int
    reduction_pct: float
    method: str
    lines: pd.DataFrame  # index year, one column per scope line drawn
    sbti: dict
    bau: pd.Series
    intensity: pd.DataFrame | None = None
    sub_of: str | None = None  # name of the multi-scope target this row splits
    warnings: list[str] = field(default_factory=list)
    #: warning code → the numbers its message shows (e.g. ``target.sub_raises_other``: ``scope``,
    #: ``base_tco2e``, ``target_tco2e``, ``base_year``, ``target_year``, ``sub_scope``, ``sub_pct``)
    warning_values: dict[str, dict] = field(default_factory=dict)

    def long_path(self) -> list[dict]:
        """``[{year, scope, tco2e}]`` for every year and every line."""
        return [{"year": int(y), "scope": s, "tco2e": float(v)}
                for s in self.lines.columns for y, v in self.lines[s].items()]


def _sub_targets(targets: pd.DataFrame, row) -> dict[str, float]:
    """Absolute single-scope rows with the same years inside a multi-scope row's scopes."""
    out = {}
    for other in targets.itertuples():
        if (other.Index != row.Index and other.type == "absolute" and other.scope in ("1", "2", "3")
                and other.scope in TARGET_SCOPES.get(row.scope, ()) and len(TARGET_SCOPES[row.scope]) > 1
                and other.base_year == row.base_year and other.target_year == row.target_year):
            out[other.scope] = other.reduction
    return out


def rising_scopes(lines: pd.DataFrame, base_by_scope: dict[str, float], sub_targets: dict[str, float],
                  scope: str) -> list[dict]:
    """Scopes of a split target whose remainder line ends ABOVE their base-year emissions.

    A sub-target that cuts more than the total needs (Scope 2 −50 % under 1+2 −10 %) leaves the
    other scope the remainder, which may then grow: in the sample factory Scope 1 would go from
    60.4 t (2021) to 3,299.33 × 0.9 − 3,238.91 × 0.5 = 1,349.9 t (2030).

    Returns
    -------
    list of dict
        Per rising scope, largest rise first: ``scope``, ``base_tco2e`` (its base-year
        emissions), ``target_tco2e`` (its line in the last year), ``sub_scope`` and ``sub_pct``
        (the sub-targets, "2" and 50.0; several joined with "+" and ", ").
    """
    if not sub_targets or len(TARGET_SCOPES.get(scope, ())) < 2:
        return []
    subs = [s for s in TARGET_SCOPES[scope] if s in sub_targets]
    out = []
    for s in TARGET_SCOPES[scope]:
        if s in sub_targets or s not in lines:
            continue
        base, end = float(base_by_scope.get(s, 0.0)), float(lines[s].iloc[-1])
        if end > base + 1e-9 * max(1.0, abs(base)):
            out.append({"scope": s, "base_tco2e": base, "target_tco2e": end, "sub_scope": "+".join(subs),
                        "sub_pct": ", ".join(f"{sub_targets[k] * 100:g}" for k in subs)})
    return sorted(out, key=lambda d: d["base_tco2e"] - d["target_tco2e"])


def evaluate_targets(targets: pd.DataFrame, base_by_scope: dict[str, float],
                     production: pd.DataFrame | None = None, company: dict | None = None) -> list[TargetResult]:
    """Evaluate every valid row of a ``Targets`` table.

    Parameters
    ----------
    targets : DataFrame
        Columns ``name, type, scope, base_year, target_year, reduction_pct, reduction_tco2e,
        method, growth_pct``. Rows with missing years or ``target_year <= base_year`` are
        skipped (the validator reports them).
    base_by_scope : dict
        Base-year emissions per scope [tCO2e] (the inventory).
    production : DataFrame, optional
        ``year, output, value_added`` for intensity targets and growth.
    company : dict, optional
        ``output_base``, ``value_added_base`` when Production lacks the base year.
    """
    company = company or {}
    rows = targets.copy()
    for col in ("reduction_pct", "reduction_tco2e", "growth_pct"):
        if col not in rows:
            rows[col] = np.nan
    if "method" not in rows:
        rows["method"] = "linear"
    rows = rows[rows["base_year"].notna() & rows["target_year"].notna() & rows["scope"].notna()]
    rows = rows[rows["target_year"].astype(int) > rows["base_year"].astype(int)].copy()
    rows["type"] = rows["type"].fillna("absolute")
    rows["method"] = rows["method"].fillna("linear")
    base_of = {s: sum(base_by_scope.get(k, 0.0) for k in ks) for s, ks in TARGET_SCOPES.items()}
    rows["reduction"] = [reduction_fraction(base_of[s], p, t) for s, p, t in
                         zip(rows["scope"], rows["reduction_pct"], rows["reduction_tco2e"])]
    prod = production if production is not None else pd.DataFrame(columns=["year", "output", "value_added"])
    prod = prod.dropna(subset=["year"]).astype({"year": int}).set_index("year")
    results = []
    for row in rows.itertuples():
        y0, yt = int(row.base_year), int(row.target_year)
        years = np.arange(y0, yt + 1)
        growth = 0.0 if pd.isna(row.growth_pct) else float(row.growth_pct)
        base = base_of[row.scope]
        subs = _sub_targets(rows, row)
        parent = next((o.name for o in rows.itertuples() if o.Index != row.Index
                       and row.scope in TARGET_SCOPES.get(o.scope, ()) and len(TARGET_SCOPES[o.scope]) > 1
                       and row.type == "absolute" and o.base_year == row.base_year
                       and o.target_year == row.target_year), None)
        warnings, values, intensity, absolute_r = [], {}, None, None
        if row.type == "absolute":
            lines = scope_lines(base_by_scope, row.scope, y0, yt, row.reduction, row.method, subs, years)
            if (lines.to_numpy() < -1e-9).any():  # a sub-target cuts less than the total needs
                warnings.append("target.split_negative")
            rising = rising_scopes(lines, base_by_scope, subs, row.scope)
            if rising:  # a sub-target cuts more than the total needs: another scope may grow
                warnings.append("target.sub_raises_other")
                values["target.sub_raises_other"] = {**rising[0], "base_year": y0, "target_year": yt}
        else:
            column, base_key = (("output", "output_base") if row.type == "physical_intensity"
                                else ("value_added", "value_added_base"))
            observed = prod[column] if column in prod else None
            activity = activity_by_year(years, y0, company.get(base_key), growth, observed)
            if pd.isna(activity.iloc[0]) or activity.iloc[0] <= 0:
                warnings.append("target.no_activity")
                lines = scope_lines(base_by_scope, row.scope, y0, yt, row.reduction, row.method, None, years)
            else:
                intensity = intensity_path(base, activity.iloc[0], y0, yt, row.reduction, activity, row.method)
                implied = intensity["implied_tco2e"]
                shares = {s: base_by_scope.get(s, 0.0) / base if base else 0.0 for s in TARGET_SCOPES[row.scope]}
                lines = pd.DataFrame({s: implied * w for s, w in shares.items()})
                if len(shares) > 1:
                    lines[row.scope] = implied
                absolute_r = 1.0 - implied.iloc[-1] / base if base else 0.0
                if implied.iloc[-1] > base:
                    warnings.append("target.intensity_allows_growth")
        results.append(TargetResult(
            name=str(row.name), type=row.type, scope=row.scope, base_year=y0, target_year=yt,
            reduction_pct=row.reduction * 100.0, method=row.method, lines=lines,
            sbti=sbti_check(y0, yt, row.reduction, row.scope, base_by_scope, absolute_r),
            bau=bau_path(base, y0, years, growth), intensity=intensity, sub_of=parent,
            warnings=warnings, warning_values=values,
        ))
    return results


def reference_path(base_tco2e: float, base_year: int, years, rate_pct_per_year: float) -> pd.Series:
    """A linear reference path at a fixed % of the base year per year (SBTi 4.2 or 2.5):
    ``E(y) = E0 · max(0, 1 − rate · (y − y0))``."""
    years = np.asarray(years)
    factor = np.clip(1.0 - rate_pct_per_year / 100.0 * (years - base_year), 0.0, None)
    return pd.Series(base_tco2e * factor, index=pd.Index(years, name="year"), name="tco2e")


def explain(result: TargetResult) -> dict:
    """The numbers a trainer substitutes into the formula of a target's total line.

    ``e0`` base-year and ``et`` target-year emissions [tCO2e], ``years`` = T − y0, ``step`` the
    linear cut per year [tCO2e/yr] and ``annual_rate_pct`` the constant-rate equivalent
    ``(1 − (1 − R)^(1/(T − y0))) × 100``.
    """
    total = result.lines[result.lines.columns[-1]]
    e0, et = float(total.iloc[0]), float(total.iloc[-1])
    n = result.target_year - result.base_year
    r = result.reduction_pct / 100.0
    return {"e0": e0, "et": et, "years": n, "step": (e0 - et) / n,
            "annual_rate_pct": (1.0 - (1.0 - r) ** (1.0 / n)) * 100.0 if r < 1 else 100.0}
