"""No silent misreading, partial rows do not block: a corpus of crafted workbooks, each with its
expected outcome, run through the reader, ``check --json`` and the app's upload (AppTest).

Every workbook is generated here with openpyxl (and zip surgery where openpyxl cannot write the
case), so each case states its layout and the Excel row of every cell: the expected value or the
expected (sheet, row, column, code, severity) come from that layout, not from the code under test.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import openpyxl
import pytest

from workbook_builders import ROOT, activities_rows, activity, company_rows, rewrite_zip, summary, zip_members

from workbook.formats import cell_ref, is_percent_format
from workbook.read import read_scenario

PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MEASURE_HEAD = ["ID", "Name", "Fuel / energy", "Method", "Known saving per year", "Saving unit",
                "Energy price", "Equipment cost", "Other investment", "Saving [%]"]
TARGET_HEAD = ["Name", "Type", "Scope", "Base year", "Target year", "Reduction [%]"]
FIN_HEAD = ["Measure ID", "Type", "Share of investment", "Interest rate", "Term"]


# -- the generator -------------------------------------------------------------------------------
@dataclass
class Cell:
    """A cell written with a number format or as an Excel error value."""
    value: object
    fmt: str | None = None
    error: bool = False


@dataclass
class Case:
    name: str
    sheets: dict
    #: problems that must be there: (sheet, row, column, code, severity)
    expect: list = field(default_factory=list)
    #: True when the file must load (no error)
    loads: bool = True
    #: (sheet key, column, record index or field, value) the loaded scenario must hold
    values: list = field(default_factory=list)
    hidden: dict = field(default_factory=dict)   # sheet name → "hidden" / "veryHidden"
    patch: object = None                        # bytes → bytes (zip surgery)


def build(case: Case) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in case.sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c)
                if isinstance(value, Cell):
                    cell.value = value.value
                    if value.error:
                        cell.data_type = "e"
                    if value.fmt:
                        cell.number_format = value.fmt
                else:
                    cell.value = value
        if name in case.hidden:
            ws.sheet_state = case.hidden[name]
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    return case.patch(data) if case.patch else data


def base(**extra) -> dict:
    """Company + one valid diesel row (Activities row 2), plus the given sheets."""
    return {"Company": company_rows(), "Activities": activities_rows(activity()), **extra}


def measure(mid="M1", name="LED", fuel="diesel", method="direct", qty=100, unit="L", price=20_000,
            capex=1_000_000, other=None, pct=None) -> list:
    return [mid, name, fuel, method, qty, unit, price, capex, other, pct]


def _strip_refs(data: bytes) -> bytes:
    """The first sheet written without r="A1" cell references (as some non-Excel writers do)."""
    import re
    members = zip_members(data)
    part = "xl/worksheets/sheet2.xml"  # the Activities sheet
    members[part] = re.sub(rb'(<c) r="[A-Z]+\d+"', rb"\1", members[part])
    return rewrite_zip(data, members)


PCT = "0%"
CASES = [
    Case("percent_in_target", base(Targets=[TARGET_HEAD, ["-30 %", "absolute", "1+2", 2021, 2030, Cell(0.3, PCT)]]),
         expect=[("Targets", 2, "reduction_pct", "cell.percent_converted", "info")],
         values=[("Targets", "reduction_pct", 0, 30.0)]),
    Case("percent_already_in_unit", base(Targets=[TARGET_HEAD, ["t", "absolute", "1+2", 2021, 2030, 30]]),
         values=[("Targets", "reduction_pct", 0, 30.0)]),
    Case("percent_shown_3000", base(Targets=[TARGET_HEAD, ["t", "absolute", "1+2", 2021, 2030, Cell(30, PCT)]]),
         loads=False, expect=[("Targets", 2, "reduction_pct", "cell.out_of_range", "error")]),
    Case("percent_custom_format", base(Measures=[MEASURE_HEAD, measure(pct=Cell(0.125, "0.0%;[Red]-0.0%"))]),
         values=[("Measures", "saving_pct", 0, 12.5)]),
    Case("percent_literal_not_scaled", base(Measures=[MEASURE_HEAD, measure(pct=Cell(12.5, '0.0" %"'))]),
         values=[("Measures", "saving_pct", 0, 12.5)]),
    Case("percent_in_finance_field", base(Finance=[["Field", "Value"], ["Discount rate", Cell(0.1, "0.00%")]]),
         expect=[("Finance", 2, "discount_rate_pct", "cell.percent_converted", "info")],
         values=[("Finance", "discount_rate_pct", None, 10.0)]),
    Case("percent_in_financing", base(Measures=[MEASURE_HEAD, measure()],
                                      Financing=[FIN_HEAD, ["M1", "loan", Cell(0.7, PCT), Cell(0.085, "0.0%"), 3]]),
         values=[("Financing", "pct_of_capex", 0, 70.0), ("Financing", "rate_pct", 0, 8.5)]),
    Case("percent_on_money_is_flagged", base(Measures=[MEASURE_HEAD, measure(capex=Cell(0.5, PCT))]),
         expect=[("Measures", 2, "capex_equipment", "cell.percent_format", "warning")],
         values=[("Measures", "capex_equipment", 0, 0.5)]),
    Case("error_in_optional_number", base(Measures=[MEASURE_HEAD, measure(capex=10_000_000,
                                                                          other=Cell("#N/A", error=True))]),
         loads=False, expect=[("Measures", 2, "capex_other", "cell.error_value", "error")]),
    Case("error_in_quantity", base(Activities=activities_rows(activity(), activity(quantity=Cell("#DIV/0!", error=True)))),
         loads=False, expect=[("Activities", 3, "quantity", "cell.error_value", "error")]),
    Case("error_in_text", base(Activities=activities_rows(activity(source=Cell("#REF!", error=True)))),
         loads=False, expect=[("Activities", 2, "source", "cell.error_value", "error")]),
    Case("error_in_choice", base(Activities=activities_rows(activity(unit=Cell("#NAME?", error=True)))),
         loads=False, expect=[("Activities", 2, "unit", "cell.error_value", "error")]),
    Case("error_in_field", base(Finance=[["Field", "Value"], ["Discount rate", Cell("#VALUE!", error=True)]]),
         loads=False, expect=[("Finance", 2, "discount_rate_pct", "cell.error_value", "error")]),
    Case("error_in_ignored_column", {"Company": company_rows(),
                                     "Activities": [["Source", "Scope", "Category", "Fuel / energy", "Quantity",
                                                     "Unit", "Helper"],
                                                    ["gen", 1, "stationary", "diesel", 1385, "L",
                                                     Cell("#N/A", error=True)]]},
         expect=[("Activities", 2, None, "cell.error_value_ignored", "warning")],
         values=[("Activities", "quantity", 0, 1385.0)]),
    Case("error_without_cell_refs", base(Activities=activities_rows(activity(), activity(quantity=Cell("#N/A", error=True)))),
         loads=False, expect=[("Activities", 3, "quantity", "cell.error_value", "error")], patch=_strip_refs),
    Case("hidden_sheet_before_visible", {"Company": company_rows(),
                                         "Activities": activities_rows(activity(quantity=999_999)),
                                         "Hoạt động": activities_rows(activity(quantity=1385), lang="vi")},
         hidden={"Activities": "hidden"},
         expect=[("Activities", None, None, "sheet.hidden_skipped", "info")],
         values=[("Activities", "quantity", 0, 1385.0)]),
    Case("very_hidden_only_match", {"Company": company_rows(),
                                    "Activities": activities_rows(activity(quantity=1385))},
         hidden={"Activities": "veryHidden"},
         expect=[("Activities", None, None, "sheet.hidden_used", "warning")],
         values=[("Activities", "quantity", 0, 1385.0)]),
    Case("financing_unknown_measure", base(Measures=[MEASURE_HEAD, measure()],
                                           Financing=[FIN_HEAD, ["M9", "grant", 30, None, None]]),
         expect=[("Financing", 2, "measure_id", "financing.unknown_measure", "warning")]),
    Case("text_too_long", base(Activities=activities_rows(activity(source="x" * 40_000))),
         loads=False, expect=[("Activities", 2, "source", "cell.text_too_long", "error")]),
    Case("date_text_before_1900", base(Metering=[["Period start", "Period", "Energy"], ["1899-12-31", "baseline", 100]]),
         loads=False, expect=[("Metering", 2, "period_start", "cell.date_before_1900", "error")]),
    Case("date_serial_negative", base(Metering=[["Period start", "Period", "Energy"],
                                                [Cell(-5, "yyyy-mm-dd"), "baseline", 100]]),
         loads=False, expect=[("Metering", 2, "period_start", "cell.date_before_1900", "error")]),
    Case("partial_measure_row", base(Measures=[MEASURE_HEAD, measure(), ["M2", "Insulation"]]),
         expect=[("Measures", 3, None, "measure.missing_inputs", "warning")]),
    Case("partial_activity_row", base(Activities=activities_rows(activity(), [None, 1, "stationary", "Boiler"])),
         expect=[("Activities", 3, None, "activity.incomplete", "warning")],
         values=[("Activities", "quantity", 0, 1385.0)]),
    Case("placeholder_activity_row", base(Activities=activities_rows(activity(), [None, None, None, "Boiler"])),
         expect=[("Activities", 3, "scope", "cell.required", "warning"),
                 ("Activities", 3, None, "activity.incomplete", "warning")]),
    Case("quantity_without_unit_blocks", base(Activities=activities_rows(activity(), activity(unit=None))),
         loads=False, expect=[("Activities", 3, "unit", "cell.required", "error")]),
    Case("wrong_type_still_blocks", base(Measures=[MEASURE_HEAD, measure(capex="1.000.000")]),
         loads=False, expect=[("Measures", 2, "capex_equipment", "cell.not_a_number", "error")]),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("corpus")
    out = {}
    for case in CASES:
        path = folder / f"{case.name}.xlsx"
        path.write_bytes(build(case))
        out[case.name] = path
    return out


def _value(scenario, sheet, column, index):
    if index is None:
        return scenario.fields[sheet][column]
    return scenario.table(sheet)[column].iloc[index]


# -- the reader ----------------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reader(case, corpus):
    result = read_scenario(corpus[case.name])
    got = summary(result.problems)
    for p in result.problems:
        assert p.message_en.strip() and p.message_vi.strip() and p.message_en != p.message_vi, p
        assert len(p.message_en) < 1000, p.code  # a long cell is never quoted whole
    for item in case.expect:
        assert item in got, (case.name, got)
    assert result.ok == case.loads, (case.name, got)
    assert result.scenario is not None
    for sheet, column, index, value in case.values:
        assert _value(result.scenario, sheet, column, index) == pytest.approx(value), (case.name, column)
    # nothing read silently from an error cell or a percentage
    if not case.loads:
        assert result.errors


def test_the_percent_note_names_the_reading():
    case = next(c for c in CASES if c.name == "percent_in_target")
    note = next(p for p in read_scenario(build(case)).problems if p.code == "cell.percent_converted")
    assert "30 %" in note.message_en and "0.3" in note.message_en and "30 %" in note.message_vi


def test_the_error_value_is_quoted_and_located():
    case = next(c for c in CASES if c.name == "error_in_optional_number")
    p = next(p for p in read_scenario(build(case)).problems if p.code == "cell.error_value")
    assert "#N/A" in p.message_en and "#N/A" in p.message_vi


def test_partial_measure_row_stays_visible_with_its_status():
    from results import analyse
    case = next(c for c in CASES if c.name == "partial_measure_row")
    result = read_scenario(build(case))
    assert result.ok
    measures = analyse(result.scenario).measures
    assert len(measures) == 2
    statuses = measures["status"].tolist() if hasattr(measures, "columns") else [m.status for m in measures]
    assert statuses[1] == "missing_inputs"


def test_percent_formats():
    assert is_percent_format("0%") and is_percent_format("0.00%") and is_percent_format("#,##0.0%;[Red]-0.0%")
    assert not is_percent_format('0" %"') and not is_percent_format("0\\%") and not is_percent_format("#,##0.00")
    assert cell_ref(0, 0) == "A1" and cell_ref(4, 27) == "AB5"


# -- the command line ----------------------------------------------------------------------------
def test_check_json_on_the_corpus(corpus):
    """``check --json`` on every file: no traceback, the exit code and the expected problems."""
    def check(case):
        proc = subprocess.run([PY, "-m", "cli.main", "check", str(corpus[case.name]), "--json"],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        return proc, proc.stdout, proc.stderr

    with ThreadPoolExecutor(max_workers=2) as pool:  # two at a time: well within the reader's time limit
        outcomes = list(pool.map(check, CASES))
    for case, (proc, stdout, stderr) in zip(CASES, outcomes):
        assert "Traceback" not in stderr, (case.name, stderr)
        problems = json.loads(stdout)
        got = [(p["sheet"], p["row"], p["column"], p["code"], p["severity"]) for p in problems]
        for item in case.expect:
            assert item in got, (case.name, got)
        assert proc.returncode == (0 if case.loads else 1), (case.name, got)


def test_summary_json_on_the_corpus(corpus):
    """``summary --json`` on every file: no traceback; a file that loads gives its totals (the
    total equals the sum by scope), a refused one its problems and exit code 1."""
    def run(case):
        proc = subprocess.run([PY, "-m", "cli.main", "summary", str(corpus[case.name]), "--json"],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        return proc

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(run, CASES))
    for case, proc in zip(CASES, outcomes):
        assert "Traceback" not in proc.stderr, (case.name, proc.stderr)
        out = json.loads(proc.stdout)
        got = [(p["sheet"], p["row"], p["column"], p["code"], p["severity"]) for p in out["problems"]]
        for item in case.expect:
            assert item in got, (case.name, got)
        assert proc.returncode == (0 if case.loads else 1), (case.name, got)
        if case.loads:
            inv = out["inventory"]
            assert inv["total_tco2e"] == pytest.approx(sum(inv["by_scope"].values())), case.name
            assert "nan" not in proc.stdout.lower().replace("financ", ""), case.name


# -- the app's upload ----------------------------------------------------------------------------
APP_CASES = ["percent_in_target", "error_in_optional_number", "hidden_sheet_before_visible", "partial_measure_row"]


@pytest.mark.parametrize("name", APP_CASES)
def test_app_upload(name, corpus):
    from apptest_support import current_scenario, new_app
    case = next(c for c in CASES if c.name == name)
    at = new_app("en").run()
    before = current_scenario(at)
    at.sidebar.radio(key="sidebar_source_en").set_value("upload").run()
    at.file_uploader(key="sidebar_upload_en").set_value((f"{name}.xlsx", corpus[name].read_bytes(), XLSX)).run()
    assert not at.exception
    scenario = current_scenario(at)
    if case.loads:
        assert scenario is not before and scenario.name.startswith(name)
        for sheet, column, index, value in case.values:
            assert _value(scenario, sheet, column, index) == pytest.approx(value)
    else:
        assert scenario is before  # refused: the scenario that was loaded stays
        assert any("Could not load" in e.value for e in at.error)
