"""Helpers of the least-cost plan page: the inputs' editors, the tables and messages built from
:class:`results.model.PlanResults`, and saving the plan as a new variant."""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from ui import editor, state
from ui.i18n import t
from ui.mv_view import table_from_editor
from views.format import fmt_num
from workbook.schema import SHEETS, header_label

MODES = ("target_year", "every_year")
WINDOW_COLUMNS = ("id", "name", "earliest_start", "latest_start", "exclusive_group")


def mode_label(mode: str, year: int, lang: str) -> str:
    return t(f"plan.mode.{mode}", lang, year=year)


# -- inputs ---------------------------------------------------------------------------------------
def budgets_editor(lang: str) -> None:
    """The Budgets sheet, editable (applied on change, one undo step per edit)."""
    cc, sheet = st.column_config, SHEETS["Budgets"]
    config = {"year": cc.NumberColumn(header_label(sheet.column("year"), lang), min_value=1990, max_value=2100,
                                      format="%d", help=sheet.column("year").help(lang)),
              "budget": cc.NumberColumn(header_label(sheet.column("budget"), lang), min_value=0, format="localized",
                                        help=sheet.column("budget").help(lang)),
              "note": cc.TextColumn(header_label(sheet.column("note"), lang))}
    editor.table_editor("Budgets", "plan_budgets", table_from_editor, num_rows="dynamic", hide_index=True,
                       column_config=config, width="stretch")


