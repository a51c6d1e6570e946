"""Household scenario (Massachusetts, USD): an oil-heated home, weatherization and a heat pump.

The Clearinghouse brief asks for a one-stop shop in which low-income households on delivered
fuels (heating oil, propane) benefit from moving to heat pumps, with utility rebates, tax
credits and subsidised loans stacked so that a household can pay. This module answers that
for one household: its income tier against the state median income (SMI), the Mass Save
rebates of that tier, the federal 25C credit, a HEAT-type loan for what is left at
installation, and the energy bill, emissions and energy burden before and after.

Conventions: money in USD, energy in gal (heating oil) and kWh, emissions in tCO2(e) per year,
shares in % (``_pct``). Every default and factor lives in ``calc/data/household.toml`` with a
``source`` and a ``status`` (C-P / C-S / D / U as in factors.md); status U marks an assumption
of this dashboard. Problems in the inputs are values (NaN, a warning code), never exceptions;
only a wrong argument (an unknown input name, a household of fewer than one person) raises.

Assumptions of the model (beyond the numbers in the TOML):

- the heat pump is whole-home and replaces all oil heating (no oil back-up); the oil system's
  own electricity (burner, circulator) is ignored; domestic hot water is not modelled;
- weatherization cuts the heating demand by a fixed share, also when a heat pump is added;
- the 25C credit applies to the heat pump only, on its cost after the Mass Save rebate
  (utility rebates reduce the cost basis), assuming a qualifying unit and enough tax liability;
  the $1,200 25C limit for insulation is not modelled;
- the loan covers what is due at installation (cost minus rebates), up to its maximum; the tax
  credit comes back in year 1.

References
----------
.. [1] Massachusetts Clearinghouse brief (seed-digest §7): one-stop shop, equity for low-income
   households on delivered fuels moving to heat pumps, stacking rebates, grants, tax credits and
   subsidised loans.
.. [2] Mass Save, air-source heat pumps (masssave.com/residential/rebates-and-incentives/
   air-source-heat-pumps): whole-home $3,000/ton capped at $10,000 (installs from 1 Jan 2025);
   income-based enhanced up to $16,000; income-eligible program at no cost (factors.md §6).
.. [3] US EPA, 40 CFR 98 Table C-1: distillate fuel oil No. 2, 0.138 MMBtu/gal,
   73.96 kg CO2/MMBtu (10.21 kg/gal).
.. [4] US EPA, eGRID2023 summary tables rev2, Table 1: NEWE 543.2 lb CO2e/MWh.
.. [5] US EIA, Today in Energy id=56100: 470 gal of heating oil per oil-heated household,
   winter 2022–23.
.. [6] US DOE Buildings Data Book 2.9.2 (energy burden); ACEEE thresholds: high > 6 %,
   severe > 10 %.
.. [7] 60 % SMI FY2025 (LIHEAP/HEAP): legalclarity.org citing MA EOHLC.
"""
from __future__ import annotations

import copy
import tomllib
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from calc.financing import loan_schedule, stack_incentives

__all__ = ["TIERS", "SCENARIOS", "STACK_ORDER", "INPUT_FIELDS", "load_parameters", "defaults",
           "parameter_table", "smi60_usd", "income_tier", "hp_rebate", "weatherization_incentive",
           "tax_credit_25c", "heat_pump_kwh", "energy_burden_pct", "scenario_table",
           "evaluate_household"]

#: Income tiers, from the highest income to the lowest.
TIERS = ("standard", "enhanced", "income_eligible")
#: Rows of :func:`scenario_table`: (weatherization, heat pump) for each.
SCENARIOS = {"baseline": (False, False), "weatherization": (True, False), "heat_pump": (False, True),
             "both": (True, True)}
#: The order in which the incentives are stacked (all but the last arrive at installation).
STACK_ORDER = ("hp_rebate", "weatherization_incentive", "tax_credit_25c")
#: Inputs of :func:`evaluate_household` beyond the TOML parameters.
SWITCHES = {"weatherization": True, "heat_pump": True, "tax_credit": True, "use_loan": True}
#: Parameters a user may change (the others are factors and program rules, also overridable).
INPUT_FIELDS = ("income", "household_size", "oil_gallons", "oil_price", "electricity_price", "other_kwh",
                "weatherization_cut_pct", "weatherization_cost", "hp_cost", "hp_tons", "cop",
                "furnace_efficiency", "loan_rate_pct", "loan_years")


