"""Plotly figures of the household page. Data in, ``go.Figure`` out; no streamlit."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from figures.axes import AXIS, lang_of, money_axis

GREEN, AMBER, RED, GREY, BLUE, OIL = "#2E7D32", "#F9A825", "#C62828", "#757575", "#1565C0", "#6D4C41"
LAYOUT = dict(height=420, margin=dict(t=50, l=10, r=10, b=10))


def _outline(index, selected: str | None) -> dict:
    """A dark outline on the bar of the scenario the household chose."""
    return dict(width=[3 if k == selected else 0 for k in index], color="#212121")


def burden_figure(burden_pct: pd.Series, labels: dict[str, str], *, high_pct: float, severe_pct: float,
                  high_label: str, severe_label: str, title: str, separators: str, y_title: str,
                  pct_suffix: str = "%", selected: str | None = None) -> go.Figure:
    """Energy burden by scenario as bars, with the high- and severe-burden thresholds as lines.

    Parameters
    ----------
    burden_pct : Series
        Index: scenario keys in drawing order; values: energy burden [% of income].
    labels : dict
        Scenario key → axis label (translated).
    high_pct, severe_pct : float
        Thresholds [%] (6 and 10 by default in the data file), drawn as dashed lines.
    pct_suffix : str
        "%" in English, " %" in Vietnamese.
    selected : str, optional
        The scenario of the chosen measures (outlined).

    Notes
    -----
    A bar is green at or below the high line, amber above it and red above the severe line.
    """
    values = burden_pct.astype(float)
    colors = [RED if v > severe_pct else AMBER if v > high_pct else GREEN for v in values]
    fig = go.Figure(go.Bar(x=[labels.get(k, k) for k in values.index], y=values, marker_color=colors,
                           marker_line=_outline(values.index, selected), texttemplate="%{y:.1f}" + pct_suffix,
                           textposition="outside", hovertemplate="%{x}: %{y:.2f}" + pct_suffix + "<extra></extra>",
                           showlegend=False))
    fig.add_hline(y=high_pct, line_dash="dash", line_color=AMBER, annotation_text=high_label,
                  annotation_position="top left")
    fig.add_hline(y=severe_pct, line_dash="dash", line_color=RED, annotation_text=severe_label,
                  annotation_position="top left")
    top = max(float(values.max()) if values.notna().any() else 0.0, severe_pct) * 1.2
    fig.update_layout(title=title, separators=separators, yaxis=dict(title=y_title, range=[0, top], **AXIS),
                      xaxis=dict(**AXIS), **LAYOUT)
    return fig


def cost_figure(scenarios: pd.DataFrame, labels: dict[str, str], *, oil_label: str, electricity_label: str,
                tco2_label: str, title: str, separators: str, y_title: str, y2_title: str,
                selected: str | None = None) -> go.Figure:
    """Annual energy bill by scenario (oil and electricity stacked) and its emissions (markers,
    right axis).

    Parameters
    ----------
    scenarios : DataFrame
        :func:`calc.household.scenario_table`: ``oil_cost_usd``, ``electricity_cost_usd`` and
        ``tco2`` by scenario key.
    labels : dict
        Scenario key → axis label (translated).
    """
    x = [labels.get(k, k) for k in scenarios.index]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for col, name, color in (("oil_cost_usd", oil_label, OIL), ("electricity_cost_usd", electricity_label, BLUE)):
        fig.add_trace(go.Bar(x=x, y=scenarios[col], name=name, marker_color=color,
                             marker_line=_outline(scenarios.index, selected),
                             hovertemplate="%{x}: $%{y:,.0f}<extra>" + name + "</extra>"), secondary_y=False)
    fig.add_trace(go.Scatter(x=x, y=scenarios["tco2"], name=tco2_label, mode="markers+text",
                             marker=dict(size=14, color=GREY, symbol="diamond"), texttemplate="%{y:.2f}",
                             textposition="top center", hovertemplate="%{x}: %{y:.2f} tCO2<extra></extra>"),
                  secondary_y=True)
    fig.update_layout(title=title, separators=separators, barmode="stack", legend=dict(orientation="h", y=-0.15),
                      **LAYOUT)
    bills = (scenarios["oil_cost_usd"].astype(float) + scenarios["electricity_cost_usd"].astype(float)).to_numpy()
    fig.update_xaxes(**AXIS)
    fig.update_yaxes(title_text=y_title, rangemode="tozero", secondary_y=False, **money_axis(bills, lang_of(separators)),
                     **AXIS)
    fig.update_yaxes(title_text=y2_title, rangemode="tozero", showgrid=False, secondary_y=True, **AXIS)
    return fig
