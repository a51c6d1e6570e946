"""Saved sessions in the app: the token in the URL, restore on arrival, save after every run.

The URL's ``s`` query parameter carries the session's token (:mod:`sessions.store`). On a new
browser session (a refresh, a new tab, the link the next day) the saved variants, the open one,
the language, trainer mode and the page settings come back before anything is drawn; without a
token (or with an unknown or expired one) a new session starts with the sample. After each run
the session is saved when something in it changed. A database that cannot be reached never stops
the app: the user is told to download their work.
"""
from __future__ import annotations

import logging

import streamlit as st

from sessions.codec import encode_settings
from sessions.store import SavedSession, new_token, store, valid_token
from sessions.store import expiry_days as store_expiry_days
from ui import state

TOKEN_PARAM = "s"
TOKEN_KEY = "session_token"
SETTINGS_KEY = "settings"  # the page settings (ui.settings): name → JSON value
SAVED_KEY = "session_saved"  # fingerprint of what was last saved
NOTICE_KEY = "session_notice"  # (i18n key, values) shown once in the sidebar
ERROR_KEY = "session_error"
log = logging.getLogger("energy_scenarios.sessions")


def token() -> str:
    return st.session_state.get(TOKEN_KEY, "")


def _restore(saved: SavedSession) -> None:
    ss = st.session_state
    ss[state.VARIANTS_KEY] = dict(saved.variants)
    ss[state.VARIANT_KEY] = saved.current
    ss["scenario_edited"] = saved.edited
    ss["scenario_version"] = state.version() + 1
    ss["lang"] = saved.lang
    ss[state.LANG_KEY] = saved.lang
    ss["sidebar_trainer"] = saved.trainer
    ss[SETTINGS_KEY] = dict(saved.settings)
    ss["opened_from"] = saved.settings.get("_opened_from", "sample")


def init_session() -> None:
    """Once per browser session: restore the session named by the URL's token, or start one."""
    ss = st.session_state
    if TOKEN_KEY in ss:
        if st.query_params.get(TOKEN_PARAM) != ss[TOKEN_KEY]:
            st.query_params[TOKEN_PARAM] = ss[TOKEN_KEY]  # a page switch may drop it
        return
    asked = st.query_params.get(TOKEN_PARAM)
    saved = None
    if asked and valid_token(asked):
        try:
            saved = store().load(asked)
        except Exception as exc:  # a database down: work on, unsaved, and say so
            log.exception("loading session failed")
            ss[ERROR_KEY] = str(exc)[:200]
    if saved is not None:
        _restore(saved)
        ss[TOKEN_KEY] = asked
        ss[NOTICE_KEY] = ("session.restored", {"n": len(saved.variants)})
        ss[SAVED_KEY] = _fingerprint()
    else:
        if asked:
            ss[NOTICE_KEY] = ("session.unknown", {"days": expiry_days()})
        ss[TOKEN_KEY] = new_token()
    st.query_params[TOKEN_PARAM] = ss[TOKEN_KEY]


def expiry_days() -> int:
    """Days a saved session is kept: the store's setting (``ENERGY_SCENARIOS_SESSION_DAYS``), read
    without opening the database (the first page does not wait for it)."""
    return int(round(store_expiry_days()))


def _settings() -> dict:
    """The page settings that can be saved (a value that cannot is left out, never fatal), and
    where the open variants came from."""
    settings = {}
    for name, value in (st.session_state.get(SETTINGS_KEY) or {}).items():
        try:
            encode_settings({name: value})
        except (TypeError, ValueError):
            log.debug("setting %r not saved: %r", name, type(value))
            continue
        settings[name] = value
    settings["_opened_from"] = st.session_state.get("opened_from", "sample")
    return settings


def _fingerprint(settings: dict | None = None) -> tuple:
    ss = st.session_state
    return (ss.get(TOKEN_KEY), ss.get("lang"), state.current_variant(), bool(ss.get("scenario_edited")),
            bool(ss.get("sidebar_trainer")), tuple((n, id(s)) for n, s in state.variants().items()),
            encode_settings(_settings() if settings is None else settings))


def save_session() -> None:
    """Save the session if anything in it changed since the last save (end of every run)."""
    ss = st.session_state
    if not ss.get(TOKEN_KEY) or not ss.get(state.VARIANTS_KEY):
        return
    settings = _settings()
    mark = _fingerprint(settings)
    if ss.get(SAVED_KEY) == mark:
        return
    try:
        store().save(ss[TOKEN_KEY], SavedSession(
            variants=state.variants(), current=state.current_variant(), lang=state.lang(),
            edited=state.edited_since_opened(), trainer=state.trainer(), settings=settings))
    except Exception as exc:
        log.exception("saving session failed")
        ss[ERROR_KEY] = str(exc)[:200]
        return
    ss[SAVED_KEY] = mark
    ss.pop(ERROR_KEY, None)


def start_afresh() -> None:
    """Button callback: a new session (new token) with the sample; the old one stays saved."""
    ss = st.session_state
    keep = {"lang": state.lang(), state.LANG_KEY: state.lang()}
    for key in list(ss.keys()):
        try:
            del ss[key]
        except Exception:  # pragma: no cover - a widget key Streamlit keeps
            pass
    ss.update(keep)
    ss[TOKEN_KEY] = new_token()
    st.query_params[TOKEN_PARAM] = ss[TOKEN_KEY]
    state.init_state()


def link() -> str:
    """The address that brings this session back."""
    base = ""
    try:
        base = (st.context.url or "").split("?", 1)[0]
    except Exception:  # pragma: no cover - older Streamlit / test driver
        base = ""
    return f"{base}?{TOKEN_PARAM}={token()}"
