"""Per-user session state: the current scenario, the language, the last upload's problems.

Everything per user lives in ``st.session_state``; module-level names here are constants only.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.cache import parse_workbook
from ui.i18n import DEFAULT_LANG
from workbook.model import Scenario, tables_equal

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
LANG_KEY = "sidebar_lang"  # the language radio's widget key


def leave_legacy_pages_mode() -> None:
    """Rerun in ``st.navigation`` mode if Streamlit is in its legacy ``pages/`` mode.

    A ``pages/`` folder beside the entry point makes Streamlit start a process in its legacy
    multipage mode: the very first run uses other widget ids (the first click would be lost) and
    a deep link such as ``/targets`` runs the page file alone, without ``app.py``. The entry
    point and every page call this first; ``st.navigation`` then keeps the mode off for good.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


PRESETS_ENV = "ENERGY_SCENARIOS_PRESETS"


def sample_files() -> list[Path]:
    """The preset workbooks a trainer offers: every .xlsx of the folder named by the
    ``ENERGY_SCENARIOS_PRESETS`` environment variable, else the bundled samples (not the
    templates)."""
    folder = os.environ.get(PRESETS_ENV)
    if folder and Path(folder).is_dir():
        files = sorted(p for p in Path(folder).glob("*.xlsx") if not p.name.startswith("~$"))
        if files:
            return files
    return sorted(SAMPLE_DIR.glob("sample_*.xlsx"))


def lang() -> str:
    """The user's language; a plain (non-widget) key so it survives page switches."""
    return st.session_state.get("lang", DEFAULT_LANG)


def trainer() -> bool:
    """Trainer mode (sidebar switch): formulas open, glossary, projector-size charts."""
    return bool(st.session_state.get("sidebar_trainer", False))


def set_lang(value: str) -> None:
    st.session_state["lang"] = value


def init_state() -> None:
    """Open the sample factory on a user's first visit."""
    st.session_state.setdefault("lang", DEFAULT_LANG)
    if "scenario" not in st.session_state:
        load_sample(SAMPLE_DIR / f"sample_factory_{lang()}.xlsx")


def scenario() -> Scenario:
    return st.session_state["scenario"]


def version() -> int:
    """Bumped whenever the scenario is replaced; editors key on it to start fresh."""
    return st.session_state.get("scenario_version", 0)


def set_scenario(new: Scenario, *, edited: bool) -> None:
    st.session_state["scenario"] = new
    st.session_state["scenario_edited"] = edited
    st.session_state["scenario_version"] = version() + 1


def replace_table(key: str, frame) -> None:
    """An edit in the app: the new table becomes part of the current scenario."""
    set_scenario(scenario().with_table(key, frame), edited=True)


def replace_table_if_changed(key: str, frame) -> bool:
    """An edit in the app: store ``frame`` as the scenario's ``key`` table when it differs from
    it (only that table is compared); True when the scenario changed."""
    if tables_equal(scenario().table(key), frame):
        return False
    replace_table(key, frame)
    return True


def load_sample(path: Path) -> None:
    result = parse_workbook(path.read_bytes(), path.stem)
    st.session_state["upload_report"] = None
    if result.scenario is not None and result.ok:
        set_scenario(result.scenario, edited=False)


def take_upload(uploaded) -> None:
    """Process an upload once: load it if it has no errors, else keep the current scenario.

    The uploader keeps its file across reruns, so each upload is handled once, identified by
    its upload id (uploading the same file again, e.g. to undo edits, loads it again). The
    outcome (name, loaded or not, problems) is kept in ``upload_report`` for the pages.
    """
    if uploaded is None:
        return
    data = uploaded.getvalue()
    upload_id = getattr(uploaded, "file_id", None) or hashlib.sha256(data).hexdigest()
    if st.session_state.get("upload_digest") == upload_id:
        return
    st.session_state["upload_digest"] = upload_id
    result = parse_workbook(data, uploaded.name)
    loaded = result.ok
    if loaded:
        set_scenario(result.scenario, edited=False)
    st.session_state["upload_report"] = {"name": uploaded.name, "loaded": loaded,
                                         "problems": result.problems}
