"""Several named variants of a scenario in one workbook: the Variants sheet.

The main sheets hold one variant (the *current* one, its declaration line marked ``main`` /
``chính``); every other variant is stored as what differs from the main sheets, one line per cell
(long format, columns of :data:`workbook.schema.VARIANTS`):

* a declaration line (only ``variant``, and ``value`` = the main mark for the current variant)
  names each variant in order, written first; a name first seen on another line is declared there;
* a Company or Finance field that differs: ``sheet``, ``column`` = the field, ``value`` (blank =
  empty), ``row`` blank;
* a table that differs is given in full: one line with only ``variant`` and ``sheet`` ("this
  table is given here", so an empty table round-trips too), then one line per non-blank cell with
  ``row`` = the record number (1 = first record) and ``column`` = the column header.

Values are typed exactly like the main sheets' cells and read back with the very same
conversion (:func:`workbook.convert.convert_table`, :func:`workbook.convert.convert_column`). Every
problem of a variant is reported on the Variants sheet, at the line concerned, with its original
code and a message that starts with where it is ("Variant 'A', sheet 'Measures', record 3: ...").
A file without a main mark gets its main sheets as a variant named ``main`` (or ``main 2``, ...
when that name is taken), listed first.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from workbook.messages import (A_RECORD, EMPTY, IN_VARIANT, IN_VARIANT_RECORD, IN_VARIANT_SHEET,
                               THE_SHEET, TOO_MANY_VARIANT_LINES, problem)
from workbook.model import ERROR, WARNING, Problem, Scenario, cells_equal, tables_equal
from workbook.convert import (as_typed, blank_mask, cell_text, column_lookup, convert_column, convert_table,
                              grid_columns, header_key, is_blank, locate_columns, sheet_lookup)
from workbook.schema import MAIN_MARK, SHEETS, VARIANTS, Column, norm
from workbook.safety import Limits, count_text
from workbook.validate import CONSEQUENCES, validate_scenario

#: Rows of an Excel sheet; the header takes one.
EXCEL_MAX_ROWS = 1_048_576
#: Name given to the main sheets' scenario when no declaration line is marked main.
DEFAULT_MAIN = "main"
_MAIN_MARKS = {norm(m) for m in MAIN_MARK.values()}


# -- writing ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    """One line of the Variants sheet, in canonical terms (the writer puts labels in a language).

    ``sheet`` is a canonical sheet key, ``record`` the 1-based record number of a table cell,
    ``column`` the column or field; a line with only ``variant`` declares the variant (``main``:
    the one in the main sheets); one with ``variant`` and ``sheet`` only says the table is given.
    """

    variant: str
    sheet: str | None = None
    record: int | None = None
    column: Column | None = None
    value: Any = None
    main: bool = False


def _missing(value) -> bool:
    """True for a value the writer leaves as an empty cell (None, NaN, NA, NaT, blank text)."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or bool(pd.isna(value))


def check_variant_names(variants: dict[str, Scenario], current: str | None) -> None:
    """Raise ValueError unless every name survives a round trip and ``current`` is one of them."""
    for name in variants:
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            raise ValueError(
                f"Variant name {name!r} cannot be stored: use a non-empty text without spaces at "
                f"either end. / Không lưu được tên phương án {name!r}: dùng chữ không rỗng, không có "
                f"khoảng trắng ở đầu hoặc cuối.")
    if current not in variants:
        raise ValueError(
            f"current={current!r} is not one of the variants ({', '.join(map(repr, variants))}): "
            f"name the variant the main sheets hold. / current={current!r} không phải một trong các "
            f"phương án: hãy chỉ ra phương án nằm trong các sheet chính.")


def differences(name: str, main: Scenario, variant: Scenario) -> list[Line]:
    """The lines that turn ``main`` into ``variant``: differing fields, differing tables in full."""
    lines: list[Line] = []
    for key, sheet in SHEETS.items():
        if sheet.kind == "fields":
            have, want = main.fields.get(key, {}), variant.fields.get(key, {})
            lines += [Line(name, key, None, col, want.get(col.key)) for col in sheet.columns
                      if not cells_equal(have.get(col.key), want.get(col.key))]
            continue
        frame = variant.table(key)
        if tables_equal(main.table(key), frame):
            continue
        lines.append(Line(name, key))
        values = [frame[c.key].tolist() if c.key in frame else [None] * len(frame) for c in sheet.columns]
        for i in range(len(frame)):
            lines += [Line(name, key, i + 1, col, vals[i]) for col, vals in zip(sheet.columns, values)
                      if not _missing(vals[i])]
    return lines


