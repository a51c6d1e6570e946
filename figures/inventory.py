"""Plotly figures of the inventory page. Data in, ``go.Figure`` out; no streamlit."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from figures.axes import AXIS, PLAIN_TICKS, shorten
from figures.marks import add_marks, hline

SCOPE_COLORS = {"1": "#E65100", "2": "#1565C0", "3": "#6A1B9A"}
PALETTE = ["#2E7D32", "#1565C0", "#E65100", "#6A1B9A", "#00838F", "#AD1457", "#F9A825", "#4E342E"]


#: Sources drawn one by one in the inventory charts; the rest are summed into "n other sources"
#: (the full detail stays in the tables and the downloads: no chart has a mark per activity row).
TOP_SOURCES = 15


def top_sources(frame: pd.DataFrame, top_n: int, other_label: str) -> pd.DataFrame:
    """The sunburst's leaves: sources of one name in one category summed, the ``top_n`` largest
    kept, and the others of each scope and category summed into one leaf labelled
    ``other_label.format(n=<how many>)``.

    Parameters
    ----------
    frame : DataFrame
        ``scope, scope_label, category_label, source_label, tco2e`` (positive emissions).
    """
    keys = ["scope", "scope_label", "category_label", "source_label"]
    leaves = (frame.groupby(keys, sort=False, dropna=False, observed=True)["tco2e"].sum().reset_index()
              .sort_values("tco2e", ascending=False, kind="stable").reset_index(drop=True))
    rest = leaves.iloc[max(int(top_n), 0):]
    if rest.empty:
        return leaves
    other = (rest.groupby(keys[:3], sort=False, dropna=False, observed=True)
             .agg(tco2e=("tco2e", "sum"), n=("tco2e", "size")).reset_index())
    other["source_label"] = [other_label.format(n=n) for n in other.pop("n")]
    return pd.concat([leaves.iloc[:max(int(top_n), 0)], other[keys + ["tco2e"]]], ignore_index=True)


def scope_mix_sunburst(frame: pd.DataFrame, *, title: str, separators: str, unit: str, other_label: str,
                       top_n: int = TOP_SOURCES) -> go.Figure:
    """Sunburst scope → category → source of emissions, the ``top_n`` largest sources drawn and
    the rest of each category summed into one leaf (:func:`top_sources`).

    Parameters
    ----------
    frame : DataFrame
        ``scope`` (key "1", "2", "3", which picks the colour), ``scope_label, category_label,
        source_label, tco2e`` (labels already translated), one row per activity row.
    other_label : str
        The leaf of the rest, with ``{n}`` for how many sources it sums ("{n} other sources").
    """
    data = top_sources(frame[frame["tco2e"] > 0], top_n, other_label)
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
                 cumulative_label: str, other_label: str, threshold_pct: float = 80.0,
                 top_n: int = TOP_SOURCES) -> go.Figure:
    """Sorted bars of the ``top_n`` largest sources with the cumulative share line and the 80 %
    threshold; the rest is one last grey bar labelled ``other_label.format(n=<how many>)``, where
    the cumulative line reaches 100 %.

    One bar per row, in the frame's order, each at its own position: two rows with the same
    name (a source of one name at two sites) are two bars, never stacked on one category, and
    the cumulative line rises from bar to bar. When the frame has a ``site`` column with more
    than one site, each bar's label ends with its site (``Điện lưới – Nhà máy 2``).

    Parameters
    ----------
    frame : DataFrame
        From :func:`calc.inventory.pareto` (``tco2e, cumulative_pct, in_top``, optionally
        ``site``) with a ``label`` column added; ``in_top`` colours the few sources that make
        the threshold.
    """
    if len(frame) > top_n:  # the long tail as one bar: never one mark per row of a large table
        rest = frame.iloc[top_n:]
        tail = {"label": other_label.format(n=len(rest)), "tco2e": rest["tco2e"].sum(),
                "cumulative_pct": rest["cumulative_pct"].iloc[-1], "in_top": False}
        if "site" in frame.columns:
            tail["site"] = ""
        frame = pd.concat([frame.iloc[:top_n], pd.DataFrame([tail])], ignore_index=True)
    labels = [str(text) for text in frame["label"]]
    if "site" in frame.columns:
        sites = ["" if s is None or (isinstance(s, float) and pd.isna(s)) else str(s).strip()
                 for s in frame["site"]]
        if len({s for s in sites if s}) > 1:
            labels = [f"{text} – {site}" if site else text for text, site in zip(labels, sites)]
    short = [shorten(text, 32) for text in labels]
    positions = list(range(len(labels)))
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    colors = ["#C62828" if top else "#90A4AE" for top in frame["in_top"]]
    fig.add_trace(go.Bar(x=positions, y=frame["tco2e"], marker_color=colors, name=unit,
                         customdata=labels,
                         hovertemplate=f"%{{customdata}}<br>%{{y:,.2f}} {unit}<extra></extra>"),
                  secondary_y=False)
    fig.add_trace(go.Scatter(x=positions, y=frame["cumulative_pct"], mode="lines+markers",
                             name=cumulative_label, line=dict(color="#2E7D32"), customdata=labels,
                             hovertemplate="%{customdata}<br>%{y:.1f} %<extra></extra>"), secondary_y=True)
    add_marks(fig, hline(threshold_pct, color="#2E7D32", dash="dash", yref="y2"))
    fig.update_xaxes(tickmode="array", tickvals=positions, ticktext=short, tickangle=-35, **AXIS)
    fig.update_yaxes(title_text=unit, secondary_y=False, rangemode="tozero", **PLAIN_TICKS, **AXIS)
    fig.update_yaxes(title_text=cumulative_label, range=[0, 105], tickvals=[0, 20, 40, 60, 80, 100],
                     showgrid=False, secondary_y=True, **AXIS)
    fig.update_layout(title=title, separators=separators, showlegend=False, height=480,
                      margin=dict(t=50, l=10, r=10, b=10))
    return fig
