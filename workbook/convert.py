"""Cell conversion shared by the sheets and the Variants sheet: names, headers and typed cells.

The lowest layer of reading: :mod:`workbook.read` (the sheets) and :mod:`workbook.variants` (the
Variants sheet's lines) both convert cells with these functions, so a value means the same
wherever it is typed. Nothing here imports :mod:`workbook.read` or :mod:`workbook.variants`
(import order: read → variants → convert).
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal

import numpy as np
import pandas as pd

from calc.factors import load_library
from workbook.formats import EXCEL_TEXT_LIMIT, CellError, PercentCell
from workbook.messages import problem
from workbook.model import INFO, WARNING, Problem, column_dtype
from workbook.names import (FUEL_COLUMNS, Encoded, canonical_list, encode, encoded_blank, fuel_index,
                            match_choices, match_fuels_encoded)
from workbook.schema import CHOICE, DATE, INTEGER, NUMBER, SHEETS, TEXT, Column, Sheet, clean, fold, norm

__all__ = ["HEADER_SCAN_ROWS", "sheet_lookup", "header_key", "column_lookup", "fuel_lookup", "is_blank",
           "as_typed", "cell_text", "blank_mask", "convert_column", "find_header", "locate_columns",
           "grid_columns", "convert_table"]

HEADER_SCAN_ROWS = 30


def _with_folded(names: list[tuple[str, str]]) -> dict[str, str]:
    """Normalised name → key, plus each name without accents and punctuation (:func:`fold`,
    prefixed ``~``) where that still names one key only."""
    out: dict[str, str] = {}
    folded: dict[str, set] = {}
    for name, key in names:
        out.setdefault(norm(name), key)
        f = fold(name)
        if f:
            folded.setdefault(f, set()).add(key)
    for f, keys in folded.items():
        if len(keys) == 1:
            out.setdefault("~" + f, next(iter(keys)))
    return out


def sheet_lookup(sheets=SHEETS) -> dict[str, str]:
    """Every accepted name (key, either language, aliases; normalised, and without accents) of
    ``sheets`` → its key; look names up with :func:`header_key`."""
    return _with_folded([(name, key) for key, sheet in sheets.items()
                         for name in (key, sheet.en, sheet.vi, *sheet.aliases)])


_UNIT_SUFFIX = re.compile(r"\s*[\[(][^\])]*[\])]\s*$")


def header_key(text, lookup: dict[str, str]) -> str | None:
    """Canonical key of a header or sheet name in a :func:`column_lookup` / :func:`sheet_lookup`:
    after Unicode normalisation with invisible characters removed, case-insensitive, ignoring a
    trailing unit in brackets ("Quantity [kWh]"), else without accents ("Luong tieu thu")."""
    if not isinstance(text, str):
        return None
    text = clean(text)
    bare = _UNIT_SUFFIX.sub("", text)
    for name in (text, bare):
        key = lookup.get(norm(name))
        if key is not None:
            return key
    for name in (text, bare):
        f = fold(name)
        if f and "~" + f in lookup:
            return lookup["~" + f]
    return None


def column_lookup(sheet: Sheet) -> dict[str, str]:
    """Every accepted header of a sheet's columns (see :func:`sheet_lookup`) → its key."""
    return _with_folded([(name, col.key) for col in sheet.columns
                         for name in (col.key, col.en, col.vi, *col.aliases)])


