"""Plotly figures of the measures page. Data in, ``go.Figure`` out; no streamlit.

All labels and titles arrive already translated; ``separators`` (``".,"`` in English,
``",."`` in Vietnamese) is set on the layout so that every ``%{...:,.1f}`` hover and text
template follows the language.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from figures.axes import AXIS, PLAIN_TICKS, lang_of, money_axis, shorten
from figures.inventory import PALETTE
from figures.marks import add_marks, hline

WITH_MEASURES_COLOR = "#1B5E20"
BAU_COLOR = "#757575"
TARGET_COLOR = "#C62828"
SAVES_COLOR = "#2E7D32"
COSTS_COLOR = "#C62828"
OTHER_COLOR = "#9E9E9E"  # the band of the smaller wedges
# the dark green belongs to the with-measures line, so the wedges start at the second colour
WEDGE_COLORS = PALETTE[1:] + ["#7CB342", "#3949AB", "#FB8C00", "#8E24AA", "#26A69A", "#6D4C41"]
TERM_COLORS = ["#2E7D32", "#1565C0", "#E65100", "#6A1B9A"]
MARGIN = dict(t=50, l=10, r=10, b=10)
#: MACC labels: at most this many characters (cut at a word), and the plot width in pixels at
#: which a label must fit across its bar to be written horizontally (otherwise it stands upright)
MACC_LABEL_CHARS, MACC_REFERENCE_PX, LABEL_CHAR_PX = 26, 900, 7.0
#: the distance between two upright labels (at the reference width) below which the second is
#: left out (its name stays in the hover)
UPRIGHT_LABEL_PX = 16.0
#: bars narrower than this (pixels at the reference width) get no white edge
MACC_EDGE_MIN_PX = 4.0
#: wedges drawn one by one; the smaller ones share one band (the legend and the browser stay
#: readable and quick with a thousand measures)
TOP_WEDGES = 12


def top_wedges(wedges: pd.DataFrame, top_n: int, other_label: str) -> pd.DataFrame:
    """The ``top_n`` largest wedges (by their reduction summed over the years) in their own
    column order, and the rest summed into one last column ``other_label.format(n=<how many>)``.

    Every year's total is kept, so the stacked bands still end on the BAU line. With at most
    ``top_n + 1`` columns nothing is merged (one "other" band of one measure says nothing) and
    ``wedges`` itself is returned; otherwise ``other_label`` is required (ValueError when blank).
    """
    top_n = max(int(top_n), 1)
    if wedges.shape[1] <= top_n + 1:
        return wedges
    if not other_label:
        raise ValueError("other_label is needed to summarise more than top_n + 1 wedges")
    totals = pd.Series(wedges.fillna(0.0).to_numpy(dtype=float).sum(axis=0), index=range(wedges.shape[1]))
    order = totals.sort_values(ascending=False, kind="stable").index
    keep = sorted(order[:top_n])
    rest = wedges.iloc[:, list(order[top_n:])].fillna(0.0).sum(axis=1)
    out = wedges.iloc[:, keep].copy()
    out[other_label.format(n=wedges.shape[1] - top_n)] = rest
    return out


def _rgba(hex_color: str, alpha: float) -> str:
    """``"#RRGGBB"`` → ``"rgba(r,g,b,alpha)"`` for a translucent fill."""
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def wedge_chart(bau: pd.Series, with_measures: pd.Series, wedges: pd.DataFrame, *,
                target: pd.Series | None, labels: dict[str, str], title: str, separators: str,
                unit: str, other_label: str = "", top_n: int = TOP_WEDGES) -> go.Figure:
    """Stabilisation wedges: emissions with the measures, each measure's reduction stacked on
    top of it as a filled band, the business-as-usual line dashed and the target path dotted.

    Trace order: with measures, one band per column of ``wedges`` (column order), BAU, target
    (only when given). More than ``top_n + 1`` wedges are summarised first by
    :func:`top_wedges` (the ``top_n`` largest, then one band ``other_label``). Band *k* is drawn at ``with_measures + wedges.iloc[:, :k+1].sum(axis=1)``
    and filled down to the previous trace, so when the wedges add up to ``bau - with_measures``
    the top of the last band lies on the BAU line. The BAU line is drawn from ``bau`` itself,
    never from the bands.

    Parameters
    ----------
    bau, with_measures : Series
        Index year (int), tCO2e.
    wedges : DataFrame
        Index year, one column per measure (column name = legend label), values = that
        measure's reduction in tCO2e (>= 0). Missing years count as 0. May have no columns.
    target : Series, optional
        The target path by year; not drawn when ``None``.
    labels : dict
        ``"with_measures"``, ``"bau"`` and ``"target"`` → legend label (translated).
    title, separators, unit : str
        Figure title, ``layout.separators``, y-axis title (and hover unit).
    other_label : str
        Legend label of the band of the smaller wedges, with ``{n}`` for how many (translated);
        required when ``wedges`` has more than ``top_n + 1`` columns.
    top_n : int
        Wedges drawn one by one.

    Returns
    -------
    go.Figure
    """
    fig = go.Figure()
    years = [int(y) for y in with_measures.index]
    base = with_measures.to_numpy(dtype=float)
    name = labels.get("with_measures", "")
    fig.add_trace(go.Scatter(
        x=years, y=base, mode="lines", name=name, line=dict(color=WITH_MEASURES_COLOR, width=4),
        hovertemplate=f"%{{y:,.1f}} {unit}<extra>{name}</extra>"))
    summary = top_wedges(wedges, top_n, other_label)
    other = summary.shape[1] - 1 if summary is not wedges else -1  # the grey band's position, if any
    wedges = summary
    aligned = wedges.reindex(with_measures.index).fillna(0.0)
    top = base.copy()
    for k in range(aligned.shape[1]):
        label = str(aligned.columns[k])
        own = aligned.iloc[:, k].to_numpy(dtype=float)
        top = top + own
        color = OTHER_COLOR if k == other else WEDGE_COLORS[k % len(WEDGE_COLORS)]
        fig.add_trace(go.Scatter(
            x=years, y=top.copy(), mode="lines", name=label, fill="tonexty",
            fillcolor=_rgba(color, 0.55), line=dict(color=color, width=1), customdata=own,
            hovertemplate=f"%{{customdata:,.1f}} {unit}<extra>{label}</extra>"))
    name = labels.get("bau", "")
    fig.add_trace(go.Scatter(
        x=[int(y) for y in bau.index], y=bau.to_numpy(dtype=float), mode="lines", name=name,
        line=dict(color=BAU_COLOR, dash="dash", width=2),
        hovertemplate=f"%{{y:,.1f}} {unit}<extra>{name}</extra>"))
    if target is not None:
        name = labels.get("target", "")
        fig.add_trace(go.Scatter(
            x=[int(y) for y in target.index], y=target.to_numpy(dtype=float), mode="lines",
            name=name, line=dict(color=TARGET_COLOR, dash="dot", width=2),
            hovertemplate=f"%{{y:,.1f}} {unit}<extra>{name}</extra>"))
    fig.update_layout(title=title, separators=separators, height=480, hovermode="x unified",
                      margin=MARGIN, legend=dict(orientation="h", y=-0.15),
                      yaxis=dict(title=unit, rangemode="tozero", **PLAIN_TICKS, **AXIS),
                      xaxis=dict(dtick=1, **AXIS))
    return fig


def macc_chart(macc: pd.DataFrame, *, title: str, separators: str, x_title: str,
               y_title: str) -> go.Figure:
    """Marginal abatement cost curve: one bar per measure, as wide as its yearly abatement and
    as high as its cost per tonne, laid side by side from 0 to the total abatement.

    Green bars save money (negative cost, and a zero cost), red bars cost money. Rows are drawn
    in the given order (the caller sorts them, cheapest first).

    Parameters
    ----------
    macc : DataFrame
        ``label`` (str), ``tco2e_per_year`` (float), ``cost_per_tco2e`` (float, may be
        negative). Rows whose ``tco2e_per_year`` is not > 0 (zero, negative or NaN) or whose
        ``cost_per_tco2e`` is NaN are skipped: they have no width or no height to draw.
    title, separators, x_title, y_title : str
        Figure title, ``layout.separators``, axis titles (also used in the hover).

    Returns
    -------
    go.Figure
        A single ``go.Bar`` trace (empty when no row is left) with bar centres as ``x`` and the
        widths as ``width``; the x axis runs from 0 to the total abatement; a line marks cost 0.
        Each bar carries its ``label`` as text beyond the bar's end, shortened at a word to
        :data:`MACC_LABEL_CHARS` characters: across the bar when every label fits its bar,
        otherwise upright, and an upright label that would overprint its neighbour's is left out
        (the hover names every bar in full). Cost ticks are in a compact unit of the language.
    """
    data = macc[(macc["tco2e_per_year"] > 0) & macc["cost_per_tco2e"].notna()]
    widths = data["tco2e_per_year"].to_numpy(dtype=float)
    costs = data["cost_per_tco2e"].to_numpy(dtype=float)
    names = [" ".join(str(label).split()) for label in data["label"]]
    short = [shorten(name, MACC_LABEL_CHARS) for name in names]
    ends = np.cumsum(widths)
    centres = ends - widths / 2
    total = float(ends[-1]) if len(ends) else 0.0
    # written across the bar when every label fits its bar at a typical plot width, else upright
    px_per_t = MACC_REFERENCE_PX / total if total > 0 else 0.0
    across = all(len(text) * LABEL_CHAR_PX <= w * px_per_t for text, w in zip(short, widths))
    if not across:  # upright labels of neighbouring slivers would overprint: the first one keeps its label
        last = -math.inf
        for i, centre in enumerate(centres * px_per_t):
            if centre - last < UPRIGHT_LABEL_PX:
                short[i] = ""
            else:
                last = centre
    fig = go.Figure(go.Bar(
        x=centres, y=costs, width=widths, text=short, textposition="outside",
        textangle=0 if across else -90, constraintext="none",
        textfont=dict(size=12), cliponaxis=False, showlegend=False,
        marker=dict(color=[SAVES_COLOR if c <= 0 else COSTS_COLOR for c in costs],
                    # a white edge between bars, except on slivers it would paint over (1,000 measures)
                    line=dict(color="white", width=[1 if w * px_per_t >= MACC_EDGE_MIN_PX else 0 for w in widths])),
        customdata=[[n, w, c] for n, w, c in zip(names, widths, costs)],
        hovertemplate=("%{customdata[0]}<br>" + x_title + ": %{customdata[1]:,.1f}<br>"
                       + y_title + ": %{customdata[2]:,.0f}<extra></extra>")))
    add_marks(fig, hline(0, color="#424242"))
    yaxis = dict(title=y_title, **money_axis(costs, lang_of(separators)), **AXIS)
    if len(costs):  # room for the labels beyond the bars' ends (upright labels need more)
        lo, hi = min(float(costs.min()), 0.0), max(float(costs.max()), 0.0)
        longest = max((len(text) for text in short), default=0)
        room = 0.12 if across else min(0.9, 0.05 + longest * LABEL_CHAR_PX / 320)
        span = (hi - lo) or 1.0
        yaxis["range"] = [lo - (room * span if lo < 0 else 0.0), hi + (room * span if hi > 0 else 0.0)]
    fig.update_layout(title=title, separators=separators, height=480, margin=MARGIN,
                      showlegend=False, bargap=0,
                      xaxis=dict(title=x_title, range=[0, total] if total > 0 else [0, 1], **PLAIN_TICKS, **AXIS),
                      yaxis=yaxis)
    return fig


def savings_by_class_chart(frame: pd.DataFrame, *, title: str, separators: str,
                           unit: str) -> go.Figure:
    """Yearly reduction per class of measures, one vertical bar per class coloured by term.

    Parameters
    ----------
    frame : DataFrame
        ``class_label`` (one row per class, in display order), ``term_label`` (the class's term,
        translated) and ``tco2e`` (reduction per year).
    title, separators, unit : str
        Figure title, ``layout.separators``, y-axis title (and hover unit).

    Returns
    -------
    go.Figure
        One ``go.Bar`` trace per term, in order of first appearance, so the legend has one entry
        per term; the x axis keeps the row order of ``frame``.
    """
    fig = go.Figure()
    for i, (term, group) in enumerate(frame.groupby("term_label", sort=False)):
        fig.add_trace(go.Bar(
            x=[str(c) for c in group["class_label"]], y=group["tco2e"].to_numpy(dtype=float),
            name=str(term), marker_color=TERM_COLORS[i % len(TERM_COLORS)],
            texttemplate="%{y:,.1f}", textposition="outside", cliponaxis=False,
            hovertemplate=f"%{{x}}<br>%{{y:,.1f}} {unit}<extra>{term}</extra>"))
    fig.update_layout(title=title, separators=separators, height=480, margin=MARGIN,
                      barmode="relative",  # the terms never share a class: no side-by-side offset
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
                      xaxis=dict(categoryorder="array",
                                 categoryarray=[str(c) for c in frame["class_label"]], **AXIS),
                      yaxis=dict(title=unit, rangemode="tozero", **PLAIN_TICKS, **AXIS))
    return fig
