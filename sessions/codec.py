"""Scenarios and session settings as bytes, exactly, without pickle.

A saved session must come back as the very same scenario (its ``content_key`` equal, so every
number on every page is the same), and loading it must never run code: the database is shared by
every app process, so its bytes are data, not instructions.

Format: a zip archive (deflate) with ``scenario.json`` (fields, Excel row numbers, name, and each
table's columns with their dtypes) and one member per numeric column holding its raw array
(float64, int64, bool, datetime64[ns] as int64, nullable Int64/boolean as values plus mask).
Object columns (text, dates typed as dates, mixed cells) are written as JSON lists of *tagged*
values, so a ``datetime.date`` comes back as a date, a NaN as a NaN and a numpy scalar as the same
numpy scalar. An unknown type is refused when saving (``TypeError``), never guessed.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import math
import zipfile
from typing import Any

import numpy as np
import pandas as pd

from workbook.model import Scenario

FORMAT = 1
#: numpy dtypes stored as raw arrays (little-endian)
_RAW = {"float64": "<f8", "float32": "<f4", "int64": "<i8", "int32": "<i4", "bool": "|b1"}
_MASKED = {"Int64": ("<i8", "int64"), "Float64": ("<f8", "float64"), "boolean": ("|b1", "bool")}


# -- scalars ---------------------------------------------------------------------------------
def encode_value(value: Any) -> Any:
    """A JSON-ready form of one cell or field value that :func:`decode_value` turns back into an
    equal value of the same type."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if value is pd.NA:
        return {"na": 1}
    if value is pd.NaT:
        return {"nat": 1}
    if isinstance(value, np.generic):
        item = value.item()
        if isinstance(item, float) and not math.isfinite(item):
            item = repr(item)
        return {"np": value.dtype.str, "v": item if not isinstance(item, (dt.datetime, dt.date)) else str(value)}
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"f": repr(value)}
    if isinstance(value, pd.Timestamp):
        return {"ts": value.isoformat()}
    if isinstance(value, dt.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    if isinstance(value, dt.time):
        return {"t": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"td": value.total_seconds()}
    if isinstance(value, (list, tuple)):
        return {"list" if isinstance(value, list) else "tuple": [encode_value(v) for v in value]}
    raise TypeError(f"cannot save a value of type {type(value).__name__}")


def decode_value(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    (tag, payload), *_ = value.items()
    if tag == "na":
        return pd.NA
    if tag == "nat":
        return pd.NaT
    if tag == "np":
        dtype = np.dtype(payload)
        raw = value["v"]
        if dtype.kind in "mM":
            return np.array(raw, dtype=dtype)[()]
        return dtype.type(float(raw) if isinstance(raw, str) else raw)
    if tag == "f":
        return float(payload)
    if tag == "ts":
        return pd.Timestamp(payload)
    if tag == "dt":
        return dt.datetime.fromisoformat(payload)
    if tag == "d":
        return dt.date.fromisoformat(payload)
    if tag == "t":
        return dt.time.fromisoformat(payload)
    if tag == "td":
        return dt.timedelta(seconds=payload)
    if tag == "list":
        return [decode_value(v) for v in payload]
    if tag == "tuple":
        return tuple(decode_value(v) for v in payload)
    raise ValueError(f"unknown saved value tag {tag!r}")


# -- tables ----------------------------------------------------------------------------------
def _write_table(zf: zipfile.ZipFile, prefix: str, frame: pd.DataFrame) -> dict:
    frame = frame.reset_index(drop=True)
    columns = []
    for i, name in enumerate(frame.columns):
        col = frame[name]
        dtype = str(col.dtype)
        member = f"{prefix}/{i}"
        if dtype in _RAW:
            zf.writestr(member, np.ascontiguousarray(col.to_numpy(), dtype=_RAW[dtype]).tobytes())
            kind = "raw"
        elif dtype.startswith("datetime64[") and col.dt.tz is None:
            zf.writestr(member, np.ascontiguousarray(col.to_numpy().view("<i8")).tobytes())
            kind = "datetime"
        elif dtype in _MASKED:
            arr = col.array
            zf.writestr(member, np.ascontiguousarray(arr._data, dtype=_MASKED[dtype][0]).tobytes())
            zf.writestr(member + "m", np.ascontiguousarray(arr._mask, dtype="|b1").tobytes())
            kind = "masked"
        elif dtype == "object" or dtype.startswith("string") or dtype == "str":
            zf.writestr(member, json.dumps([encode_value(v) for v in col.tolist()], ensure_ascii=False,
                                           allow_nan=False))
            kind = "json"
        else:
            raise TypeError(f"cannot save a column of dtype {dtype}")
        columns.append({"name": encode_value(name), "dtype": dtype, "kind": kind})
    return {"n": len(frame), "columns": columns}


def _read_table(zf: zipfile.ZipFile, prefix: str, spec: dict) -> pd.DataFrame:
    data = {}
    n = spec["n"]
    for i, col in enumerate(spec["columns"]):
        member, dtype, kind = f"{prefix}/{i}", col["dtype"], col["kind"]
        if kind == "raw":
            values = np.frombuffer(zf.read(member), dtype=_RAW[dtype]).astype(dtype, copy=True)
        elif kind == "datetime":
            values = np.frombuffer(zf.read(member), dtype="<i8").copy().view(dtype)
        elif kind == "masked":
            raw, numpy_dtype = _MASKED[dtype]
            values = np.frombuffer(zf.read(member), dtype=raw).astype(numpy_dtype, copy=True)
            mask = np.frombuffer(zf.read(member + "m"), dtype="|b1").copy()
            values = pd.array(values, dtype=dtype)
            values[mask] = pd.NA
        elif kind == "json":
            cells = json.loads(zf.read(member))
            if dtype == "object":
                values = np.empty(len(cells), dtype=object)
                same: dict = {}  # one object per distinct text, as the reader makes them
                values[:] = [same.setdefault(v, v) if isinstance(v, str) else decode_value(v) for v in cells] \
                    if cells else []
            else:  # a pandas string dtype: its missing value comes back as that dtype's NA
                values = pd.array([decode_value(v) for v in cells], dtype=dtype)
        else:
            raise ValueError(f"unknown column kind {kind!r}")
        if len(values) != n:
            raise ValueError("a saved column has the wrong length")
        data[i] = pd.Series(values, dtype=dtype)
    frame = pd.DataFrame(data) if data else pd.DataFrame(index=pd.RangeIndex(n))
    frame.columns = [decode_value(c["name"]) for c in spec["columns"]]
    return frame


# -- scenarios -------------------------------------------------------------------------------
def encode_scenario(scenario: Scenario) -> bytes:
    """The scenario as bytes; :func:`decode_scenario` gives back an equal scenario (same
    ``content_key``, same name)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        tables = {key: _write_table(zf, f"t{i}", frame) for i, (key, frame) in enumerate(scenario.tables.items())}
        meta = {
            "format": FORMAT,
            "name": scenario.name,
            "fields": {sheet: {k: encode_value(v) for k, v in values.items()}
                       for sheet, values in scenario.fields.items()},
            "rows": {key: [int(r) for r in rows] for key, rows in scenario.rows.items()},
            "tables": [[key, spec] for key, spec in tables.items()],
        }
        zf.writestr("scenario.json", json.dumps(meta, ensure_ascii=False, allow_nan=False))
    return buf.getvalue()


def decode_scenario(data: bytes) -> Scenario:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        meta = json.loads(zf.read("scenario.json"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"saved scenario format {meta.get('format')} is not {FORMAT}")
        tables = {key: _read_table(zf, f"t{i}", spec) for i, (key, spec) in enumerate(meta["tables"])}
    fields = {sheet: {k: decode_value(v) for k, v in values.items()} for sheet, values in meta["fields"].items()}
    return Scenario(fields=fields, tables=tables, rows={k: list(v) for k, v in meta["rows"].items()},
                    name=meta["name"])


def encode_settings(settings: dict) -> str:
    """Page settings (JSON values, dates tagged) as JSON text."""
    return json.dumps({str(k): encode_value(v) if not isinstance(v, dict) else
                       {"dict": {str(kk): encode_value(vv) for kk, vv in v.items()}}
                       for k, v in settings.items()}, ensure_ascii=False, allow_nan=False)


def decode_settings(text: str) -> dict:
    out = {}
    for k, v in json.loads(text or "{}").items():
        if isinstance(v, dict) and set(v) == {"dict"}:
            out[k] = {kk: decode_value(vv) for kk, vv in v["dict"].items()}
        else:
            out[k] = decode_value(v)
    return out
