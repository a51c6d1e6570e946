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
        ``scope`` (key "1", "2", "3", which picks the colour), ``scope_label, category_label,
        source_label, tco2e`` (labels already translated).
    """
    data = frame[frame["tco2e"] > 0]
    ids, labels, parents, values, colors = [], [], [], [], []

    def add(id_, label, parent, value, color):
        ids.append(id_), labels.append(label), parents.append(parent), values.append(value)
        colors.append(color)

    for (scope_key, scope), g_scope in data.groupby(["scope", "scope_label"], sort=True):
        color = SCOPE_COLORS.get(str(scope_key), "#607D8B")
        add(scope, scope, "", g_scope["tco2e"].sum(), color)
        for cat, g_cat in g_scope.groupby("category_label", sort=False):
            cid = f"{scope}/{cat}"
            add(cid, cat, scope, g_cat["tco2e"].sum(), color)
            for i, rec in enumerate(g_cat.itertuples()):
                add(f"{cid}/{i}/{rec.source_label}", rec.source_label, cid, rec.tco2e, color)
    fig = go.Figure(go.Sunburst(
        ids=ids, labels=labels, parents=parents, values=values, branchvalues="total",
        marker=dict(colors=colors, line=dict(color="white", width=1)),
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
    short = [text if len(text) <= 32 else text[:30] + "…" for text in frame["label"]]
    colors = ["#C62828" if top else "#90A4AE" for top in frame["in_top"]]
    fig.add_trace(go.Bar(x=short, y=frame["tco2e"], marker_color=colors, name=unit,
                         customdata=frame["label"],
                         hovertemplate=f"%{{customdata}}<br>%{{y:,.2f}} {unit}<extra></extra>"),
                  secondary_y=False)
    fig.add_trace(go.Scatter(x=short, y=frame["cumulative_pct"], mode="lines+markers",
                             name=cumulative_label, line=dict(color="#2E7D32"),
                             hovertemplate="%{y:.1f} %<extra></extra>"), secondary_y=True)
    fig.add_hline(y=threshold_pct, line_dash="dash", line_color="#2E7D32", secondary_y=True)
    fig.update_yaxes(title_text=unit, secondary_y=False)
    fig.update_yaxes(title_text=cumulative_label, range=[0, 105], tickvals=[0, 20, 40, 60, 80, 100],
                     showgrid=False, secondary_y=True)
    fig.update_layout(title=title, separators=separators, showlegend=False, height=480,
                      margin=dict(t=50, l=10, r=10, b=10), xaxis_tickangle=-35)
    return fig
