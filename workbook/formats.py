"""What the cell reader does not tell: Excel error values and percentage formats of cells.

python-calamine gives an error cell (``#N/A``, ``#DIV/0!``, ...) as an empty string, the same as
an empty cell, and a cell formatted as a percentage (it holds 0.3 and shows 30 %) as 0.3. Both
are read here from the package XML: the number formats of ``xl/styles.xml`` (small, parsed with
defusedxml) and each read sheet's cell tags (``t="e"``, ``s="<a percentage style>"``), found by a
bounded, chunked byte scan of the sheet part, so a sheet is never held twice in memory and a
normal sheet costs one decompression and a ``find``. Cells without an ``r`` reference (some
non-Excel writers) are located by counting rows and cells.

:func:`mark_grid` then puts the findings into calamine's cell grid: an error cell becomes a
:class:`CellError`, a number shown as a percentage a :class:`PercentCell` (a float), which
:func:`workbook.convert.convert_column` reports or converts. Imports nothing of the project.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

import defusedxml.ElementTree as DET

__all__ = ["CellError", "PercentCell", "SheetMarks", "PackageFormats", "mark_grid", "cell_ref",
           "is_percent_format", "EXCEL_TEXT_LIMIT"]

#: Longest text an Excel cell can hold.
EXCEL_TEXT_LIMIT = 32_767
#: Largest styles part parsed (Excel's own are a few hundred KB).
MAX_STYLES_BYTES = 32 * 1024 * 1024
#: Most marked cells (errors and percentages) kept per sheet; beyond, the sheet is "not checked".
MAX_MARKS = 2_000_000
_CHUNK = 4 * 1024 * 1024
_MAX_CARRY = 64 * 1024 * 1024
#: Built-in number formats that show a percentage (0% and 0.00%).
_BUILTIN_PERCENT = {9, 10}


class CellError:
    """An Excel error value in a cell (``code`` such as ``#N/A``); ``reported`` is set by the
    conversion that reported it, so a final pass can report the cells nothing read."""

    __slots__ = ("code", "ref", "reported")

    def __init__(self, code: str, ref: str):
        self.code, self.ref, self.reported = code, ref, False

    def __str__(self) -> str:
        return self.code

    __repr__ = __str__


class PercentCell(float):
    """A number whose cell is formatted as a percentage (holds 0.3, shows 30 %)."""

    __slots__ = ()


@dataclass
class SheetMarks:
    """Error and percentage cells of one sheet, by (row, column) from 0 (A1 = (0, 0))."""

    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    percent: set[tuple[int, int]] = field(default_factory=set)
    #: why the sheet could not be checked (None when it was)
    unchecked: str | None = None


def cell_ref(row: int, col: int) -> str:
    """Excel reference of a 0-based cell: (4, 2) → 'C5'."""
    letters, n = "", col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n - 1


_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def is_percent_format(code: str) -> bool:
    """True when an Excel number format multiplies by 100: an unquoted, unescaped '%'
    (``0%``, ``0.0%;[Red]-0.0%``; not ``0" %"`` or ``0\\%``)."""
    return "%" in _QUOTED.sub("", code)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


# cell start tags of interest: an error (t="e") or, when given, one of the percentage styles
def _cell_pattern(percent_styles: set[int]) -> re.Pattern:
    alts = [rb"""t\s*=\s*["']e["']"""]
    if percent_styles:
        ids = b"|".join(str(i).encode() for i in sorted(percent_styles))
        alts.append(rb"""s\s*=\s*["'](?:""" + ids + rb""")["']""")
    look = b"|".join(alts)
    return re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s(?=[^>]*?\b(?:" + look + rb"))[^>]*>")


def _style_pattern(percent_styles: set[int]) -> re.Pattern | None:
    if not percent_styles:
        return None
    ids = b"|".join(str(i).encode() for i in sorted(percent_styles))
    return re.compile(rb"""\bs\s*=\s*["'](?:""" + ids + rb""")["']""")


_ANY_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d+)["']""")
_ROW_R = re.compile(rb"""\br\s*=\s*["'](\d+)["']""")
_IS_ERROR = re.compile(rb"""\bt\s*=\s*["']e["']""")
_STYLE = re.compile(rb"""\bs\s*=\s*["'](\d+)["']""")
_VALUE = re.compile(rb"\s*(?:<(?:[\w.-]+:)?f\b[^>]*?/>|<(?:[\w.-]+:)?f\b.*?</(?:[\w.-]+:)?f>)?\s*"
                    rb"<(?:[\w.-]+:)?v>([^<]*)<", re.S)


def _may_have_error(work: bytes) -> bool:
    """A fast literal look for an error cell's ``"e"`` value of ``t`` (the regular expression
    :data:`_IS_ERROR`, which has no literal prefix, runs only when this finds one)."""
    return b'"e"' in work or b"'e'" in work


def _closing_row_end(buf: bytes) -> int:
    """Index just past the last closing row tag in ``buf`` (-1 when there is none)."""
    i = len(buf)
    while True:
        i = buf.rfind(b"row>", 0, i)
        if i < 0:
            return -1
        head = buf[max(0, i - 40):i]
        lt = head.rfind(b"<")
        if lt >= 0 and head[lt + 1:lt + 2] == b"/":
            return i + 4


class _Unlocated(Exception):
    """A marked cell without an ``r`` reference: the sheet is scanned again, counting cells."""


class PackageFormats:
    """The package's percentage styles and sheet parts, read once; :meth:`sheet` scans a sheet.

    Never raises: a package whose parts cannot be read gives marks with ``unchecked`` set.
    """

    def __init__(self, data: bytes | None, error_parts: set[str] | None = None):
        """``error_parts``: the sheet parts in which a first pass over the package
        (:func:`workbook.safety.check_limits`) saw a possible error cell; with no percentage
        style in the package, the other sheets have nothing to mark and are not scanned again.
        None: scan every sheet."""
        self.error_parts = error_parts
        self.problem: str | None = None
        self.parts: dict[str, str] = {}
        self.percent_styles: set[int] = set()
        self._zip = None
        if data is None:
            self.problem = "no package"
            return
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self._read_workbook()
            self._read_styles()
        except Exception as exc:  # noqa: BLE001 - any failure makes the sheets "not checked"
            self.problem = type(exc).__name__

    def _read_workbook(self) -> None:
        names = set(self._zip.namelist())
        book = DET.fromstring(self._zip.read("xl/workbook.xml"))
        rels_name = "xl/_rels/workbook.xml.rels"
        targets = {}
        if rels_name in names:
            for rel in DET.fromstring(self._zip.read(rels_name)):
                targets[rel.get("Id")] = rel.get("Target") or ""
        for el in book.iter():
            if _local(el.tag) != "sheet":
                continue
            rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
            target = targets.get(rid, "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            if path in names:
                self.parts[el.get("name", "")] = path

    def _read_styles(self) -> None:
        try:
            info = self._zip.getinfo("xl/styles.xml")
        except KeyError:
            return
        if info.file_size > MAX_STYLES_BYTES:
            raise ValueError("styles.xml too large")
        root = DET.fromstring(self._zip.read(info))
        percent_formats = set(_BUILTIN_PERCENT)
        for el in root.iter():
            if _local(el.tag) == "numFmt":
                try:
                    fid = int(el.get("numFmtId", "-1"))
                except ValueError:
                    continue
                if is_percent_format(el.get("formatCode", "")):
                    percent_formats.add(fid)
                else:
                    percent_formats.discard(fid)
        xfs = next((el for el in root.iter() if _local(el.tag) == "cellXfs"), None)
        if xfs is None:
            return
        for i, xf in enumerate(x for x in xfs if _local(x.tag) == "xf"):
            try:
                if int(xf.get("numFmtId", "0")) in percent_formats:
                    self.percent_styles.add(i)
            except ValueError:
                continue

    def sheet(self, name: str) -> SheetMarks:
        """The marks of the sheet called ``name`` (``unchecked`` set when it cannot be scanned)."""
        if self.problem:
            return SheetMarks(unchecked=self.problem)
        part = self.parts.get(name)
        if part is None:
            return SheetMarks(unchecked="sheet part not found")
        if self.error_parts is not None and not self.percent_styles and part not in self.error_parts:
            return SheetMarks()  # no percent style anywhere, no error value in this sheet
        try:
            try:
                return self._scan(part, counting=False)
            except _Unlocated:
                return self._scan(part, counting=True)
        except Exception as exc:  # noqa: BLE001 - a broken part: calamine reports it too
            return SheetMarks(unchecked=type(exc).__name__)

    def _scan(self, part: str, counting: bool) -> SheetMarks:
        marks = SheetMarks()
        pct = self.percent_styles
        cell_re = _cell_pattern(pct)
        style_re = _style_pattern(pct)
        state = [-1, -1]  # counting mode: current row and column (0-based)
        carry = b""
        with self._zip.open(part) as member:
            while True:
                chunk = member.read(_CHUNK)
                buf = carry + chunk
                if chunk:
                    cut = _closing_row_end(buf)
                    if cut < 0:
                        if len(buf) < _MAX_CARRY:
                            carry = buf
                            continue
                        cut = buf.rfind(b">") + 1
                    work, carry = buf[:cut], buf[cut:]
                else:
                    work, carry = buf, b""
                if counting:
                    self._count(work, cell_re, pct, marks, state)
                elif (_may_have_error(work) and _IS_ERROR.search(work)) or (
                        style_re is not None and style_re.search(work)):
                    self._find(work, cell_re, pct, marks)
                if len(marks.errors) + len(marks.percent) > MAX_MARKS:
                    marks.unchecked = f"more than {MAX_MARKS:,} marked cells"
                    return marks
                if not chunk:
                    return marks

    @staticmethod
    def _mark(work: bytes, m: re.Match, row: int, col: int, pct: set[int], marks: SheetMarks) -> None:
        tag = m.group(0)
        if tag.endswith(b"/>"):
            return  # no value
        if _IS_ERROR.search(tag):
            v = _VALUE.match(work, m.end())
            code = v.group(1).decode("utf-8", "replace").strip() if v else ""
            marks.errors[(row, col)] = code or "#ERROR"
            return
        s = _STYLE.search(tag)
        if s and int(s.group(1)) in pct:
            marks.percent.add((row, col))

    def _find(self, work: bytes, cell_re: re.Pattern, pct: set[int], marks: SheetMarks) -> None:
        for m in cell_re.finditer(work):
            ref = _REF.search(m.group(0))
            if ref is None:
                raise _Unlocated
            self._mark(work, m, int(ref.group(2)) - 1, _col_index(ref.group(1)), pct, marks)

    def _count(self, work: bytes, cell_re: re.Pattern, pct: set[int], marks: SheetMarks,
               state: list[int]) -> None:
        for m in _ANY_TAG.finditer(work):
            closing, kind, attrs = m.groups()
            if closing:
                continue
            ref = _REF.search(attrs) if kind == b"c" else None
            if kind == b"row":
                r = _ROW_R.search(attrs)
                state[0] = int(r.group(1)) - 1 if r else state[0] + 1
                state[1] = -1
                continue
            if ref is not None:
                state[0], state[1] = int(ref.group(2)) - 1, _col_index(ref.group(1))
            else:
                state[1] += 1
            hit = cell_re.match(work, m.start())
            if hit:
                self._mark(work, hit, state[0], state[1], pct, marks)


def mark_grid(grid: list[list], marks: SheetMarks) -> list[CellError]:
    """Put a sheet's marks into its cell grid (row 0 = Excel row 1), in place.

    An error cell becomes a :class:`CellError` (whatever calamine gave, usually ''); a number in
    a percentage-formatted cell a :class:`PercentCell`. Returns the error cells, for the final
    pass that reports those no conversion read.
    """
    errors = []
    for (r, c), code in marks.errors.items():
        if r >= len(grid):
            continue
        row = grid[r]
        if c >= len(row):
            row.extend([None] * (c + 1 - len(row)))
        err = CellError(code, cell_ref(r, c))
        row[c] = err
        errors.append(err)
    for r, c in marks.percent:
        if r < len(grid) and c < len(grid[r]):
            v = grid[r][c]
            if v.__class__ is float or v.__class__ is int:
                grid[r][c] = PercentCell(v)
    return errors

