"""Page settings: every input of every page in one plain dict, ``st.session_state["settings"]``.

The dict maps a setting's name (``"hh.income"``, ``"fin.pick"``, ...) to a JSON value (str, int,
float, bool, None, or lists / dicts of them; dates as ISO strings). It is the single source of
every page input: each widget here takes its value from the dict when it is drawn and writes the
user's change back to it (``on_change``, before the script runs). So a language switch (new
labels), a page switch (Streamlit drops the widgets of a page not drawn) or a restored session
(the dict saved with the scenario, :mod:`ui.session`) brings every input back as it was.

Inputs that edit the scenario (targets, finance, M&V settings) are mirrored in the dict from the
scenario by :func:`ui.forms.seed` whenever the scenario changed elsewhere, and written back to it
by their callbacks.

Number fields are text fields written and read the app language's way (``95.000.000`` and
``0,03`` in Vietnamese, never ``12.00``; :mod:`views.numbers`): a text that is not a number the
app's way is refused with its reason and the field shows its previous value again.
"""
from __future__ import annotations

import datetime as dt
import math

import streamlit as st

from ui import state
from ui.i18n import t
from ui.numbers import reason
from views.numbers import NumberError, format_number, read_number

KEY = "settings"  # st.session_state[KEY]: name → JSON value
REFUSED_KEY = "settings_refused"  # name → the message of a number just refused (shown once)


def _store() -> dict:
    if not isinstance(st.session_state.get(KEY), dict):
        st.session_state[KEY] = {}
    return st.session_state[KEY]


def plain(value):
    """``value`` as a JSON value: numpy scalars as Python numbers, NaN as None, tuples as lists,
    dates as ISO strings; TypeError for anything else."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict)):  # numpy scalar
        value = value.item()
        if isinstance(value, (bool, str)):
            return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return None if not math.isfinite(value) else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    raise TypeError(f"a page setting must be a JSON value, not {type(value).__name__}")


def value(name: str, default=None):
    """The setting ``name``, or ``default`` when it was never set."""
    return _store().get(name, default)


def remember(name: str, new) -> None:
    """Set the setting ``name`` (a JSON value, see :func:`plain`)."""
    _store()[name] = plain(new)


def forget(*names: str) -> None:
    store = _store()
    for name in names:
        store.pop(name, None)


def key(name: str) -> str:
    """The widget key of the setting ``name`` (one widget per setting, whatever the language)."""
    return f"setting.{name}"


# -- widgets: value from the dict, change back to it ----------------------------------------------
def _seed(name: str, current) -> str:
    """Put the setting's value into its widget before it is drawn (only when they differ: a
    widget's own state is never written needlessly)."""
    k = key(name)
    if k not in st.session_state or st.session_state[k] != current:
        st.session_state[k] = current
    return k


def _changed(name: str, on_change, args, kwargs) -> None:
    remember(name, st.session_state[key(name)])
    if on_change is not None:
        on_change(*args, **(kwargs or {}))


def _choice(name: str, options, default):
    options = list(options)
    current = value(name, default)
    if current not in options:
        current = default if default in options else (options[0] if options else None)
    return options, current


def _draw(widget, name: str, current, *args, on_change=None, cb_args=(), cb_kwargs=None, **kwargs):
    k = _seed(name, current)
    out = widget(*args, key=k, on_change=_changed, args=(name, on_change, cb_args, cb_kwargs), **kwargs)
    remember(name, out)  # the value drawn (e.g. a test driver's) is the value kept
    return out


def selectbox(container, label: str, options, name: str, default=None, *, on_change=None, args=(), kwargs=None,
              **widget_kwargs):
    """A select box of JSON-valued ``options`` whose choice is the setting ``name``."""
    options, current = _choice(name, options, default)
    return _draw(container.selectbox, name, current, label, options, on_change=on_change, cb_args=args,
                 cb_kwargs=kwargs, **widget_kwargs)


def radio(container, label: str, options, name: str, default=None, *, on_change=None, args=(), kwargs=None,
          **widget_kwargs):
    options, current = _choice(name, options, default)
    return _draw(container.radio, name, current, label, options, on_change=on_change, cb_args=args,
                 cb_kwargs=kwargs, **widget_kwargs)


def checkbox(container, label: str, name: str, default: bool = False, *, on_change=None, args=(), kwargs=None,
             **widget_kwargs) -> bool:
    return _draw(container.checkbox, name, bool(value(name, default)), label, on_change=on_change, cb_args=args,
                 cb_kwargs=kwargs, **widget_kwargs)


def multiselect(container, label: str, options, name: str, default=(), *, on_change=None, args=(), kwargs=None,
                **widget_kwargs) -> list:
    options = list(options)
    current = [v for v in (value(name, list(default)) or []) if v in options]
    return _draw(container.multiselect, name, current, label, options, on_change=on_change, cb_args=args,
                 cb_kwargs=kwargs, **widget_kwargs)


def slider(container, label: str, min_value, max_value, name: str, default, *, on_change=None, args=(), kwargs=None,
           **widget_kwargs):
    current = value(name, default)
    if not isinstance(current, (int, float)) or isinstance(current, bool):
        current = default
    current = type(default)(min(max(current, min_value), max_value))
    return _draw(container.slider, name, current, label, min_value, max_value, on_change=on_change, cb_args=args,
                 cb_kwargs=kwargs, **widget_kwargs)


# -- number fields written and read the app language's way --------------------------------------
def _number_changed(name: str, spec: dict, grouping: bool, on_change, args, kwargs) -> None:
    lang = state.lang()
    text = st.session_state[key(name)]
    try:
        number = read_number(text, lang, **spec)
    except NumberError as err:
        previous = format_number(value(name), lang, grouping=grouping) or "–"
        st.session_state.setdefault(REFUSED_KEY, {})[name] = t("num.refused_input", lang, reason=reason(err, lang),
                                                               previous=previous)
        return
    st.session_state.get(REFUSED_KEY, {}).pop(name, None)
    remember(name, number)
    if on_change is not None:
        on_change(*args, **(kwargs or {}))


def number_input(container, label: str, name: str, default=None, *, min_value=None, max_value=None,
                 integer: bool = False, grouping: bool = True, percent_unit: bool = False, blank: bool = False,
                 on_change=None, args=(), kwargs=None, help: str | None = None, placeholder: str | None = None,
                 **widget_kwargs):
    """A number field: the setting ``name`` (a float, an int when ``integer``, None when blank
    and ``blank``) shown in a text field written the app language's way; what the user types is
    read the same way, checked against ``min_value``/``max_value`` and stored, or refused with the
    reason under the field (the previous value stays). Returns the setting's value."""
    lang = state.lang()
    current = value(name, default)
    if current is not None and not isinstance(current, (int, float)):
        current = default
    remember(name, current)
    spec = dict(minimum=min_value, maximum=max_value, integer=integer, required=not blank, percent_unit=percent_unit)
    _seed(name, format_number(current, lang, grouping=grouping))
    container.text_input(label, key=key(name), on_change=_number_changed,
                         args=(name, spec, grouping, on_change, args, kwargs), help=help, placeholder=placeholder,
                         **widget_kwargs)
    message = (st.session_state.get(REFUSED_KEY) or {}).pop(name, None)
    if message:
        container.error(message, icon="⚠️")
    return value(name, default)