def variant_lines(scenario: Scenario, variants: dict[str, Scenario], current: str | None) -> list[Line]:
    """Every line of the Variants sheet: the declarations in order, then each other variant's changes.

    ``scenario`` is what the main sheets hold; the current variant gets no lines but its
    declaration. Raises ValueError for a name that cannot be stored, a ``current`` that is not a
    variant, or more lines than an Excel sheet has rows.
    """
    check_variant_names(variants, current)
    lines = [Line(name, main=name == current) for name in variants]
    for name, variant in variants.items():
        if name == current:
            continue
        lines += differences(name, scenario, variant)
        if len(lines) + 1 > EXCEL_MAX_ROWS:
            en, vi = TOO_MANY_VARIANT_LINES
            raise ValueError(f"{en.format(lines=len(lines), limit=EXCEL_MAX_ROWS - 1)} / "
                             f"{vi.format(lines=len(lines), limit=EXCEL_MAX_ROWS - 1)}")
    return lines


# -- reading ------------------------------------------------------------------------------------
@dataclass
class _Entry:
    """A line that gives a value: a table cell (``record`` set) or a field (``record`` None)."""

    row: int
    sheet: str
    record: int | None
    column: str
    value: Any


@dataclass
class _Parsed:
    """What the lines of one variant say, before conversion."""

    declared: int                                   # Excel row of its declaration (or first line)
    entries: list[_Entry] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)  # table given here → its first line
    lines: list[int] = field(default_factory=list)  # Excel rows of its lines besides declarations


def _name(value) -> str | None:
    """The variant name of a cell (text trimmed; a number as typed), None when blank."""
    if is_blank(value):
        return None
    return value.strip() if isinstance(value, str) else cell_text(value)


def _record(value) -> int | None:
    """A record number: a whole number ≥ 1 typed as a number, else None."""
    if value.__class__ in (int, float) and np.isfinite(value) and value == int(value) and value >= 1:
        return int(value)
    return None


def _free_name(base: str, taken) -> str:
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base} {n}"
    return name


def _shown(value):
    """A cell for a message: as typed, or "(empty)" / "(trống)"."""
    return EMPTY if is_blank(value) else as_typed(value)


def _example(sheet) -> tuple[str, str]:
    col = sheet.columns[0]
    return col.en, col.vi


def _parse_lines(grid: list[list], problems: list[Problem]):
    """Group the sheet's lines by variant; report lines that cannot be placed.

    Returns the variants in order of first appearance (name → _Parsed) and the main marks as
    ``(name, row)`` in file order, or None when the sheet has no usable header.
    """
    found: list[Problem] = []
    located = locate_columns(VARIANTS, grid, found)
    # "Phương án" is an everyday word: a sheet of that name that is not ours is only a warning
    problems += [replace(p, severity=WARNING) if p.code in ("header.not_found", "column.missing") else p
                 for p in found]
    if located is None or "variant" not in located[1]:
        return None
    header, positions = located
    raw = grid_columns(grid, positions, header + 1)
    n = len(grid) - header - 1
    cols = {c.key: raw.get(c.key, np.full(n, None, dtype=object)) for c in VARIANTS.columns}
    sheets = sheet_lookup()
    columns = {key: column_lookup(sheet) for key, sheet in SHEETS.items()}
    allowed_sheets = ", ".join(f"{s.vi} / {s.en}" for s in SHEETS.values())
    parsed: dict[str, _Parsed] = {}
    marks: list[tuple[str, int]] = []
    for i, (name_cell, sheet_cell, record_cell, column_cell, value) in enumerate(
            zip(*(cols[c.key] for c in VARIANTS.columns))):
        row = header + 2 + i
        if all(is_blank(v) for v in (name_cell, sheet_cell, record_cell, column_cell, value)):
            continue
        name = _name(name_cell)
        if name is None:
            problems.append(problem("variant.no_name", VARIANTS.key, row, "variant"))
            continue
        info = parsed.setdefault(name, _Parsed(row))
        if is_blank(sheet_cell) and is_blank(record_cell) and is_blank(column_cell):
            if not is_blank(value) and norm(as_typed(value)) in _MAIN_MARKS:
                marks.append((name, row))
            continue
        info.lines.append(row)
        key = header_key(sheet_cell, sheets)
        if key is None:
            problems.append(problem("variant.unknown_sheet", VARIANTS.key, row, "sheet",
                                    value=_shown(sheet_cell), allowed=allowed_sheets))
            continue
        sheet = SHEETS[key]
        target = (sheet.en, sheet.vi)
        column = None if is_blank(column_cell) else header_key(column_cell, columns[key])
        if column is None and not (is_blank(column_cell) and is_blank(value)
                                   and (sheet.kind == "fields" or is_blank(record_cell))):
            problems.append(problem("variant.unknown_column", VARIANTS.key, row, "column",
                                    value=_shown(column_cell), target=target, example=_example(sheet)))
            continue
        if sheet.kind == "fields":  # a record number means nothing here and is ignored
            if column is not None:
                info.entries.append(_Entry(row, key, None, column, value))
            continue
        record = None if column is None else _record(record_cell)
        if column is not None and record is None:
            problems.append(problem("variant.bad_record", VARIANTS.key, row, "row",
                                    value=_shown(record_cell), target=target))
            continue
        info.tables.setdefault(key, row)  # the table is given here (maybe empty)
        if column is not None:
            info.entries.append(_Entry(row, key, record, column, value))
    return parsed, marks


