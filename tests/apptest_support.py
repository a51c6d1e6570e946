"""AppTest helpers shared by the page tests.

Why the shim: the real server decides once per process whether the app uses the legacy
``pages/`` folder, and ``st.navigation`` turns that off on the first run for good. AppTest
instead resets the flag before *every* run, finds our ``pages/`` folder (the product's layout)
and then runs the current page file alone, without ``app.py`` and its sidebar. The shim makes
AppTest behave like the server after its first run: the entry point always runs.
"""
from __future__ import annotations

from pathlib import Path

import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "app.py"


class _NavigationPagesManager(PagesManager):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


app_test_module.PagesManager = _NavigationPagesManager


def new_app(lang: str | None = None, timeout: float = 60) -> AppTest:
    """An AppTest of the whole app (entry point + pages), optionally in a language."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    if lang:
        at.session_state["lang"] = lang
    return at


def plotly_figures(at) -> list[dict]:
    """The app's Plotly figures as JSON dicts, typed arrays ({"dtype", "bdata"}) decoded to lists."""
    import base64
    import json

    import numpy as np

    def decode(node):
        if isinstance(node, dict):
            if set(node) >= {"dtype", "bdata"}:
                data = np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"])
                return data.reshape(node["shape"]).tolist() if "shape" in node and isinstance(node["shape"], list) else data.tolist()
            return {k: decode(v) for k, v in node.items()}
        if isinstance(node, list):
            return [decode(v) for v in node]
        return node

    return [decode(json.loads(el.proto.spec)) for el in at.get("plotly_chart")]


def open_scenario(at, scenario, name: str = "Variant 1") -> None:
    """Make ``scenario`` the session's only variant, open (what opening a file does)."""
    at.session_state["variants"] = {name: scenario}
    at.session_state["variant"] = name


def current_scenario(at):
    """The open scenario of an AppTest session (the open variant: the session holds it once)."""
    items = at.session_state["variants"]
    name = at.session_state["variant"] if "variant" in at.session_state else None
    return items[name] if name in items else next(iter(items.values()))


def setting_key(name: str) -> str:
    """The widget key of a page setting (``ui.settings``): one per setting, whatever the language."""
    return f"setting.{name}"


def type_number(at, name: str, text: str):
    """Type ``text`` into the number field of the page setting ``name`` (a text field written the
    app language's way) and run."""
    return at.text_input(key=setting_key(name)).input(text).run()
