"""First steps: what the app is for on the first screen, and the next step of the deck's method
at the end of every page.

The deck's method is one chain — inventory → target and gap → measures → finance → M&V — and
the pages follow it; :data:`STEPS` is that order. The welcome card offers the three ways in:
explore the open sample, upload one's own workbook, or download the empty template.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import settings, state
from ui.i18n import t
from ui.sidebar import UPLOAD_TYPES, template_button

#: The pages of the deck's method, in order: (page key, page file, icon).
STEPS = (
    ("inventory", "pages/inventory.py", "🏭"),
    ("targets", "pages/targets.py", "🎯"),
    ("measures", "pages/measures.py", "💡"),
    ("plan", "pages/plan.py", "🧭"),
    ("finance", "pages/finance.py", "💰"),
    ("mv", "pages/mv.py", "📈"),
    ("compare", "pages/compare.py", "⚖️"),
)
HIDDEN = "guide.hidden"  # the page setting that folds the welcome away (kept with the session)


def opened_sample() -> bool:
    """True when the open variant came from a bundled sample (not the user's own file)."""
    return st.session_state.get("opened_from") == "sample"


def render_welcome(lang: str) -> None:
    """Two lines on what the app does and what is open, and the three ways in."""
    if settings.value(HIDDEN, False):
        return
    scenario = state.scenario()
    name = scenario.company.get("name") or Path(scenario.name or "").stem or "–"
    with st.container(border=True, key="guide_welcome"):
        st.markdown(t("guide.what", lang))
        key = "guide.open_sample" if opened_sample() else "guide.open_own"
        st.markdown(t(key, lang, name=name))
        explore, upload, template = st.columns(3)
        explore.page_link(STEPS[1][1], label=t("guide.explore", lang), icon="▶️", help=t("guide.explore_help", lang))
        with upload:
            uploaded = st.file_uploader(t("guide.upload", lang), type=UPLOAD_TYPES,
                                        key=f"guide_upload_{lang}")
            before = st.session_state.get("upload_digest")
            state.take_upload(uploaded, add=False)
            if st.session_state.get("upload_digest") != before:
                st.rerun()  # the upload report and the new scenario are drawn from the top
        template_button(template, t("guide.template", lang), lang, key="guide_template",
                        help=t("guide.template_help", lang), icon="📥")
        template.button(t("guide.hide", lang), key="guide_hide", type="tertiary",
                        on_click=settings.remember, args=(HIDDEN, True))


def render_next_step(page: str, lang: str) -> None:
    """The pointer at the end of a page: the next step of the method (the last one: the reports)."""
    keys = [key for key, _, _ in STEPS]
    st.divider()
    if page not in keys:  # a page outside the chain (the household case) leads back to the factory
        step = STEPS[0]
    elif page == keys[-1]:
        st.markdown(t("guide.next.report", lang))
        return
    else:
        step = STEPS[keys.index(page) + 1]
    st.markdown(t("guide.next", lang))
    st.page_link(step[1], label=f"{t('page.' + step[0], lang)} – {t('guide.next.' + step[0], lang)}",
                 icon=step[2])
