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

#: What a blank Finance field means (the page and the README state these assumptions).
DEFAULTS = {"discount_rate_pct": 10.0, "analysis_years": 10, "energy_price_escalation_pct": 0.0,
            "inflation_pct": 0.0, "carbon_price_per_tco2": 0.0, "tax_rate_pct": 0.0,
            "esco_actual_saving_pct": 80.0, "chauffage_discount_pct": 10.0, "chauffage_energy_bill": None,
            "mc_energy_price_pct": 20.0, "mc_saving_pct": 20.0, "mc_capex_pct": 20.0,
            "budget": None, "budget_goal": "npv", "lcc_hours_per_year": None, "lcc_energy_price": None}


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def finance_settings(fields: dict | None) -> dict:
    """The Finance sheet's values with the documented default for every blank field (10 %,
    10 years, no escalation, inflation, carbon price or tax; see :data:`DEFAULTS`). A default of
    None means "derived from the scenario" (e.g. the budget: half of the total investment)."""
    fields = fields or {}
    return {k: (v if _blank(fields.get(k)) else fields.get(k)) for k, v in DEFAULTS.items()}


@dataclass(frozen=True)
class Appraisal:
    """Cash flows (rows = measures then the portfolio, columns = years 0..N) and indicators."""

    cashflows: np.ndarray
    table: pd.DataFrame  # one row per measure and a last "portfolio" row
    settings: dict
    first_year: int = 0
    #: the same rows, each measure moved to start at column 0 (its own investment year; the
    #: portfolio as it is): what paybacks, ROI and a measure's financing are computed on
    own_cashflows: np.ndarray | None = None
    #: the keyword arguments of :func:`calc.finance.measure_cashflows` that gave ``cashflows``
    #: (one array per measure with status ``ok``, the Finance settings as scalars)
    inputs: dict | None = None


def start_years(savings: pd.DataFrame, base_year: int) -> np.ndarray:
    """Each measure's start year; a blank start year is the year after the base year."""
    return savings["start_year"].fillna(base_year + 1).to_numpy(dtype=float)


