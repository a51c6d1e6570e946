"""Names as people write them: choice cells and fuels matched by label, synonym or without accents.

A choice cell (scope, category, unit, currency, ...) or a fuel is matched against its list
(:class:`workbook.schema.ChoiceIndex`): a key or a label in either language is taken silently; a
synonym ("Dầu DO", "EVN", "VNĐ", "lít") or a label typed without accents ("dau diesel") is taken
with an INFO note per distinct spelling (``name.mapped``); a name that fits several choices
("Gas": LPG or natural gas) is an error listing the candidates' labels (``name.ambiguous``); an
unknown choice is ``cell.not_allowed`` listing the labels. These problems are
:class:`NameProblem` entries carrying the typed value and the candidate keys, so the app can ask
the user (its mapping step) and read the file again with the answers:

``mappings`` — ``{(sheet key, column key): {typed value: canonical key}}`` — given to
:func:`workbook.read.read_scenario` is in force for the whole read (:func:`using_mappings`, a
context variable, so no conversion function needs another argument and a worker process only
has to pass the dict on). A mapped value is taken with a ``name.mapped_user`` note.
"""
from __future__ import annotations

import contextlib
import contextvars
import difflib
from dataclasses import asdict, dataclass, fields
from functools import lru_cache

import numpy as np
import pandas as pd

from workbook.messages import problem
from workbook.model import ERROR, INFO, Problem
from workbook.schema import ChoiceIndex, Column, choices_index, fold, fuel_choices, list_keys, norm

__all__ = ["NameProblem", "Mappings", "using_mappings", "current_mappings", "fuel_index", "choice_index",
           "match_choices", "match_fuels", "closest_keys", "FUEL_COLUMNS", "NAME_CODES", "Encoded", "encode",
           "encoded_blank"]

#: Text columns whose values are fuels of the factor library.
FUEL_COLUMNS = ("fuel", "switch_fuel")
#: Error codes of a name the mapping step can resolve (``fuel.unknown`` comes from validation).
NAME_CODES = ("name.ambiguous", "cell.not_allowed", "fuel.unknown")

Mappings = dict[tuple[str, str], dict[str, object]]
#: One column's cells with each distinct value once: ``(codes, uniques)`` as :func:`encode` gives.
Encoded = tuple[np.ndarray, np.ndarray]
_MAPPINGS: contextvars.ContextVar[dict | None] = contextvars.ContextVar("workbook_name_mappings", default=None)
_BASE_FIELDS = tuple(f.name for f in fields(Problem))


@dataclass(frozen=True)
class NameProblem(Problem):
    """A problem about a typed name: ``value`` as typed, ``candidates`` the canonical keys it may
    mean (for an unknown name: every allowed key, the closest first). Reported like any
    :class:`Problem` (``to_dict`` has the same keys)."""

    value: str = ""
    candidates: tuple = ()

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in _BASE_FIELDS}


def _name_problem(base: Problem, value: str, candidates) -> NameProblem:
    return NameProblem(**asdict(base), value=value, candidates=tuple(candidates))


def encode(values) -> Encoded:
    """A column's cells as ``(codes, uniques)``: each distinct value once, in order of first
    appearance (:func:`pandas.factorize`), code -1 for a missing cell (None, NaN).

    The one factorization the steps of a column's conversion share (blank cells, text, choice
    and fuel names): work per distinct value, then spread back to the cells with ``codes``. The
    ``uniques`` of an encoding made by a step (a fuel column's names replaced by keys) need not
    be distinct and may hold None (a missing value).
    """
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    return codes, np.asarray(uniques, dtype=object)


def encoded_blank(encoded: Encoded) -> np.ndarray:
    """True where a cell of an encoded column is empty (missing, '' or only spaces)."""
    codes, uniques = encoded
    if not len(uniques):
        return np.ones(len(codes), dtype=bool)
    empty = pd.isna(uniques) | np.fromiter((v.__class__ is str and not v.strip() for v in uniques),
                                           dtype=bool, count=len(uniques))
    return np.where(codes < 0, True, empty[np.maximum(codes, 0)])


@contextlib.contextmanager
def using_mappings(mappings: Mappings | None):
    """Make the user's answers of the mapping step apply to every conversion inside the block."""
    prepared = None
    if mappings:
        prepared = {tuple(place): {norm(raw): key for raw, key in answers.items() if key is not None}
                    for place, answers in mappings.items()}
    token = _MAPPINGS.set(prepared)
    try:
        yield
    finally:
        _MAPPINGS.reset(token)


