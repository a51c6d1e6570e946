"""Large tables in pages of rows, with a search: a sheet of 100,000 rows is never formatted, sent
or drawn whole (the full table stays in the downloads).

A table longer than :data:`PAGE_ROWS` gets a search field (every word, any order, case and
Vietnamese marks ignored: :mod:`views.search`) and a page number above it; the page shows one
page of the rows found. Both are kept per table among the page settings (:mod:`ui.settings`, not
in the widgets, which Streamlit forgets on another page), so they survive a language switch, a
page switch and a restored session. A shorter table shows every row and no controls.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from ui import settings
from ui.i18n import t
from views.format import fmt_num
from views.search import matching_rows, query_words

#: rows of a table shown at once (more are paged)
PAGE_ROWS = 1000


@dataclass(frozen=True)
class TableView:
    """Which rows of a table are shown.

    ``positions``: the rows' positions in the whole table (ascending), or None for every row;
    ``suffix``: what tells this view apart in a widget key ("" for every row), so that an
    editor of another page or search starts afresh instead of applying its change to other rows.
    """

    positions: np.ndarray | None
    suffix: str = ""

    def rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The shown rows of ``frame`` (the same object when every row is shown)."""
        return frame if self.positions is None else frame.iloc[self.positions]


def page_count(n_rows: int, page_rows: int = PAGE_ROWS) -> int:
    """Pages needed for ``n_rows`` rows (at least 1)."""
    return max(1, -(-int(n_rows) // int(page_rows)))


def page_slice(found: np.ndarray, page: int, page_rows: int = PAGE_ROWS) -> np.ndarray:
    """The ``page``-th (1-based) page of the rows ``found`` (a page past the end: the last)."""
    page = min(max(int(page), 1), page_count(len(found), page_rows))
    return found[(page - 1) * page_rows: page * page_rows]


def table_view(frame: pd.DataFrame, name: str, lang: str, *, labels: dict[str, Callable] | None = None,
               columns=None, page_rows: int = PAGE_ROWS, container=None, note: str | None = None) -> TableView:
    """Draw the search and page controls of ``frame`` when it is longer than ``page_rows`` and
    return the rows to show.

    ``name`` names the table's search and page (:func:`widget_key`); ``labels`` and
    ``columns`` are passed to :func:`views.search.matching_rows` (what the screen shows for a
    stored key is searched too); ``note`` is a line added under the controls (e.g. where an
    editor puts new rows).
    """
    if len(frame) <= page_rows:
        return TableView(None)
    box = container if container is not None else st
    c1, c2 = box.columns([3, 1], vertical_alignment="bottom")
    kept = _kept(name)
    query = c1.text_input(t("page.find", lang), key=_seed(name, "find", kept.get("find") or ""),
                          help=t("page.find_help", lang), placeholder=t("page.find_placeholder", lang),
                          on_change=_changed, args=(name, "find"))
    words = query_words(query)
    found = matching_rows(frame, query, columns=columns, labels=labels)
    pages = page_count(len(found), page_rows)
    page = kept.get("page") if isinstance(kept.get("page"), int) else 1
    page = min(max(page, 1), pages)
    page = int(c2.number_input(t("page.page", lang, pages=fmt_num(pages, lang, 0)), min_value=1, max_value=pages,
                               step=1, key=_seed(name, "page", page), on_change=_changed, args=(name, "page")))
    shown = page_slice(found, page, page_rows)
    n = fmt_num(len(frame), lang, 0)
    if not len(shown):
        text = t("page.none", lang, q=query.strip(), n=n)
    elif words:
        text = t("page.found", lang, k=fmt_num(len(found), lang, 0), n=n)
    else:
        text = t("page.rows", lang, first=fmt_num(shown[0] + 1, lang, 0), last=fmt_num(shown[-1] + 1, lang, 0), n=n)
    box.caption(text + (" " + note if note else ""))
    search = f"_q{zlib.crc32(' '.join(words).encode('utf-8')):08x}" if words else ""
    return TableView(shown, f"_p{page}{search}")


#: row problems listed one per line; more are shown as a table, a page at a time, with a search
PROBLEM_LINES = 20


def row_problems(problems: list, lang: str, name: str, title: str) -> None:
    """The rows of a sheet that cannot be computed, in a bordered box under its editor: a warning
    ``title``, then each row's problem ("Row 12: …"), or, when there are more than
    :data:`PROBLEM_LINES`, a table of them (a pasted column of blanks gives thousands)."""
    if not problems:
        return
    with st.container(border=True):
        st.warning(title, icon="⚠️")
        if len(problems) <= PROBLEM_LINES:
            for p in problems:
                st.markdown("- " + t("inv.row_problem", lang, row=p.row, msg=p.message(lang)))
            return
        frame = pd.DataFrame({t("problems.row", lang): ["" if p.row is None else str(p.row) for p in problems],
                              t("problems.message", lang): [p.message(lang) for p in problems]})
        view = table_view(frame, name, lang)
        st.dataframe(view.rows(frame), hide_index=True, width="stretch", key=f"{name}_table",
                     column_config={frame.columns[1]: st.column_config.TextColumn(width="large")})


# -- what each table's search and page are, kept outside the widgets ----------------------------
def setting_name(name: str) -> str:
    """The page setting (:mod:`ui.settings`) that keeps a table's ``{"find": str, "page": int}``."""
    return f"table.{name}"


def _kept(name: str) -> dict:
    kept = settings.value(setting_name(name))
    return dict(kept) if isinstance(kept, dict) else {}


def widget_key(name: str, what: str) -> str:
    """The widget key of a table's search (``what="find"``) or page number (``"page"``)."""
    return f"table_view.{name}.{what}"


def _seed(name: str, what: str, value) -> str:
    k = widget_key(name, what)
    if st.session_state.get(k) != value:
        st.session_state[k] = value
    return k


def _changed(name: str, what: str) -> None:
    kept = _kept(name)
    value = st.session_state[widget_key(name, what)]
    if what == "find":  # a new search starts on its first page
        kept["find"], kept["page"] = value or "", 1
    else:
        kept["page"] = int(value)
    settings.remember(setting_name(name), kept)
