"""Refuse unsafe or unreadable files before any parser sees them.

Checks, in order: size, the file signature (old .xls and password-protected workbooks are OLE2
compound files; .xlsx is a zip), the zip's declared uncompressed size and compression ratio
(zip bombs), the package's main parts, and DOCTYPE/entity declarations in any XML part (entity
bombs; Excel never writes a DTD). The package's small structural parts are parsed with
defusedxml, which rejects entities outright.
"""
from __future__ import annotations

import codecs
import io
import os
import posixpath
import re
import zipfile
import zlib
from xml.parsers import expat
from dataclasses import dataclass, replace

import defusedxml.ElementTree as DET
import numpy as np
from defusedxml import DefusedXmlException

from workbook.convert import sheet_lookup
from workbook.messages import problem
from workbook.model import Problem
from workbook.schema import WORKBOOK_SHEETS, norm

MB = 1024 * 1024
#: Largest upload accepted (bytes); override with ENERGY_SCENARIOS_MAX_UPLOAD_MB.
MAX_FILE_BYTES = int(float(os.environ.get("ENERGY_SCENARIOS_MAX_UPLOAD_MB", "50")) * MB)
#: Largest total uncompressed size of the zip members.
MAX_UNZIPPED_BYTES = int(float(os.environ.get("ENERGY_SCENARIOS_MAX_UNZIPPED_MB", "500")) * MB)
#: Largest compression ratio of one member (real sheets compress about 5–20×).
MAX_RATIO = 200
#: Largest XML prolog (declaration, comments) accepted before the root element.
MAX_PROLOG_BYTES = 4 * MB

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def size_problem(size: int, limit: int = MAX_FILE_BYTES) -> Problem | None:
    """A ``file.too_large`` problem when ``size`` exceeds ``limit`` bytes."""
    if size > limit:
        return problem("file.too_large", size_mb=f"{size / MB:.1f}", limit_mb=f"{limit / MB:.0f}")
    return None


