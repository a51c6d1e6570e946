"""Front-end-neutral views of the results model: number formatting (babel), the comparison's KPI
columns, the Excel workshop report. Used by the CLI and the app alike; no streamlit here.

Layer: above ``results`` and ``figures``, below ``cli`` and ``ui``.
"""
