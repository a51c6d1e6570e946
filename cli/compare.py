"""``energy-scenarios compare``: one KPI table of many participants' workbooks, for trainers.

A workbook that holds several scenario variants (its Variants sheet) gives one row per variant.

Every workbook is read on its own, once, and each of its variants analysed once
(:mod:`cli.batch`), over ``--jobs`` processes (default: the machine's cores); the rows come in the
order of the files. One that cannot be read (or whose computation fails, or whose worker process
crashes) gets a row with its status and blank KPIs, and its problems go to the second sheet; it
never stops the batch. ``--parquet DIR`` also writes the rows, the measures and the yearly paths
as Parquet tables (:mod:`cli.parquet`). The exit code is 0 when at least one workbook was read
without errors.
"""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import openpyxl

from views.format import fmt_num
from workbook.model import Problem
from workbook.schema import sheet_spec
from workbook.write import _put, _style_header

from cli.batch import analyse_file, default_jobs, run_batch
from views.kpis import COLUMNS, kpis  # noqa: F401 - kpis: the comparison's columns, read by the compare page

PROBLEM_COLUMNS = (
    ("file", "File", "Tệp"),
    ("sheet", "Sheet", "Sheet"),
    ("row", "Row", "Dòng"),
    ("column", "Column", "Cột"),
    ("code", "Code", "Mã"),
    ("severity", "Severity", "Mức độ"),
    ("message", "Message", "Nội dung"),
)

SHEET_TITLES = {"en": ("Summary", "Problems"), "vi": ("Tổng hợp", "Vấn đề")}


# -- inputs -------------------------------------------------------------------------------------
def collect_files(paths: list[str], out: Path | None = None) -> list[Path]:
    """The workbooks to read, in order: folders give their *.xlsx (sorted, not recursive, no
    Excel lock files ``~$…``), files are taken as given (a missing one becomes a problem row).
    Duplicates and the output file itself are left out."""
    files: list[Path] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            files += sorted(p for p in path.iterdir()
                            if p.suffix.lower() == ".xlsx" and p.is_file() and not p.name.startswith("~$"))
        else:
            files.append(path)
    skip = {_key(out)} if out is not None else set()
    unique = []
    for path in files:
        key = _key(path)
        if key not in skip:
            skip.add(key)
            unique.append(path)
    return unique


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path)


# -- one workbook -------------------------------------------------------------------------------
def compare_one(path: Path) -> tuple[list[dict], list[Problem]]:
    """The table's rows of one workbook (one per variant when it holds several, else one) and
    its problems; never raises (:func:`cli.batch.analyse_file`)."""
    result = analyse_file(path)
    return result.rows, result.problems


# -- output -------------------------------------------------------------------------------------
def _problem_cells(file: str, p: Problem, lang: str) -> list:
    spec = sheet_spec(p.sheet)
    column = p.column
    if spec is not None and column:
        column = next((c.label(lang) for c in spec.columns if c.key == column), column)
    return [file, spec.label(lang) if spec else (p.sheet or ""), p.row, column or "", p.code, p.severity,
            p.message(lang)]


