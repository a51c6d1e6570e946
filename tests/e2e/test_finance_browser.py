"""Finance page in a real browser: change a financing option and see the options chart change."""
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
TIMEOUT = 30_000
#: the investment at t = 0: the LED (2022); compressed air invests in 2023, inside the yearly flows
FIRST_CAPEX = 160_000_000


def chart_texts(page: Page):
    return page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot text')


def test_switching_financing_options_changes_the_chart(page: Page, base_url: str):
    page.goto(base_url)
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    expect(page.get_by_test_id("stMetricValue").first).to_contain_text("3,299.33", timeout=TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_text("Finance", exact=True).click()
    # the loan option's upfront cost with the default 70 % loan: 30 % of 160 M = "48 million" on the chart
    expect(chart_texts(page).filter(has_text=re.compile(r"^48 million$"))).to_have_count(1, timeout=TIMEOUT)
    box = page.get_by_label("Loan (% of investment)")
    box.fill("50")
    box.press("Enter")
    expect(chart_texts(page).filter(has_text=re.compile(r"^80 million$"))).to_have_count(1, timeout=TIMEOUT)
    expect(chart_texts(page).filter(has_text=re.compile(r"^48 million$"))).to_have_count(0)
    # a grant adds the incentive options
    grant = page.get_by_label("Grant / rebate (% of investment)")
    grant.fill("20")
    grant.press("Enter")
    expect(page.locator('[data-testid="stPlotlyChart"]').filter(has_text="With incentives")).to_have_count(1, timeout=TIMEOUT)
