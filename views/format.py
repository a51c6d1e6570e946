"""Numbers as people read them: Vietnamese 3.299,33 and English 3,299.33.

Rounding is half-up on the decimal value (after removing binary noise), as a spreadsheet
shows it: 201.025 t is shown as 201.03 like in the deck, not 201.02.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pandas as pd

LOCALES = {"vi": "vi_VN", "en": "en_US"}
_VI_MARKS = str.maketrans({",": ".", ".": ","})  # 3,299.33 → 3.299,33


def round_half_up(value: float, decimals: int) -> Decimal:
    """``value`` rounded half-up to ``decimals`` places, as a Decimal (a finite ``value`` of any
    size: the precision grows with the number's digits, e.g. an NPV of 9 × 10⁴⁰ after a century of
    100 % inflation, where the default 28 digits would make ``quantize`` fail)."""
    clean = Decimal(repr(round(float(value), 9)))
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, clean.adjusted() + decimals + 2)
        return clean.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _special(value) -> str | None:
    """'–' for a missing value (None, NaN, NA, not a number), '∞' / '−∞' for an infinite one."""
    try:
        f = float(value)
    except (TypeError, ValueError):
        return "–"
    if math.isnan(f):
        return "–"
    if math.isinf(f):
        return "∞" if f > 0 else "−∞"
    return None


def fmt_num(value, lang: str = "vi", decimals: int = 2) -> str:
    """A number with the language's separators; '–' for a missing value, '∞' for an infinite one
    (e.g. a benefit–cost ratio without costs, a payback that never happens)."""
    special = _special(value)
    if special is not None:
        return special
    rounded = round_half_up(value, decimals)
    if rounded.is_zero():  # −0.004 or −0.0 is shown as 0, never "-0"
        rounded = rounded.copy_abs()
    # the rounded Decimal printed with groups of three (Python's own format: the same text as
    # babel's "#,##0.00" for en_US and vi_VN, about 4× faster), then the language's marks
    text = f"{rounded:,.{decimals}f}"
    return text.translate(_VI_MARKS) if lang == "vi" else text


def fmt_nums(values, lang: str = "vi", decimals: int = 2) -> list[str]:
    """:func:`fmt_num` of a whole column in one pass: each distinct value formatted once (a table
    of 100,000 rows often repeats its quantities), the same text as cell by cell."""
    return _each_distinct(values, lambda v: fmt_num(v, lang, decimals))


def fmt_pcts(values, lang: str = "vi", decimals: int = 2) -> list[str]:
    """:func:`fmt_pct` of a whole column in one pass (see :func:`fmt_nums`)."""
    return _each_distinct(values, lambda v: fmt_pct(v, lang, decimals))


def _each_distinct(values, fmt) -> list[str]:
    column = pd.Series(values, copy=False) if not isinstance(values, pd.Series) else values
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    texts = [fmt(v) for v in uniques] + [fmt(None)]  # code -1 (missing) takes the last entry
    return [texts[c] for c in codes]


def fmt_pct(value, lang: str = "vi", decimals: int = 2) -> str:
    """A percentage (value already in %), e.g. 56,05 % in Vietnamese, 56.05% in English."""
    special = _special(value)
    if special is not None:
        return special
    return fmt_num(value, lang, decimals) + (" %" if lang == "vi" else "%")


def fmt_text(value, missing: str = "") -> str:
    """A text cell as shown: ``missing`` for a missing value (None, NaN, pd.NA, NaT), never the
    words "None" or "nan"."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return missing
    return str(value)


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: decimal mark then thousands mark."""
    return ",." if lang == "vi" else ".,"
