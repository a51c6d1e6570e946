"""M&V page: IPMVP option guide, meter data, baseline model and verdict, savings, KPIs, 5W1H plan."""
import numpy as np
import pandas as pd
import streamlit as st

from calc import mv
from calc.measures import measure_savings
from figures.mv import baseline_chart, cumulative_savings_chart, gantt_chart, residual_chart, scatter_fit_chart
from ui import state
from ui.cache import inventory
from ui.format import fmt_num, fmt_pct, plotly_separators
from ui.i18n import t
from ui.mv_view import (IPMVP_QUESTIONS, available_drivers, coefficient_table, driver_label, editor_config,
                        gantt_frame, kpi_table, table_from_editor, warning_text)
from ui.trainer import chart

state.leave_legacy_pages_mode()
lang = state.lang()
scenario = state.scenario()
seps = plotly_separators(lang)
st.title(t("mv.title", lang))
st.caption(t("mv.caption", lang))

with st.expander(t("mv.ipmvp", lang)):
    answers = {q: st.checkbox(t(f"mv.q.{q}", lang), key=f"mv_q_{q}_{lang}", value=q == "baseline_meter")
               for q in IPMVP_QUESTIONS}
    share = st.slider(t("mv.q.share", lang), 0, 50, 15, key=f"mv_q_share_{lang}")
    option = mv.ipmvp_option(**answers, savings_share_of_meter_pct=share)["option"]
    st.success(t("mv.option", lang, o=option) + " — " + t(f"mv.option.{option}", lang))

# -- meter data (editable, written to the Metering sheet) ----------------------------------------
st.subheader(t("mv.metering", lang))
metering = scenario.table("Metering")
edited = st.data_editor(metering, key=f"mv_editor_{state.version()}", num_rows="dynamic", hide_index=True,
                        column_config=editor_config("Metering", lang), width="stretch")
new = table_from_editor(edited, metering.dtypes)
if state.replace_table_if_changed("Metering", new):
    st.rerun()

drivers_all = available_drivers(metering)
c1, c2 = st.columns([2, 1])
drivers = c1.multiselect(t("mv.drivers", lang), drivers_all, default=drivers_all[:2], key=f"mv_drivers_{lang}",
                         format_func=lambda d: driver_label(d, lang))
kind = c2.radio(t("mv.model", lang), ["ols", "3p_cooling", "3p_heating"], key=f"mv_kind_{lang}",
                format_func=lambda k: t(f"mv.model.{k}", lang), horizontal=True)
baseline = metering[metering["period"] == "baseline"]
reporting = metering[metering["period"] == "reporting"].sort_values("period_start")
warnings = mv.sufficiency(metering, drivers)
months_on = c1.checkbox(t("mv.month_indicators", lang), key=f"mv_months_{lang}", disabled=kind != "ols")
if kind == "ols" or not drivers:
    model, fit_warnings = mv.fit_baseline(baseline, drivers, month_indicators=months_on)
else:
    dd = "cdd" if kind == "3p_cooling" else "hdd"  # a change point sits on a weather driver
    model, fit_warnings = mv.fit_change_point(baseline, dd if dd in drivers_all else drivers[0],
                                              "cooling" if kind == "3p_cooling" else "heating")
for w in warnings + fit_warnings:
    st.warning(warning_text(w, lang), icon="⚠️")
if model is None or reporting.empty:
    st.info(t("mv.no_data", lang))
    st.stop()

# -- the model and its verdict --------------------------------------------------------------------
st.subheader(t("mv.stats", lang))
c1, c2 = st.columns([3, 2])
c1.dataframe(coefficient_table(model, lang), hide_index=True, key="mv_coefficients")
verdict = t(f"mv.verdict.{model.verdict}", lang, r2=fmt_num(model.r2, lang, 3), cv=fmt_num(model.cv_rmse_pct, lang, 1),
            nmbe=fmt_num(model.nmbe_pct, lang, 2))
{"pass": c2.success, "warn": c2.warning, "fail": c2.error}[model.verdict](verdict)

st.caption(t("mv.adjustments_help", lang))
adjust = st.data_editor(pd.DataFrame({"period_start": pd.Series(dtype="datetime64[ns]"), "amount": pd.Series(dtype=float)}),
                        key="mv_adjustments", num_rows="dynamic", hide_index=True,
                        column_config={"period_start": st.column_config.DateColumn(t("mv.adjustments", lang)),
                                       "amount": st.column_config.NumberColumn(format="localized")})
result = mv.avoided_energy(model, reporting, adjust.dropna())
unit = str(reporting["unit"].dropna().iloc[0]) if reporting["unit"].notna().any() else "kWh"
fuel = str(reporting["fuel"].dropna().iloc[0]) if reporting["fuel"].notna().any() else "electricity_grid"

