"""Number entry in the app's language, whatever the browser's locale (Streamlit glue of
:mod:`views.numbers`).

An editable table's number columns are shown as text columns written the app language's way
(``2.300.000``, ``0,03`` in Vietnamese), because ``st.data_editor``'s number columns follow the
browser's locale; what a user types is read back with :func:`views.numbers.read_number`. A text
that is not a number the app's way is refused with its reason (column, row, what is wrong, what
to write instead) and the cell keeps its previous value.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui.i18n import t
from views.format import map_distinct
from views.numbers import NumberError, format_number, read_number

NUMERIC_KINDS = "iuf"  # numpy kinds of number columns (Int64 and float64 sheets' columns)
#: the row number of a table's first row in messages: its Excel row, as the row problems listed
#: under the editors and the downloaded workbook number it
FIRST_ROW = 2


@dataclass(frozen=True)
class NumberColumn:
    """How one number column of an editor is shown and read."""

    column: str
    label: str
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    grouping: bool = True
    percent_unit: bool = False


def reason(err: NumberError, lang: str) -> str:
    """Why a typed text was refused, in the user's language, with what to write instead."""
    text = t(f"num.err.{err.code}", lang, text=err.text, **err.values)
    if err.suggestion:
        text += " " + t("num.did_you_mean", lang, suggestion=err.suggestion)
    return text


def _is_number_config(config) -> bool:
    return isinstance(config, dict) and (config.get("type_config") or {}).get("type") == "number"


def text_columns(frame: pd.DataFrame, column_config: dict | None, lang: str):
    """``frame`` with its number columns as text written the ``lang`` way, the column config with
    those columns as right-aligned text columns (label, help, required, width kept), and how to
    read each back (:class:`NumberColumn`). Number columns configured as something else (e.g. a
    select box of scopes 1, 2, 3) are left alone."""
    config = dict(column_config or {})
    shown, specs = frame.copy(), []
    for col in frame.columns:
        if frame[col].dtype.kind not in NUMERIC_KINDS or (col in config and config[col] is None):
            continue  # not a number, or a hidden column
        given = config.get(col)
        if given is not None and not isinstance(given, str) and not _is_number_config(given):
            continue
        if isinstance(given, dict) and given.get("disabled"):
            continue
        base = given if isinstance(given, dict) else {"label": given if isinstance(given, str) else None}
        numbers = (base.get("type_config") or {}) if isinstance(given, dict) else {}
        fmt = str(numbers.get("format") or "")
        integer = frame[col].dtype.kind in "iu" or fmt in ("%d", "%i")
        label = base.get("label") or str(col)
        spec = NumberColumn(column=col, label=label, minimum=numbers.get("min_value"),
                            maximum=numbers.get("max_value"), integer=integer,
                            grouping=not (fmt in ("%d", "%i") or str(col).endswith("year")),
                            percent_unit=str(col).endswith("_pct") or "[%]" in label)
        specs.append(spec)
        values = frame[col].astype("float64").to_numpy()  # NA → NaN → a blank cell
        shown[col] = pd.Series(map_distinct(values, lambda v, g=spec.grouping: format_number(v, lang, grouping=g) or None),
                               index=frame.index, dtype=object)  # each distinct value written once
        config[col] = {**{k: v for k, v in base.items() if k != "type_config"}, "label": label,
                       "alignment": base.get("alignment") or "right",
                       "type_config": {"type": "text", "max_chars": None, "validate": None}}
    return shown, config, tuple(specs)


def read_delta(delta: dict | None, specs, frame: pd.DataFrame, lang: str) -> tuple[dict, list[str]]:
    """A data editor's change with every typed number read the ``lang`` way, and the messages of
    the values refused (a refused edit is dropped: the cell keeps its value; a refused cell of a
    new row stays blank)."""
    delta = dict(delta or {})
    by_col = {s.column: s for s in specs}
    refused: list[str] = []

    def read(spec: NumberColumn, value, row: int):
        try:
            return True, read_number(value, lang, minimum=spec.minimum, maximum=spec.maximum,
                                     integer=spec.integer, percent_unit=spec.percent_unit)
        except NumberError as err:
            refused.append(t("num.refused_cell", lang, column=spec.label, row=row, reason=reason(err, lang)))
            return False, None

    edited = {}
    for pos, changes in (delta.get("edited_rows") or {}).items():
        kept = {}
        for col, value in (changes or {}).items():
            if col in by_col:
                ok, number = read(by_col[col], value, int(pos) + FIRST_ROW)
                if ok:
                    kept[col] = number
            else:
                kept[col] = value
        if kept:
            edited[pos] = kept
    added = []
    for i, row in enumerate(delta.get("added_rows") or []):
        new = {}
        for col, value in (row or {}).items():
            new[col] = read(by_col[col], value, len(frame) + i + FIRST_ROW)[1] if col in by_col else value
        added.append(new)
    return {**delta, "edited_rows": edited, "added_rows": added}, refused


def show_refused(messages: list[str], lang: str) -> None:
    """The values just refused, each with its column, row and reason."""
    if messages:
        st.warning(t("num.refused_title", lang) + "\n\n" + "\n".join(f"- {m}" for m in messages), icon="⚠️")
