"""Parsing that cannot hurt the server: crafted files through the worker, the CLI and the app.

Every file is built here from the bundled sample (zipfile edits of its XML, or openpyxl), never
stored. Each case states its outcome (loaded, or refused with a problem code) and is run through
:func:`workbook.worker.read_in_worker`, ``check`` as a subprocess (exit 1, no traceback) and the
app's upload (AppTest: the refusal is shown and the session keeps its scenario).
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from apptest_support import current_scenario, new_app
from paths import ROOT, SAMPLES
from workbook.read import read_scenario
from workbook.safety import Limits, check_limits
from workbook.schema import VARIANTS
from workbook.worker import read_in_worker

SAMPLE = SAMPLES / "sample_factory_vi.xlsx"
ACTIVITIES = "xl/worksheets/sheet2.xml"  # the sample's 'Hoạt động' sheet
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NO_LIMITS = {"ENERGY_SCENARIOS_MAX_ROWS": "2000000", "ENERGY_SCENARIOS_MAX_COLUMNS": "20000",
             "ENERGY_SCENARIOS_MAX_CELLS": "1e13"}
DOCTYPE = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'


# -- building the files -------------------------------------------------------------------------
def repack(data: bytes, edits: dict | None = None, extra: dict | None = None) -> bytes:
    """``data`` (an .xlsx) with parts changed by ``edits`` (part → function of its bytes) and
    parts added from ``extra`` (part → bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if edits and info.filename in edits:
                body = edits[info.filename](body)
            z.writestr(info.filename, body)
        for part, body in (extra or {}).items():
            z.writestr(part, body)
    return out.getvalue()


def sample() -> bytes:
    data = SAMPLE.read_bytes()
    assert b'name="Ho\xe1\xba\xa1t \xc4\x91\xe1\xbb\x99ng" sheetId="2"' in zipfile.ZipFile(
        io.BytesIO(data)).read("xl/workbook.xml")
    return data


def add_cells(*cells: str, dimension: str | None = None) -> bytes:
    """The sample with ``<c>`` elements (full XML) added to the Activities sheet, one row each."""
    def edit(xml: bytes) -> bytes:
        rows = "".join(f'<row r="{re.search(r"[0-9]+", c).group()}">{c}</row>' for c in cells)
        xml = xml.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
        if dimension:
            xml = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), xml)
        return xml
    return repack(sample(), {ACTIVITIES: edit})


def value_at(ref: str) -> str:
    return f'<c r="{ref}" t="n"><v>1</v></c>'


def with_openpyxl(change) -> bytes:
    book = openpyxl.load_workbook(SAMPLE)
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_shared_strings(*texts: bytes, prolog: bytes = b"") -> bytes:
    """The sample with a sharedStrings part (``texts`` as its <si> bodies) whose string i shows
    in cell J(20 + i) of the Activities sheet (openpyxl cuts texts at 32,767 and writes inline)."""
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    strings = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog + b"<sst " + ns + b">"
               + b"".join(b"<si>" + t + b"</si>" for t in texts) + b"</sst>")
    cells = b"".join(b'<row r="%d"><c r="J%d" t="s"><v>%d</v></c></row>' % (20 + i, 20 + i, i)
                     for i in range(len(texts)))
    rel = (b'<Relationship Id="rIdSST" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
           b'officeDocument/2006/relationships/sharedStrings"/></Relationships>')
    override = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    return repack(sample(), {ACTIVITIES: lambda x: x.replace(b"</sheetData>", cells + b"</sheetData>"),
                             "xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", rel),
                             "[Content_Types].xml": lambda x: x.replace(b"</Types>", override)},
                  extra={"xl/sharedStrings.xml": strings})


def many_variants(book) -> None:
    ws = book.create_sheet(VARIANTS.vi)
    ws.append([c.vi for c in VARIANTS.columns])
    for i in range(3_000):
        ws.append([f"PA {i + 1}"])


def row_20(cells: bytes) -> bytes:
    """The sample with a row 20 of ``cells`` (full XML) added to the Activities sheet."""
    return repack(sample(), {ACTIVITIES: lambda xml: xml.replace(
        b"</sheetData>", b'<row r="20">' + cells + b"</row></sheetData>")})


def no_references() -> bytes:
    """Cells without r attributes (allowed by the format): counted by position, loads."""
    return row_20(b'<c t="n"><v>1</v></c><c t="n"><v>2</v></c>')


def many_cells_without_references() -> bytes:
    """300 cells without r attributes in one row: they reach column KN, beyond the 200-column
    limit, although no reference says so (the reader counts them by position)."""
    return row_20(b'<c t="n"><v>1</v></c>' * 300)