def fuel_lookup() -> dict[str, str]:
    """Normalised spelling (key, labels, synonyms) → fuel key, for the spellings that name one
    fuel only (matching with notes and ambiguity is :func:`workbook.names.match_fuels`)."""
    return {n: keys[0] for n, keys in fuel_index().exact.items() if len(keys) == 1}


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_typed(value) -> str:
    """A cell value as the user typed it, for messages."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- cell conversion ----------------------------------------------------------------------------
def blank_mask(values: np.ndarray) -> np.ndarray:
    """True where a cell is empty (None, '' or only spaces).

    Decided once per distinct value (:func:`workbook.names.encode`): a column of 100,000 cells
    has a few hundred distinct values, so this visits those, not every cell.
    """
    if not len(values):
        return np.zeros(0, dtype=bool)
    return encoded_blank(encode(values))


#: Column types whose conversion works per distinct value (:func:`workbook.names.encode`).
ENCODED_TYPES = (TEXT, CHOICE)


def convert_column(values: np.ndarray, column: Column, sheet_key: str, rows: list[int],
                   problems: list[Problem], blank: np.ndarray | None = None,
                   encoded: Encoded | None = None) -> np.ndarray | list:
    """Convert one column's raw cell values to the column's type, appending problems.

    Works column-wise: type masks and range checks are vectorised, and only the cells with a
    problem are visited one by one. Blank cells become missing (NaN, NA or None). Numbers must
    be numeric cells (bool and text are problems); integers must be whole; choices are matched by
    key or label in either language.

    ``blank`` and ``encoded`` (the cells' :func:`workbook.names.encode`, used by text and choice
    columns) are computed here when not given.

    Returns
    -------
    ndarray of float (number), pandas Int64 array (integer and integer choices), or list.
    """
    values = np.asarray(values, dtype=object)
    n = len(values)
    if encoded is None and column.dtype in ENCODED_TYPES:
        encoded = encode(values)
    if blank is None:
        blank = blank_mask(values) if encoded is None else encoded_blank(encoded)
    key = column.key
    if column.dtype in (NUMBER, INTEGER):
        numeric = np.fromiter(((v.__class__ is float or v.__class__ is int) for v in values),
                              dtype=bool, count=n)
        out = np.full(n, np.nan)
        if numeric.any():
            out[numeric] = values[numeric].astype(float)
        bad = ~numeric & ~blank
        percent = []
        for i in np.flatnonzero(bad):
            v = values[i]
            if v.__class__ is PercentCell:  # a number the cell shows as a percentage
                percent.append(i)
            elif v.__class__ is CellError:
                _error_value(v, sheet_key, rows[i], key, problems)
            else:
                problems.append(problem("cell.not_a_number", sheet_key, rows[i], key, value=_short(as_typed(v))))
        if percent:
            _percent_cells(out, values, percent, column, sheet_key, rows, problems)
            numeric[percent] = True
        huge = numeric & ~np.isfinite(out)  # beyond the range of a float, e.g. 1E+309
        for i in np.flatnonzero(huge):
            problems.append(problem("cell.out_of_range", sheet_key, rows[i], key, value=as_typed(values[i]),
                                    min=as_typed(float(column.min or 0)), max="1E+307"))
        out[huge] = np.nan
        if column.dtype == INTEGER:
            frac = numeric & np.isfinite(out) & (out != np.floor(out))
            for i in np.flatnonzero(frac):
                problems.append(problem("cell.not_integer", sheet_key, rows[i], key, value=as_typed(values[i])))
            out[frac] = np.nan
        _check_range(out, column, sheet_key, rows, problems)
        if column.dtype == INTEGER:
            return pd.array(out, dtype="Int64")
        return out
    if column.dtype == CHOICE:  # by key, label, synonym or without accents (workbook.names)
        blank = _unreadable_cells(values, blank, sheet_key, rows, key, problems, encoded)
        return match_choices(values, blank, column, sheet_key, rows, problems, encoded)
    if column.dtype == DATE:
        out = [None] * n
        for i in np.flatnonzero(~blank):
            v = values[i]
            if v.__class__ is CellError:
                _error_value(v, sheet_key, rows[i], key, problems)
                continue
            if isinstance(v, dt.time):  # calamine's reading of a date serial below 1 (before 1900)
                problems.append(problem("cell.date_before_1900", sheet_key, rows[i], key, value=v.isoformat()))
                continue
            if not isinstance(v, (dt.date, dt.datetime)):
                text = str(v).strip()
                try:
                    v = dt.date.fromisoformat(text[:40])
                except ValueError:
                    problems.append(problem("cell.not_a_date", sheet_key, rows[i], key, value=_short(as_typed(v))))
                    continue
            if v.year < 1900:
                problems.append(problem("cell.date_before_1900", sheet_key, rows[i], key, value=v.isoformat()))
                continue
            out[i] = pd.Timestamp(v)
        return out
    odd: list[int] = []  # cells that are not plain text: numbers (kept as typed), errors, too long

    # once per distinct value (workbook.names.encode), then spread back to the cells
    codes, uniques = encoded
    plain = [v.__class__ is str and len(v) < EXCEL_TEXT_LIMIT for v in uniques]
    shown = np.array([v.strip() if ok else (None if v.__class__ is str else cell_text(v))
                      for v, ok in zip(uniques, plain)] + [None], dtype=object)
    out = shown[np.where(blank | (codes < 0), len(uniques), codes)].tolist()
    odd_codes = [k for k, ok in enumerate(plain) if not ok]
    odd.extend(np.flatnonzero(np.isin(codes, odd_codes) & ~blank).tolist() if odd_codes else [])
    for i in odd:
        v = values[i]
        if v.__class__ is CellError:
            _error_value(v, sheet_key, rows[i], key, problems)
            out[i] = None
        elif v.__class__ is str:
            problems.append(problem("cell.text_too_long", sheet_key, rows[i], key, length=f"{len(v):,}"))
    if column.several:  # names of several choices, as their keys (workbook.names)
        out = [canonical_list(v, column) for v in out]
    return out


def _short(text: str, limit: int = 60) -> str:
    """A cell's text for a message, cut to ``limit`` characters."""
    return text if len(text) <= limit else text[:limit] + "…"


