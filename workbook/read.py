"""Read a scenario workbook (bytes or a path) into a :class:`Scenario` and a problem list.

The reader never raises on bad input: every problem (file, sheet, header, cell) becomes a
:class:`~workbook.model.Problem` with the Excel row, the canonical column key, what is wrong and
how to fix it, in English and Vietnamese, all collected in one pass. Cells are read with
python-calamine (about 7× faster than openpyxl on large sheets, see ``bench/``); values are
taken as Excel stored them: a number typed as text ("1,5", "1.385") in a number column is a
problem, never a guess. A Variants sheet's named variants are read by :mod:`workbook.variants`
with the same cell conversion (:func:`convert_table`), their problems reported on that sheet.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import python_calamine

from calc.factors import load_library
from workbook.messages import problem
from workbook.model import ERROR, INFO, WARNING, Problem, ReadResult, Scenario, column_dtype, empty_table
from workbook.safety import MAX_FILE_BYTES, check_xlsx_bytes, size_problem
from workbook.schema import (CHOICE, DATE, INTEGER, NUMBER, README_SHEET, SHEETS, TEXT, VARIANTS,
                             WORKBOOK_SHEETS, Column, Sheet, choice_lookup, norm)
from workbook.validate import validate_scenario

HEADER_SCAN_ROWS = 30
#: Cross-cell codes that only restate a cell error already reported on the same row.
CONSEQUENCES = {"activity.incomplete", "cell.required", "target.no_reduction"}


def _sheet_lookup(sheets=SHEETS) -> dict[str, str]:
    """Every accepted name (key, either language, aliases; normalised) of ``sheets`` → its key."""
    out = {}
    for key, sheet in sheets.items():
        for name in (key, sheet.en, sheet.vi, *sheet.aliases):
            out.setdefault(norm(name), key)
    return out


_UNIT_SUFFIX = re.compile(r"\s*[\[(][^\])]*[\])]\s*$")


def _header_key(text, lookup: dict[str, str]) -> str | None:
    """Canonical column key of a header, ignoring a trailing unit in brackets ("Quantity [kWh]")."""
    if not isinstance(text, str):
        return None
    key = lookup.get(norm(text))
    if key is None:
        key = lookup.get(norm(_UNIT_SUFFIX.sub("", text)))
    return key


def _column_lookup(sheet: Sheet) -> dict[str, str]:
    out = {}
    for col in sheet.columns:
        for name in (col.key, col.en, col.vi, *col.aliases):
            out.setdefault(norm(name), col.key)
    return out


def _fuel_lookup() -> dict[str, str]:
    fuels = load_library().fuels
    out = {}
    for key, en, vi in zip(fuels.index, fuels["name_en"], fuels["name_vi"]):
        for name in (key, en, vi):
            out.setdefault(norm(name), key)
    return out


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _show(value) -> str:
    """A cell value as the user typed it, for messages."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- cell conversion ----------------------------------------------------------------------------
def blank_mask(values: np.ndarray) -> np.ndarray:
    """True where a cell is empty (None, '' or only spaces)."""
    return np.fromiter((v is None or (v.__class__ is str and not v.strip()) for v in values),
                       dtype=bool, count=len(values))


