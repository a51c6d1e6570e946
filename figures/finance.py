"""Plotly figures of the finance page. Data in, ``go.Figure`` out; no streamlit.

Money axes and money labels use one compact unit per axis in the language of ``separators``
(:func:`figures.axes.money_axis`: ``triệu``/``tỷ``, ``million``/``billion``), never SI suffixes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from figures.axes import AXIS, compact_text, lang_of, money_axis, money_scale
from figures.marks import add_marks, hline, vline

GREEN, RED, GREY, BLUE = "#2E7D32", "#C62828", "#757575", "#1565C0"
LAYOUT = dict(height=440, margin=dict(t=50, l=10, r=10, b=10))


def cashflow_chart(flows, *, title: str, separators: str, currency: str, cumulative_label: str,
                   payback_years: float | None = None, payback_label: str = "") -> go.Figure:
    """Yearly cash flows as bars (inflows green, outflows red) and the cumulative line, which
    crosses zero at the payback (marked with a dotted vertical line when finite)."""
    flows = np.asarray(flows, dtype=float)
    years = np.arange(len(flows))
    fig = go.Figure()
    fig.add_trace(go.Bar(x=years, y=flows, marker_color=[GREEN if v >= 0 else RED for v in flows],
                         name=currency, hovertemplate="%{x}: %{y:,.0f}<extra></extra>"))
    fig.add_trace(go.Scatter(x=years, y=np.cumsum(flows), mode="lines+markers", name=cumulative_label,
                             line=dict(color=BLUE, width=3), hovertemplate="%{x}: %{y:,.0f}<extra></extra>"))
    marks = [hline(0, color=GREY)]
    if payback_years is not None and np.isfinite(payback_years):
        marks.append(vline(payback_years, color=GREEN, dash="dot", label=payback_label))
    add_marks(fig, *marks)
    money = money_axis(np.concatenate([flows, np.cumsum(flows)]), lang_of(separators))
    fig.update_layout(title=title, separators=separators, xaxis=dict(dtick=1, **AXIS),
                      yaxis=dict(title=currency, **money, **AXIS),
                      legend=dict(orientation="h", y=-0.15), **LAYOUT)
    return fig


def npv_curve(rates_pct, npvs, *, irr_pct: float | None, hurdle_pct: float | None, title: str,
              separators: str, currency: str, x_title: str, irr_label: str, hurdle_label: str) -> go.Figure:
    """NPV against the discount rate; the IRR is where the curve crosses zero, its label written
    towards the middle of the chart (right of a point in the left half, left of one in the right
    half), so it stays inside the plot on a narrow screen."""
    fig = go.Figure(go.Scatter(x=rates_pct, y=npvs, mode="lines", line=dict(color=BLUE, width=3),
                               name="NPV", hovertemplate="%{x:.1f} %: %{y:,.0f}<extra></extra>"))
    marks = [hline(0, color=GREY)]
    if irr_pct is not None and np.isfinite(irr_pct):
        rates = np.asarray(rates_pct, dtype=float)
        middle = (np.nanmin(rates) + np.nanmax(rates)) / 2 if np.isfinite(rates).any() else irr_pct
        fig.add_trace(go.Scatter(x=[irr_pct], y=[0], mode="markers+text", marker=dict(size=12, color=GREEN),
                                 text=[irr_label], textposition="top left" if irr_pct > middle else "top right",
                                 cliponaxis=False, name=irr_label))
    if hurdle_pct is not None:
        marks.append(vline(hurdle_pct, color=RED, dash="dash", label=hurdle_label))
    add_marks(fig, *marks)
    fig.update_layout(title=title, separators=separators, xaxis=dict(title=x_title, **AXIS),
                      yaxis=dict(title=currency, **money_axis(npvs, lang_of(separators)), **AXIS),
                      showlegend=False, **LAYOUT)
    return fig


def financing_chart(options: pd.DataFrame, *, title: str, separators: str, currency: str,
                    cost_label: str, npv_label: str) -> go.Figure:
    """Financing options side by side: the customer's upfront net cost and the NPV of its flows.

    ``options`` columns: ``label, customer_net_cost, npv``.
    """
    lang = lang_of(separators)
    cost = pd.to_numeric(options["customer_net_cost"], errors="coerce").to_numpy(dtype=float)
    npv = pd.to_numeric(options["npv"], errors="coerce").to_numpy(dtype=float)
    both = np.concatenate([cost, npv])
    scale = money_scale(both, lang)  # the axis's unit: every label of the chart in it
    fig = go.Figure()
    fig.add_trace(go.Bar(x=options["label"], y=cost, name=cost_label, marker_color=RED,
                         text=[compact_text(v, lang, scale) for v in cost], texttemplate="%{text}",
                         textposition="outside", cliponaxis=False,
                         hovertemplate="%{x}<br>%{y:,.0f} " + currency + "<extra>" + cost_label + "</extra>"))
    fig.add_trace(go.Bar(x=options["label"], y=npv, name=npv_label, marker_color=GREEN,
                         text=[compact_text(v, lang, scale) for v in npv], texttemplate="%{text}",
                         textposition="outside", cliponaxis=False,
                         hovertemplate="%{x}<br>%{y:,.0f} " + currency + "<extra>" + npv_label + "</extra>"))
    fig.update_layout(title=title, separators=separators, barmode="group",
                      yaxis=dict(title=currency, **money_axis(both, lang), **AXIS), xaxis=dict(**AXIS),
                      legend=dict(orientation="h", y=-0.15), **LAYOUT)
    return fig


def tornado_chart(table: pd.DataFrame, base_npv: float, *, title: str, separators: str, currency: str,
                  low_label: str, high_label: str) -> go.Figure:
    """One-at-a-time sensitivity of NPV: a bar per input from its low to its high NPV around the
    base NPV, widest swing on top. ``table`` columns: ``label, npv_low, npv_high`` (sorted)."""
    rows = table.iloc[::-1]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=rows["label"], x=rows["npv_low"] - base_npv, base=base_npv, orientation="h",
                         name=low_label, marker_color=RED, customdata=rows["npv_low"],
                         hovertemplate="%{y}: %{customdata:,.0f}<extra></extra>"))
    fig.add_trace(go.Bar(y=rows["label"], x=rows["npv_high"] - base_npv, base=base_npv, orientation="h",
                         name=high_label, marker_color=GREEN, customdata=rows["npv_high"],
                         hovertemplate="%{y}: %{customdata:,.0f}<extra></extra>"))
    add_marks(fig, vline(base_npv, color=GREY))
    money = money_axis(np.concatenate([rows["npv_low"].to_numpy(dtype=float), rows["npv_high"].to_numpy(dtype=float),
                                       [base_npv]]), lang_of(separators), include_zero=False)
    fig.update_layout(title=title, separators=separators, barmode="overlay", xaxis=dict(title=currency, **money, **AXIS),
                      yaxis=dict(**AXIS), legend=dict(orientation="h", y=-0.15), **LAYOUT)
    return fig


def monte_carlo_histogram(npv_draws, *, p10: float, p50: float, p90: float, title: str, separators: str,
                          currency: str, prob_label: str) -> go.Figure:
    """Distribution of NPV over the draws with P10, P50 and P90 marked.

    The draws are binned here (50 bins, numpy) and drawn as bars, so the chart carries 50 numbers
    instead of every draw (10,000 draws would be sent to the browser on every rerun).
    """
    draws = np.asarray(npv_draws, dtype=float)
    draws = draws[np.isfinite(draws)]
    counts, edges = np.histogram(draws, bins=50) if draws.size else (np.zeros(0), np.zeros(1))
    centers = (edges[:-1] + edges[1:]) / 2
    fig = go.Figure(go.Bar(x=centers, y=counts, width=np.diff(edges), marker_color=BLUE, opacity=0.8, name="NPV",
                           customdata=np.column_stack([edges[:-1], edges[1:]]) if draws.size else None,
                           hovertemplate="%{customdata[0]:,.0f} … %{customdata[1]:,.0f}: %{y}<extra></extra>"))
    add_marks(fig, *(vline(value, color=color, dash="dash", label=name) for value, name, color in
                     ((p10, "P10", RED), (p50, "P50", GREY), (p90, "P90", GREEN)) if np.isfinite(value)),
              vline(0, color="black", width=1))
    money = money_axis(edges if draws.size else [], lang_of(separators), include_zero=False)
    fig.update_layout(title=f"{title} – {prob_label}", separators=separators,
                      xaxis=dict(title=currency, **money, **AXIS), yaxis=dict(**AXIS),
                      showlegend=False, bargap=0.02, **LAYOUT)
    return fig
