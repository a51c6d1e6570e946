"""Finance page: indicators, cash flows, NPV vs rate, financing options, sensitivity, risk, budget."""
import numpy as np
import pandas as pd
import streamlit as st

from calc import finance
from calc.appraisal import appraise, finance_settings
from calc.financing import compare_financing
from calc.measures import measure_savings
from calc.risk import break_even, monte_carlo, select_within_budget, tornado
from figures.finance import cashflow_chart, financing_chart, monte_carlo_histogram, npv_curve, tornado_chart
from ui import state
from ui.cache import inventory
from ui.finance_view import (FINANCE_FIELDS, FINANCING_DEFAULTS, financing_rows, indicator_table,
                             seed_finance_form, seed_financing_form, write_finance, write_financing)
from ui.format import fmt_num, fmt_pct, plotly_separators
from ui.i18n import t

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
c1.plotly_chart(cashflow_chart(flows, title=t("fin.cashflow", lang), separators=seps, currency=currency,
                               cumulative_label=t("fin.cumulative", lang), payback_years=rec["simple_payback_years"],
                               payback_label=t("fin.payback", lang, y=fmt_num(rec["simple_payback_years"], lang, 2))),
                key="fin_cashflow", width="stretch")
rates = np.linspace(0, max(60.0, (rec["irr"] * 150) if np.isfinite(rec["irr"]) else 60.0), 121)
c2.plotly_chart(npv_curve(rates, finance.npv(rates / 100, np.tile(flows, (len(rates), 1))),
                          irr_pct=rec["irr"] * 100, hurdle_pct=rate_pct, title=t("fin.npv_curve", lang),
                          separators=seps, currency=currency, x_title=t("fin.rate_axis", lang),
                          irr_label=f"IRR {fmt_pct(rec['irr'] * 100, lang, 2)}", hurdle_label=t("fin.hurdle", lang)),
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
for column, field in zip(st.columns(len(FINANCING_DEFAULTS)), FINANCING_DEFAULTS):
    column.number_input(t(f"fin.{field}", lang), min_value=0.0, step=1.0, key=fkeys[field],
                        on_change=write_financing, args=(fkeys, lang))
financing = state.scenario().table("Financing")  # this measure's own rows + the form's "*" rows
financing = pd.concat([financing[financing["measure_id"] == pick],
                       financing_rows({f: st.session_state[k] for f, k in fkeys.items()})], ignore_index=True)
options = compare_financing(rec["capex"], rec["annual_saving"], years, rate_pct, financing)
options["label"] = [t(f"fin.option.{o}", lang) for o in options["option"]]
st.plotly_chart(financing_chart(options, title=t("fin.options_chart", lang), separators=seps, currency=currency,
                                cost_label=t("fin.upfront", lang), npv_label="NPV"), key="fin_options", width="stretch")
st.dataframe(pd.DataFrame({col: vals for col, vals in zip(t("fin.option_cols", lang, cur=currency).split("|"), [
    options["label"], [fmt_num(v, lang, 0) for v in options["customer_net_cost"]],
    [fmt_num(v, lang, 0) for v in options["npv"]],
    [fmt_pct(v * 100, lang, 1) if np.isfinite(v) else "–" for v in options["irr"]],
    [fmt_num(v, lang, 2) if np.isfinite(v) else "∞" for v in options["payback_years"]]])}),
    hide_index=True, width="stretch", key="fin_options_table")

# -- sensitivity, risk, budget (the portfolio's measures) ---------------------------------------
ok = savings[savings["status"] == "ok"]
base = dict(capex=ok["capex"].to_numpy(float), energy_cost_saving=ok["energy_cost_saving"].to_numpy(float),
            opex_change=ok["opex_change"].to_numpy(float),
            lifetime_years=ok["lifetime_years"].fillna(years).to_numpy(float), discount_rate_pct=rate_pct,
            years=years, escalation_pct=float(settings["energy_price_escalation_pct"]))
c1, c2 = st.columns(2)
ranges = {"energy_price": (-0.2, 0.2), "saving": (-0.2, 0.2), "capex": (-0.2, 0.2), "discount_rate": (-4, 4),
          "lifetime": (-0.2, 0.2)}
torn = tornado(base, ranges).assign(label=lambda d: [t(f"fin.input.{k}", lang) for k in d["input"]])
c1.plotly_chart(tornado_chart(torn, torn.attrs["base_npv"], title=t("fin.sensitivity", lang), separators=seps,
                              currency=currency, low_label=t("fin.low", lang), high_label=t("fin.high", lang)),
                key="fin_tornado", width="stretch")
even = {k: break_even(base, k) for k in ("saving", "capex", "discount_rate")}
c1.caption(t("fin.break_even", lang, items="; ".join(
    f"{t(f'fin.be.{k}', lang)}: " + (fmt_num(v, lang, 1) + " %" if k == "discount_rate" else fmt_pct(v * 100, lang, 0))
    for k, v in even.items() if np.isfinite(v))))
mc = monte_carlo(**{k: base[k] for k in ("capex", "energy_cost_saving", "opex_change", "lifetime_years")},
                 discount_rate_pct=rate_pct, years=years, escalation_pct=base["escalation_pct"], seed=42,
                 distributions={"energy_price": ("triangular", 0.8, 1.0, 1.2), "saving": ("triangular", 0.8, 1.0, 1.2),
                                "capex": ("triangular", 0.8, 1.0, 1.2)})
c2.plotly_chart(monte_carlo_histogram(mc["npv"], p10=mc["p10"], p50=mc["p50"], p90=mc["p90"], title=t("fin.risk", lang),
                                      separators=seps, currency=currency,
                                      prob_label=t("fin.prob", lang, p=fmt_pct(mc["prob_npv_positive"] * 100, lang, 0))),
                key="fin_mc", width="stretch")
c2.caption(t("fin.mc_stats", lang, p10=fmt_num(mc["p10"], lang, 0), p50=fmt_num(mc["p50"], lang, 0),
             p90=fmt_num(mc["p90"], lang, 0)))

st.subheader(t("fin.budget", lang))
budget = st.number_input(t("fin.budget_input", lang, cur=currency), min_value=0.0, step=1e6, key="fin_budget",
                         value=float(ok["capex"].sum()) / 2)
npvs = table["npv"].to_numpy()[:-1]
chosen = select_within_budget(ok["capex"].to_numpy(float), npvs, budget)
st.markdown(t("fin.budget_result", lang, ids=", ".join(ok["id"].iloc[chosen["selected"]]) or "–",
              capex=fmt_num(chosen["total_capex"], lang, 0), npv=fmt_num(chosen["total_value"], lang, 0)))
with st.expander(t("fin.how", lang)):
    st.markdown(t("fin.how_text", lang, r=fmt_num(rate_pct, lang, 1)))
