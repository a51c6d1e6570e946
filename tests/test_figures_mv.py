"""Figures of the M&V page: baseline, residuals, cumulative savings, scatter fit and Gantt,
expected numbers computed here from the inputs."""
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from figures.mv import (STATUS_COLORS, baseline_chart, cumulative_savings_chart, gantt_chart,
                        residual_chart, scatter_fit_chart)

# 12 baseline months (2023) and 6 reporting months (2024); energy = 1000 + 20 * CDD + noise,
# and the reporting months consume 8 % less than the model predicts
MONTHS = list(pd.date_range("2023-01-01", periods=18, freq="MS").to_pydatetime())
CDD = np.array([10, 20, 60, 110, 160, 200, 220, 215, 170, 120, 50, 15,
                12, 25, 70, 115, 150, 210], dtype=float)
NOISE = np.array([15, -20, 10, -5, 25, -30, 5, 0, -10, 20, -15, 5, 0, 0, 0, 0, 0, 0], dtype=float)
PERIOD = ["baseline"] * 12 + ["reporting"] * 6
IS_BASE = np.array([p == "baseline" for p in PERIOD])
IS_REP = ~IS_BASE
SLOPE, INTERCEPT = np.polyfit(CDD[IS_BASE], (1000 + 20 * CDD + NOISE)[IS_BASE], 1)
PREDICTED = INTERCEPT + SLOPE * CDD
MEASURED = np.where(IS_BASE, 1000 + 20 * CDD + NOISE, 0.92 * PREDICTED)
FIT = np.where(IS_BASE, PREDICTED, np.nan)
ADJUSTED = np.where(IS_REP, PREDICTED, np.nan)
LABELS = {"measured": "Measured", "baseline": "Baseline model", "adjusted": "Adjusted baseline",
          "savings": "Savings"}


def baseline_fig(measured=MEASURED, adjusted=ADJUSTED, labels=LABELS, separators=",."):
    return baseline_chart(MONTHS, measured, FIT, adjusted, period=PERIOD, labels=labels,
                          title="Baseline", separators=separators, unit="kWh")


def as_months(values) -> list[pd.Timestamp]:
    return list(pd.to_datetime(list(values)))


# --- baseline chart -----------------------------------------------------------------------------

def test_baseline_trace_names_order_and_styles():
    fig = baseline_fig()
    assert isinstance(fig, go.Figure)
    assert [t.name for t in fig.data] == ["Measured", "Baseline model", "Adjusted baseline", "Savings"]
    assert all(t.type == "scatter" for t in fig.data)
    assert fig.data[0].mode == "lines+markers" and fig.data[0].line.dash in (None, "solid")
    assert fig.data[1].line.dash == "dash"
    assert fig.data[2].line.dash == "dot"
    assert [t.fill for t in fig.data[:3]] == [None, None, None]


def test_baseline_lines_follow_inputs():
    fig = baseline_fig()
    assert as_months(fig.data[0].x) == as_months(MONTHS)
    assert list(fig.data[0].y) == pytest.approx(list(MEASURED))
    # the fit on the baseline months only, the prediction on the reporting months only
    assert as_months(fig.data[1].x) == as_months(MONTHS[:12])
    assert list(fig.data[1].y) == pytest.approx(list(PREDICTED[:12]))
    assert as_months(fig.data[2].x) == as_months(MONTHS[12:])
    assert list(fig.data[2].y) == pytest.approx(list(PREDICTED[12:]))


def band_runs(trace):
    """The savings band's closed outlines (``fill="toself"``), split at ``None``: per run
    (months forward then back, values, customdata)."""
    runs, cur = [], ([], [], [])
    for x, y, c in zip(trace.x, trace.y, trace.customdata):
        if x is None:
            runs.append(cur)
            cur = ([], [], [])
        else:
            cur[0].append(pd.Timestamp(x)), cur[1].append(y), cur[2].append(c)
    return runs + [cur]