@lru_cache(maxsize=1)
def _raw() -> dict:
    return tomllib.loads(resources.files("calc").joinpath("data/household.toml").read_text("utf-8"))


def load_parameters() -> dict:
    """The data file ``calc/data/household.toml`` as a dict (a fresh copy each call):
    ``version``, ``param`` (name → value, unit, status, source) and ``smi60`` (rows of persons,
    usd, status, source)."""
    return copy.deepcopy(_raw())


def defaults() -> dict:
    """Default inputs: every TOML parameter's value plus the measure switches (all on)."""
    return {**{k: v["value"] for k, v in _raw()["param"].items()}, **SWITCHES}


def parameter_table() -> pd.DataFrame:
    """Every number of the data file with its unit, status and source (the page's assumptions
    table). Index: parameter name; the 60 % SMI rows are named ``smi60_<n>p``."""
    raw = _raw()
    rows = [{"name": k, **{c: v.get(c) for c in ("value", "unit", "status", "source")}}
            for k, v in raw["param"].items()]
    rows += [{"name": f"smi60_{r['persons']}p", "value": r["usd"], "unit": "USD/yr", "status": r["status"],
              "source": r["source"]} for r in raw["smi60"]]
    return pd.DataFrame(rows).set_index("name")


def smi60_usd(household_size: int) -> tuple[float, str]:
    """60 % of the state median income for a household size [USD/yr] and how it was found.

    Parameters
    ----------
    household_size : int
        Persons (≥ 1).

    Returns
    -------
    usd : float
    rule : {"table", "interpolated", "extrapolated"}

    Raises
    ------
    ValueError
        For fewer than one person.

    Notes
    -----
    The FY2025 table gives 1, 2 and 4 persons (C-S). Other sizes are interpolated linearly
    (3 persons: the mean of 2 and 4) or extrapolated linearly from the last two sizes (5+
    persons: +$15,137.50 per person). The three given values are 52 %, 68 % and 100 % of the
    4-person figure, the federal LIHEAP size adjustment (52, 68, 84, 100, 116, 132 %, then +3 %
    per person), which the straight line reproduces up to 6 persons; above 6 it gives more than
    that rule (the rule itself is unconfirmed here).

    References
    ----------
    .. [1] 60 % SMI FY2025 (LIHEAP/HEAP), legalclarity.org citing MA EOHLC (factors.md §6).
    """
    n = int(household_size)
    if n < 1:
        raise ValueError("household_size must be at least 1")
    rows = sorted((int(r["persons"]), float(r["usd"])) for r in _raw()["smi60"])
    sizes, usd = np.array([r[0] for r in rows], dtype=float), np.array([r[1] for r in rows])
    if n in sizes:
        return float(usd[sizes == n][0]), "table"
    if n < sizes[-1]:
        return float(np.interp(n, sizes, usd)), "interpolated"
    slope = (usd[-1] - usd[-2]) / (sizes[-1] - sizes[-2])
    return float(usd[-1] + slope * (n - sizes[-1])), "extrapolated"


def income_tier(income: float, household_size: int) -> str:
    """Mass Save income tier: ``income_eligible`` (≤ 60 % SMI), ``enhanced`` (61–80 % SMI, i.e.
    above 60 % and at most 80 %) or ``standard``.

    Notes
    -----
    :math:`SMI_{80} = SMI_{60} \\times 80/60` (D). A missing income counts as standard (no
    income-based help is assumed without evidence).
    """
    smi60, _ = smi60_usd(household_size)
    smi80 = smi60 * _raw()["param"]["smi80_over_smi60"]["value"]
    income = _float(income)
    if np.isnan(income):
        return "standard"
    if income <= smi60:
        return "income_eligible"
    return "enhanced" if income <= smi80 else "standard"