def _text_encoding(head: bytes, zeros_within: int = 2) -> str | None:
    """The UTF-16 codec a part starting with ``head`` is written in, or None for UTF-8.

    Follows the XML 1.0 autodetection (Appendix F): a byte-order mark picks UTF-16 and its order;
    without one, a zero byte among the first ``zeros_within`` bytes means UTF-16, big-endian when
    the very first byte is zero (``00 3C`` is ``<``), little-endian otherwise (``3C 00``). A binary
    part (an EMF image starts ``01 00 00 00``) decodes to a harmless control character this way;
    Python's plain "utf-16" codec would raise on it, since it insists on a byte-order mark.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head[:zeros_within]:
        return "utf-16-be" if head[:1] == b"\x00" else "utf-16-le"
    return None


def _prolog_has_dtd(member, max_prolog: int = MAX_PROLOG_BYTES) -> bool:
    """True when a DOCTYPE or ENTITY declaration appears before the XML root element.

    Walks the prolog the way an XML parser does: whitespace, the XML declaration and processing
    instructions (``<? ... ?>``) and comments (``<!-- ... -->``) are skipped; any other ``<!``
    declaration is a DTD; the first ``<`` followed by a name is the root. UTF-16 parts are
    decoded first. A prolog longer than ``max_prolog`` bytes is refused as well (Excel's parts
    start with a one-line declaration).
    """
    head = member.read(4)
    decoder = codecs.getincrementaldecoder(_text_encoding(head) or "utf-8")(errors="replace")
    text, pos, scanned = decoder.decode(head), 0, len(head)
    while True:
        while True:
            while pos < len(text) and text[pos] in " \t\r\n\ufeff":
                pos += 1
            if text.startswith("<?", pos):
                end = text.find("?>", pos + 2)
                if end < 0:
                    break
                pos = end + 2
            elif text.startswith("<!--", pos):
                end = text.find("-->", pos + 4)
                if end < 0:
                    break
                pos = end + 3
            elif text.startswith("<!", pos):
                return True
            elif pos + 1 < len(text):
                return False  # the root element (or malformed XML the parser will reject)
            else:
                break
        chunk = member.read(64 * 1024)
        if not chunk:
            return False
        scanned += len(chunk)
        if scanned > max_prolog:
            return True
        text, pos = text[pos:] + decoder.decode(chunk), 0


def check_xlsx_bytes(data: bytes, max_bytes: int = MAX_FILE_BYTES) -> list[Problem]:
    """Problems that make ``data`` unsafe or impossible to read as .xlsx (empty when fine)."""
    if not data:
        return [problem("file.empty")]
    too_big = size_problem(len(data), max_bytes)
    if too_big:
        return [too_big]
    if data.startswith(OLE2_MAGIC):
        code = "file.encrypted" if _ENCRYPTED_STREAM in data else "file.xls_legacy"
        return [problem(code)]
    if not data.startswith(ZIP_MAGIC):
        return [problem("file.not_xlsx")]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return [problem("file.corrupt", detail=type(exc).__name__)]
    names = {i.filename for i in infos}
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED_BYTES:
        return [problem("file.zip_bomb", detail=f"{total / MB:.0f} MB")]
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > MB:
            return [problem("file.zip_bomb",
                            detail=(f"{info.filename}: {info.file_size / MB:.0f} MB, "
                                    f"ratio {info.file_size / info.compress_size:.0f}:1",
                                    f"{info.filename}: {info.file_size / MB:.0f} MB, "
                                    f"tỷ lệ nén {info.file_size / info.compress_size:.0f}:1"))]
    if "xl/workbook.bin" in names:
        return [problem("file.xlsb")]
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        return [problem("file.not_xlsx")]
    try:
        for info in infos:  # every part, whatever its name (a binary part stops at its first byte)
            if not info.is_dir():
                with archive.open(info) as member:
                    if _prolog_has_dtd(member):
                        return [problem("file.xml_entities", part=info.filename)]
        for part in ("[Content_Types].xml", "xl/workbook.xml"):
            DET.fromstring(archive.read(part))
    except DefusedXmlException:
        return [problem("file.xml_entities", part="xl/workbook.xml")]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError, zlib.error, DET.ParseError) as exc:
        return [problem("file.corrupt", detail=type(exc).__name__)]
    return []


# -- limits on what the reader will allocate ----------------------------------------------------
#: Excel's own largest text in one cell (characters).
EXCEL_MAX_TEXT = 32_767
#: Excel's sheet size, for the messages.
EXCEL_MAX_ROWS, EXCEL_MAX_COLUMNS = 1_048_576, 16_384
_CHUNK = 1 << 20
#: Longest run of bytes without a tag the scan keeps in memory; a longer text is refused outright
#: (even fully entity-escaped it is far over Excel's 32,767 characters).
_MAX_CARRY = 16 * MB


@dataclass(frozen=True)
class Limits:
    """What one uploaded workbook may hold; each has an environment setting (read at each call).

    ``rows`` / ``columns``: the last cell with a value of any sheet (``ENERGY_SCENARIOS_MAX_ROWS``,
    ``ENERGY_SCENARIOS_MAX_COLUMNS``); ``cells``: the cells of every sheet from A1 to its last cell,
    summed (``ENERGY_SCENARIOS_MAX_CELLS``); ``text``: characters in one cell (Excel's 32,767);
    ``variants``: named variants of the Variants sheet (``ENERGY_SCENARIOS_MAX_VARIANTS``).
    """

    rows: int = 200_000
    columns: int = 200
    cells: int = 5_000_000
    text: int = EXCEL_MAX_TEXT
    variants: int = 200

    @classmethod
    def from_env(cls) -> "Limits":
        def get(name: str, default: int) -> int:
            try:
                return max(1, int(float(os.environ.get(f"ENERGY_SCENARIOS_{name}", default))))
            except ValueError:
                return default
        d = cls()
        return cls(get("MAX_ROWS", d.rows), get("MAX_COLUMNS", d.columns), get("MAX_CELLS", d.cells),
                   EXCEL_MAX_TEXT, get("MAX_VARIANTS", d.variants))


class _Refused(Exception):
    """Raised inside a scan to stop at the first problem."""

    def __init__(self, found: Problem):
        super().__init__(found.code)
        self.problem = found


def count_text(value: int) -> tuple[str, str]:
    """A count in each language's digit grouping (200,000 / 200.000)."""
    text = f"{value:,}"
    return text, text.replace(",", ".")


def column_letters(number: int) -> str:
    """1 → A, 16384 → XFD."""
    out = ""
    while number:
        number, rem = divmod(number - 1, 26)
        out = chr(65 + rem) + out
    return out


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix (x:c, x:row)
_CELL_TAG = re.compile(rb"<" + _P + rb"c[\s/>]")
_CELL_REF = re.compile(rb"<" + _P + rb'c\s[^>]*?\br\s*=\s*["\']\$?([A-Za-z]{1,3})\$?([0-9]{1,8})["\'][^>]*>')
#: cells with a reference that are not self-closing (a self-closing cell is formatting only)
_VALUE_REF = re.compile(rb"<" + _P + rb'c\s[^>]*?\br\s*=\s*["\']\$?([A-Za-z]{1,3})\$?([0-9]{1,8})["\'][^>]*(?<!/)>')
_TAG = re.compile(rb"<(/?)" + _P + rb"(row|c)\b([^>]*?)(/?)>")
_ATTR_R = re.compile(rb'\br\s*=\s*["\']\$?([A-Za-z]{0,3})\$?([0-9]{0,8})["\']')
_DTD_ANYWHERE = re.compile(rb"<!\s*(?i:doctype|entity)")
_TEXT_TAG = re.compile(rb"<" + _P + rb"(t|v|is)\b[^>/]*(?:/[^>]+)?>$")
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);|_x[0-9A-Fa-f]{4}_")


