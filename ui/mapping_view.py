"""The mapping step: after an upload refused only for names the app cannot place.

A name that fits several choices ("Gas": LPG or natural gas?) or none (a fuel or a unit the
library does not know) is a located error. When those are a refused upload's only errors, the
upload report shows one selectbox per distinct (sheet, column, typed value) with the candidates'
labels in the user's language. Applying reads the file again, in the limited worker, with the
answers as ``mappings`` (``{(sheet key, column key): {typed value: canonical key}}``, see
:mod:`workbook.names`): the scenario holds the canonical keys, so the download writes them. The
answers are kept in the session (``name_mappings``): the next file with the same names is read
with them straight away.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from ui import state
from ui.cache import parse_workbook
from ui.i18n import t
from workbook.names import NAME_CODES, NameProblem, choice_index, closest_keys, fuel_index
from workbook.model import ERROR, Problem, Scenario
from workbook.schema import CHOICE, SHEETS, ChoiceIndex, norm
from workbook.worker import read_in_worker

#: Session key of the user's answers (kept for the session).
MAPPINGS_KEY = "name_mappings"


@dataclass
class Question:
    """One distinct name to place: where, as typed, the candidate keys (best first), its rows."""

    sheet: str
    column: str
    value: str
    candidates: tuple
    rows: list = field(default_factory=list)


def name_index(sheet: str, column: str) -> ChoiceIndex | None:
    """The choices a column's names are matched against (None for a column without a list)."""
    spec = SHEETS.get(sheet)
    col = next((c for c in spec.columns if c.key == column), None) if spec else None
    if col is None:
        return None
    if col.dtype == CHOICE:
        return choice_index(col)
    return fuel_index() if column in ("fuel", "switch_fuel") else None


def _cell(scenario: Scenario | None, sheet: str, row: int | None, column: str):
    """The value of a table cell at an Excel row (None when not there)."""
    if scenario is None or row is None:
        return None
    rows = scenario.excel_rows(sheet)
    if row not in rows:
        return None
    value = scenario.table(sheet)[column].iloc[rows.index(row)]
    return value if isinstance(value, str) and value.strip() else None


def questions(problems: list[Problem], scenario: Scenario | None = None) -> list[Question]:
    """The names to ask about, or an empty list when any error is something else (then the
    file has to be fixed anyway) or when there is no error at all."""
    errors = [p for p in problems if p.severity == ERROR]
    found: dict[tuple, Question] = {}
    for p in errors:
        if p.code not in NAME_CODES or p.sheet not in SHEETS or name_index(p.sheet, p.column) is None:
            return []
        if isinstance(p, NameProblem):
            value, candidates = p.value, p.candidates
        else:  # fuel.unknown (validation): the typed fuel is in the table as typed
            value = _cell(scenario, p.sheet, p.row, p.column)
            if value is None:
                return []
            candidates = tuple(closest_keys(name_index(p.sheet, p.column), value))
        q = found.setdefault((p.sheet, p.column, norm(value)), Question(p.sheet, p.column, value, candidates))
        if p.row is not None and p.row not in q.rows:
            q.rows.append(p.row)
    return list(found.values())


def remembered() -> dict:
    return st.session_state.setdefault(MAPPINGS_KEY, {})


def _answer(q: Question):
    key = remembered().get((q.sheet, q.column), {}).get(norm(q.value))
    return key if key in q.candidates else None


def _read(data: bytes, name: str, answers: dict) -> object:
    """The file read again with every answer of the session, in the limited worker."""
    return read_in_worker(data, name, mappings=answers)


def _open(data: bytes, name: str, add: bool) -> bool:
    """Read with the session's answers; open the scenario when it has no error. True if opened."""
    return state.take_read_file(_read(data, name, {k: dict(v) for k, v in remembered().items()}), name, add=add)


def _apply(qs: list[Question], keys: list[str], data: bytes, name: str, add: bool) -> None:
    picks = [st.session_state.get(k) for k in keys]
    if any(p is None for p in picks):
        st.session_state["mapping_missing"] = True
        return
    st.session_state["mapping_missing"] = False
    answers = remembered()
    for q, pick in zip(qs, picks):
        answers.setdefault((q.sheet, q.column), {})[norm(q.value)] = pick
    _open(data, name, add)


def _uploaded(lang: str):
    for key in (f"sidebar_upload_{lang}", *(f"sidebar_upload_{o}" for o in ("vi", "en") if o != lang)):
        file = st.session_state.get(key)
        if file is not None:
            return file
    return None


def render_mapping_step(lang: str, report: dict) -> None:
    """Below a refused upload's problems: the mapping step, when only names stand in the way."""
    file = _uploaded(lang)
    if file is None or file.name != report["name"]:
        if questions(report["problems"]):
            st.info(t("map.gone", lang))
        return
    data = file.getvalue()
    scenario = parse_workbook(data, file.name).scenario  # the cached first reading (for fuel.unknown)
    qs = questions(report["problems"], scenario)
    if not qs:
        return
    add = bool(st.session_state.get("add_as_variant", False))
    digest = st.session_state.get("upload_digest", "")
    if all(_answer(q) is not None for q in qs) and st.session_state.get("mapping_auto") != digest:
        st.session_state["mapping_auto"] = digest  # answered earlier in the session: apply them once
        if _open(data, file.name, add):
            st.rerun()
        return
    with st.container(border=True):
        st.subheader(t("map.title", lang))
        st.caption(t("map.intro", lang))
        keys = []
        for i, q in enumerate(qs):
            index = name_index(q.sheet, q.column)
            spec = SHEETS[q.sheet]
            key = f"mapping_{digest}_{i}"
            keys.append(key)
            answer = _answer(q)
            st.selectbox(t("map.pick", lang, value=q.value, col=spec.column(q.column).label(lang),
                           sheet=spec.label(lang), rows=", ".join(str(r) for r in q.rows[:10])
                           + ("…" if len(q.rows) > 10 else "")),
                         list(q.candidates), index=q.candidates.index(answer) if answer is not None else None,
                         format_func=lambda k, ix=index: ix.label(k, lang), key=key,
                         placeholder=t("map.placeholder", lang))
        if st.session_state.get("mapping_missing"):
            st.warning(t("map.missing", lang))
        st.button(t("map.apply", lang), key=f"mapping_apply_{digest}", type="primary", on_click=_apply,
                  args=(qs, keys, data, file.name, add))