def convert_column(values: np.ndarray, column: Column, sheet_key: str, rows: list[int],
                   problems: list[Problem], blank: np.ndarray | None = None) -> np.ndarray | list:
    """Convert one column's raw cell values to the column's type, appending problems.

    Works column-wise: type masks and range checks are vectorised, and only the cells with a
    problem are visited one by one. Blank cells become missing (NaN, NA or None). Numbers must
    be numeric cells (bool and text are problems); integers must be whole; choices are matched by
    key or label in either language.

    Returns
    -------
    ndarray of float (number), pandas Int64 array (integer and integer choices), or list.
    """
    values = np.asarray(values, dtype=object)
    n = len(values)
    blank = blank_mask(values) if blank is None else blank
    key = column.key
    if column.dtype in (NUMBER, INTEGER):
        numeric = np.fromiter(((v.__class__ is float or v.__class__ is int) for v in values),
                              dtype=bool, count=n)
        out = np.full(n, np.nan)
        if numeric.any():
            out[numeric] = values[numeric].astype(float)
        bad = ~numeric & ~blank
        for i in np.flatnonzero(bad):
            problems.append(problem("cell.not_a_number", sheet_key, rows[i], key, value=_show(values[i])))
        huge = numeric & ~np.isfinite(out)  # beyond the range of a float, e.g. 1E+309
        for i in np.flatnonzero(huge):
            problems.append(problem("cell.out_of_range", sheet_key, rows[i], key, value=_show(values[i]),
                                    min=_show(float(column.min or 0)), max="1E+307"))
        out[huge] = np.nan
        if column.dtype == INTEGER:
            frac = numeric & np.isfinite(out) & (out != np.floor(out))
            for i in np.flatnonzero(frac):
                problems.append(problem("cell.not_integer", sheet_key, rows[i], key, value=_show(values[i])))
            out[frac] = np.nan
        _check_range(out, column, sheet_key, rows, problems)
        if column.dtype == INTEGER:
            return pd.array(out, dtype="Int64")
        return out
    if column.dtype == CHOICE:
        lookup = choice_lookup(column)
        allowed = ", ".join(str(c.key) for c in column.choices)
        found = {}
        for v in set(values[~blank].tolist()):
            found[v] = lookup.get(norm(_show(v)))
        out = [None if b else found[v] for v, b in zip(values.tolist(), blank.tolist())]
        for i in np.flatnonzero(~blank):
            if out[i] is None:
                problems.append(problem("cell.not_allowed", sheet_key, rows[i], key,
                                        value=_show(values[i]), allowed=allowed))
        if column.choices and isinstance(column.choices[0].key, int):
            return pd.array(out, dtype="Int64")
        return out
    if column.dtype == DATE:
        out = [None] * n
        for i in np.flatnonzero(~blank):
            v = values[i]
            if isinstance(v, (dt.date, dt.datetime)):
                out[i] = pd.Timestamp(v)
                continue
            try:
                out[i] = pd.Timestamp(dt.date.fromisoformat(str(v).strip()))
            except ValueError:
                problems.append(problem("cell.not_a_date", sheet_key, rows[i], key, value=_show(v)))
        return out
    return [None if b else (v.strip() if v.__class__ is str else _text(v))
            for v, b in zip(values.tolist(), blank.tolist())]


