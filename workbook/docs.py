"""The workbook format as Markdown, generated from the schema (the README embeds it).

``python -m workbook.docs`` prints it; ``python -m workbook.docs --update README.md`` rewrites
the README between the ``<!-- format:start -->`` and ``<!-- format:end -->`` markers, and a test
fails when the README is out of date.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from calc.factors import load_library
from workbook.schema import MAIN_MARK, VARIANTS, WORKBOOK_SHEETS

START, END = "<!-- format:start -->", "<!-- format:end -->"


def _allowed(col) -> str:
    if col.key == "unit":
        return ", ".join(load_library().units.index)
    if len(col.choices) > 8:
        return ", ".join(str(c.key) for c in col.choices[:6]) + ", …"
    if col.several:
        return "one or more of " + ", ".join(str(c.key) for c in col.choices[:-1]) + f"; or {col.choices[-1].key}"
    return ", ".join(str(c.key) for c in col.choices)


def format_markdown() -> str:
    """Every sheet (the Variants sheet last) with its columns, as Markdown."""
    lines = []
    for sheet in WORKBOOK_SHEETS.values():
        need = "required" if sheet.required else "optional"
        kind = "field/value pairs" if sheet.kind == "fields" else "one row per record"
        if sheet is VARIANTS:
            kind = "one line per changed cell"
        lines.append(f"#### `{sheet.key}` – {sheet.vi} / {sheet.en} ({need}, {kind})")
        lines.append(f"{sheet.help_en}")
        lines.append("")
        lines.append("| key | Tiếng Việt | English | type | unit | required | allowed |")
        lines.append("|---|---|---|---|---|---|---|")
        for col in sheet.columns:
            lines.append(f"| `{col.key}` | {col.vi} | {col.en} | {col.dtype} | {col.unit} | "
                         f"{'yes' if col.required else ''} | {_allowed(col)} |")
        lines.append("")
        if sheet is VARIANTS:  # its columns need more words than a table cell
            lines += [f"- `{col.key}`: {col.help_en}" for col in sheet.columns]
            lines.append(f"- The main mark is `{MAIN_MARK['en']}` or `{MAIN_MARK['vi']}` (any case); "
                         "without one, the main sheets are a variant named `main`, listed first. "
                         "A cell given twice: the last line wins (with a warning).")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def update(path: Path) -> bool:
    """Rewrite the generated section of ``path``; True when it changed."""
    text = path.read_text("utf-8")
    new = re.sub(re.escape(START) + ".*?" + re.escape(END), f"{START}\n{format_markdown()}{END}", text,
                 flags=re.S)
    if new != text:
        path.write_text(new, "utf-8")
    return new != text


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--update":
        print("updated" if update(Path(sys.argv[2])) else "up to date")
    else:
        print(format_markdown())
