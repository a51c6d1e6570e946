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
from ui.trainer import chart
from workbook.model import empty_table

FINANCE_FIELDS = ("discount_rate_pct", "analysis_years", "energy_price_escalation_pct", "carbon_price_per_tco2")
#: Financing types the form edits (as "*" rows); other rows of the sheet are kept as they are.
FORM_TYPES = ("loan", "grant", "tax_credit", "esco_shared_savings")
FINANCING_DEFAULTS = {"loan_pct": 70.0, "loan_rate": 10.0, "loan_term": 3.0, "loan_grace": 0.0,
                      "loan_kind": "annuity", "grant_pct": 0.0, "tax_credit_pct": 0.0,
                      "esco_share": 50.0, "esco_years": 3.0}
#: the number inputs of the form (loan_kind is a select box)
FINANCING_NUMBERS = tuple(k for k in FINANCING_DEFAULTS if k != "loan_kind")


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
                     loan_term=get("term_years", v["loan_term"]), loan_grace=get("grace_years", 0.0),
                     loan_kind=rec["loan_kind"] if isinstance(rec["loan_kind"], str) else "annuity")
        elif rec["type"] == "tax_credit":
            v["tax_credit_pct"] = get("pct_of_capex", 0.0)
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
             "term_years": values["loan_term"], "grace_years": values["loan_grace"], "loan_kind": values["loan_kind"]},
            {"measure_id": "*", "type": "esco_shared_savings", "share_pct": values["esco_share"],
             "contract_years": values["esco_years"]}]
    if values["grant_pct"]:
        rows.insert(1, {"measure_id": "*", "type": "grant", "pct_of_capex": values["grant_pct"]})
    if values["tax_credit_pct"]:
        rows.insert(1, {"measure_id": "*", "type": "tax_credit", "pct_of_capex": values["tax_credit_pct"]})
    base = empty_table("Financing")
    return pd.DataFrame([{**{c: None for c in base.columns}, **r} for r in rows]).astype(base.dtypes.to_dict())


def write_financing(keys: dict[str, str], lang: str) -> None:
    """on_change: rebuild the "*" rows of the Financing sheet from the form (other rows kept)."""
    scenario = state.scenario()
    current = scenario.table("Financing")
    values = {f: st.session_state[k] for f, k in keys.items()}
    kept = current[(current["measure_id"] != "*") | ~current["type"].isin(FORM_TYPES)]
    table = pd.concat([kept, financing_rows(values)], ignore_index=True)
    state.set_scenario(scenario.with_table("Financing", table.astype(current.dtypes.to_dict())), edited=True)
    mark_synced("fng", lang)


def financing_for(sheet: pd.DataFrame, measure_id: str, keys: dict[str, str]) -> pd.DataFrame:
    """The financing rows that apply to one measure (or the portfolio): its own rows, the sheet's
    "*" rows the form does not edit, and the form's current values."""
    own = sheet[(sheet["measure_id"] == measure_id) | ((sheet["measure_id"] == "*") & ~sheet["type"].isin(FORM_TYPES))]
    form = financing_rows({f: st.session_state[k] for f, k in keys.items()})
    return pd.concat([own, form], ignore_index=True).astype(form.dtypes.to_dict())


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


def render_risk(base: dict, settings: dict, lang: str, currency: str, seps: str) -> None:
    """Tornado (±20 %) with break-even values, and a Monte Carlo with the user's ranges."""
    from calc.risk import break_even, monte_carlo, tornado
    from figures.finance import monte_carlo_histogram, tornado_chart

    rate_pct, years = float(settings["discount_rate_pct"]), int(settings["analysis_years"])
    c1, c2 = st.columns(2)
    ranges = {"energy_price": (-0.2, 0.2), "saving": (-0.2, 0.2), "capex": (-0.2, 0.2),
              "discount_rate": (-4, 4), "lifetime": (-0.2, 0.2)}
    torn = tornado(base, ranges).assign(label=lambda d: [t(f"fin.input.{k}", lang) for k in d["input"]])
    c1.plotly_chart(chart(tornado_chart(torn, torn.attrs["base_npv"], title=t("fin.sensitivity", lang), separators=seps,
                                  currency=currency, low_label=t("fin.low", lang), high_label=t("fin.high", lang))),
                    key="fin_tornado", width="stretch")
    even = {k: break_even(base, k) for k in ("saving", "capex", "discount_rate")}
    c1.caption(t("fin.break_even", lang, items="; ".join(
        f"{t(f'fin.be.{k}', lang)}: " + (fmt_num(v, lang, 1) + " %" if k == "discount_rate" else fmt_pct(v * 100, lang, 0))
        for k, v in even.items() if np.isfinite(v))))
    spans = {}
    for column, name in zip(c2.columns(3), ("energy_price", "saving", "capex")):
        spans[name] = column.number_input(t("fin.mc_range", lang, what=t(f"fin.input.{name}", lang)), 0.0, 90.0,
                                          20.0, step=5.0, key=f"fin_mc_{name}")
    mc = monte_carlo(**{k: base[k] for k in ("capex", "energy_cost_saving", "opex_change", "lifetime_years")},
                     discount_rate_pct=rate_pct, years=years, escalation_pct=base["escalation_pct"], seed=42,
                     distributions={k: ("triangular", 1 - v / 100, 1.0, 1 + v / 100) for k, v in spans.items()})
    c2.plotly_chart(chart(monte_carlo_histogram(mc["npv"], p10=mc["p10"], p50=mc["p50"], p90=mc["p90"],
                                          title=t("fin.risk", lang), separators=seps, currency=currency,
                                          prob_label=t("fin.prob", lang, p=fmt_pct(mc["prob_npv_positive"] * 100, lang, 0)))),
                    key="fin_mc", width="stretch")
    c2.caption(t("fin.mc_stats", lang, p10=fmt_num(mc["p10"], lang, 0), p50=fmt_num(mc["p50"], lang, 0),
                 p90=fmt_num(mc["p90"], lang, 0), irr10=fmt_pct(mc["irr_p10"] * 100, lang, 1),
                 irr90=fmt_pct(mc["irr_p90"] * 100, lang, 1)))