def hp_rebate(tier: str, cost: float, tons: float, params: dict | None = None) -> float:
    """Mass Save whole-home air-source heat-pump rebate [USD].

    Notes
    -----
    - standard: :math:`\\min(3000 \\cdot tons,\\ 10000,\\ cost)`;
    - enhanced (61–80 % SMI): :math:`\\min(16000,\\ cost)` (the "up to" amount; its per-ton
      basis is unconfirmed);
    - income-eligible (≤ 60 % SMI): the full cost (no-cost program).

    References
    ----------
    .. [1] masssave.com air-source heat pumps and income-eligible pages (factors.md §6, C-P).
    """
    p = _params(params)
    cost, tons = max(_float(cost), 0.0), max(_float(tons), 0.0)
    if tier == "income_eligible":
        return cost * p["income_eligible_share_pct"] / 100.0
    if tier == "enhanced":
        return min(p["hp_rebate_enhanced_cap"], cost)
    if tier == "standard":
        return min(p["hp_rebate_per_ton"] * tons, p["hp_rebate_cap"], cost)
    raise ValueError(f"unknown tier: {tier!r}")


def weatherization_incentive(tier: str, cost: float, params: dict | None = None) -> float:
    """Mass Save weatherization incentive [USD]: the full cost for income-eligible households
    (C-P), otherwise a % of the cost (75 % by default, an assumption, status U)."""
    p = _params(params)
    cost = max(_float(cost), 0.0)
    pct = {"income_eligible": p["income_eligible_share_pct"], "enhanced": p["weatherization_incentive_enhanced_pct"],
           "standard": p["weatherization_incentive_pct"]}
    if tier not in pct:
        raise ValueError(f"unknown tier: {tier!r}")
    return cost * pct[tier] / 100.0


def tax_credit_25c(cost_after_rebates: float, params: dict | None = None) -> float:
    """Federal 25C credit for a heat pump [USD]: :math:`\\min(0.30 \\cdot C_{net},\\ 2000)`, on the
    cost left after the utility rebate (C-P rate and cap; the basis is this model's assumption)."""
    p = _params(params)
    return min(p["tax_credit_pct"] / 100.0 * max(_float(cost_after_rebates), 0.0), p["tax_credit_cap"])


def heat_pump_kwh(oil_gallons, *, mmbtu_per_gal: float = 0.138, furnace_efficiency: float = 0.83,
                  cop: float = 2.8, kwh_per_mmbtu: float = 293.071):
    """Electricity a heat pump needs to deliver the heat the oil system delivered [kWh/yr].

    Parameters
    ----------
    oil_gallons : numeric
        Heating oil burnt per year [gal].
    mmbtu_per_gal : float
        Heat content of the oil [MMBtu/gal] (0.138, EPA Table C-1).
    furnace_efficiency : float
        Seasonal efficiency of the oil system [-] (assumption 0.83).
    cop : float
        Seasonal coefficient of performance of the heat pump [-] (assumption 2.8).
    kwh_per_mmbtu : float
        293.071 kWh per MMBtu.

    Returns
    -------
    numeric
        Same kind as ``oil_gallons``.

    Notes
    -----
    .. math:: Q = G \\cdot h \\cdot \\eta_{furnace} \\quad [MMBtu], \\qquad
              E_{HP} = \\frac{Q \\cdot 293.071}{COP} \\quad [kWh]

    Examples
    --------
    >>> round(float(heat_pump_kwh(470)), 1)
    5634.7
    """
    return oil_gallons * mmbtu_per_gal * furnace_efficiency * kwh_per_mmbtu / cop


