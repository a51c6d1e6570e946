"""Reference lines for figures, added to the layout in one step.

``fig.add_vline`` / ``add_hline`` validate and re-layout the figure on every call (about 4 ms
each); a page with a dozen of them spends a noticeable part of its rerun there. These helpers
build the same shapes and labels as plain dicts, and :func:`add_marks` adds them at once.
"""
from __future__ import annotations

import plotly.graph_objects as go


def vline(x: float, *, color: str, dash: str | None = None, width: float = 1.5, label: str = "") -> dict:
    """A vertical line across the plot at ``x`` (data units), labelled at its top."""
    return {"shape": dict(type="line", x0=x, x1=x, y0=0, y1=1, xref="x", yref="y domain",
                          line=dict(color=color, dash=dash, width=width)),
            "label": dict(x=x, y=1, xref="x", yref="y domain", text=label, showarrow=False, xanchor="left",
                          yanchor="top", font=dict(color=color)) if label else None}


def hline(y: float, *, color: str, dash: str | None = None, width: float = 1, yref: str = "y",
          label: str = "") -> dict:
    """A horizontal line across the plot at ``y`` (of axis ``yref``), from one end of the x
    axis's domain to the other (a plot with a second y axis is narrower than the paper)."""
    return {"shape": dict(type="line", x0=0, x1=1, y0=y, y1=y, xref="x domain", yref=yref,
                          line=dict(color=color, dash=dash, width=width)),
            "label": dict(x=1, y=y, xref="x domain", yref=yref, text=label, showarrow=False, xanchor="right",
                          yanchor="bottom", font=dict(color=color)) if label else None}


def add_marks(fig: go.Figure, *marks: dict) -> go.Figure:
    """Add the lines (and their labels) of :func:`vline` / :func:`hline` in one layout update."""
    shapes = list(fig.layout.shapes or ()) + [m["shape"] for m in marks]
    labels = list(fig.layout.annotations or ()) + [m["label"] for m in marks if m["label"]]
    fig.update_layout(shapes=shapes, annotations=labels)
    return fig
