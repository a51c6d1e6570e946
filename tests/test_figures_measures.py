"""Figures of the measures page: wedges, MACC and savings by class, expected numbers computed
here from the inputs."""
import numpy as np
import pandas as pd
import pytest

from figures.measures import TOP_WEDGES, macc_chart, savings_by_class_chart, top_wedges, wedge_chart

GREEN, RED = "#2E7D32", "#C62828"
YEARS = list(range(2024, 2031))
BAU = pd.Series([3300.0, 3350.0, 3400.0, 3450.0, 3500.0, 3550.0, 3600.0], index=YEARS)
# measure A from 2025, measure B from 2027 with a 3-year lifetime, C every year
WEDGES = pd.DataFrame({
    "LED": [0.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0],
    "VSD": [0.0, 0.0, 0.0, 250.0, 250.0, 250.0, 0.0],
    "Solar PV": [40.0, 40.0, 40.0, 40.0, 40.0, 40.0, 40.0],
}, index=YEARS)
WITH = BAU - WEDGES.sum(axis=1)
TARGET = pd.Series(np.linspace(3300.0, 2310.0, len(YEARS)), index=YEARS)
LABELS = {"with_measures": "With measures", "bau": "BAU", "target": "Target"}


def wedges_fig(wedges=WEDGES, target=TARGET, separators=",."):
    return wedge_chart(BAU, WITH if wedges is WEDGES else BAU - wedges.sum(axis=1), wedges,
                       target=target, labels=LABELS, title="Wedges", separators=separators,
                       unit="tCO2e")


def test_wedge_trace_order_and_names():
    fig = wedges_fig()
    assert [t.name for t in fig.data] == ["With measures", "LED", "VSD", "Solar PV", "BAU", "Target"]
    assert all(t.type == "scatter" for t in fig.data)
    assert [t.fill for t in fig.data[1:4]] == ["tonexty"] * 3
    assert fig.data[0].fill in (None, "none") and fig.data[4].fill in (None, "none")
    assert fig.data[4].line.dash == "dash" and fig.data[5].line.dash == "dot"
    assert len({t.line.color for t in fig.data[1:4]}) == 3


def test_wedge_bands_are_cumulative_and_end_on_bau():
    fig = wedges_fig()
    assert list(fig.data[0].x) == YEARS
    assert list(fig.data[0].y) == pytest.approx(list(WITH))
    led = [w + a for w, a in zip(WITH, WEDGES["LED"])]
    vsd = [x + b for x, b in zip(led, WEDGES["VSD"])]
    solar = [x + c for x, c in zip(vsd, WEDGES["Solar PV"])]
    assert list(fig.data[1].y) == pytest.approx(led)
    assert list(fig.data[2].y) == pytest.approx(vsd)
    assert list(fig.data[3].y) == pytest.approx(solar)
    # the top of the last band is the BAU line, year by year
    assert list(fig.data[3].y) == pytest.approx(list(BAU))
    assert list(fig.data[4].y) == pytest.approx(list(BAU))
    # the hover shows each wedge's own value, not the stacked height
    assert list(fig.data[2].customdata) == pytest.approx(list(WEDGES["VSD"]))
    assert "customdata" in fig.data[2].hovertemplate
    assert list(fig.data[5].y) == pytest.approx(list(TARGET))