def _text(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return _show(value).strip()


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
        problems.append(problem(code, sheet_key, rows[i], column.key, value=_show(float(v)),
                                min=_show(float(lo)), max=_show(float(hi)) if np.isfinite(hi) else "∞"))
    out[outside] = np.nan


# -- sheet parsing ------------------------------------------------------------------------------
def _find_header(grid: list[list], lookup: dict[str, str]) -> int | None:
    best, best_hits = None, 0
    for r, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        hits = len({k for k in (_header_key(v, lookup) for v in row) if k is not None})
        if hits > best_hits:
            best, best_hits = r, hits
    return best if best_hits >= 1 else None


def locate_columns(sheet: Sheet, grid: list[list], problems: list[Problem]) -> tuple[int, dict[str, int]] | None:
    """Find a table sheet's header row and the grid position of each known column.

    Reports a missing header, unknown, duplicate and missing required columns. Returns the header's
    grid index (0 = Excel row 1) and canonical key → column index, or None without a header.
    """
    lookup = _column_lookup(sheet)
    header = _find_header(grid, lookup)
    if header is None:
        expected = ", ".join(f"'{c.vi}'/'{c.en}'" for c in sheet.columns if c.required) or sheet.columns[0].en
        problems.append(problem("header.not_found", sheet.key, None, None, expected=expected))
        return None
    positions: dict[str, int] = {}
    for j, v in enumerate(grid[header]):
        if _is_blank(v):
            continue
        key = _header_key(v, lookup)
        if key is None:
            problems.append(problem("column.unknown", sheet.key, header + 1, None, INFO, header=_show(v)))
        elif key in positions:
            problems.append(problem("column.duplicate", sheet.key, header + 1, key, WARNING, header=_show(v)))
        else:
            positions[key] = j
    for col in sheet.columns:
        if col.required and col.key not in positions:
            problems.append(problem("column.missing", sheet.key, header + 1, col.key))
    return header, positions


def grid_columns(grid: list[list], positions: dict[str, int], first: int) -> dict[str, np.ndarray]:
    """The raw cells of each located column from grid row ``first`` on (short rows padded)."""
    body = grid[first:]
    width = max((len(r) for r in body), default=0)
    columns = list(zip(*[r if len(r) == width else list(r) + [None] * (width - len(r)) for r in body]))
    return {key: np.asarray(columns[j], dtype=object) if columns else np.empty(0, dtype=object)
            for key, j in positions.items()}


def convert_table(sheet: Sheet, raw_cols: dict[str, np.ndarray], rows: dict[str, list[int]],
                  problems: list[Problem], blanks: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """Typed DataFrame of a table from its raw cells, one array per column (records already chosen).

    The one conversion of table cells, used by the sheets and by the Variants sheet: fuel names
    become library keys, every cell is converted and range-checked by :func:`convert_column`, and
    a blank cell of a required column is a ``cell.required`` problem. ``rows`` gives, per column,
    the Excel row to report for each record's cell; a column missing from ``raw_cols`` is empty.
    """
    n = len(next(iter(raw_cols.values()))) if raw_cols else 0
    data = {}
    for col in sheet.columns:
        if col.key not in raw_cols:
            data[col.key] = pd.Series([None] * n, dtype=column_dtype(col))
            continue
        raw = raw_cols[col.key]
        blank = blank_mask(raw) if blanks is None else blanks[col.key]
        if col.key in ("fuel", "switch_fuel"):
            fuels = _fuel_lookup()
            raw = np.asarray([fuels.get(norm(v), v) if isinstance(v, str) else v for v in raw],
                             dtype=object)
        col_rows = rows[col.key]
        values = convert_column(raw, col, sheet.key, col_rows, problems, blank)
        data[col.key] = pd.Series(values, dtype=column_dtype(col))
        if col.required:
            for i in np.flatnonzero(blank):
                problems.append(problem("cell.required", sheet.key, col_rows[i], col.key))
    return pd.DataFrame(data)


def parse_table(sheet: Sheet, grid: list[list], problems: list[Problem]) -> tuple[pd.DataFrame, list[int]]:
    """Parse a table sheet's cell grid (row 0 = Excel row 1) into a typed DataFrame.

    Rows whose cells are all blank are skipped; returns the table and each record's Excel row.
    """
    located = locate_columns(sheet, grid, problems)
    if located is None:
        return empty_table(sheet.key), []
    header, positions = located
    raw_cols = grid_columns(grid, positions, header + 1)
    blanks = {key: blank_mask(raw) for key, raw in raw_cols.items()}
    keep = np.zeros(len(grid) - header - 1, dtype=bool)
    for blank in blanks.values():
        keep |= ~blank
    rows = (np.flatnonzero(keep) + header + 2).tolist()
    frame = convert_table(sheet, {k: raw[keep] for k, raw in raw_cols.items()},
                          {k: rows for k in raw_cols}, problems, {k: b[keep] for k, b in blanks.items()})
    return frame, rows


def parse_fields(sheet: Sheet, grid: list[list], problems: list[Problem]) -> dict:
    """Parse a field/value sheet: each row's first non-blank cell names a field, the next its value."""
    lookup = _column_lookup(sheet)
    header_words = {"field", "value", "thông tin", "giá trị", "trường", "ghi chú", "note", "key"}
    values = {c.key: None for c in sheet.columns}
    seen: set[str] = set()
    for r, row in enumerate(grid):
        cells = [(j, v) for j, v in enumerate(row) if not _is_blank(v)]
        if not cells:
            continue
        j, name = cells[0]
        key = _header_key(name, lookup)
        if key is None:
            if norm(name) not in header_words:
                problems.append(problem("field.unknown", sheet.key, r + 1, None, INFO, value=_show(name)))
            continue
        if key in seen:
            problems.append(problem("column.duplicate", sheet.key, r + 1, key, WARNING, header=_show(name)))
            continue
        seen.add(key)
        raw = row[j + 1] if j + 1 < len(row) else None
        value = convert_column(np.asarray([raw], dtype=object), sheet.column(key), sheet.key,
                               [r + 1], problems)[0]
        values[key] = None if value is pd.NA or (isinstance(value, float) and np.isnan(value)) else (
            value.item() if hasattr(value, "item") else value)
    for col in sheet.columns:
        if values[col.key] is None and col.default is not None:
            values[col.key] = col.default
    return values


# -- entry point --------------------------------------------------------------------------------
def _load_bytes(source, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), []
    if hasattr(source, "getvalue"):
        return source.getvalue(), []
    path = Path(source)
    if not path.is_file():
        return None, [problem("file.not_found", path=str(path))]
    too_big = size_problem(path.stat().st_size, max_bytes)
    if too_big:
        return None, [too_big]
    return path.read_bytes(), []


def read_scenario(source, *, name: str = "", max_bytes: int = MAX_FILE_BYTES) -> ReadResult:
    """Read and validate a scenario workbook.

    Parameters
    ----------
    source : bytes, path-like or file-like with ``getvalue()``
    name : str
        Shown as the scenario's name (defaults to the file name).
    max_bytes : int
        Largest file accepted.

    Returns
    -------
    ReadResult
        ``scenario`` is None when the file cannot be read at all; ``problems`` lists every
        problem found (errors, warnings, notes).
    """
    try:
        data, problems = _load_bytes(source, max_bytes)
        if data is None:
            return ReadResult(None, problems)
        problems = check_xlsx_bytes(data, max_bytes)
        if problems:
            return ReadResult(None, problems)
        try:
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except Exception as exc:  # calamine raises its own error types for broken parts
            return ReadResult(None, [problem("file.corrupt", detail=type(exc).__name__)])
        return _read_book(book, name or (Path(source).name if isinstance(source, (str, Path)) else ""))
    except Exception as exc:  # last line of defence: a problem entry, never a traceback
        return ReadResult(None, [problem("internal.error", detail=f"{type(exc).__name__}: {exc}")])


def _grid(book, sheet_name: str) -> tuple[list[list] | None, Problem | None]:
    """A sheet's cells (row 0 = Excel row 1), or a ``file.corrupt`` problem when calamine fails."""
    try:
        return book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False), None
    except Exception as exc:  # calamine's errors for a broken or missing sheet part
        return None, problem("file.corrupt", detail=f"{sheet_name}: {type(exc).__name__}")


def _read_book(book, name: str) -> ReadResult:
    from workbook.variants import read_variants  # local: workbook.variants builds on this module

    problems: list[Problem] = []
    lookup = _sheet_lookup(WORKBOOK_SHEETS)
    found: dict[str, str] = {}
    ignored = {norm(v) for v in README_SHEET.values()}
    for sheet_name in book.sheet_names:
        key = lookup.get(norm(sheet_name))
        if key is None:
            if norm(sheet_name) not in ignored:
                problems.append(problem("sheet.unknown", None, None, None, INFO, name=sheet_name))
        elif key in found:
            problems.append(problem("sheet.duplicate", key, None, None, WARNING, name=sheet_name))
        else:
            found[key] = sheet_name
    fields, tables, rows = {}, {}, {}
    for key, sheet in SHEETS.items():
        if key not in found:
            if sheet.required:
                problems.append(problem("sheet.missing", key))
            if sheet.kind == "fields":
                fields[key] = {c.key: c.default for c in sheet.columns}
            else:
                tables[key] = empty_table(key)
            continue
        grid, broken = _grid(book, found[key])
        if broken:
            return ReadResult(None, [broken])
        if sheet.kind == "fields":
            fields[key] = parse_fields(sheet, grid, problems)
        else:
            tables[key], rows[key] = parse_table(sheet, grid, problems)
    scenario = Scenario(fields, tables, rows, name)
    # cross-cell rules run too, so one pass reports everything; a row whose cells already have
    # an error is not reported a second time for the consequence (e.g. quantity missing)
    flagged = {(p.sheet, p.row) for p in problems if p.severity == ERROR}
    validated = validate_scenario(scenario)
    main_problems = problems + validated
    problems = problems + [p for p in validated
                           if p.code not in CONSEQUENCES or (p.sheet, p.row) not in flagged]
    variants, current = {}, None
    if VARIANTS.key in found:  # a variant does not repeat what the main sheets already report
        grid, broken = _grid(book, found[VARIANTS.key])
        if broken:
            return ReadResult(None, [broken])
        variants, current, found_in_variants = read_variants(grid, scenario, main_problems)
        problems += found_in_variants
    return ReadResult(scenario, _sorted(problems), variants, current)


def _sorted(problems: list[Problem]) -> list[Problem]:
    """File-level problems first, then each sheet's in the schema's order, Variants last; by row."""
    order = {k: i for i, k in enumerate(WORKBOOK_SHEETS)}
    return sorted(problems, key=lambda p: (order.get(p.sheet, -1), p.row or 0))
