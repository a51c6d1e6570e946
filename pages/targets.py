"""Targets page: type, scopes, years, reduction and split; the path, the deck's table, SBTi check."""
import streamlit as st

from figures.targets import target_path_figure
from ui import settings, state
from ui.cache import results
from views.format import fmt_num, fmt_pct, plotly_separators
from ui.guide import render_next_step
from ui.i18n import t
from ui.forms import mark_synced, seed
from ui.targets_view import (COMPANY_FIELDS, form_to_table, form_values, main_and_split,
                             pros_cons_markdown, sbti_messages, scope_name, year_table)
from ui.texts.targets_guard import warning_args
from ui.trainer import chart
from ui.why import show_why
from views.undefined import target_reasons

state.leave_legacy_pages_mode()
lang = state.lang()
scenario = state.scenario()
opened, first = scenario, results(scenario)  # the results of the scenario as the page opens
by_scope = first.inventory.by_scope["tco2e"].to_dict()
targets = scenario.table("Targets")

st.title(t("tgt.title", lang))
st.caption(t("tgt.caption", lang, **{f"s{k}": fmt_num(v, lang) for k, v in by_scope.items()}))

# -- the form: read from and written back to the Targets sheet ----------------------------------
name = seed("tgt", form_values(targets, scenario.company))  # field → page setting (ui.settings)
c1, c2, c3, c4 = st.columns([3, 2, 2, 2])  # the target type's names are long: room at 1024 px
settings.selectbox(c1, t("tgt.type", lang), ["absolute", "physical_intensity", "economic_intensity"], name["type"],
                   format_func=lambda k: t(f"tgt.type.{k}", lang))
settings.selectbox(c2, t("tgt.scope", lang), ["1", "2", "1+2", "1+2+3"], name["scope"],
                   format_func=lambda k: scope_name(k, lang))
settings.number_input(c3, t("tgt.base_year", lang), name["base_year"], min_value=1990, max_value=2100, integer=True,
                      grouping=False)
settings.number_input(c4, t("tgt.target_year", lang), name["target_year"], min_value=1990, max_value=2100,
                      integer=True, grouping=False)
c1, c2, c3, c4 = st.columns(4)
mode = settings.radio(c1, t("tgt.mode", lang), ["pct", "t"], name["mode"], horizontal=True,
                      format_func=lambda k: t(f"tgt.mode.{k}", lang))
settings.number_input(c2, f"{t('tgt.reduction', lang)} ({'%' if mode == 'pct' else 'tCO2e'})", name["reduction"],
                      min_value=0.0, max_value=100.0 if mode == "pct" else None, percent_unit=mode == "pct")
settings.radio(c3, t("tgt.method", lang), ["linear", "compound"], name["method"], horizontal=True,
               format_func=lambda k: t(f"tgt.method.{k}", lang))
settings.number_input(c4, t("tgt.growth", lang), name["growth"], min_value=-50.0, max_value=100.0, percent_unit=True)
if "+" in settings.value(name["scope"]) and settings.value(name["type"]) == "absolute":
    c1, c2, c3 = st.columns([2, 1, 1])
    if settings.checkbox(c1, t("tgt.split", lang), name["split"]):
        settings.selectbox(c2, t("tgt.split_scope", lang), ["1", "2"], name["split_scope"],
                           format_func=lambda k: scope_name(k, lang))
        settings.number_input(c3, t("tgt.split_pct", lang), name["split_pct"], min_value=0.0, max_value=100.0,
                              percent_unit=True)

kind = settings.value(name["type"])
if kind != "absolute":  # the intensity denominator in the base year, kept in the Company sheet
    field = "output_base" if kind == "physical_intensity" else "value_added_base"
    unit = scenario.company.get("output_unit") or "" if field == "output_base" else scenario.company.get("currency")
    settings.number_input(c1, f"{t('tgt.' + field, lang)} ({unit})", name[field], min_value=0.0)

values = {f: settings.value(n) for f, n in name.items()}
company_edits = {f: values[f] or None for f in COMPANY_FIELDS if (values[f] or None) != scenario.company.get(f)}
if company_edits and kind != "absolute":
    for field, value in company_edits.items():
        scenario = scenario.with_field("Company", field, value)
    state.set_scenario(scenario, edited=True)
    mark_synced("tgt")
