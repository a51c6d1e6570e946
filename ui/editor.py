"""The scenario's tables as editors: a ``st.data_editor`` whose change becomes part of the scenario
before the script runs (so everything above and below it is right in that one run), numbers typed
the app language's way (:mod:`ui.numbers`), long tables a page or a search at a time
(:mod:`ui.paging`).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import state
from ui.i18n import t
from ui.numbers import read_delta, show_refused, text_columns
from ui.paging import table_view

EDITOR_RESETS_KEY = "editor_resets"  # editor prefix → how many times a refusal started it afresh
EDITOR_REFUSED_KEY = "editor_refused"  # editor prefix → the messages of the values just refused


def _refusals() -> dict:
    return st.session_state.setdefault(EDITOR_REFUSED_KEY, {})


def apply_editor_delta(table: pd.DataFrame, delta: dict | None) -> pd.DataFrame:
    """A table with a ``st.data_editor`` change applied: ``edited_rows`` ({position: {column:
    value}}), ``deleted_rows`` (positions) and ``added_rows`` ([{column: value}]), as the editor
    keeps them in the session under its key. Values are left as the editor gives them (the
    page's converter sets the dtypes)."""
    delta = delta or {}
    out = table.reset_index(drop=True).astype(object)
    for pos, changes in (delta.get("edited_rows") or {}).items():
        for col, value in changes.items():
            if col in out.columns and int(pos) < len(out):
                out.iat[int(pos), out.columns.get_loc(col)] = value
    deleted = sorted({int(p) for p in delta.get("deleted_rows") or []})
    if deleted:
        out = out.drop(index=[p for p in deleted if p < len(out)]).reset_index(drop=True)
    added = [{c: r.get(c) for c in out.columns} for r in delta.get("added_rows") or []]
    if added:
        out = pd.concat([out, pd.DataFrame(added, columns=out.columns, dtype=object)], ignore_index=True)
    return out


def delta_to_table(delta: dict | None, positions) -> dict:
    """An editor's change made on some rows of a table (a page, or the rows a search found) as a
    change of the whole table: edited and deleted rows' positions become the table's positions
    (``positions[i]`` for the editor's row ``i``; rows beyond them are dropped); added rows stay
    added (at the end of the table)."""
    delta = dict(delta or {})
    if positions is None:
        return delta
    where = [int(p) for p in positions]

    def table_pos(p):
        p = int(p)
        return where[p] if 0 <= p < len(where) else None

    edited = {table_pos(p): changes for p, changes in (delta.get("edited_rows") or {}).items()}
    deleted = [table_pos(p) for p in delta.get("deleted_rows") or []]
    return {**delta, "edited_rows": {p: c for p, c in edited.items() if p is not None},
            "deleted_rows": [p for p in deleted if p is not None]}


def _apply_editor(sheet: str, key: str, convert, shown: pd.DataFrame, numbers=(), prefix: str | None = None,
                  positions=None) -> bool:
    """on_change of a table editor: the edit becomes part of the scenario before the script runs,
    so everything the page shows above and below the editor is right in that one run.

    ``shown`` is the whole table as the editor started (numbers as numbers) and ``positions`` the
    rows the editor showed (None: all, see :func:`delta_to_table`); ``numbers`` the number
    columns the editor shows as text (:func:`ui.numbers.text_columns`): what was typed in them is
    read the app language's way, and a value that cannot be read is refused (the cell keeps its
    value, the editor starts afresh and says why). True when something was refused."""
    delta, refused = read_delta(delta_to_table(st.session_state.get(key), positions), numbers, shown, state.lang())
    if refused and prefix is not None:
        _refusals()[prefix] = refused
        resets = st.session_state.setdefault(EDITOR_RESETS_KEY, {})
        resets[prefix] = resets.get(prefix, 0) + 1
    dtypes = state.scenario().table(sheet).dtypes
    state.replace_table_if_changed(sheet, convert(apply_editor_delta(shown, delta), dtypes))
    return bool(refused)


def _pending(delta) -> bool:
    return bool(delta) and any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def table_editor(sheet: str, prefix: str, convert, data: pd.DataFrame | None = None, *,
                 search_labels: dict | None = None, **kwargs):
    """An editable table of the scenario's ``sheet``, applied by :func:`_apply_editor`.

    ``convert(frame, dtypes)`` gives the edited table the sheet's dtypes; ``data`` is what the
    editor shows when it is not the sheet itself (e.g. defaults for an empty sheet). The key
    carries the scenario's version: after an edit (or any replacement of the scenario) the editor
    starts from the new table with no pending change. A change whose callback did not run (a
    test driver that sets the editor's state directly) is applied after the editor, with one
    rerun; in the browser the callback has always run first and the new key has no change.

    Number columns are shown as text written the app language's way, whatever the browser's
    locale (:mod:`ui.numbers`); a refused value starts the editor afresh (its key gets ``_r<n>``)
    and the reason is shown under the table.

    A table longer than :data:`ui.paging.PAGE_ROWS` is edited a page at a time, with a search
    (``search_labels``: column → what the screen shows for a stored key, searched too); the key
    then also names the page and search, and a change is applied to the rows that were shown.
    """
    resets = (st.session_state.get(EDITOR_RESETS_KEY) or {}).get(prefix, 0)
    frame = state.scenario().table(sheet) if data is None else data
    note = t("page.added_at_end", state.lang()) if kwargs.get("num_rows") == "dynamic" else None
    view = table_view(frame, prefix, state.lang(), labels=search_labels, note=note)
    key = f"{prefix}_{state.version()}" + view.suffix + (f"_r{resets}" if resets else "")
    rows = frame if view.positions is None else view.rows(frame).reset_index(drop=True)
    shown, config, numbers = text_columns(rows, kwargs.pop("column_config", None), state.lang())
    out = st.data_editor(shown, key=key, on_change=_apply_editor, column_config=config,
                         args=(sheet, key, convert, frame, numbers, prefix, view.positions), **kwargs)
    if _pending(st.session_state.get(key)):
        before = state.version()
        refused = _apply_editor(sheet, key, convert, frame, numbers, prefix, view.positions)
        if state.version() != before or refused:
            st.rerun()
    show_refused(_refusals().pop(prefix, []), state.lang())
    return out
