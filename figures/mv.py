"""Plotly figures of the implementation & M&V page. Data in, ``go.Figure`` out; no streamlit.

All labels and titles arrive already translated; ``separators`` (``".,"`` in English,
``",."`` in Vietnamese) is set on the layout so that every ``%{...:,.1f}`` hover and text
template follows the language. Months are drawn on a date axis whose ticks read ``01/2023`` in
Vietnamese and ``Jan 2023`` in English (:func:`figures.axes.month_axis`); dates shown in hovers
use ``%m/%Y`` (months) or ISO ``YYYY-MM-DD`` (Gantt), which read the same in both languages.

Gaps stay gaps: a month missing from the data (no row for it, or no value) is a break in every
line — the series are laid on a complete monthly calendar with ``None`` at such months
(:func:`figures.axes.monthly_gaps`) — never a straight line across it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from figures.axes import AXIS, PLAIN_TICKS, day_axis, lang_of, month_axis, monthly_gaps, with_gaps

MEASURED_COLOR = "#1565C0"
BASELINE_COLOR = "#757575"
ADJUSTED_COLOR = "#E65100"
SAVINGS_COLOR = "#2E7D32"
SAVINGS_FILL = "rgba(46,125,50,0.25)"
REPORTING_FILL = "rgba(21,101,192,0.06)"
POSITIVE_COLOR, NEGATIVE_COLOR = "#1565C0", "#E65100"
ZERO_LINE_COLOR = "#424242"
STATUS_ORDER = ("planned", "in_progress", "done", "late")
STATUS_COLORS = {"planned": "#9E9E9E", "in_progress": "#1565C0", "done": "#2E7D32", "late": "#C62828"}
UNKNOWN_STATUS_COLOR = "#607D8B"
MARGIN = dict(t=50, l=10, r=10, b=10)
LEGEND_BELOW = dict(orientation="h", y=-0.15, yanchor="top", x=0, xanchor="left")
HEIGHT = 420
MONTH_HOVER = "%{x|%m/%Y}"


def _months(months) -> pd.DatetimeIndex:
    """Any sequence of datetimes (list, Series, Index, array) → ``DatetimeIndex``."""
    return pd.DatetimeIndex(pd.to_datetime(list(months)))


def _floats(values, n: int | None, name: str) -> np.ndarray:
    """Values → float array (``None``/``pd.NA`` become NaN), of length ``n`` when given."""
    array = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").to_numpy(dtype=float)
    if n is not None and len(array) != n:
        raise ValueError(f"{name} has {len(array)} values for {n} months")
    return array


def _lone(values: np.ndarray, size: float = 6.0) -> list[float]:
    """Marker sizes for a line with gaps: ``size`` on a value with no value beside it (a line
    cannot draw a single point), 0 elsewhere."""
    ok = np.isfinite(np.asarray(values, dtype=float))
    before = np.r_[False, ok[:-1]]
    after = np.r_[ok[1:], False]
    return [size if o and not (b or a) else 0.0 for o, b, a in zip(ok, before, after)]


def _band(x: pd.DatetimeIndex, measured: np.ndarray, adjusted: np.ndarray, on: np.ndarray):
    """The savings band's outline: per run of consecutive months in ``on``, measured forward
    then adjusted backward (a closed polygon), runs separated by ``None``; the savings of each
    vertex's month as customdata."""
    xs: list = []
    ys: list = []
    saved: list = []
    idx = np.flatnonzero(on)
    runs = np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1) if len(idx) else []
    for run in runs:
        if xs:
            xs.append(None), ys.append(None), saved.append(None)
        back = run[::-1]
        xs += list(x[run]) + list(x[back])
        ys += list(measured[run]) + list(adjusted[back])
        saved += list(adjusted[run] - measured[run]) + list(adjusted[back] - measured[back])
    return xs, ys, saved


