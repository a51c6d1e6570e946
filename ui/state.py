"""Per-user session state: the current scenario, the language, the last upload's problems.

Everything per user lives in ``st.session_state``; module-level names here are constants only.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
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


def apply_editor_delta(table: pd.DataFrame, delta: dict | None) -> pd.DataFrame:
    """A table with a ``st.data_editor`` change applied: ``edited_rows`` ({position: {column:
    value}}), ``deleted_rows`` (positions) and ``added_rows`` ([{column: value}]), as the editor
    keeps them in the session under its key. Values are left as the editor gives them (the
    page's converter sets the dtypes)."""
    delta = delta or {}
    out = table.reset_index(drop=True).astype(object)
    for pos, changes in (delta.get("edited_rows") or {}).items():
        for col, value in changes.items():
            if col in out.columns and int(pos) < len(out):
                out.iat[int(pos), out.columns.get_loc(col)] = value
    deleted = sorted({int(p) for p in delta.get("deleted_rows") or []})
    if deleted:
        out = out.drop(index=[p for p in deleted if p < len(out)]).reset_index(drop=True)
    added = [{c: r.get(c) for c in out.columns} for r in delta.get("added_rows") or []]
    if added:
        out = pd.concat([out, pd.DataFrame(added, columns=out.columns, dtype=object)], ignore_index=True)
    return out


def delta_to_table(delta: dict | None, positions) -> dict:
    """An editor's change made on some rows of a table (a page, or the rows a search found) as a
    change of the whole table: edited and deleted rows' positions become the table's positions
    (``positions[i]`` for the editor's row ``i``; rows beyond them are dropped); added rows stay
    added (at the end of the table)."""
    delta = dict(delta or {})
    if positions is None:
        return delta
    where = [int(p) for p in positions]

    def table_pos(p):
        p = int(p)
        return where[p] if 0 <= p < len(where) else None

    edited = {table_pos(p): changes for p, changes in (delta.get("edited_rows") or {}).items()}
    deleted = [table_pos(p) for p in delta.get("deleted_rows") or []]
    return {**delta, "edited_rows": {p: c for p, c in edited.items() if p is not None},
            "deleted_rows": [p for p in deleted if p is not None]}


def _apply_editor(sheet: str, key: str, convert, shown: pd.DataFrame, numbers=(), prefix: str | None = None,
                  positions=None) -> bool:
    """on_change of a table editor: the edit becomes part of the scenario before the script runs,
    so everything the page shows above and below the editor is right in that one run.

    ``shown`` is the whole table as the editor started (numbers as numbers) and ``positions`` the
    rows the editor showed (None: all, see :func:`delta_to_table`); ``numbers`` the number
    columns the editor shows as text (:func:`ui.numbers.text_columns`): what was typed in them is
    read the app language's way, and a value that cannot be read is refused (the cell keeps its
    value, the editor starts afresh and says why). True when something was refused."""
    from ui.numbers import read_delta

    delta, refused = read_delta(delta_to_table(st.session_state.get(key), positions), numbers, shown, lang())
    if refused and prefix is not None:
        _refusals()[prefix] = refused
        resets = st.session_state.setdefault(EDITOR_RESETS_KEY, {})
        resets[prefix] = resets.get(prefix, 0) + 1
    dtypes = scenario().table(sheet).dtypes
    replace_table_if_changed(sheet, convert(apply_editor_delta(shown, delta), dtypes))
    return bool(refused)


def _pending(delta) -> bool:
    return bool(delta) and any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def table_editor(sheet: str, prefix: str, convert, data: pd.DataFrame | None = None, *,
                 search_labels: dict | None = None, **kwargs):
    """An editable table of the scenario's ``sheet``, applied by :func:`_apply_editor`.

    ``convert(frame, dtypes)`` gives the edited table the sheet's dtypes; ``data`` is what the
    editor shows when it is not the sheet itself (e.g. defaults for an empty sheet). The key
    carries the scenario's version: after an edit (or any replacement of the scenario) the editor
    starts from the new table with no pending change. A change whose callback did not run (a
    test driver that sets the editor's state directly) is applied after the editor, with one
    rerun; in the browser the callback has always run first and the new key has no change.

    Number columns are shown as text written the app language's way, whatever the browser's
    locale (:mod:`ui.numbers`); a refused value starts the editor afresh (its key gets ``_r<n>``)
    and the reason is shown under the table.

    A table longer than :data:`ui.paging.PAGE_ROWS` is edited a page at a time, with a search
    (``search_labels``: column → what the screen shows for a stored key, searched too); the key
    then also names the page and search, and a change is applied to the rows that were shown.
    """
    from ui.numbers import show_refused, text_columns
    from ui.paging import table_view

    resets = (st.session_state.get(EDITOR_RESETS_KEY) or {}).get(prefix, 0)
    frame = scenario().table(sheet) if data is None else data
    note = t("page.added_at_end", lang()) if kwargs.get("num_rows") == "dynamic" else None
    view = table_view(frame, prefix, lang(), labels=search_labels, note=note)
    key = f"{prefix}_{version()}" + view.suffix + (f"_r{resets}" if resets else "")
    rows = frame if view.positions is None else view.rows(frame).reset_index(drop=True)
    shown, config, numbers = text_columns(rows, kwargs.pop("column_config", None), lang())
    out = st.data_editor(shown, key=key, on_change=_apply_editor, column_config=config,
                         args=(sheet, key, convert, frame, numbers, prefix, view.positions), **kwargs)
    if _pending(st.session_state.get(key)):
        before = version()
        refused = _apply_editor(sheet, key, convert, frame, numbers, prefix, view.positions)
        if version() != before or refused:
            st.rerun()
    show_refused(_refusals().pop(prefix, []), lang())
    return out


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


# -- number entry in the tables (used by table_editor) ------------------------------------------
EDITOR_RESETS_KEY = "editor_resets"  # editor prefix → how many times a refusal started it afresh
EDITOR_REFUSED_KEY = "editor_refused"  # editor prefix → the messages of the values just refused


def _refusals() -> dict:
    return st.session_state.setdefault(EDITOR_REFUSED_KEY, {})