def current_mappings(sheet_key: str, column_key: str) -> dict[str, object]:
    """The user's answers for one column (normalised typed value → key), empty without any."""
    mappings = _MAPPINGS.get()
    return mappings.get((sheet_key, column_key), {}) if mappings else {}


@lru_cache(maxsize=1)
def fuel_index() -> ChoiceIndex:
    return ChoiceIndex(fuel_choices())


def choice_index(column: Column) -> ChoiceIndex:
    """The :class:`ChoiceIndex` of a column's choices (:func:`workbook.schema.choices_index`)."""
    return choices_index(column.choices)


def canonical_list(text: object, column: Column) -> object:
    """A cell that lists several of ``column``'s choices, with each name that means one choice
    replaced by its key (:func:`workbook.schema.list_keys`): "Sản lượng; CDD" → "production, cdd".
    A name that is no choice, or more than one, is kept as typed (the validation that follows
    reports it); a value that is no text is returned as is.
    """
    if not isinstance(text, str):
        return text
    return ", ".join(dict.fromkeys(name if key is None else key for name, key in list_keys(column, text))) or None


def _labels(index: ChoiceIndex, keys, joiner: tuple[str, str] = (" or ", " hoặc ")) -> tuple[str, str]:
    return (joiner[0].join(f"'{index.label(k, 'en')}'" for k in keys),
            joiner[1].join(f"'{index.label(k, 'vi')}'" for k in keys))


def closest_keys(index: ChoiceIndex, text: str) -> list:
    """Every key of the index, those whose spellings resemble ``text`` first."""
    f = fold(text)
    spellings = {}
    for ch in index.choices:
        for s in (str(ch.key), ch.en, ch.vi, *ch.aliases):
            spellings.setdefault(fold(s), ch.key)
    near = [spellings[s] for s in difflib.get_close_matches(f, [s for s in spellings if s], n=6, cutoff=0.5)]
    ordered = list(dict.fromkeys(near))
    return ordered + [ch.key for ch in index.choices if ch.key not in ordered]


@lru_cache(maxsize=1024)
def fuel_suggestions(text: str, n: int = 3) -> tuple[str, str]:
    """The labels of the ``n`` library fuels whose spellings most resemble ``text``, in English
    and Vietnamese, for the ``fuel.unknown`` message (never internal keys)."""
    return _labels(fuel_index(), closest_keys(fuel_index(), str(text))[:n], (", ", ", "))


def _resolve(values: list | None, index: ChoiceIndex, column: Column, sheet_key: str, rows: list[int],
             problems: list[Problem], *, unknown_code: str | None, encoded: Encoded | None = None,
             where: np.ndarray | None = None) -> list:
    """Match the distinct typed values of one column; return the key of each of ``uniques``
    (None: no key), in the order of ``uniques``.

    ``encoded`` is the cells' ``(codes, uniques)`` (every code a valid index; uniques no cell
    holds are skipped); without it the values are factorized here. The Excel row of cell ``i``
    is ``rows[where[i]]`` (``rows[i]`` without ``where``). Adds one note per distinct
    value taken by synonym, accent-free spelling or the user's choice, one error per cell of an
    ambiguous value and, when ``unknown_code`` is given, one error per cell of an unknown value.
    """
    answers = current_mappings(sheet_key, column.key)
    allowed = {ch.key for ch in index.choices}
    # each distinct value once, with its first row and its number of cells
    if encoded is None:
        codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
    else:
        codes, uniques = encoded
    firsts = np.full(len(uniques), len(codes), dtype=np.int64)
    np.minimum.at(firsts, codes, np.arange(len(codes)))
    counts = np.bincount(codes, minlength=len(uniques))
    out: list = [None] * len(uniques)
    unresolved: dict[int, tuple] = {}
    # in order of first appearance among the cells (as the notes are reported)
    for k in np.argsort(firsts, kind="stable")[: int(np.count_nonzero(counts))].tolist():
        v = uniques[k]
        first = rows[int(firsts[k] if where is None else where[firsts[k]])]
        typed = _typed(v)
        user = answers.get(norm(typed))
        if user is not None and user in allowed:
            out[k] = user
            problems.append(problem("name.mapped_user", sheet_key, first, column.key, INFO, value=typed,
                                    label=(index.label(user, "en"), index.label(user, "vi"))))
            continue
        found = index.match(typed)
        out[k] = found.key
        if found.kind == "alias":
            problems.append(problem("name.mapped", sheet_key, first, column.key, INFO, value=typed,
                                    label=(index.label(found.key, "en"), index.label(found.key, "vi")),
                                    count=int(counts[k])))
        elif found.kind == "ambiguous":
            unresolved[k] = ("name.ambiguous", typed, found.keys)
        elif found.kind == "unknown" and unknown_code:
            unresolved[k] = (unknown_code, typed, None)
    bad = list(unresolved)
    for i in (np.flatnonzero(np.isin(codes, bad)).tolist() if bad else []):
        row = rows[i if where is None else int(where[i])]
        code, typed, keys = unresolved[int(codes[i])]
        if keys is not None:
            base = problem(code, sheet_key, row, column.key, ERROR, value=typed, candidates=_labels(index, keys))
        else:
            base = problem(code, sheet_key, row, column.key, ERROR, value=typed,
                           allowed=_labels(index, [ch.key for ch in index.choices], (", ", ", ")))
            keys = closest_keys(index, typed)
        problems.append(_name_problem(base, typed, keys))
    return out


