"""Numbers typed and shown for editing in the app's language, whatever the browser's locale.

Vietnamese writes ``2.300.000`` and ``0,03``; English ``2,300,000`` and ``0.03``. The app's
tables and number fields show a value with :func:`format_number` (the separators of
:mod:`views.format`, full precision, no padding zeros: ``12``, never ``12.00``) and read what a
user types with :func:`parse_number`:

* a thousands separator (Vietnamese ``.``, English ``,``, or a space, a non-breaking or a thin
  space) must be followed by exactly three digits, and the first group has one to three digits
  and does not start with 0 (``0.300`` is refused in Vietnamese: 300 or 0,3?);
* one decimal separator (Vietnamese ``,``, English ``.``), digits after it, no thousands
  separator after it;
* a leading ``-`` / ``−`` (or ``+``), a trailing ``%`` and an exponent (``2,73e-3``) are allowed;
* anything else is refused with a :class:`NumberError` naming the reason (a code for the UI's
  text) and, when the text reads as a number the other language's way, that number written the
  app's way (``0.03`` in the Vietnamese app: "did you mean 0,03?").

Nothing is ever guessed: ``1.385`` is 1385 in Vietnamese and 1.385 in English, as each language
writes it. Pure: no Streamlit.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

from views.format import LOCALES

#: decimal separator, thousands separator of each language: babel's, as :mod:`views.format` uses
SEPARATORS = {lang: (get_decimal_symbol(loc), get_group_symbol(loc)) for lang, loc in LOCALES.items()}
#: Python's "1,234.5" written each language's way (one translation per cell: a 100,000-row table
#: is shown in a fraction of babel's time, with babel's symbols)
_WRITE = {lang: str.maketrans({",": group, ".": dec, "-": get_minus_sign_symbol(LOCALES[lang])})
          for lang, (dec, group) in SEPARATORS.items()}
#: characters accepted as a thousands separator besides the language's own
SPACES = " \u00a0\u202f\u2009"
MINUS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash
SIGNIFICANT = 15  # digits kept when a float is shown (drops binary noise such as 0.30000000000000004)


@dataclass(frozen=True)
class NumberError(ValueError):
    """Why a text is not a number in the app's language: ``code`` (see :data:`CODES`), the text,
    and the number it would be the other language's way, written the app's way (or None)."""

    code: str
    text: str = ""
    suggestion: str | None = None
    values: dict = field(default_factory=dict)

    def __str__(self) -> str:  # pragma: no cover - for logs only
        return f"{self.code}: {self.text!r}"


#: every refusal's code
CODES = ("not_number", "sign", "group", "first_group", "decimal_twice", "after_decimal", "incomplete",
         "needed", "below_min", "above_max", "integer")


def _shown(value: float) -> Decimal:
    """The decimal shown for a float: 15 significant digits, the shortest that reads back."""
    rounded = float(f"{float(value):.{SIGNIFICANT}g}")
    return Decimal(repr(rounded if math.isfinite(rounded) else float(value)))


def format_number(value, lang: str, *, grouping: bool = True) -> str:
    """``value`` as a user reads and edits it: the language's separators, every significant
    decimal (at most 15 significant digits, no padding zeros), thousands grouped unless
    ``grouping`` is False (years: 2021); "" for a missing value."""
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    try:
        f = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(f):
        return ""
    if math.isinf(f):
        return "∞" if f > 0 else "−∞"
    rounded = float(f"{f:.{SIGNIFICANT}g}")
    r = repr(rounded if math.isfinite(rounded) else f)
    if "e" not in r:  # the common case, without Decimal: the shortest repr, grouped (2.1 µs a cell)
        negative, (whole, _, frac) = r.startswith("-"), r.lstrip("-").partition(".")
        frac = frac.rstrip("0")  # 12.0 → 12
        text = (format(int(whole), ",") if grouping else whole) + ("." + frac if frac else "")
        return (("-" if negative and text != "0" else "") + text).translate(_WRITE[lang])
    number = _shown(f)  # very large or small: every digit, no exponent
    text = format(Decimal(0) if number == 0 else number, ",f" if grouping else "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.translate(_WRITE[lang])


def _other(lang: str) -> str:
    return "en" if lang == "vi" else "vi"


def _digits(part: str) -> bool:
    return bool(part) and all("0" <= c <= "9" for c in part)


def _read(text: str, lang: str) -> tuple[float, bool]:
    """The number in ``text`` and whether it carried a percent sign; NumberError otherwise."""
    dec, group = SEPARATORS[lang]
    s = text.strip()
    percent = s.endswith("%")
    if percent:
        s = s[:-1].rstrip()
    negative = False
    if s[:1] and s[0] in MINUS + "+":
        negative = s[0] in MINUS
        s = s[1:].lstrip()
    if not s:
        raise NumberError("not_number", text)
    if s[0] in MINUS + "+" or any(c in MINUS + "+" for c in s.split("e")[0].split("E")[0]):
        raise NumberError("sign", text)
    mantissa, exponent = s, 0
    m = re.fullmatch(r"(.+?)[eE]([+\-\u2212]?\d{1,3})", s)
    if m:
        mantissa, exponent = m.group(1), int(m.group(2).replace("\u2212", "-"))
    if any(not ("0" <= c <= "9" or c in dec + group + SPACES) for c in mantissa):
        raise NumberError("not_number", text)
    if mantissa.count(dec) > 1:
        raise NumberError("decimal_twice", text)
    whole, _, frac = mantissa.partition(dec)
    if dec in mantissa and not frac:
        raise NumberError("incomplete", text)
    if frac and not _digits(frac):
        raise NumberError("after_decimal" if any(c in group + SPACES for c in frac) else "not_number", text)
    groups = re.split(f"[{re.escape(group + SPACES)}]", whole) if whole else [""]
    if len(groups) > 1:
        if not groups[0]:
            raise NumberError("incomplete" if not whole.strip(group + SPACES) else "group", text)
        if any(len(g) != 3 or not _digits(g) for g in groups[1:]):
            raise NumberError("incomplete" if not groups[-1] else "group", text)
        if not _digits(groups[0]) or len(groups[0]) > 3 or groups[0].startswith("0"):
            raise NumberError("first_group", text)
    elif whole and not _digits(whole):
        raise NumberError("not_number", text)
    if not whole and not frac:
        raise NumberError("not_number", text)
    number = float(Decimal(("".join(groups) or "0") + ("." + frac if frac else "")).scaleb(exponent))
    if math.isinf(number):
        raise NumberError("not_number", text)
    return (-number if negative else number), percent


def parse_number(text, lang: str, *, percent_unit: bool = False):
    """The number a user typed, read the ``lang`` way: a float, or None for a blank text.

    A trailing ``%`` means "per cent": the number is kept as typed where the value is itself in
    per cent (``percent_unit``, e.g. a saving in %), else divided by 100 (``80 %`` of a factor
    0..1 is 0.8). A number (not text) is returned as it is. Raises :class:`NumberError`."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise NumberError("not_number", str(text))
    if isinstance(text, (int, float)):
        return None if isinstance(text, float) and math.isnan(text) else float(text)
    text = str(text)
    if not text.strip():
        return None
    try:
        number, percent = _read(text, lang)
    except NumberError as err:
        suggestion = None
        try:
            other, other_pct = _read(text, _other(lang))
            suggestion = format_number(other, lang) + ((" %" if lang == "vi" else "%") if other_pct else "")
        except NumberError:
            pass
        raise NumberError(err.code, text, suggestion) from None
    if percent and not percent_unit:
        number = number / 100.0
    return number


def check_number(value, *, minimum=None, maximum=None, integer: bool = False, required: bool = False,
                 lang: str = "en", text: str = ""):
    """``value`` (a float or None) if it fits the field; NumberError ("needed", "below_min",
    "above_max", "integer") otherwise, with the limit written the ``lang`` way in ``values``."""
    if value is None:
        if required:
            raise NumberError("needed", text)
        return None
    if minimum is not None and value < minimum:
        raise NumberError("below_min", text, values={"limit": format_number(minimum, lang)})
    if maximum is not None and value > maximum:
        raise NumberError("above_max", text, values={"limit": format_number(maximum, lang)})
    if integer:
        if not float(value).is_integer():
            raise NumberError("integer", text)
        return int(value)
    return value


def read_number(text, lang: str, *, minimum=None, maximum=None, integer: bool = False, required: bool = False,
                percent_unit: bool = False):
    """:func:`parse_number` then :func:`check_number`: what a field stores, or NumberError."""
    value = parse_number(text, lang, percent_unit=percent_unit)
    shown = text if isinstance(text, str) else format_number(text, lang)
    return check_number(value, minimum=minimum, maximum=maximum, integer=integer, required=required,
                        lang=lang, text=shown)