def test_many_wedges_are_summarised_and_still_end_on_bau():
    """1,000 measures: the TOP_WEDGES largest one by one (in their own order), the rest in one grey
    band named with how many; the stack still ends on BAU, so no tonne is lost."""
    rng = np.random.default_rng(7)
    n = 1000
    sizes = rng.uniform(0.01, 1.0, n)
    sizes[[3, 500, 998]] = [50.0, 40.0, 30.0]  # three obvious leaders
    many = pd.DataFrame(np.outer(np.linspace(0.5, 1.0, len(YEARS)), sizes), index=YEARS,
                        columns=[f"M{i:04d}" for i in range(n)])
    with_m = BAU - many.sum(axis=1)
    fig = wedge_chart(BAU, with_m, many, target=None, labels=LABELS, title="W", separators=".,", unit="tCO2e",
                      other_label="{n} other measures")
    bands = [t for t in fig.data if t.fill == "tonexty"]
    assert len(bands) == TOP_WEDGES + 1 and len(fig.data) == TOP_WEDGES + 3
    largest = sorted(range(n), key=lambda i: -sizes[i])[:TOP_WEDGES]
    assert [t.name for t in bands[:-1]] == [f"M{i:04d}" for i in sorted(largest)]
    assert bands[-1].name == f"{n - TOP_WEDGES} other measures"
    rest = [i for i in range(n) if i not in set(largest)]
    assert list(bands[-1].customdata) == pytest.approx(list(many.iloc[:, rest].sum(axis=1)))
    assert list(bands[-1].y) == pytest.approx(list(BAU))
    assert bands[-1].line.color not in {b.line.color for b in bands[:-1]}


def test_top_wedges_keeps_small_sets_and_needs_a_label():
    assert list(top_wedges(WEDGES, 2, "{n} other").columns) == ["LED", "VSD", "Solar PV"]  # one "other" of one: kept
    two = top_wedges(WEDGES, 1, "{n} other")
    assert list(two.columns) == ["VSD", "2 other"]  # VSD is the largest over the years (750 t)
    assert list(two["2 other"]) == pytest.approx(list(WEDGES["LED"] + WEDGES["Solar PV"]))
    with pytest.raises(ValueError):
        wedge_chart(BAU, WITH, WEDGES, target=None, labels=LABELS, title="W", separators=".,", unit="t", top_n=1)


def test_wedge_layout():
    fig = wedges_fig(separators=",.")
    assert fig.layout.separators == ",."
    assert wedges_fig(separators=".,").layout.separators == ".,"
    assert fig.layout.hovermode == "x unified"
    assert fig.layout.xaxis.dtick == 1
    assert fig.layout.yaxis.title.text == "tCO2e" and fig.layout.yaxis.rangemode == "tozero"
    assert fig.layout.legend.orientation == "h"
    assert fig.layout.title.text == "Wedges"


def test_wedge_without_wedges_or_target():
    empty = pd.DataFrame(index=YEARS)
    fig = wedge_chart(BAU, BAU, empty, target=None, labels=LABELS, title="t", separators=",.",
                      unit="tCO2e")
    assert [t.name for t in fig.data] == ["With measures", "BAU"]
    assert list(fig.data[0].y) == pytest.approx(list(BAU))
    fig.to_json()  # serialisable
    assert [t.name for t in wedges_fig(target=None).data][-1] == "BAU"


MACC = pd.DataFrame({
    "label": ["LED", "Compressed-air leaks", "Idle", "VSD", "Solar PV"],
    "tco2e_per_year": [120.0, 45.5, 0.0, 300.0, 410.25],
    "cost_per_tco2e": [-850.0, -120.0, -999.0, 35.0, 410.0],
})


def macc_fig(frame=MACC):
    return macc_chart(frame, title="MACC", separators=",.", x_title="tCO2e/yr",
                      y_title="VND/tCO2e")


