"""Write a scenario (or an empty template) to .xlsx in the user's language.

Headers carry the column label in the chosen language with the unit in brackets; values are
written as typed cells (numbers as numbers, choices and fuels as their labels in the chosen
language with an Excel dropdown of those labels; the reader takes them back to their keys). Text that starts with ``=``, ``+``, ``-`` or ``@`` is stored as text with Excel's
quote prefix, never as a formula. A README sheet explains every column in both languages.
Named variants of the scenario go to a Variants sheet, one line per differing cell (see
:mod:`workbook.variants`). Reading what was written gives the same scenario and variants (tested
with hypothesis).
"""
from __future__ import annotations

import io
import re

import openpyxl
import openpyxl.cell._writer as _openpyxl_cell_writer
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from calc.factors import load_library
from workbook.model import Scenario, empty_table
from workbook.schema import (CHOICE, DATE, INTEGER, LISTS_SHEET, MAIN_MARK, NUMBER, README_SHEET, SHEETS, VARIANTS,
                             WORKBOOK_SHEETS, Choice, Column, Sheet, choice_label, fuel_choices, header_label,
                             unit_label)
from workbook.variants import Line, variant_lines

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2E7D32")
TITLE_FONT = Font(bold=True, size=14)
#: Cells the user fills in (an empty table's columns, the Value column of field sheets).
INPUT_FILL = PatternFill("solid", fgColor="FFF8E1")
#: Text columns whose dropdown is the factor library's fuels (free text: a Factors fuel is fine too).
FUEL_LIST_COLUMNS = ("fuel", "switch_fuel")
NUMBER_FORMATS = {NUMBER: "#,##0.00##", INTEGER: "0", DATE: "yyyy-mm-dd"}
FORMULA_PREFIXES = ("=", "+", "-", "@")
#: OOXML escapes characters as _xHHHH_; a literal text of that shape must escape its underscore.
OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def _exact_safe_string(value, _original=_openpyxl_cell_writer.safe_string):
    """openpyxl's cell serialiser, but floats keep every digit (``repr``, the shortest text that
    reads back as the same double) instead of openpyxl's ``%.16g``, which changes doubles that
    need 17 digits and rounds the largest double up to an overflow."""
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return repr(value)
    return _original(value)


# process-wide and deterministic: every workbook this process writes stores exact floats
_openpyxl_cell_writer.safe_string = _exact_safe_string


def header_text(column: Column, lang: str) -> str:
    """Column header as written: label plus the unit (in ``lang``) in brackets."""
    return header_label(column, lang)


def _labeller(column: Column, lang: str):
    """value → the cell written: a choice or fuel key as its label in ``lang`` (numbers such as
    scopes, symbols such as units and currencies are their own labels); a cell that lists several
    choices as their labels; anything else as it is."""
    if column.several:
        return lambda value: choice_label(column, value, lang) if isinstance(value, str) else value
    labels = {ch.key: (ch.vi if lang == "vi" else ch.en) for ch in _choices_of(column)
              if isinstance(ch.key, str)}
    if not labels:
        return lambda value: value
    return lambda value: labels.get(value, value) if isinstance(value, str) else value


