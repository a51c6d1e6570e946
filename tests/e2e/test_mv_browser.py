"""M&V page in a real browser: upload a workbook with other meter data and see the savings."""
import re

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from workbook.read import read_scenario
from workbook.write import write_scenario

pytestmark = pytest.mark.e2e
TIMEOUT = 30_000
REPO_SAMPLE = __import__("pathlib").Path(__file__).resolve().parents[2] / "sample_data" / "sample_factory_en.xlsx"


def avoided(metering):
    base, rep = metering[metering["period"] == "baseline"], metering[metering["period"] == "reporting"]
    X = np.column_stack([np.ones(len(base)), base["production"], base["cdd"]])
    beta = np.linalg.solve(X.T @ X, X.T @ base["energy"].to_numpy())
    Xr = np.column_stack([np.ones(len(rep)), rep["production"], rep["cdd"]])
    return float((Xr @ beta - rep["energy"].to_numpy()).sum())


def test_upload_meter_data_and_see_the_savings(page: Page, base_url: str, tmp_path):
    scenario = read_scenario(REPO_SAMPLE).scenario
    metering = scenario.table("Metering").copy()
    metering.loc[metering["period"] == "reporting", "energy"] -= 5_000  # 5,000 kWh more saved each month
    path = tmp_path / "metering.xlsx"
    path.write_bytes(write_scenario(scenario.with_table("Metering", metering), "en"))

    page.goto(base_url)
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    expect(page.get_by_test_id("stMetricValue").first).to_contain_text("3,299.33", timeout=TIMEOUT)
    page.get_by_test_id("stSidebar").get_by_text("Upload", exact=True).click()
    page.get_by_test_id("stSidebar").locator('input[type="file"]').set_input_files(path)
    expect(page.get_by_text(re.compile(r"^Loaded "))).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_text("Implementation & M&V", exact=True).click()
    kpi = page.get_by_test_id("stMetric").filter(has_text="Avoided energy").get_by_test_id("stMetricValue")
    expect(kpi).to_have_text(f"{avoided(metering):,.0f}", timeout=TIMEOUT)
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
