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
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import python_calamine

from workbook.convert import (ENCODED_TYPES, as_typed, blank_mask, column_lookup, convert_column, convert_table,
                              grid_columns, header_key, is_blank, locate_columns, sheet_lookup)
from workbook.formats import CellError, PackageFormats, SheetMarks, mark_grid
from workbook.messages import problem
from workbook.model import ERROR, INFO, WARNING, Problem, ReadResult, Scenario, empty_table
from workbook.names import Mappings, encode, encoded_blank, using_mappings
from workbook.safety import MAX_FILE_BYTES, check_limits, check_xlsx_bytes, memory_limit_mb, size_problem
from workbook.schema import LISTS_SHEET, README_SHEET, SHEETS, VARIANTS, WORKBOOK_SHEETS, Sheet, norm
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
    # text and choice columns are factorized once here, for every step of their conversion
    encoded = {key: encode(raw) for key, raw in raw_cols.items() if sheet.column(key).dtype in ENCODED_TYPES}
    blanks = {key: encoded_blank(encoded[key]) if key in encoded else blank_mask(raw)
              for key, raw in raw_cols.items()}
    keep = np.zeros(len(grid) - header - 1, dtype=bool)
    for blank in blanks.values():
        keep |= ~blank
    rows = (np.flatnonzero(keep) + header + 2).tolist()
    frame = convert_table(sheet, {k: raw[keep] for k, raw in raw_cols.items()},
                          {k: rows for k in raw_cols}, problems, {k: b[keep] for k, b in blanks.items()},
                          {k: (codes[keep], uniques) for k, (codes, uniques) in encoded.items()})
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