def _error_value(cell: CellError, sheet_key: str, row: int, key: str, problems: list[Problem]) -> None:
    """An Excel error value (#N/A, #DIV/0!, ...) where a value is read: a located error."""
    cell.reported = True
    problems.append(problem("cell.error_value", sheet_key, row, key, value=cell.code))


def _unreadable_cells(values: np.ndarray, blank: np.ndarray, sheet_key: str, rows: list[int], key: str,
                      problems: list[Problem], encoded: Encoded | None = None) -> np.ndarray:
    """Report a choice column's error values and too-long texts; returns ``blank`` with them set
    (so the choice matching never sees them). ``encoded``: the cells' encoding (made when not given)."""
    codes, uniques = encode(values) if encoded is None else encoded
    odd = np.fromiter((v.__class__ is CellError or (v.__class__ is str and len(v) >= EXCEL_TEXT_LIMIT)
                       for v in uniques), dtype=bool, count=len(uniques))
    if not odd.any():
        return blank
    cells = np.flatnonzero(np.append(odd, False)[np.where(codes < 0, len(uniques), codes)] & ~blank)
    if not len(cells):
        return blank
    blank = blank.copy()
    for i in cells.tolist():
        v = values[i]
        if v.__class__ is CellError:
            _error_value(v, sheet_key, rows[i], key, problems)
        else:
            problems.append(problem("cell.text_too_long", sheet_key, rows[i], key, length=f"{len(v):,}"))
        blank[i] = True
    return blank


def _percent_cells(out: np.ndarray, values: np.ndarray, idx: list[int], column: Column, sheet_key: str,
                   rows: list[int], problems: list[Problem]) -> None:
    """Numbers of cells formatted as percentages (0.3 shown as 30 %): in a column whose unit is
    % or %/yr they are converted to it (×100, exact in decimal) with one note for the column;
    elsewhere the stored value is kept and each cell is flagged (the display disagrees with it)."""
    shown = [float(Decimal(repr(float(values[i]))) * 100) for i in idx]
    if column.unit in ("%", "%/yr"):
        for i, value in zip(idx, shown):
            out[i] = value
        problems.append(problem("cell.percent_converted", sheet_key, rows[idx[0]], column.key, INFO,
                                count=len(idx), stored=as_typed(float(values[idx[0]])),
                                shown=as_typed(shown[0])))
        return
    for i, value in zip(idx, shown):
        out[i] = float(values[i])
        problems.append(problem("cell.percent_format", sheet_key, rows[i], column.key, WARNING,
                                stored=as_typed(float(values[i])), shown=as_typed(value)))


