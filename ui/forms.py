"""Widgets that edit the scenario: mirrored from it in the page settings, written back to it.

A form's values live in the page settings (:mod:`ui.settings`, one name per field:
``"<prefix>.<field>"``, whatever the language). They are taken from the scenario when it changed
elsewhere (upload, sample, undo, another page, a restored session); otherwise only the fields
missing from the settings are filled, so a value the user just entered is never overwritten and
a language switch keeps every value.
"""
from __future__ import annotations

import streamlit as st

from ui import settings, state


def form_names(prefix: str, fields) -> dict[str, str]:
    """field → the name of its page setting."""
    return {f: f"{prefix}.{f}" for f in fields}


def seed(prefix: str, values: dict) -> dict[str, str]:
    """Mirror ``values`` (field → value, from the scenario) in the page settings when the
    scenario changed since this form last did; return field → setting name."""
    names = form_names(prefix, values)
    synced_key = f"{prefix}_synced"
    fresh = st.session_state.get(synced_key) != state.version()
    for field, value in values.items():
        if fresh or settings.value(names[field], _MISSING) is _MISSING:
            settings.remember(names[field], value)
    st.session_state[synced_key] = state.version()
    return names


def mark_synced(prefix: str) -> None:
    """After this form wrote to the scenario: the settings already hold the new values."""
    st.session_state[f"{prefix}_synced"] = state.version()


_MISSING = object()
