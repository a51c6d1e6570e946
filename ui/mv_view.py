"""M&V page glue: settings widgets, drivers, statistics and KPI tables, charts, editors' config.

Only formatting, labelling and mapping happen here; every number comes from
:class:`results.mv.MVResults`. The settings widgets are seeded from the scenario's ``MV`` sheet
and write back to it (``on_change``), so a choice survives a language switch and reaches the
download and the report.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import streamlit as st

from figures.mv import baseline_chart, cumulative_savings_chart, residual_chart, scatter_fit_chart
from ui import editor, settings, state
from views.format import fmt_num, fmt_pct, fmt_text, plotly_separators
from views.undefined import mv_reasons
from ui.forms import mark_synced, seed
from ui.i18n import TEXT, t
from ui.layout import form_columns, money_metric, quantity_metric
from ui.trainer import chart
from ui.why import show_why
from calc.factors import load_library
from ui.labels import fuel_label
from workbook.schema import SHEETS, choice_label, header_label
from workbook.write import FUEL_LIST_COLUMNS

MODEL_KINDS = ("ols", "3p_cooling", "3p_heating")
#: IPMVP guide question → its field of the MV sheet.
IPMVP_FIELDS = {"isolated": "ipmvp_isolated", "key_parameters_measurable": "ipmvp_key_parameters",
                "all_parameters_measured": "ipmvp_all_parameters", "baseline_meter": "ipmvp_baseline_meter",
                "share": "ipmvp_savings_share_pct"}
#: Model widget → its field of the MV sheet.
MODEL_FIELDS = {"drivers": "drivers", "kind": "model", "months": "month_indicators"}


def _cell(value):
    """A widget's value as the MV sheet stores it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(value) if value else "none"
    return value


def write_mv(field: str, name: str, prefix: str) -> None:
    """on_change: one MV-sheet field from its page setting."""
    value = _cell(settings.value(name))
    state.set_scenario(state.scenario().with_field("MV", field, value), edited=True)
    mark_synced(prefix)


def ipmvp_widgets(mv, lang: str) -> None:
    """The IPMVP guide's answers (``mv``: the MV sheet's settings), mirrored in the page settings
    and written to the MV sheet."""
    values = {"isolated": mv.isolated, "key_parameters_measurable": mv.key_parameters,
              "all_parameters_measured": mv.all_parameters, "baseline_meter": mv.baseline_meter,
              "share": int(min(max(mv.savings_share_pct, 0), 100))}
    names = seed("mv_q", values)
    for q in IPMVP_QUESTIONS:
        settings.checkbox(st, t(f"mv.q.{q}", lang), names[q], on_change=write_mv,
                          args=(IPMVP_FIELDS[q], names[q], "mv_q"))
    settings.slider(st, t("mv.q.share", lang), 0, 100, names["share"], values["share"], on_change=write_mv,
                    args=(IPMVP_FIELDS["share"], names["share"], "mv_q"))


def meter_label(meter) -> str:
    sites = f" – {', '.join(meter.sites)}" if meter.sites else ""
    return f"{meter.fuel} ({meter.unit}){sites}"


def pick_meter(results, lang: str):
    """The meter shown: a picker when there are several (choosing one re-seeds the settings)."""
    if len(results.meters) == 1:
        return results.meters[0]
    i = settings.selectbox(st, t("mv.meter", lang), list(range(len(results.meters))), "mv.meter", 0,
                           help=t("mv.meter_help", lang), format_func=lambda k: meter_label(results.meters[k]),
                           on_change=lambda: st.session_state.pop("mv_synced", None))
    return results.meters[i or 0]


def model_widgets(results, meter, lang: str) -> None:
    """Drivers, model kind and month indicators, seeded from and written to the MV sheet."""
    s = results.settings
    chosen = s.drivers if s.drivers is not None else meter.default_drivers
    names = seed("mv", {"drivers": [d for d in chosen if d in results.driver_options], "kind": s.model,
                        "months": s.month_indicators})
    c1, c2 = st.columns([2, 1])
    settings.multiselect(c1, t("mv.drivers", lang), list(results.driver_options), names["drivers"],
                         format_func=lambda d: driver_label(d, lang), help=t("mv.drivers_default", lang),
                         on_change=write_mv, args=("drivers", names["drivers"], "mv"))
    settings.radio(c2, t("mv.model", lang), list(MODEL_KINDS), names["kind"], "ols", horizontal=True,
                   format_func=lambda k: t(f"mv.model.{k}", lang), on_change=write_mv,
                   args=("model", names["kind"], "mv"))
    settings.checkbox(c1, t("mv.month_indicators", lang), names["months"], disabled=s.model != "ols",
                      on_change=write_mv, args=("month_indicators", names["months"], "mv"))
    st.caption(t("mv.settings_help", lang))


