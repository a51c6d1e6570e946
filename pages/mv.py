"""Mv page: arrives with its own issue; until then it shows the workbook data it will use."""
from ui import state
from ui.coming import render_coming

state.leave_legacy_pages_mode()

render_coming("page.mv", ['Metering', 'Actions'])
