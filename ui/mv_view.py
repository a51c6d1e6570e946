"""M&V page glue: drivers, statistics and KPI tables, the IPMVP guide, editors' column config.

Only formatting, labelling and mapping happen here; every number comes from :mod:`calc.mv`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from ui.format import fmt_num, fmt_pct
from ui.i18n import t
from workbook.schema import SHEETS, choice_label

DRIVERS = ("production", "cdd", "hdd")


def available_drivers(metering: pd.DataFrame) -> list[str]:
    """Drivers with data in every baseline month."""
    base = metering[metering["period"] == "baseline"]
    return [d for d in DRIVERS if len(base) and base[d].notna().all()]


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
    detail = ", ".join(f"{k}: {v}" for k, v in w.data.items()) if w.data else ""
    return t(f"mv.w.{w.code}", lang) + (f" ({detail})" if detail else "")


def editor_config(sheet_key: str, lang: str, skip=()) -> dict:
    """Column config of a sheet's editor: choices as dropdowns, dates, numbers, text."""
    cc, config = st.column_config, {}
    for col in SHEETS[sheet_key].columns:
        if col.key in skip:
            continue
        label = col.label(lang) + (f" [{col.unit}]" if col.unit else "")
        if col.dtype == "choice":
            config[col.key] = cc.SelectboxColumn(label, options=[c.key for c in col.choices],
                                                 format_func=lambda k, c=col: choice_label(c, k, lang))
        elif col.dtype == "date":
            config[col.key] = cc.DateColumn(label, format="YYYY-MM-DD")
        elif col.dtype in ("number", "integer"):
            config[col.key] = cc.NumberColumn(label, min_value=col.min, format="localized")
        else:
            config[col.key] = cc.TextColumn(label)
    return config


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


def kpi_table(measures: pd.DataFrame, savings: pd.DataFrame, actions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per measure: its KPI (from the 5W1H plan), expected saving, status and review."""
    cols = t("mv.kpi_cols", lang).split("|")
    plan = actions.set_index("measure_id") if len(actions) else pd.DataFrame()
    rows = []
    for m in savings.itertuples():
        a = plan.loc[m.id] if m.id in plan.index else None
        a = a.iloc[0] if isinstance(a, pd.DataFrame) else a
        rows.append([m.id, m.name, a["kpi"] if a is not None else "–",
                     f"{fmt_num(m.saving_quantity, lang, 0)} {m.saving_unit or ''}",
                     choice_label(SHEETS["Actions"].column("status"), a["status"], lang) if a is not None else "–",
                     choice_label(SHEETS["Actions"].column("review"), a["review"], lang) if a is not None else "–"])
    return pd.DataFrame(rows, columns=cols)


def gantt_frame(actions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"label": (actions["measure_id"].fillna("") + " " + actions["what"].fillna("")).str.strip(),
                         "start": actions["start_date"], "end": actions["end_date"],
                         "status": actions["status"].fillna("planned")})


IPMVP_QUESTIONS = ("isolated", "key_parameters_measurable", "all_parameters_measured", "baseline_meter")