def driver_label(key: str, lang: str) -> str:
    if key == "intercept":
        return t("mv.intercept", lang)
    if key.startswith("month_"):
        return t("mv.month", lang, m=int(key.split("_")[1]))
    return SHEETS["Metering"].column(key).label(lang)


def coefficient_table(model, lang: str) -> pd.DataFrame:
    cols = t("mv.coef_cols", lang).split("|")
    keys = ["intercept", *model.drivers]
    return pd.DataFrame({cols[0]: [driver_label(k, lang) for k in keys],
                         cols[1]: [fmt_num(model.coefficients[k], lang, 3) for k in keys],
                         cols[2]: [fmt_num(model.std_errors.get(k, np.nan), lang, 3) for k in keys],
                         cols[3]: [fmt_num(model.t_stats.get(k, np.nan), lang, 2) for k in keys]})


def warning_text(w, lang: str) -> str:
    """A warning in words: its text with the drivers, months, names or rows filled in, or (older
    codes) its text followed by its data."""
    text = TEXT[f"mv.w.{w.code}"][lang]
    fields = re.findall(r"{(\w+)}", text)
    if fields:
        values = {f: ", ".join(driver_label(v, lang) if f == "drivers" else str(v) for v in w.data.get(f, []))
                  for f in fields}
        return t(f"mv.w.{w.code}", lang, **values)
    detail = "; ".join(f"{_detail_name(k, lang)}: {_detail_value(k, v, lang)}" for k, v in w.data.items())
    return t(f"mv.w.{w.code}", lang) + (f" ({detail})" if detail else "")


_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ROW = re.compile(r"row (\d+)")


def _detail_name(key: str, lang: str) -> str:
    """The name of a warning detail: a Metering column's label, or the detail's own text."""
    if key in SHEETS["Metering"].keys:
        return SHEETS["Metering"].column(key).label(lang)
    return t(f"mvd.{key}", lang) if f"mvd.{key}" in TEXT else t("mvd.other", lang)


def _detail_value(key: str, value, lang: str) -> str:
    """A warning detail in words: months as 09/2023 (vi) or 2023-09 (en), periods and columns by
    their labels, numbers the language's way, lists joined with commas."""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(_detail_value(key, v, lang) for v in value)
    if isinstance(value, str):
        if (m := _MONTH.fullmatch(value)) is not None:
            return f"{m.group(2)}/{m.group(1)}" if lang == "vi" else value
        if (m := _ROW.fullmatch(value)) is not None:
            return t("mvd.row", lang, n=int(m.group(1)) + 1)
        if key == "model" and f"mv.model.{value}" in TEXT:
            return t(f"mv.model.{value}", lang)
        if value in SHEETS["Metering"].keys:
            return SHEETS["Metering"].column(value).label(lang)
        return choice_label(SHEETS["Metering"].column("period"), value, lang)
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return fmt_num(float(value), lang, 0 if float(value).is_integer() else 2)
    return fmt_text(value, "–")


def verdict_box(model, lang: str, where) -> None:
    text = t(f"mv.verdict.{model.verdict}", lang, r2=fmt_num(model.r2, lang, 3),
             cv=fmt_num(model.cv_rmse_pct, lang, 1), nmbe=fmt_num(model.nmbe_pct, lang, 2))
    {"pass": where.success, "warn": where.warning, "fail": where.error}[model.verdict](text)


def kpi_metrics(meter, currency: str, lang: str) -> None:
    """Avoided energy, TOE, tCO2e, money, realisation rate and the uncertainty, as shown numbers."""
    k = form_columns(5, 3)  # two rows: a number of 7 digits does not fit a fifth of 1024 px
    quantity_metric(k[0], t("mv.kpi_avoided", lang, u=meter.unit), meter.avoided_total, lang, 0)
    quantity_metric(k[1], t("mv.kpi_toe", lang), meter.verified_toe, lang, 2)
    quantity_metric(k[2], t("mv.kpi_t", lang), meter.verified_tco2e, lang, 2)
    money_metric(k[3], t("mv.kpi_money", lang, cur=currency), meter.verified_money, lang, currency)
    k[4].metric(t("mv.kpi_rr", lang), fmt_pct(meter.realisation_rate_pct, lang, 0))
    st.caption(t("mv.rr_note", lang, e=fmt_num(meter.expected_quantity, lang, 0), u=meter.unit))
    show_why(st, mv_reasons(meter.verified_money, meter.realisation_rate), lang)
    f = meter.fsu_pct
    st.markdown(t("mv.fsu", lang, f68=fmt_num(f[0.68], lang, 1), f90=fmt_num(f[0.90], lang, 1),
                  f95=fmt_num(f[0.95], lang, 1)))