# -- savings: energy, TOE, tCO2e, money, uncertainty, realisation ---------------------------------
_, _, factor_table = inventory(scenario.activities, scenario.company, scenario.table("Factors"))
savings = measure_savings(scenario.table("Measures"), factor_table)
total = float(result["avoided"].sum())
verified = measure_savings(pd.DataFrame([{**{c: None for c in scenario.table("Measures").columns}, "id": "mv",
                                           "fuel": fuel, "method": "direct", "saving_quantity": total,
                                           "saving_unit": unit}]).astype(scenario.table("Measures").dtypes.to_dict()),
                           factor_table).iloc[0]
year = int(reporting["period_start"].dt.year.iloc[0])
expected = mv.expected_savings(savings, scenario.table("Measures"), fuel, year)
k = st.columns(5)
k[0].metric(t("mv.kpi_avoided", lang, u=unit), fmt_num(total, lang, 0))
k[1].metric(t("mv.kpi_toe", lang), fmt_num(verified["saving_toe"], lang, 2))
k[2].metric(t("mv.kpi_t", lang), fmt_num(verified["reduction_tco2e"], lang, 2))
k[3].metric(t("mv.kpi_money", lang, cur=scenario.company.get("currency") or "VND"), fmt_num(total * expected["price"], lang, 0))
k[4].metric(t("mv.kpi_rr", lang), fmt_pct(mv.realisation_rate(total, expected["quantity"]) * 100, lang, 0))
st.caption(t("mv.rr_note", lang, e=fmt_num(expected["quantity"], lang, 0), u=unit))
fsu = {c: mv.fractional_savings_uncertainty(model, len(reporting), mv.savings_fraction(result), c)
       for c in mv.FSU_CONFIDENCES}
st.markdown(t("mv.fsu", lang, f68=fmt_num(fsu[0.68], lang, 1), f90=fmt_num(fsu[0.90], lang, 1),
              f95=fmt_num(fsu[0.95], lang, 1)))

# -- charts ---------------------------------------------------------------------------------------
months = metering.sort_values("period_start")
fit = pd.Series(np.nan, index=months.index)
base_rows = baseline.dropna(subset=["energy", *model.drivers])  # the rows the model was fitted on
fit.loc[base_rows.index] = model.fitted
adjusted = pd.Series(np.nan, index=months.index)
adjusted.loc[reporting.index] = result["adjusted_baseline"].to_numpy()
st.plotly_chart(chart(baseline_chart(months["period_start"], months["energy"], fit.loc[months.index],
                               adjusted.loc[months.index], period=months["period"],
                               labels={k: t(f"mv.{k}", lang) for k in ("measured", "baseline", "adjusted", "savings")},
                               title=t("mv.chart", lang), separators=seps, unit=unit)), key="mv_chart", width="stretch")
c1, c2, c3 = st.columns(3)
c1.plotly_chart(chart(residual_chart(base_rows["period_start"], model.residuals, title=t("mv.residuals", lang),
                               separators=seps, unit=unit)), key="mv_residuals", width="stretch")
c2.plotly_chart(chart(cumulative_savings_chart(result["period_start"], result["cumulative"], title=t("mv.cumulative", lang),
                                         separators=seps, unit=unit)), key="mv_cumulative", width="stretch")
if model.drivers:
    d = model.drivers[0]
    order = np.argsort(base_rows[d].to_numpy())
    c3.plotly_chart(chart(scatter_fit_chart(base_rows[d], base_rows["energy"], base_rows[d].to_numpy()[order],
                                      model.fitted[order], x_title=driver_label(d, lang), y_title=unit,
                                      title=t("mv.scatter", lang, d=driver_label(d, lang)), separators=seps)),
                    key="mv_scatter", width="stretch")

# -- KPIs and the 5W1H plan -------------------------------------------------------------------------
st.subheader(t("mv.kpis", lang))
actions = scenario.table("Actions")
st.dataframe(kpi_table(scenario.table("Measures"), savings, actions, lang), hide_index=True, key="mv_kpis")
st.subheader(t("mv.plan", lang))
edited = st.data_editor(actions, key=f"mv_plan_{state.version()}", num_rows="dynamic", hide_index=True,
                        column_config=editor_config("Actions", lang), width="stretch")
new = table_from_editor(edited, actions.dtypes)
if state.replace_table_if_changed("Actions", new):
    st.rerun()
st.plotly_chart(chart(gantt_chart(gantt_frame(actions), title=t("mv.gantt", lang), separators=seps,
                            status_labels={s: t(f"mv.status.{s}", lang) for s in ("planned", "in_progress", "done", "late")})),
                key="mv_gantt", width="stretch")
st.info(t("mv.review", lang))
