"""The one results model: every number any view shows, computed once from a scenario.

Layer: above ``calc`` and ``workbook`` (it reads a :class:`workbook.model.Scenario` and calls the
pure ``calc`` kernels), below every front end (``figures`` take its data; ``views``, ``cli``,
``ui``, ``pages`` read it). Nothing here imports streamlit, plotly or a front end.
"""
from results.analyse import analyse, measure_financing  # noqa: E402
from results.model import ScenarioResults  # noqa: E402

__all__ = ["analyse", "measure_financing", "ScenarioResults"]
