"""Targets page in a real browser: change the reduction and see the chart update."""
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
TIMEOUT = 30_000
BASE_T = 60.418596 + 4_028_000 * 0.8041 / 1000  # the deck's Scope 1 + Scope 2, tCO2e


def chart_texts(page: Page):
    return page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot text')


@pytest.mark.parametrize("lang, nav, label, before, after", [
    ("en", "Targets", "Total reduction (%)", f"{BASE_T * 0.7:,.1f}", f"{BASE_T * 0.58:,.1f}"),
    ("vi", "Mục tiêu", "Tổng giảm phát thải (%)",
     f"{BASE_T * 0.7:,.1f}".replace(",", "X").replace(".", ",").replace("X", "."),
     f"{BASE_T * 0.58:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")),
])
def test_changing_the_reduction_updates_the_chart(page: Page, base_url: str, lang, nav, label, before, after):
    page.goto(base_url)
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
    if lang == "en":
        page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
        expect(page.get_by_test_id("stMetricValue").first).to_contain_text("3,299.33", timeout=TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_text(nav, exact=True).click()
    # the deck's path: 2030 total = 70 % of the base, labelled on the chart
    expect(chart_texts(page).filter(has_text=re.compile(rf"^{re.escape(before)}$"))).to_have_count(1, timeout=TIMEOUT)
    box = page.get_by_label(label)
    box.fill("42")
    box.press("Enter")
    expect(chart_texts(page).filter(has_text=re.compile(rf"^{re.escape(after)}$"))).to_have_count(1, timeout=TIMEOUT)
    expect(chart_texts(page).filter(has_text=re.compile(rf"^{re.escape(before)}$"))).to_have_count(0)


def test_deep_link_to_a_page_on_a_fresh_server(page: Page, fresh_server: str):
    """The first request a server ever gets is a deep link: the page still comes with the app
    around it (sidebar, sample scenario), not as a bare page file."""
    page.goto(fresh_server.rstrip("/") + "/targets")
    expect(page.get_by_test_id("stPlotlyChart")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("sample_factory_vi")
    expect(page.get_by_role("heading", name="Thiết lập mục tiêu giảm phát thải")).to_be_visible()
