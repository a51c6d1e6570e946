"""Why a result shows "–" or "∞": reason codes of the results model's values that cannot be computed.

A value that cannot be computed (a ratio over zero, a payback that never happens, an IRR with no
sign change in the flows...) is shown as "–" or "∞" (:func:`views.format.fmt_num`); the functions
here say why, as codes the app translates (``why.<code>`` in ``ui/texts/undefined.py``) and shows
under the table. Each takes the results model's own frame and returns the codes that apply, in a
fixed order, each once; an empty list when every value is a number.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def _values(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame:
        return np.array([], dtype=float)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _nan(frame: pd.DataFrame, column: str) -> bool:
    return bool(np.isnan(_values(frame, column)).any())


def _inf(frame: pd.DataFrame, column: str) -> bool:
    return bool(np.isinf(_values(frame, column)).any())


def indicator_reasons(indicators: pd.DataFrame) -> list[str]:
    """The Finance page's indicator table (``FinanceResults.indicators``); the IRR column says its
    own reason (``irr_code``)."""
    codes = []
    if _inf(indicators, "simple_payback_years") or _inf(indicators, "discounted_payback_years"):
        codes.append("payback_never")
    if _nan(indicators, "roi"):
        codes.append("roi_no_investment")
    if _inf(indicators, "bcr"):
        codes.append("bcr_no_cost")
    if _nan(indicators, "bcr"):
        codes.append("bcr_no_flow")
    if _nan(indicators, "cost_of_saved_energy_per_kwh") or _inf(indicators, "cost_of_saved_energy_per_kwh"):
        codes.append("cse_no_energy")
    if _nan(indicators, "abatement_cost_per_tco2e") or _inf(indicators, "abatement_cost_per_tco2e"):
        codes.append("abatement_no_tco2e")
    return codes


def option_reasons(options: pd.DataFrame) -> list[str]:
    """The financing options (``FinancingResults.options``): an option whose flows cannot be
    built (a loan without a rate or a term), an IRR without a sign change, a payback never reached."""
    codes = []
    broken = np.isnan(_values(options, "npv"))
    if broken.any():
        codes.append("option_incomplete")
    if (np.isnan(_values(options, "irr")) & ~broken).any():
        codes.append("option_no_irr")
    if (np.isinf(_values(options, "payback_years")) & ~broken).any():
        codes.append("payback_never")
    return codes


def ranking_reasons(ranking: pd.DataFrame) -> list[str]:
    """The budget's ranking by profitability index (NPV ÷ investment)."""
    return ["pi_no_investment"] if _nan(ranking, "profitability_index") else []


def loan_reasons(dscr: pd.Series | dict, years) -> list[str]:
    """The loan schedule's debt service coverage ratio (saving ÷ payment), year by year."""
    values = np.array([float(dscr.get(y, np.nan)) for y in years], dtype=float)
    return ["dscr_no_payment"] if (~np.isfinite(values)).any() else []


def life_cycle_reasons(table: pd.DataFrame) -> list[str]:
    """The life-cycle comparison: an alternative used 0 hours a year never wears out."""
    return ["lcc_no_hours"] if _inf(table, "life_years") or _nan(table, "life_years") else []


def measure_reasons(measures: pd.DataFrame) -> list[str]:
    """The Measures page's results (``ScenarioResults.measures``): a measure that cannot be
    computed yet (its row's problem says what is missing), a cost per tCO2e without tCO2e."""
    codes = []
    status = measures["status"] if "status" in measures else pd.Series(dtype=object)
    if (status != "ok").any():
        codes.append("measure_incomplete")
    ok = measures[status == "ok"] if len(status) else measures
    if _nan(ok, "abatement_cost_per_tco2e") or _inf(ok, "abatement_cost_per_tco2e"):
        codes.append("abatement_no_tco2e")
    return codes


def target_reasons(lines: pd.DataFrame) -> list[str]:
    """The target's year table: a line whose base year is 0 tCO2e has no % of base."""
    if lines.empty:
        return []
    base = lines.iloc[0].to_numpy(dtype=float)
    return ["pct_no_base"] if ((base == 0) | ~np.isfinite(base)).any() else []


def mv_reasons(verified_money: float, realisation_rate: float) -> list[str]:
    """The M&V page's KPIs: money needs an energy price, the realisation rate an expected saving,
    both from the measures on the metered energy."""
    codes = []
    if not np.isfinite(verified_money):
        codes.append("mv_no_price")
    if not np.isfinite(realisation_rate):
        codes.append("mv_no_expected")
    return codes
