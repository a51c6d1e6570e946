"""``compare --parquet DIR``: the batch's results as Parquet tables a programme can load.

Four files in ``DIR`` (created if missing), linked by ``file`` and ``variant`` (null for a
workbook without variants):

- ``summary.parquet``: one row per workbook × variant, the KPI columns of the xlsx table
  (:data:`views.kpis.COLUMNS`: keys as in ``--json``);
- ``measures.parquet``: one row per workbook × variant × measure (``position`` is its place in
  the Measures sheet, 0 first), :data:`cli.batch.MEASURE_COLUMNS` as the results model's JSON view
  has them (``irr`` a fraction, money in the workbook's currency);
- ``paths.parquet``: one row per workbook × variant × calendar year: ``target`` (the first
  target's name), ``bau_tco2e``, ``reduction_tco2e``, ``with_measures_tco2e``, ``target_tco2e``,
  ``gap_tco2e``;
- ``problems.parquet``: one row per problem: ``file, sheet, row, column, code, severity,
  message_en, message_vi``.

Every column has a fixed type (text, float64 or int64, nulls allowed), so an empty batch or a
column without any value still loads with the same schema.
"""
from __future__ import annotations

import math
from pathlib import Path

from cli.batch import MEASURE_COLUMNS, PATH_COLUMNS, FileResult
from views.kpis import COLUMNS

__all__ = ["write_parquet", "FILES"]

FILES = ("summary", "measures", "paths", "problems")
_KEY = (("file", "str"), ("variant", "str"))
_INTS = {"target_year", "measures", "position", "year", "start_year", "row"}


def _kind(key: str, text: bool) -> str:
    return "str" if text else "int" if key in _INTS else "float"


SCHEMAS = {
    "summary": tuple((key, _kind(key, fmt is None)) for key, _, _, fmt in COLUMNS),
    "measures": _KEY + (("position", "int"),) + tuple(
        (k, _kind(k, k in {"id", "name", "category", "term", "fuel", "method", "saving_unit", "issue",
                           "status", "irr_code"})) for k in MEASURE_COLUMNS),
    "paths": _KEY + (("year", "int"), ("target", "str")) + tuple((c, "float") for c in PATH_COLUMNS),
    "problems": (("file", "str"), ("sheet", "str"), ("row", "int"), ("column", "str"), ("code", "str"),
                 ("severity", "str"), ("message_en", "str"), ("message_vi", "str")),
}


def _value(value, kind: str):
    if value is None:
        return None
    if kind == "str":
        return str(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if kind == "int":
        return int(number) if math.isfinite(number) else None
    return number


def _table(name: str, records: list[dict]):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    schema = pa.schema([(key, types[kind]) for key, kind in SCHEMAS[name]])
    columns = {key: [_value(r.get(key), kind) for r in records] for key, kind in SCHEMAS[name]}
    return pa.table(columns, schema=schema)


def write_parquet(folder: Path, results: list[FileResult]) -> list[Path]:
    """Write the four tables of ``results`` (in their order) into ``folder``; the paths written."""
    import pyarrow.parquet as pq

    records = {
        "summary": [r for res in results for r in res.rows],
        "measures": [m for res in results for m in res.measures],
        "paths": [p for res in results for p in res.paths],
        "problems": [{"file": res.rows[0]["file"], **p.to_dict()} for res in results for p in res.problems],
    }
    folder.mkdir(exist_ok=True)
    written = []
    for name in FILES:
        path = folder / f"{name}.parquet"
        pq.write_table(_table(name, records[name]), path)
        written.append(path)
    return written
