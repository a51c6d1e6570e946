"""Axes and chart labels that read the same on screen, in the exported images and on a slide.

Every builder of ``figures`` takes ``separators`` (``",."`` Vietnamese, ``".,"`` English) and
derives its language from it (:func:`lang_of`), so the callers need not pass anything more:

- **money axes** (:func:`money_axis`) get their own ticks with one compact unit for the whole
  axis in the user's language — ``nghìn / triệu / tỷ``, ``thousand / million / billion`` —
  never Plotly's SI suffixes (``k``, ``M``, ``G``) nor its ``B`` for billions, which Plotly mixes
  on one chart (``1,46G`` on a bar beside ``1,5B`` on the axis);
- **other value axes** (:data:`PLAIN_TICKS`) show grouped digits (``150.000`` / ``150,000``);
- **month axes** (:func:`month_axis`) show ``01/2021`` in Vietnamese (Plotly's month names
  are English only) and ``Jan 2021`` in English, one tick every 1, 2, 3, 6 or 12 months;
- every axis gets :data:`AXIS` (margins that grow to fit tick labels and the title, which keeps
  a gap to the tick labels);
- labels of bars are shortened at a word boundary (:func:`shorten`).

Data in, dicts out; no streamlit.
"""
from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

#: Every axis: margins grow to fit tick labels and titles (nothing clipped: a long label is
#: drawn in full and pushes the margin, rather than hidden at the figure's edge), and the title
#: keeps its distance from the tick labels.
AXIS = dict(automargin=True, title_standoff=10, ticklabeloverflow="allow")
#: A value axis without SI suffixes: grouped digits with the layout's separators.
PLAIN_TICKS = dict(tickformat=",")
MINUS = "\u2212"  # the minus sign Plotly writes in ticks

#: compact units, largest first: (divisor, Vietnamese, English)
SCALES = ((1e9, "tỷ", "billion"), (1e6, "triệu", "million"), (1e3, "nghìn", "thousand"))
#: below this a money axis shows whole grouped numbers (5.000), from it a compact unit (10 nghìn)
COMPACT_FROM = 1e4
MONTH_FORMAT = {"vi": "%m/%Y", "en": "%b %Y"}
DAY_FORMAT = {"vi": "%d/%m/%Y", "en": "%b %d, %Y"}


def lang_of(separators: str) -> str:
    """``"vi"`` for the Vietnamese separators ``",."`` (decimal comma), ``"en"`` otherwise."""
    return "vi" if str(separators).startswith(",") else "en"


def number_text(value: float, lang: str, decimals: int = 0) -> str:
    """``value`` with ``decimals`` places and the language's separators; Plotly's minus sign;
    never ``-0``."""
    text = f"{abs(value):,.{decimals}f}"
    if lang == "vi":
        text = text.translate(str.maketrans(",.", ".,"))
    negative = value < 0 and float(text.replace(".", "").replace(",", "") or 0) != 0
    return (MINUS if negative else "") + text


def _finite(values: Iterable) -> np.ndarray:
    array = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").to_numpy(dtype=float)
    return array[np.isfinite(array)]


def scale_of(max_abs: float, lang: str) -> tuple[float, str]:
    """The compact unit for numbers up to ``max_abs``: ``(divisor, word)``; ``(1, "")`` below
    :data:`COMPACT_FROM`."""
    if max_abs >= COMPACT_FROM:
        for divisor, vi, en in SCALES:
            if max_abs >= divisor:
                return divisor, vi if lang == "vi" else en
    return 1.0, ""


def nice_ticks(lo: float, hi: float, count: int = 6) -> list[float]:
    """Round tick values covering ``[lo, hi]``: a step of 1, 2, 2.5 or 5 × 10ᵏ giving about
    ``count`` ticks, from the step below ``lo`` to the step above ``hi``."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(count - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))

    def shown(step: float) -> int:  # ticks inside [lo, hi]
        return math.floor(hi / step + 1e-9) - math.ceil(lo / step - 1e-9) + 1

    # the step whose ticks inside the data come closest to ``count`` (the larger step on a tie)
    steps = [m * power * f for f in (0.1, 1.0, 10.0) for m in (1, 2, 2.5, 5)]
    step = min(steps, key=lambda s: (abs(shown(s) - count), -s))
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [round(k * step, 12) for k in range(first, last + 1)]


def _decimals(values: Iterable[float]) -> int:
    """The fewest decimals (0–8) that write every value exactly."""
    values = list(values)
    for d in range(9):
        if all(abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in values):
            return d
    return 8


def compact_text(value: float, lang: str, scale: tuple[float, str] | None = None) -> str:
    """A number for a label in a compact unit of the language, three significant digits:
    ``1,46 tỷ`` / ``1.46 billion``, ``48 triệu``, ``702 million``, ``0``. ``scale`` (from
    :func:`scale_of`) puts every label of a chart in one unit; by default the value's own."""
    if value is None or not math.isfinite(float(value)):
        return "–"
    value = float(value)
    divisor, word = scale if scale is not None else scale_of(abs(value), lang)
    shown = value / divisor
    if shown == 0:
        return "0"
    decimals = min(2, max(0, 2 - math.floor(math.log10(abs(shown)))))
    text = number_text(shown, lang, decimals)
    if decimals:
        point = "," if lang == "vi" else "."
        text = text.rstrip("0").rstrip(point)
    if text in ("0", MINUS + "0"):
        return "0"
    return f"{text} {word}" if word else text