def baseline_chart(months, measured, baseline_fit, adjusted_baseline, *, period, labels: dict[str, str],
                   title: str, separators: str, unit: str) -> go.Figure:
    """Monthly energy: measured, the baseline model and the savings it implies.

    Trace order (always four traces, possibly empty); every trace runs over consecutive calendar
    months with ``None`` where its value is missing, so each line breaks at a missing month (a
    lone month between two gaps is drawn as a marker):

    0. measured, every month from the first to the last (solid line with markers);
    1. baseline fit, on the baseline months (dashed);
    2. adjusted baseline, on the reporting months where the prediction is finite (dotted);
    3. the savings band: the area between the adjusted baseline and the measured energy on the
       reporting months where both are finite, shaded light green (``fill="toself"``): one
       closed outline per run of consecutive such months — measured forward, then the adjusted
       baseline back — separated by ``None``, so a missing month is a gap in the band too
       (Plotly's ``tonexty`` would bridge it). Its hover shows the savings
       ``adjusted - measured`` of the month (``customdata``).

    The reporting period is shaded by a rectangle (from half way between the last baseline
    month and the first reporting month up to the last reporting month) and a dashed vertical
    line marks the boundary when both periods are present.

    Parameters
    ----------
    months : sequence of datetime
        Every metered month, in time order.
    measured : sequence of float
        Metered energy per month (NaN where missing).
    baseline_fit : sequence of float
        The model's fitted values on baseline months (NaN on reporting months).
    adjusted_baseline : sequence of float
        The model's prediction on reporting months (NaN on baseline months).
    period : sequence of str
        ``"baseline"`` or ``"reporting"`` per month.
    labels : dict
        ``"measured"``, ``"baseline"``, ``"adjusted"`` and ``"savings"`` → legend label
        (translated). Optional ``"baseline_period"`` and ``"reporting_period"`` → text written
        at the top of each side of the boundary.
    title, separators, unit : str
        Figure title, ``layout.separators``, y-axis title (and hover unit).

    Returns
    -------
    go.Figure

    Raises
    ------
    ValueError
        When a value sequence does not have one value per month.
    """
    x = _months(months)
    n = len(x)
    meas = _floats(measured, n, "measured")
    fit = _floats(baseline_fit, n, "baseline_fit")
    adj = _floats(adjusted_baseline, n, "adjusted_baseline")
    kind = np.array([str(p) for p in period], dtype=object)
    if len(kind) != n:
        raise ValueError(f"period has {len(kind)} values for {n} months")
    # on a complete monthly calendar: a month without a row is NaN everywhere (a gap)
    code = np.where(kind == "baseline", 1.0, np.where(kind == "reporting", 2.0, 0.0))
    x, (meas, fit, adj, code) = monthly_gaps(x, meas, fit, adj, code)
    is_base = code == 1.0
    is_rep = code == 2.0
    on_adj = is_rep & np.isfinite(adj)
    on_band = on_adj & np.isfinite(meas)
    fit_x, fit_y = with_gaps(x, fit, is_base & np.isfinite(fit))
    adj_x, adj_y = with_gaps(x, adj, on_adj)
    band_x, band_y, band_save = _band(x, meas, adj, on_band)

    fig = go.Figure()
    name = labels.get("measured", "")
    fig.add_trace(go.Scatter(
        x=x, y=meas, mode="lines+markers", name=name, line=dict(color=MEASURED_COLOR, width=2),
        marker=dict(size=6), hovertemplate=f"{MONTH_HOVER}: %{{y:,.0f}} {unit}<extra>{name}</extra>"))
    name = labels.get("baseline", "")
    fig.add_trace(go.Scatter(
        x=fit_x, y=fit_y, mode="lines+markers", name=name, marker=dict(size=_lone(fit_y), color=BASELINE_COLOR),
        line=dict(color=BASELINE_COLOR, dash="dash", width=2),
        hovertemplate=f"{MONTH_HOVER}: %{{y:,.0f}} {unit}<extra>{name}</extra>"))
    name = labels.get("adjusted", "")
    fig.add_trace(go.Scatter(
        x=adj_x, y=adj_y, mode="lines+markers", name=name, marker=dict(size=_lone(adj_y), color=ADJUSTED_COLOR),
        line=dict(color=ADJUSTED_COLOR, dash="dot", width=2),
        hovertemplate=f"{MONTH_HOVER}: %{{y:,.0f}} {unit}<extra>{name}</extra>"))
    name = labels.get("savings", "")
    fig.add_trace(go.Scatter(
        x=band_x, y=band_y, mode="lines", name=name, fill="toself", hoveron="points",
        fillcolor=SAVINGS_FILL, line=dict(color=SAVINGS_COLOR, width=0),
        customdata=band_save,
        hovertemplate=f"{MONTH_HOVER}: %{{customdata:,.0f}} {unit}<extra>{name}</extra>"))

    if is_rep.any():
        first_rep = x[is_rep].min()
        before = x[is_base & (x < first_rep)]
        boundary = before.max() + (first_rep - before.max()) / 2 if len(before) else first_rep
        fig.add_vrect(x0=boundary, x1=x[is_rep].max(), fillcolor=REPORTING_FILL, line_width=0,
                      layer="below")
        if len(before):
            fig.add_shape(type="line", x0=boundary, x1=boundary, y0=0, y1=1, yref="paper",
                          line=dict(color=BASELINE_COLOR, dash="dash", width=1))
        for key, anchor in (("baseline_period", "right"), ("reporting_period", "left")):
            if labels.get(key):
                fig.add_annotation(x=boundary, y=1, yref="paper", text=labels[key], showarrow=False,
                                   xanchor=anchor, yanchor="bottom", font=dict(size=11))
    fig.update_layout(title=title, separators=separators, height=HEIGHT, margin=MARGIN,
                      hovermode="x unified", legend=LEGEND_BELOW,
                      xaxis=dict(**month_axis(x, lang_of(separators)), **AXIS),
                      yaxis=dict(title=unit, rangemode="tozero", **PLAIN_TICKS, **AXIS))
    return fig


