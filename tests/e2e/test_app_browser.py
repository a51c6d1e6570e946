"""End-to-end browser tests: the real Streamlit server driven through Chromium by Playwright.

Expected numbers are computed here, independently of the app's calc code: the deck's total
for the sample factory (3,299.33 tCO2e) and the deck's 2020 grid factor (0.8041 tCO2/MWh).
"""
from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from workbook import read_scenario
from workbook.write import write_scenario

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
SAMPLE_EN = REPO / "sample_data" / "sample_factory_en.xlsx"
SAMPLE_VI = REPO / "sample_data" / "sample_factory_vi.xlsx"

DECK_TOTAL_T = 3299.33          # the deck's inventory total for the sample factory (tCO2e)
GRID_T_PER_KWH = 0.8041 / 1000  # the deck's grid factor, tCO2 per kWh
MACHINERY_ROW = 6               # "Grid electricity – machinery", 2,300,000 kWh in the sample
MACHINERY_KWH = 2_300_000.0

TIMEOUT = 30_000  # ms; Streamlit reruns asynchronously
expect.set_options(timeout=TIMEOUT)

LABELS = {
    "vi": {"total": "Tổng phát thải", "upload": "Tải tệp lên",
           "download": "Tải kịch bản về (.xlsx)", "failed": "Không mở được", "severity": "Mức độ",
           "error": "Lỗi"},
    "en": {"total": "Total emissions", "upload": "Upload",
           "download": "Download the scenario (.xlsx)", "failed": "Could not load",
           "severity": "Severity", "error": "Error"},
}


# -- helpers ------------------------------------------------------------------------------------

def fmt(value: float, lang: str) -> str:
    """2 decimals with the language's separators (en 2,254.00; vi 2.254,00)."""
    s = f"{value:,.2f}"
    return s if lang == "en" else s.translate(str.maketrans({",": ".", ".": ","}))


def expected_total(machinery_kwh: float) -> float:
    """The deck's total after changing the machinery electricity (all other rows unchanged)."""
    return DECK_TOTAL_T - (MACHINERY_KWH - machinery_kwh) * GRID_T_PER_KWH


def modified_workbook(tmp_path: Path, machinery_kwh: float, name: str) -> tuple[Path, list[float]]:
    """The English sample with the machinery electricity changed; returns the file and quantities."""
    s = read_scenario(SAMPLE_EN).scenario
    acts = s.activities.copy()
    assert acts.loc[MACHINERY_ROW, "quantity"] == MACHINERY_KWH
    acts.loc[MACHINERY_ROW, "quantity"] = machinery_kwh
    path = tmp_path / name
    path.write_bytes(write_scenario(s.with_table("Activities", acts), "en"))
    return path, acts["quantity"].tolist()


def bad_workbook(tmp_path: Path) -> Path:
    """The Vietnamese sample with the text '1,5' in a Quantity cell (must be rejected)."""
    wb = openpyxl.load_workbook(SAMPLE_VI)
    ws = wb["Hoạt động"]
    header = [c.value for c in ws[1]]
    ws.cell(row=3, column=header.index("Lượng tiêu thụ") + 1).value = "1,5"
    path = tmp_path / "bad_quantity.xlsx"
    wb.save(path)
    return path


def sidebar(page: Page):
    return page.get_by_test_id("stSidebar")


def total_metric(page: Page, lang: str):
    return page.get_by_test_id("stMetric").filter(has_text=LABELS[lang]["total"])


def total_kpi(page: Page, lang: str):
    return total_metric(page, lang).get_by_test_id("stMetricValue")


def open_app(page: Page) -> None:
    page.goto("/")
    expect(total_kpi(page, "vi")).to_contain_text(fmt(DECK_TOTAL_T, "vi"))


def expect_charts(page: Page) -> None:
    charts = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot')
    expect(charts).to_have_count(2)
    for i in range(2):
        expect(charts.nth(i)).to_be_visible()


def switch_to_english(page: Page) -> None:
    sidebar(page).get_by_test_id("stRadioOption").filter(has_text="English").click()
    expect(sidebar(page).get_by_role("radio", name="English")).to_be_checked()
    expect(total_kpi(page, "en")).to_be_visible()


