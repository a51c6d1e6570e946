"""Financial appraisal of measures and of the portfolio: cash flows and every indicator.

Glue between :mod:`calc.measures` (savings, capex, tCO2e per measure) and :mod:`calc.finance`
(cash flows, NPV, IRR, paybacks); the page and the CLI both call :func:`appraise`.

References
----------
.. [1] Training deck, section 4 "Phân tích tài chính" (seed-digest §4): payback, NPV, IRR, ROI.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calc import finance

__all__ = ["Appraisal", "finance_settings", "appraise"]

DEFAULTS = {"discount_rate_pct": 10.0, "analysis_years": 10, "energy_price_escalation_pct": 0.0,
            "inflation_pct": 0.0, "carbon_price_per_tco2": 0.0, "tax_rate_pct": 0.0}


def finance_settings(fields: dict | None) -> dict:
    """The Finance sheet's values with defaults for what is empty (10 %, 10 years, no escalation,
    no carbon price); the defaults are assumptions the page states."""
    fields = fields or {}
    return {k: (fields.get(k) if fields.get(k) is not None and not pd.isna(fields.get(k)) else v)
            for k, v in DEFAULTS.items()}


@dataclass(frozen=True)
class Appraisal:
    """Cash flows (rows = measures then the portfolio, columns = years 0..N) and indicators."""

    cashflows: np.ndarray
    table: pd.DataFrame  # one row per measure and a last "portfolio" row
    settings: dict


def appraise(savings: pd.DataFrame, fields: dict | None = None) -> Appraisal:
    """Cash flows and indicators of every measure (status ``ok``) and of their sum.

    Parameters
    ----------
    savings : DataFrame
        From :func:`calc.measures.measure_savings`.
    fields : dict
        The Finance sheet (discount rate, analysis years, escalation, carbon price).

    Returns
    -------
    Appraisal
        ``table`` columns: ``id, name, capex, annual_saving, simple_payback_years,
        discounted_payback_years, npv, irr, irr_code, roi, bcr, cost_of_saved_energy_per_kwh,
        abatement_cost_per_tco2e``.

    Notes
    -----
    Cash flow of year t ≥ 1: money saved × (1 + escalation)^(t−1) − operating cost change +
    other income + carbon price × tCO2e; year 0: −investment; replacement at the end of each
    lifetime inside the analysis period; straight-line salvage value in the last year.
    """
    s = finance_settings(fields)
    ok = savings[savings["status"] == "ok"].reset_index(drop=True)
    years = int(s["analysis_years"])
    life = ok["lifetime_years"].fillna(years).to_numpy(dtype=float)
    flows = finance.measure_cashflows(
        ok["capex"].to_numpy(dtype=float), ok["energy_cost_saving"].to_numpy(dtype=float), years=years,
        lifetime_years=np.where(life > 0, life, years), opex_change=ok["opex_change"].to_numpy(dtype=float),
        other_income=ok["other_income"].to_numpy(dtype=float),
        reduction_tco2e=ok["reduction_tco2e"].to_numpy(dtype=float), carbon_price=float(s["carbon_price_per_tco2"]),
        escalation_pct=float(s["energy_price_escalation_pct"]))
    flows = np.atleast_2d(flows) if len(ok) else np.zeros((0, years + 1))
    allflows = np.vstack([flows, flows.sum(axis=0, keepdims=True)])
    rate = float(s["discount_rate_pct"]) / 100.0
    irr, codes = finance.irr_with_codes(allflows)
    capex = np.append(ok["capex"].to_numpy(dtype=float), ok["capex"].sum())
    saving = np.append(ok["energy_cost_saving"].to_numpy(dtype=float), ok["energy_cost_saving"].sum())
    kwh = np.append(ok["saving_kwh"].to_numpy(dtype=float), np.nansum(ok["saving_kwh"].to_numpy(dtype=float)))
    opex = np.append(ok["opex_change"].to_numpy(dtype=float), ok["opex_change"].sum())
    life_all = np.append(life, np.nanmax(life) if len(life) else years)
    annual = np.append(ok["annualised_cost"].to_numpy(dtype=float), ok["annualised_cost"].sum())
    tco2e = np.append(ok["reduction_tco2e"].to_numpy(dtype=float), ok["reduction_tco2e"].sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        cse = (capex * finance.capital_recovery_factor(rate, life_all) + opex) / kwh
        per_t = np.where(tco2e > 0, annual / tco2e, np.nan)
    table = pd.DataFrame({
        "id": [*ok["id"], "portfolio"], "name": [*ok["name"], None], "capex": capex, "annual_saving": saving,
        "simple_payback_years": finance.payback_years(allflows),
        "discounted_payback_years": finance.discounted_payback_years(rate, allflows),
        "npv": finance.npv(rate, allflows), "irr": irr, "irr_code": codes,
        "roi": [finance.roi(row) for row in allflows], "bcr": [finance.benefit_cost_ratio(rate, row) for row in allflows],
        "cost_of_saved_energy_per_kwh": cse, "abatement_cost_per_tco2e": per_t,
    })
    return Appraisal(allflows, table, s)


#: The deck's life-cycle comparison of lamps (CFL lasts 5×, LED ≥ 20× a halogen lamp); the
#: wattages, prices and the 2,000 h halogen life are ASSUMPTIONS to replace with quotes.
LAMPS = pd.DataFrame({
    "lamp": ["halogen", "cfl", "led"],
    "watts": [50.0, 11.0, 7.0],
    "life_hours": [2_000.0, 10_000.0, 40_000.0],
    "price": [20_000.0, 60_000.0, 100_000.0],
})


def life_cycle_comparison(lamps: pd.DataFrame, *, hours_per_year: float, energy_price: float,
                          discount_rate_pct: float) -> pd.DataFrame:
    """Equivalent annual cost of alternatives with unequal lives (deck §4, life-cycle analysis).

    Notes
    -----
    life [yr] = life hours / hours per year; energy cost/yr = W / 1000 × hours × price;
    EAC = price × CRF(r, life) + energy cost/yr, so a lamp that lasts longer is compared fairly.
    """
    life_years = lamps["life_hours"].to_numpy(float) / hours_per_year
    energy = lamps["watts"].to_numpy(float) / 1000.0 * hours_per_year * energy_price
    eac = finance.equivalent_annual_cost(discount_rate_pct / 100.0, lamps["price"].to_numpy(float), energy, life_years)
    return lamps.assign(life_years=life_years, energy_cost_per_year=energy, equivalent_annual_cost=eac)


def npv_profile(flows, rates_pct) -> np.ndarray:
    """NPV of one row of cash flows at each discount rate [%] (for the NPV-vs-rate chart)."""
    rates = np.asarray(rates_pct, dtype=float) / 100.0
    return finance.npv(rates, np.tile(np.asarray(flows, dtype=float), (len(rates), 1)))
