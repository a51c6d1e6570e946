"""The scenario in memory and the problem entries the reader and validator report."""
from __future__ import annotations

import hashlib
import pickle
from functools import cached_property, lru_cache
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from workbook.schema import CHOICE, DATE, INTEGER, NUMBER, SHEETS

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth knowing) about a workbook, in both languages.

    ``sheet`` is the canonical sheet key (None for the file as a whole), ``row`` the Excel row number
    (1-based; None for a whole sheet or column), ``column`` the canonical column or field key,
    ``code`` a stable identifier such as ``cell.not_a_number``.
    """

    sheet: str | None
    row: int | None
    column: str | None
    code: str
    severity: str
    message_en: str
    message_vi: str

    def message(self, lang: str) -> str:
        return self.message_vi if lang == "vi" else self.message_en

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def empty_table(sheet_key: str) -> pd.DataFrame:
    """An empty table with the sheet's canonical columns and dtypes (a fresh copy each call)."""
    return _empty_template(sheet_key).copy()


@lru_cache(maxsize=None)
def _empty_template(sheet_key: str) -> pd.DataFrame:
    return pd.DataFrame({c.key: pd.Series(dtype=column_dtype(c)) for c in SHEETS[sheet_key].columns})


def column_dtype(column) -> str:
    if column.dtype == NUMBER:
        return "float64"
    if column.dtype == INTEGER or (column.dtype == CHOICE and column.choices
                                   and isinstance(column.choices[0].key, int)):
        return "Int64"
    if column.dtype == DATE:
        return "datetime64[ns]"
    return "object"


@dataclass(frozen=True)
class Scenario:
    """A validated, typed scenario.

    Attributes
    ----------
    fields : dict
        ``{"Company": {...}, "Finance": {...}}``: canonical field key → value (None if empty).
    tables : dict
        Canonical sheet key → DataFrame with exactly the sheet's canonical columns.
    rows : dict
        Sheet key → Excel row number of each table row (for problem entries); a table edited in
        the app has no entry and its rows are numbered as the writer lays them out (2, 3, ...).
    name : str
        Where it came from (file name or "sample").
    """

    fields: dict[str, dict[str, Any]]
    tables: dict[str, pd.DataFrame]
    rows: dict[str, list[int]] = field(default_factory=dict)
    name: str = ""

    @property
    def company(self) -> dict[str, Any]:
        return self.fields.get("Company", {})

    @cached_property
    def content_key(self) -> str:
        """A digest of everything results depend on (fields, tables, Excel rows; not the name),
        computed once per scenario: a scenario is never changed in place (``with_table`` and
        ``with_field`` make a new one), so caches key on it cheaply."""
        return self.part_key(fields=self.fields, tables=self.tables, rows=self.rows)

    def part_key(self, *, fields=(), tables=(), rows=()) -> str:
        """A digest of part of the scenario: the fields of the sheets named in ``fields``, the
        tables named in ``tables`` and the Excel rows of the sheets named in ``rows`` (what a stage
        of the results depends on: equal digests, equal inputs). A table's digest is computed once
        per table object (:meth:`table_digest`)."""
        h = hashlib.sha256()
        h.update(repr(sorted((k, sorted(self.fields[k].items())) for k in fields if k in self.fields)).encode())
        for key in sorted(tables):
            if key in self.tables:
                h.update(key.encode())
                h.update(self.table_digest(key).encode())
        for key in sorted(k for k in rows if k in self.rows):  # row numbers as bytes (a 100,000-row list)
            h.update(key.encode())
            h.update(np.asarray(self.rows[key], dtype=np.int64).tobytes())
        return h.hexdigest()

    def table_digest(self, key: str) -> str:
        """The digest of one table (of its pickled bytes: equal bytes mean equal content; two equal
        tables that pickle differently only cost a cache miss; about 10× faster than hashing every
        column). Kept per scenario and handed on by :meth:`with_table` (but for the replaced
        table) and :meth:`with_field`, so an edit digests only the table it changed."""
        digests = self.__dict__.setdefault("_table_digests", {})
        if key not in digests:
            digests[key] = hashlib.sha256(pickle.dumps(self.tables[key].reset_index(drop=True),
                                                       protocol=5)).hexdigest()
        return digests[key]

    def _handing_on(self, new: "Scenario", changed: str | None = None) -> "Scenario":
        kept = {k: v for k, v in self.__dict__.get("_table_digests", {}).items() if k != changed}
        new.__dict__["_table_digests"] = kept
        return new

    @property
    def activities(self) -> pd.DataFrame:
        return self.tables["Activities"]

    def table(self, key: str) -> pd.DataFrame:
        return self.tables.get(key, empty_table(key))

    def excel_rows(self, key: str) -> list[int]:
        """Excel row of each row of a table (header on row 1 unless the file said otherwise)."""
        rows = self.rows.get(key)
        n = len(self.table(key))
        return rows if rows is not None and len(rows) == n else list(range(2, n + 2))

    def with_table(self, key: str, frame: pd.DataFrame) -> "Scenario":
        """A new scenario with one table replaced (row numbers of that table reset)."""
        rows = {k: v for k, v in self.rows.items() if k != key}
        return self._handing_on(replace(self, tables={**self.tables, key: frame.reset_index(drop=True)}, rows=rows),
                                changed=key)

    def with_field(self, sheet: str, key: str, value: Any) -> "Scenario":
        fields = {**self.fields, sheet: {**self.fields.get(sheet, {}), key: value}}
        return self._handing_on(replace(self, fields=fields))


def cells_equal(a: Any, b: Any) -> bool:
    """Two cell values are the same: equal, or both missing (None, NaN, NA or NaT)."""
    if a is None or (isinstance(a, float) and np.isnan(a)) or a is pd.NA or a is pd.NaT:
        return b is None or (isinstance(b, float) and np.isnan(b)) or b is pd.NA or b is pd.NaT
    return a == b


def _column_equal(a: pd.Series, b: pd.Series) -> bool:
    """Same values in the same places, missing where the other is missing (dtype ignored)."""
    na_a, na_b = pd.isna(a).to_numpy(), pd.isna(b).to_numpy()
    if not np.array_equal(na_a, na_b):
        return False
    va, vb = a.to_numpy(dtype=object)[~na_a], b.to_numpy(dtype=object)[~na_b]
    return bool(np.all(va == vb)) if len(va) else True


def scenarios_equal(a: Scenario, b: Scenario) -> bool:
    """Same fields and same table contents (row numbers and name ignored); vectorised per column."""
    for sheet in set(a.fields) | set(b.fields):
        fa, fb = a.fields.get(sheet, {}), b.fields.get(sheet, {})
        for key in set(fa) | set(fb):
            if not cells_equal(fa.get(key), fb.get(key)):
                return False
    return all(tables_equal(a.table(key), b.table(key)) for key in set(a.tables) | set(b.tables))


def tables_equal(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Same columns and values, missing where the other is missing (dtypes ignored)."""
    if a.shape != b.shape or list(a.columns) != list(b.columns):
        return False
    return all(_column_equal(a[col], b[col]) for col in a.columns)


@dataclass(frozen=True)
class ReadResult:
    """What reading a workbook gave: the scenario (None when it could not be read) and problems.

    ``variants`` holds the named variants of a workbook with a Variants sheet, in the file's order
    (empty without one); the variant held by the main sheets is ``current`` and its entry is the
    very object ``scenario``. Every variant keeps the workbook's ``name``; its own name is its key.
    """

    scenario: Scenario | None
    problems: list[Problem]
    variants: dict[str, Scenario] = field(default_factory=dict)
    current: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.errors
