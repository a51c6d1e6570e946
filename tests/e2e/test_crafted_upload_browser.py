"""The last-cell file in a real browser: refused with its located message, the server survives
and another session in the room keeps working (issue 12)."""
from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.upload_bench import last_cell_file

from test_app_browser import (DECK_TOTAL_T, LABELS, expect_total, open_app, sidebar, switch_to_english,
                              total_kpi, upload)

pytestmark = pytest.mark.e2e


def last_cell_workbook(tmp_path: Path) -> Path:
    """The sample with one value at XFD1048576 on 'Hoạt động' (the reader alone would ask for
    512 GiB and abort the server's process): the benchmark's file, written to ``tmp_path``."""
    path = tmp_path / "last_cell.xlsx"
    path.write_bytes(last_cell_file())
    return path


def test_last_cell_file_is_refused_and_the_room_keeps_working(new_context, base_url: str, tmp_path: Path):
    crafted = last_cell_workbook(tmp_path)
    page_a = new_context().new_page()
    page_b = new_context().new_page()
    open_app(page_a)
    open_app(page_b)

    upload(page_a, crafted, "vi")
    expect(page_a.get_by_text(LABELS["vi"]["failed"]).first).to_be_visible()
    table = page_a.get_by_test_id("stDataFrame").first
    expect(table).to_contain_text("XFD1048576")
    expect_total(page_a, "vi", DECK_TOTAL_T)  # session A keeps its scenario

    with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=5) as resp:
        assert resp.status == 200  # the server is still up

    # session B keeps working: a language switch reruns it, another page opens, and back
    switch_to_english(page_b)
    expect_total(page_b, "en", DECK_TOTAL_T)
    links = sidebar(page_b).get_by_test_id("stSidebarNavLink")
    links.nth(1).click()
    expect(page_b).not_to_have_url(re.compile(r"/$"))
    expect(page_b.get_by_test_id("stException")).to_have_count(0)
    links.nth(0).click()
    expect(total_kpi(page_b, "en")).to_be_visible()
    expect_total(page_b, "en", DECK_TOTAL_T)
    expect(page_b.get_by_test_id("stException")).to_have_count(0)
