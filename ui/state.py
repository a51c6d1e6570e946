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
    """Open the sample factory on a user's first visit."""
    st.session_state.setdefault("lang", DEFAULT_LANG)
    if not st.session_state.get(VARIANTS_KEY):
        load_sample(SAMPLE_DIR / f"sample_factory_{lang()}.xlsx")


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
    """Make ``new`` the open variant's content."""
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


def _set_variants(items: dict[str, Scenario], current: str, *, edited: bool) -> None:
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
    _set_variants(items, name.strip(), edited=True)


def rename_variant(name: str) -> None:
    """Give the open variant a new name, keeping its place in the list."""
    old, new = current_variant(), name.strip()
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
    _set_variants(items, list(items)[max(i - 1, 0)], edited=True)


def open_result(result: ReadResult, *, add: bool = False) -> None:
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
        _set_variants(items, renamed[current], edited=True)  # the session now differs from every file
    else:
        _set_variants(found, current, edited=False)


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


def _apply_editor(sheet: str, key: str, convert, shown: pd.DataFrame) -> None:
    """on_change of a table editor: the edit becomes part of the scenario before the script runs,
    so everything the page shows above and below the editor is right in that one run."""
    dtypes = scenario().table(sheet).dtypes
    replace_table_if_changed(sheet, convert(apply_editor_delta(shown, st.session_state.get(key)), dtypes))


def _pending(delta) -> bool:
    return bool(delta) and any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def table_editor(sheet: str, prefix: str, convert, data: pd.DataFrame | None = None, **kwargs):
    """An editable table of the scenario's ``sheet``, applied by :func:`_apply_editor`.

    ``convert(frame, dtypes)`` gives the edited table the sheet's dtypes; ``data`` is what the
    editor shows when it is not the sheet itself (e.g. defaults for an empty sheet). The key
    carries the scenario's version: after an edit (or any replacement of the scenario) the editor
    starts from the new table with no pending change. A change whose callback did not run (a
    test driver that sets the editor's state directly) is applied after the editor, with one
    rerun; in the browser the callback has always run first and the new key has no change.
    """
    key = f"{prefix}_{version()}"
    frame = scenario().table(sheet) if data is None else data
    out = st.data_editor(frame, key=key, on_change=_apply_editor, args=(sheet, key, convert, frame), **kwargs)
    if _pending(st.session_state.get(key)):
        before = version()
        _apply_editor(sheet, key, convert, frame)
        if version() != before:
            st.rerun()
    return out


def replace_table_if_changed(key: str, frame) -> bool:
    """An edit in the app: store ``frame`` as the scenario's ``key`` table when it differs from
    it (only that table is compared); True when the scenario changed."""
    if tables_equal(scenario().table(key), frame):
        return False
    replace_table(key, frame)
    return True


def load_sample(path: Path, *, add: bool = False) -> None:
    result = parse_workbook(path.read_bytes(), path.stem)
    st.session_state["upload_report"] = None
    if result.scenario is not None and result.ok:
        open_result(result, add=add)


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
    result = parse_workbook(data, uploaded.name)
    loaded = result.ok
    if loaded:
        open_result(result, add=add)
    st.session_state["upload_report"] = {"name": uploaded.name, "loaded": loaded,
                                         "problems": result.problems}