def _xml_chars(raw: bytes) -> int:
    """Characters of an XML text run once entities (and Excel's _xHHHH_ escapes) are decoded."""
    text = raw.decode("utf-8", "replace")
    return len(text) - sum(len(m.group()) - 1 for m in _ENTITY.finditer(text))


def _member_chunks(archive: zipfile.ZipFile, part: str):
    """The part's bytes in chunks of about 1 MB; a UTF-16 part is re-encoded as UTF-8."""
    with archive.open(part) as member:
        head = member.read(_CHUNK)
        encoding = _text_encoding(head, zeros_within=4)
        if encoding:
            decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
            while head:
                yield decoder.decode(head).encode("utf-8")
                head = member.read(_CHUNK)
            return
        while head:
            yield head
            head = member.read(_CHUNK)


def _pieces(archive: zipfile.ZipFile, part: str):
    """The part in pieces that each end right before a ``<`` (no tag or text run is split),
    refusing DOCTYPE/ENTITY declarations anywhere and text runs beyond ``_MAX_CARRY`` bytes."""
    carry = b""
    for chunk in _member_chunks(archive, part):
        buffer = carry + chunk
        cut = buffer.rfind(b"<")
        if cut <= 0:
            if len(buffer) > _MAX_CARRY:
                raise _Refused(problem("limits.text_length", where=("", ""), length=count_text(len(buffer)),
                                       limit=count_text(EXCEL_MAX_TEXT)))
            carry = buffer
            continue
        piece, carry = buffer[:cut], buffer[cut:]
        if _DTD_ANYWHERE.search(piece):
            raise _Refused(problem("file.xml_entities", part=part))
        yield piece
    if carry:
        if _DTD_ANYWHERE.search(carry):
            raise _Refused(problem("file.xml_entities", part=part))
        yield carry


def _worksheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) of every worksheet, in the workbook's order."""
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    targets = {}
    try:
        rels = DET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        for rel in rels:
            target = rel.get("Target") or ""
            target = target.lstrip("/") if target.startswith("/") else "xl/" + target
            targets[rel.get("Id")] = posixpath.normpath(target)
    except KeyError:
        pass
    out = []
    for el in DET.fromstring(archive.read("xl/workbook.xml")).iter():
        if el.tag.rsplit("}", 1)[-1] == "sheet":
            part = targets.get(el.get(ns_rel) or el.get("id"))
            if part in archive.NameToInfo:
                out.append((el.get("name") or "", part))
    return out


class _Sheet:
    """What a worksheet part holds: its last row and column with a value, and where."""

    def __init__(self, name: str, part: str):
        self.name, self.part = name, part
        self.rows = self.columns = 0

    def key(self) -> str | None:
        return sheet_lookup(WORKBOOK_SHEETS).get(norm(self.name))  # the reader's own sheet names

    def outside(self, row: int, column: int, limits: Limits) -> _Refused:
        return _Refused(problem("limits.extent", self.key(), row if row <= limits.rows else None, None,
                                name=self.name, cell=f"{column_letters(column)}{row}",
                                rows=count_text(limits.rows), columns=count_text(limits.columns)))


