"""Numbers as people read them: Vietnamese 3.299,33 and English 3,299.33.

Rounding is half-up on the decimal value (after removing binary noise), as a spreadsheet
shows it: 201.025 t is shown as 201.03 like in the deck, not 201.02.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

import numpy as np
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


#: what :func:`fmt_num` writes for a missing and an infinite value
SPECIAL_TEXTS = ("–", "∞", "−∞")


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


#: beyond this many units of the last decimal a float's integer part is no longer exact in int64
#: arithmetic; such values (and ties, see :func:`fmt_nums`) take the cell-by-cell path
_EXACT_UNITS = 1e15


def fmt_nums(values, lang: str = "vi", decimals: int = 2) -> list[str]:
    """:func:`fmt_num` of a whole column in one pass, the same text as cell by cell.

    The rounding is done on the whole column in floating point: ``n = floor(|v| × 10^d + 0.5)``
    units of the last decimal. That equals the half-up rounding of the decimal value unless
    ``|v| × 10^d`` lies within binary noise of a tie (…,5), where :func:`fmt_num`'s decimal rule
    (first to 9 decimals, then half up) decides, or is too large for exact integers; those cells,
    and missing or infinite ones, go through :func:`fmt_num` one by one. The integers are then
    written with Python's grouping (``f"{n:,}"``), which is a fraction of a microsecond a cell."""
    try:
        column = np.asarray(pd.Series(values, copy=False).to_numpy(dtype=float, na_value=np.nan), dtype=float)
    except (TypeError, ValueError):  # text among the numbers: cell by cell ("–" for the text)
        return [fmt_num(v, lang, decimals) for v in values]
    scale = 10.0 ** decimals
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = np.abs(column) * scale
        frac = scaled - np.floor(scaled)
        # a tie within 1e-9 of the value (fmt_num rounds to 9 decimals first) or float noise
        window = np.maximum(1e-9 * scale, scaled * 1e-12)
        fast = np.isfinite(scaled) & (scaled < _EXACT_UNITS) & (np.abs(frac - 0.5) > window)
    units = np.where(fast, np.floor(scaled + 0.5), 0.0).astype(np.int64)
    negative = (column < 0) & (units > 0)
    whole, part = np.divmod(units, int(scale))
    dec, group = (",", ".") if lang == "vi" else (".", ",")
    out = []
    for ok, w, f, neg, v in zip(fast.tolist(), whole.tolist(), part.tolist(), negative.tolist(), column.tolist()):
        if not ok:
            out.append(fmt_num(v, lang, decimals))
            continue
        text = f"{w:,}".replace(",", group) if w >= 1000 else str(w)
        if decimals:
            text = f"{text}{dec}{f:0{decimals}d}"
        out.append("-" + text if neg else text)
    return out


def fmt_pcts(values, lang: str = "vi", decimals: int = 2) -> list[str]:
    """:func:`fmt_pct` of a whole column in one pass (see :func:`fmt_nums`)."""
    return [_percent(text, lang) for text in fmt_nums(values, lang, decimals)]


def map_distinct(values, fmt) -> list:
    """``[fmt(v) for v in values]`` with ``fmt`` called once per distinct value (missing values,
    None, NaN or NA, all go through ``fmt(None)``): labels and numbers of a 100,000-row column
    with a few hundred distinct values in one pass."""
    column = pd.Series(values, copy=False) if not isinstance(values, pd.Series) else values
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    texts = [fmt(v) for v in uniques] + [fmt(None)]  # code -1 (missing) takes the last entry
    return [texts[c] for c in codes]


def fmt_pct(value, lang: str = "vi", decimals: int = 2) -> str:
    """A percentage (value already in %), e.g. 56,05 % in Vietnamese, 56.05% in English."""
    return _percent(fmt_num(value, lang, decimals), lang)


def _percent(number_text: str, lang: str) -> str:
    """A number as :func:`fmt_num` wrote it with the language's percent sign (none after "–", "∞",
    "−∞": :data:`SPECIAL_TEXTS`)."""
    return number_text if number_text in SPECIAL_TEXTS else number_text + (" %" if lang == "vi" else "%")


def fmt_text(value, missing: str = "") -> str:
    """A text cell as shown: ``missing`` for a missing value (None, NaN, pd.NA, NaT), never the
    words "None" or "nan"."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return missing
    return str(value)


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: decimal mark then thousands mark."""
    return ",." if lang == "vi" else ".,"