def _prefix(name: str, sheet: str | None, record: int | None) -> tuple[str, str]:
    """Where a problem is in a variant, in English and Vietnamese, to put before its message."""
    if sheet is None:
        templates = IN_VARIANT
    elif record is None:
        templates = IN_VARIANT_SHEET
    else:
        templates = IN_VARIANT_RECORD
    spec = SHEETS[sheet] if sheet else None
    ctx = {"name": name, "record": record, "sheet_en": spec.en if spec else "",
           "sheet_vi": spec.vi if spec else ""}
    return templates[0].format(**ctx), templates[1].format(**ctx)


def _relocate(p: Problem, row: int, name: str, sheet: str | None, record: int | None) -> Problem:
    """A variant's problem as a problem of the Variants sheet: same code, message prefixed."""
    en, vi = _prefix(name, sheet, record)
    return Problem(VARIANTS.key, row, "value", p.code, p.severity, en + p.message_en, vi + p.message_vi)


class _RecordIndex:
    """Position of a table's Excel row among the scenario's records (per sheet, built once)."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.tables: dict[str, dict[int, int]] = {}

    def __call__(self, sheet: str | None, row: int | None) -> int | None:
        if row is None or sheet not in SHEETS or SHEETS[sheet].kind != "table":
            return None
        if sheet not in self.tables:
            self.tables[sheet] = {r: i for i, r in enumerate(self.scenario.excel_rows(sheet))}
        return self.tables[sheet].get(row)

    def key(self, p: Problem) -> tuple:
        """What makes two problems "the same": code, sheet, record (not Excel row) and column."""
        index = self(p.sheet, p.row)
        return p.code, p.sheet, ("row", p.row) if index is None else ("record", index), p.column


@dataclass
class _Record:
    """A kept record of a table given in the Variants sheet."""

    number: int             # as written in the file
    first: int              # Excel row of its first line
    cells: dict[str, int]   # column → Excel row of its line


def _last_wins(name: str, entries: list[_Entry], out: list[Problem]) -> dict[tuple, _Entry]:
    """Each cell's winning line, keyed (sheet, record, column); a cell given twice is a warning."""
    cells: dict[tuple, _Entry] = {}
    for e in entries:
        where = (e.sheet, e.record, e.column)
        if where in cells:
            sheet = SHEETS[e.sheet]
            col = sheet.column(e.column)
            ctx = {"record": e.record, "sheet_en": sheet.en, "sheet_vi": sheet.vi}
            place = A_RECORD if e.record is not None else THE_SHEET
            out.append(problem("variant.duplicate_cell", VARIANTS.key, e.row, "value", WARNING, name=name,
                               field=(col.en, col.vi), first=cells[where].row,
                               where=(place[0].format(**ctx), place[1].format(**ctx))))
        cells[where] = e
    return cells


def _table(key: str, cells: list[_Entry], converted: list[Problem]) -> tuple[pd.DataFrame, list[_Record]]:
    """A table given in the Variants sheet, converted like the sheet's own cells.

    Records are ordered by their number; cells not given are empty; records whose cells are all
    blank are dropped (as empty rows of a sheet are). A cell's problem is on its line, a missing
    required cell's on the record's first line.
    """
    sheet = SHEETS[key]
    by_record: dict[int, dict[str, _Entry]] = {}
    for e in cells:
        by_record.setdefault(e.record, {})[e.column] = e
    numbers = sorted(by_record)
    raw = {c.key: np.asarray([by_record[r][c.key].value if c.key in by_record[r] else None for r in numbers],
                             dtype=object) for c in sheet.columns}
    keep = np.zeros(len(numbers), dtype=bool)
    for values in raw.values():
        keep |= ~blank_mask(values)
    records = [_Record(r, min(e.row for e in by_record[r].values()),
                       {c: e.row for c, e in by_record[r].items()})
               for r, k in zip(numbers, keep) if k]
    rows = {c.key: [rec.cells.get(c.key, rec.first) for rec in records] for c in sheet.columns}
    return convert_table(sheet, {k: v[keep] for k, v in raw.items()}, rows, converted), records


def _field(e: _Entry, converted: list[Problem]):
    """A field's value from its line, converted like the sheet's own field (blank = the default)."""
    col = SHEETS[e.sheet].column(e.column)
    value = convert_column(np.asarray([e.value], dtype=object), col, e.sheet, [e.row], converted)[0]
    if value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        value = None
    elif hasattr(value, "item"):
        value = value.item()
    return col.default if value is None else value


