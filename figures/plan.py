"""Plotly figures of the least-cost plan page. Data in, ``go.Figure`` out; no streamlit.

Labels arrive translated; ``separators`` follows the language (see :mod:`figures.measures`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from figures.axes import AXIS, PLAIN_TICKS, lang_of, money_axis
from figures.marks import add_marks, vline
from figures.measures import BAU_COLOR, MARGIN, TARGET_COLOR, wedge_chart

PLAN_COLOR = "#1565C0"
OWN_COLOR = "#E65100"
BUDGET_COLOR = "#C62828"
MARK_COLORS = {"target": "#C62828", "wb2c": "#6A1B9A", "1.5c": "#2E7D32"}


def plan_path_chart(bau: pd.Series, with_plan: pd.Series, wedges: pd.DataFrame, own: pd.Series, *,
                    target: pd.Series | None, labels: dict[str, str], title: str, separators: str,
                    unit: str, other_label: str = "") -> go.Figure:
    """The plan's wedges (:func:`figures.measures.wedge_chart`: emissions with the plan, each chosen
    measure's cut stacked on it, BAU, the target) and the user's selection as a dashed line.

    ``with_plan`` may be all NaN (no plan): the BAU, target and own lines are still drawn.
    ``labels``: ``with_plan``, ``bau``, ``target``, ``own``; ``other_label`` names the band of the
    smaller wedges (``{n}`` for how many) when there are many.
    """
    fig = wedge_chart(bau, with_plan, wedges, target=target,
                      labels={"with_measures": labels.get("with_plan", ""), "bau": labels.get("bau", ""),
                              "target": labels.get("target", "")},
                      title=title, separators=separators, unit=unit, other_label=other_label)
    name = labels.get("own", "")
    fig.add_trace(go.Scatter(x=[int(y) for y in own.index], y=own.to_numpy(dtype=float), mode="lines+markers",
                             name=name, line=dict(color=OWN_COLOR, dash="dash", width=2),
                             hovertemplate=f"%{{y:,.1f}} {unit}<extra>{name}</extra>"))
    return fig


def investment_chart(years, plan, own, budget, *, labels: dict[str, str], title: str, separators: str,
                     currency: str) -> go.Figure:
    """Yearly investment of the plan and of the user's selection (bars) against the budget
    (markers joined where a year has one; a blank budget is unlimited and not drawn)."""
    x = [int(y) for y in years]
    fig = go.Figure()
    for key, values, color in (("plan", plan, PLAN_COLOR), ("own", own, OWN_COLOR)):
        name = labels.get(key, key)
        fig.add_trace(go.Bar(x=x, y=np.asarray(values, dtype=float), name=name, marker_color=color,
                             hovertemplate=f"%{{y:,.0f}} {currency}<extra>{name}</extra>"))
    b = np.asarray(budget, dtype=float)
    if np.isfinite(b).any():
        name = labels.get("budget", "budget")
        fig.add_trace(go.Scatter(x=x, y=b, mode="lines+markers", name=name, connectgaps=False,
                                 line=dict(color=BUDGET_COLOR, dash="dot", width=2), marker=dict(symbol="line-ew-open",
                                                                                                   size=18),
                                 hovertemplate=f"%{{y:,.0f}} {currency}<extra>{name}</extra>"))
    values = np.concatenate([np.asarray(plan, float), np.asarray(own, float), b])
    fig.update_layout(title=title, separators=separators, barmode="group", hovermode="x unified", margin=MARGIN,
                      legend=dict(orientation="h", y=-0.15), height=420,
                      yaxis=dict(title=currency, **money_axis(values, lang_of(separators)), **AXIS),
                      xaxis=dict(dtick=1, **AXIS))
    return fig


def cumulative_chart(frame: pd.DataFrame, *, labels: dict[str, str], title: str, separators: str, currency: str,
                     x_title: str) -> go.Figure:
    """Cumulative cash flow by year of the plan (``plan``) and the user's selection (``own``);
    a line crosses zero at its payback."""
    fig = go.Figure()
    x = [int(y) for y in frame.index]
    for key, color in (("plan", PLAN_COLOR), ("own", OWN_COLOR)):
        name = labels.get(key, key)
        fig.add_trace(go.Scatter(x=x, y=frame[key].to_numpy(dtype=float), mode="lines+markers", name=name,
                                 line=dict(color=color, width=3),
                                 hovertemplate=f"%{{y:,.0f}} {currency}<extra>{name}</extra>"))
    fig.add_hline(y=0, line_color=BAU_COLOR, line_width=1)
    fig.update_layout(title=title, separators=separators, hovermode="x unified", margin=MARGIN, height=420,
                      legend=dict(orientation="h", y=-0.15), xaxis=dict(title=x_title, dtick=1, **AXIS),
                      yaxis=dict(title=currency, **money_axis(frame.to_numpy(dtype=float).ravel(),
                                                              lang_of(separators)), **AXIS))
    return fig


def ambition_chart(curve: pd.DataFrame, marks: pd.DataFrame, *, mark_labels: dict[str, str], title: str,
                   separators: str, x_title: str, y_title: str, currency: str) -> go.Figure:
    """The cost of ambition: the least net present cost (``cost`` = −NPV) of each reduction level
    (``level_pct``), a step-like line; the marks (target, SBTi) as vertical lines, with a point
    where they are reachable."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=curve["level_pct"].to_numpy(dtype=float), y=curve["cost"].to_numpy(dtype=float),
                             mode="lines+markers", name=title, line=dict(color=PLAN_COLOR, width=3, shape="hv"),
                             hovertemplate=f"%{{x:,.1f}} %: %{{y:,.0f}} {currency}<extra></extra>", showlegend=False))
    lines = []
    for rec in marks.to_dict("records"):
        color = MARK_COLORS.get(rec["mark"], TARGET_COLOR)
        label = mark_labels.get(rec["mark"], str(rec["mark"]))
        lines.append(vline(float(rec["level_pct"]), color=color, dash="dot", label=label))
        if np.isfinite(rec["cost"]):
            fig.add_trace(go.Scatter(x=[rec["level_pct"]], y=[rec["cost"]], mode="markers", name=label,
                                     marker=dict(color=color, size=11, symbol="diamond"),
                                     hovertemplate=f"%{{y:,.0f}} {currency}<extra>{label}</extra>"))
    values = np.concatenate([curve["cost"].to_numpy(dtype=float), marks["cost"].to_numpy(dtype=float), [0.0]])
    fig.add_hline(y=0, line_color=BAU_COLOR, line_width=1)
    add_marks(fig, *lines)
    fig.update_layout(title=title, separators=separators, margin=MARGIN, height=420, showlegend=False,
                      xaxis=dict(title=x_title, rangemode="tozero", **PLAIN_TICKS, **AXIS),
                      yaxis=dict(title=y_title, **money_axis(values, lang_of(separators)), **AXIS))
    return fig
