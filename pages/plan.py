"""Least-cost plan page: which measures, in which year, meet the target within the yearly budgets
at the largest NPV, against the user's own selection; the cost of ambition; the break-even carbon
price; saving the plan as a variant."""
import streamlit as st

from figures.plan import ambition_chart, cumulative_chart, investment_chart, plan_path_chart
from ui import settings, state
from ui.cache import plan as cached_plan
from ui.cache import results
from ui.guide import render_next_step
from ui.i18n import t
from ui.layout import money_metric, pinned, quantity_metric
from ui.plan_view import (MODES, break_even_text, budget_needed_table, budgets_editor, chosen_table, how_lines,
                          marks_table, mode_label, not_chosen, problem_lines, save_plan_variant, status_message,
                          windows_editor)
from ui.trainer import chart
from views.format import fmt_num, plotly_separators

state.leave_legacy_pages_mode()
lang = state.lang()
scenario = state.scenario()
res = results(scenario)
currency = res.currency
seps = plotly_separators(lang)

st.title(t("plan.title", lang))
st.caption(t("plan.caption", lang))
if res.main_target is None:
    st.info(t("plan.no_target", lang), icon="🎯")
    render_next_step("plan", lang)
    st.stop()
p = cached_plan(scenario, res)
year = res.main_target.target_year

# -- inputs ---------------------------------------------------------------------------------------
with st.expander(t("plan.inputs", lang), expanded=p is None or bool(p.problems)):
    mode = settings.radio(st, t("plan.mode", lang), list(MODES), "plan.mode", "target_year", horizontal=True,
                          format_func=lambda m: mode_label(m, year, lang))
    st.markdown(f"**{t('plan.budgets', lang)}**")
    st.caption(t("plan.budgets_help", lang))
    budgets_editor(lang)
    st.markdown(f"**{t('plan.windows', lang)}**")
    first = res.base_year + 1
    st.caption(t("plan.windows_help", lang, first=first, last=p.last_start_year if p is not None else year))
    windows_editor(lang)
    if p is not None and p.problems:
        st.warning(t("plan.input_problems", lang, n=len(p.problems)), icon="⚠️")
        for line in problem_lines(p.problems, lang):
            st.markdown("- " + line)
if p is None:
    st.info(t("plan.no_measures", lang, base=res.base_year), icon="💡")
    render_next_step("plan", lang)
    st.stop()

every = mode == "every_year"
plan = p.plan(every)
kind, text = status_message(plan, p, lang, currency)
getattr(st, kind)(text)
if plan.budget_needed is not None and plan.status == "infeasible":
    st.markdown(t("plan.budget_needed", lang, extra=fmt_num(plan.budget_needed["extra"].sum(), lang, 0), cur=currency))
    st.dataframe(budget_needed_table(plan.budget_needed, lang), hide_index=True, key="plan_budget_needed")
if every:
    st.caption(t("plan.every_year_note", lang))

# -- the plan against the user's own selection ------------------------------------------------------
st.subheader(t("plan.compare", lang))
k = st.columns(3)
money_metric(k[0], t("plan.kpi_npv_plan", lang, cur=currency), plan.npv, lang, currency)
money_metric(k[1], t("plan.kpi_npv_own", lang, cur=currency), p.own.npv, lang, currency)
money_metric(k[2], t("plan.kpi_capex_plan", lang, cur=currency), plan.total_investment, lang, currency)
k = st.columns(3)
quantity_metric(k[0], t("plan.kpi_need", lang, year=year), p.required_tco2e().sum(), lang, 1)
quantity_metric(k[1], t("plan.kpi_t_plan", lang, year=year), plan.reduction_in_tco2e(year), lang, 1)
quantity_metric(k[2], t("plan.kpi_t_own", lang, year=year), p.own.reduction_in_tco2e(year), lang, 1)
st.caption(t("plan.own_status", lang,
             meets=t("plan.own_meets" if p.own_meets_target(every) else "plan.own_misses", lang),
             budget=t("plan.own_in_budget" if p.own_within_budget() else "plan.own_over_budget", lang)))