def residual_chart(months, residuals, *, title: str, separators: str, unit: str) -> go.Figure:
    """Residuals of the baseline model (measured - fitted) as bars around a zero line.

    Parameters
    ----------
    months : sequence of datetime
        The months of ``residuals``, normally the baseline months.
    residuals : sequence of float
        One residual per month. Non-finite values (e.g. reporting months passed with NaN) are
        skipped.
    title, separators, unit : str
        Figure title, ``layout.separators``, y-axis title (and hover unit).

    Returns
    -------
    go.Figure
        One ``go.Bar`` trace (positive residuals blue, negative orange) and a line at 0.

    Raises
    ------
    ValueError
        When ``residuals`` does not have one value per month.
    """
    x = _months(months)
    values = _floats(residuals, len(x), "residuals")
    keep = np.isfinite(values)
    values = values[keep]
    fig = go.Figure(go.Bar(
        x=x[keep], y=values, showlegend=False,
        marker_color=[POSITIVE_COLOR if v >= 0 else NEGATIVE_COLOR for v in values],
        hovertemplate=f"{MONTH_HOVER}: %{{y:+,.0f}} {unit}<extra></extra>"))
    fig.add_hline(y=0, line_color=ZERO_LINE_COLOR, line_width=1)
    fig.update_layout(title=title, separators=separators, height=HEIGHT, margin=MARGIN,
                      showlegend=False, xaxis=dict(**month_axis(x, lang_of(separators)), **AXIS),
                      yaxis=dict(title=unit, **PLAIN_TICKS, **AXIS))
    return fig


def cumulative_savings_chart(months, cumulative, *, title: str, separators: str,
                             unit: str) -> go.Figure:
    """Cumulative avoided energy over the reporting months, as a line filled down to zero.

    Parameters
    ----------
    months : sequence of datetime
        The reporting months.
    cumulative : sequence of float
        Running total of the savings at each month. A non-finite value, and a month missing
        between the first and the last, is a gap in the line (``None``).
    title, separators, unit : str
        Figure title, ``layout.separators``, y-axis title (and hover unit).

    Returns
    -------
    go.Figure
        One ``go.Scatter`` trace over consecutive months with ``fill="tozeroy"`` and a line at
        0 (savings can be negative when consumption rose above the adjusted baseline).

    Raises
    ------
    ValueError
        When ``cumulative`` does not have one value per month.
    """
    x = _months(months)
    values = _floats(cumulative, len(x), "cumulative")
    x, (values,) = monthly_gaps(x, values)
    x, values = with_gaps(x, values, np.isfinite(values))
    fig = go.Figure(go.Scatter(
        x=x, y=values, mode="lines+markers", fill="tozeroy", fillcolor=SAVINGS_FILL,
        line=dict(color=SAVINGS_COLOR, width=3), marker=dict(size=6), showlegend=False,
        hovertemplate=f"{MONTH_HOVER}: %{{y:,.0f}} {unit}<extra></extra>"))
    fig.add_hline(y=0, line_color=ZERO_LINE_COLOR, line_width=1)
    fig.update_layout(title=title, separators=separators, height=HEIGHT, margin=MARGIN,
                      showlegend=False, xaxis=dict(**month_axis(x, lang_of(separators)), **AXIS),
                      yaxis=dict(title=unit, **PLAIN_TICKS, **AXIS))
    return fig