def _build(name: str, info: _Parsed, main: Scenario, known: set[tuple]) -> tuple[Scenario, list[Problem]]:
    """One variant: the main scenario with its given tables replaced and fields overridden.

    Its problems are those of converting its lines and those :func:`validate_scenario` finds in
    it that the main sheets do not already have, each on the Variants line concerned.
    """
    if not info.lines:  # only declared: the main scenario's data
        return replace(main, rows={}), []
    out: list[Problem] = []
    cells = _last_wins(name, info.entries, out)
    converted: list[Problem] = []
    scenario, kept = main, {}
    place: dict[int, tuple[str, int | None]] = {}  # Excel row of a line → (sheet, record number)
    for key in info.tables:
        frame, kept[key] = _table(key, [e for (s, r, _), e in cells.items() if s == key], converted)
        scenario = scenario.with_table(key, frame)
        place.update({row: (key, rec.number) for rec in kept[key] for row in (rec.first, *rec.cells.values())})
    fields: dict[tuple[str, str], int] = {}  # (sheet, field) → Excel row of its line
    for (key, record, column), e in cells.items():
        if record is None:
            scenario = scenario.with_field(key, column, _field(e, converted))
            fields[(key, column)], place[e.row] = e.row, (key, None)
    flagged = set()  # (sheet, record index) with a cell error: consequences are not repeated
    positions = {key: {rec.number: i for i, rec in enumerate(records)} for key, records in kept.items()}
    for p in converted:
        key, number = place[p.row]
        out.append(_relocate(p, p.row, name, key, number))
        if p.severity == ERROR and number is not None:
            flagged.add((key, positions[key][number]))
    index_of = _RecordIndex(scenario)
    for p in validate_scenario(scenario):
        index = index_of(p.sheet, p.row)
        if index_of.key(p) in known or (p.code in CONSEQUENCES and (p.sheet, index) in flagged):
            continue
        if p.sheet in kept:  # a table given here: the cell's line, else the record's first line
            if index is None:
                out.append(_relocate(p, info.tables[p.sheet], name, p.sheet, None))
            else:
                rec = kept[p.sheet][index]
                out.append(_relocate(p, rec.cells.get(p.column, rec.first), name, p.sheet, rec.number))
        elif p.sheet in SHEETS and SHEETS[p.sheet].kind == "fields":
            out.append(_relocate(p, fields.get((p.sheet, p.column), info.declared), name, p.sheet, None))
        else:  # a table of the main sheets, or the scenario as a whole: the declaration line
            out.append(_relocate(p, info.declared, name, p.sheet, None if index is None else index + 1))
    return replace(scenario, rows={}), out


def read_variants(grid: list[list], main: Scenario, main_problems: list[Problem]
                  ) -> tuple[dict[str, Scenario], str | None, list[Problem]]:
    """The variants of a Variants sheet's cell grid (row 0 = Excel row 1).

    Parameters
    ----------
    grid : the Variants sheet's cells.
    main : the scenario of the main sheets.
    main_problems : every problem found in the main sheets (cross-cell ones before filtering
        too); a variant does not report them again.

    Returns
    -------
    The variants in the file's order (the current one is ``main`` itself), the name of the current
    variant (None when the sheet names no variant) and the problems, all on the Variants sheet.
    """
    problems: list[Problem] = []
    parsed = _parse_lines(grid, problems)
    if parsed is None or not parsed[0]:
        return {}, None, problems
    lines, marks = parsed
    limit = Limits.from_env().variants
    if len(lines) > limit:  # building each variant validates a whole scenario: cap the count first
        problems.append(problem("limits.variants", VARIANTS.key, None, "variant",
                                count=count_text(len(lines)), limit=count_text(limit)))
        return {}, None, problems
    if marks:
        current = marks[0][0]
        mark = (MAIN_MARK["en"], MAIN_MARK["vi"])
        for name, row in marks[1:]:
            if name != current:
                problems.append(problem("variant.two_main", VARIANTS.key, row, "value", WARNING,
                                        first=current, name=name, mark=mark))
        ignored = lines[current].lines
        if ignored:
            problems.append(problem("variant.main_lines", VARIANTS.key, ignored[0], "variant", WARNING,
                                    name=current, count=len(ignored)))
    else:
        current = _free_name(DEFAULT_MAIN, lines)
    main_index = _RecordIndex(main)
    known = {main_index.key(p) for p in main_problems}
    variants: dict[str, Scenario] = {} if marks else {current: main}
    for name, info in lines.items():
        if name == current:
            variants[name] = main
            continue
        variants[name], found = _build(name, info, main, known)
        problems += found
    return variants, current, problems
