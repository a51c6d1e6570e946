"""Scenario variants in a real browser: create two variants, compare them, download the workbook
with both, upload it again and get both back."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from test_app_browser import download_scenario, sidebar, switch_to_english, upload
from test_projector_browser import settle
from workbook import read_scenario

pytestmark = pytest.mark.e2e
TIMEOUT = 30_000
SAMPLE_EN = Path(__file__).resolve().parents[2] / "sample_data" / "sample_factory_en.xlsx"


def chart_legend(page: Page, title: str):
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has_text=title)
    return chart.locator(".legendtext")


def goto_page(page: Page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(name, exact=True).click()


def test_two_variants_compared_downloaded_and_uploaded(page: Page, tmp_path: Path):
    page.goto("/")
    switch_to_english(page)
    expected_rate = read_scenario(SAMPLE_EN).scenario.fields["Finance"]["discount_rate_pct"]

    # a second variant, named, with a lower discount rate
    sidebar(page).get_by_text("Manage variants").click()
    name_box = sidebar(page).get_by_role("textbox", name="Variant name")
    name_box.fill("Cheaper money")
    name_box.press("Enter")
    sidebar(page).get_by_role("button", name="Duplicate").click()
    # the first variant was named on the first visit, in Vietnamese (the default language)
    expect(sidebar(page).get_by_text("Created “Cheaper money” from “Phương án 1”")).to_be_visible()
    expect(page.locator(".st-key-sidebar_variant_en").get_by_role("combobox")).to_have_value("Cheaper money")
    goto_page(page, "Finance")
    rate = page.get_by_role("textbox", name="Discount rate (%/yr)")  # a number field written the app's way
    expect(rate).to_have_value(re.compile(r"^\d"))
    rate.fill("3")
    rate.press("Enter")
    settle(page)  # "(edited)" shows since the duplicate: wait for the rate's own rerun to finish
    expect(rate).to_have_value("3")
    expect(sidebar(page).get_by_text("(edited)")).to_be_visible()

    # the comparison: both variants in the overlaid charts
    goto_page(page, "Compare variants")
    expect(page.get_by_role("heading", name="Compare variants")).to_be_visible()
    paths = chart_legend(page, "Emissions with measures and target paths")
    expect(paths.filter(has_text="Phương án 1 – with measures")).to_have_count(1)
    expect(paths.filter(has_text="Cheaper money – with measures")).to_have_count(1)
    flows = chart_legend(page, "Cumulative cash flow of the measures")
    expect(flows).to_have_text(["Phương án 1", "Cheaper money"])
    expect(page.get_by_text("Differences from “Phương án 1”")).to_be_visible()

    # the workbook holds both variants, the open one in the main sheets
    saved = read_scenario(download_scenario(page, "en", tmp_path / "two_variants.xlsx"))
    assert saved.ok, [p.message_en for p in saved.problems]
    assert list(saved.variants) == ["Phương án 1", "Cheaper money"] and saved.current == "Cheaper money"
    assert saved.variants["Cheaper money"].fields["Finance"]["discount_rate_pct"] == 3
    assert saved.variants["Phương án 1"].fields["Finance"]["discount_rate_pct"] == expected_rate

    # back to one variant, then the upload brings both back
    sidebar(page).get_by_role("button", name="Open the sample").click()
    dialog = page.get_by_role("dialog")  # two variants would be replaced: asked first
    expect(dialog).to_contain_text("replaces the 2 variant(s)")
    dialog.get_by_role("button", name="Replace").click()
    expect(sidebar(page).get_by_text("Open variant (1 in this session)")).to_be_visible()
    upload(page, tmp_path / "two_variants.xlsx", "en")
    expect(sidebar(page).get_by_text("Open variant (2 in this session)")).to_be_visible()
    expect(page.locator(".st-key-sidebar_variant_en").get_by_role("combobox")).to_have_value("Cheaper money")
    goto_page(page, "Compare variants")
    expect(chart_legend(page, "Cumulative cash flow of the measures")).to_have_text(["Phương án 1", "Cheaper money"])