def money_axis(values: Iterable, lang: str, *, include_zero: bool = True, count: int = 6) -> dict:
    """Axis settings for money: tick values round in one compact unit of the language
    (``0,5 tỷ``, ``1 tỷ``...; ``500 million``...), or grouped whole numbers below
    :data:`COMPACT_FROM`. Without a finite value: grouped digits (:data:`PLAIN_TICKS`)."""
    data = _finite(values)
    if not data.size:
        return dict(PLAIN_TICKS)
    lo, hi = float(data.min()), float(data.max())
    if include_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    ticks = nice_ticks(lo, hi, count)
    if not ticks:
        return dict(PLAIN_TICKS)
    divisor, word = scale_of(max(abs(ticks[0]), abs(ticks[-1])), lang)
    decimals = _decimals(t / divisor for t in ticks)
    texts = []
    for tick in ticks:
        text = number_text(tick / divisor, lang, decimals)
        texts.append("0" if tick == 0 else f"{text} {word}" if word else text)
    return dict(tickmode="array", tickvals=ticks, ticktext=texts)


def money_scale(values: Iterable, lang: str) -> tuple[float, str]:
    """The compact unit :func:`money_axis` chooses for ``values``: labels of the same chart use
    it, so the bars say ``702 triệu`` beside an axis in ``triệu``."""
    data = _finite(values)
    if not data.size:
        return 1.0, ""
    ticks = nice_ticks(min(float(data.min()), 0.0), max(float(data.max()), 0.0))
    return scale_of(max(abs(ticks[0]), abs(ticks[-1])), lang) if ticks else (1.0, "")


def month_axis(months, lang: str) -> dict:
    """A date axis of months: ``01/2021`` (Vietnamese) or ``Jan 2021`` (English), one tick every
    1, 2, 3, 6, 12 or 24 months so that there are at most about twelve."""
    axis = dict(type="date", tickformat=MONTH_FORMAT.get(lang, MONTH_FORMAT["en"]))
    stamps = pd.DatetimeIndex(pd.to_datetime(list(months), errors="coerce")).dropna()
    if len(stamps):
        first, last = stamps.min(), stamps.max()
        span = (last.year - first.year) * 12 + last.month - first.month + 1
        step = next((k for k in (1, 2, 3, 6, 12, 24) if span / k <= 12), 60)
        axis.update(dtick=f"M{step}", tick0=first.strftime("%Y-%m-01"))
    return axis


def day_axis(lang: str) -> dict:
    """A date axis of days (a plan's timeline): ``31/01/2021`` in Vietnamese."""
    return dict(type="date", tickformat=DAY_FORMAT.get(lang, DAY_FORMAT["en"]))


def monthly_gaps(months, *columns) -> tuple[pd.DatetimeIndex, list[np.ndarray]]:
    """Months and their values on a complete monthly calendar from the first to the last month:
    a month missing from ``months`` gets NaN in every column, so a line drawn through the
    result breaks there (Plotly leaves a gap at a missing value) instead of joining the months
    on either side. Duplicate months keep their first value."""
    stamps = pd.DatetimeIndex(pd.to_datetime(list(months))).to_period("M").to_timestamp()
    frames = pd.DataFrame({i: np.asarray(c, dtype=float) for i, c in enumerate(columns)}, index=stamps)
    frames = frames[~frames.index.duplicated(keep="first")].sort_index()
    if len(frames):
        full = pd.date_range(frames.index.min(), frames.index.max(), freq="MS")
        frames = frames.reindex(full)
    return pd.DatetimeIndex(frames.index), [frames[i].to_numpy(dtype=float) for i in range(len(columns))]


def with_gaps(x: pd.DatetimeIndex, y: np.ndarray, keep: np.ndarray, *extra: np.ndarray):
    """The points of ``x`` where ``keep`` holds, with ``None`` (as NaN) in ``y`` (and each array of
    ``extra``) at every month in between that is not kept: ``x`` is a complete monthly calendar
    (:func:`monthly_gaps`), the result runs from the first kept month to the last one."""
    keep = np.asarray(keep, dtype=bool)
    if not keep.any():
        return x[:0], y[:0], *(e[:0] for e in extra)
    idx = np.flatnonzero(keep)
    span = slice(idx[0], idx[-1] + 1)
    inside = keep[span]
    out_y = np.where(inside, y[span], np.nan)
    out_extra = tuple(np.where(inside, e[span], np.nan) for e in extra)
    return x[span], out_y, *out_extra


def shorten(text, limit: int = 28) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters with ``…`` (a single long
    word is cut inside)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and cut.rfind(" ") >= limit // 2:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" -–,;:") + "…"
