"""The comparison page's tables and figures: differences, directions, inputs that differ."""
import math

import numpy as np
import pandas as pd
import pytest

from figures.compare import cumulative_cashflow_chart, kpi_bars, paths_chart, variant_color
from paths import SAMPLES
from ui.compare_view import difference_formulas, difference_table, input_differences, kpi_values, variant_results
from workbook.read import read_scenario


@pytest.fixture(scope="module")
def sample():
    return read_scenario(SAMPLES / "sample_factory_en.xlsx").scenario


def values_frame(**columns):
    keys = ["total_tco2e", "target_year", "reduction_pct", "emissions_target_year_with_measures",
            "gap_target_year_tco2e", "measures", "capex", "npv", "irr_pct", "payback_years"]
    return pd.DataFrame({name: dict(zip(keys, vals)) for name, vals in columns.items()}).reindex(keys)


def test_difference_is_variant_minus_reference_with_direction():
    values = values_frame(A=[100.0, 2030, 30, 80.0, 10.0, 2, 1000.0, 500.0, 20.0, 2.0],
                          B=[90.0, 2030, 30, 70.0, 0.0, 3, 1500.0, 400.0, 25.0, 2.5])
    table = difference_table(values, "A", "en", "VND")
    assert list(table.columns) == ["Indicator", "B − A"]
    col = table["B − A"].tolist()
    assert col[0] == "−10.00 (−10.0%) ▲"          # emissions down 10 of 100: better
    assert col[1] == "="                          # same target year
    assert col[4] == "−10.00 (−100.0%) ▲"         # the gap closed
    assert col[5] == "+1 (+50.0%)"                # measures: no direction
    assert col[6] == "+500 (+50.0%) ▼"            # more investment: worse
    assert col[7] == "−100 (−20.0%) ▼"            # lower NPV: worse
    assert col[8] == "+5.0 pp ▲"                  # IRR in percentage points, no % of a %
    assert col[9] == "+0.50 (+25.0%) ▼"           # longer payback: worse


def test_difference_in_vietnamese_and_missing_values():
    values = values_frame(A=[1000.0, 2030, 30, math.nan, math.nan, 2, 1000.0, 500.0, math.nan, 2.0],
                          B=[1234.5, 2030, 30, math.nan, math.nan, 2, 1000.0, 500.0, 10.0, 2.0])
    col = difference_table(values, "A", "vi", "VND")["B − A"].tolist()
    assert col[0] == "+234,50 (+23,5 %) ▼"
    assert col[3] == "–" and col[8] == "–"


def test_same_scenario_gives_equal_kpis_and_no_input_differences(sample):
    results, failed = variant_results({"a": sample, "b": sample})
    assert not failed
    values = kpi_values(results)
    assert values["a"].equals(values["b"])
    assert values.loc["total_tco2e", "a"] == pytest.approx(3299.333396)  # the deck's total
    assert input_differences(sample, sample, "en").empty


def test_input_differences_lists_fields_cells_and_record_counts(sample):
    acts = sample.activities.copy()
    acts.loc[0, "quantity"] = 12.5
    other = (sample.with_table("Activities", acts).with_field("Finance", "discount_rate_pct", 3.0)
             .with_table("Measures", sample.table("Measures").iloc[:1]))
    diff = input_differences(sample, other, "en")
    rows = [tuple(r) for r in diff.itertuples(index=False)]
    assert ("Activities", "Record 1 · Quantity", f"{sample.activities['quantity'][0]:,.0f}", "12.5") in rows
    assert any(r[0] == "Finance" and r[1].startswith("Discount rate") and r[3] == "3" for r in rows)
    assert ("Measures", "Number of records", str(len(sample.table("Measures"))), "1") in rows


def test_paths_chart_one_colour_per_variant_target_dashed():
    paths = pd.DataFrame({"variant": ["A", "A", "B", "B"], "year": [2021, 2022, 2021, 2022],
                          "with_measures_tco2e": [10.0, 9.0, 10.0, 8.0],
                          "target_tco2e": [10.0, 9.5, np.nan, np.nan]})
    fig = paths_chart(paths, title="t", separators=".,", unit="tCO2e", with_measures_label="with",
                      target_label="target")
    names = [tr.name for tr in fig.data]
    assert names == ["A – with", "A – target", "B – with"]  # B has no target: no dashed line
    assert fig.data[0].line.color == fig.data[1].line.color == variant_color(0)
    assert fig.data[1].line.dash == "dash" and fig.data[2].line.color == variant_color(1)
    assert list(fig.data[2].y) == [10.0, 8.0]


def test_cumulative_cashflows_are_running_sums():
    fig = cumulative_cashflow_chart({"A": [-100.0, 60.0, 60.0], "B": [-50.0, None, 30.0]}, title="t",
                                    separators=".,", currency="VND", x_title="Year")
    assert list(fig.data[0].y) == [-100.0, -40.0, 20.0]
    assert list(fig.data[0].x) == [0, 1, 2]
    assert fig.data[1].y[0] == -50.0 and math.isnan(fig.data[1].y[1])


def test_kpi_bars_one_panel_per_kpi():
    values = pd.DataFrame({"A": [1.0, 2.0], "B": [3.0, 4.0]}, index=["x", "y"])
    fig = kpi_bars(values, title="t", separators=".,")
    assert len(fig.data) == 4
    assert [a.text for a in fig.layout.annotations] == ["x", "y"]
    long = kpi_bars(pd.DataFrame({"A": [1.0]}, index=["Emissions in the target year with measures [tCO2e]"]),
                    title="t", separators=".,")
    assert long.layout.annotations[0].text == "Emissions in the target<br>year with measures<br>[tCO2e]"
    assert [tr.showlegend for tr in fig.data] == [True, True, False, False]


def test_formulas_show_the_numbers():
    values = values_frame(A=[100.0, 2030, 30, 80.0, 10.0, 2, 1000.0, 500.0, 20.0, 2.0],
                          B=[90.0, 2030, 30, 70.0, 0.0, 3, 1500.0, 400.0, 25.0, 2.5])
    lines = difference_formulas(values, "A", "en", "VND")
    assert lines[0] == "**B − A**"
    assert "- NPV [VND]: 400 − 500 = −100 (−20.0 % = Δ ÷ |500|)" in lines
    assert "- IRR [%]: 25.0% − 20.0% = +5.0 pp" in lines
