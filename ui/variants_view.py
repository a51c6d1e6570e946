"""Scenario variants in the sidebar: switch, duplicate, rename, delete.

Every action is a button callback, so it runs before the script and the widgets drawn after it
already show the new state; the variant picker is keyed per language and its stored choice is
set to the open variant before it is drawn, whatever changed the open variant (an action here, a
file added as variants, undo, a restored session). Deleting asks first (the sidebar's dialog).
"""
from __future__ import annotations

import streamlit as st

from ui import state
from ui.i18n import LANGS, t

PICK_KEY = "sidebar_variant_{lang}"
NAME_KEY = "sidebar_variant_name_{lang}"
MESSAGE_KEY = "variant_message"  # (i18n key, values) of the last action's outcome


def _after_action(message: tuple[str, dict] | None) -> None:
    for lang in LANGS:  # the picker shows the variant now open
        st.session_state[PICK_KEY.format(lang=lang)] = state.current_variant()
    st.session_state[MESSAGE_KEY] = message


def _picked(lang: str) -> None:
    state.switch_variant(st.session_state[PICK_KEY.format(lang=lang)])
    st.session_state[MESSAGE_KEY] = None


def _typed_name(lang: str) -> str:
    return (st.session_state.get(NAME_KEY.format(lang=lang)) or "").strip()


def _duplicate_as(name: str) -> bool:
    """Copy the open variant under ``name`` and open it (or say why not); True when done."""
    problem = state.check_variant_name(name)
    if problem:
        _after_action((problem, {"name": name}))
        return False
    source = state.current_variant()
    state.duplicate_variant(name)
    _after_action(("variants.duplicated", {"name": name, "source": source}))
    return True


def _duplicate(lang: str) -> None:
    if _duplicate_as(_typed_name(lang) or state.free_variant_name()):
        st.session_state[NAME_KEY.format(lang=lang)] = ""


def _rename(lang: str) -> None:
    name, old = _typed_name(lang), state.current_variant()
    problem = state.check_variant_name(name, ignore=old)
    if problem:
        _after_action((problem, {"name": name}))
        return
    state.rename_variant(name)
    st.session_state[NAME_KEY.format(lang=lang)] = ""
    _after_action(("variants.renamed", {"name": name, "old": old}))


def _ask_delete(lang: str) -> None:
    state.ask("delete", name=state.current_variant())


def confirm_delete() -> None:
    """Button callback of the confirmation dialog: delete the open variant."""
    state.answered()
    old = state.current_variant()
    state.delete_variant()
    _after_action(("variants.deleted", {"name": old}))


def render_variant_manager(sb, lang: str) -> None:
    """The variant picker and the manage expander, drawn in the sidebar ``sb``."""
    items = state.variants()
    names, current = list(items), state.current_variant()
    current = current if current in names else names[0]
    for code in LANGS:  # the picker always names the open variant
        if st.session_state.get(PICK_KEY.format(lang=code)) != current:
            st.session_state[PICK_KEY.format(lang=code)] = current
    sb.selectbox(t("variants.pick", lang, n=len(names)), names,
                 key=PICK_KEY.format(lang=lang), on_change=_picked, args=(lang,))
    with sb.expander(t("variants.manage", lang), expanded=bool(st.session_state.get(MESSAGE_KEY))):
        st.text_input(t("variants.name", lang), key=NAME_KEY.format(lang=lang), max_chars=state.MAX_NAME,
                      placeholder=state.free_variant_name(), help=t("variants.name_help", lang))
        c1, c2, c3 = st.columns(3)
        c1.button(t("variants.duplicate", lang), key="sidebar_variant_duplicate", on_click=_duplicate,
                  args=(lang,), help=t("variants.duplicate_help", lang), width="stretch")
        c2.button(t("variants.rename", lang), key="sidebar_variant_rename", on_click=_rename, args=(lang,),
                  help=t("variants.rename_help", lang), width="stretch")
        c3.button(t("variants.delete", lang), key="sidebar_variant_delete", on_click=_ask_delete, args=(lang,),
                  disabled=len(names) < 2, help=t("variants.delete_help", lang), width="stretch")
        message = st.session_state.get(MESSAGE_KEY)
        if message:
            key, values = message
            (st.error if key.startswith("variants.err") else st.success)(t(key, lang, **values))
        st.caption(t("variants.caption", lang))


def duplicate_new() -> None:
    """Button callback: a copy of the open variant under the next free name, opened at once."""
    _duplicate_as(state.free_variant_name())
