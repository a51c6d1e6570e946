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
import zipfile
import zlib

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from workbook.messages import problem
from workbook.model import Problem

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


def _prolog_has_dtd(member, max_prolog: int = MAX_PROLOG_BYTES) -> bool:
    """True when a DOCTYPE or ENTITY declaration appears before the XML root element.

    Walks the prolog the way an XML parser does: whitespace, the XML declaration and processing
    instructions (``<? ... ?>``) and comments (``<!-- ... -->``) are skipped; any other ``<!``
    declaration is a DTD; the first ``<`` followed by a name is the root. UTF-16 parts are
    decoded first. A prolog longer than ``max_prolog`` bytes is refused as well (Excel's parts
    start with a one-line declaration).
    """
    head = member.read(4)
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) > 1 and b"\x00" in head[:2])
    decoder = codecs.getincrementaldecoder("utf-16" if utf16 else "utf-8")(errors="replace")
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
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")):
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
