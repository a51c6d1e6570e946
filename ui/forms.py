"""Widgets that edit the scenario: seeded from it, written back to it.

A form's widgets are seeded from the scenario when it changed elsewhere (upload, sample, another
page) or the language changed (labels change, so keys carry the language); otherwise only the
widgets Streamlit dropped (first visit, widgets hidden in the last run) are filled, so a value
the user just entered is never overwritten.
"""
from __future__ import annotations

import streamlit as st

from ui import state


def form_keys(prefix: str, fields, lang: str) -> dict[str, str]:
    return {f: f"{prefix}_{f}_{lang}" for f in fields}


def seed(prefix: str, values: dict, lang: str) -> dict[str, str]:
    """Seed the widgets of ``values`` (field → value); return field → widget key."""
    keys = form_keys(prefix, values, lang)
    synced_key = f"{prefix}_synced"
    fresh = st.session_state.get(synced_key) != (state.version(), lang)
    for field, value in values.items():
        if fresh or keys[field] not in st.session_state:
            st.session_state[keys[field]] = value
    st.session_state[synced_key] = (state.version(), lang)
    return keys


def mark_synced(prefix: str, lang: str) -> None:
    """After this form wrote to the scenario: its widgets already hold the new values."""
    st.session_state[f"{prefix}_synced"] = (state.version(), lang)