def _may_hold_run(piece: bytes, length: int) -> bool:
    """False when ``piece`` surely has no ``length`` bytes in a row without a ``<``.

    Such a run covers a whole block of ``length // 2`` bytes (blocks counted from the piece's
    start), so when every block holds a ``<`` there is none: one ``find`` per block, each
    stopping at the block's first tag, instead of a look at every byte. True means "maybe".
    """
    block = length // 2
    if block < 1024:
        return True
    find = piece.find
    return any(find(b"<", start, start + block) < 0 for start in range(0, len(piece) - block + 1, block))


def _long_text(sheet_name: str | None, piece: bytes, limit: int) -> Problem | None:
    """A text run of ``piece`` (inside <t>, <v>) longer than ``limit`` characters, located."""
    if (len(piece) <= limit or not _may_hold_run(piece, limit + 1)
            or not re.search(rb">[^<]{%d}" % (limit + 1), piece)):
        return None  # a run has at most as many characters as bytes
    runs = piece.split(b"<")
    if max(map(len, runs)) <= limit:  # a run has at most as many characters as bytes
        return None
    offset = 0
    for run in runs:
        start = offset
        offset += len(run) + 1
        tag_end = run.find(b">")
        text = run[tag_end + 1:]
        if len(text) <= limit or not _TEXT_TAG.match(b"<" + run[:tag_end + 1]):
            continue
        chars = _xml_chars(text)
        if chars <= limit:
            continue
        where = ("", "")
        if sheet_name is not None:
            cell = _CELL_REF.findall(piece, 0, start)
            ref = (cell[-1][0] + cell[-1][1]).decode().upper() if cell else "?"
            where = (f"Sheet '{sheet_name}', cell {ref}: ", f"Sheet '{sheet_name}', ô {ref}: ")
        return problem("limits.text_length", where=where, length=count_text(chars), limit=count_text(limit))
    return None


def _cell_refs(piece: bytes):
    """Row and column of every ``<c r="..."`` cell with a value in ``piece``, vectorised.

    Returns ``(rows, columns)`` (int64 arrays), or None when a reference is not the plain
    ``<c r="A1"`` form (another attribute first, lowercase, a namespace prefix, no reference):
    the caller then walks the tags one by one.
    """
    n = len(piece)
    if b":c " in piece or b":c>" in piece:
        return None
    a = np.frombuffer(piece, dtype=np.uint8)
    if n < 16:
        return (np.zeros(0, np.int64),) * 2 if b"<c" not in piece else None
    start = np.flatnonzero((a[: n - 7] == 60) & (a[1: n - 6] == 99))
    start = start[np.isin(a[start + 2], (32, 62, 47, 9, 10, 13))]  # <c followed by space, > or /
    if not len(start):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    for k, byte in enumerate(b' r="', start=2):
        if (a[start + k] != byte).any():
            return None
    pos = start + 6  # the reference's first character
    w = a[np.minimum(pos[:, None] + np.arange(13), n - 1)].astype(np.int32)
    letter = (w >= 65) & (w <= 90)
    n_let = np.argmin(letter[:, :4], axis=1)
    if (n_let == 0).any() or letter[:, :4].all(axis=1).any():
        return None
    span = np.arange(3)
    weight = np.where(span[None, :] < n_let[:, None], 26 ** np.maximum(n_let[:, None] - 1 - span[None, :], 0), 0)
    cols = ((w[:, :3] - 64) * weight).sum(axis=1)
    d = np.take_along_axis(w, n_let[:, None] + np.arange(9)[None, :], axis=1) - 48
    digit = (d >= 0) & (d <= 9)
    n_dig = np.argmin(digit, axis=1)
    stop = np.take_along_axis(d, n_dig[:, None], axis=1)[:, 0] + 48
    if (n_dig == 0).any() or (stop != 34).any():
        return None
    span = np.arange(9)
    weight = np.where(span[None, :] < n_dig[:, None], 10 ** np.maximum(n_dig[:, None] - 1 - span[None, :], 0), 0)
    rows = (np.where(digit, d, 0).astype(np.int64) * weight).sum(axis=1)
    closing = np.flatnonzero(a == 62)
    after = np.searchsorted(closing, pos)
    if (after >= len(closing)).any():
        return None
    valued = a[closing[after] - 1] != 47  # a self-closing cell is formatting only
    return rows[valued], cols[valued]


