"""Refuse unsafe or unreadable files before any parser sees them.

Checks, in order: size, the file signature (old .xls and password-protected workbooks are OLE2
compound files; .xlsx is a zip), the zip's declared uncompressed size and compression ratio
(zip bombs), the package's main parts, and DOCTYPE/entity declarations in any XML part (entity
bombs; Excel never writes a DTD). The package's small structural parts are parsed with
defusedxml, which rejects entities outright.
"""
from __future__ import annotations

import io
import os
import re
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

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def size_problem(size: int, limit: int = MAX_FILE_BYTES) -> Problem | None:
    """A ``file.too_large`` problem when ``size`` exceeds ``limit`` bytes."""
    if size > limit:
        return problem("file.too_large", size_mb=f"{size / MB:.1f}", limit_mb=f"{limit / MB:.0f}")
    return None


def _prolog_has_dtd(member: zipfile.ZipExtFile, max_scan: int = 1 * MB) -> bool:
    """True when a DOCTYPE or ENTITY declaration appears before the XML root element."""
    seen = b""
    while len(seen) < max_scan:
        chunk = member.read(64 * 1024)
        if not chunk:
            break
        seen += chunk
        root = None
        for match in _ROOT_START.finditer(seen):
            root = match.start()
            break
        head = seen if root is None else seen[:root]
        if _DTD.search(head):
            return True
        if root is not None:
            return False
    return bool(_DTD.search(seen))


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
