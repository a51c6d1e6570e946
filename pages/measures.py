"""Measures page: the six classes, the catalogue, the editable list, results, wedges and the MACC."""
import pandas as pd
import streamlit as st

from calc.measures import load_catalogue
from figures.measures import macc_chart, savings_by_class_chart, wedge_chart
from ui import editor, settings, state
from ui.cache import results
from views.format import fmt_num, plotly_separators
from ui.guide import render_next_step
from ui.i18n import t
from ui.layout import money_metric, pinned, quantity_metric
from ui.paging import row_problems, table_view
from ui.measures_view import (EDITOR_COLUMNS, catalogue_row, class_frame, class_overview, editor_config,
                              editor_to_table, explain_lines, results_table)
from ui.trainer import chart
from ui.why import show_why
from views.undefined import measure_reasons

EXPLAIN_ROWS = 50  # measures explained at a time in "how is this computed"

state.leave_legacy_pages_mode()
lang = state.lang()
scenario = state.scenario()
company = scenario.company
res = results(scenario)
currency = res.currency
measures = scenario.table("Measures")

st.title(t("ms.title", lang))
st.caption(t("ms.caption", lang))
with st.expander(t("ms.classes", lang)):
    for column, text in zip(st.columns(2), class_overview(lang).values()):
        column.markdown(text)

# -- catalogue ----------------------------------------------------------------------------------
catalogue = load_catalogue()
c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
pick = settings.selectbox(c1, t("ms.catalogue", lang), list(catalogue.index), "ms.catalogue",
                          format_func=lambda k: catalogue.at[k, "name_vi" if lang == "vi" else "name_en"])
if c2.button(t("ms.catalogue_add", lang), key="ms_catalogue_add", type="primary"):
    site = scenario.activities["site"].dropna().iloc[0] if scenario.activities["site"].notna().any() else None
    row = catalogue_row(pick, lang, measures, company, site)
    new = pd.concat([measures, pd.DataFrame([row])], ignore_index=True).astype(measures.dtypes.to_dict())
    state.replace_table("Measures", new)
    st.rerun()
st.caption(t("ms.catalogue_note", lang, note=catalogue.at[pick, "assumption_vi" if lang == "vi" else "assumption_en"]))

# -- the editable list --------------------------------------------------------------------------
st.subheader(t("ms.editor", lang))
editor.table_editor("Measures", "ms_editor", editor_to_table, num_rows="dynamic", hide_index=True,
                   column_config=editor_config(lang), column_order=EDITOR_COLUMNS, width="stretch")
row_problems(res.measure_problems, lang, "ms_problems", t("ms.row_problems", lang, n=len(res.measure_problems)))
if measures.empty:
    st.info(t("ms.empty", lang))
    render_next_step("measures", lang)
    st.stop()

# -- results ------------------------------------------------------------------------------------
savings, applied, by_year, wedges, first = res.measures, res.applied, res.portfolio, res.wedges, res.main_target
k1, k2, k3, k4 = st.columns(4)
totals = res.totals
quantity_metric(k1, t("ms.kpi_t", lang), totals["tco2e_counted"], lang)
money_metric(k2, t("ms.kpi_money", lang, cur=currency), totals["money_saving"], lang, currency)
money_metric(k3, t("ms.kpi_capex", lang, cur=currency), totals["capex"], lang, currency)
if first is not None:
    quantity_metric(k4, t("ms.kpi_gap", lang, year=first.target_year), totals["gap_target_year_tco2e"], lang, 1)

st.subheader(t("ms.results", lang))
shown = results_table(savings, applied, lang, currency)
st.dataframe(shown, hide_index=True, width="stretch", key="ms_results", column_config=pinned(*shown.columns[:2]))
show_why(st, measure_reasons(savings), lang)

seps = plotly_separators(lang)
labels = dict(zip(savings["id"], savings["id"] + " " + savings["name"].fillna("").str.slice(0, 28)))
st.plotly_chart(chart(wedge_chart(by_year["bau_tco2e"], by_year["with_measures_tco2e"], wedges.rename(columns=labels),
                            target=by_year["target_tco2e"] if first is not None else None,
                            labels={"bau": t("tgt.bau", lang), "with_measures": t("ms.with_measures", lang),
                                    "target": t("ms.target_line", lang)},
                            title=t("ms.wedge", lang), separators=seps, unit="tCO2e",
                            other_label=t("ms.other_measures", lang, n="{n}"))),
                key="ms_wedge", width="stretch")
c1, c2 = st.columns(2)
macc = res.macc.assign(label=lambda d: d["id"])
c1.plotly_chart(chart(macc_chart(macc, title=t("ms.macc", lang), separators=seps, x_title=t("ms.macc_x", lang),
                           y_title=t("ms.macc_y", lang, cur=currency))), key="ms_macc", width="stretch")
c2.plotly_chart(chart(savings_by_class_chart(class_frame(res.by_class, lang), title=t("ms.by_class", lang),
                                       separators=seps, unit=t("inv.unit_t", lang))), key="ms_classes", width="stretch")

# built only while open (the expander tracks its state): one line per measure can be a thousand lines
with st.expander(t("ms.how", lang), expanded=state.trainer(), key="ms_how", on_change="rerun") as how:
    if how.open:  # 50 measures at a time, with a search by id, name or source
        page = table_view(measures, "ms_how", lang, page_rows=EXPLAIN_ROWS)
        for line in explain_lines(page.rows(savings), page.rows(measures), res.factor_table, lang):
            st.markdown(line)
    st.markdown(t("ms.how_macc", lang, r=fmt_num(res.finance.settings["discount_rate_pct"], lang, 1)))
    st.info(t("ms.how_exercise", lang))
render_next_step("measures", lang)