def test_macc_bars_widths_centres_colours():
    fig = macc_fig()
    assert len(fig.data) == 1 and fig.data[0].type == "bar"
    kept = MACC[MACC["tco2e_per_year"] > 0]  # "Idle" has no abatement: skipped
    widths = list(kept["tco2e_per_year"])
    assert list(fig.data[0].width) == pytest.approx(widths)
    centres, left = [], 0.0
    for w in widths:
        centres.append(left + w / 2)
        left += w
    assert list(fig.data[0].x) == pytest.approx(centres)
    assert list(fig.data[0].y) == pytest.approx(list(kept["cost_per_tco2e"]))
    assert list(fig.data[0].text) == ["LED", "Compressed-air leaks", "VSD", "Solar PV"]
    assert list(fig.data[0].marker.color) == [GREEN, GREEN, RED, RED]
    assert fig.data[0].offset is None
    assert list(fig.layout.xaxis.range) == pytest.approx([0.0, 120.0 + 45.5 + 300.0 + 410.25])
    assert fig.layout.xaxis.title.text == "tCO2e/yr"
    assert fig.layout.yaxis.title.text == "VND/tCO2e"
    assert fig.layout.separators == ",."
    assert any(s.type == "line" and s.y0 == 0 and s.y1 == 0 for s in fig.layout.shapes)
    assert [row[0] for row in fig.data[0].customdata] == list(fig.data[0].text)


def test_macc_skips_nan_cost_and_non_positive_width():
    frame = pd.DataFrame({"label": ["a", "b", "c", "d"],
                          "tco2e_per_year": [10.0, -5.0, np.nan, 20.0],
                          "cost_per_tco2e": [np.nan, 1.0, 2.0, 3.0]})
    fig = macc_fig(frame)
    assert list(fig.data[0].text) == ["d"]
    assert list(fig.data[0].x) == pytest.approx([10.0])
    assert list(fig.layout.xaxis.range) == pytest.approx([0.0, 20.0])


def test_macc_empty():
    empty = pd.DataFrame({"label": pd.Series(dtype=str), "tco2e_per_year": pd.Series(dtype=float),
                          "cost_per_tco2e": pd.Series(dtype=float)})
    fig = macc_fig(empty)
    assert sum(len(t.x) for t in fig.data) == 0
    assert fig.layout.title.text == "MACC" and fig.layout.xaxis.title.text == "tCO2e/yr"
    fig.to_json()


CLASSES = pd.DataFrame({
    "class_label": ["Lighting", "Motors", "Compressed air", "Renewables"],
    "term_label": ["Short-term", "Long-term", "Short-term", "Long-term"],
    "tco2e": [120.0, 300.0, 45.5, 410.25],
})


def test_savings_by_class_one_trace_per_term():
    fig = savings_by_class_chart(CLASSES, title="By class", separators=",.", unit="tCO2e/yr")
    assert [t.name for t in fig.data] == ["Short-term", "Long-term"]
    assert all(t.type == "bar" for t in fig.data)
    assert list(fig.data[0].x) == ["Lighting", "Compressed air"]
    assert list(fig.data[0].y) == pytest.approx([120.0, 45.5])
    assert list(fig.data[1].x) == ["Motors", "Renewables"]
    assert list(fig.data[1].y) == pytest.approx([300.0, 410.25])
    assert fig.data[0].marker.color != fig.data[1].marker.color
    assert fig.data[0].texttemplate == "%{y:,.1f}"
    assert list(fig.layout.xaxis.categoryarray) == list(CLASSES["class_label"])
    assert fig.layout.yaxis.title.text == "tCO2e/yr"
    assert fig.layout.separators == ",."


def test_savings_by_class_empty():
    empty = CLASSES.iloc[0:0]
    fig = savings_by_class_chart(empty, title="By class", separators=".,", unit="t")
    assert len(fig.data) == 0 and fig.layout.separators == ".,"


def test_macc_slivers_have_no_white_edge_that_would_hide_them():
    """1,000 measures: a bar is under a pixel wide; a 1 px white edge would paint it white."""
    n = 1000
    macc = pd.DataFrame({"label": [f"M{i}" for i in range(n)], "tco2e_per_year": [0.3] * (n - 1) + [300.0],
                         "cost_per_tco2e": np.linspace(-2e6, 1e5, n)})
    fig = macc_chart(macc, title="MACC", separators=".,", x_title="t", y_title="VND/t")
    widths = list(fig.data[0].marker.line.width)
    assert widths[:-1] == [0] * (n - 1) and widths[-1] == 1  # 300 t of 600 t: half the chart wide
