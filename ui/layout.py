"""Projector-first layout: KPI cards that never cut a number, tables with the name pinned, and
larger tables in trainer mode.

- :func:`inject_style` (called once per run by ``app.py``) adds a small stylesheet aimed at
  Streamlit's stable ``data-testid`` selectors: the values and labels of ``st.metric`` wrap at
  spaces instead of ending in "…" (Streamlit cuts them to one line), so do checkbox labels, and in trainer mode every
  read-only table is drawn 25 % larger (the editors keep their size). ``st.dataframe`` is a canvas grid whose font follows the
  app-wide theme only, so CSS cannot change its font size; it is zoomed instead (its box made
  narrower by the same factor, so the zoomed grid fills its column exactly; clicks, scrolling
  and tooltips keep working, checked in Chromium).
- :func:`money_metric` shows big money in a compact unit of the language (``306 triệu``,
  ``306 million``: the charts' own formatter, :func:`figures.axes.compact_text`) with the exact
  value in the card's tooltip; the tables below keep every digit.
- :func:`pinned` is the ``column_config`` that keeps a table's name columns in view while the
  numbers scroll.
"""
from __future__ import annotations

import streamlit as st

from figures.axes import compact_text
from ui import state
from ui.i18n import t
from views.format import fmt_num

#: KPI cards: the value and the label wrap at spaces (a word too long for the card breaks rather
#: than disappear behind "…"); narrow screens (a 1024 px projector) get a slightly smaller value.
#: Checkbox and toggle labels wrap too (Streamlit cuts them to one line: "A sub-target for one
#: scope (as in…" in a column at 1024 px).
METRIC_CSS = """
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: break-word;
}
[data-testid="stMetricValue"] { line-height: 1.15; }
@media (max-width: 1279px) { [data-testid="stMetricValue"] { font-size: 1.875rem; } }
[data-testid="stCheckbox"] [data-testid="stWidgetLabel"], [data-testid="stCheckbox"] [data-testid="stWidgetLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: break-word;
}
"""
#: how much larger tables are in trainer mode
TRAINER_TABLE_ZOOM = 1.25
#: (read-only tables only: an editor is a keyed widget, ``st-key-…``, and keeps its size for editing)
TRAINER_CSS = f"""
[data-testid="stElementContainer"]:not([class*="st-key-"]):has(> [data-testid="stFullScreenFrame"] > [data-testid="stDataFrame"]) {{
  zoom: {TRAINER_TABLE_ZOOM}; width: {100 / TRAINER_TABLE_ZOOM:.4f}% !important;
}}
"""


def stylesheet(trainer: bool) -> str:
    """The app's stylesheet (trainer mode adds the larger tables)."""
    return METRIC_CSS + (TRAINER_CSS if trainer else "")


def inject_style() -> None:
    """Add the stylesheet to the page (style only: Streamlit gives it no room in the layout)."""
    st.html(f"<style>{stylesheet(state.trainer())}</style>")


def money_metric(container, label: str, value, lang: str, currency: str, *, decimals: int = 0, **kwargs) -> None:
    """A KPI card for money: ``306 triệu`` / ``306 million`` (three significant digits in the
    language's compact unit, as on the charts' axes), the exact ``305.543.360 VND`` as its
    tooltip."""
    exact = f"{fmt_num(value, lang, decimals)} {currency}".strip()
    container.metric(label, compact_text(value, lang), help=t("layout.exact", lang, v=exact), **kwargs)


#: the longest KPI value written in full (``999.999,99``): a longer one is cut in two lines on a
#: 1024 px projector's four-card row, so it is written in the compact unit instead
METRIC_CHARS = 10


def quantity_metric(container, label: str, value, lang: str, decimals: int = 2, **kwargs) -> None:
    """A KPI card for a quantity (tCO2e, MWh): written in full (``3.299,33``) when it fits a card,
    else in the language's compact unit (``1,98 triệu`` / ``1.98 million``) with the exact value
    as its tooltip; a ``help`` given is kept after it."""
    exact = fmt_num(value, lang, decimals)
    shown = _shown(exact, value, lang)
    if shown != exact:
        note = t("layout.exact", lang, v=exact)
        kwargs["help"] = note + ("  \n" + kwargs["help"] if kwargs.get("help") else "")
    container.metric(label, shown, **kwargs)


def quantity_text(value, lang: str, decimals: int = 2) -> str:
    """What :func:`quantity_metric` writes on the card: the full number when it has at most
    :data:`METRIC_CHARS` characters, else the compact one."""
    return _shown(fmt_num(value, lang, decimals), value, lang)


def _shown(exact: str, value, lang: str) -> str:
    """``exact`` (``value`` as :func:`fmt_num` wrote it) when it fits a card, else compact."""
    return exact if len(exact) <= METRIC_CHARS else compact_text(value, lang)


def form_columns(count: int, per_row: int = 3, container=st) -> list:
    """``count`` columns for a form's fields in rows of at most ``per_row`` (a field keeps room
    for its label and value at 1024 px): fill them in order. A row's fields line up at the bottom,
    so a label on two lines does not push its box out of line."""
    columns = []
    while len(columns) < count:
        columns += container.columns(per_row, vertical_alignment="bottom")
    return columns[:count]


#: rows taller than 4 rem let Streamlit's grid wrap a cell's text (three lines of the message)
PROBLEM_ROW_HEIGHT = 72


def show_problems(container, table, **kwargs) -> None:
    """An upload's problems (``table`` with the message first): the message column wide and its
    text wrapped, so the "how to fix it" at its end is read, not cut off."""
    container.dataframe(table, hide_index=True, width="stretch", row_height=PROBLEM_ROW_HEIGHT,
                        column_config={table.columns[0]: st.column_config.TextColumn(width="large")}, **kwargs)


def pinned(*columns: str) -> dict:
    """``column_config`` pinning ``columns`` (a table's name columns) at the left."""
    return {c: st.column_config.Column(pinned=True) for c in columns}