def upload(page: Page, path: Path, lang: str) -> None:
    """Pick the Upload source (if needed) and send ``path`` through the real file input."""
    file_input = sidebar(page).locator('input[type="file"]')  # the first screen has its own uploader too
    if file_input.count() == 0:
        sidebar(page).get_by_test_id("stRadioOption").filter(has_text=LABELS[lang]["upload"]).click()
    expect(file_input).to_have_count(1)
    file_input.set_input_files(path)
    # the uploaded file's chip shows once the browser has sent it
    expect(sidebar(page).get_by_text(path.name)).to_be_visible()


def download_scenario(page: Page, lang: str, dest: Path) -> Path:
    """Click the sidebar's primary download button and save the file to ``dest``.

    The button's data is produced on click (a deferred callable); when the app fails to produce
    it, Streamlit shows "Failed to generate file for download" under the button and no download
    starts: the test then fails with the message shown.
    """
    button = sidebar(page).get_by_role("button", name=LABELS[lang]["download"])
    error = page.locator(".st-key-sidebar_download").get_by_test_id("stDownloadButtonError")
    downloads = []

    def on_download(download) -> None:
        downloads.append(download)

    page.on("download", on_download)
    button.click()
    for _ in range(int(TIMEOUT / 250)):
        if downloads:
            break
        if error.count() and error.first.is_visible():
            pytest.fail(f"the scenario download failed: '{error.first.inner_text()}' (see the server log)")
        page.wait_for_timeout(250)
    page.remove_listener("download", on_download)
    assert downloads, "no download started within the timeout"
    download = downloads[0]
    assert download.suggested_filename.endswith(".xlsx")
    download.save_as(dest)
    return dest


def expect_total(page: Page, lang: str, value: float) -> None:
    expect(total_kpi(page, lang)).to_have_text(re.compile(rf"^\s*{re.escape(fmt(value, lang))}(\s|$)"))


# -- tests --------------------------------------------------------------------------------------

def test_opens_in_vietnamese_then_english(page: Page, tmp_path: Path):
    open_app(page)
    expect(page.get_by_test_id("stMetricLabel").first).to_contain_text(LABELS["vi"]["total"])
    expect_total(page, "vi", DECK_TOTAL_T)
    expect(total_metric(page, "vi")).to_contain_text("tCO2e/năm")  # unit in the label or value
    expect_charts(page)
    # users see the app, not Streamlit's developer chrome (.streamlit/config.toml)
    expect(page.get_by_test_id("stAppDeployButton")).to_have_count(0)
    expect(page.get_by_role("button", name="Deploy")).to_have_count(0)

    switch_to_english(page)
    expect_total(page, "en", DECK_TOTAL_T)
    expect(total_metric(page, "en")).to_contain_text("tCO2e/yr")
    expect_charts(page)

    shot = tmp_path / "inventory_en.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.exists()
    data = shot.read_bytes()
    assert len(data) > 10_000
    assert data[:8] == b"\x89PNG\r\n\x1a\n"


def test_upload_changes_totals(page: Page, tmp_path: Path):
    path, _ = modified_workbook(tmp_path, 1_000_000.0, "machinery_1m.xlsx")
    new_total = expected_total(1_000_000.0)
    assert fmt(new_total, "en") == "2,254.00"
    open_app(page)
    switch_to_english(page)

    upload(page, path, "en")
    expect_total(page, "en", new_total)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(path.name)
    expect_charts(page)
    # scope 2 is the grid electricity alone: sum of the electricity rows x the grid factor
    scope2_kwh = 78_000 + 700_000 + 250_000 + 700_000 + 1_000_000
    scope2 = page.get_by_test_id("stMetric").filter(has_text="Scope 2").get_by_test_id("stMetricValue")
    expect(scope2).to_have_text(re.compile(rf"^\s*{re.escape(fmt(scope2_kwh * GRID_T_PER_KWH, 'en'))}(\s|$)"))


def test_upload_from_the_first_screen(page: Page, tmp_path: Path):
    """The welcome card's own uploader (no sidebar step) opens the workbook and says what is open."""
    path, _ = modified_workbook(tmp_path, 1_000_000.0, "machinery_1m.xlsx")
    open_app(page)
    switch_to_english(page)
    welcome = page.locator(".st-key-guide_welcome")
    expect(welcome.get_by_text("the training's sample factory")).to_be_visible()
    welcome.locator('input[type="file"]').set_input_files(path)
    expect_total(page, "en", expected_total(1_000_000.0))
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(path.name)
    expect(welcome.get_by_text("Open now:")).to_be_visible()
    expect(welcome.get_by_text("the training's sample factory")).to_have_count(0)


