"""Labels of canonical keys (scopes, categories, fuels, sheets, columns) in a language."""
from __future__ import annotations

from calc.factors import load_library
from workbook.schema import SHEETS, choice_label, sheet_spec


def category_label(key, lang: str) -> str:
    return choice_label(SHEETS["Activities"].column("category"), key, lang)


def scope_label(scope, lang: str) -> str:
    return ("Phạm vi {}" if lang == "vi" else "Scope {}").format(scope)


def fuel_label(key, lang: str) -> str:
    fuels = load_library().fuels
    if key in fuels.index:
        return fuels.at[key, "name_vi" if lang == "vi" else "name_en"]
    return "" if key is None else str(key)


def sheet_label(key: str | None, lang: str) -> str:
    if not key:
        return "tệp" if lang == "vi" else "file"
    spec = sheet_spec(key)
    return spec.label(lang) if spec else key


def column_label(sheet: str, column: str | None, lang: str) -> str:
    if not column:
        return ""
    spec = sheet_spec(sheet)
    if spec is not None and column in spec.keys:
        return spec.column(column).label(lang)
    return column


def param_label(key: str, lang: str) -> str:
    """The household case's parameter in words (its input's label, or the assumptions table's)."""
    from ui.i18n import TEXT, t

    for prefix in ("hh.in.", "hhp."):
        if f"{prefix}{key}" in TEXT:
            return t(f"{prefix}{key}", lang)
    return key