# the fast look matches only the plain forms Excel and openpyxl write (literal prefixes keep the
# regular expressions fast): a cell tag starting with its reference, one letter and at most five
# digits (``<c r="A1"``), a row tag starting with its number of at most five digits. A piece with
# any other tag looks closer: a reference of six digits or more is checked against the limit;
# a cell without its plain reference first (none, another attribute first, other spacing or
# quotes), columns beyond Z, a row without its number first, a namespace-prefixed cell or any
# other spelling of an ``r`` attribute (``r = "``, ``r='``) send it to the exact scan.
_CELL_NOT_SHORT = re.compile(rb'<c(?! r="[A-Za-z][0-9]{1,5}"|[A-Za-z_.:-])')
_ROW_NOT_SHORT = re.compile(rb'<row(?! r="[0-9]{1,5}")')
_CELL_NOT_PLAIN = re.compile(rb'<c(?! r="|[A-Za-z_.:-])')
_ROW_NOT_PLAIN = re.compile(rb'<row(?! r=")')
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_WIDE_REF = re.compile(rb'r="[A-Za-z]{2,}\d')
_LONG_ROW_REF = re.compile(rb'r="[A-Za-z]*(\d{6,})"')
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_ODD_REF = re.compile(rb"r(?:\s+=|=\s|=')")
_SPACE = np.zeros(256, dtype=bool)
_SPACE[list(b" \t\n\r\f\v")] = True  # what \s matches in a bytes pattern
_SPACE_OR_QUOTE = _SPACE.copy()
_SPACE_OR_QUOTE[ord("'")] = True


def _odd_ref(piece: bytes) -> bool:
    """:data:`_ODD_REF` searched only when an ``=`` has a space before it or a space or single
    quote after it (the bytes around every ``=``, vectorised: about 3× faster than the search)."""
    a = np.frombuffer(piece, dtype=np.uint8)
    eq = np.flatnonzero(a[1:-1] == 61) + 1
    if not (_SPACE[a[eq - 1]].any() or _SPACE_OR_QUOTE[a[eq + 1]].any()):
        return False
    return _ODD_REF.search(piece) is not None


def _fast_extent(piece: bytes, limits: Limits) -> int | None:
    """The last row of ``piece`` when every reference in it is plainly inside the limits, else None.

    A cheap first look for the common case (every cell tag starting with its plain reference
    ``<c r="A1"``, columns A–Z, every ``<row>`` numbered, no row number beyond the limit,
    counting formatting-only cells too): a few regular-expression searches instead of locating
    every cell. The reader takes a cell's first ``r`` attribute, the one looked at here. When it
    cannot say, the exact scan (:func:`_cell_refs`, cells with a value only) decides.
    """
    if limits.columns < 26 or _PREFIXED_CELL.search(piece) or _odd_ref(piece):
        return None
    big = []
    if _ROW_NOT_SHORT.search(piece) or _CELL_NOT_SHORT.search(piece):  # look closer
        if _ROW_NOT_PLAIN.search(piece) or _CELL_NOT_PLAIN.search(piece) or _WIDE_REF.search(piece):
            return None  # positions must be counted, or a column beyond Z
        big = _LONG_ROW_REF.findall(piece)
        if any(len(b) > 7 or int(b) > limits.rows for b in big):
            return None
    if limits.rows >= 99_999:
        # every 5-digit row number is inside the limit and longer ones were checked above: the
        # piece's extent is its last numbered row (rows come in order in what Excel writes; a
        # file out of order only makes the cell count an estimate, never lets a cell outside)
        at = piece.rfind(b'<row r="')
        m = _ROW_NUMBER.match(piece, at) if at >= 0 else None
        last = max([int(m.group(1)) if m else 0, *map(int, big)])
    else:
        last = max(map(int, _ROW_NUMBER.findall(piece)), default=0)
    return last if last <= limits.rows else None


_ERROR_VALUE_DQ, _ERROR_VALUE_SQ = re.compile(rb'"e"'), re.compile(rb"'e'")


