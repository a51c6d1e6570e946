"""Inventory page: KPIs, the deck's summary tables, the scope mix, Pareto and the editable activities."""
import streamlit as st

from figures.inventory import TOP_SOURCES, pareto_chart, scope_mix_sunburst
from ui import editor, settings, state
from ui.cache import results
from views.format import fmt_num, fmt_pct, plotly_separators
from ui.guide import render_next_step, render_welcome
from ui.i18n import t
from ui.layout import pinned, quantity_metric
from ui.inventory_view import (calculation_table, chart_frame, editor_config, editor_to_table, search_labels,
                               site_table, sources_table, summary_table)
from ui.paging import row_problems, table_view
from ui.trainer import chart

#: what a search of the result tables looks in: what they show (not the row's status or factor source)
SEARCHED = ["site", "category", "source", "fuel"]

state.leave_legacy_pages_mode()
lang = state.lang()
scenario = state.scenario()
company = scenario.company
res = results(scenario)
inv, grid = res.inventory, res.grid
unit = t("inv.unit_t", lang)

st.title(t("inv.title", lang))
render_welcome(lang)
st.caption(t("inv.caption", lang, company=company.get("name") or "–", year=company.get("base_year") or "–")
           + " · " + t("inv.grid_short", lang, ef=fmt_num(grid.tco2_per_mwh, lang, 4),
                       year=grid.year or t("inv.grid_own", lang)))

# -- KPIs ---------------------------------------------------------------------------------------
k0, k1, k2, k3 = st.columns(4)
quantity_metric(k0, f"{t('inv.total', lang)} ({unit})", inv.total_tco2e, lang)
for col, scope in zip((k1, k2, k3), ("1", "2", "3")):
    rec = inv.by_scope.loc[scope]
    quantity_metric(col, f"{t(f'inv.scope{scope}', lang)} ({unit})", rec.tco2e, lang,
                    delta=t("inv.share_of_total", lang, pct=fmt_pct(rec.share_pct, lang, 1)), delta_color="off",
                    delta_arrow="off")

if scenario.activities.empty:
    st.info(t("inv.empty", lang))

# -- tables and charts --------------------------------------------------------------------------
left, right = st.columns([5, 6])
with left:
    st.subheader(t("inv.summary", lang))
    summary = summary_table(inv, lang)
    st.dataframe(summary, hide_index=True, width="stretch", key="inv_summary", column_config=pinned(*summary.columns[:2]))
    if len(inv.by_site) > 1:
        st.subheader(t("inv.by_site", lang))
        sites = site_table(inv, lang)
        st.dataframe(sites, hide_index=True, width="stretch", key="inv_sites", column_config=pinned(sites.columns[0]))
with right:
    st.subheader(t("inv.sources", lang))
    page = table_view(inv.rows, "inv_sources", lang, labels=search_labels(lang), columns=SEARCHED)  # a page, a search
    sources = sources_table(inv, lang, page.positions)
    st.dataframe(sources, hide_index=True, width="stretch", key="inv_sources", column_config=pinned(sources.columns[0]))

frame = chart_frame(inv, lang)
top = res.pareto.assign(label=lambda d: d["source"].fillna("").astype(str))
c1, c2 = st.columns(2)
seps = plotly_separators(lang)
# the charts draw the largest sources and sum the rest: the tables above keep every row
top_n = settings.value("inv.top_n", TOP_SOURCES)
other = t("inv.other_sources", lang, n="{n}")
c1.plotly_chart(chart(scope_mix_sunburst(frame, title=t("inv.mix", lang), separators=seps, unit="tCO2e",
                                         other_label=other, top_n=top_n)), key="inv_mix", width="stretch")
c2.plotly_chart(chart(pareto_chart(top, title=t("inv.pareto", lang), separators=seps, unit="tCO2e",
                                   cumulative_label=t("inv.cumulative", lang), other_label=other, top_n=top_n)),
                key="inv_pareto", width="stretch")
settings.number_input(c1, t("inv.top_n", lang), "inv.top_n", TOP_SOURCES, min_value=1, max_value=200, integer=True,
                      help=t("inv.top_n_help", lang))
if len(top):
    n_top = int(top["in_top"].sum())
    c2.caption(t("inv.pareto_note", lang, n=n_top, total=len(top),
                 pct=fmt_pct(top["share_pct"][top["in_top"]].sum(), lang, 1)))

# -- how is this computed -----------------------------------------------------------------------
# the expander tracks whether it is open: the row-by-row calculation is built only when it is read
with st.expander(t("inv.how", lang), expanded=state.trainer(), key="inv_how", on_change="rerun") as how:
    st.markdown(t("inv.how_formula", lang))
    st.markdown(t(f"inv.grid.{grid.rule}", lang, ef=fmt_num(grid.tco2_per_mwh, lang, 4),
                  year=grid.year, source=grid.source_in(lang)))
    st.markdown(t("inv.gwp", lang, gwp=company.get("gwp_set") or "AR5"))
    if how.open:
        page = table_view(inv.rows, "inv_calc", lang, labels=search_labels(lang), columns=SEARCHED)
        st.dataframe(calculation_table(inv, lang, grid, page.positions), hide_index=True, width="stretch",
                     key="inv_calc")

# -- editable activity data ---------------------------------------------------------------------
st.subheader(t("inv.editor", lang))
st.caption(t("inv.editor_help", lang))
extra_fuels = scenario.table("Factors")["fuel"].dropna().tolist()
editor.table_editor("Activities", "inv_editor", lambda edited, _dtypes: editor_to_table(edited), num_rows="dynamic",
                   column_config=editor_config(lang, extra_fuels), hide_index=True, width="stretch",
                   search_labels=search_labels(lang))
row_problems(res.activity_problems, lang, "inv_problems", t("inv.row_problems", lang, n=len(res.activity_problems)))
render_next_step("inventory", lang)
