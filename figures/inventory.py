"""Plotly figures of the inventory page. Data in, ``go.Figure`` out; no streamlit."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

SCOPE_COLORS = {"1": "#E65100", "2": "#1565C0", "3": "#6A1B9A"}
PALETTE = ["#2E7D32", "#1565C0", "#E65100", "#6A1B9A", "#00838F", "#AD1457", "#F9A825", "#4E342E"]


def scope_mix_sunburst(frame: pd.DataFrame, *, title: str, separators: str, unit: str) -> go.Figure:
    """Sunburst scope → category → source of emissions.

    Parameters
    ----------
    frame : DataFrame
        ``scope_label, category_label, source_label, tco2e`` (labels already translated).
    """
    data = frame[frame["tco2e"] > 0]
    ids, labels, parents, values = [], [], [], []
    for scope, g_scope in data.groupby("scope_label", sort=True):
        ids.append(scope), labels.append(scope), parents.append(""), values.append(g_scope["tco2e"].sum())
        for cat, g_cat in g_scope.groupby("category_label", sort=False):
            cid = f"{scope}/{cat}"
            ids.append(cid), labels.append(cat), parents.append(scope), values.append(g_cat["tco2e"].sum())
            for i, rec in enumerate(g_cat.itertuples()):
                ids.append(f"{cid}/{i}/{rec.source_label}")
                labels.append(rec.source_label), parents.append(cid), values.append(rec.tco2e)
    fig = go.Figure(go.Sunburst(
        ids=ids, labels=labels, parents=parents, values=values, branchvalues="total",
        hovertemplate=f"%{{label}}<br>%{{value:,.2f}} {unit}<br>%{{percentRoot:.2%}}<extra></extra>",
        insidetextorientation="radial",
    ))
    fig.update_layout(title=title, separators=separators, margin=dict(t=50, l=10, r=10, b=10),
                      colorway=PALETTE, height=480)
    return fig


def pareto_chart(frame: pd.DataFrame, *, title: str, separators: str, unit: str,
                 cumulative_label: str, threshold_pct: float = 80.0) -> go.Figure:
    """Sorted bars of sources with the cumulative share line and the 80 % threshold.

    Parameters
    ----------
    frame : DataFrame
        From :func:`calc.inventory.pareto` with a ``label`` column added; ``in_top`` colours the
        few sources that make the threshold.
    """
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    colors = ["#C62828" if top else "#90A4AE" for top in frame["in_top"]]
    fig.add_trace(go.Bar(x=frame["label"], y=frame["tco2e"], marker_color=colors, name=unit,
                         hovertemplate=f"%{{x}}<br>%{{y:,.2f}} {unit}<extra></extra>"),
                  secondary_y=False)
    fig.add_trace(go.Scatter(x=frame["label"], y=frame["cumulative_pct"], mode="lines+markers",
                             name=cumulative_label, line=dict(color="#2E7D32"),
                             hovertemplate="%{y:.1f} %<extra></extra>"), secondary_y=True)
    fig.add_hline(y=threshold_pct, line_dash="dash", line_color="#2E7D32", secondary_y=True,
                  annotation_text=f"{threshold_pct:g} %", annotation_position="top left")
    fig.update_yaxes(title_text=unit, secondary_y=False)
    fig.update_yaxes(title_text=cumulative_label, range=[0, 105], secondary_y=True)
    fig.update_layout(title=title, separators=separators, showlegend=False, height=480,
                      margin=dict(t=50, l=10, r=10, b=10), xaxis_tickangle=-35)
    return fig
