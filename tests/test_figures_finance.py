"""The NPV curve's IRR label stays inside the plot: written towards the chart's middle (a label
right of a point near the right edge ran off the chart at 1024 px)."""
import numpy as np
import pytest

from figures.finance import npv_curve


def _irr_trace(irr_pct):
    rates = np.linspace(0, 40, 81)
    npvs = 1e9 * (1 - rates / 25)
    fig = npv_curve(rates, npvs, irr_pct=irr_pct, hurdle_pct=10, title="NPV", separators=".,", currency="VND",
                    x_title="rate", irr_label="IRR 36.00%", hurdle_label="hurdle")
    marks = [t for t in fig.data if t.mode == "markers+text"]
    return marks[0] if marks else None


@pytest.mark.parametrize("irr_pct,side", [(36.0, "top left"), (25.0, "top left"), (3.0, "top right"),
                                          (19.9, "top right")])
def test_the_irr_label_is_written_towards_the_middle(irr_pct, side):
    trace = _irr_trace(irr_pct)
    assert trace.x == (irr_pct,) and trace.y == (0,)
    assert trace.textposition == side and trace.text == ("IRR 36.00%",)
    assert trace.cliponaxis is False


def test_no_irr_no_label():
    assert _irr_trace(None) is None and _irr_trace(float("nan")) is None