def _may_hold_error(piece: bytes) -> bool:
    """An ``"e"`` or ``'e'`` anywhere (the value of an error cell's ``t``), by literal searches."""
    return bool(_ERROR_VALUE_DQ.search(piece) or (b"'" in piece and _ERROR_VALUE_SQ.search(piece)))


def _scan_sheet(archive: zipfile.ZipFile, sheet: _Sheet, limits: Limits, exact: bool = False,
                error_parts: set[str] | None = None) -> bool:
    """Find the sheet's last cell (streamed, bounded memory); raise at a limit.

    Returns True when the extent is exact (cells with a value), False when the fast look gave an
    upper bound (every row counted, 26 columns): the caller scans again exactly if that bound is
    what exceeds the cell limit.
    """
    sequential = False
    row = col = 0
    bounded = False
    for piece in _pieces(archive, sheet.part):
        found = _long_text(sheet.name, piece, limits.text)
        if found:
            raise _Refused(replace(found, sheet=sheet.key()))
        if error_parts is not None and sheet.part not in error_parts and _may_hold_error(piece):
            error_parts.add(sheet.part)  # may hold an error value (t="e"): workbook.formats looks
        last = None if (exact or sequential) else _fast_extent(piece, limits)
        if last is not None:
            if last:
                sheet.rows, sheet.columns = max(sheet.rows, last), max(sheet.columns, 26)
                bounded = True
            continue
        refs = None if sequential else _cell_refs(piece)
        if refs is None:
            sequential = True  # from here on, count positions the way a reader does
            for m in _TAG.finditer(piece):
                closing, tag, attrs, empty = m.groups()
                if closing:
                    continue
                ref = _ATTR_R.search(attrs)
                if tag == b"row":
                    row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                    col = 0
                    continue
                if ref and ref.group(1):
                    col = _column_number(ref.group(1))
                    row = int(ref.group(2)) if ref.group(2) else row
                else:
                    col += 1
                if not empty:
                    _extend(sheet, max(row, 1), col, limits)
            continue
        rows, cols = refs
        if not len(rows):
            continue
        outside = np.flatnonzero((rows > limits.rows) | (cols > limits.columns))
        if len(outside):
            raise sheet.outside(int(rows[outside[0]]), int(cols[outside[0]]), limits)
        _extend(sheet, int(rows.max()), int(cols.max()), limits)
    return not bounded


def _extend(sheet: _Sheet, row: int, col: int, limits: Limits) -> None:
    if row > limits.rows or col > limits.columns:
        raise sheet.outside(row, col, limits)
    sheet.rows, sheet.columns = max(sheet.rows, row), max(sheet.columns, col)


def _shared_strings(archive: zipfile.ZipFile, limits: Limits) -> tuple[int, int] | None:
    """The index and length of the first shared string longer than ``limits.text``, or None.

    Streamed through expat (no DTD is accepted: declarations were refused before), counting the
    characters of each ``<si>``'s text runs (rich-text runs summed; phonetic runs left out).
    """
    part = next((n for n in archive.NameToInfo if n.lower() == "xl/sharedstrings.xml"), None)
    if part is None:
        return None
    state = {"index": -1, "length": 0, "in_t": 0, "rph": 0}
    found: list[tuple[int, int]] = []

    def start(tag, _attrs):
        local = tag.rsplit(" ", 1)[-1]
        if local == "si":
            state["index"] += 1
            state["length"] = 0
        elif local == "t":
            state["in_t"] += 1
        elif local == "rPh":
            state["rph"] += 1

    def end(tag):
        local = tag.rsplit(" ", 1)[-1]
        if local == "t":
            state["in_t"] -= 1
        elif local == "rPh":
            state["rph"] -= 1
        elif local == "si" and state["length"] > limits.text:
            found.append((state["index"], state["length"]))
            raise _Refused(problem("limits.text_length", where=("", ""), length=count_text(0), limit=count_text(0)))

    def text(data):
        if state["in_t"] and not state["rph"]:
            state["length"] += len(data) - sum(len(m.group()) - 1 for m in _X_ESCAPE.finditer(data))

    def no_dtd(*_args):
        raise _Refused(problem("file.xml_entities", part=part))

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = no_dtd
    parser.buffer_text = True
    try:
        for piece in _pieces(archive, part):
            parser.Parse(piece, False)
        parser.Parse(b"", True)
    except _Refused:
        if not found:
            raise
        return found[0]
    except expat.ExpatError:
        return None  # malformed: the reader reports it
    return None


