"""Measures page glue: editor config, catalogue rows, the results table, the trainer's formulas.

Only formatting, labelling and mapping happen here; every number comes from
:mod:`calc.measures` and :mod:`calc.portfolio`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from calc.factors import load_library
from calc.measures import CLASSES, RATE_UNIT_ENERGY, catalogue_measure, load_catalogue
from views.format import fmt_num, fmt_nums, fmt_text, map_distinct
from ui.i18n import t
from ui.labels import fuel_label
from workbook.schema import SHEETS, choice_label, header_label

SHEET = SHEETS["Measures"]
EDITOR_COLUMNS = ["id", "name", "category", "site", "source", "fuel", "method", "units", "rate_before",
                  "rate_after", "rate_unit", "saving_pct", "hours_per_year", "usage_factor", "saving_quantity",
                  "saving_unit", "energy_price_per_unit", "capex_equipment", "capex_labour", "capex_other",
                  "opex_change_per_year", "lifetime_years", "start_year", "switch_fuel",
                  "switch_quantity_per_year", "switch_unit", "switch_price_per_unit"]


def class_label(key, lang: str) -> str:
    return choice_label(SHEET.column("category"), key, lang)


def editor_config(lang: str) -> dict:
    """``st.data_editor`` columns of the Measures table: dropdowns for class, method, fuel, units."""
    cc, lib = st.column_config, load_library()
    fuels, units = list(lib.fuels.index), list(lib.units.index)
    label = {c.key: header_label(c, lang) for c in SHEET.columns}
    helps = {c.key: c.help(lang) or None for c in SHEET.columns}
    config = {}
    for col in EDITOR_COLUMNS:
        spec = SHEET.column(col)
        if col == "category":
            config[col] = cc.SelectboxColumn(label[col], options=list(CLASSES), format_func=lambda k: class_label(k, lang))
        elif col == "method":
            config[col] = cc.SelectboxColumn(label[col], options=["rate_after", "saving_pct", "direct"],
                                             format_func=lambda k: choice_label(SHEET.column("method"), k, lang))
        elif col in ("fuel", "switch_fuel"):
            config[col] = cc.SelectboxColumn(label[col], options=fuels, format_func=lambda k: fuel_label(k, lang),
                                             help=helps[col])
        elif col in ("saving_unit", "switch_unit"):
            config[col] = cc.SelectboxColumn(label[col], options=units, help=helps[col])
        elif col == "rate_unit":
            config[col] = cc.SelectboxColumn(label[col], options=list(RATE_UNIT_ENERGY))
        elif spec.dtype in ("number", "integer"):
            config[col] = cc.NumberColumn(label[col], min_value=spec.min, max_value=spec.max, help=helps[col],
                                          format="localized" if spec.dtype == "number" else "%d")
        else:
            config[col] = cc.TextColumn(label[col], help=helps[col], required=spec.required)
    return config


def editor_to_table(edited: pd.DataFrame, dtypes: pd.Series) -> pd.DataFrame:
    """The editor's output with the sheet's columns and dtypes."""
    out = edited.reset_index(drop=True).reindex(columns=SHEET.keys)
    for col in SHEET.keys:
        if str(dtypes[col]) in ("float64", "Int64"):
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(dtypes[col])
        else:
            out[col] = out[col].astype(object).where(out[col].notna(), None)
            out[col] = out[col].map(lambda v: v.strip() or None if isinstance(v, str) else v)
    return out


def catalogue_row(key: str, lang: str, table: pd.DataFrame, company: dict, site) -> dict:
    """A new Measures row from a catalogue entry: next free id, the site, start next base year."""
    taken = set(table["id"].dropna().astype(str))
    n = len(table) + 1
    while f"M{n}" in taken:
        n += 1
    row = catalogue_measure(key, lang, SHEET.keys)
    row.update(id=f"M{n}", site=site, start_year=int(company.get("base_year") or 2021) + 1)
    return row


def results_table(savings: pd.DataFrame, applied: pd.DataFrame, lang: str, currency: str) -> pd.DataFrame:
    """Per measure: id and name first, then money saved, cost per t, tCO2e/yr (counted),
    investment, then tCO2e/yr, saving, TOE, class (:data:`RESULT_ORDER`)."""
    cols = t("ms.result_cols", lang, cur=currency).split("|")
    units = map_distinct(savings["saving_unit"], fmt_text)
    saving = [f"{q} {u}".strip() for q, u in zip(fmt_nums(savings["saving_quantity"], lang, 0), units)]
    data = [savings["id"].tolist(), savings["name"].tolist(),
            map_distinct(savings["category"], lambda c: class_label(c, lang)), saving,
            fmt_nums(savings["saving_toe"], lang, 2), fmt_nums(savings["reduction_tco2e"], lang, 2),
            fmt_nums(applied["applied_tco2e"], lang, 2), fmt_nums(savings["energy_cost_saving"], lang, 0),
            fmt_nums(savings["capex"], lang, 0), fmt_nums(savings["abatement_cost_per_tco2e"], lang, 0)]
    return pd.DataFrame({cols[i]: data[i] for i in RESULT_ORDER})


#: the results table's columns as shown (positions in ``ms.result_cols``): the id and name, then
#: what people decide on (money saved, abatement cost, tCO2e counted, investment), then the rest
RESULT_ORDER = [0, 1, 7, 9, 6, 8, 5, 3, 4, 2]


def class_frame(by_class: pd.Series, lang: str) -> pd.DataFrame:
    """The results' tCO2e/yr per class (``ScenarioResults.by_class``) labelled for the chart."""
    return pd.DataFrame({"class_label": [class_label(k, lang) for k in CLASSES],
                         "term_label": [t(f"ms.term.{v}", lang) for v in CLASSES.values()],
                         "tco2e": [float(by_class.get(k, 0.0)) for k in CLASSES]})