def write_xlsx(rows: list[dict], problems: list[tuple[str, Problem]], lang: str) -> bytes:
    """The KPI table (first sheet) and every problem (second sheet) as .xlsx bytes."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title, problems_title = SHEET_TITLES[lang]
    widths = []
    for j, (key, en, vi, fmt) in enumerate(COLUMNS, start=1):
        header = vi if lang == "vi" else en
        _put(ws, 1, j, header)
        longest = max((len(str(r[key])) if fmt is None else len(f"{r[key]:,.2f}")
                       for r in rows if r[key] is not None), default=0)
        widths.append(max(min(len(header), 28), longest) + 2)
        for i, row in enumerate(rows, start=2):
            _put(ws, i, j, row[key], fmt)
    _style_header(ws, len(COLUMNS), widths)
    ws.row_dimensions[1].height = 45
    ws.auto_filter.ref = ws.dimensions

    wp = book.create_sheet(problems_title)
    widths = [len(vi if lang == "vi" else en) + 2 for _, en, vi in PROBLEM_COLUMNS]
    for j, (_, en, vi) in enumerate(PROBLEM_COLUMNS, start=1):
        _put(wp, 1, j, vi if lang == "vi" else en)
    for i, (file, p) in enumerate(problems, start=2):
        for j, value in enumerate(_problem_cells(file, p, lang), start=1):
            _put(wp, i, j, value, "0" if j == 3 else None)
            widths[j - 1] = max(widths[j - 1], len(str(value or "")) + 2)
    _style_header(wp, len(PROBLEM_COLUMNS), widths)
    wp.auto_filter.ref = wp.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_line(row: dict, problems: list[Problem], lang: str) -> str:
    if row["status"] != "ok":
        first = next((p for p in problems if p.severity == "error"), None)
        status = row["status"] if lang == "en" else row["status"].replace("errors", "lỗi")
        return f"{row['file']}: {status}" + (f" – {first.message(lang)}" if first else "")
    total = f"{fmt_num(row['total_tco2e'], lang)} tCO2e"
    if row["gap_target_year_tco2e"] is not None:
        gap = fmt_num(row["gap_target_year_tco2e"], lang)
        total += (f", gap {row['target_year']}: {gap} tCO2e" if lang == "en"
                  else f", còn thiếu {row['target_year']}: {gap} tCO2e")
    where = row["file"] + (f" [{row['variant']}]" if row["variant"] else "")
    return f"{where}: ok – {row['company'] or '–'}: {total}"


def _out_problem(out: Path) -> str | None:
    """Why ``out`` cannot be written, checked before the (slow) reading; None if it looks fine."""
    if out.is_dir():
        return f"Cannot write {out}: it is a folder"
    if not out.parent.is_dir():
        return f"Cannot write {out}: the folder {out.parent} does not exist"
    return None


def _parquet_problem(folder: Path) -> str | None:
    """Why the Parquet folder cannot be written (it may exist or not; its parent must)."""
    if folder.exists() and not folder.is_dir():
        return f"Cannot write {folder}: it is a file, not a folder"
    if not folder.parent.is_dir():
        return f"Cannot write {folder}: the folder {folder.parent} does not exist"
    return None


def cmd_compare(args) -> int:
    lang = args.lang
    out = Path(args.out) if args.out else None
    parquet = Path(args.parquet) if getattr(args, "parquet", None) else None
    jobs = getattr(args, "jobs", None) or default_jobs()
    if out is None and parquet is None:
        print("compare writes --out FILE.xlsx, --parquet DIR or both: give at least one", file=sys.stderr)
        return 2
    reason = (out and _out_problem(out)) or (parquet and _parquet_problem(parquet))
    if reason:
        print(reason, file=sys.stderr)
        return 1
    files = collect_files(args.paths, out)
    if not files:
        print("No .xlsx files found in " + ", ".join(args.paths) if lang == "en" else
              "Không tìm thấy tệp .xlsx nào trong " + ", ".join(args.paths), file=sys.stderr)
        if args.json:
            print(json.dumps({"out": None, "rows": [], "problems": []}, ensure_ascii=False, indent=2))
        return 1
    results = run_batch(files, jobs)
    rows, problems, lines, n_ok = [], [], [], 0
    for path, result in zip(files, results):
        rows += result.rows
        n_ok += any(r["status"] == "ok" for r in result.rows)
        problems += [(str(path), p) for p in result.problems]
        lines += [_text_line(row, result.problems, lang) for row in result.rows]
    written = []
    for target, write in ((out, lambda: out.write_bytes(write_xlsx(rows, problems, lang))),
                          (parquet, lambda: _write_parquet(parquet, results))):
        if target is None:
            continue
        try:
            write()
        except OSError as exc:
            print(f"Cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        written.append(str(target))
    if args.json:
        print(json.dumps({"out": str(out) if out else None, "parquet": str(parquet) if parquet else None,
                          "rows": rows, "problems": [{"file": f, **p.to_dict()} for f, p in problems]},
                         ensure_ascii=False, indent=2))
    else:
        print("\n".join(lines))
        where = ", ".join(written)
        print(f"wrote {where}: {n_ok} of {len(files)} workbook(s) without errors" if lang == "en" else
              f"đã ghi {where}: {n_ok}/{len(files)} tệp không có lỗi")
    return 0 if n_ok else 1


def _write_parquet(folder: Path, results) -> None:
    from cli.parquet import write_parquet  # pyarrow is imported only when asked for

    write_parquet(folder, results)
