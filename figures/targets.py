"""Plotly figures of the targets page. Data in, ``go.Figure`` out; no streamlit."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from figures.axes import AXIS, PLAIN_TICKS
from figures.inventory import SCOPE_COLORS

LINE_COLORS = {**SCOPE_COLORS, "1+2": "#2E7D32", "1+2+3": "#2E7D32"}


def target_path_figure(lines: pd.DataFrame, labels: dict[str, str], *, title: str, separators: str,
                       unit: str, bau: pd.Series | None = None, bau_label: str = "",
                       references: dict[str, pd.Series] | None = None) -> go.Figure:
    """The reduction path: a line per scope and the total, markers on base and target years,
    the business-as-usual line dashed and reference paths (SBTi 1.5 °C, WB2C) dotted.

    Parameters
    ----------
    lines : DataFrame
        Index year; columns are scope keys ("1", "2", "1+2", ...) in drawing order.
    labels : dict
        Scope key → legend label (translated).
    references : dict, optional
        Legend label → Series by year.
    """
    fig = go.Figure()
    years = lines.index.to_numpy()
    ends = [years[0], years[-1]]
    for key in lines.columns:
        total = "+" in key
        fig.add_trace(go.Scatter(
            x=years, y=lines[key], mode="lines", name=labels.get(key, key),
            line=dict(color=LINE_COLORS.get(key, "#607D8B"), width=4 if total else 2),
            hovertemplate="%{x}: %{y:,.1f} " + unit + "<extra>" + labels.get(key, key) + "</extra>"))
        fig.add_trace(go.Scatter(
            x=ends, y=[lines[key].iloc[0], lines[key].iloc[-1]], mode="markers+text",
            marker=dict(size=10, color=LINE_COLORS.get(key, "#607D8B")), showlegend=False,
            texttemplate="%{y:,.1f}" if total else None,  # follows layout.separators (vi/en)
            textposition=["top right", "bottom left"], hoverinfo="skip"))
    if bau is not None:
        fig.add_trace(go.Scatter(x=bau.index, y=bau, mode="lines", name=bau_label,
                                 line=dict(color="#757575", dash="dash", width=2)))
    for i, (label, series) in enumerate((references or {}).items()):
        fig.add_trace(go.Scatter(x=series.index, y=series, mode="lines", name=label,
                                 line=dict(color=["#C62828", "#F9A825"][i % 2], dash="dot", width=2)))
    fig.update_layout(title=title, separators=separators, height=480, hovermode="x unified",
                      margin=dict(t=50, l=10, r=10, b=10), legend=dict(orientation="h", y=-0.15),
                      yaxis=dict(title=unit, rangemode="tozero", **PLAIN_TICKS, **AXIS), xaxis=dict(dtick=1, **AXIS))
    return fig
