"""Mv page: arrives with its own issue; until then it shows the workbook data it will use."""
from ui.coming import render_coming

render_coming("page.mv", ['Metering', 'Actions'])
