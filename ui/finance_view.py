"""Finance page glue: the Finance and Financing forms, indicator tables, option labels.

Forms write back through ``on_change`` callbacks, so visiting the page never marks the scenario
as edited; only a change the user makes does. Every number comes from ``calc``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from calc.appraisal import finance_settings
from ui import state
from ui.format import fmt_num, fmt_pct
from ui.forms import mark_synced, seed
from ui.i18n import t
from workbook.model import empty_table

FINANCE_FIELDS = ("discount_rate_pct", "analysis_years", "energy_price_escalation_pct", "carbon_price_per_tco2")
FINANCING_DEFAULTS = {"loan_pct": 70.0, "loan_rate": 10.0, "loan_term": 3.0, "grant_pct": 0.0,
                      "esco_share": 50.0, "esco_years": 3.0}


def seed_finance_form(scenario, lang: str) -> dict[str, str]:
    s = finance_settings(scenario.fields.get("Finance"))
    return seed("fin", {f: (int(s[f]) if f == "analysis_years" else float(s[f])) for f in FINANCE_FIELDS}, lang)


def write_finance(field: str, key: str, lang: str) -> None:
    """on_change: one Finance-sheet field from its widget."""
    state.set_scenario(state.scenario().with_field("Finance", field, st.session_state[key]), edited=True)
    mark_synced("fin", lang)


def financing_values(financing: pd.DataFrame) -> dict:
    """Form values from the Financing sheet's rows for all measures (measure_id "*")."""
    v = dict(FINANCING_DEFAULTS)
    rows = financing[financing["measure_id"] == "*"]
    for rec in rows.to_dict("records"):
        get = lambda k, d: float(rec[k]) if pd.notna(rec[k]) else d  # noqa: E731
        if rec["type"] == "loan":
            v.update(loan_pct=get("pct_of_capex", v["loan_pct"]), loan_rate=get("rate_pct", v["loan_rate"]),
                     loan_term=get("term_years", v["loan_term"]))
        elif rec["type"] in ("grant", "rebate"):
            v["grant_pct"] = get("pct_of_capex", 0.0)
        elif rec["type"] == "esco_shared_savings":
            v.update(esco_share=get("share_pct", v["esco_share"]), esco_years=get("contract_years", v["esco_years"]))
    return v


def seed_financing_form(scenario, lang: str) -> dict[str, str]:
    return seed("fng", financing_values(scenario.table("Financing")), lang)


def financing_rows(values: dict) -> pd.DataFrame:
    """The "*" rows the form stands for: a loan, a grant (if any) and an ESCO shared-savings offer."""
    rows = [{"measure_id": "*", "type": "loan", "pct_of_capex": values["loan_pct"], "rate_pct": values["loan_rate"],
             "term_years": values["loan_term"]},
            {"measure_id": "*", "type": "esco_shared_savings", "share_pct": values["esco_share"],
             "contract_years": values["esco_years"]}]
    if values["grant_pct"]:
        rows.insert(1, {"measure_id": "*", "type": "grant", "pct_of_capex": values["grant_pct"]})
    base = empty_table("Financing")
    return pd.DataFrame([{**{c: None for c in base.columns}, **r} for r in rows]).astype(base.dtypes.to_dict())


def write_financing(keys: dict[str, str], lang: str) -> None:
    """on_change: rebuild the "*" rows of the Financing sheet from the form (other rows kept)."""
    scenario = state.scenario()
    current = scenario.table("Financing")
    values = {f: st.session_state[k] for f, k in keys.items()}
    table = pd.concat([current[current["measure_id"] != "*"], financing_rows(values)], ignore_index=True)
    state.set_scenario(scenario.with_table("Financing", table.astype(current.dtypes.to_dict())), edited=True)
    mark_synced("fng", lang)


def indicator_table(table: pd.DataFrame, lang: str, currency: str) -> pd.DataFrame:
    """The appraisal formatted: one row per measure and the portfolio."""
    cols = t("fin.ind_cols", lang, cur=currency).split("|")
    years = lambda v: "∞" if not np.isfinite(v) else fmt_num(v, lang, 2)  # noqa: E731
    out = []
    for r in table.itertuples():
        out.append([t("fin.portfolio", lang) if r.id == "portfolio" else f"{r.id} {r.name or ''}",
                    fmt_num(r.capex, lang, 0), fmt_num(r.annual_saving, lang, 0), years(r.simple_payback_years),
                    years(r.discounted_payback_years), fmt_num(r.npv, lang, 0),
                    fmt_pct(r.irr * 100, lang, 2) if np.isfinite(r.irr) else t(f"fin.irr.{r.irr_code or 'none'}", lang),
                    fmt_pct(r.roi * 100, lang, 1), fmt_num(r.bcr, lang, 2),
                    fmt_num(r.cost_of_saved_energy_per_kwh, lang, 0), fmt_num(r.abatement_cost_per_tco2e, lang, 0)])
    return pd.DataFrame(out, columns=cols)
