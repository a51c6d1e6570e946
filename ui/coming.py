"""The page of a feature whose issue has not landed: what is coming and the data already read."""
from __future__ import annotations

import streamlit as st

from ui import state
from ui.i18n import t
from workbook.schema import SHEETS


def render_coming(page_key: str, sheets: list[str]) -> None:
    lang = state.lang()
    st.title(t(page_key, lang))
    names = ", ".join(SHEETS[s].label(lang) for s in sheets)
    st.info(t("coming.body", lang, page=t(page_key, lang), sheets=names), icon="🚧")
    scenario = state.scenario()
    for key in sheets:
        sheet = SHEETS[key]
        st.subheader(sheet.label(lang))
        if sheet.kind == "fields":
            values = scenario.fields.get(key, {})
            rows = [(c.label(lang), "" if values.get(c.key) is None else str(values.get(c.key)))
                    for c in sheet.columns]
            st.dataframe(dict(zip(("field", "value"), zip(*rows))), hide_index=True)
        else:
            frame = scenario.table(key).rename(columns={c.key: c.label(lang) for c in sheet.columns})
            st.dataframe(frame, hide_index=True, width="stretch")
