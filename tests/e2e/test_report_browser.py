"""The workshop report and chart images, downloaded through the real sidebar buttons."""
import io
import zipfile

import openpyxl
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
TIMEOUT = 60_000


def test_download_report_and_chart_images(page: Page, base_url: str, tmp_path):
    page.goto(base_url)
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
    sidebar = page.get_by_test_id("stSidebar")
    with page.expect_download(timeout=TIMEOUT) as report:
        sidebar.get_by_role("button", name="Báo cáo hội thảo (.xlsx)").click()
    path = tmp_path / "report.xlsx"
    report.value.save_as(path)
    book = openpyxl.load_workbook(path)
    assert len(book.sheetnames) > 5
    assert sum(len(ws._charts) for ws in book.worksheets) >= 4  # native Excel charts
    with page.expect_download(timeout=TIMEOUT) as charts:
        sidebar.get_by_role("button", name="Hình biểu đồ (.zip PNG, SVG, PDF)").click()
    zpath = tmp_path / "charts.zip"
    charts.value.save_as(zpath)
    with zipfile.ZipFile(zpath) as archive:
        names = archive.namelist()
        pngs = [n for n in names if n.endswith(".png")]  # CI has Chromium
        assert pngs and sorted(names) == sorted(pngs + [n[:-4] + ".svg" for n in pngs] + ["charts_vi.pdf"])
        assert archive.read(pngs[0]).startswith(b"\x89PNG")
        assert archive.read("charts_vi.pdf").startswith(b"%PDF")
