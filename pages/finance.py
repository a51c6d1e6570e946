"""Finance page: indicators, cash flows, NPV vs rate, financing options, sensitivity, risk, budget."""
import pandas as pd
import streamlit as st

from figures.finance import cashflow_chart, financing_chart, npv_curve
from results import measure_financing
from ui import settings, state
from ui.cache import results, risk
from ui.finance_view import (FINANCE_FIELDS, FINANCING_NUMBERS, indicator_table, render_budget, render_esco,
                             render_kpis, render_lcc, render_loan, render_risk, seed_finance_form, seed_financing_form,
                             seed_whatif_form, write_finance, write_financing)
from views.format import fmt_num, fmt_pct, plotly_separators
from ui.guide import render_next_step
from ui.i18n import t
from ui.layout import form_columns, pinned
from ui.trainer import chart
from ui.why import show_why
from views.undefined import indicator_reasons, option_reasons

state.leave_legacy_pages_mode()
lang = state.lang()
scenario = state.scenario()
res = results(scenario)
currency = res.currency
seps = plotly_separators(lang)

st.title(t("fin.title", lang))
st.caption(t("fin.caption", lang))
render_kpis(res.finance.indicators, lang, currency)  # the portfolio's headline numbers, in view first
names = seed_finance_form(scenario)
for column, field in zip([*st.columns(3), *st.columns(3)], FINANCE_FIELDS):
    whole = field == "analysis_years"
    settings.number_input(column, t(f"fin.{field}", lang, cur=currency), names[field], min_value=1 if whole else 0.0,
                          integer=whole, percent_unit=field.endswith("_pct"), on_change=write_finance,
                          args=(field, names[field]))
st.caption(t("fin.assumption", lang))
fin = res.finance
rate_pct, years = float(fin.settings["discount_rate_pct"]), int(fin.settings["analysis_years"])
table = fin.indicators
if len(table) <= 1:
    st.info(t("fin.no_measures", lang))
    render_next_step("finance", lang)
    st.stop()

st.subheader(t("fin.indicators", lang))
shown = indicator_table(table, lang, currency)
st.dataframe(shown, hide_index=True, width="stretch", key="fin_table", column_config=pinned(shown.columns[0]))
show_why(st, indicator_reasons(table), lang)

# -- one measure or the portfolio in detail ----------------------------------------------------
# by position: two measures with one id stay apart; the portfolio (the last row) is named, so it stays
# picked when a measure is added
picks = [*range(len(table) - 1), "portfolio"]
names = shown.iloc[:, 0].tolist()  # the table's name column: built once, not per option (a thousand measures)
pick = settings.selectbox(st, t("fin.pick", lang), picks, "fin.pick", "portfolio",
                          format_func=lambda i: names[-1] if i == "portfolio" else names[i])
row = len(table) - 1 if pick == "portfolio" else pick
flows, rec = fin.cashflows[row], table.iloc[row]
c1, c2 = st.columns(2)
c1.plotly_chart(chart(cashflow_chart(res.flows_from_start(row), title=t("fin.cashflow", lang), separators=seps, currency=currency,
                               cumulative_label=t("fin.cumulative", lang), payback_years=rec["simple_payback_years"],
                               payback_label=t("fin.payback", lang, y=fmt_num(rec["simple_payback_years"], lang, 2)))),
                key="fin_cashflow", width="stretch")
profile = res.npv_profile(row)
c2.plotly_chart(chart(npv_curve(profile["rate_pct"], profile["npv"],
                          irr_pct=rec["irr"] * 100, hurdle_pct=rate_pct, title=t("fin.npv_curve", lang),
                          separators=seps, currency=currency, x_title=t("fin.rate_axis", lang),
                          irr_label=f"IRR {fmt_pct(rec['irr'] * 100, lang, 2)}", hurdle_label=t("fin.hurdle", lang))),
                key="fin_npv", width="stretch")
hand = res.hand_irr(row)
if hand is not None:
    st.caption(t("fin.hand_irr", lang, i1=fmt_num(hand["i1"] * 100, lang, 0), i2=fmt_num(hand["i2"] * 100, lang, 0),
                 n1=fmt_num(hand["npv1"], lang, 0), n2=fmt_num(hand["npv2"], lang, 0),
                 h=fmt_num(hand["irr"] * 100, lang, 2), irr=fmt_num(rec["irr"] * 100, lang, 2)))

# -- financing options ---------------------------------------------------------------------------
st.subheader(t("fin.financing", lang))
fnames = seed_financing_form(scenario)
for column, field in zip(form_columns(len(FINANCING_NUMBERS) + 1), ("loan_kind", *FINANCING_NUMBERS)):
    if field == "loan_kind":
        settings.selectbox(column, t("fin.loan_kind", lang), ["annuity", "equal_principal"], fnames[field],
                           format_func=lambda k: t(f"fin.loan_kind.{k}", lang), on_change=write_financing,
                           args=(fnames,))
    else:
        settings.number_input(column, t(f"fin.{field}", lang), fnames[field], min_value=0.0,
                              percent_unit=field not in ("loan_term", "loan_grace", "esco_years"),
                              on_change=write_financing, args=(fnames,))
financing = measure_financing(res, row)
options = financing.options.assign(label=lambda d: [t(f"fin.option.{o}", lang) for o in d["option"]])
st.plotly_chart(chart(financing_chart(options, title=t("fin.options_chart", lang), separators=seps, currency=currency,
                                cost_label=t("fin.upfront", lang), npv_label="NPV")), key="fin_options", width="stretch")
st.dataframe(pd.DataFrame({col: vals for col, vals in zip(t("fin.option_cols", lang, cur=currency).split("|"), [
    options["label"], [fmt_num(v, lang, 0) for v in options["customer_net_cost"]],
    [fmt_num(v, lang, 0) for v in options["npv"]],
    [fmt_pct(v * 100, lang, 1) for v in options["irr"]],  # – without an IRR, ∞ never paid back
    [fmt_num(v, lang, 2) for v in options["payback_years"]]])}),
    hide_index=True, width="stretch", key="fin_options_table")
show_why(st, option_reasons(financing.options), lang)

wkeys = seed_whatif_form(res)
render_loan(financing, lang)
render_esco(financing, wkeys, lang)

# -- sensitivity, risk, budget (the portfolio's measures) ---------------------------------------
sensitivity = risk(scenario, res)  # res.risk, kept once per scenario content
if sensitivity is not None:
    render_risk(sensitivity, wkeys, lang, currency, seps)
    render_budget(res.budget, wkeys, lang, currency)
render_lcc(res.life_cycle, scenario, wkeys, lang)
with st.expander(t("fin.how", lang), expanded=state.trainer()):
    st.markdown(t("fin.how_text", lang, r=fmt_num(rate_pct, lang, 1)))
    st.markdown(t("fin.how_pick", lang, npv=fmt_num(rec["npv"], lang, 0), r=fmt_num(rate_pct, lang, 1),
                  excel=fmt_num(rec["npv_excel"], lang, 0),
                  flows="; ".join(fmt_num(v, lang, 0) for v in flows)))
    st.markdown(t("fin.how_led", lang))
render_next_step("finance", lang)