if len(plan.chosen):
    st.markdown(f"**{t('plan.chosen', lang)}**")
    shown = chosen_table(plan, p, lang, currency)
    st.dataframe(shown, hide_index=True, width="stretch", key="plan_chosen", column_config=pinned(*shown.columns[:2]))
    left = not_chosen(plan, p)
    if left:
        st.caption(t("plan.not_chosen", lang, ids=", ".join(left)))
    st.button(t("plan.save", lang), key="plan_save", type="primary", help=t("plan.save_help", lang),
              on_click=save_plan_variant, args=(every, lang))
saved = st.session_state.pop("plan_saved", None)
if saved:
    st.success(t("plan.saved", lang, name=saved))

e, own_e = plan.emissions, p.own.emissions
labels = dict(zip(p.candidates["id"],
                  p.candidates["id"].astype(str) + " " + p.candidates["name"].fillna("").astype(str).str.slice(0, 28)))
st.plotly_chart(chart(plan_path_chart(
    e["bau_tco2e"], e["with_plan_tco2e"], plan.wedges.rename(columns=labels), own_e["with_plan_tco2e"],
    target=e["target_tco2e"], labels={"with_plan": t("plan.with_plan", lang), "bau": t("tgt.bau", lang),
                                      "target": t("ms.target_line", lang), "own": t("plan.own_line", lang)},
    title=t("plan.path", lang), separators=seps, unit="tCO2e", other_label=t("ms.other_measures", lang, n="{n}"))),
    key="plan_path", width="stretch")
c1, c2 = st.columns(2)
names = {"plan": t("plan.plan", lang), "own": t("plan.own", lang), "budget": t("plan.budget", lang)}
c1.plotly_chart(chart(investment_chart(plan.investment.index, plan.investment["investment"].fillna(0.0),
                                       p.own.investment["investment"], p.budgets, labels=names,
                                       title=t("plan.investment", lang), separators=seps, currency=currency)),
                key="plan_investment", width="stretch")
c2.plotly_chart(chart(cumulative_chart(p.cumulative_cashflow(every), labels=names, title=t("plan.cumulative", lang),
                                       separators=seps, currency=currency, x_title=t("plan.year", lang))),
                key="plan_cumulative", width="stretch")

# -- cost of ambition and the break-even carbon price ----------------------------------------------
st.subheader(t("plan.ambition", lang))
amb = p.ambition
if amb["status"] == "skipped":
    st.info(t("plan.ambition_skipped", lang))
else:
    st.caption(t("plan.ambition_caption", lang, year=year, max=fmt_num(amb["max_level_pct"], lang, 1)))
    marks = {k: t(f"plan.mark.{k}", lang, pct=fmt_num(v, lang, 1)) for k, v in p.levels_pct.items()}
    c1, c2 = st.columns([3, 2])
    c1.plotly_chart(chart(ambition_chart(amb["curve"], amb["marks"], mark_labels=marks, title=t("plan.ambition", lang),
                                         separators=seps, x_title=t("plan.ambition_x", lang, year=year),
                                         y_title=t("plan.ambition_y", lang, cur=currency), currency=currency)),
                    key="plan_ambition", width="stretch")
    c2.dataframe(marks_table(amb, lang, currency), hide_index=True, key="plan_marks", width="stretch")
value, sentence = break_even_text(p.break_even(every), plan, lang, currency)
c2 = st.columns(2)[0] if amb["status"] == "skipped" else c2
c2.metric(t("plan.break_even", lang, cur=currency), value)
c2.caption(sentence)

with st.expander(t("plan.how", lang), expanded=state.trainer(), key="plan_how", on_change="rerun") as how:
    for line in how_lines(p, plan, res, every, lang) if how.open else ():
        st.markdown("- " + line)
render_next_step("plan", lang)
