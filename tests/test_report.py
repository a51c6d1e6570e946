"""The one-click workshop report (views.report) and the static chart export (ui.export).

Expected numbers come from the seed digest (the deck's inventory: total 3,299.33 tCO2e, Scope 1
60.42 t, Scope 2 3,238.91 t) or from the minimal scenario's own arithmetic, not from the code.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from calc.factors import load_library
from ui import export
from ui.export import export_figures, report_figures, zip_figures
from paths import SAMPLES
from test_plan_results import AIR_CAPEX, AIR_KWH, AIR_MONEY, E0, EF, LED_CAPEX, LED_KWH, LED_MONEY, flows, npv
from workbook.model import scenarios_equal
from workbook.read import read_scenario
from views.report import RESULT_SHEETS, write_report
from workbook.schema import SHEETS, norm
from workbook_builders import activities_rows, activity, book, company_rows

CHROMIUM = Path("/usr/bin/chromium")
#: a number written as text: 3299.33, 3.299,33, 3,299.33 (not a version such as 2026.11.1)
NUMBER_TEXT = re.compile(r"-?(\d{1,3}([.,]\d{3})+|\d+)([.,]\d+)?")

RESULTS = {
    "vi": ["Báo cáo", "Kết quả kiểm kê", "Lộ trình mục tiêu", "Kết quả giải pháp", "Phát thải theo năm",
           "Chỉ tiêu tài chính", "Phương án vốn", "Kế hoạch chi phí thấp nhất", "Kết quả M&V"],
    "en": ["Report", "Inventory results", "Target path", "Measure results", "Emissions by year",
           "Financial indicators", "Financing options", "Least-cost plan", "M&V results"],
}
INPUTS = {
    "vi": ["Công ty", "Hoạt động", "Mục tiêu", "Sản xuất", "Giải pháp", "Tài chính", "Phân tích vòng đời",
           "Nguồn vốn", "Ngân sách theo năm", "Đo lường", "Đo lường & kiểm chứng", "Điều chỉnh không thường xuyên", "Kế hoạch 5W1H",
           "Hệ số"],
    "en": ["Company", "Activities", "Targets", "Production", "Measures", "Finance", "Life-cycle comparison",
           "Financing", "Budgets", "Metering", "M&V settings", "Non-routine adjustments", "Actions", "Factors"],
}
TOTAL_LABEL = {"vi": "Tổng phát thải", "en": "Total emissions"}
SCOPE_TOTAL = {"vi": "Phát thải Phạm vi {}", "en": "Scope {} emissions"}
#: (sheet index in RESULTS, chart count, chart type of the first chart)
CHARTS = [(0, 0, None), (1, 2, "PieChart"), (2, 1, "LineChart"), (3, 1, "BarChart"), (4, 1, "BarChart"),
          (5, 1, "BarChart"), (6, 0, None), (7, 1, "BarChart"), (8, 1, "BarChart")]


@pytest.fixture(scope="module")
def sample():
    return read_scenario(SAMPLES / "sample_factory_vi.xlsx").scenario


@pytest.fixture(scope="module")
def minimal():
    """Only Company and Activities: one diesel generator, 1,385 L."""
    result = read_scenario(book({"Company": company_rows("en"), "Activities": activities_rows(activity(), lang="en")}))
    assert result.ok
    return result.scenario


@pytest.fixture(scope="module")
def reports(sample):
    return {lang: write_report(sample, lang) for lang in ("vi", "en")}


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def row_with(ws, column: int, text: str) -> int:
    """The first row whose cell in ``column`` holds ``text``."""
    return next(row for row in range(1, ws.max_row + 1) if ws.cell(row, column).value == text)


# -- the workbook ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_sheets_in_the_language(reports, lang):
    wb = load(reports[lang])
    assert wb.sheetnames == RESULTS[lang] + INPUTS[lang]
    assert wb.active.title == RESULTS[lang][0]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_title_sheet(reports, sample, lang):
    ws = load(reports[lang])[RESULTS[lang][0]]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert sample.company["name"] in values
    assert load_library().version in values
    assert any(hasattr(v, "year") for v in values)  # the report date, a real date
    for name in RESULTS[lang][1:] + INPUTS[lang]:  # what each sheet holds
        assert name in values
    link = next(c for row in ws.iter_rows() for c in row if c.value == RESULTS[lang][1])
    assert link.hyperlink is not None and RESULTS[lang][1] in link.hyperlink.location


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_inventory_holds_the_deck_total_as_a_number(reports, lang):
    ws = load(reports[lang])[RESULTS[lang][1]]
    total = ws.cell(row_with(ws, 2, TOTAL_LABEL[lang]), 4)
    assert isinstance(total.value, float) and round(total.value, 2) == 3299.33
    assert total.number_format == "#,##0.00"
    for scope, expected in (("1", 60.42), ("2", 3238.91)):
        cell = ws.cell(row_with(ws, 2, SCOPE_TOTAL[lang].format(scope)), 4)
        assert round(cell.value, 2) == expected
    share = ws.cell(row_with(ws, 2, SCOPE_TOTAL[lang].format("2")), 5)
    assert round(share.value, 3) == 0.982 and share.number_format.endswith("%")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_numbers_are_never_text(reports, lang):
    wb = load(reports[lang])
    for name in RESULTS[lang]:
        for row in wb[name].iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and NUMBER_TEXT.fullmatch(cell.value)), (name, cell)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_charts_on_the_expected_sheets(reports, lang):
    wb = load(reports[lang])
    for index, count, kind in CHARTS:
        charts = wb[RESULTS[lang][index]]._charts
        assert len(charts) == count, RESULTS[lang][index]
        if kind:
            assert type(charts[0]).__name__ == kind
    for name in INPUTS[lang]:
        assert not wb[name]._charts


def test_charts_reference_numbers_of_their_own_sheet(reports):
    wb = load(reports["en"])
    for name in RESULTS["en"]:
        ws = wb[name]
        for chart in ws._charts:
            series = list(chart.series) + [s for sub in getattr(chart, "_charts", []) for s in sub.series]
            assert series
            for s in series:
                ref = s.val.numRef.f
                sheet, cells = ref.rsplit("!", 1)
                assert sheet.strip("'") == name
                values = [c.value for row in ws[cells.replace("$", "")] for c in row]
                assert values and all(isinstance(v, (int, float)) for v in values), ref


def test_report_reads_back_as_the_same_scenario(reports, sample):
    for lang in ("vi", "en"):
        result = read_scenario(reports[lang])
        assert result.ok
        assert scenarios_equal(result.scenario, sample)


def test_result_sheet_names_are_no_input_sheet_names():
    inputs = {norm(n) for s in SHEETS.values() for n in (s.key, s.en, s.vi, *s.aliases)}
    for names in RESULT_SHEETS.values():
        for name in names:
            assert norm(name) not in inputs and len(name) <= 31


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_company_and_activities_only(minimal, lang):
    wb = load(write_report(minimal, lang))
    assert wb.sheetnames == RESULTS[lang][:2] + INPUTS[lang]
    ws = wb[RESULTS[lang][1]]
    total = ws.cell(row_with(ws, 2, TOTAL_LABEL[lang]), 4).value
    assert total == pytest.approx(1385 * 2.730 / 1000)  # 1,385 L × 2.730 t/kL
    assert len(ws._charts) == 2
    title = [c.value for row in wb[RESULTS[lang][0]].iter_rows() for c in row if c.value is not None]
    assert ("Không có dữ liệu" if lang == "vi" else "No data") in title


# -- the figures ----------------------------------------------------------------------------------

def test_report_figures_of_the_sample(sample):
    figs = report_figures(sample, "en")
    assert list(figs) == ["inventory_mix", "inventory_pareto", "target_path", "portfolio_wedges", "macc",
                          "cashflow", "financing", "mv_cumulative"]
    assert all(isinstance(f, go.Figure) for f in figs.values())
    assert figs["target_path"].layout.title.text == "Reduction path"
    vi = report_figures(sample, "vi")
    assert vi["target_path"].layout.title.text == "Lộ trình giảm phát thải"


def test_report_figures_separators_follow_the_language(sample):
    from views.format import plotly_separators

    for lang in ("vi", "en"):
        assert {f.layout.separators for f in report_figures(sample, lang).values()} == {plotly_separators(lang)}


def test_report_figures_without_measures_targets_or_metering(minimal):
    assert list(report_figures(minimal, "vi")) == ["inventory_mix", "inventory_pareto"]


def test_zip_figures():
    data = zip_figures({"inventory_mix": b"\x89PNG\r\n\x1a\nabc", "cash flow": b"%PDF-1.4 x"})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["01_inventory_mix.png", "02_cash_flow.pdf"]
        assert zf.read("02_cash_flow.pdf") == b"%PDF-1.4 x"


def test_export_without_a_browser_gives_none_and_the_next_request_tries_again(monkeypatch):
    """A failed export affects only its own request (issue 16): nothing is remembered, the next
    call renders again."""
    calls = []

    def no_browser(jobs, timeout):
        calls.append(len(jobs))
        raise export.ExportFailed("no_browser", "no Chromium here")

    monkeypatch.setattr(export, "_run_render", no_browser)
    assert export_figures({"a": go.Figure()}) is None
    assert export_figures({"a": go.Figure()}, "pdf") is None
    assert calls == [1, 1]  # the second request tried again
    monkeypatch.setattr(export, "_run_render", lambda jobs, timeout: [b"%PDF-1.4 x" for _ in jobs])
    assert export_figures({"a": go.Figure()}, "pdf") == {"a": b"%PDF-1.4 x"}


def test_export_rejects_other_formats():
    with pytest.raises(ValueError):
        export_figures({"a": go.Figure()}, "gif")
    with pytest.raises(ValueError):
        export.render_figures({"a": go.Figure()}, ("png", "jpeg"))


@pytest.fixture(scope="module")
def kaleido_server():
    """Each export starts its own browser: only a Chromium is needed."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: static export needs a Chromium (CI has one)")


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("svg", b"<svg"), ("pdf", b"%PDF")])
def test_export_figures(kaleido_server, sample, fmt, magic):
    figs = report_figures(sample, "vi")
    out = export_figures(figs, fmt)
    assert out is not None, "Chromium exists but kaleido could not use it"
    assert list(out) == list(figs)
    assert all(data.startswith(magic) for data in out.values())