def explain_lines(savings: pd.DataFrame, measures: pd.DataFrame, factor_table: pd.DataFrame, lang: str) -> list[str]:
    """The trainer's view: A, B, saving and CO2 with each measure's numbers substituted."""
    lines = []
    for m, rec in zip(savings.itertuples(), measures.to_dict("records")):
        if m.status != "ok":
            continue
        f = lambda v, d=2: fmt_num(v, lang, d)  # noqa: E731
        u = m.saving_unit
        if m.method in ("rate_after", "saving_pct"):
            a = t("ms.how_a", lang, n=f(rec["units"] or 1, 0), r=f(rec["rate_before"], 3), ru=rec["rate_unit"],
                  h=f(rec["hours_per_year"], 0), k=f(rec["usage_factor"] if pd.notna(rec["usage_factor"]) else 1),
                  a=f(m.before_quantity, 0), u=u)
            b = (t("ms.how_b_rate", lang, n=f(rec["units"] or 1, 0), r=f(rec["rate_after"], 3), ru=rec["rate_unit"],
                   h=f(rec["hours_per_year"], 0), b=f(m.after_quantity, 0), u=u) if m.method == "rate_after" else
                 t("ms.how_b_pct", lang, a=f(m.before_quantity, 0), p=f(rec["saving_pct"], 1), b=f(m.after_quantity, 0), u=u))
            body = f"{a}  \n{b}  \n" + t("ms.how_saving", lang, a=f(m.before_quantity, 0), b=f(m.after_quantity, 0), s=f(m.saving_quantity, 0), u=u)
        else:
            body = t("ms.how_direct", lang, s=f(m.saving_quantity, 0), u=u)
        ef = m.reduction_tco2e / m.saving_quantity if m.saving_quantity and m.switch_tco2e == 0 else np.nan
        co2 = (t("ms.how_co2", lang, s=f(m.saving_quantity, 0), u=u, ef=f(ef, 7), t=f(m.reduction_tco2e))
               if np.isfinite(ef) else t("ms.how_co2_switch", lang, t=f(m.reduction_tco2e), sw=f(m.switch_tco2e)))
        money = t("ms.how_money", lang, s=f(m.saving_quantity, 0), p=f(rec["energy_price_per_unit"] or 0, 0),
                  c=f(m.energy_cost_saving, 0), toe=f(m.saving_toe))
        lines.append(f"**{m.id} – {m.name}**  \n{body}  \n{co2}  \n{money}")
    return lines


#: The deck's one-line definition of each class.
CLASS_INFO = {
    "management": ("Thay đổi hành vi, quy định quản lý", "Behaviour change and management rules"),
    "retrofit": ("Cải tạo, cải tiến hệ thống sẵn có nhằm nâng cao hiệu suất", "Improve existing systems for efficiency"),
    "loss_reduction": ("Khắc phục các tổn thất hiện có của hệ thống", "Remove existing losses of the system"),
    "equipment": ("Thay thế, sử dụng các thiết bị mới hiệu suất cao", "Replace with new high-efficiency equipment"),
    "technology": ("Nâng cấp công nghệ sản xuất có hiệu quả năng lượng cao hơn", "Upgrade to more energy-efficient production technology"),
    "energy_switch": ("Sử dụng năng lượng tái tạo, chuyển dịch năng lượng", "Renewables and switching energy"),
}


def class_overview(lang: str) -> dict[str, str]:
    """Markdown per term: each class, its definition and the catalogue's examples."""
    cat = load_catalogue()
    name = "name_vi" if lang == "vi" else "name_en"
    out = {}
    for term in ("short", "long"):
        parts = [f"**{t(f'ms.term.{term}', lang)}**"]
        for key, term_of in CLASSES.items():
            if term_of != term:
                continue
            examples = "; ".join(cat.loc[cat["category"] == key, name])
            parts.append(f"- **{class_label(key, lang)}**: {CLASS_INFO[key][0 if lang == 'vi' else 1]}. *{examples}*")
        out[term] = "\n".join(parts)
    return out
