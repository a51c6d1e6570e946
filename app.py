"""Entry point: page config, the shared sidebar and navigation over the pages."""
import gc
import sys

# The process's first run loads the app's modules (and pandas', plotly's, ...): over a hundred
# thousand objects that live as long as the process. Collecting cycles while they load, and
# scanning them again in every collection of the first run, costs about 0.1 s of the first page:
# they are loaded with the collector paused, then kept out of its reach (gc.freeze) until the
# first page is drawn, when they are handed back (gc.unfreeze, below), so later runs collect as
# usual. Reference counting frees objects as always meanwhile.
_STARTING = "ui.sidebar" not in sys.modules  # nothing of the app loaded yet: the process's first run
if _STARTING:
    gc.disable()
try:
    import logging
    from pathlib import Path

    import streamlit as st

    from ui import layout, session, state
    from ui.i18n import t
    from ui.sidebar import render_sidebar, render_upload_report
    from ui.trainer import render_glossary
finally:
    if _STARTING:
        gc.freeze()
        gc.enable()

HERE = Path(__file__).parent

state.leave_legacy_pages_mode()  # see its docstring: pages/ beside app.py
st.set_page_config(page_title="Energy-saving scenarios", page_icon="🌱", layout="wide")
session.init_session()  # a saved session comes back before anything is drawn
state.init_state()
layout.inject_style()  # KPI cards that wrap, larger tables in trainer mode (projector)
lang = render_sidebar()
render_upload_report(lang)

factory = [
    st.Page(HERE / "pages/inventory.py", title=t("page.inventory", lang), icon="🏭",
            url_path="inventory", default=True),
    st.Page(HERE / "pages/targets.py", title=t("page.targets", lang), icon="🎯", url_path="targets"),
    st.Page(HERE / "pages/measures.py", title=t("page.measures", lang), icon="💡", url_path="measures"),
    st.Page(HERE / "pages/plan.py", title=t("page.plan", lang), icon="🧭", url_path="plan"),
    st.Page(HERE / "pages/finance.py", title=t("page.finance", lang), icon="💰", url_path="finance"),
    st.Page(HERE / "pages/mv.py", title=t("page.mv", lang), icon="📈", url_path="mv"),
    st.Page(HERE / "pages/compare.py", title=t("page.compare", lang), icon="⚖️", url_path="compare"),
]
# the household is the course's separate Massachusetts case: its own section, after the factory's steps
other = [st.Page(HERE / "pages/household.py", title=t("page.household", lang), icon="🏠", url_path="household")]
page = st.navigation({t("nav.factory", lang): factory, t("nav.other", lang): other})
try:
    page.run()
except Exception:  # never a traceback on screen: say so in the user's language, log the details
    logging.getLogger("energy_scenarios").exception("page %s failed", page.title)
    st.error(t("app.page_failed", lang), icon="⚠️")
finally:
    if gc.get_freeze_count():  # the first page is drawn: the collector sees every object again
        gc.unfreeze()
if state.trainer():
    render_glossary(lang)
session.save_session()  # every change is saved as it happens