def test_charts_zip_says_why_without_a_browser(sample, monkeypatch):
    import io
    import zipfile
    def no_browser(jobs, timeout):
        raise export.ExportFailed("no_browser", "no Chromium here")

    monkeypatch.setattr(export, "_run_render", no_browser)
    with zipfile.ZipFile(io.BytesIO(export.charts_zip(sample, "vi"))) as archive:
        assert archive.namelist() == ["README_no_browser.txt"]
        assert "Chromium" in archive.read("README_no_browser.txt").decode("utf-8")


# -- the least-cost plan ----------------------------------------------------------------------------
def deck_plan_case(sample):
    """Target −4 % by 2030 and 100,000,000 VND in 2022: the LED (160,000,000) waits a year."""
    targets = sample.table("Targets").iloc[:1].assign(reduction_pct=4.0).reset_index(drop=True)
    budgets = pd.DataFrame({"year": [2022], "budget": [100_000_000.0], "note": ["board approval"]})
    return sample.with_table("Targets", targets).with_table("Budgets", budgets)


PLAN = {"vi": "Kế hoạch chi phí thấp nhất", "en": "Least-cost plan"}
INVESTED = {"vi": "Tổng đầu tư đến năm mục tiêu [VND]", "en": "Investment up to the target year [VND]"}
CUT_ASKED = {"vi": "Mục tiêu cần giảm năm 2030 [tCO2e]", "en": "Cut the target asks for in 2030 [tCO2e]"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_plan_sheet_has_the_measures_start_years_and_npv(sample, lang):
    ws = load(write_report(deck_plan_case(sample), lang))[PLAN[lang]]
    # the chosen measures: ID, name, start year, the user's start year, investment, NPV, cut in 2030
    air, led = ws[row_with(ws, 1, "M2")], ws[row_with(ws, 1, "M1")]
    assert [c.value for c in air[2:5]] == [2022, 2023, AIR_CAPEX]
    assert [c.value for c in led[2:5]] == [2023, 2022, LED_CAPEX]
    assert air[6].value == pytest.approx(AIR_KWH * EF, rel=1e-9) and led[6].value == pytest.approx(LED_KWH * EF, rel=1e-9)
    assert air[4].number_format == "#,##0"
    # the plan against the user's selection: NPV of each, computed here from the flows
    plan_npv = npv(flows(AIR_CAPEX, AIR_MONEY, 3, 0)) + npv(flows(LED_CAPEX, LED_MONEY, 5, 1))
    own_npv = npv(flows(LED_CAPEX, LED_MONEY, 5, 0)) + npv(flows(AIR_CAPEX, AIR_MONEY, 3, 1))
    row = ws[row_with(ws, 1, "NPV [VND]")]
    assert row[1].value == pytest.approx(plan_npv, rel=1e-9) and row[2].value == pytest.approx(own_npv, rel=1e-9)
    invested = ws[row_with(ws, 1, INVESTED[lang])]  # the air leak renewed in 2025 (plan) or 2026 (own)
    assert [invested[1].value, invested[2].value] == [2 * AIR_CAPEX + LED_CAPEX] * 2
    asked = ws[row_with(ws, 1, CUT_ASKED[lang])]
    assert asked[1].value == pytest.approx(0.04 * E0, abs=0.01)
    # the year table: the 2022 budget and what each spends that year
    first = next(r for r in ws.iter_rows() if r[0].value == 2022 and r[1].value == 100_000_000.0)
    assert [c.value for c in first[2:4]] == [AIR_CAPEX, LED_CAPEX]
    assert [type(c).__name__ for c in ws._charts] == ["BarChart"]  # plan and own investment by year


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_plan_sheet_says_how_far_the_sample_target_is_out_of_reach(reports, lang):
    ws = load(reports[lang])[PLAN[lang]]
    lines = [c.value for c in ws["A"] if isinstance(c.value, str)]
    short = 0.30 * E0 - (LED_KWH + AIR_KWH) * EF  # 840.2 t
    words = f"{short:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".") if lang == "vi" else f"{short:,.1f}"
    assert any(words + " tCO2e" in line for line in lines), lines
    assert any(("không đạt được" if lang == "vi" else "out of reach") == c.value for c in ws["D"])


def test_no_plan_is_named_on_the_title_sheet(minimal):
    wb = load(write_report(minimal, "en"))
    assert "Least-cost plan" not in wb.sheetnames
    values = [c.value for row in wb["Report"].iter_rows() for c in row]
    assert any(isinstance(v, str) and v.startswith("No least-cost plan") for v in values)