def test_download_after_upload_round_trips(page: Page, tmp_path: Path):
    path, quantities = modified_workbook(tmp_path, 500_000.0, "machinery_500k.xlsx")
    open_app(page)
    upload(page, path, "vi")
    expect_total(page, "vi", expected_total(500_000.0))

    # download the current scenario and read it back
    saved = download_scenario(page, "vi", tmp_path / "downloaded.xlsx")
    assert saved.stat().st_size > 0
    result = read_scenario(saved)
    errors = [p for p in result.problems if p.severity == "error"]
    assert not errors, errors
    assert result.scenario is not None
    assert result.scenario.activities["quantity"].tolist() == pytest.approx(quantities)
    assert result.scenario.activities["source"].tolist() == \
        read_scenario(path).scenario.activities["source"].tolist()


def test_bad_upload_keeps_previous_scenario(page: Page, tmp_path: Path):
    good, _ = modified_workbook(tmp_path, 1_000_000.0, "good.xlsx")
    good_total = expected_total(1_000_000.0)
    bad = bad_workbook(tmp_path)
    open_app(page)

    upload(page, good, "vi")
    expect_total(page, "vi", good_total)

    upload(page, bad, "vi")
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text(LABELS["vi"]["failed"])
    expect(error).to_contain_text(bad.name)
    # the problems table is the dataframe right after the error (st.dataframe has no key class);
    # its cells are read from the grid's accessible table
    error_box = page.get_by_test_id("stElementContainer").filter(has=error)
    problems = error_box.locator("xpath=following-sibling::div[1]").get_by_test_id("stDataFrame")
    expect(problems).to_be_visible()
    cells = problems.locator("table")
    expect(cells).to_contain_text(LABELS["vi"]["severity"])
    expect(cells).to_contain_text("Hoạt động")      # sheet
    expect(cells).to_contain_text("Lượng tiêu thụ")  # column
    expect(cells).to_contain_text(LABELS["vi"]["error"])
    expect(cells).to_contain_text("'1,5'")
    # the previously loaded scenario stays: KPIs unchanged
    expect_total(page, "vi", good_total)
    expect_charts(page)


def test_two_sessions_do_not_share_scenarios(new_context, tmp_path: Path):
    path_a, _ = modified_workbook(tmp_path, 1_000_000.0, "session_a.xlsx")
    path_b, _ = modified_workbook(tmp_path, 500_000.0, "session_b.xlsx")
    total_a, total_b = expected_total(1_000_000.0), expected_total(500_000.0)
    assert fmt(total_a, "vi") != fmt(total_b, "vi")

    page_a = new_context().new_page()
    page_b = new_context().new_page()
    open_app(page_a)
    open_app(page_b)

    upload(page_a, path_a, "vi")
    upload(page_b, path_b, "vi")
    expect_total(page_a, "vi", total_a)
    expect_total(page_b, "vi", total_b)

    # rerun both sessions after both uploads (language switch re-reads the session's scenario)
    for page, total in ((page_a, total_a), (page_b, total_b)):
        switch_to_english(page)
        expect_total(page, "en", total)
    expect(page_a.get_by_test_id("stSidebar")).not_to_contain_text(path_b.name)
    expect(page_b.get_by_test_id("stSidebar")).not_to_contain_text(path_a.name)

    # a reloaded page brings its own session back (its token is in the URL), never the other's
    assert "s=" in page_a.url and page_a.url != page_b.url
    page_a.reload()
    expect_total(page_a, "en", total_a)
    expect_total(page_b, "en", total_b)
    # a visit without a link is a new session with the sample
    page_c = new_context().new_page()
    open_app(page_c)


def test_first_click_after_server_start(page: Page, fresh_server: str):
    """pages/ beside app.py makes a process's first script run use Streamlit's legacy multipage
    mode (other widget ids); app.py leaves it at once, so the very first click still counts."""
    page.goto(fresh_server)  # the first session of a server no browser has opened yet
    expect(total_kpi(page, "vi")).to_contain_text(fmt(DECK_TOTAL_T, "vi"))
    expect_charts(page)
    sidebar(page).get_by_test_id("stRadioOption").filter(has_text="English").click()
    expect(total_kpi(page, "en")).to_contain_text(fmt(DECK_TOTAL_T, "en"), timeout=10_000)
    expect(sidebar(page).get_by_role("radio", name="English")).to_be_checked(timeout=1_000)