_X_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")


def _locate_shared(archive: zipfile.ZipFile, sheets: list[_Sheet], index: int) -> tuple[_Sheet, str] | None:
    """The first cell (sheet, reference) that shows shared string ``index``."""
    pattern = re.compile(rb"<" + _P + rb"c\s([^>]*?)(?<!/)>\s*<" + _P + rb"v>\s*" + str(index).encode()
                         + rb"\s*</")
    for sheet in sheets:
        for piece in _pieces(archive, sheet.part):
            for m in pattern.finditer(piece):
                attrs = m.group(1)
                if re.search(rb'\bt\s*=\s*["\']s["\']', attrs):
                    ref = _ATTR_R.search(attrs)
                    return sheet, (ref.group(1) + ref.group(2)).decode().upper() if ref else "?"
    return None


def check_limits(data: bytes, limits: Limits | None = None, *, error_parts: set[str] | None = None
                 ) -> list[Problem]:
    """Problems when the workbook holds more than ``limits`` allow (empty when it does not).

    Runs before the spreadsheet reader allocates anything: each worksheet part is streamed in
    chunks of about 1 MB and its last cell *with a value* is found with a regular expression
    (a self-closing ``<c r="XFD1048576" s="3"/>`` is formatting only: the reader skips it, so it
    does not count). The declared ``<dimension ref="A1:XFD1048576"/>`` is not used: real files
    often declare far more than they hold, and python-calamine builds its range from the actual
    cells. Checked: the last row and column of every sheet, the cells from A1 to the last cell of
    all sheets together, the text length of every cell (shared strings, inline strings, formula
    texts), and DOCTYPE/ENTITY declarations anywhere in the sheets and the shared strings.
    Expects a package that passed :func:`check_xlsx_bytes`. ``error_parts``, when given, is
    filled with the sheet parts that may hold an error value (so :mod:`workbook.formats` need not
    read the others again).
    """
    limits = limits or Limits.from_env()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        sheets = [_Sheet(name, part) for name, part in _worksheets(archive)]
        total = 0
        for sheet in sheets:
            if (not _scan_sheet(archive, sheet, limits, error_parts=error_parts)
                    and total + sheet.rows * sheet.columns > limits.cells):
                sheet.rows = sheet.columns = 0  # the fast bound is too coarse here: count exactly
                _scan_sheet(archive, sheet, limits, exact=True)
            total += sheet.rows * sheet.columns
            if total > limits.cells:
                biggest = max(sheets, key=lambda s: s.rows * s.columns)
                return [problem("limits.cells", biggest.key(), None, None, cells=count_text(total),
                                limit=count_text(limits.cells), name=biggest.name,
                                cell=f"{column_letters(biggest.columns)}{biggest.rows}")]
        long_string = _shared_strings(archive, limits)
        if long_string:
            index, length = long_string
            at = _locate_shared(archive, sheets, index)
            where = (("", "") if at is None else
                     (f"Sheet '{at[0].name}', cell {at[1]}: ", f"Sheet '{at[0].name}', ô {at[1]}: "))
            return [problem("limits.text_length", at[0].key() if at else None, None, None, where=where,
                            length=count_text(length), limit=count_text(limits.text))]
    except _Refused as stop:
        return [stop.problem]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError,
            zlib.error, KeyError, DET.ParseError) as exc:
        return [problem("file.corrupt", detail=type(exc).__name__)]
    except DefusedXmlException:
        return [problem("file.xml_entities", part="xl/workbook.xml")]
    return []


def memory_limit_mb() -> int:
    """Memory one upload's reading may use (MB), ``ENERGY_SCENARIOS_PARSE_MEMORY_MB`` (2048)."""
    try:
        return max(64, int(float(os.environ.get("ENERGY_SCENARIOS_PARSE_MEMORY_MB", "2048"))))
    except ValueError:
        return 2048


def time_limit_s() -> float:
    """Seconds one upload's reading may take, ``ENERGY_SCENARIOS_PARSE_SECONDS`` (8)."""
    try:
        return max(0.001, float(os.environ.get("ENERGY_SCENARIOS_PARSE_SECONDS", "8")))
    except ValueError:
        return 8.0
