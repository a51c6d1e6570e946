"""Sessions that survive in a real browser: a reload or the same link in another tab brings the
work back; two tabs with different links stay apart; undo brings back a deleted variant."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from test_app_browser import (DECK_TOTAL_T, expect_total, expected_total, modified_workbook, open_app, sidebar,
                              switch_to_english, upload)

pytestmark = pytest.mark.e2e


def variant_count(page: Page, n: int):
    expect(sidebar(page).get_by_text(f"Open variant ({n} in this session)")).to_be_visible()


def duplicate_as(page: Page, name: str) -> None:
    sidebar(page).get_by_text("Manage variants").click()
    box = sidebar(page).get_by_role("textbox", name="Variant name")
    box.fill(name)
    box.press("Enter")
    sidebar(page).get_by_role("button", name="Duplicate").click()
    expect(page.locator(".st-key-sidebar_variant_en").get_by_role("combobox")).to_have_value(name)


def test_edit_reload_and_the_edit_is_still_there(page: Page, tmp_path: Path):
    path, _ = modified_workbook(tmp_path, 1_000_000.0, "kept.xlsx")
    open_app(page)
    assert re.search(r"[?&]s=[A-Za-z0-9_-]{43}", page.url), page.url  # the link carries the token
    switch_to_english(page)
    upload(page, path, "en")
    expect_total(page, "en", expected_total(1_000_000.0))
    duplicate_as(page, "Plan B")
    link = page.url
    page.reload()
    expect_total(page, "en", expected_total(1_000_000.0))  # the file, the language, the variants
    variant_count(page, 2)
    expect(page.locator(".st-key-sidebar_variant_en").get_by_role("combobox")).to_have_value("Plan B")
    expect(sidebar(page).get_by_text("Your saved session is back (2 variant(s)).")).to_be_visible()
    # the same link in a new tab of another browser context (another day, another machine)
    other = page.context.browser.new_context().new_page()
    other.goto(link)
    expect_total(other, "en", expected_total(1_000_000.0))
    variant_count(other, 2)
    other.context.close()


def test_two_tabs_with_different_links_stay_apart(page: Page, tmp_path: Path):
    path, _ = modified_workbook(tmp_path, 500_000.0, "tab_a.xlsx")
    open_app(page)
    tab_b = page.context.new_page()  # same browser, same cookies: only the link tells them apart
    open_app(tab_b)
    assert page.url != tab_b.url
    upload(page, path, "vi")
    expect_total(page, "vi", expected_total(500_000.0))
    tab_b.reload()
    expect_total(tab_b, "vi", DECK_TOTAL_T)
    page.reload()
    expect_total(page, "vi", expected_total(500_000.0))
    tab_b.close()


def test_undo_after_a_delete(page: Page):
    open_app(page)
    switch_to_english(page)
    duplicate_as(page, "To delete")
    variant_count(page, 2)
    sidebar(page).get_by_role("button", name="Delete").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Delete the variant To delete?")
    dialog.get_by_role("button", name="Delete").click()
    variant_count(page, 1)
    sidebar(page).get_by_role("button", name="↶ Undo").click()
    variant_count(page, 2)
    expect(page.locator(".st-key-sidebar_variant_en").get_by_role("combobox")).to_have_value("To delete")
    expect(sidebar(page).get_by_text("Undone: deleting the variant To delete")).to_be_visible()
    sidebar(page).get_by_role("button", name="↷ Redo").click()
    variant_count(page, 1)
