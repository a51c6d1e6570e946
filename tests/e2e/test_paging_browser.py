"""A large sheet in a real browser: the Activities editor shows a page of 1,000 rows; a search typed
without Vietnamese marks finds the one row, and a quantity typed into it changes the KPIs."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from test_app_browser import SAMPLE_EN, sidebar, switch_to_english, upload
from test_editor_browser import QUANTITY_COLUMN, type_into_first_row
from test_projector_browser import settle
from workbook import read_scenario
from workbook.write import write_scenario

pytestmark = pytest.mark.e2e
TIMEOUT = 60_000
DIESEL_T_PER_L = 2.730e-3  # the deck's diesel factor, t/L
ROW = 4323  # 4323 = 11 × 393: a copy of the sample's first row (diesel for the generator, 1,385 L)


def big_workbook(tmp_path: Path) -> Path:
    """The English sample's 11 rows × 500 (5,500 rows), each source numbered, one renamed."""
    sample = read_scenario(SAMPLE_EN).scenario
    acts = sample.activities
    rows = pd.concat([acts] * 500, ignore_index=True)
    rows["source"] = rows["source"] + " #" + pd.Series(range(len(rows))).astype(str)
    assert rows.loc[ROW, "fuel"] == "diesel" and rows.loc[ROW, "quantity"] == 1385.0
    rows.loc[ROW, "source"] = "Lò hơi tầng 3"
    path = tmp_path / "big_sheet.xlsx"
    path.write_bytes(write_scenario(sample.with_table("Activities", rows), "en"))
    return path


def scope1(page: Page) -> float:
    value = page.get_by_test_id("stMetric").filter(has_text="Scope 1").get_by_test_id("stMetricValue")
    return float(value.inner_text().replace(",", ""))


def test_find_a_row_of_a_large_sheet_and_edit_it(page: Page, base_url: str, tmp_path: Path):
    page.goto(base_url)
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
    switch_to_english(page)
    upload(page, big_workbook(tmp_path), "en")
    expect(page.get_by_text("Rows 1–1,000 of 5,500").last).to_be_visible(timeout=TIMEOUT)
    before = scope1(page)
    assert before == pytest.approx(500 * 60.42, abs=2.5)  # the deck's Scope 1, 60.42 t, × 500

    settle(page)  # the upload's rerun is over: no field is redrawn under the typing
    find = page.locator('[class*="st-key-table_view"][class*="inv_editor"]').locator('input[aria-label="Find rows"]')
    expect(find).to_have_count(1)
    find.fill("lo hoi")  # typed without the marks
    find.press("Enter")
    expect(page.get_by_text("1 of 5,500 rows match the search.").last).to_be_visible(timeout=TIMEOUT)
    settle(page)
    editor = page.get_by_test_id("stDataFrame").last
    expect(editor).to_contain_text("Lò hơi tầng 3", timeout=TIMEOUT)
    type_into_first_row(page, editor, QUANTITY_COLUMN, "2385")  # the only row
    expected = before + 1_000 * DIESEL_T_PER_L
    expect(page.get_by_test_id("stMetric").filter(has_text="Scope 1")).to_contain_text(f"{expected:,.2f}",
                                                                                       timeout=TIMEOUT)
    expect(sidebar(page)).to_contain_text("(edited)")
