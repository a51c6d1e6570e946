"""Compare variants: KPIs side by side, overlaid paths and cash flows, differences, inputs changed."""
import streamlit as st

from figures.compare import cumulative_cashflow_chart, kpi_bars, paths_chart
from ui import settings, state
from ui.compare_view import (cashflows, difference_formulas, difference_table, input_differences, kpi_label,
                             kpi_table, kpi_values, paths_frame, variant_results)
from views.format import plotly_separators
from ui.guide import render_next_step
from ui.i18n import t
from ui.trainer import chart
from ui.variants_view import duplicate_new

state.leave_legacy_pages_mode()
lang = state.lang()
seps = plotly_separators(lang)
items = state.variants()

st.title(t("cmp.title", lang))
st.caption(t("cmp.caption", lang))
if len(items) < 2:
    st.info(t("cmp.need_two", lang))
    st.button(t("cmp.start", lang), key="cmp_start", on_click=duplicate_new, type="primary")
    render_next_step("compare", lang)
    st.stop()

names = list(items)
if settings.value("cmp.roster") != names:  # a new, renamed or deleted variant starts the choice afresh
    settings.remember("cmp.roster", names)
    settings.remember("cmp.pick", names)
picked = settings.multiselect(st, t("cmp.pick", lang), names, "cmp.pick", names)
if len(picked) < 2:
    st.info(t("cmp.pick_two", lang))
    render_next_step("compare", lang)
    st.stop()
reference = settings.selectbox(st, t("cmp.reference", lang), picked, "cmp.reference", picked[0],
                               help=t("cmp.reference_help", lang))
results, failed = variant_results({n: items[n] for n in picked})
for name, reason in failed.items():
    st.warning(t("cmp.failed", lang, name=name, reason=reason), icon="⚠️")
if reference not in results or len(results) < 2:
    render_next_step("compare", lang)
    st.stop()
currencies = {s["company"].get("currency") or "VND" for s in results.values()}
currency = currencies.pop() if len(currencies) == 1 else ""
if currencies:
    st.warning(t("cmp.currencies", lang), icon="⚠️")

values = kpi_values(results)
st.subheader(t("cmp.kpis", lang))
st.dataframe(kpi_table(values, lang, currency), hide_index=True, width="stretch", key="cmp_kpis")
bars = values.loc[["emissions_target_year_with_measures", "gap_target_year_tco2e", "capex", "npv"]]
bars.index = [kpi_label(k, lang, currency) for k in bars.index]
st.plotly_chart(chart(kpi_bars(bars, title=t("cmp.bars", lang), separators=seps)), key="cmp_bars", width="stretch")

c1, c2 = st.columns(2)
c1.plotly_chart(chart(paths_chart(paths_frame(results), title=t("cmp.paths", lang), separators=seps, unit="tCO2e",
                                  with_measures_label=t("cmp.with_measures", lang),
                                  target_label=t("cmp.target", lang))), key="cmp_paths", width="stretch")
c2.plotly_chart(chart(cumulative_cashflow_chart(cashflows(results), title=t("cmp.cashflows", lang), separators=seps,
                                                currency=currency, x_title=t("cmp.year", lang))),
                key="cmp_cashflows", width="stretch")

st.subheader(t("cmp.differences", lang, ref=reference))
st.dataframe(difference_table(values, reference, lang, currency), hide_index=True, width="stretch", key="cmp_diff")
with st.expander(t("cmp.how", lang), expanded=state.trainer()):
    st.markdown(t("cmp.how_text", lang))
    st.markdown("\n".join(difference_formulas(values, reference, lang, currency)))

st.subheader(t("cmp.inputs", lang, ref=reference))
for name in results:
    if name == reference:
        continue
    changes = input_differences(items[reference], items[name], lang)
    st.markdown(f"**{name}**")
    if changes.empty:
        st.caption(t("cmp.same_inputs", lang))
    else:
        st.dataframe(changes, hide_index=True, width="stretch", key=f"cmp_inputs_{names.index(name)}")
render_next_step("compare", lang)