def _typed(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def match_choices(values: np.ndarray, blank: np.ndarray, column: Column, sheet_key: str, rows: list[int],
                  problems: list[Problem], encoded: Encoded | None = None):
    """A choice column's cells as canonical keys (None where blank or not matched), with problems.

    ``encoded``: the cells' :func:`encode` (made here when not given).
    """
    codes, uniques = encode(values) if encoded is None else encoded
    keep = np.flatnonzero(~blank)
    kept = codes[keep]
    if (kept < 0).any():  # a missing value the caller's ``blank`` does not cover: matched as typed
        kept, uniques = pd.factorize(np.asarray(values, dtype=object)[keep], use_na_sentinel=False)
    found = _resolve(None, choice_index(column), column, sheet_key, rows, problems,
                     unknown_code="cell.not_allowed", encoded=(kept, uniques), where=keep)
    out = np.full(len(values), None, dtype=object)
    if len(keep):
        out[keep] = np.array(found + [None], dtype=object)[kept]
    out = out.tolist()
    if column.choices and isinstance(column.choices[0].key, int):
        return pd.array(out, dtype="Int64")
    return out


def match_fuels(values: np.ndarray, column: Column, sheet_key: str, rows: list[int],
                problems: list[Problem]) -> np.ndarray:
    """A fuel column's cells with library names and synonyms replaced by the fuel's key.

    A name of no library fuel is kept as typed (a fuel of the Factors sheet, or reported as
    ``fuel.unknown`` by validation). An ambiguous name is an error and left empty, except in the
    Factors sheet, where any name the library does not know for certain defines a fuel.
    """
    return match_fuels_encoded(values, column, sheet_key, rows, problems)[0]


def match_fuels_encoded(values: np.ndarray, column: Column, sheet_key: str, rows: list[int],
                        problems: list[Problem], encoded: Encoded | None = None) -> tuple[np.ndarray, Encoded]:
    """:func:`match_fuels` on the cells' :func:`encode` (made here when not given); also returns
    the result's encoding (same codes, each unique replaced), for the conversion that follows."""
    values = np.asarray(values, dtype=object)
    codes, uniques = encode(values) if encoded is None else encoded
    is_text = np.fromiter((isinstance(v, str) and bool(v.strip()) for v in uniques), dtype=bool,
                          count=len(uniques))
    texts = np.flatnonzero(np.append(is_text, False)[np.where(codes < 0, len(uniques), codes)])
    if not len(texts):
        return values, (codes, uniques)
    factors = sheet_key == "Factors"
    text_codes = codes[texts]
    found = _resolve(None, fuel_index(), column, sheet_key, rows, [] if factors else problems,
                     unknown_code=None, encoded=(text_codes, uniques), where=texts)
    index = fuel_index()
    replaced = uniques.copy()
    for k in np.flatnonzero(is_text).tolist():  # each distinct text once
        v, key = uniques[k], found[k]
        if key is not None:
            replaced[k] = key
        elif factors:
            replaced[k] = v.strip()
        elif index.match(v).kind == "ambiguous":
            replaced[k] = None
        else:
            replaced[k] = v
    out = values.copy()
    out[texts] = replaced[text_codes]
    return out, (codes, replaced)