def cell_text(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return as_typed(value).strip()


def _check_range(out: np.ndarray, column: Column, sheet_key: str, rows: list[int],
                 problems: list[Problem]) -> None:
    """Flag (and blank) numbers outside the column's bounds."""
    if column.min is None and column.max is None:
        return
    lo = -np.inf if column.min is None else column.min
    hi = np.inf if column.max is None else column.max
    with np.errstate(invalid="ignore"):
        outside = ~np.isnan(out) & ((out < lo) | (out > hi))
    for i in np.flatnonzero(outside):
        v = out[i]
        code = "cell.negative" if v < 0 and lo == 0 else "cell.out_of_range"
        problems.append(problem(code, sheet_key, rows[i], column.key, value=as_typed(float(v)),
                                min=as_typed(float(lo)), max=as_typed(float(hi)) if np.isfinite(hi) else "∞"))
    out[outside] = np.nan


# -- sheet parsing ------------------------------------------------------------------------------
def find_header(grid: list[list], lookup: dict[str, str]) -> int | None:
    best, best_hits = None, 0
    for r, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        hits = len({k for k in (header_key(v, lookup) for v in row) if k is not None})
        if hits > best_hits:
            best, best_hits = r, hits
    return best if best_hits >= 1 else None


def locate_columns(sheet: Sheet, grid: list[list], problems: list[Problem]) -> tuple[int, dict[str, int]] | None:
    """Find a table sheet's header row and the grid position of each known column.

    Reports a missing header, unknown, duplicate and missing required columns. Returns the header's
    grid index (0 = Excel row 1) and canonical key → column index, or None without a header.
    """
    lookup = column_lookup(sheet)
    header = find_header(grid, lookup)
    if header is None:
        expected = ", ".join(f"'{c.vi}'/'{c.en}'" for c in sheet.columns if c.required) or sheet.columns[0].en
        problems.append(problem("header.not_found", sheet.key, None, None, expected=expected))
        return None
    positions: dict[str, int] = {}
    for j, v in enumerate(grid[header]):
        if is_blank(v):
            continue
        key = header_key(v, lookup)
        if key is None:
            problems.append(problem("column.unknown", sheet.key, header + 1, None, INFO, header=as_typed(v)))
        elif key in positions:
            problems.append(problem("column.duplicate", sheet.key, header + 1, key, WARNING, header=as_typed(v)))
        else:
            positions[key] = j
    for col in sheet.columns:
        if col.required and col.key not in positions:
            problems.append(problem("column.missing", sheet.key, header + 1, col.key))
    return header, positions


def grid_columns(grid: list[list], positions: dict[str, int], first: int) -> dict[str, np.ndarray]:
    """The raw cells of each located column from grid row ``first`` on (short rows padded)."""
    body = grid[first:]
    if not body or not positions:
        return {key: np.empty(0, dtype=object) for key in positions}
    widths = set(map(len, body))
    width = max(max(widths), max(positions.values()) + 1)
    if widths != {width}:
        body = [r if len(r) == width else list(r) + [None] * (width - len(r)) for r in body]
    # one flat array of every cell (a C loop), then each column a strided copy
    cells = np.fromiter(itertools.chain.from_iterable(body), dtype=object, count=len(body) * width)
    cells = cells.reshape(len(body), width)
    return {key: cells[:, j].copy() for key, j in positions.items()}


def convert_table(sheet: Sheet, raw_cols: dict[str, np.ndarray], rows: dict[str, list[int]],
                  problems: list[Problem], blanks: dict[str, np.ndarray] | None = None,
                  encoded: dict[str, Encoded] | None = None) -> pd.DataFrame:
    """Typed DataFrame of a table from its raw cells, one array per column (records already chosen).

    The one conversion of table cells, used by the sheets and by the Variants sheet: fuel names
    become library keys, every cell is converted and range-checked by :func:`convert_column`, and
    a blank cell of a required column is a ``cell.required`` problem. ``rows`` gives, per column,
    the Excel row to report for each record's cell; a column missing from ``raw_cols`` is empty.
    ``blanks`` and ``encoded`` (per column; see :func:`convert_column`) are computed when not given.
    """
    n = len(next(iter(raw_cols.values()))) if raw_cols else 0
    data = {}
    for col in sheet.columns:
        if col.key not in raw_cols:
            data[col.key] = pd.Series([None] * n, dtype=column_dtype(col))
            continue
        raw = raw_cols[col.key]
        coded = encoded.get(col.key) if encoded else None
        if coded is None and col.dtype in ENCODED_TYPES:
            coded = encode(raw)
        blank = blanks[col.key] if blanks is not None else (
            blank_mask(raw) if coded is None else encoded_blank(coded))
        col_rows = rows[col.key]
        if col.key in FUEL_COLUMNS:  # library names and synonyms → keys (workbook.names)
            raw, coded = match_fuels_encoded(raw, col, sheet.key, col_rows, problems, coded)
            blank = encoded_blank(coded)  # an ambiguous name is left empty
        values = convert_column(raw, col, sheet.key, col_rows, problems, blank, coded)
        data[col.key] = pd.Series(values, dtype=column_dtype(col))
        if col.required:
            for i in np.flatnonzero(blank):
                problems.append(problem("cell.required", sheet.key, col_rows[i], col.key))
    return pd.DataFrame(data)
