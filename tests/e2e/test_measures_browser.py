"""Measures page in a real browser: add a measure from the catalogue and see the results change."""
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
TIMEOUT = 30_000
EF_KWH = 0.8041 / 1000
SAMPLE_T = (46_080 + 140_000) * EF_KWH  # the sample's LED and compressed-air measures


def test_add_rooftop_solar_from_the_catalogue(page: Page, base_url: str):
    page.goto(base_url)
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    expect(page.get_by_test_id("stMetricValue").first).to_contain_text("3,299.33", timeout=TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_text("Measures", exact=True).click()
    kpi = page.get_by_test_id("stMetric").filter(has_text="Emission cut").get_by_test_id("stMetricValue")
    expect(kpi).to_have_text(f"{SAMPLE_T:,.2f}", timeout=TIMEOUT)

    page.get_by_test_id("stSelectbox").filter(has_text="Add from the deck's catalogue").click()
    page.get_by_role("option", name="Rooftop solar PV").click()
    expect(page.get_by_text("1 MWp", exact=False)).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Add to the list").click()

    expect(kpi).to_have_text(f"{SAMPLE_T + 1_200_000 * EF_KWH:,.2f}", timeout=TIMEOUT)
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    # the new measure is part of the scenario: the download carries it
    expect(page.get_by_test_id("stSidebar")).to_contain_text("(edited)")