def _safe_value(value):
    """A value ready for a cell: NaN/NA → None, numpy scalars → Python, text cleaned."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    if isinstance(value, str):
        return OOXML_ESCAPE.sub(r"_x005F_\1", ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _put(ws, row: int, col: int, value, number_format: str | None = None):
    cell = ws.cell(row=row, column=col)
    value = _safe_value(value)
    cell.value = value
    if isinstance(value, str):
        if value.startswith(FORMULA_PREFIXES):
            cell.data_type = "s"  # text, not a formula
            cell.quotePrefix = True
        elif cell.data_type == "e":  # a text such as "#N/A" is text, not an error value
            cell.data_type = "s"
    elif number_format and value is not None:
        cell.number_format = number_format
    return cell


def _style_header(ws, ncols: int, widths: list[int]):
    for j in range(1, ncols + 1):
        cell = ws.cell(row=1, column=j)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(j)].width = min(max(widths[j - 1], 10), 60)
    ws.freeze_panes = "A2"


def _choices_of(column: Column) -> tuple[Choice, ...]:
    """The values a column's dropdown offers: its choices, or the library's fuels."""
    if column.dtype == CHOICE:
        return column.choices
    return fuel_choices() if column.key in FUEL_LIST_COLUMNS else ()


def _write_lists(ws, lang: str) -> dict[tuple, str]:
    """The hidden sheet of dropdown lists: one column per distinct list of choices, labels in
    ``lang`` (the reader takes labels in either language); returns choices → range reference."""
    ws.title = LISTS_SHEET[lang]
    ws.sheet_state = "hidden"
    refs: dict[tuple, str] = {}
    for sheet in SHEETS.values():
        for col in sheet.columns:
            choices = _choices_of(col)
            if not choices or choices in refs:
                continue
            j = len(refs) + 1
            letter = get_column_letter(j)
            _put(ws, 1, j, col.label(lang))
            for i, ch in enumerate(choices, start=2):
                _put(ws, i, j, ch.vi if lang == "vi" else ch.en)
            refs[choices] = f"'{ws.title}'!${letter}$2:${letter}${len(choices) + 1}"
    return refs


def _dropdown(ws, column: Column, cells: str, lists: dict[tuple, str] | None, lang: str = "en") -> None:
    """A dropdown on ``cells``: the labels of the lists sheet, or else (no lists sheet, e.g. in
    the report) the labels in ``lang`` inline when they fit. Other values stay allowed (no error
    message)."""
    choices = _choices_of(column)
    if not choices:
        return
    inline = [str(c.vi if lang == "vi" else c.en) if isinstance(c.key, str) else str(c.key) for c in choices]
    if lists is not None and choices in lists:
        formula = lists[choices]
    elif column.dtype == CHOICE and len(",".join(inline)) <= 255 and not any("," in s or '"' in s for s in inline):
        formula = '"' + ",".join(inline) + '"'
    else:
        return
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False)
    dv.add(cells)
    ws.add_data_validation(dv)


def _write_table(ws, sheet: Sheet, frame: pd.DataFrame, lang: str, lists: dict[tuple, str] | None = None):
    columns = sheet.columns
    widths = []
    for j, col in enumerate(columns, start=1):
        text = header_text(col, lang)
        _put(ws, 1, j, text)
        widths.append(len(text) + 2)
    for j, col in enumerate(columns, start=1):
        fmt = NUMBER_FORMATS.get(col.dtype)
        label = _labeller(col, lang)
        values = [label(v) for v in frame[col.key].tolist()] if col.key in frame else [None] * len(frame)
        for i, value in enumerate(values, start=2):
            _put(ws, i, j, value, fmt)
        if values:
            widths[j - 1] = max(widths[j - 1], min(max(len(str(v)) for v in values) + 2, 60))
        letter = get_column_letter(j)
        _dropdown(ws, col, f"{letter}2:{letter}{max(len(frame) + 200, 500)}", lists, lang)
        if frame.empty and lists is not None:  # an empty table to fill in: its cells are marked
            ws.column_dimensions[letter].fill = INPUT_FILL
    _style_header(ws, len(columns), widths)


def _write_fields(ws, sheet: Sheet, values: dict, lang: str, lists: dict[tuple, str] | None = None):
    heads = ("Thông tin", "Giá trị", "Ghi chú") if lang == "vi" else ("Field", "Value", "Note")
    for j, text in enumerate(heads, start=1):
        _put(ws, 1, j, text)
    for i, col in enumerate(sheet.columns, start=2):
        _put(ws, i, 1, col.label(lang))
        cell = _put(ws, i, 2, _labeller(col, lang)(values.get(col.key)), NUMBER_FORMATS.get(col.dtype))
        if lists is not None:
            cell.fill = INPUT_FILL
            _dropdown(ws, col, f"B{i}", lists, lang)
        note = col.help(lang) + (f" [{unit_label(col.unit, lang)}]" if col.unit else "")
        _put(ws, i, 3, note)
    width_a = max(len(c.label(lang)) for c in sheet.columns) + 2
    _style_header(ws, 3, [width_a, 18, 80])


def _write_variants(ws, lines: list[Line], lang: str):
    """The Variants sheet: a header in ``lang``, then one line per declaration, table or cell."""
    ws.title = VARIANTS.label(lang)
    widths = []
    for j, col in enumerate(VARIANTS.columns, start=1):
        text = header_text(col, lang)
        _put(ws, 1, j, text)
        widths.append(len(text) + 2)
    for r, line in enumerate(lines, start=2):
        _put(ws, r, 1, line.variant)
        widths[0] = max(widths[0], len(line.variant) + 2)
        if line.main:
            _put(ws, r, 5, MAIN_MARK[lang])
        if line.sheet is None:
            continue
        sheet = SHEETS[line.sheet]
        _put(ws, r, 2, sheet.label(lang))
        if line.record is not None:
            _put(ws, r, 3, line.record, NUMBER_FORMATS[INTEGER])
        if line.column is not None:
            name = header_text(line.column, lang) if sheet.kind == "table" else line.column.label(lang)
            _put(ws, r, 4, name)
            _put(ws, r, 5, _labeller(line.column, lang)(line.value), NUMBER_FORMATS.get(line.column.dtype))
            widths[3] = max(widths[3], len(name) + 2)
    widths[1] = max([widths[1]] + [len(s.label(lang)) + 2 for s in SHEETS.values()])
    widths[4] = max(widths[4], 24)
    _style_header(ws, len(VARIANTS.columns), widths)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(VARIANTS.columns))}{len(lines) + 1}"


def _write_readme(ws, lang: str):
    """Both-language guidance: what each sheet and column means, allowed values, units."""
    ws.title = README_SHEET[lang]
    _put(ws, 1, 1, "Kịch bản tiết kiệm năng lượng – hướng dẫn / Energy-saving scenario – guide").font = TITLE_FONT
    lines = [
        ("Mỗi sheet bên dưới có tên tiếng Việt và tiếng Anh; tệp được đọc với cả hai. Dòng tiêu đề có thể "
         "nằm dưới các dòng tiêu đề phụ. Nhập số dưới dạng số (không gõ dấu phân cách dưới dạng chữ)."),
        ("Each sheet below has a Vietnamese and an English name; either is accepted, as are either "
         "language's column headers. The header row may sit below title rows. Enter numbers as numbers."),
        ("Cột có đơn vị % (ví dụ Mức giảm [%], Tỷ lệ chiết khấu): nhập 30 cho 30 %, hoặc nhập 30 % vào ô định "
         "dạng phần trăm (ô chứa 0,3 hiển thị 30 %) – cả hai được hiểu là 30 %."),
        ("Columns in % (e.g. Reduction [%], Discount rate): type 30 for 30 %, or 30 % in a cell formatted as a "
         "percentage (the cell holds 0.3 and shows 30 %) – both are read as 30 %."),
        ("Ô lựa chọn (phạm vi, hạng mục, đơn vị, nhiên liệu, tiền tệ...) có danh sách thả xuống; cũng được nhập mã, "
         "nhãn tiếng Việt hoặc tiếng Anh, viết không dấu, hoặc tên thường gọi (Dầu DO, Điện, xăng, VNĐ, lít, tấn)."),
        ("Choice cells (scope, category, unit, fuel, currency...) have a dropdown; a key, either language's label, "
         "a label without accents or a common name (Dầu DO, Điện, xăng, VNĐ, lít, tấn) is accepted too."),
        f"Thư viện hệ số / factor library: v{load_library().version}",
    ]
    for i, line in enumerate(lines, start=2):
        _put(ws, i, 1, line)
    heads = ["Sheet", "Cột (VI)", "Column (EN)", "Key", "Kiểu / Type", "Đơn vị / Unit",
             "Bắt buộc / Required", "Giá trị cho phép / Allowed values", "Giải thích", "Explanation"]
    r = len(lines) + 3
    for j, text in enumerate(heads, start=1):
        cell = _put(ws, r, j, text)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for sheet in WORKBOOK_SHEETS.values():
        r += 1
        _put(ws, r, 1, f"{sheet.vi} / {sheet.en}").font = Font(bold=True)
        _put(ws, r, 7, "x" if sheet.required else "")
        _put(ws, r, 9, sheet.help_vi)
        _put(ws, r, 10, sheet.help_en)
        for col in sheet.columns:
            r += 1
            allowed = "; ".join(f"{c.key} = {c.vi} / {c.en}" if str(c.key) not in (c.vi, c.en) else str(c.key)
                                for c in col.choices)
            if col.key == "fuel":
                fuels = load_library().fuels
                allowed = "; ".join(f"{k} = {vi} / {en}" for k, vi, en in
                                    zip(fuels.index, fuels["name_vi"], fuels["name_en"]))
            for j, value in enumerate([sheet.label(lang), col.vi, col.en, col.key, col.dtype, col.unit,
                                       "x" if col.required else "", allowed, col.help_vi, col.help_en],
                                      start=1):
                _put(ws, r, j, value)
    for j, width in enumerate([18, 30, 30, 24, 10, 14, 10, 70, 60, 60], start=1):
        ws.column_dimensions[get_column_letter(j)].width = width


def write_scenario(scenario: Scenario, lang: str = "vi", readme: bool = True, *,
                   variants: dict[str, Scenario] | None = None, current: str | None = None) -> bytes:
    """The scenario as .xlsx bytes, sheets and headers in ``lang`` ("vi" or "en").

    ``variants`` (name → scenario, in order) adds a Variants sheet after the data sheets: the main
    sheets hold ``scenario``, which is the variant named ``current`` (its own entry in
    ``variants`` is not written again); every other variant is stored as what differs from
    ``scenario``. Without ``variants`` (or with an empty dict) there is no Variants sheet. Raises
    ValueError when a name cannot be stored (blank, spaces at either end), ``current`` is not a
    key of ``variants``, or the Variants sheet would need more rows than Excel has.
    """
    lines = variant_lines(scenario, variants, current) if variants else None
    book = openpyxl.Workbook()
    data_sheets = [book.active] + [book.create_sheet() for _ in range(len(SHEETS) - 1)]
    lists = _write_lists(book.create_sheet(), lang)  # hidden, after the data: the dropdowns' labels
    if lines is not None:
        variants_ws = book.create_sheet()
    readme_ws = book.create_sheet() if readme else None
    for ws, (key, sheet) in zip(data_sheets, SHEETS.items()):
        ws.title = sheet.label(lang)
        if sheet.kind == "fields":
            _write_fields(ws, sheet, scenario.fields.get(key, {}), lang, lists)
        else:
            _write_table(ws, sheet, scenario.tables.get(key, empty_table(key)), lang, lists)
    if lines is not None:
        _write_variants(variants_ws, lines, lang)
    if readme_ws is not None:
        _write_readme(readme_ws, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def empty_scenario() -> Scenario:
    """A scenario with no data and the defaults of the Company and Finance fields."""
    fields = {k: {c.key: c.default for c in s.columns} for k, s in SHEETS.items() if s.kind == "fields"}
    tables = {k: empty_table(k) for k, s in SHEETS.items() if s.kind == "table"}
    return Scenario(fields, tables, {}, "template")


def write_template(lang: str = "vi") -> bytes:
    """An empty scenario workbook with the README sheet first (the active sheet)."""
    data = write_scenario(empty_scenario(), lang, readme=True)
    book = openpyxl.load_workbook(io.BytesIO(data))
    readme = book[README_SHEET[lang]]
    book.move_sheet(readme, offset=-book.index(readme))
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