def read_scenario(source, *, name: str = "", max_bytes: int = MAX_FILE_BYTES,
                  mappings: Mappings | None = None) -> ReadResult:
    """Read and validate a scenario workbook.

    Parameters
    ----------
    source : bytes, path-like or file-like with ``getvalue()``
    name : str
        Shown as the scenario's name (defaults to the file name).
    max_bytes : int
        Largest file accepted.
    mappings : dict, optional
        The user's answers for names the file's cells use: ``{(sheet key, column key): {typed
        value: canonical key}}`` (the app's mapping step; see :mod:`workbook.names`).

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
        error_parts: set[str] = set()  # sheets that may hold an error value (for workbook.formats)
        problems = check_xlsx_bytes(data, max_bytes) or check_limits(data, error_parts=error_parts)
        if problems:
            return ReadResult(None, problems)
        try:
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except Exception as exc:  # calamine raises its own error types for broken parts
            return ReadResult(None, [problem("file.corrupt", detail=type(exc).__name__)])
        with using_mappings(mappings):
            return _read_book(book, name or (Path(source).name if isinstance(source, (str, Path)) else ""), data,
                              error_parts)
    except MemoryError:  # over the worker's memory limit (workbook.worker), or the machine's
        return ReadResult(None, [problem("limits.memory", limit=memory_limit_mb())])
    except Exception as exc:  # last line of defence: a problem entry, never a traceback
        return ReadResult(None, [problem("internal.error", detail=f"{type(exc).__name__}: {exc}")])


def _grid(book, sheet_name: str, formats: PackageFormats | None = None
          ) -> tuple[list[list] | None, Problem | None, SheetMarks | None, list[CellError]]:
    """A sheet's cells (row 0 = Excel row 1), or a ``file.corrupt`` problem when calamine fails.

    With the package's ``formats``, error cells (which calamine gives as '') become
    :class:`~workbook.formats.CellError` and numbers shown as percentages
    :class:`~workbook.formats.PercentCell` (:func:`workbook.formats.mark_grid`); also returns the
    sheet's marks and its error cells.
    """
    try:
        grid = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine's errors for a broken or missing sheet part
        return None, problem("file.corrupt", detail=f"{sheet_name}: {type(exc).__name__}"), None, []
    if formats is None:
        return grid, None, None, []
    marks = formats.sheet(sheet_name)
    return grid, None, marks, mark_grid(grid, marks)


_HIDDEN = {"hidden": ("hidden", "bị ẩn"), "veryhidden": ("very hidden (only the VBA editor shows it)",
                                                        "bị ẩn sâu (very hidden, chỉ hiện trong trình VBA)")}


def _visibility(book) -> dict[str, str]:
    """Sheet name → 'visible', 'hidden' or 'veryhidden' ('other' for chart and macro sheets)."""
    out = {}
    try:
        for meta in book.sheets_metadata:
            vis = str(meta.visible).rpartition(".")[2].lower()
            typ = str(meta.typ).rpartition(".")[2].lower()
            out[meta.name] = vis if typ == "worksheet" else "other"
    except Exception:  # noqa: BLE001 - without metadata every sheet counts as visible
        pass
    return out


def _choose_sheets(book, problems: list[Problem]) -> dict[str, str]:
    """Canonical sheet key → the workbook's sheet read for it.

    Sheet names match like headers (:func:`workbook.convert.header_key`). Among the sheets that
    match one key, the first visible one is read; a hidden (or very hidden) one is read only when
    no visible one matches, with a warning, and one skipped for a visible one gets a note; further
    visible matches are ``sheet.duplicate`` warnings.
    """
    lookup = sheet_lookup(WORKBOOK_SHEETS)
    ignored = {norm(v) for v in (*README_SHEET.values(), *LISTS_SHEET.values())}  # the writer's own
    visibility = _visibility(book)
    candidates: dict[str, list[str]] = {}
    for sheet_name in book.sheet_names:
        key = header_key(sheet_name, lookup)
        if visibility.get(sheet_name) == "other":
            key = None
        if key is None:
            if norm(sheet_name) not in ignored:
                problems.append(problem("sheet.unknown", None, None, None, INFO, name=sheet_name))
            continue
        candidates.setdefault(key, []).append(sheet_name)
    found: dict[str, str] = {}
    for key, names in candidates.items():
        visible = [n for n in names if visibility.get(n, "visible") == "visible"]
        chosen = visible[0] if visible else names[0]
        found[key] = chosen
        state = visibility.get(chosen, "visible")
        if state != "visible":
            problems.append(problem("sheet.hidden_used", key, None, None, WARNING, name=chosen,
                                    hidden=_HIDDEN.get(state, _HIDDEN["hidden"])))
        for other in names:
            if other == chosen:
                continue
            other_state = visibility.get(other, "visible")
            if other_state != "visible" and state == "visible":
                problems.append(problem("sheet.hidden_skipped", key, None, None, INFO, name=other, used=chosen,
                                        hidden=_HIDDEN.get(other_state, _HIDDEN["hidden"])))
            else:
                problems.append(problem("sheet.duplicate", key, None, None, WARNING, name=other))
    return found


def _formats_problem(key: str, marks: SheetMarks | None) -> list[Problem]:
    if marks is None or marks.unchecked is None:
        return []
    return [problem("sheet.formats_unchecked", key, None, None, WARNING, detail=marks.unchecked)]


def _unread_errors(key: str, errors: list[CellError]) -> list[Problem]:
    """Error cells no conversion reported (outside the read columns, above the header, a
    field's name): a warning each, an error on the Variants sheet (whose own cells are read)."""
    severity = ERROR if key == VARIANTS.key else WARNING
    return [problem("cell.error_value_ignored", key, int(e.ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), None,
                    severity, ref=e.ref, value=e.code) for e in errors if not e.reported]


#: A required cell left blank is only a warning on a row that is not computed anyway (a partial
#: row, as the app's editor shows it): these problems of that row mark it as partial.
_PARTIAL_ROW = {"activity.incomplete", "measure.missing_inputs"}


def _partial_rows(problems: list[Problem], validated: list[Problem]) -> list[Problem]:
    """``cell.required`` errors of partial rows (see :data:`_PARTIAL_ROW`; an activity row
    without a quantity) become warnings: the row loads, stays visible and counts zero."""
    partial = {(p.sheet, p.row) for p in validated
               if p.code in _PARTIAL_ROW or (p.code == "cell.required" and p.column == "quantity")}
    if not partial:
        return problems
    return [replace(p, severity=WARNING) if (p.code == "cell.required" and p.severity == ERROR
                                             and (p.sheet, p.row) in partial) else p for p in problems]


def _read_book(book, name: str, data: bytes | None = None, error_parts: set[str] | None = None) -> ReadResult:
    problems: list[Problem] = []
    found = _choose_sheets(book, problems)
    formats = PackageFormats(data, error_parts)
    fields, tables, rows = {}, {}, {}
    unread: list[tuple[str, list[CellError]]] = []
    for key, sheet in SHEETS.items():
        if key not in found:
            if sheet.required:
                problems.append(problem("sheet.missing", key))
            if sheet.kind == "fields":
                fields[key] = {c.key: c.default for c in sheet.columns}
            else:
                tables[key] = empty_table(key)
            continue
        grid, broken, marks, errors = _grid(book, found[key], formats)
        if broken:
            return ReadResult(None, [broken])
        problems += _formats_problem(key, marks)
        if sheet.kind == "fields":
            fields[key] = parse_fields(sheet, grid, problems)
        else:
            tables[key], rows[key] = parse_table(sheet, grid, problems)
        unread.append((key, errors))
    scenario = Scenario(fields, tables, rows, name)
    # cross-cell rules run too, so one pass reports everything; a row whose cells already have
    # an error is not reported a second time for the consequence (e.g. quantity missing)
    validated = validate_scenario(scenario)
    problems = _partial_rows(problems, validated)
    flagged = {(p.sheet, p.row) for p in problems if p.severity == ERROR}
    main_problems = problems + validated
    problems = problems + [p for p in validated
                           if p.code not in CONSEQUENCES or (p.sheet, p.row) not in flagged]
    variants, current = {}, None
    if VARIANTS.key in found:  # a variant does not repeat what the main sheets already report
        grid, broken, marks, errors = _grid(book, found[VARIANTS.key], formats)
        if broken:
            return ReadResult(None, [broken])
        problems += _formats_problem(VARIANTS.key, marks)
        variants, current, found_in_variants = read_variants(grid, scenario, main_problems)
        problems += found_in_variants
        unread.append((VARIANTS.key, errors))
    for key, errors in unread:
        problems += _unread_errors(key, errors)
    return ReadResult(scenario, _sorted(problems), variants, current)


def _sorted(problems: list[Problem]) -> list[Problem]:
    """File-level problems first, then each sheet's in the schema's order, Variants last; by row."""
    order = {k: i for i, k in enumerate(WORKBOOK_SHEETS)}
    return sorted(problems, key=lambda p: (order.get(p.sheet, -1), p.row or 0))