def prefixed_far_cell() -> bytes:
    """A namespace-prefixed cell far away (some generators write x:c): still found."""
    def edit(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                            b'r="900000"><x:c r="A900000" t="n"><x:v>1</x:v></x:c></x:row></sheetData>')
    return repack(sample(), {ACTIVITIES: edit})


def shared_strings_doctype() -> bytes:
    return with_shared_strings(b"<t>note</t>", prolog=DOCTYPE)


@dataclass(frozen=True)
class Case:
    id: str
    build: object
    expect: str | None  # None: loads; else the problem code that refuses it
    env: dict = field(default_factory=dict)
    where: str | None = None  # text the refusal's message must contain
    worker: dict = field(default_factory=dict)  # read_in_worker's limits (the env for CLI and app)


CASES = [
    Case("last_cell_xfd", lambda: add_cells(value_at("XFD1048576"), dimension="A1:XFD1048576"),
         "limits.extent", where="XFD1048576"),
    Case("cell_bh1048576", lambda: add_cells(value_at("BH1048576")), "limits.extent", where="BH1048576"),
    Case("huge_dimension_small_data", lambda: add_cells(dimension="A1:XFD1048576"), None),
    Case("formatting_only_far_cell", lambda: add_cells('<c r="XFD1048576" s="0"/>', dimension="A1:XFD1048576"),
         None),
    Case("rows_over_limit", lambda: add_cells(value_at("A200001")), "limits.extent", where="A200001"),
    Case("rows_over_lowered_limit", lambda: add_cells(value_at("A60")), "limits.extent",
         env={"ENERGY_SCENARIOS_MAX_ROWS": "50"}, where="A60"),
    Case("columns_over_limit", lambda: add_cells(value_at("GS5")), "limits.extent", where="GS5"),
    Case("total_cells_over_limit", sample, "limits.cells", env={"ENERGY_SCENARIOS_MAX_CELLS": "100"}),
    Case("inline_text_40000", lambda: add_cells(f'<c r="J20" t="inlineStr"><is><t>{"ư" * 40_000}</t></is></c>'),
         "limits.text_length", where="J20"),
    Case("shared_text_40000", lambda: with_shared_strings(b"<t>ok</t>", "<r><t>ư</t></r>".encode() * 40_000),
         "limits.text_length", where="J21"),
    Case("shared_text_32767_loads", lambda: with_shared_strings(b"<t>" + b"&amp;" * 32_767 + b"</t>"), None),
    Case("variants_3000", lambda: with_openpyxl(many_variants), "limits.variants"),
    Case("doctype_in_sheet_prolog", lambda: repack(sample(), {ACTIVITIES: lambda x: DOCTYPE + x}),
         "file.xml_entities", where="sheet2.xml"),
    Case("doctype_inside_sheet", lambda: repack(sample(), {ACTIVITIES: lambda x: x.replace(
        b"<sheetData>", b"<sheetData>" + DOCTYPE)}), "file.xml_entities", where="sheet2.xml"),
    Case("doctype_in_shared_strings", shared_strings_doctype, "file.xml_entities", where="sharedStrings"),
    Case("doctype_in_odd_part", lambda: repack(sample(), extra={"xl/custom/data.bin": b"<?xml version='1.0'?>"
                                                                + DOCTYPE + b"<a>&a;</a>"}),
         "file.xml_entities", where="data.bin"),
    Case("cells_without_references", no_references, None),
    Case("many_cells_without_references", many_cells_without_references, "limits.extent", where="GS20"),
    Case("prefixed_far_cell", prefixed_far_cell, "limits.extent", where="A900000"),
    Case("reader_abort_is_contained", lambda: add_cells(value_at("XFD1048576")), "limits.memory|limits.crashed",
         env=NO_LIMITS),
    Case("memory_limit", lambda: add_cells(value_at("BH1048576")), "limits.memory|limits.crashed",
         env={**NO_LIMITS, "ENERGY_SCENARIOS_PARSE_MEMORY_MB": "300"}),
    Case("time_limit", sample, "limits.time", env={"ENERGY_SCENARIOS_PARSE_SECONDS": "0.001"}),
    Case("sample_control", sample, None),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("crafted")
    out = {}
    for case in CASES:
        out[case.id] = folder / f"{case.id}.xlsx"
        out[case.id].write_bytes(case.build())
    return out


def assert_outcome(case: Case, problems, ok: bool) -> None:
    if case.expect is None:
        assert ok, [p.code for p in problems if p.severity == "error"]
        return
    assert not ok
    codes = {p.code for p in problems}
    matching = [p for p in problems if p.code in case.expect.split("|")]
    assert matching, (case.id, codes)
    p = matching[0]
    assert p.message_en and p.message_vi and p.message_en != p.message_vi
    if case.where:
        assert case.where in p.message_en and case.where in p.message_vi


# -- the worker ---------------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_worker(case, files, monkeypatch):
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    t0 = time.perf_counter()
    result = read_in_worker(files[case.id].read_bytes(), files[case.id].name)
    elapsed = time.perf_counter() - t0
    assert_outcome(case, result.problems, result.ok)
    assert (result.scenario is None) == (case.expect is not None and not case.expect.startswith("limits.variants"))
    assert elapsed < 10, elapsed  # every upload is answered within 10 s


def test_the_issues_files_are_refused_in_under_a_second(files):
    """The checks take well under a second; the worker adds its interpreter's start (~0.5 s)."""
    for name in ("last_cell_xfd", "cell_bh1048576", "variants_3000"):
        data = files[name].read_bytes()
        t0 = time.perf_counter()
        assert not read_scenario(data).ok
        assert time.perf_counter() - t0 < 1.0, name
        t0 = time.perf_counter()
        assert not read_in_worker(data, name).ok
        assert time.perf_counter() - t0 < 3.0, name


def test_the_refusal_names_the_sheet_the_cell_and_the_fix(files):
    p = check_limits(files["last_cell_xfd"].read_bytes())[0]
    assert (p.sheet, p.row, p.severity) == ("Activities", None, "error")
    assert p.message_en.startswith("Sheet 'Hoạt động': a cell at XFD1048576 is outside the limits "
                                   "(rows ≤ 200,000, columns ≤ 200)")
    assert "delete the stray cell" in p.message_en.lower()
    assert p.message_vi.startswith("Sheet 'Hoạt động': ô XFD1048576 nằm ngoài giới hạn (số dòng ≤ 200.000")


def test_in_process_reader_applies_the_same_checks(files):
    assert read_scenario(files["last_cell_xfd"]).problems[0].code == "limits.extent"
    assert read_scenario(files["huge_dimension_small_data"]).ok


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ENERGY_SCENARIOS_MAX_ROWS", "1234")
    monkeypatch.setenv("ENERGY_SCENARIOS_MAX_VARIANTS", "7")
    limits = Limits.from_env()
    assert (limits.rows, limits.variants, limits.text) == (1234, 7, 32_767)


# -- the command line ---------------------------------------------------------------------------
@pytest.mark.parametrize("case", [c for c in CASES if c.id in {
    "last_cell_xfd", "huge_dimension_small_data", "variants_3000", "shared_text_40000",
    "doctype_in_shared_strings", "reader_abort_is_contained", "time_limit", "total_cells_over_limit"}],
    ids=lambda c: c.id)
@pytest.mark.parametrize("command", ["check", "summary"])
def test_cli_check_and_summary(case, command, files):
    env = {**os.environ, **case.env}
    proc = subprocess.run([sys.executable, "-m", "cli.main", command, str(files[case.id]), "--lang", "vi"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == (0 if case.expect is None else 1), proc.stdout + proc.stderr
    if case.expect:  # check prints the problems on stdout, summary (which has no totals to print) on stderr
        assert any(code in proc.stdout + proc.stderr for code in case.expect.split("|")), proc.stdout


# -- the app ------------------------------------------------------------------------------------
def test_app_upload_of_every_case_keeps_or_replaces_the_scenario(files, monkeypatch):
    at = new_app("en").run()
    at.sidebar.radio(key="sidebar_source_en").set_value("upload").run()
    for case in CASES:
        for key in {k for c in CASES for k in c.env}:
            monkeypatch.delenv(key, raising=False)
        for key, value in case.env.items():
            monkeypatch.setenv(key, value)
        before = current_scenario(at)
        name = files[case.id].name
        at.file_uploader(key="sidebar_upload_en").set_value((name, files[case.id].read_bytes(), XLSX)).run()
        assert not at.exception, case.id
        if at.session_state["upload_report"] is None:  # a good file would replace one opened before: confirm
            assert at.session_state["confirm"]["kind"] == "replace", case.id
            at.button(key="confirm_yes").click().run()
        report = at.session_state["upload_report"]
        assert report["name"] == name
        assert_outcome(case, report["problems"], report["loaded"])
        if case.expect is None:
            assert current_scenario(at) is not before and any(name in s.value for s in at.success)
        else:
            assert current_scenario(at) is before, case.id  # the session keeps its scenario
            assert any("Could not load" in e.value for e in at.error), case.id
