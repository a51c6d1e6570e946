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
from ui.i18n import DEFAULT_LANG, t
from workbook.model import ReadResult, Scenario, tables_equal

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
    """Open the sample factory on a user's first visit (a saved session is restored before this
    by :func:`ui.session.init_session`)."""
    st.session_state.setdefault("lang", DEFAULT_LANG)
    if not st.session_state.get(VARIANTS_KEY):
        load_sample(SAMPLE_DIR / f"sample_factory_{lang()}.xlsx", undoable=False)


def scenario() -> Scenario:
    """The open scenario: the open variant (the session holds each scenario once, in
    :func:`variants`)."""
    items = st.session_state[VARIANTS_KEY]
    name = st.session_state.get(VARIANT_KEY)
    return items[name] if name in items else next(iter(items.values()))


def version() -> int:
    """Bumped whenever the scenario is replaced; editors key on it to start fresh."""
    return st.session_state.get("scenario_version", 0)


def set_scenario(new: Scenario, *, edited: bool) -> None:
    """Make ``new`` the open variant's content (one step of the undo history)."""
    if VARIANTS_KEY in st.session_state:
        record(("session.step.edit", {}))
    items = dict(st.session_state.get(VARIANTS_KEY) or {})
    name = st.session_state.get(VARIANT_KEY)
    if name not in items:
        name = next(iter(items), None) or t("variants.first", lang())
        st.session_state[VARIANT_KEY] = name
    items[name] = new
    st.session_state[VARIANTS_KEY] = items
    st.session_state["scenario_edited"] = edited
    st.session_state["scenario_version"] = version() + 1


# -- scenario variants ------------------------------------------------------------------------
VARIANTS_KEY, VARIANT_KEY = "variants", "variant"  # name → Scenario (ordered); the open one's name
MAX_NAME = 60


def variants() -> dict[str, Scenario]:
    """Every named variant of the session, in order; the open one is :func:`scenario`."""
    return dict(st.session_state.get(VARIANTS_KEY) or {})


def current_variant() -> str:
    return st.session_state.get(VARIANT_KEY) or t("variants.first", lang())


def edited_since_opened() -> bool:
    """True when the session's variants differ from the file last opened (the sidebar's
    "(edited)" mark: download to keep them)."""
    return bool(st.session_state.get("scenario_edited"))


def _set_variants(items: dict[str, Scenario], current: str, *, edited: bool,
                  step: tuple[str, dict] | None = None) -> None:
    """Replace the session's variants; ``step`` (what the change does, for the undo message)
    makes it one step of the undo history."""
    if step is not None and VARIANTS_KEY in st.session_state:
        record(step)
    st.session_state[VARIANTS_KEY] = dict(items)
    st.session_state[VARIANT_KEY] = current
    st.session_state["scenario_edited"] = edited
    st.session_state["scenario_version"] = version() + 1


def check_variant_name(name: str, *, ignore: str | None = None) -> str | None:
    """The i18n key of what is wrong with a new variant name, or None when it can be used."""
    name = (name or "").strip()
    if not name:
        return "variants.err_empty"
    if len(name) > MAX_NAME:
        return "variants.err_long"
    if any(n.casefold() == name.casefold() and n != ignore for n in variants()):
        return "variants.err_taken"
    return None


def free_variant_name(stem: str | None = None) -> str:
    """The first unused name "Variant 2", "Variant 3", ... (or ``stem (2)``, ``stem (3)``, ...)."""
    taken = {n.casefold() for n in variants()}
    for i in range(2, 10_000):
        name = f"{stem} ({i})" if stem else t("variants.numbered", lang(), n=i)
        if name.casefold() not in taken:
            return name
    raise RuntimeError("no free variant name")  # pragma: no cover - 10,000 variants


def switch_variant(name: str) -> None:
    """Open another variant; the one left keeps every edit."""
    items = variants()
    if name in items and name != current_variant():
        _set_variants(items, name, edited=edited_since_opened())


def duplicate_variant(name: str) -> None:
    """A copy of the open variant under ``name`` (checked by the caller), opened at once."""
    items = variants()
    items[name.strip()] = scenario()
    _set_variants(items, name.strip(), edited=True, step=("session.step.duplicate", {"name": name.strip()}))


def rename_variant(name: str) -> None:
    """Give the open variant a new name, keeping its place in the list."""
    old, new = current_variant(), name.strip()
    record(("session.step.rename", {"name": new}))
    items = {new if k == old else k: v for k, v in variants().items()}
    st.session_state[VARIANTS_KEY] = items
    st.session_state[VARIANT_KEY] = new
    st.session_state["scenario_edited"] = True


def delete_variant() -> None:
    """Remove the open variant and open its neighbour; the last variant cannot be deleted."""
    items = variants()
    if len(items) < 2:
        return
    names = list(items)
    i = names.index(current_variant())
    del items[names[i]]
    _set_variants(items, list(items)[max(i - 1, 0)], edited=True, step=("session.step.delete", {"name": names[i]}))