def charts(meter, lang: str) -> None:
    """Measured, baseline and adjusted baseline; residuals; cumulative savings; energy vs driver."""
    seps, unit, s = plotly_separators(lang), meter.unit, meter.series
    labels = {k: t(f"mv.{k}", lang) for k in ("measured", "baseline", "adjusted", "savings")}
    st.plotly_chart(chart(baseline_chart(s["period_start"], s["measured"], s["fitted"], s["adjusted_baseline"],
                                         period=s["period"], labels=labels, title=t("mv.chart", lang),
                                         separators=seps, unit=unit)), key="mv_chart", width="stretch")
    c1, c2, c3 = st.columns(3)
    c1.plotly_chart(chart(residual_chart(meter.fit["period_start"], meter.fit["residual"], title=t("mv.residuals", lang),
                                         separators=seps, unit=unit)), key="mv_residuals", width="stretch")
    a = meter.avoided
    c2.plotly_chart(chart(cumulative_savings_chart(a["period_start"], a["cumulative"], title=t("mv.cumulative", lang),
                                                   separators=seps, unit=unit)), key="mv_cumulative", width="stretch")
    if meter.scatter_driver:
        d, sc = driver_label(meter.scatter_driver, lang), meter.scatter
        c3.plotly_chart(chart(scatter_fit_chart(sc["x"], sc["energy"], sc["x"], sc["fitted"], x_title=d, y_title=unit,
                                                title=t("mv.scatter", lang, d=d), separators=seps)),
                        key="mv_scatter", width="stretch")


def editor_config(sheet_key: str, lang: str, skip=()) -> dict:
    """Column config of a sheet's editor: choices as dropdowns, dates, numbers, text."""
    cc, config = st.column_config, {}
    for col in SHEETS[sheet_key].columns:
        if col.key in skip:
            continue
        label = header_label(col, lang)
        if col.dtype == "choice":
            config[col.key] = cc.SelectboxColumn(label, options=[c.key for c in col.choices],
                                                 format_func=lambda k, c=col: choice_label(c, k, lang))
        elif col.key in FUEL_LIST_COLUMNS:  # the library's fuels, named in the user's language
            config[col.key] = cc.SelectboxColumn(label, options=list(load_library().fuels.index),
                                                 format_func=lambda k: fuel_label(k, lang))
        elif col.dtype == "date":
            config[col.key] = cc.DateColumn(label, format="YYYY-MM-DD")
        elif col.dtype in ("number", "integer"):
            config[col.key] = cc.NumberColumn(label, min_value=col.min, format="localized")
        else:
            config[col.key] = cc.TextColumn(label)
    return config


def sheet_editor(sheet: str, prefix: str, lang: str) -> None:
    """An editable table of the scenario (:func:`ui.editor.table_editor`, applied on change).

    """
    editor.table_editor(sheet, prefix, table_from_editor, num_rows="dynamic", hide_index=True,
                       column_config=editor_config(sheet, lang), width="stretch")


def table_from_editor(edited: pd.DataFrame, dtypes: pd.Series) -> pd.DataFrame:
    """The editor's output with the sheet's columns and dtypes."""
    out = edited.reset_index(drop=True).reindex(columns=list(dtypes.index))
    for col, dtype in dtypes.items():
        if str(dtype).startswith("datetime"):
            out[col] = pd.to_datetime(out[col], errors="coerce").astype(dtype)
        elif str(dtype) in ("float64", "Int64"):
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(dtype)
        else:
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def kpi_table(savings: pd.DataFrame, actions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per measure (``MVResults.measures``): its KPI (from the 5W1H plan), expected saving, status
    and review."""
    cols = t("mv.kpi_cols", lang).split("|")
    plan = actions.set_index("measure_id") if len(actions) else pd.DataFrame()
    rows = []
    for m in savings.itertuples():
        a = plan.loc[m.id] if m.id in plan.index else None
        a = a.iloc[0] if isinstance(a, pd.DataFrame) else a
        rows.append([m.id, fmt_text(m.name), fmt_text(a["kpi"], "–") if a is not None else "–",
                     f"{fmt_num(m.saving_quantity, lang, 0)} {fmt_text(m.saving_unit)}".strip(),
                     choice_label(SHEETS["Actions"].column("status"), a["status"], lang) if a is not None else "–",
                     choice_label(SHEETS["Actions"].column("review"), a["review"], lang) if a is not None else "–"])
    return pd.DataFrame(rows, columns=cols)


def gantt_frame(actions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"label": (actions["measure_id"].fillna("") + " " + actions["what"].fillna("")).str.strip(),
                         "start": actions["start_date"], "end": actions["end_date"],
                         "status": actions["status"].fillna("planned")})


IPMVP_QUESTIONS = ("isolated", "key_parameters_measurable", "all_parameters_measured", "baseline_meter")
