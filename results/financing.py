"""Financing of a measure or of the portfolio: the form's values, the rows used, every option.

The Financing sheet's ``*`` rows of the types the Finance page's form edits (a loan, a grant, a
tax credit, an ESCO shared-savings offer) are the form; what the sheet leaves blank takes
:data:`FINANCING_DEFAULTS`, in the results and on the page alike, so the report, the CLI and the
screen show the same options whether or not the user has touched the form.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from calc import financing as fin
from results.model import FinancingResults
from workbook.model import empty_table

__all__ = ["FORM_TYPES", "FINANCING_DEFAULTS", "financing_values", "financing_rows", "rows_for",
           "financing_results"]

#: Financing types the form edits (as "*" rows); other rows of the sheet are kept as they are.
FORM_TYPES = ("loan", "grant", "tax_credit", "esco_shared_savings")
#: What a blank form field means: a 70 % loan at 10 % over 3 years (annuity), no grant or tax
#: credit, an ESCO that takes 50 % of the savings for 3 years.
FINANCING_DEFAULTS = {"loan_pct": 70.0, "loan_rate": 10.0, "loan_term": 3.0, "loan_grace": 0.0,
                      "loan_kind": "annuity", "grant_pct": 0.0, "tax_credit_pct": 0.0,
                      "esco_share": 50.0, "esco_years": 3.0}


def financing_values(financing: pd.DataFrame) -> dict:
    """The form's values from the Financing sheet's rows for all measures (measure_id "*")."""
    v = dict(FINANCING_DEFAULTS)
    rows = financing[financing["measure_id"] == "*"]
    for rec in rows.to_dict("records"):
        get = lambda k, d: float(rec[k]) if pd.notna(rec[k]) else d  # noqa: E731
        if rec["type"] == "loan":
            v.update(loan_pct=get("pct_of_capex", v["loan_pct"]), loan_rate=get("rate_pct", v["loan_rate"]),
                     loan_term=get("term_years", v["loan_term"]), loan_grace=get("grace_years", 0.0),
                     loan_kind=rec["loan_kind"] if isinstance(rec["loan_kind"], str) else "annuity")
        elif rec["type"] == "tax_credit":
            v["tax_credit_pct"] = get("pct_of_capex", 0.0)
        elif rec["type"] in ("grant", "rebate"):
            v["grant_pct"] = get("pct_of_capex", 0.0)
        elif rec["type"] == "esco_shared_savings":
            v.update(esco_share=get("share_pct", v["esco_share"]), esco_years=get("contract_years", v["esco_years"]))
    return v


def financing_rows(values: dict) -> pd.DataFrame:
    """The "*" rows the form stands for: a loan, a grant / tax credit (if any) and an ESCO offer."""
    rows = [{"measure_id": "*", "type": "loan", "pct_of_capex": values["loan_pct"], "rate_pct": values["loan_rate"],
             "term_years": values["loan_term"], "grace_years": values["loan_grace"], "loan_kind": values["loan_kind"]},
            {"measure_id": "*", "type": "esco_shared_savings", "share_pct": values["esco_share"],
             "contract_years": values["esco_years"]}]
    if values["grant_pct"]:
        rows.insert(1, {"measure_id": "*", "type": "grant", "pct_of_capex": values["grant_pct"]})
    if values["tax_credit_pct"]:
        rows.insert(1, {"measure_id": "*", "type": "tax_credit", "pct_of_capex": values["tax_credit_pct"]})
    base = empty_table("Financing")
    return pd.DataFrame([{**{c: None for c in base.columns}, **r} for r in rows]).astype(base.dtypes.to_dict())


def rows_for(sheet: pd.DataFrame, measure_id: str, values: dict) -> pd.DataFrame:
    """The financing rows that apply to one measure (or ``portfolio``): its own rows, the sheet's
    "*" rows the form does not edit, and the form's rows."""
    own = sheet[(sheet["measure_id"] == measure_id) | ((sheet["measure_id"] == "*") & ~sheet["type"].isin(FORM_TYPES))]
    form = financing_rows(values)
    if own.empty:
        return form
    return pd.concat([own.astype(form.dtypes.to_dict()), form], ignore_index=True)


def financing_results(label_id: str, flows: np.ndarray, settings: dict, sheet: pd.DataFrame) -> FinancingResults:
    """Every financing view of one row of yearly cash flows (a measure from its own start year,
    or the portfolio).

    Parameters
    ----------
    label_id : str
        The measure's id or ``portfolio``.
    flows : ndarray
        The appraisal's yearly flows (t = 0 … N). The investment paid at t = 0 (−flows[0]) is
        what loans, grants and the ESCO finance; later flows (savings net of operating costs,
        replacements, later investments, salvage) are the project's yearly flows of every option,
        so the "cash" option equals the indicator table.
    settings : dict
        :func:`calc.appraisal.finance_settings`.
    sheet : DataFrame
        The Financing sheet.
    """
    years = len(flows) - 1
    rate_pct = float(settings["discount_rate_pct"])
    capex = max(-float(flows[0]), 0.0)
    yearly = np.asarray(flows[1:], dtype=float)
    values = financing_values(sheet)
    rows = rows_for(sheet, label_id, values)
    options = fin.compare_financing(capex, yearly, years, rate_pct, rows)
    schedule = fin.loan_schedule(capex * values["loan_pct"] / 100, values["loan_rate"], int(values["loan_term"]),
                                 grace_years=int(values["loan_grace"]), kind=values["loan_kind"])
    cover = fin.dscr(np.asarray(flows, dtype=float), schedule)
    share, contract = values["esco_share"], values["esco_years"]
    actual = float(settings["esco_actual_saving_pct"]) / 100.0
    bill = settings.get("chauffage_energy_bill")
    gross = yearly.clip(min=0.0)
    bill = float(bill) if bill is not None and not pd.isna(bill) else 3.0 * float(gross[0] if len(gross) else 0.0)
    guaranteed = rows[rows["type"] == "esco_guaranteed_savings"].head(1).to_dict("records")
    g = guaranteed[0] if guaranteed else {}
    fee = fin.guarantee_fee(yearly, g.get("amount"), g.get("share_pct"), years)
    esco = {
        "shared": fin.esco_shared_savings(capex, yearly, share_pct=share, contract_years=contract, years=years),
        "guaranteed": fin.esco_guaranteed_savings(capex, yearly, yearly * actual, years=years,
                                                  contract_years=g.get("contract_years") or contract,
                                                  esco_fee_per_year=fee),
        "chauffage": fin.chauffage(capex, bill, yearly, price_discount_pct=float(settings["chauffage_discount_pct"]),
                                   contract_years=contract, years=years),
    }
    return FinancingResults(label_id, capex, values, rows, options, schedule, cover, esco)