def test_savings_band_fills_between_adjusted_baseline_and_measured_on_reporting_months_only():
    fig = baseline_fig()
    band = fig.data[3]
    assert band.fill == "toself"
    assert fig.data[2].name == "Adjusted baseline"
    assert as_months(fig.data[2].x) == as_months(MONTHS[12:])
    # one closed outline: measured forward along the reporting months, the adjusted baseline back
    [(months, values, savings)] = band_runs(band)
    assert months == as_months(MONTHS[12:]) + as_months(MONTHS[12:])[::-1]
    assert months[6:] == as_months(fig.data[2].x)[::-1]
    assert values[:6] == pytest.approx(list(MEASURED[12:]))
    assert values[6:] == pytest.approx(list(PREDICTED[12:][::-1]))
    assert "46,125,50" in band.fillcolor  # light green
    # the hover gives each month's savings, adjusted - measured = 8 % of the prediction
    assert savings[:6] == pytest.approx(list(0.08 * PREDICTED[12:]))
    assert savings[6:] == pytest.approx(list(0.08 * PREDICTED[12:][::-1]))
    assert "customdata" in band.hovertemplate


def test_savings_band_skips_months_without_a_value():
    measured = MEASURED.copy()
    measured[14] = np.nan
    adjusted = ADJUSTED.copy()
    adjusted[16] = np.nan
    fig = baseline_fig(measured=measured, adjusted=adjusted)

    def drawn(trace):  # the months with a point; the others are gaps (None), not skipped
        return [m for m, y in zip(as_months(trace.x), trace.y) if y is not None and np.isfinite(y)]

    assert drawn(fig.data[2]) == as_months([MONTHS[i] for i in (12, 13, 14, 15, 17)])
    # a month without a value breaks the line: None there, never a line drawn across it
    assert as_months(fig.data[2].x) == as_months(MONTHS[12:])
    assert np.isnan(fig.data[2].y[4])
    # the band is cut at each month without both values: outlines over 12–13, 15 and 17 only
    runs = band_runs(fig.data[3])
    assert [sorted(set(m)) for m, _, _ in runs] == [as_months(MONTHS[12:14]), as_months([MONTHS[15]]),
                                                  as_months([MONTHS[17]])]
    forward = [v for m, v, _ in runs for v in v[:len(m) // 2]]
    assert forward == pytest.approx([measured[i] for i in (12, 13, 15, 17)])


def test_baseline_reporting_period_is_shaded_from_the_boundary():
    fig = baseline_fig()
    boundary = pd.Timestamp(MONTHS[11]) + (pd.Timestamp(MONTHS[12]) - pd.Timestamp(MONTHS[11])) / 2
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(rects) == 1 and len(lines) == 1
    assert pd.Timestamp(rects[0].x0) == boundary
    assert pd.Timestamp(rects[0].x1) == pd.Timestamp(MONTHS[-1])
    assert pd.Timestamp(lines[0].x0) == boundary == pd.Timestamp(lines[0].x1)


def test_baseline_period_annotations_only_when_labelled():
    assert len(baseline_fig().layout.annotations) == 0
    fig = baseline_fig(labels={**LABELS, "baseline_period": "Baseline", "reporting_period": "Reporting"})
    assert sorted(a.text for a in fig.layout.annotations) == ["Baseline", "Reporting"]


def test_baseline_without_reporting_months_has_no_band_or_shading():
    fig = baseline_chart(MONTHS[:12], MEASURED[:12], FIT[:12], ADJUSTED[:12], period=PERIOD[:12],
                         labels=LABELS, title="Baseline", separators=".,", unit="kWh")
    assert len(fig.data) == 4
    assert len(fig.data[2].x) == 0 and len(fig.data[3].x) == 0
    assert len(fig.layout.shapes) == 0


def test_baseline_rejects_mismatched_lengths():
    with pytest.raises(ValueError):
        baseline_chart(MONTHS, MEASURED[:-1], FIT, ADJUSTED, period=PERIOD, labels=LABELS,
                       title="Baseline", separators=".,", unit="kWh")


def test_baseline_layout():
    fig = baseline_fig(separators=",.")
    assert fig.layout.separators == ",."
    assert fig.layout.title.text == "Baseline"
    assert fig.layout.yaxis.title.text == "kWh"
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.y < 0
    assert fig.layout.margin.t == 50 and fig.layout.height == 420


# --- residuals ----------------------------------------------------------------------------------

def test_residual_bars_and_zero_line():
    residuals = MEASURED[:12] - PREDICTED[:12]
    fig = residual_chart(MONTHS[:12], residuals, title="Residuals", separators=".,", unit="kWh")
    assert len(fig.data) == 1 and fig.data[0].type == "bar"
    assert as_months(fig.data[0].x) == as_months(MONTHS[:12])
    assert list(fig.data[0].y) == pytest.approx(list(residuals))
    # least squares with an intercept: the residuals add up to zero
    assert sum(fig.data[0].y) == pytest.approx(0.0, abs=1e-6)
    colors = list(fig.data[0].marker.color)
    assert len({c for c, r in zip(colors, residuals) if r >= 0}) == 1
    assert {c for c, r in zip(colors, residuals) if r >= 0}.isdisjoint(
        {c for c, r in zip(colors, residuals) if r < 0})
    zero = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(zero) == 1 and zero[0].y0 == 0 and zero[0].y1 == 0
    assert fig.layout.separators == ".,"
    assert fig.layout.title.text == "Residuals"


def test_residual_skips_nan_months():
    residuals = np.where(IS_BASE, MEASURED - PREDICTED, np.nan)
    fig = residual_chart(MONTHS, residuals, title="Residuals", separators=",.", unit="kWh")
    assert as_months(fig.data[0].x) == as_months(MONTHS[:12])
    assert list(fig.data[0].y) == pytest.approx(list(residuals[:12]))


# --- cumulative savings -------------------------------------------------------------------------

def test_cumulative_savings_values():
    savings = ADJUSTED[12:] - MEASURED[12:]
    cumulative = np.cumsum(savings)
    fig = cumulative_savings_chart(MONTHS[12:], cumulative, title="Cumulative", separators=",.",
                                   unit="kWh")
    assert len(fig.data) == 1 and fig.data[0].type == "scatter"
    assert as_months(fig.data[0].x) == as_months(MONTHS[12:])
    assert list(fig.data[0].y) == pytest.approx(list(cumulative))
    assert fig.data[0].y[-1] == pytest.approx(0.08 * PREDICTED[12:].sum())
    assert fig.data[0].fill == "tozeroy"
    assert fig.layout.separators == ",."
    assert fig.layout.title.text == "Cumulative"
    assert fig.layout.yaxis.title.text == "kWh"


# --- scatter fit --------------------------------------------------------------------------------

def test_scatter_fit_points_and_line():
    fit_x = np.sort(CDD[IS_BASE])
    fit_y = INTERCEPT + SLOPE * fit_x
    months = [m.strftime("%m/%Y") for m in MONTHS[:12]]
    fig = scatter_fit_chart(CDD[IS_BASE], MEASURED[IS_BASE], fit_x, fit_y, x_title="CDD",
                            y_title="kWh", title="Fit", separators=",.", point_labels=months)
    assert len(fig.data) == 2
    points, line = fig.data
    assert points.mode == "markers" and line.mode == "lines"
    assert list(points.x) == pytest.approx(list(CDD[:12]))
    assert list(points.y) == pytest.approx(list(MEASURED[:12]))
    assert list(points.text) == months and "%{text}" in points.hovertemplate
    assert list(line.x) == pytest.approx(list(fit_x))
    assert list(line.y) == pytest.approx(list(fit_y))
    assert fig.layout.xaxis.title.text == "CDD" and fig.layout.yaxis.title.text == "kWh"
    assert fig.layout.separators == ",."


def test_scatter_fit_draws_a_change_point_kink_as_given():
    # three-parameter cooling model: flat below the 18 °C balance point, then rising
    fit_x = [10.0, 18.0, 25.0, 32.0]
    fit_y = [900.0, 900.0, 1250.0, 1600.0]
    fig = scatter_fit_chart([12, 20, 30], [905, 1000, 1500], fit_x, fit_y, x_title="°C",
                            y_title="kWh", title="Fit", separators=".,")
    assert list(fig.data[1].x) == fit_x and list(fig.data[1].y) == fit_y
    assert fig.data[0].text is None and "%{text}" not in fig.data[0].hovertemplate


# --- Gantt --------------------------------------------------------------------------------------

STATUS_LABELS = {"planned": "Planned", "in_progress": "In progress", "done": "Done", "late": "Late"}
TASKS = pd.DataFrame({
    "label": ["Audit", "LED retrofit", "VSD on pumps", "Solar PV", "Chiller swap", "Training"],
    "start": pd.to_datetime(["2024-01-08", "2024-02-01", "2024-03-15", "2024-05-01", None, "2024-04-01"]),
    "end": pd.to_datetime(["2024-01-31", "2024-04-30", "2024-06-30", "2024-09-30", "2024-12-31", None]),
    "status": ["done", "done", "in_progress", "late", "planned", "planned"],
})
MS_PER_DAY = 86_400_000


def gantt_fig(tasks=TASKS, separators=",."):
    return gantt_chart(tasks, title="Plan", separators=separators, status_labels=STATUS_LABELS)


def test_gantt_one_bar_per_valid_task_by_status():
    fig = gantt_fig()
    assert all(t.type == "bar" and t.orientation == "h" for t in fig.data)
    # one trace per status present among the drawable rows; planned rows had no dates
    assert [t.name for t in fig.data] == ["In progress", "Done", "Late"]
    assert sum(len(t.y) for t in fig.data) == 4
    by_name = {t.name: t for t in fig.data}
    assert list(by_name["Done"].y) == ["Audit", "LED retrofit"]
    assert list(by_name["In progress"].y) == ["VSD on pumps"]
    assert list(by_name["Late"].y) == ["Solar PV"]
    assert fig.layout.xaxis.type == "date"


def test_gantt_bars_span_start_to_end():
    fig = gantt_fig()
    done = next(t for t in fig.data if t.name == "Done")
    assert [pd.Timestamp(b) for b in done.base] == [pd.Timestamp("2024-01-08"), pd.Timestamp("2024-02-01")]
    assert list(done.x) == pytest.approx([23 * MS_PER_DAY, 89 * MS_PER_DAY])
    late = next(t for t in fig.data if t.name == "Late")
    end = pd.Timestamp(late.base[0]) + pd.Timedelta(milliseconds=float(late.x[0]))
    assert end == pd.Timestamp("2024-09-30")


def test_gantt_colours_by_status():
    fig = gantt_fig(TASKS.assign(start=TASKS["start"].fillna(pd.Timestamp("2024-03-01")),
                                 end=TASKS["end"].fillna(pd.Timestamp("2024-12-31"))))
    colors = {t.name: t.marker.color for t in fig.data}
    assert colors == {"Planned": "#9E9E9E", "In progress": "#1565C0", "Done": "#2E7D32",
                      "Late": "#C62828"}
    assert [t.name for t in fig.data] == ["Planned", "In progress", "Done", "Late"]
    assert STATUS_COLORS["done"] == "#2E7D32" and STATUS_COLORS["late"] == "#C62828"
    # every row now has dates: six bars, rows top to bottom in table order
    assert sum(len(t.y) for t in fig.data) == 6
    assert list(fig.layout.yaxis.categoryarray) == list(TASKS["label"])
    assert fig.layout.yaxis.autorange == "reversed"


def test_gantt_skips_rows_without_dates():
    fig = gantt_fig()
    drawn = {label for t in fig.data for label in t.y}
    assert "Chiller swap" not in drawn and "Training" not in drawn
    assert list(fig.layout.yaxis.categoryarray) == ["Audit", "LED retrofit", "VSD on pumps", "Solar PV"]


@pytest.mark.parametrize("tasks", [
    pd.DataFrame(columns=["label", "start", "end", "status"]),
    pd.DataFrame(),
    TASKS.assign(start=pd.NaT),
])
def test_gantt_empty_input_gives_an_empty_figure_with_title(tasks):
    fig = gantt_fig(tasks)
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == 0
    assert fig.layout.title.text == "Plan"
    assert fig.layout.separators == ",."


def test_gantt_layout():
    fig = gantt_fig(separators=".,")
    assert fig.layout.separators == ".,"
    assert fig.layout.title.text == "Plan"
    assert fig.layout.legend.orientation == "h"
    assert fig.layout.margin.t == 50
