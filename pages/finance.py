"""Finance page: indicators, cash flows, NPV vs rate, financing options, sensitivity, risk, budget."""
import numpy as np
import pandas as pd
import streamlit as st

from calc import finance
from calc.appraisal import LAMPS, appraise, finance_settings, life_cycle_comparison, npv_profile
from calc.financing import compare_financing
from calc.measures import measure_savings
from figures.finance import cashflow_chart, financing_chart, npv_curve
from ui import state
from ui.cache import inventory
from ui.finance_view import (FINANCE_FIELDS, FINANCING_NUMBERS, financing_for, indicator_table,
                             render_budget, render_esco, render_loan, render_risk, seed_finance_form, seed_financing_form,
                             write_finance, write_financing)
from ui.format import fmt_num, fmt_pct, plotly_separators
from ui.i18n import t
from ui.trainer import chart

state.leave_legacy_pages_mode()
lang = state.lang()
scenario = state.scenario()
currency = scenario.company.get("currency") or "VND"
seps = plotly_separators(lang)
_, _, factor_table = inventory(scenario.activities, scenario.company, scenario.table("Factors"))

st.title(t("fin.title", lang))
st.caption(t("fin.caption", lang))
keys = seed_finance_form(scenario, lang)
for column, field in zip(st.columns(4), FINANCE_FIELDS):
    column.number_input(t(f"fin.{field}", lang, cur=currency), min_value=1 if field == "analysis_years" else 0.0,
                        step=1 if field == "analysis_years" else 0.5, key=keys[field],
                        on_change=write_finance, args=(field, keys[field], lang))
st.caption(t("fin.assumption", lang))
settings = finance_settings(state.scenario().fields.get("Finance"))
rate_pct, years = float(settings["discount_rate_pct"]), int(settings["analysis_years"])
savings = measure_savings(scenario.table("Measures"), factor_table, rate_pct)
appraisal = appraise(savings, state.scenario().fields.get("Finance"))
table = appraisal.table
if len(table) <= 1:
    st.info(t("fin.no_measures", lang))
    st.stop()

st.subheader(t("fin.indicators", lang))
st.dataframe(indicator_table(table, lang, currency), hide_index=True, width="stretch", key="fin_table")

# -- one measure or the portfolio in detail ----------------------------------------------------
ids = list(table["id"])
pick = st.selectbox(t("fin.pick", lang), ids, index=len(ids) - 1, key=f"fin_pick_{lang}",
                    format_func=lambda i: t("fin.portfolio", lang) if i == "portfolio"
                    else f"{i} {table.loc[table['id'] == i, 'name'].iloc[0]}")
row = ids.index(pick)
flows, rec = appraisal.cashflows[row], table.iloc[row]
c1, c2 = st.columns(2)
c1.plotly_chart(chart(cashflow_chart(flows, title=t("fin.cashflow", lang), separators=seps, currency=currency,
                               cumulative_label=t("fin.cumulative", lang), payback_years=rec["simple_payback_years"],
                               payback_label=t("fin.payback", lang, y=fmt_num(rec["simple_payback_years"], lang, 2)))),
                key="fin_cashflow", width="stretch")
rates = np.linspace(0, max(60.0, (rec["irr"] * 150) if np.isfinite(rec["irr"]) else 60.0), 121)
c2.plotly_chart(chart(npv_curve(rates, npv_profile(flows, rates),
                          irr_pct=rec["irr"] * 100, hurdle_pct=rate_pct, title=t("fin.npv_curve", lang),
                          separators=seps, currency=currency, x_title=t("fin.rate_axis", lang),
                          irr_label=f"IRR {fmt_pct(rec['irr'] * 100, lang, 2)}", hurdle_label=t("fin.hurdle", lang))),
                key="fin_npv", width="stretch")
if np.isfinite(rec["irr"]):
    i1 = np.floor(rec["irr"] * 10) / 10
    hand = finance.hand_irr(flows, i1, i1 + 0.1)
    st.caption(t("fin.hand_irr", lang, i1=fmt_num(i1 * 100, lang, 0), i2=fmt_num(i1 * 100 + 10, lang, 0),
                 n1=fmt_num(hand["npv1"], lang, 0), n2=fmt_num(hand["npv2"], lang, 0),
                 h=fmt_num(hand["irr"] * 100, lang, 2), irr=fmt_num(rec["irr"] * 100, lang, 2)))

