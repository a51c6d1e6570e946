"""``energy-scenarios``: summarise, check and template scenario workbooks from the shell.

No traceback ever reaches the user: a file that cannot be read is a problem entry (exit 1).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from views.format import fmt_num, fmt_pct
from workbook.messages import problem
from workbook.model import ERROR, Problem
from workbook.worker import read_file_in_worker
from workbook.write import write_template

from cli.compare import cmd_compare
from results.summary import scenario_summary


def _print_problems(problems: list[Problem], lang: str, stream) -> None:
    for p in problems:
        where = ":".join(str(x) for x in (p.sheet or "file", p.row, p.column) if x not in (None, ""))
        print(f"[{p.severity}] {where} {p.code}: {p.message(lang)}", file=stream)


def cmd_check(args) -> int:
    result = read_file_in_worker(args.file)
    if args.json:
        print(json.dumps([p.to_dict() for p in result.problems], ensure_ascii=False, indent=2))
    else:
        _print_problems(result.problems, args.lang, sys.stdout)
        n = len(result.errors)
        print(("OK: no errors" if args.lang == "en" else "OK: không có lỗi") if not n else
              (f"{n} error(s)" if args.lang == "en" else f"{n} lỗi"))
    return 0 if result.ok else 1


def cmd_summary(args) -> int:
    result = read_file_in_worker(args.file)
    if not result.ok:
        if args.json:
            print(json.dumps({"problems": [p.to_dict() for p in result.problems]}, ensure_ascii=False,
                             indent=2))
        else:
            _print_problems(result.problems, args.lang, sys.stderr)
        return 1
    summary = scenario_summary(result.scenario)
    summary["problems"] = [p.to_dict() for p in result.problems]
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    lang, inv = args.lang, summary["inventory"]
    print(f"{summary['company'].get('name') or result.scenario.name} "
          f"(factor library v{summary['factor_library_version']})")
    print(f"{'Total' if lang == 'en' else 'Tổng'}: {fmt_num(inv['total_tco2e'], lang)} tCO2e")
    for scope, value in inv["by_scope"].items():
        print(f"  Scope {scope}: {fmt_num(value, lang)} tCO2e ({fmt_pct(inv['share_by_scope_pct'][scope], lang)})")
    for cat, value in inv["by_category"].items():
        print(f"  {cat}: {fmt_num(value, lang)} tCO2e ({fmt_pct(inv['share_by_category_pct'][cat], lang)})")
    grid = inv["grid_factor"]
    print(f"Grid factor: {grid['tco2_per_mwh']} tCO2/MWh ({grid['year'] or 'company'}, {grid['rule']})")
    for s in inv["sources"]:
        print(f"  [{s['scope']}] {s['source']}: {fmt_num(s['tco2e'], lang)} t ({fmt_pct(s['share_pct'], lang)})")
    _print_problems(result.problems, lang, sys.stderr)
    return 0


def cmd_template(args) -> int:
    out = Path(args.out)
    try:
        out.write_bytes(write_template(args.lang))
    except OSError as exc:
        print(f"Cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="energy-scenarios", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, helptext in (("summary", cmd_summary, "compute and print everything the workbook holds"),
                                 ("check", cmd_check, "validate a workbook (exit 1 on errors)")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("file")
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.add_argument("--lang", choices=("en", "vi"), default="en", help="language of text output")
        p.set_defaults(func=func)
    p = sub.add_parser("template", help="write an empty scenario template")
    p.add_argument("--lang", choices=("en", "vi"), default="vi")
    p.add_argument("out")
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("compare", help="one KPI table (.xlsx) of many workbooks, for trainers")
    p.add_argument("paths", nargs="+", metavar="FOLDER_OR_FILE", help="folders (their *.xlsx) and files")
    p.add_argument("--out", help="the .xlsx to write (the KPI table and a Problems sheet)")
    p.add_argument("--parquet", metavar="DIR", help="also (or instead) write summary, measures, paths and "
                   "problems .parquet into DIR (created if missing)")
    p.add_argument("--jobs", type=_positive_int, metavar="N",
                   help="processes reading workbooks at once (default: the machine's cores; 1: in this process)")
    p.add_argument("--lang", choices=("en", "vi"), default="vi", help="language of the table and text output")
    p.add_argument("--json", action="store_true", help="print the rows and problems as JSON")
    p.set_defaults(func=cmd_compare)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head` and closed: not an error of the file
        sys.stdout = open(os.devnull, "w")
        return 1
    except Exception as exc:  # never a traceback: report as a problem entry
        p = problem("internal.error", detail=f"{type(exc).__name__}: {exc}")
        if getattr(args, "json", False):
            print(json.dumps([p.to_dict()], ensure_ascii=False, indent=2))
        else:
            _print_problems([p], getattr(args, "lang", "en"), sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
