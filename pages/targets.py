"""Targets page: type, scopes, years, reduction and split; the path, the deck's table, SBTi check."""
import streamlit as st

from figures.targets import target_path_figure
from ui import state
from ui.cache import results
from views.format import fmt_num, fmt_pct, plotly_separators
from ui.i18n import t
from ui.forms import mark_synced, seed
from ui.targets_view import (COMPANY_FIELDS, form_to_table, form_values, main_and_split,
                             pros_cons_markdown, sbti_messages, scope_name, year_table)
from ui.texts.targets_guard import warning_args
from ui.trainer import chart

state.leave_legacy_pages_mode()
lang = state.lang()
scenario = state.scenario()
by_scope = results(scenario).inventory.by_scope["tco2e"].to_dict()
targets = scenario.table("Targets")

st.title(t("tgt.title", lang))
st.caption(t("tgt.caption", lang, **{f"s{k}": fmt_num(v, lang) for k, v in by_scope.items()}))

# -- the form: read from and written back to the Targets sheet ----------------------------------
key = seed("tgt", form_values(targets, scenario.company), lang)  # field → widget key
c1, c2, c3, c4 = st.columns(4)
c1.selectbox(t("tgt.type", lang), ["absolute", "physical_intensity", "economic_intensity"], key=key["type"],
             format_func=lambda k: t(f"tgt.type.{k}", lang))
c2.selectbox(t("tgt.scope", lang), ["1", "2", "1+2", "1+2+3"], key=key["scope"],
             format_func=lambda k: scope_name(k, lang))
c3.number_input(t("tgt.base_year", lang), 1990, 2100, step=1, key=key["base_year"])
c4.number_input(t("tgt.target_year", lang), 1990, 2100, step=1, key=key["target_year"])
c1, c2, c3, c4 = st.columns(4)
c1.radio(t("tgt.mode", lang), ["pct", "t"], key=key["mode"], format_func=lambda k: t(f"tgt.mode.{k}", lang),
         horizontal=True)
mode = st.session_state[key["mode"]]
c2.number_input(f"{t('tgt.reduction', lang)} ({'%' if mode == 'pct' else 'tCO2e'})", 0.0,
                100.0 if mode == "pct" else None, step=1.0, key=key["reduction"])
c3.radio(t("tgt.method", lang), ["linear", "compound"], key=key["method"], horizontal=True,
         format_func=lambda k: t(f"tgt.method.{k}", lang))
c4.number_input(t("tgt.growth", lang), -50.0, 100.0, step=0.5, key=key["growth"])
if "+" in st.session_state[key["scope"]] and st.session_state[key["type"]] == "absolute":
    c1, c2, c3 = st.columns([2, 1, 1])
    c1.checkbox(t("tgt.split", lang), key=key["split"])
    if st.session_state[key["split"]]:
        c2.selectbox(t("tgt.split_scope", lang), ["1", "2"], key=key["split_scope"],
                     format_func=lambda k: scope_name(k, lang))
        c3.number_input(t("tgt.split_pct", lang), 0.0, 100.0, step=1.0, key=key["split_pct"])

kind = st.session_state[key["type"]]
if kind != "absolute":  # the intensity denominator in the base year, kept in the Company sheet
    field = "output_base" if kind == "physical_intensity" else "value_added_base"
    unit = scenario.company.get("output_unit") or "" if field == "output_base" else scenario.company.get("currency")
    c1.number_input(f"{t('tgt.' + field, lang)} ({unit})", 0.0, key=key[field])

values = {f: st.session_state[k] for f, k in key.items()}
company_edits = {f: values[f] or None for f in COMPANY_FIELDS if (values[f] or None) != scenario.company.get(f)}
if company_edits and kind != "absolute":
    for field, value in company_edits.items():
        scenario = scenario.with_field("Company", field, value)
    state.set_scenario(scenario, edited=True)
    mark_synced("tgt", lang)
if values["target_year"] <= values["base_year"]:
    st.error(t("tgt.bad_years", lang, base=values["base_year"], target=values["target_year"]), icon="⚠️")
else:
    new_targets = form_to_table(targets, values, lang)
    if state.replace_table_if_changed("Targets", new_targets):
        mark_synced("tgt", lang)  # the widgets already hold these values
        scenario, targets = state.scenario(), new_targets

# -- results ------------------------------------------------------------------------------------
res = results(scenario)
evaluated = res.targets
main_pos, _ = main_and_split(targets)
main_name = targets.iloc[main_pos]["name"] if main_pos is not None else None
result = next((r for r in evaluated if r.name == main_name), evaluated[0] if evaluated else None)
if result is None:
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