def _shift_left(flows: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Each row moved so that its investment year is column 0 (zeros appended)."""
    out = np.zeros_like(flows)
    n = flows.shape[1]
    for i, k in enumerate(offsets.astype(int)):
        out[i, :n - k] = flows[i, k:]
    return out


def appraise(savings: pd.DataFrame, fields: dict | None = None, *, base_year: int | None = None) -> Appraisal:
    """Cash flows and indicators of every measure (status ``ok``) and of their sum.

    Parameters
    ----------
    savings : DataFrame
        From :func:`calc.measures.measure_savings` (capped measures already scaled, see
        :func:`calc.portfolio.scale_capped`).
    fields : dict
        The Finance sheet (discount rate, analysis years, escalation, inflation, carbon price,
        tax rate); blanks take :data:`DEFAULTS`.
    base_year : int, optional
        The company's base year: a blank start year is the year after it (default 2021).

    Returns
    -------
    Appraisal
        ``first_year``: the calendar year of t = 0, the earliest start year. ``table`` columns:
        ``row`` (position in ``savings``; −1 for the portfolio), ``id, name, capex,
        annual_saving, start_year, offset_years, simple_payback_years, discounted_payback_years,
        npv, npv_excel, irr, irr_code, roi, bcr, cost_of_saved_energy_per_kwh,
        abatement_cost_per_tco2e``.

    Notes
    -----
    One yearly model per measure (:func:`calc.finance.measure_cashflows`), in calendar years: a
    measure starting in year s invests at t = s − first_year and saves from the next column on,
    for its lifetime, replaced at its (inflated) capex when the analysis outlives it; a blank
    lifetime lasts the whole analysis. Year t ≥ 1 of a running measure: money saved ×
    (1 + escalation)^(t−1) − operating cost change + other income + carbon price × tCO2e (the
    last three with inflation), after tax when a tax rate is given; straight-line salvage in the
    last year.

    NPV and IRR are of the flows from t = 0 (so the measures' NPVs add up to the portfolio's).
    A measure's paybacks and ROI count from its own investment year. The deck's payback rule
    (first recovery, :func:`calc.finance.payback_years`) is the only one. The portfolio's ROI is
    the average net yearly flow, before the initial investments, over the total investment.
    """
    s = finance_settings(fields)
    base = int(base_year) if base_year is not None else 2021
    ok_mask = (savings["status"] == "ok").to_numpy()
    positions = np.flatnonzero(ok_mask)
    ok = savings[ok_mask].reset_index(drop=True)
    years = int(s["analysis_years"])
    starts = start_years(ok, base)
    first = int(starts.min()) if len(ok) else base + 1
    offsets = np.clip(starts - first, 0, years).astype(int)
    life = ok["lifetime_years"].to_numpy(dtype=float)
    inputs = dict(
        capex=ok["capex"].to_numpy(dtype=float), energy_cost_saving=ok["energy_cost_saving"].to_numpy(dtype=float),
        years=years, lifetime_years=life, opex_change=ok["opex_change"].to_numpy(dtype=float),
        other_income=ok["other_income"].to_numpy(dtype=float),
        reduction_tco2e=ok["reduction_tco2e"].to_numpy(dtype=float), carbon_price=float(s["carbon_price_per_tco2"]),
        escalation_pct=float(s["energy_price_escalation_pct"]), start_offset=offsets.astype(float),
        tax_rate_pct=float(s["tax_rate_pct"]), inflation_pct=float(s["inflation_pct"]))
    flows = finance.measure_cashflows(**inputs)
    flows = np.atleast_2d(flows) if len(ok) else np.zeros((0, years + 1))
    allflows = np.vstack([flows, flows.sum(axis=0, keepdims=True)])
    own = np.vstack([_shift_left(flows, offsets), allflows[-1:]])  # each measure from its own start
    rate = float(s["discount_rate_pct"]) / 100.0
    irr, codes = finance.irr_with_codes(allflows)
    capex = np.append(ok["capex"].to_numpy(dtype=float), ok["capex"].sum())
    saving = np.append(ok["energy_cost_saving"].to_numpy(dtype=float), ok["energy_cost_saving"].sum())
    kwh = np.append(ok["saving_kwh"].to_numpy(dtype=float), np.nansum(ok["saving_kwh"].to_numpy(dtype=float)))
    opex = np.append(ok["opex_change"].to_numpy(dtype=float), ok["opex_change"].sum())
    life_used = np.where(np.isnan(life), years, life)
    annual = np.append(ok["annualised_cost"].to_numpy(dtype=float), ok["annualised_cost"].sum())
    tco2e = np.append(ok["reduction_tco2e"].to_numpy(dtype=float), ok["reduction_tco2e"].sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        # the portfolio's cost of saved energy: the sum of the measures' annualised costs
        cse_each = capex[:-1] * finance.capital_recovery_factor(rate, life_used) + opex[:-1]
        cse = np.append(cse_each, cse_each.sum()) / kwh
        cse = np.where(kwh > 0, cse, np.nan)
        per_t = np.where(tco2e > 0, annual / tco2e, np.nan)
    roi = np.asarray(finance.roi(own), dtype=float) if len(own) else np.array([])
    initial = np.zeros(years + 1)
    np.add.at(initial, offsets, ok["capex"].to_numpy(dtype=float))
    with np.errstate(divide="ignore", invalid="ignore"):
        roi[-1] = ((allflows[-1, 1:] + initial[1:]).mean() / capex[-1]) if capex[-1] > 0 and years else np.nan
    table = pd.DataFrame({
        "row": [*positions, -1], "id": [*ok["id"], "portfolio"], "name": [*ok["name"], None],
        "capex": capex, "annual_saving": saving, "start_year": [*starts, float(first)],
        "offset_years": [*offsets, 0],
        "simple_payback_years": finance.payback_years(own),
        "discounted_payback_years": finance.discounted_payback_years(rate, own),
        "npv": finance.npv(rate, allflows), "npv_excel": finance.npv_excel(rate, allflows),
        "irr": irr, "irr_code": codes, "roi": roi, "bcr": finance.benefit_cost_ratio(rate, allflows),
        "cost_of_saved_energy_per_kwh": cse, "abatement_cost_per_tco2e": per_t,
    })
    return Appraisal(allflows, table, s, first, own, inputs)


def life_cycle_comparison(lamps: pd.DataFrame, *, hours_per_year: float, energy_price: float,
                          discount_rate_pct: float) -> pd.DataFrame:
    """Equivalent annual cost of alternatives with unequal lives (deck §4, life-cycle analysis).

    Notes
    -----
    ``lamps``: ``watts, life_hours, price`` per alternative (:func:`calc.lifecycle.lifecycle_inputs`,
    the deck's lamps by default).
    life [yr] = life hours / hours per year; energy cost/yr = W / 1000 × hours × price;
    EAC = price × CRF(r, life) + energy cost/yr, so a lamp that lasts longer is compared fairly.
    """
    with np.errstate(divide="ignore", invalid="ignore"):  # 0 hours a year: an infinite life
        life_years = lamps["life_hours"].to_numpy(float) / hours_per_year
    energy = lamps["watts"].to_numpy(float) / 1000.0 * hours_per_year * energy_price
    eac = finance.equivalent_annual_cost(discount_rate_pct / 100.0, lamps["price"].to_numpy(float), energy, life_years)
    return lamps.assign(life_years=life_years, energy_cost_per_year=energy, equivalent_annual_cost=eac)


def npv_profile(flows, rates_pct) -> np.ndarray:
    """NPV of one row of cash flows at each discount rate [%] (for the NPV-vs-rate chart)."""
    rates = np.asarray(rates_pct, dtype=float) / 100.0
    return finance.npv(rates, np.tile(np.asarray(flows, dtype=float), (len(rates), 1)))
