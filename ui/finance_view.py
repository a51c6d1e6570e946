"""Finance page glue: the Finance and Financing forms, indicator tables, option labels.

Forms write back through ``on_change`` callbacks, so visiting the page never marks the scenario
as edited; only a change the user makes does. Every number comes from ``calc``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from calc.appraisal import finance_settings
from results.financing import FINANCING_DEFAULTS, FORM_TYPES, financing_rows, financing_values
from ui import editor, settings, state
from views.format import fmt_num, fmt_nums, fmt_pct, fmt_pcts, fmt_text
from ui.forms import mark_synced, seed
from ui.i18n import t
from ui.mv_view import editor_config
from ui.layout import money_metric
from ui.trainer import chart
from ui.why import show_why
from views.undefined import life_cycle_reasons, loan_reasons, ranking_reasons

FINANCE_FIELDS = ("discount_rate_pct", "analysis_years", "energy_price_escalation_pct", "carbon_price_per_tco2",
                  "inflation_pct", "tax_rate_pct")
#: the number inputs of the financing form (loan_kind is a select box)
FINANCING_NUMBERS = tuple(k for k in FINANCING_DEFAULTS if k != "loan_kind")


def seed_finance_form(scenario) -> dict[str, str]:
    """The Finance form mirrored in the page settings; field → setting name."""
    s = finance_settings(scenario.fields.get("Finance"))
    return seed("fin", {f: (int(s[f]) if f == "analysis_years" else float(s[f])) for f in FINANCE_FIELDS})


def write_finance(field: str, name: str) -> None:
    """on_change: one Finance-sheet field from its page setting."""
    state.set_scenario(state.scenario().with_field("Finance", field, settings.value(name)), edited=True)
    mark_synced("fin")


def seed_financing_form(scenario) -> dict[str, str]:
    return seed("fng", financing_values(scenario.table("Financing")))


def write_financing(names: dict[str, str]) -> None:
    """on_change: rebuild the "*" rows of the Financing sheet from the form (other rows kept)."""
    scenario = state.scenario()
    current = scenario.table("Financing")
    values = {f: settings.value(n) for f, n in names.items()}
    kept = current[(current["measure_id"] != "*") | ~current["type"].isin(FORM_TYPES)]
    table = pd.concat([kept, financing_rows(values)], ignore_index=True)
    state.set_scenario(scenario.with_table("Financing", table.astype(current.dtypes.to_dict())), edited=True)
    mark_synced("fng")


def measure_labels(table: pd.DataFrame, lang: str) -> list[str]:
    """The rows of an indicator table as named on screen: "id name" per measure, the language's
    word for the portfolio (the row with id ``portfolio``); built column-wise, once per table."""
    ids = table["id"].astype(object).tolist()
    names = [fmt_text(n) for n in table["name"].astype(object)]
    portfolio = t("fin.portfolio", lang)
    return [portfolio if i == "portfolio" else f"{fmt_text(i)} {n}".strip() for i, n in zip(ids, names)]


def indicator_table(table: pd.DataFrame, lang: str, currency: str) -> pd.DataFrame:
    """The appraisal formatted: one row per measure and the portfolio; the name first, then the
    deciding numbers (:data:`INDICATOR_ORDER`). One pass per column (:func:`views.format.fmt_nums`):
    the same text as :func:`fmt_num` cell by cell."""
    cols = t("fin.ind_cols", lang, cur=currency).split("|")
    irr = table["irr"].to_numpy(float)
    irr_texts = fmt_pcts(irr * 100, lang, 2)
    codes = table["irr_code"].astype(object).tolist() if "irr_code" in table else [None] * len(table)
    irr_texts = [text if np.isfinite(v) else _irr_undefined(code, lang) for text, v, code in zip(irr_texts, irr, codes)]
    column = lambda name, decimals: fmt_nums(table[name].to_numpy(float), lang, decimals)  # noqa: E731
    # ∞: never paid back; –: no flows to tell
    values = [measure_labels(table, lang), column("capex", 0), column("annual_saving", 0),
              column("simple_payback_years", 2), column("discounted_payback_years", 2), column("npv", 0),
              irr_texts, fmt_pcts(table["roi"].to_numpy(float) * 100, lang, 1), column("bcr", 2),
              column("cost_of_saved_energy_per_kwh", 0), column("abatement_cost_per_tco2e", 0)]
    return pd.DataFrame(dict(enumerate(values))).set_axis(cols, axis=1).iloc[:, INDICATOR_ORDER]


#: the indicator table's columns as shown (positions in ``fin.ind_cols``): the name, then what
#: people decide on (NPV, IRR, simple payback, ROI, B/C), then investment, saving and the rest
INDICATOR_ORDER = [0, 5, 6, 3, 7, 8, 1, 2, 4, 9, 10]


def _irr_text(r, lang: str) -> str:
    return fmt_pct(r.irr * 100, lang, 2) if np.isfinite(r.irr) else _irr_undefined(r.irr_code, lang)


def _irr_undefined(code, lang: str) -> str:
    """Why a row has no IRR (its code's text), "–" without a code."""
    return t(f"fin.irr.{code or 'none'}", lang)


def render_kpis(table: pd.DataFrame, lang: str, currency: str) -> None:
    """The portfolio's NPV, IRR, simple payback and B/C as KPI cards (nothing without measures)."""
    if len(table) <= 1:
        return
    r = next(table.iloc[[-1]].itertuples())  # the portfolio: the last row
    k1, k2, k3, k4 = st.columns(4)
    money_metric(k1, t("fin.kpi_npv", lang, cur=currency), r.npv, lang, currency)
    k2.metric(t("fin.kpi_irr", lang), _irr_text(r, lang))
    k3.metric(t("fin.kpi_payback", lang), fmt_num(r.simple_payback_years, lang, 2))
    k4.metric(t("fin.kpi_bcr", lang), fmt_num(r.bcr, lang, 2))


#: Finance fields the page's what-if inputs edit (risk ranges, budget, ESCO and life-cycle inputs)
WHATIF_FIELDS = ("mc_energy_price_pct", "mc_saving_pct", "mc_capex_pct", "budget", "budget_goal",
                 "esco_actual_saving_pct", "chauffage_discount_pct", "chauffage_energy_bill",
                 "lcc_hours_per_year", "lcc_energy_price")


def seed_whatif_form(res) -> dict[str, str]:
    """The what-if inputs mirrored in the page settings from the results model (each blank field
    shows the value it stands for); field → setting name."""
    s = res.finance.settings
    values = {f: s[f] for f in WHATIF_FIELDS}
    if res.budget is not None:
        values.update(budget=float(res.budget.budget), budget_goal=res.budget.goal)
    values.update(lcc_hours_per_year=float(res.life_cycle.hours_per_year),
                  lcc_energy_price=float(res.life_cycle.energy_price))
    values = {k: (float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
              for k, v in values.items()}
    return seed("fwi", values)


def write_field(field: str, name: str) -> None:
    """on_change: one Finance-sheet field (a what-if input of the page) from its page setting."""
    state.set_scenario(state.scenario().with_field("Finance", field, settings.value(name)), edited=True)
    mark_synced("fwi")


def _field_input(container, label: str, field: str, names: dict, lang: str, **kwargs):
    """A number field bound to a Finance field (written the app language's way)."""
    return settings.number_input(container, label, names[field], on_change=write_field, args=(field, names[field]),
                                 **kwargs)


def render_risk(risk, keys: dict, lang: str, currency: str, seps: str) -> None:
    """Tornado (±20 %) with break-even values, and the Monte Carlo of the results model."""
    from figures.finance import monte_carlo_histogram, tornado_chart

    c1, c2 = st.columns(2)
    torn = risk.tornado.assign(label=lambda d: [t(f"fin.input.{k}", lang) for k in d["input"]])
    c1.plotly_chart(chart(tornado_chart(torn, torn.attrs["base_npv"], title=t("fin.sensitivity", lang), separators=seps,
                                  currency=currency, low_label=t("fin.low", lang), high_label=t("fin.high", lang))),
                    key="fin_tornado", width="stretch")
    c1.caption(t("fin.break_even", lang, items="; ".join(
        f"{t(f'fin.be.{k}', lang)}: " + (fmt_num(v, lang, 1) + " %" if k == "discount_rate" else fmt_pct(v * 100, lang, 0))
        for k, v in risk.break_even.items() if np.isfinite(v)) or "–"))
    fields = {"energy_price": "mc_energy_price_pct", "saving": "mc_saving_pct", "capex": "mc_capex_pct"}
    for column, (name, field) in zip(c2.columns(3), fields.items()):
        _field_input(column, t("fin.mc_range", lang, what=t(f"fin.input.{name}", lang)), field, keys, lang,
                     min_value=0.0, max_value=90.0, percent_unit=True)
    mc = risk.monte_carlo
    c2.plotly_chart(chart(monte_carlo_histogram(mc["npv"], p10=mc["p10"], p50=mc["p50"], p90=mc["p90"],
                                          title=t("fin.risk", lang), separators=seps, currency=currency,
                                          prob_label=t("fin.prob", lang, p=fmt_pct(mc["prob_npv_positive"] * 100, lang, 0)))),
                    key="fin_mc", width="stretch")
    c2.caption(t("fin.mc_stats", lang, p10=fmt_num(mc["p10"], lang, 0), p50=fmt_num(mc["p50"], lang, 0),
                 p90=fmt_num(mc["p90"], lang, 0), irr10=fmt_pct(mc["irr_p10"] * 100, lang, 1),
                 irr90=fmt_pct(mc["irr_p90"] * 100, lang, 1)))


def render_budget(budget, keys: dict, lang: str, currency: str) -> None:
    """The measures that maximise NPV (or tCO2e) within the budget, and the ranking by PI."""
    st.subheader(t("fin.budget", lang))
    c1, c2 = st.columns([1, 2])
    _field_input(c1, t("fin.budget_input", lang, cur=currency), "budget", keys, lang, min_value=0.0)
    settings.radio(c1, t("fin.goal", lang), ["npv", "tco2e"], keys["budget_goal"], horizontal=True,
                   format_func=lambda k: t(f"fin.goal.{k}", lang), on_change=write_field,
                   args=("budget_goal", keys["budget_goal"]))
    sel = budget.selection
    c1.markdown(t(f"fin.budget_result.{budget.goal}", lang, ids=", ".join(map(str, budget.selected_ids)) or "–",
                  capex=fmt_num(sel["total_capex"], lang, 0), value=fmt_num(sel["total_value"], lang, 1)))
    rank = budget.ranking
    cols = t("fin.rank_cols", lang, cur=currency).split("|")
    c2.dataframe(pd.DataFrame({cols[0]: [fmt_num(r, lang, 0) for r in rank["rank"]], cols[1]: rank["id"],
                               cols[2]: [fmt_num(v, lang, 0) for v in rank["capex"]],
                               cols[3]: [fmt_num(v, lang, 0) for v in rank["npv"]],
                               cols[4]: [fmt_num(v, lang, 2) for v in rank["profitability_index"]]}),
                 hide_index=True, key="fin_rank")
    show_why(c2, ranking_reasons(rank), lang)


def render_loan(financing, lang: str) -> None:
    """The loan's schedule year by year with the debt service coverage ratio (results model)."""
    schedule, cover = financing.loan_schedule, financing.dscr
    cols = t("fin.loan_cols", lang).split("|")
    with st.expander(t("fin.loan_view", lang)):
        st.dataframe(pd.DataFrame({cols[0]: [str(y) for y in schedule.index],
                                   **{cols[i + 1]: [fmt_num(x, lang, 0) for x in schedule[c]] for i, c in
                                      enumerate(("opening", "interest", "principal", "payment", "closing"))},
                                   cols[6]: [fmt_num(cover.get(y, np.nan), lang, 2) for y in schedule.index]}),
                     hide_index=True, key="fin_loan")
        st.caption(t("fin.dscr_note", lang))
        show_why(st, loan_reasons(cover, schedule.index), lang)


def render_esco(financing, keys: dict, lang: str) -> None:
    """The three ESCO models, year by year: what the customer and the ESCO each get."""
    with st.expander(t("fin.esco_flows", lang)):
        c1, c2, c3 = st.columns(3)
        _field_input(c1, t("fin.esco_actual", lang), "esco_actual_saving_pct", keys, lang, min_value=0.0,
                     max_value=200.0, percent_unit=True)
        _field_input(c2, t("fin.esco_discount", lang), "chauffage_discount_pct", keys, lang, min_value=0.0,
                     max_value=100.0, percent_unit=True)
        _field_input(c3, t("fin.esco_bill", lang), "chauffage_energy_bill", keys, lang, min_value=0.0, blank=True,
                     placeholder=t("fin.esco_bill_default", lang))
        models = financing.esco
        for tab, (name, flows) in zip(st.tabs([t(f"fin.esco_model.{k}", lang) for k in models]), models.items()):
            tab.dataframe(pd.DataFrame({t("fin.esco_who.customer", lang): [fmt_num(v, lang, 0) for v in flows["customer"]],
                                        t("fin.esco_who.esco", lang): [fmt_num(v, lang, 0) for v in flows["esco"]]},
                                       index=[str(y) for y in range(len(flows["customer"]))]).T, key=f"fin_esco_{name}")
        st.caption(t("fin.esco_note", lang))


def _lcc_table(edited: pd.DataFrame, dtypes: pd.Series) -> pd.DataFrame:
    """The life-cycle editor's output with the LifeCycle sheet's dtypes."""
    out = edited.reset_index(drop=True).reindex(columns=list(dtypes.index))
    for col, dtype in dtypes.items():
        if str(dtype) in ("float64", "Int64"):
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(dtype)
        else:
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def render_lcc(life_cycle, scenario, keys: dict, lang: str) -> None:
    """The life-cycle comparison (equivalent annual cost) and its editable alternatives."""
    st.subheader(t("fin.lcc", lang))
    lcc = life_cycle.table
    label = lambda k: t(f"fin.lamp.{k}", lang) if k in ("halogen", "cfl", "led") else str(k)  # noqa: E731
    currency = str(scenario.company.get("currency") or "VND")
    st.dataframe(pd.DataFrame({col: vals for col, vals in zip(t("fin.lcc_cols", lang, cur=currency).split("|"), [
        [label(k) for k in lcc["alternative"]], [fmt_num(v, lang, 0) for v in lcc["watts"]],
        [fmt_num(v, lang, 0) for v in lcc["life_hours"]], [fmt_num(v, lang, 1) for v in lcc["life_years"]],
        [fmt_num(v, lang, 0) for v in lcc["price"]], [fmt_num(v, lang, 0) for v in lcc["energy_cost_per_year"]],
        [fmt_num(v, lang, 0) for v in lcc["equivalent_annual_cost"]]])}), hide_index=True, key="fin_lcc")
    show_why(st, life_cycle_reasons(lcc), lang)
    st.caption(t("fin.lcc_note", lang, h=fmt_num(life_cycle.hours_per_year, lang, 0),
                 p=fmt_num(life_cycle.energy_price, lang, 0) + " " + str(scenario.company.get("currency") or "VND")))
    with st.expander(t("fin.lcc_edit", lang)):
        c1, c2 = st.columns(2)
        _field_input(c1, t("fin.lcc_hours", lang), "lcc_hours_per_year", keys, lang, min_value=1.0,
                     max_value=8784.0)
        _field_input(c2, t("fin.lcc_price", lang), "lcc_energy_price", keys, lang, min_value=0.0)
        data = scenario.table("LifeCycle")
        if data.empty and life_cycle.is_default:  # start from the deck's lamps, named in the user's language
            data = pd.concat([data, lcc[list(data.columns)]], ignore_index=True).astype(data.dtypes.to_dict())
            data["alternative"] = data["alternative"].map(label)
        editor.table_editor("LifeCycle", "fin_lcc_editor", _lcc_table, data=data, num_rows="dynamic",
                           hide_index=True, width="stretch", column_config=editor_config("LifeCycle", lang))
