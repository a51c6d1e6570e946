"""Plotly figures of the variant comparison page. Data in, ``go.Figure`` out; no streamlit."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from figures.axes import AXIS, PLAIN_TICKS, compact_text, lang_of, money_axis

#: One colour per variant, in order (colour-blind-safe Okabe–Ito, without yellow and black).
VARIANT_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#7F7F7F")
GREY = "#757575"
LAYOUT = dict(height=460, margin=dict(t=50, l=10, r=10, b=10), legend=dict(orientation="h", y=-0.18))


def variant_color(i: int) -> str:
    return VARIANT_COLORS[i % len(VARIANT_COLORS)]


def paths_chart(paths: pd.DataFrame, *, title: str, separators: str, unit: str,
                with_measures_label: str, target_label: str) -> go.Figure:
    """Emissions by year of every variant: with its measures (solid) and its target path
    (dashed), one colour per variant.

    Parameters
    ----------
    paths : DataFrame
        Long format with columns ``variant, year, with_measures_tco2e, target_tco2e``; variants
        are drawn in order of first appearance. A missing target (NaN) draws no dashed line.
    """
    fig = go.Figure()
    for i, (name, rows) in enumerate(paths.groupby("variant", sort=False)):
        color = variant_color(i)
        rows = rows.sort_values("year")
        fig.add_trace(go.Scatter(
            x=rows["year"], y=rows["with_measures_tco2e"], mode="lines+markers", legendgroup=name,
            name=f"{name} – {with_measures_label}", line=dict(color=color, width=3),
            hovertemplate="%{x}: %{y:,.1f} " + unit + f"<extra>{name}</extra>"))
        target = rows["target_tco2e"].astype(float)
        if target.notna().any():
            fig.add_trace(go.Scatter(
                x=rows["year"], y=target, mode="lines", legendgroup=name, name=f"{name} – {target_label}",
                line=dict(color=color, width=2, dash="dash"),
                hovertemplate="%{x}: %{y:,.1f} " + unit + f"<extra>{name} – {target_label}</extra>"))
    fig.update_layout(title=title, separators=separators, hovermode="x unified",
                      yaxis=dict(title=unit, rangemode="tozero", **PLAIN_TICKS, **AXIS), xaxis=dict(dtick=1, **AXIS),
                      **LAYOUT)
    return fig


def cumulative_cashflow_chart(flows: dict[str, list[float]], *, title: str, separators: str, currency: str,
                              x_title: str) -> go.Figure:
    """Cumulative cash flow of every variant's measure portfolio by year (year 0 = investment);
    a line crosses zero at that variant's payback."""
    fig = go.Figure()
    cumulative = []
    for i, (name, values) in enumerate(flows.items()):
        values = np.asarray([np.nan if v is None else v for v in values], dtype=float)
        cumulative.append(np.cumsum(values))
        fig.add_trace(go.Scatter(
            x=np.arange(len(values)), y=cumulative[-1], mode="lines+markers", name=name,
            line=dict(color=variant_color(i), width=3),
            hovertemplate="%{x}: %{y:,.0f} " + currency + f"<extra>{name}</extra>"))
    fig.add_hline(y=0, line_color=GREY, line_width=1)
    fig.update_layout(title=title, separators=separators, hovermode="x unified",
                      xaxis=dict(title=x_title, dtick=1, **AXIS),
                      yaxis=dict(title=currency, **money_axis(np.concatenate([[], *cumulative]), lang_of(separators)),
                                 **AXIS), **LAYOUT)
    return fig


def kpi_bars(values: pd.DataFrame, *, title: str, separators: str) -> go.Figure:
    """A small-multiples bar chart: one panel per KPI (rows of ``values``), a bar per variant
    (columns of ``values``), each panel on its own scale."""
    from plotly.subplots import make_subplots

    kpis = list(values.index)
    lang = lang_of(separators)
    fig = make_subplots(rows=1, cols=len(kpis), subplot_titles=[_wrap(k) for k in kpis])
    fig.update_annotations(font_size=12)
    for j, kpi in enumerate(kpis, start=1):
        for i, name in enumerate(values.columns):
            value = values.loc[kpi, name]
            fig.add_trace(go.Bar(x=[name], y=[value], marker_color=variant_color(i), name=name,
                                 legendgroup=name, showlegend=j == 1, text=[_label(value, lang)],
                                 texttemplate="%{text}",
                                 textposition="outside", hovertemplate="%{y:,.2f}<extra>" + name + "</extra>"),
                          row=1, col=j)
        fig.update_xaxes(showticklabels=False, row=1, col=j)
        fig.update_yaxes(**PLAIN_TICKS, **AXIS, row=1, col=j)
    fig.update_layout(title=title, separators=separators,
                      **{**LAYOUT, "height": 420, "margin": dict(t=110, l=10, r=10, b=10)})
    return fig


def _label(value, lang: str) -> str:
    """A bar's label: a compact unit of the language from ten thousand on (``1,46 tỷ``), else
    up to three significant digits; ``–`` for a missing value."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return "–"
    return compact_text(value, lang)


def _wrap(text: str, width: int = 24) -> str:
    """A panel title broken into lines of about ``width`` characters (Plotly's ``<br>``)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])
