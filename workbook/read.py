"""Read a scenario workbook (bytes or a path) into a :class:`Scenario` and a problem list.

The reader never raises on bad input: every problem (file, sheet, header, cell) becomes a
:class:`~workbook.model.Problem` with the Excel row, the canonical column key, what is wrong and
how to fix it, in English and Vietnamese, all collected in one pass. Cells are read with
python-calamine (about 7× faster than openpyxl on large sheets, see ``bench/``); values are
taken as Excel stored them: a number typed as text ("1,5", "1.385") in a number column is a
problem, never a guess. Cells are converted by :mod:`workbook.convert`; a Variants sheet's named
variants are read by :mod:`workbook.variants` with the same conversion
(:func:`workbook.convert.convert_table`), their problems reported on that sheet.
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import python_calamine

from workbook.convert import (as_typed, blank_mask, column_lookup, convert_column, convert_table, grid_columns,
                              header_key, is_blank, locate_columns, sheet_lookup)
from workbook.messages import problem
from workbook.model import ERROR, INFO, WARNING, Problem, ReadResult, Scenario, empty_table
from workbook.safety import MAX_FILE_BYTES, check_xlsx_bytes, size_problem
from workbook.schema import README_SHEET, SHEETS, VARIANTS, WORKBOOK_SHEETS, Sheet, norm
from workbook.validate import CONSEQUENCES, validate_scenario
from workbook.variants import read_variants


# -- sheet parsing ------------------------------------------------------------------------------
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
    lookup = column_lookup(sheet)
    header_words = {"field", "value", "thông tin", "giá trị", "trường", "ghi chú", "note", "key"}
    values = {c.key: None for c in sheet.columns}
    seen: set[str] = set()
    for r, row in enumerate(grid):
        cells = [(j, v) for j, v in enumerate(row) if not is_blank(v)]
        if not cells:
            continue
        j, name = cells[0]
        key = header_key(name, lookup)
        if key is None:
            if norm(name) not in header_words:
                problems.append(problem("field.unknown", sheet.key, r + 1, None, INFO, value=as_typed(name)))
            continue
        if key in seen:
            problems.append(problem("column.duplicate", sheet.key, r + 1, key, WARNING, header=as_typed(name)))
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
    problems: list[Problem] = []
    lookup = sheet_lookup(WORKBOOK_SHEETS)
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