def _windows_frame(measures: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=measures.index)
    for col in WINDOW_COLUMNS:
        out[col] = measures[col] if col in measures else pd.Series(np.nan, index=measures.index, dtype="float64")
    for col in ("earliest_start", "latest_start"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    out["exclusive_group"] = out["exclusive_group"].astype(object)
    return out.reset_index(drop=True)


def _windows_to_table(edited: pd.DataFrame, _dtypes: pd.Series) -> pd.DataFrame:
    """The edited windows and groups put back into the whole Measures table (same rows)."""
    full = state.scenario().table("Measures").reset_index(drop=True).copy()
    edited = edited.reset_index(drop=True)
    for col in ("earliest_start", "latest_start"):
        values = pd.to_numeric(edited[col], errors="coerce").round()
        full[col] = values.astype(full[col].dtype if col in full else "Int64")
    groups = edited["exclusive_group"].astype(object)
    full["exclusive_group"] = groups.where(groups.notna() & (groups.astype(str).str.strip() != ""), None)
    return full


def windows_editor(lang: str) -> None:
    """Start windows and groups of alternatives of the measures (the Measures sheet's plan columns)."""
    cc, sheet = st.column_config, SHEETS["Measures"]
    config = {"id": cc.TextColumn(header_label(sheet.column("id"), lang), disabled=True),
              "name": cc.TextColumn(header_label(sheet.column("name"), lang), disabled=True)}
    for col in ("earliest_start", "latest_start"):
        spec = sheet.column(col)
        config[col] = cc.NumberColumn(header_label(spec, lang), min_value=1990, max_value=2100, format="%d",
                                      help=spec.help(lang))
    spec = sheet.column("exclusive_group")
    config["exclusive_group"] = cc.TextColumn(header_label(spec, lang), help=spec.help(lang))
    data = _windows_frame(state.scenario().table("Measures"))
    editor.table_editor("Measures", "plan_windows", _windows_to_table, data=data, num_rows="fixed", hide_index=True,
                       column_config=config, width="stretch")


def problem_lines(problems, lang: str) -> list[str]:
    return [t("plan.problem_row", lang, sheet=SHEETS[p.sheet].label(lang) if p.sheet in SHEETS else p.sheet or "",
              row=p.row, msg=p.message(lang)) for p in problems]


# -- results --------------------------------------------------------------------------------------
def status_message(plan, p, lang: str, currency: str) -> tuple[str, str]:
    """(kind, text): ``success``, ``warning`` or ``error`` and what the plan's status means."""
    if plan.status == "optimal":
        return "success", t("plan.optimal", lang, n=len(plan.chosen), npv=fmt_num(plan.npv, lang, 0), cur=currency,
                            time=fmt_num(plan.solve_time_s, lang, 2))
    if plan.status == "time_limit":
        key = "plan.time_limit" if plan.feasible else "plan.time_limit_none"
        return "warning", t(key, lang, limit=fmt_num(p.time_limit_s, lang, 0))
    s = plan.shortfall or {}
    return "error", t("plan.infeasible", lang, need=fmt_num(s.get("required_tco2e"), lang, 1), year=p.target_year,
                      best=fmt_num(s.get("best_reduction_tco2e"), lang, 1),
                      best_pct=fmt_num(s.get("best_reduction_pct"), lang, 1),
                      short=fmt_num(s.get("shortfall_tco2e"), lang, 1),
                      short_pct=fmt_num(s.get("shortfall_pct"), lang, 1))


def budget_needed_table(needed: pd.DataFrame, lang: str) -> pd.DataFrame:
    cols = t("plan.budget_cols", lang).split("|")
    return pd.DataFrame({cols[0]: [str(int(y)) for y in needed.index],
                         cols[1]: [fmt_num(v, lang, 0) for v in needed["budget"]],
                         cols[2]: [fmt_num(v, lang, 0) for v in needed["extra"]],
                         cols[3]: [fmt_num(v, lang, 0) for v in needed["needed"]]})


def chosen_table(plan, p, lang: str, currency: str) -> pd.DataFrame:
    """The chosen measures: id, name, the plan's start year, the user's, investment, NPV share, cut."""
    cols = t("plan.chosen_cols", lang, cur=currency, year=p.target_year).split("|")
    cand = p.candidates.drop_duplicates("id").set_index("id")
    ch = plan.chosen
    return pd.DataFrame({
        cols[0]: ch["id"].astype(str).tolist(),
        cols[1]: [str(cand.at[i, "name"]) if i in cand.index and isinstance(cand.at[i, "name"], str) else ""
                  for i in ch["id"]],
        cols[2]: [str(int(y)) for y in ch["start_year"]],
        cols[3]: [str(int(cand.at[i, "own_start"])) if i in cand.index else "–" for i in ch["id"]],
        cols[4]: [fmt_num(v, lang, 0) for v in ch["capex"]],
        cols[5]: [fmt_num(v, lang, 0) for v in ch["npv"]],
        cols[6]: [fmt_num(v, lang, 1) for v in ch["reduction_target_year_tco2e"]]})


def not_chosen(plan, p) -> list[str]:
    chosen = set(plan.chosen["id"].astype(str))
    return [str(i) for i in p.candidates["id"] if str(i) not in chosen]


def marks_table(ambition: dict, lang: str, currency: str) -> pd.DataFrame:
    cols = t("plan.marks_cols", lang, cur=currency).split("|")
    m = ambition["marks"]
    return pd.DataFrame({
        cols[0]: [t(f"plan.mark.{k}", lang, pct=fmt_num(v, lang, 1)) for k, v in zip(m["mark"], m["level_pct"])],
        cols[1]: [fmt_num(v, lang, 1) for v in m["level_pct"]],
        cols[2]: [fmt_num(c, lang, 0) if np.isfinite(c) else t("plan.unreachable", lang) for c in m["cost"]],
        cols[3]: [str(int(n)) if np.isfinite(c) else "–" for n, c in zip(m["measures"], m["cost"])]})


def break_even_text(be: dict, plan, lang: str, currency: str) -> tuple[str, str]:
    """(the metric's value, the sentence under it)."""
    status = be.get("status")
    price = be.get("carbon_price_per_tco2")
    if status == "pays_already":
        return fmt_num(0.0, lang, 0), t("plan.break_even.pays_already", lang, npv=fmt_num(be.get("npv_at_zero"), lang, 0),
                                        cur=currency)
    if status == "found":
        return fmt_num(price, lang, 0), t("plan.break_even.found", lang, price=fmt_num(price, lang, 0), cur=currency)
    if status == "never":
        return "∞", t("plan.break_even.never", lang)
    return "–", t("plan.break_even.none", lang)


def how_lines(p, plan, results, every_year: bool, lang: str) -> list[str]:
    """The objective and the constraints in words, with the scenario's numbers."""
    s = results.finance.settings
    cur = results.currency
    e = p.own.emissions
    y = p.target_year
    bau = float(e.at[y, "bau_tco2e"]) if y in e.index else np.nan
    target = float(e.at[y, "target_tco2e"]) if y in e.index else np.nan
    mode = "every_year" if every_year else "target_year"
    lines = [
        t("plan.how_objective", lang, rate=fmt_num(p.discount_rate_pct, lang, 1), first=p.first_year,
          years=int(s["analysis_years"]), price=fmt_num(p.carbon_price_per_tco2, lang, 0), cur=cur,
          esc=fmt_num(s["energy_price_escalation_pct"], lang, 1), infl=fmt_num(s["inflation_pct"], lang, 1),
          tax=fmt_num(s["tax_rate_pct"], lang, 1)),
        t("plan.how_choice", lang, n=len(p.candidates), first=p.first_year, last=p.last_start_year),
        t("plan.how_target", lang, which=t(f"plan.how_which.{mode}", lang), bau=fmt_num(bau, lang, 1),
          target=fmt_num(target, lang, 1), need=fmt_num(bau - target, lang, 1), year=y,
          scope=results.main_target.scope)]
    limited = p.budgets.dropna()
    if len(limited):
        lines.append(t("plan.how_budget", lang, budgets="; ".join(f"{int(yr)}: {fmt_num(v, lang, 0)} {cur}"
                                                                    for yr, v in limited.items())))
    else:
        lines.append(t("plan.how_no_budget", lang))
    shared = p.candidates.dropna(subset=["source"]) if p.candidates["source"].notna().any() else None
    if shared is not None and len(shared):
        sources = "; ".join(f"{', '.join(g['id'].astype(str))} ≤ {fmt_num(g['source_cap_tco2e'].iloc[0], lang, 1)} tCO2e"
                            for _, g in shared.groupby("source"))
        lines.append(t("plan.how_sources", lang, sources=sources))
    groups = p.candidates.dropna(subset=["exclusive_group"])
    if len(groups):
        text = "; ".join(f"{k}: {', '.join(g['id'].astype(str))}" for k, g in groups.groupby("exclusive_group"))
        lines.append(t("plan.how_alternatives", lang, groups=text))
    lines.append(t("plan.how_own", lang, first=p.first_year, fin_first=results.finance.first_year,
                   fin_npv=fmt_num(results.finance.portfolio["npv"], lang, 0), cur=cur))
    lines.append(t("plan.how_solver", lang, status=t(f"plan.status.{plan.status}", lang),
                   time=fmt_num(plan.solve_time_s, lang, 3), limit=fmt_num(p.time_limit_s, lang, 0)))
    lines.append(t("plan.how_ambition", lang, year=y, n=y - p.base_year))
    return lines


# -- saving the plan as a variant -----------------------------------------------------------------
def plan_scenario(scenario, plan, p):
    """The scenario with the Measures table restricted to the plan's measures, at its start years."""
    measures = scenario.table("Measures").reset_index(drop=True)
    rows = p.candidates.set_index("id")["row"]
    picked, starts = [], []
    for mid, year in zip(plan.chosen["id"], plan.chosen["start_year"]):
        row = rows.get(mid)
        row = int(row.iloc[0]) if isinstance(row, pd.Series) else row
        if row is not None and not pd.isna(row):
            picked.append(int(row))
            starts.append(int(year))
    out = measures.iloc[picked].copy().reset_index(drop=True)
    out["start_year"] = pd.Series(starts, dtype=measures["start_year"].dtype if len(measures) else "Int64")
    return scenario.with_table("Measures", out)


def save_plan_variant(every_year: bool, lang: str) -> None:
    """Button callback: the plan as a new variant (one undo step), opened at once."""
    from ui.cache import plan as cached_plan

    scenario = state.scenario()
    p = cached_plan(scenario)
    plan = p.plan(every_year) if p is not None else None
    if plan is None or not plan.feasible:
        return
    stem = t("plan.variant_stem", lang)
    taken = {n.casefold() for n in state.variants()}
    name = stem if stem.casefold() not in taken else state.free_variant_name(stem)
    items = state.variants()
    items[name] = plan_scenario(scenario, plan, p)
    state._set_variants(items, name, edited=True, step=("plan.step_saved", {"name": name}))
    st.session_state["plan_saved"] = name