def scatter_fit_chart(x, y, fit_x, fit_y, *, x_title: str, y_title: str, title: str, separators: str,
                      point_labels=None) -> go.Figure:
    """Energy against a driver on the baseline months, with the model's fitted line.

    Parameters
    ----------
    x, y : sequence of float
        Driver and energy of each baseline month (drawn as markers).
    fit_x, fit_y : sequence of float
        Points of the fitted line, already sorted by ``fit_x``; drawn as given, so a
        change-point model shows its kink.
    x_title, y_title, title, separators : str
        Axis titles (also used in the hover), figure title, ``layout.separators``.
    point_labels : sequence of str, optional
        One label per point (e.g. the month) shown in the hover.

    Returns
    -------
    go.Figure
        Trace 0: the points (``mode="markers"``); trace 1: the fitted line (``mode="lines"``).
        No legend.

    Raises
    ------
    ValueError
        When ``y`` or ``point_labels`` does not match ``x``, or ``fit_y`` does not match
        ``fit_x``.
    """
    px_ = _floats(x, None, "x")
    py_ = _floats(y, len(px_), "y")
    fx = _floats(fit_x, None, "fit_x")
    fy = _floats(fit_y, len(fx), "fit_y")
    hover = f"{x_title}: %{{x:,.1f}}<br>{y_title}: %{{y:,.0f}}<extra></extra>"
    text = None
    if point_labels is not None:
        text = [str(label) for label in point_labels]
        if len(text) != len(px_):
            raise ValueError(f"point_labels has {len(text)} values for {len(px_)} points")
        hover = "%{text}<br>" + hover
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=px_, y=py_, mode="markers", text=text, name=y_title,
        marker=dict(color=MEASURED_COLOR, size=9, line=dict(color="white", width=1)),
        hovertemplate=hover))
    fig.add_trace(go.Scatter(
        x=fx, y=fy, mode="lines", name=y_title, line=dict(color=ADJUSTED_COLOR, width=3),
        hovertemplate=f"{x_title}: %{{x:,.1f}}<br>{y_title}: %{{y:,.0f}}<extra></extra>"))
    fig.update_layout(title=title, separators=separators, height=HEIGHT, margin=MARGIN,
                      showlegend=False, xaxis=dict(title=x_title, **PLAIN_TICKS, **AXIS),
                      yaxis=dict(title=y_title, **PLAIN_TICKS, **AXIS))
    return fig


def gantt_chart(tasks: pd.DataFrame, *, title: str, separators: str,
                status_labels: dict[str, str]) -> go.Figure:
    """Implementation plan: one horizontal bar per task from its start to its end.

    Bars are ``go.Bar`` with ``orientation="h"``, ``base`` = start and ``x`` = duration in
    milliseconds on a ``type="date"`` x axis. One trace per status present, in the order
    planned, in progress, done, late (then unknown statuses in order of appearance), so the
    legend has one entry per status, named ``status_labels[status]`` (the raw status when it
    has no label). Colours: done green, in progress blue, planned grey, late red, anything else
    blue-grey. Tasks keep their row order top to bottom.

    Parameters
    ----------
    tasks : DataFrame
        ``label`` (str), ``start`` and ``end`` (datetime), ``status`` (``"planned"``,
        ``"in_progress"``, ``"done"`` or ``"late"``). Rows without a start or an end (missing
        or unparseable), or ending before they start, are skipped: they have no bar to draw.
    title, separators : str
        Figure title, ``layout.separators``.
    status_labels : dict
        Status → legend label (translated).

    Returns
    -------
    go.Figure
        With no trace (only the title) when ``tasks`` is empty or no row is left.
    """
    fig = go.Figure()
    fig.update_layout(title=title, separators=separators, height=HEIGHT, margin=MARGIN,
                      legend=LEGEND_BELOW)
    if tasks is None or len(tasks) == 0:
        return fig
    data = pd.DataFrame({
        "label": [str(label) for label in tasks["label"]],
        "start": pd.to_datetime(tasks["start"], errors="coerce").to_numpy(),
        "end": pd.to_datetime(tasks["end"], errors="coerce").to_numpy(),
        "status": [str(s) for s in tasks["status"]],
    })
    data = data[data["start"].notna() & data["end"].notna() & (data["end"] >= data["start"])]
    if data.empty:
        return fig
    present = list(dict.fromkeys(data["status"]))
    order = [s for s in STATUS_ORDER if s in present] + [s for s in present if s not in STATUS_ORDER]
    for status in order:
        group = data[data["status"] == status]
        name = status_labels.get(status, status)
        duration_ms = (group["end"] - group["start"]) / pd.Timedelta(milliseconds=1)
        fig.add_trace(go.Bar(
            y=group["label"].tolist(), base=group["start"].tolist(), x=duration_ms.to_numpy(dtype=float),
            orientation="h", name=name, marker_color=STATUS_COLORS.get(status, UNKNOWN_STATUS_COLOR),
            customdata=[[s.strftime("%Y-%m-%d"), e.strftime("%Y-%m-%d")]
                        for s, e in zip(group["start"], group["end"])],
            hovertemplate="%{y}<br>%{customdata[0]} – %{customdata[1]}<extra>" + name + "</extra>"))
    rows = list(dict.fromkeys(data["label"]))
    fig.update_layout(height=max(HEIGHT, 120 + 32 * len(rows)), barmode="overlay",
                      xaxis=dict(**day_axis(lang_of(separators)), **AXIS),
                      yaxis=dict(categoryorder="array", categoryarray=rows, autorange="reversed", **AXIS))
    return fig
