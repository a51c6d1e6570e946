"""Finding rows of a large table by what a person types.

Every word of the query must occur somewhere in the row (in any column, in any order); case and
Vietnamese marks are ignored, so "dien xuong 2" finds "Điện – Xưởng 2" and "lo hoi" finds
"Lò hơi". Each distinct value of a column is folded once, so a 100,000-row sheet with a few
thousand distinct names is searched in tens of milliseconds.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from views.format import map_distinct

_D = str.maketrans({"đ": "d", "Đ": "d"})  # đ has no decomposition: it is a letter of its own
#: the combining marks (Unicode 0300–036F): every Vietnamese tone and vowel mark once decomposed
_MARKS = re.compile("[\u0300-\u036f]")


def fold(text) -> str:
    """``text`` without case and marks: "Xưởng Điện" → "xuong dien"; "" for a missing value."""
    if text is None or (isinstance(text, float) and text != text) or text is pd.NA:
        return ""
    text = str(text)
    if text.isascii():  # most names in a large sheet: nothing to take off
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFD", text.translate(_D))).casefold()


def query_words(query: str | None) -> list[str]:
    """The folded words of a query (blank → none)."""
    return fold(query or "").split()


def matching_rows(frame: pd.DataFrame, query: str | None, columns: Iterable[str] | None = None,
                  labels: dict[str, Callable] | None = None) -> np.ndarray:
    """Positions (0-based, ascending) of the rows of ``frame`` that hold every word of ``query``.

    Parameters
    ----------
    frame : DataFrame
        The table as stored (keys, numbers, text).
    query : str
        What the user typed; blank matches every row.
    columns : iterable of str, optional
        Columns searched; by default the text columns (object or string dtype) and every column
        of ``labels``.
    labels : dict, optional
        Column → function giving what the screen shows for a stored value (e.g. a fuel key →
        its name in the user's language): the label is searched as well as the value.
    """
    words = query_words(query)
    if not words:
        return np.arange(len(frame))
    labels = labels or {}
    if columns is None:
        columns = [c for c in frame.columns
                   if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype) or c in labels]
    row_text = pd.Series("", index=range(len(frame)), dtype=object)
    for col in columns:
        label = labels.get(col)
        folded = map_distinct(frame[col], (lambda v, f=label: "" if v is None else fold(v) + " " + fold(f(v)))
                              if label else fold)
        row_text = row_text + " | " + pd.Series(folded, index=row_text.index, dtype=object)
    hit = np.ones(len(frame), dtype=bool)
    for word in words:
        hit &= row_text.str.contains(word, regex=False).to_numpy(dtype=bool)
    return np.flatnonzero(hit)
