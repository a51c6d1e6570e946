"""M&V page: IPMVP option guide, meter data, baseline model and verdict, savings, KPIs, 5W1H plan."""
import streamlit as st

from figures.mv import gantt_chart
from ui import state
from ui.cache import mv_results
from views.format import plotly_separators
from ui.guide import render_next_step
from ui.i18n import t
from ui.mv_view import (charts, coefficient_table, gantt_frame, ipmvp_widgets, kpi_metrics, kpi_table, model_widgets,
                        pick_meter, sheet_editor, verdict_box, warning_text)
from ui.trainer import chart

state.leave_legacy_pages_mode()
lang = state.lang()
scenario = state.scenario()
results = mv_results(scenario)  # the scenario's MVResults: every number below is read from it
st.title(t("mv.title", lang))
st.caption(t("mv.caption", lang))

with st.expander(t("mv.ipmvp", lang)):
    ipmvp_widgets(results.settings, lang)
    option = results.ipmvp["option"]
    st.success(t("mv.option", lang, o=option) + " — " + t(f"mv.option.{option}", lang))

# -- meter data (editable, written to the Metering sheet) ----------------------------------------
st.subheader(t("mv.metering", lang))
sheet_editor("Metering", "mv_editor", lang)

if not results.has_data:  # planning only: no model sections, the 5W1H plan still follows
    st.info(t("mv.no_data", lang))
else:
    meter = pick_meter(results, lang)
    model_widgets(results, meter, lang)
    for w in meter.warnings + results.warnings:
        st.warning(warning_text(w, lang), icon="⚠️")
    if not meter.has_savings:
        st.info(t("mv.no_model", lang))

    # -- the model and its verdict ----------------------------------------------------------------
    if meter.model is not None:
        st.subheader(t("mv.stats", lang))
        c1, c2 = st.columns([3, 2])
        c1.dataframe(coefficient_table(meter.model, lang), hide_index=True, key="mv_coefficients")
        verdict_box(meter.model, lang, c2)

    # -- savings: non-routine adjustments, energy, TOE, tCO2e, money, uncertainty, realisation ------
    if meter.has_savings:
        st.caption(t("mv.adjustments_sheet", lang))
        sheet_editor("Adjustments", "mv_adjust", lang)
        kpi_metrics(meter, results.currency, lang)
        charts(meter, lang)

# -- KPIs and the 5W1H plan -------------------------------------------------------------------------
st.subheader(t("mv.kpis", lang))
actions = scenario.table("Actions")
st.dataframe(kpi_table(results.measures, actions, lang), hide_index=True, key="mv_kpis")
st.subheader(t("mv.plan", lang))
sheet_editor("Actions", "mv_plan", lang)
st.plotly_chart(chart(gantt_chart(gantt_frame(actions), title=t("mv.gantt", lang), separators=plotly_separators(lang),
                                  status_labels={s: t(f"mv.status.{s}", lang)
                                                 for s in ("planned", "in_progress", "done", "late")})),
                key="mv_gantt", width="stretch")
st.info(t("mv.review", lang))
render_next_step("mv", lang)