def energy_burden_pct(energy_cost, income):
    """Energy burden [%]: energy expenditures / household income × 100 (DOE); NaN when the income
    is missing or not positive."""
    income = np.asarray(income, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(income > 0, np.asarray(energy_cost, dtype=float) / income * 100.0, np.nan)
    return float(out) if out.ndim == 0 else out


def scenario_table(inputs: dict | None = None) -> pd.DataFrame:
    """Energy use, bill, emissions and energy burden of the four scenarios.

    Parameters
    ----------
    inputs : dict, optional
        Overrides of :func:`defaults` (the measure switches are ignored here).

    Returns
    -------
    DataFrame
        Index ``baseline, weatherization, heat_pump, both``; columns ``oil_gal``, ``hp_kwh``,
        ``electricity_kwh``, ``oil_cost_usd``, ``electricity_cost_usd``, ``energy_cost_usd``,
        ``oil_tco2``, ``electricity_tco2``, ``tco2``, ``burden_pct``, ``high_burden``
        (> 6 %), ``severe_burden`` (> 10 %) and ``burden_level`` (``severe``, ``high`` or
        ``below``; NaN burden → ``below``).

    Notes
    -----
    Heating oil after weatherization :math:`G' = G (1 - w)`. With the heat pump the oil is 0
    and :math:`E_{HP} = G' h \\eta / COP \\cdot 293.071`. Electricity
    :math:`E = E_{other} + E_{HP}`. Bill :math:`B = G_{oil} p_{oil} + E p_e`; emissions
    :math:`G_{oil} \\cdot 10.21/1000 + E/1000 \\cdot 0.24639` [t]; burden :math:`B / I`.
    """
    x = _inputs(inputs)
    rows = {}
    for key, (wx, hp) in SCENARIOS.items():
        heat_gal = x["oil_gallons"] * (1.0 - x["weatherization_cut_pct"] / 100.0 if wx else 1.0)
        hp_kwh = heat_pump_kwh(heat_gal, mmbtu_per_gal=x["oil_mmbtu_per_gal"], cop=x["cop"],
                               furnace_efficiency=x["furnace_efficiency"],
                               kwh_per_mmbtu=x["kwh_per_mmbtu"]) if hp else 0.0
        oil = 0.0 if hp else heat_gal
        kwh = x["other_kwh"] + hp_kwh
        oil_cost, elec_cost = oil * x["oil_price"], kwh * x["electricity_price"]
        oil_t, elec_t = oil * x["oil_kgco2_per_gal"] / 1000.0, kwh / 1000.0 * x["grid_tco2_per_mwh"]
        burden = energy_burden_pct(oil_cost + elec_cost, x["income"])
        rows[key] = {"oil_gal": oil, "hp_kwh": hp_kwh, "electricity_kwh": kwh, "oil_cost_usd": oil_cost,
                     "electricity_cost_usd": elec_cost, "energy_cost_usd": oil_cost + elec_cost,
                     "oil_tco2": oil_t, "electricity_tco2": elec_t, "tco2": oil_t + elec_t, "burden_pct": burden,
                     "high_burden": bool(burden > x["burden_high_pct"]),
                     "severe_burden": bool(burden > x["burden_severe_pct"])}
        rows[key]["burden_level"] = ("severe" if rows[key]["severe_burden"] else
                                     "high" if rows[key]["high_burden"] else "below")
    return pd.DataFrame.from_dict(rows, orient="index")


def evaluate_household(inputs: dict | None = None) -> dict:
    """The whole household scenario: tier, stacked incentives, loan, bill, emissions, burden.

    Parameters
    ----------
    inputs : dict, optional
        Overrides of :func:`defaults`: ``income`` [USD/yr], ``household_size`` [persons],
        ``oil_gallons`` [gal/yr], ``oil_price`` [USD/gal], ``electricity_price`` [USD/kWh],
        ``other_kwh`` [kWh/yr], ``weatherization`` and ``heat_pump`` (bool: the measures
        chosen), ``weatherization_cut_pct`` [%], ``weatherization_cost`` [USD], ``hp_cost``
        [USD], ``hp_tons`` [tons], ``cop`` [-], ``furnace_efficiency`` [-], ``tax_credit``
        (bool: claim 25C), ``use_loan`` (bool), ``loan_rate_pct`` [%/yr], ``loan_years``, and
        any other TOML parameter (factors and program rules).

    Returns
    -------
    dict
        - ``tier``; ``smi60_usd``, ``smi80_usd``, ``smi_rule`` and ``income_pct_smi`` (income as
          % of the SMI);
        - ``rebates``: DataFrame by tier (``standard, enhanced, income_eligible``) of
          ``hp_rebate``, ``weatherization_incentive``, ``tax_credit_25c``, ``total`` and
          ``net_cost`` for this house, with ``applies`` marking the household's tier;
        - ``stack``: :func:`calc.financing.stack_incentives`' table with a ``program`` column,
          in :data:`STACK_ORDER`; ``capex_usd``, ``incentives_usd``, ``upfront_incentives_usd``
          (rebates), ``tax_credit_usd`` (year 1) and ``net_cost_usd`` (capex − all incentives);
        - ``due_at_install_usd`` (capex − rebates), ``loan_principal_usd``, ``loan_schedule``
          (:func:`calc.financing.loan_schedule`), ``loan_payment_usd`` (year 1),
          ``loan_interest_usd`` and ``upfront_cash_usd`` (what the household pays at
          installation: due − loan);
        - ``steps``: the one-stop-shop view, what is paid when: DataFrame of ``step``
          (``capex``, the rebates, ``loan``, ``upfront``, ``tax_credit_25c``, ``net_cost``),
          ``usd`` (incentives and the loan negative) and ``when`` (``install``, ``loan``,
          ``year1`` or empty); the loan row only when there is a loan;
        - ``scenarios`` (:func:`scenario_table`), ``selected`` (its row for the chosen
          measures), ``before`` and ``after`` (those rows as dicts);
        - ``annual_saving_usd``, ``tco2_saved``, ``simple_payback_years`` (net cost / saving;
          0 at no net cost, NaN when nothing is saved), ``breakeven_electricity_price``
          [USD/kWh] (the price at which the heat pump's electricity costs what the oil did);
        - ``verdict``: ``no_measure``, ``benefits`` (the bill falls at no net cost),
          ``benefits_with_cost`` (the bill falls, the household pays a net cost) or
          ``bill_rises``; ``warnings``: codes (``smi_interpolated``, ``smi_extrapolated``,
          ``no_income``, ``loan_capped``);
        - ``inputs`` (the values used) and ``version`` (of the data file).

    Raises
    ------
    ValueError
        For an unknown input name or a household of fewer than one person.

    Notes
    -----
    Tier: income ≤ :math:`SMI_{60}` → income-eligible; ≤ :math:`SMI_{80} = SMI_{60} \\cdot 80/60`
    → enhanced; else standard. Stacking, in :data:`STACK_ORDER`: the Mass Save heat-pump rebate
    (:func:`hp_rebate`) and weatherization incentive (:func:`weatherization_incentive`) at
    installation, then 25C on the heat pump's cost after its rebate (:func:`tax_credit_25c`,
    year 1), each entered as an amount in :func:`calc.financing.stack_incentives`. The loan
    covers :math:`C - R` (up to its maximum) at ``loan_rate_pct`` over ``loan_years``
    (annuity). Payback :math:`(C - R - T) / (B_{before} - B_{after})`. Break-even price
    :math:`p_e^* = p_{oil} \\cdot COP / (h \\cdot \\eta \\cdot 293.071)`.

    Examples
    --------
    >>> r = evaluate_household({"income": 40000, "household_size": 1})
    >>> r["tier"], r["net_cost_usd"]
    ('income_eligible', 0.0)
    """
    x = _inputs(inputs)
    smi60, rule = smi60_usd(x["household_size"])
    smi80 = smi60 * x["smi80_over_smi60"]
    tier = income_tier(x["income"], x["household_size"])
    warnings = [f"smi_{rule}"] if rule != "table" else []

    stacks = {t: _stack(t, x) for t in TIERS}
    table, summary = stacks[tier]
    rebates = pd.DataFrame({t: {**dict(zip(s[0]["program"], s[0]["applied"])), "total": s[1]["total_incentives"],
                                "net_cost": s[1]["net_cost"]} for t, s in stacks.items()}).T
    rebates = rebates.reindex(columns=[*STACK_ORDER, "total", "net_cost"]).fillna(0.0).astype(float)
    rebates["applies"] = rebates.index == tier

    due = summary["capex"] - summary["upfront_incentives"]
    principal = min(due, x["loan_max"]) if x["use_loan"] and x["loan_years"] > 0 else 0.0
    if principal > 0 and due > principal:
        warnings.append("loan_capped")
    schedule = loan_schedule(principal, x["loan_rate_pct"], x["loan_years"] if principal > 0 else 0)

    steps = [("capex", summary["capex"], "install")]
    steps += [(p, -a, "install") for p, a, y in zip(table["program"], table["applied"], table["year"]) if y == 0]
    steps += [("loan", -principal, "loan")] if principal > 0 else []
    steps += [("upfront", due - principal, "install")]
    steps += [(p, -a, "year1") for p, a, y in zip(table["program"], table["applied"], table["year"]) if y == 1]
    steps += [("net_cost", summary["net_cost"], "")]

    scenarios = scenario_table(x)
    selected = next(k for k, v in SCENARIOS.items() if v == (bool(x["weatherization"]), bool(x["heat_pump"])))
    before, after = scenarios.loc["baseline"].to_dict(), scenarios.loc[selected].to_dict()
    saving = before["energy_cost_usd"] - after["energy_cost_usd"]
    net_cost = summary["net_cost"]
    if net_cost <= 0.005:
        payback = 0.0 if saving > 0 else np.nan
    else:
        payback = net_cost / saving if saving > 0 else np.nan
    if not x["income"] > 0:
        warnings.append("no_income")
    if selected == "baseline":
        verdict = "no_measure"
    elif saving <= 0:
        verdict = "bill_rises"
    else:
        verdict = "benefits" if net_cost <= 0.005 else "benefits_with_cost"
    breakeven = x["oil_price"] * x["cop"] / (x["oil_mmbtu_per_gal"] * x["furnace_efficiency"] * x["kwh_per_mmbtu"])
    return {
        "version": _raw()["version"], "inputs": x, "tier": tier, "smi60_usd": smi60, "smi80_usd": smi80,
        "smi_rule": rule, "income_pct_smi": x["income"] / smi60 * 60.0 if x["income"] > 0 else np.nan,
        "rebates": rebates, "stack": table, "capex_usd": summary["capex"],
        "incentives_usd": summary["total_incentives"], "upfront_incentives_usd": summary["upfront_incentives"],
        "tax_credit_usd": summary["year1_incentives"], "net_cost_usd": net_cost, "due_at_install_usd": due,
        "loan_principal_usd": principal, "loan_schedule": schedule,
        "steps": pd.DataFrame(steps, columns=["step", "usd", "when"]),
        "loan_payment_usd": float(schedule["payment"].iloc[0]) if len(schedule) else 0.0,
        "loan_interest_usd": float(schedule["interest"].sum()), "upfront_cash_usd": due - principal,
        "scenarios": scenarios, "selected": selected, "before": before, "after": after,
        "annual_saving_usd": saving, "tco2_saved": before["tco2"] - after["tco2"],
        "simple_payback_years": payback, "breakeven_electricity_price": breakeven,
        "verdict": verdict, "warnings": warnings,
    }


# -- helpers ------------------------------------------------------------------------------------
def _float(value) -> float:
    if value is None or isinstance(value, bool):
        return np.nan if value is None else float(value)
    out = pd.to_numeric(value, errors="coerce")
    return float(out) if not pd.isna(out) else np.nan


def _params(params: dict | None) -> dict:
    return params if params is not None else {k: v["value"] for k, v in _raw()["param"].items()}


def _inputs(inputs: dict | None) -> dict:
    """Defaults overridden by ``inputs``; numbers as float, switches as bool, size as int."""
    x = defaults()
    unknown = set(inputs or {}) - set(x)
    if unknown:
        raise ValueError(f"unknown household inputs: {sorted(unknown)}")
    x.update(inputs or {})
    for key, value in x.items():
        x[key] = bool(value) if key in SWITCHES else _float(value)
    if np.isnan(x["household_size"]) or x["household_size"] < 1:
        raise ValueError("household_size must be at least 1")
    x["household_size"] = int(round(x["household_size"]))
    x["loan_years"] = 0 if np.isnan(x["loan_years"]) else int(round(x["loan_years"]))
    return x


def _stack(tier: str, x: dict) -> tuple[pd.DataFrame, dict]:
    """The household's incentives for one tier, stacked in :data:`STACK_ORDER`."""
    hp_cost = x["hp_cost"] if x["heat_pump"] else 0.0
    wx_cost = x["weatherization_cost"] if x["weatherization"] else 0.0
    rows = []
    if x["heat_pump"]:
        rebate = hp_rebate(tier, hp_cost, x["hp_tons"], x)
        rows.append(("hp_rebate", "rebate", rebate))
    if x["weatherization"]:
        rows.append(("weatherization_incentive", "rebate", weatherization_incentive(tier, wx_cost, x)))
    if x["heat_pump"] and x["tax_credit"]:
        rows.append(("tax_credit_25c", "tax_credit", tax_credit_25c(hp_cost - rebate, x)))
    frame = pd.DataFrame({"program": [r[0] for r in rows], "type": [r[1] for r in rows],
                          "amount": np.array([r[2] for r in rows], dtype=float)})
    table, summary = stack_incentives(hp_cost + wx_cost, frame)
    table.insert(0, "program", frame["program"].to_numpy())
    return table, summary
