"""The confirmation dialog before any action that replaces work: opening a sample or going back
to the deck's case, replacing the variants with a file, deleting a variant, starting afresh.

The action waits in ``state.pending()`` (set by :func:`ui.state.ask`); the dialog is drawn on
every run while it waits, so its buttons work as plain callbacks (also under AppTest); closing
the dialog cancels.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import session, state
from ui.i18n import t
from ui.variants_view import confirm_delete


def _replace(add: bool) -> None:
    ask = state.pending() or {}
    if ask.get("source") == "upload":
        state.confirm_upload(add=add)
        return
    state.answered()
    state.load_sample(Path(ask["path"]), add=add)
    st.session_state.pop("upload_digest", None)


def _fresh() -> None:
    state.answered()
    session.start_afresh()


def open_or_ask(path: Path, *, add: bool) -> None:
    """Open a sample (or the deck's case), asking first when it would replace work."""
    if not add and state.has_work():
        state.ask("replace", name=path.name, source="sample", path=str(path))
        return
    state.load_sample(path, add=add)
    st.session_state.pop("upload_digest", None)


def render_confirmation(lang: str) -> None:
    ask = state.pending()
    if not ask:
        return

    def body() -> None:
        # in the browser a button of the dialog reruns only the dialog: once its callback has
        # answered, rerun the whole app so that the dialog closes and every page shows the outcome
        if state.pending() is None:
            st.rerun()
        kind = ask["kind"]
        if kind == "replace":
            edited = t("session.confirm_edited", lang) if state.edited_since_opened() else ""
            st.markdown(t("session.confirm_replace", lang, name=ask["name"], n=len(state.variants()),
                          edited=edited))
            c1, c2, c3 = st.columns(3)
            c1.button(t("session.yes_replace", lang), key="confirm_yes", type="primary", on_click=_replace,
                      args=(False,), width="stretch")
            c2.button(t("session.yes_add", lang), key="confirm_add", on_click=_replace, args=(True,),
                      width="stretch")
            c3.button(t("session.cancel", lang), key="confirm_cancel", on_click=state.answered, width="stretch")
            return
        text, yes, action = {
            "delete": (t("session.confirm_delete", lang, name=ask.get("name", "")),
                       t("session.yes_delete", lang), confirm_delete),
            "fresh": (t("session.confirm_fresh", lang), t("session.yes_fresh", lang), _fresh),
        }[kind]
        st.markdown(text)
        c1, c2 = st.columns(2)
        c1.button(yes, key="confirm_yes", type="primary", on_click=action, width="stretch")
        c2.button(t("session.cancel", lang), key="confirm_cancel", on_click=state.answered, width="stretch")

    st.dialog(t("session.confirm_title", lang), on_dismiss=state.answered)(body)()