def render_budget(ok: pd.DataFrame, npvs: np.ndarray, lang: str, currency: str) -> None:
    """The measures that maximise NPV (or tCO2e) within a budget, and the ranking by PI."""
    from calc.risk import rank_by_profitability, select_within_budget

    st.subheader(t("fin.budget", lang))
    c1, c2 = st.columns([1, 2])
    budget = c1.number_input(t("fin.budget_input", lang, cur=currency), min_value=0.0, step=1e6, key="fin_budget",
                             value=float(ok["capex"].sum()) / 2)
    goal = c1.radio(t("fin.goal", lang), ["npv", "tco2e"], key=f"fin_goal_{lang}", horizontal=True,
                    format_func=lambda k: t(f"fin.goal.{k}", lang))
    value = npvs if goal == "npv" else ok["reduction_tco2e"].to_numpy(float)
    chosen = select_within_budget(ok["capex"].to_numpy(float), value, budget)
    c1.markdown(t(f"fin.budget_result.{goal}", lang, ids=", ".join(ok["id"].iloc[chosen["selected"]]) or "–",
                  capex=fmt_num(chosen["total_capex"], lang, 0), value=fmt_num(chosen["total_value"], lang, 1)))
    rank = rank_by_profitability(ok["id"].tolist(), ok["capex"].to_numpy(float), npvs)
    cols = t("fin.rank_cols", lang, cur=currency).split("|")
    c2.dataframe(pd.DataFrame({cols[0]: rank["rank"], cols[1]: rank["id"],
                               cols[2]: [fmt_num(v, lang, 0) for v in rank["capex"]],
                               cols[3]: [fmt_num(v, lang, 0) for v in rank["npv"]],
                               cols[4]: [fmt_num(v, lang, 2) for v in rank["profitability_index"]]}),
                 hide_index=True, key="fin_rank")


def render_loan(capex: float, saving: float, keys: dict[str, str], years: int, lang: str) -> None:
    """The loan's schedule year by year with the debt service coverage ratio."""
    from calc.financing import dscr, loan_schedule, project_cashflows

    v = {f: st.session_state[k] for f, k in keys.items()}
    schedule = loan_schedule(capex * v["loan_pct"] / 100, v["loan_rate"], int(v["loan_term"]),
                             grace_years=int(v["loan_grace"]), kind=v["loan_kind"])
    cover = dscr(project_cashflows(capex, saving, years), schedule)
    cols = t("fin.loan_cols", lang).split("|")
    with st.expander(t("fin.loan_view", lang)):
        st.dataframe(pd.DataFrame({cols[0]: [str(y) for y in schedule.index],
                                   **{cols[i + 1]: [fmt_num(x, lang, 0) for x in schedule[c]] for i, c in
                                      enumerate(("opening", "interest", "principal", "payment", "closing"))},
                                   cols[6]: [fmt_num(cover.get(y, np.nan), lang, 2) for y in schedule.index]}),
                     hide_index=True, key="fin_loan")
        st.caption(t("fin.dscr_note", lang))


def render_esco(capex: float, saving: float, keys: dict[str, str], years: int, lang: str) -> None:
    """The three ESCO models, year by year: what the customer and the ESCO each get."""
    from calc.financing import chauffage, esco_guaranteed_savings, esco_shared_savings

    share, contract = st.session_state[keys["esco_share"]], st.session_state[keys["esco_years"]]
    with st.expander(t("fin.esco_flows", lang)):
        c1, c2, c3 = st.columns(3)
        actual = c1.number_input(t("fin.esco_actual", lang), 0.0, 200.0, 80.0, step=5.0, key="fin_esco_actual")
        discount = c2.number_input(t("fin.esco_discount", lang), 0.0, 100.0, 10.0, step=1.0, key="fin_esco_discount")
        bill = c3.number_input(t("fin.esco_bill", lang), 0.0, None, float(saving) * 3, step=1e6, key="fin_esco_bill")
        models = {
            "shared": esco_shared_savings(capex, saving, share_pct=share, contract_years=contract, years=years),
            "guaranteed": esco_guaranteed_savings(capex, saving, saving * actual / 100, contract_years=contract,
                                                  years=years),
            "chauffage": chauffage(capex, bill, saving, price_discount_pct=discount, contract_years=contract,
                                   years=years),
        }
        for tab, (name, flows) in zip(st.tabs([t(f"fin.esco_model.{k}", lang) for k in models]), models.items()):
            tab.dataframe(pd.DataFrame({t("fin.esco_who.customer", lang): [fmt_num(v, lang, 0) for v in flows["customer"]],
                                        t("fin.esco_who.esco", lang): [fmt_num(v, lang, 0) for v in flows["esco"]]},
                                       index=[str(y) for y in range(len(flows["customer"]))]).T, key=f"fin_esco_{name}")
        st.caption(t("fin.esco_note", lang))