if values["target_year"] <= values["base_year"]:
    st.error(t("tgt.bad_years", lang, base=values["base_year"], target=values["target_year"]), icon="⚠️")
else:
    new_targets = form_to_table(targets, values, lang)
    if state.replace_table_if_changed("Targets", new_targets):
        mark_synced("tgt")  # the widgets already hold these values
        scenario, targets = state.scenario(), new_targets

# -- results ------------------------------------------------------------------------------------
res = first if scenario is opened else results(scenario)  # a form edit made a new scenario
evaluated = res.targets
main_pos, _ = main_and_split(targets)
main_name = targets.iloc[main_pos]["name"] if main_pos is not None else None
result = next((r for r in evaluated if r.name == main_name), evaluated[0] if evaluated else None)
if result is None:
    render_next_step("targets", lang)
    st.stop()
for code in result.warnings:
    st.warning(t(f"tgt.w.{code}", lang, **warning_args(result, code, lang)), icon="⚠️")

how = res.target_explanations[result.name]
refs = {t("tgt.ref15", lang): res.target_references[result.name]["1.5c"],
        t("tgt.refwb", lang): res.target_references[result.name]["wb2c"]}
labels = {k: scope_name(k, lang) for k in result.lines.columns}
st.plotly_chart(chart(target_path_figure(result.lines, labels, title=t("tgt.path", lang), unit="tCO2e",
                                   separators=plotly_separators(lang), bau=result.bau,
                                   bau_label=t("tgt.bau", lang), references=refs)),
                key="tgt_chart", width="stretch")

st.subheader(t("tgt.table", lang))
st.dataframe(year_table(result.lines, lang, result.base_year), width="stretch", key="tgt_table")
show_why(st, target_reasons(result.lines), lang)
if result.intensity is not None:
    st.subheader(t("tgt.intensity", lang))
    cols = t("tgt.intensity_cols", lang).split("|")
    i = result.intensity
    st.dataframe({"": [str(y) for y in i.index], cols[0]: [fmt_num(v, lang, 4) for v in i["intensity"]],
                  cols[1]: [fmt_num(v, lang, 0) for v in i["activity"]],
                  cols[2]: [fmt_num(v, lang, 1) for v in i["implied_tco2e"]],
                  cols[3]: [fmt_pct(v, lang, 1) for v in i["absolute_change_pct"]]}, hide_index=True)

st.subheader(t("tgt.sbti", lang))
for kind, text in sbti_messages(result, lang):
    getattr(st, kind)(text)

with st.expander(t("tgt.how", lang), expanded=state.trainer()):
    r = fmt_num(result.reduction_pct, lang, 1)
    common = dict(e0=fmt_num(how["e0"], lang, 1), r=r, y0=result.base_year, t=result.target_year,
                  et=fmt_num(how["et"], lang, 1))
    if result.method == "linear":
        st.markdown(t("tgt.how_linear", lang, step=fmt_num(how["step"], lang, 1), **common))
    else:
        st.markdown(t("tgt.how_compound", lang, a=fmt_num(how["annual_rate_pct"], lang, 2), **common))
    if values["split"] and len(result.lines.columns) > 2:
        st.markdown(t("tgt.how_split", lang, sub=values["split_scope"], p=fmt_num(values["split_pct"], lang, 1)))
    st.markdown(t("tgt.how_sbti", lang, r=r, n=how["years"], rate=fmt_num(result.sbti["annual_rate_pct"], lang, 2),
                  need=fmt_num(result.sbti["required_reduction_pct_1_5c"], lang, 1)))

st.subheader(t("tgt.types", lang))
for column, text in zip(st.columns(3), pros_cons_markdown(lang).values()):
    column.markdown(text)
others = [x for x in evaluated if x is not result and x.sub_of is None]
if others:
    st.subheader(t("tgt.others", lang))
    for other in others:
        st.markdown(f"**{other.name}** – {scope_name(other.scope, lang)}, {other.base_year}→{other.target_year}, "
                    f"−{fmt_num(other.reduction_pct, lang, 1)} %")
render_next_step("targets", lang)
