"""Helpers that build small scenario workbooks (and broken files) for the workbook tests.

Everything is built in memory with openpyxl / zipfile so each test states its own layout:
``book({"Company": rows, "Activities": rows})`` writes each sheet's rows starting at Excel row 1
(``None`` leaves a cell empty; an empty list leaves the whole row empty), so a test knows the
Excel row of every cell it writes.
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import openpyxl

# `python -m pytest` puts the project root on sys.path; plain `pytest` does not, and the sample
# scenario lives in the top-level `sample_data` folder (not an installed package).
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLE_DIR = ROOT / "sample_data"

# -- headers, in both languages (as a user would type them) --------------------------------------
ACTIVITY_HEADERS = {
    "en": ["Site", "Scope", "Category", "Source", "Fuel / energy", "Quantity", "Unit",
           "Emission factor (override)", "Known emissions"],
    "vi": ["Cơ sở", "Phạm vi", "Hạng mục", "Nguồn phát thải", "Nhiên liệu / năng lượng",
           "Lượng tiêu thụ", "Đơn vị", "Hệ số phát thải (ghi đè)", "Phát thải đã biết"],
}
#: column index (0-based) of each canonical key in ACTIVITY_HEADERS
ACT = {k: i for i, k in enumerate(["site", "scope", "category", "source", "fuel", "quantity", "unit",
                                    "factor_tco2e_per_unit", "tco2e"])}

COMPANY_LABELS = {
    "en": {"header": ["Field", "Value"], "name": "Company name", "base_year": "Base year",
           "currency": "Currency", "sector": "Sector"},
    "vi": {"header": ["Thông tin", "Giá trị"], "name": "Tên công ty", "base_year": "Năm cơ sở",
           "currency": "Đơn vị tiền tệ", "sector": "Ngành"},
}
SHEET_NAMES = {
    "en": {"Company": "Company", "Activities": "Activities"},
    "vi": {"Company": "Công ty", "Activities": "Hoạt động"},
}


def activity(site="Plant 1", scope=1, category="stationary", source="Diesel generator",
             fuel="diesel", quantity=1385, unit="L", factor=None, tco2e=None) -> list:
    """One Activities data row in ACTIVITY_HEADERS order (a valid row by default)."""
    return [site, scope, category, source, fuel, quantity, unit, factor, tco2e]


def company_rows(lang: str = "en", name="ACME Textiles", base_year=2021) -> list[list]:
    """A Company field/value sheet: header on row 1, name on row 2, base year on row 3."""
    labels = COMPANY_LABELS[lang]
    return [labels["header"], [labels["name"], name], [labels["base_year"], base_year]]


def activities_rows(*rows: list, lang: str = "en") -> list[list]:
    """An Activities sheet: header on row 1, then the given rows from Excel row 2."""
    return [ACTIVITY_HEADERS[lang], *rows]


def book(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx with the given sheets; each sheet's rows start at Excel row 1, column A."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def minimal_book(*activity_rows: list, lang: str = "en", company: list[list] | None = None) -> bytes:
    """Company + Activities workbook in one language (a valid diesel row when none given)."""
    rows = activity_rows or (activity(),)
    return book({
        SHEET_NAMES[lang]["Company"]: company if company is not None else company_rows(lang),
        SHEET_NAMES[lang]["Activities"]: activities_rows(*rows, lang=lang),
    })


# -- zip surgery ---------------------------------------------------------------------------------
def zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return out.getvalue()


def rewrite_zip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The same package with some members' contents replaced (or added)."""
    members = zip_members(data)
    members.update(replace)
    return make_zip(members)


ENTITY_BOMB_DTD = (
    b'<!DOCTYPE lolz [\n'
    b' <!ENTITY lol "lol">\n'
    b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    b' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n'
    b' <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">\n'
    b']>\n'
)


def with_prolog(xml: bytes, prolog: bytes) -> bytes:
    """Insert ``prolog`` right after the XML declaration (or at the start when there is none)."""
    if xml.startswith(b"<?xml"):
        end = xml.index(b"?>") + 2
        return xml[:end] + b"\n" + prolog + xml[end:]
    return prolog + xml


def first_sheet_part(data: bytes) -> str:
    return sorted(n for n in zip_members(data) if n.startswith("xl/worksheets/sheet"))[0]


def sample_bytes(lang: str = "en") -> bytes:
    return (SAMPLE_DIR / f"sample_factory_{lang}.xlsx").read_bytes()


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def summary(problems) -> list[tuple]:
    """(sheet, row, column, code, severity) of each problem, for readable assertion messages."""
    return [(p.sheet, p.row, p.column, p.code, p.severity) for p in problems]
