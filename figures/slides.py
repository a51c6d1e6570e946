"""A chart as a slide: 16:9, text large enough for a projector, nothing clipped.

:func:`slide` returns a copy of a figure of the ``figures`` builders laid out for a 16:9 image
(PNG, SVG or a PDF page): a fixed size, a white template, larger fonts, margins that grow with
the tick labels and axis titles (``automargin``) and axis titles kept apart from the tick labels
(``title_standoff``), the legend in one row above the plot (where it can never cover the x axis's
labels) and the title at the top left. The data and every number of the figure are unchanged.
Data in, figure out; no streamlit.
"""
from __future__ import annotations

import plotly.graph_objects as go

#: The slide's size in CSS pixels (16:9); a PNG is rendered at :data:`PNG_SCALE` times this.
WIDTH, HEIGHT, PNG_SCALE = 1280, 720, 2
FONT_SIZE, TITLE_SIZE = 16, 24
#: Fonts with every Vietnamese diacritic (Debian's DejaVu and Liberation), then the browser's own.
FONT_FAMILY = "Liberation Sans, DejaVu Sans, Noto Sans, Arial, sans-serif"
MARGIN = dict(l=28, r=28, t=80, b=28, pad=4)
#: the top margin with a legend row between the title and the plot
LEGEND_TOP = 120


def slide(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` laid out as a 16:9 slide (:data:`WIDTH` × :data:`HEIGHT`)."""
    out = go.Figure(fig)
    out.update_layout(
        width=WIDTH, height=HEIGHT, autosize=False, template="plotly_white",
        font=dict(family=FONT_FAMILY, size=FONT_SIZE, color="#212121"),
        title=dict(font=dict(size=TITLE_SIZE), x=0.02, xanchor="left", y=0.975, yanchor="top",
                   yref="container", automargin=False),
        margin=MARGIN)
    if out.layout.showlegend is not False and len(out.data) > 1:
        # one row between the title and the plot, left-aligned: never over the axis labels
        out.update_layout(margin_t=LEGEND_TOP, legend=dict(orientation="h", traceorder="normal", x=0, xanchor="left", y=1.02, yanchor="bottom",
                                      yref="paper", font=dict(size=FONT_SIZE - 1), bgcolor="rgba(0,0,0,0)"))
    axis = dict(automargin=True, title_standoff=14, ticklabeloverflow="allow", title_font=dict(size=FONT_SIZE + 1))
    out.update_xaxes(**axis)
    out.update_yaxes(**axis)
    out.update_annotations(font_size=FONT_SIZE - 1)
    out.update_traces(textfont_size=FONT_SIZE - 2, selector=dict(type="bar"))
    return out