def open_result(result: ReadResult, *, add: bool = False, undoable: bool = True, source: str = "file") -> None:
    """Open a workbook that was read without errors: its variants (or its one scenario as a
    variant) replace the session's, or are added to them when ``add`` (a name already used gets
    a number: "Plan (2)")."""
    if result.variants:
        found, current = dict(result.variants), result.current
    else:  # one scenario: "Variant 1" when it opens alone, the file's name when it joins others
        stem = Path(result.scenario.name or "").stem[:MAX_NAME].strip()
        current = stem if add and stem else t("variants.first", lang())
        found = {current: result.scenario}
    if add:
        items = variants()
        renamed = {}
        for name, scn in found.items():
            new = name if name.casefold() not in {n.casefold() for n in items} else free_variant_name(name)
            items[new] = scn
            renamed[name] = new
        # the session now differs from every file
        _set_variants(items, renamed[current], edited=True,
                      step=("session.step.add", {"name": result.scenario.name}) if undoable else None)
    else:
        _set_variants(found, current, edited=False,
                      step=("session.step.open", {"name": result.scenario.name}) if undoable else None)
    if not add:
        st.session_state["opened_from"] = source


# -- undo / redo ------------------------------------------------------------------------------
UNDO_KEY, REDO_KEY, UNDO_MESSAGE = "undo_stack", "redo_stack", "undo_message"
HISTORY_STEPS = 50


def _snapshot(step: tuple[str, dict]) -> dict:
    # scenarios are never changed in place: a snapshot holds references, not copies
    return {"variants": variants(), "current": current_variant(), "edited": edited_since_opened(),
            "step": step}


def record(step: tuple[str, dict]) -> None:
    """Remember the session's variants before a change (``step`` says what the change does):
    one undo step; the redo steps are dropped; at most :data:`HISTORY_STEPS` are kept."""
    stack = list(st.session_state.get(UNDO_KEY) or [])
    stack.append(_snapshot(step))
    del stack[:-HISTORY_STEPS]
    st.session_state[UNDO_KEY] = stack
    st.session_state[REDO_KEY] = []


def can_undo() -> bool:
    return bool(st.session_state.get(UNDO_KEY))


def can_redo() -> bool:
    return bool(st.session_state.get(REDO_KEY))


def _travel(source: str, target: str, message: str) -> None:
    stack = list(st.session_state.get(source) or [])
    if not stack:
        return
    snap = stack.pop()
    other = list(st.session_state.get(target) or [])
    other.append(_snapshot(snap["step"]))
    del other[:-HISTORY_STEPS]
    st.session_state[source], st.session_state[target] = stack, other
    _set_variants(snap["variants"], snap["current"], edited=snap["edited"])
    st.session_state[UNDO_MESSAGE] = (message, snap["step"])


def undo() -> None:
    """Button callback: back to the variants before the last change."""
    _travel(UNDO_KEY, REDO_KEY, "session.undone")


def redo() -> None:
    """Button callback: the change last undone, again."""
    _travel(REDO_KEY, UNDO_KEY, "session.redone")


# -- confirmations ----------------------------------------------------------------------------
CONFIRM_KEY = "confirm"  # the action waiting for the user's yes: {"kind": ..., ...}


def has_work() -> bool:
    """True when replacing the session's variants would lose something: an edit, several
    variants, or a file the user opened."""
    return edited_since_opened() or len(variants()) > 1 or st.session_state.get("opened_from") == "file"


def ask(kind: str, **values) -> None:
    """Ask the user to confirm an action (drawn by the sidebar's confirmation dialog)."""
    st.session_state[CONFIRM_KEY] = {"kind": kind, **values}


def pending() -> dict | None:
    return st.session_state.get(CONFIRM_KEY)


def answered() -> None:
    st.session_state.pop(CONFIRM_KEY, None)
    st.session_state.pop("pending_result", None)


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


def load_sample(path: Path, *, add: bool = False, undoable: bool = True) -> None:
    result = parse_workbook(path.read_bytes(), path.stem)
    st.session_state["upload_report"] = None
    if result.scenario is not None and result.ok:
        open_result(result, add=add, undoable=undoable, source="sample")


def take_upload(uploaded, *, add: bool = False) -> None:
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
    take_read_file(parse_workbook(data, uploaded.name), uploaded.name, add=add)


def take_read_file(result: ReadResult, name: str, *, add: bool) -> bool:
    """Open a file that was read (an upload, or the mapping step's second reading) when it has
    no error, and keep its outcome in ``upload_report``; when it would replace work, ask first
    (the report comes with the answer). True when the file opens or waits for the answer."""
    if result.ok and not add and has_work():
        st.session_state["pending_result"] = (result, name)
        ask("replace", name=name, source="upload")
        st.session_state["upload_report"] = None
        return True
    if result.ok:
        open_result(result, add=add)
    st.session_state["upload_report"] = {"name": name, "loaded": result.ok, "problems": result.problems}
    return result.ok


def confirm_upload(*, add: bool) -> None:
    """Button callback of the confirmation: open the file waiting in ``pending_result``."""
    result, name = st.session_state.get("pending_result") or (None, None)
    answered()
    if result is not None:
        open_result(result, add=add)
        st.session_state["upload_report"] = {"name": name, "loaded": True, "problems": result.problems}