# -- financing options ---------------------------------------------------------------------------
st.subheader(t("fin.financing", lang))
fkeys = seed_financing_form(scenario, lang)
for column, field in zip(st.columns(len(FINANCING_NUMBERS) + 1), ("loan_kind", *FINANCING_NUMBERS)):
    if field == "loan_kind":
        column.selectbox(t("fin.loan_kind", lang), ["annuity", "equal_principal"], key=fkeys[field],
                         format_func=lambda k: t(f"fin.loan_kind.{k}", lang), on_change=write_financing,
                         args=(fkeys, lang))
    else:
        column.number_input(t(f"fin.{field}", lang), min_value=0.0, step=1.0, key=fkeys[field],
                            on_change=write_financing, args=(fkeys, lang))
financing = financing_for(state.scenario().table("Financing"), pick, fkeys)
options = compare_financing(rec["capex"], flows[1:], years, rate_pct, financing)  # the appraisal's yearly flows
options["label"] = [t(f"fin.option.{o}", lang) for o in options["option"]]
st.plotly_chart(chart(financing_chart(options, title=t("fin.options_chart", lang), separators=seps, currency=currency,
                                cost_label=t("fin.upfront", lang), npv_label="NPV")), key="fin_options", width="stretch")
st.dataframe(pd.DataFrame({col: vals for col, vals in zip(t("fin.option_cols", lang, cur=currency).split("|"), [
    options["label"], [fmt_num(v, lang, 0) for v in options["customer_net_cost"]],
    [fmt_num(v, lang, 0) for v in options["npv"]],
    [fmt_pct(v * 100, lang, 1) if np.isfinite(v) else "–" for v in options["irr"]],
    [fmt_num(v, lang, 2) if np.isfinite(v) else "∞" for v in options["payback_years"]]])}),
    hide_index=True, width="stretch", key="fin_options_table")

render_loan(rec["capex"], rec["annual_saving"], fkeys, years, lang)
render_esco(rec["capex"], rec["annual_saving"], fkeys, years, lang)

# -- sensitivity, risk, budget (the portfolio's measures) ---------------------------------------
ok = savings[savings["status"] == "ok"]
base = dict(capex=ok["capex"].to_numpy(float), energy_cost_saving=ok["energy_cost_saving"].to_numpy(float),
            opex_change=(ok["opex_change"] - ok["other_income"]  # net of income and the carbon value
                         - float(settings["carbon_price_per_tco2"]) * ok["reduction_tco2e"]).to_numpy(float),
            lifetime_years=ok["lifetime_years"].fillna(years).to_numpy(float), discount_rate_pct=rate_pct,
            years=years, escalation_pct=float(settings["energy_price_escalation_pct"]))
render_risk(base, settings, lang, currency, seps)
render_budget(ok, table["npv"].to_numpy()[:-1], lang, currency)

st.subheader(t("fin.lcc", lang))
lcc = life_cycle_comparison(LAMPS, hours_per_year=2560, energy_price=1642, discount_rate_pct=rate_pct)
st.dataframe(pd.DataFrame({col: vals for col, vals in zip(t("fin.lcc_cols", lang).split("|"), [
    [t(f"fin.lamp.{k}", lang) for k in lcc["lamp"]], [fmt_num(v, lang, 0) for v in lcc["watts"]],
    [fmt_num(v, lang, 0) for v in lcc["life_hours"]], [fmt_num(v, lang, 1) for v in lcc["life_years"]],
    [fmt_num(v, lang, 0) for v in lcc["price"]], [fmt_num(v, lang, 0) for v in lcc["energy_cost_per_year"]],
    [fmt_num(v, lang, 0) for v in lcc["equivalent_annual_cost"]]])}), hide_index=True, key="fin_lcc")
st.caption(t("fin.lcc_note", lang))
with st.expander(t("fin.how", lang), expanded=state.trainer()):
    st.markdown(t("fin.how_text", lang, r=fmt_num(rate_pct, lang, 1)))
    st.markdown(t("fin.how_pick", lang, npv=fmt_num(rec["npv"], lang, 0), r=fmt_num(rate_pct, lang, 1),
                  excel=fmt_num(finance.npv_excel(rate_pct / 100, flows), lang, 0),
                  flows="; ".join(fmt_num(v, lang, 0) for v in flows)))
    st.markdown(t("fin.how_led", lang))
