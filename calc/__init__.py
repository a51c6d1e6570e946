"""Pure computation for the energy-saving scenarios dashboard.

Nothing in this package imports streamlit, plotly or a file-format library: functions take
numbers, arrays or DataFrames and return the same, so pages, the CLI and tests share them.
"""
