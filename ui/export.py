"""The report's charts as static files: PNG, SVG and one PDF, through kaleido and the machine's Chromium.

:func:`report_figures` builds the main charts of a scenario with the ``figures.*`` builders from
:func:`results.summary.scenario_summary` data; :func:`render_figures` renders them as 16:9 slides
(:func:`figures.slides.slide`); :func:`charts_zip` packs, for one download, a PNG and an SVG of
every chart and ``charts_{lang}.pdf`` with one chart per 16:9 page (kaleido writes a PDF per
chart, pypdf joins them).

Kaleido 1.x drives a Chromium already on the machine (Debian's ``/usr/bin/chromium``); nothing is
ever downloaded. **Every export is its own request**: it starts its own browser, renders its
charts and closes the browser, within a time limit (:data:`EXPORT_TIMEOUT_S`). A slow or failed
export affects only that download — the zip then holds a note saying why, in both languages —
and the next request tries again; nothing is remembered between requests (no process-wide
"export is off" switch, no shared kaleido server whose result queue could hand one user's image
to another). At most :data:`MAX_EXPORTS` browsers render at once; a request that waits longer
than :data:`QUEUE_WAIT_S` for its turn is told that the server is busy.
"""
from __future__ import annotations

import asyncio
import io
import logging
import math
import re
import threading
import time
import zipfile

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from results.summary import scenario_summary
from figures.finance import cashflow_chart, financing_chart
from figures.inventory import pareto_chart, scope_mix_sunburst
from figures.measures import macc_chart, wedge_chart
from figures.mv import cumulative_savings_chart
from figures.slides import HEIGHT, PNG_SCALE, WIDTH, slide
from figures.targets import target_path_figure
from views.format import plotly_separators
from ui.i18n import TEXT, t
from ui.labels import category_label

log = logging.getLogger(__name__)

FORMATS = ("png", "svg", "pdf")
#: the time one export (all its charts in every format) may take, and kaleido's limit per image
EXPORT_TIMEOUT_S, FIGURE_TIMEOUT_S = 90.0, 60.0
#: browsers rendering at once in this process, and how long a request waits for its turn
MAX_EXPORTS, QUEUE_WAIT_S = 2, 30.0
#: browser tabs of one export (more do not help on two cores: 24 images take as long with 2 or 3)
TABS = 1
#: Options of kaleido's browser: no MathJax (the charts have no LaTeX; by default kaleido's page
#: loads it from a CDN, which costs a request per chart and, offline, stalls one render in ten
#: by about 5 s while the page load waits for it).
KALEIDO_OPTIONS = {"mathjax": False}

_slots = threading.BoundedSemaphore(MAX_EXPORTS)

TEXTS = {
    "measures": ("Các giải pháp", "The measures"),
    "cashflow": ("Dòng tiền theo năm – toàn bộ danh mục", "Cash flow by year – whole portfolio"),
    "scope": ("Phạm vi {s}", "Scope {s}"),
}


#: report keys whose text is the app's own (one wording on screen and in the handout)
APP_TEXT = {
    "mix": "inv.mix",
    "other_sources": "inv.other_sources",
    "pareto": "inv.pareto",
    "cumulative_pct": "inv.cumulative",
    "path": "tgt.path",
    "bau": "tgt.bau",
    "wedge": "ms.wedge",
    "with_measures": "ms.with_measures",
    "target": "ms.target_line",
    "macc": "ms.macc",
    "macc_x": "ms.macc_x",
    "macc_y": "ms.macc_y",
    "cumulative": "fin.cumulative",
    "payback": "fin.payback",
    "options": "fin.options_chart",
    "upfront": "fin.upfront",
    "mv_cumulative": "mv.cumulative",
}


def _t(key: str, lang: str, **kw) -> str:
    if key in APP_TEXT or key.startswith("option."):
        return t(APP_TEXT.get(key, "fin." + key), lang, **kw)
    vi, en = TEXTS[key]
    text = vi if lang == "vi" else en
    return text.format(**kw) if kw else text


def _option_label(option: str, lang: str) -> str:
    """A financing option's label from the app's texts (``Vốn chủ sở hữu``, never ``cash``)."""
    key = f"fin.option.{option}"
    return t(key, lang) if key in TEXT else str(option).replace("_", " ")


def _label_num(value: float, lang: str, decimals: int) -> str:
    """A number inside a chart label with the language's separators."""
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


# -- the summary ----------------------------------------------------------------------------------

def _summary(scenario) -> dict:
    """Everything the report shows, from :func:`results.summary.scenario_summary` (computed once)."""
    return scenario_summary(scenario)


# -- the figures ----------------------------------------------------------------------------------

def _finite(value) -> bool:
    return value is not None and isinstance(value, (int, float)) and math.isfinite(value)


def _measure_label(measure_id, name) -> str:
    """A MACC bar's label: the measure's name (the builder shortens it at a word), its id when it
    has none."""
    text = "" if name is None or (isinstance(name, float) and math.isnan(name)) else " ".join(str(name).split())
    return text or str(measure_id)


def report_figures(scenario, lang: str = "vi", *, summary: dict | None = None) -> dict[str, go.Figure]:
    """The report's main charts, titles and number separators in ``lang``.

    Keys, in this order, each present only when the scenario has the data: ``inventory_mix``,
    ``inventory_pareto``, ``target_path``, ``portfolio_wedges``, ``macc``, ``cashflow``,
    ``financing``, ``mv_cumulative``. ``summary`` (:func:`results.summary.scenario_summary` of the
    scenario) saves computing it again when the caller has it.
    """
    lang = "en" if lang == "en" else "vi"
    summary = summary if summary is not None else _summary(scenario)
    seps, unit = plotly_separators(lang), "tCO2e"
    currency = summary["company"].get("currency") or "VND"
    figs: dict[str, go.Figure] = {}

    sources = pd.DataFrame(summary["inventory"]["sources"],
                           columns=["scope", "category", "source", "tco2e", "share_pct"])
    sources["tco2e"] = pd.to_numeric(sources["tco2e"], errors="coerce")
    if (sources["tco2e"] > 0).any():
        scope = sources["scope"].map(lambda s: "" if s is None or pd.isna(s) else str(int(s)))
        frame = pd.DataFrame({
            "scope": scope, "scope_label": [_t("scope", lang, s=s) for s in scope],
            "category_label": [category_label(c, lang) for c in sources["category"]],
            "source_label": sources["source"].fillna("").astype(str), "tco2e": sources["tco2e"].fillna(0.0)})
        figs["inventory_mix"] = scope_mix_sunburst(frame, title=_t("mix", lang), separators=seps, unit=unit,
                                                      other_label=_t("other_sources", lang, n="{n}"))
        top = pd.DataFrame(summary["inventory"]["pareto"])
        top["label"] = top["source"].fillna("").astype(str)
        figs["inventory_pareto"] = pareto_chart(top, title=_t("pareto", lang), separators=seps, unit=unit,
                                                other_label=_t("other_sources", lang, n="{n}"),
                                                cumulative_label=_t("cumulative_pct", lang))

    main = next((t for t in summary["targets"] if t["split_of"] is None), None)
    if main is not None and main["path"]:
        path = pd.DataFrame(main["path"])
        lines = path.pivot(index="year", columns="scope", values="tco2e")
        lines = lines[list(dict.fromkeys(path["scope"]))].astype(float)
        bau = pd.Series({r["year"]: r["tco2e"] for r in main["bau"]}, dtype=float)
        figs["target_path"] = target_path_figure(
            lines, {k: _t("scope", lang, s=k) for k in lines.columns}, title=_t("path", lang), separators=seps,
            unit=unit, bau=bau if len(bau) else None, bau_label=_t("bau", lang))

    measures, portfolio = summary["measures"], summary.get("portfolio")
    if measures and portfolio is not None:
        years = pd.Index(portfolio["years"], name="year")
        col = lambda key: pd.Series([portfolio[key][str(y)] for y in years], index=years, dtype=float)  # noqa: E731
        target = col("target_tco2e")
        figs["portfolio_wedges"] = wedge_chart(
            col("bau_tco2e"), col("with_measures_tco2e"),
            pd.DataFrame({_t("measures", lang): col("reduction_tco2e")}),
            target=target if target.notna().any() else None,
            labels={"bau": _t("bau", lang), "with_measures": _t("with_measures", lang),
                    "target": _t("target", lang)},
            title=_t("wedge", lang), separators=seps, unit=unit)
    if measures:
        macc = pd.DataFrame(summary["macc"], columns=["id", "name", "tco2e_per_year", "cost_per_tco2e",
                                                       "cumulative_tco2e"])
        if len(macc):
            names = [_measure_label(i, n) for i, n in zip(macc["id"], macc["name"])]
            figs["macc"] = macc_chart(macc.assign(label=names), title=_t("macc", lang), separators=seps,
                                      x_title=_t("macc_x", lang), y_title=_t("macc_y", lang, cur=currency))
    finance = summary.get("finance")
    if measures and finance and finance.get("cashflows"):
        payback = finance.get("simple_payback_years")
        figs["cashflow"] = cashflow_chart(
            [v if _finite(v) else 0.0 for v in finance["cashflows"]], title=_t("cashflow", lang), separators=seps,
            currency=currency, cumulative_label=_t("cumulative", lang),
            payback_years=payback if _finite(payback) else None,
            payback_label=_t("payback", lang, y=_label_num(payback, lang, 2)) if _finite(payback) else "")
    options = summary.get("financing") or []
    if measures and options:
        frame = pd.DataFrame({
            "label": [_option_label(o["option"], lang) for o in options],
            "customer_net_cost": [o["customer_net_cost"] for o in options], "npv": [o["npv"] for o in options]})
        figs["financing"] = financing_chart(frame.astype({"customer_net_cost": float, "npv": float}),
                                            title=_t("options", lang), separators=seps, currency=currency,
                                            cost_label=_t("upfront", lang), npv_label="NPV")

    mv = summary.get("mv") or {}
    avoided = mv.get("avoided_energy")
    if avoided and avoided["months"]:
        units = scenario.table("Metering")["unit"].dropna()
        values = np.array([v if _finite(v) else np.nan for v in avoided["by_month"]], dtype=float)
        # the running total of the months with a value; a month without one is a gap in the line
        cumulative = np.where(np.isfinite(values), np.nancumsum(values), np.nan)
        figs["mv_cumulative"] = cumulative_savings_chart(
            pd.to_datetime(avoided["months"], format="%Y-%m"), cumulative,
            title=_t("mv_cumulative", lang), separators=seps, unit=str(units.iloc[0]) if len(units) else "")
    return figs


# -- rendering ------------------------------------------------------------------------------------

class ExportFailed(RuntimeError):
    """This request's export did not finish; ``reason`` is ``"no_browser"``, ``"timeout"``,
    ``"busy"`` or ``"failed"`` (:data:`FAILURE_NOTES` says it to the user)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def _opts(fig: go.Figure, fmt: str) -> dict:
    return {"format": fmt, "width": fig.layout.width or WIDTH, "height": fig.layout.height or HEIGHT,
            "scale": PNG_SCALE if fmt == "png" else 1}


async def _render(jobs: list[tuple[go.Figure, dict]]) -> list[bytes]:
    """Every job (figure, kaleido options) rendered by one browser of this request, which is
    closed at the end, also when the request is cancelled by its time limit."""
    import kaleido

    async with kaleido.Kaleido(n=TABS, timeout=FIGURE_TIMEOUT_S, **KALEIDO_OPTIONS) as k:
        return list(await asyncio.gather(*(k.calc_fig(fig, opts=opts) for fig, opts in jobs)))


def _run_render(jobs: list[tuple[go.Figure, dict]], timeout: float) -> list[bytes]:
    """:func:`_render` in a thread of its own (with its own event loop, whatever the caller's
    thread runs) and within ``timeout`` seconds; raises :class:`ExportFailed`."""
    box: dict = {}

    def run():
        try:
            box["value"] = asyncio.run(asyncio.wait_for(_render(jobs), timeout))
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True, name="chart-export")
    thread.start()
    thread.join(timeout + 15.0)  # the cancelled render closes its browser within this margin
    if thread.is_alive() or isinstance(box.get("error"), (TimeoutError, asyncio.TimeoutError)):
        raise ExportFailed("timeout", f"the charts were not rendered within {timeout:.0f} s")
    error = box.get("error")
    if error is not None:
        name = type(error).__name__
        if isinstance(error, FileNotFoundError) or "NotFound" in name or "BrowserFailed" in name:
            raise ExportFailed("no_browser", f"{name}: {error}") from error
        raise ExportFailed("failed", f"{name}: {error}") from error
    return box["value"]


def render_figures(figures: dict[str, go.Figure], formats=FORMATS, *,
                   timeout: float | None = None) -> dict[str, dict[str, bytes]]:
    """Each figure as a 16:9 slide (:func:`figures.slides.slide`) in each of ``formats``:
    ``{name: {fmt: bytes}}``, in the order of ``figures``.

    One browser for this call only, closed at the end; the whole call must finish within
    ``timeout`` seconds (:data:`EXPORT_TIMEOUT_S` by default).

    Raises
    ------
    ValueError
        For a format other than PNG, SVG or PDF.
    ExportFailed
        When no browser is usable, the time ran out, the server is busy with other exports, or
        the browser failed: this request only; the next call tries again from scratch.
    """
    formats = tuple(formats)
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"formats must be among {FORMATS}, not {bad!r}")
    if not figures or not formats:
        return {name: {} for name in figures}
    slides = {name: slide(fig) for name, fig in figures.items()}
    jobs = [(name, fmt) for name in slides for fmt in formats]
    if not _slots.acquire(timeout=QUEUE_WAIT_S):
        raise ExportFailed("busy", f"{MAX_EXPORTS} exports already running")
    try:
        started = time.perf_counter()
        data = _run_render([(slides[name], _opts(slides[name], fmt)) for name, fmt in jobs],
                           EXPORT_TIMEOUT_S if timeout is None else timeout)
        log.info("rendered %d charts × %d formats in %.1f s", len(slides), len(formats),
                 time.perf_counter() - started)
    finally:
        _slots.release()
    out: dict[str, dict[str, bytes]] = {name: {} for name in slides}
    for (name, fmt), blob in zip(jobs, data):
        out[name][fmt] = blob
    return out


def export_figures(figures: dict[str, go.Figure], fmt: str = "png") -> dict[str, bytes] | None:
    """Each figure as PNG, SVG or PDF bytes of a 16:9 slide (same keys), or ``None`` when this
    request's export failed (no browser, too slow, busy: see :func:`render_figures`); the next
    call tries again.

    Raises
    ------
    ValueError
        For another format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    try:
        return {name: files[fmt] for name, files in render_figures(figures, (fmt,)).items()}
    except ExportFailed as exc:
        log.warning("static chart export failed for this request: %s", exc)
        return None


def merge_pdfs(pages: list[bytes]) -> bytes:
    """One PDF of the given one-page PDFs, in order (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in pages:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _stem(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", str(name)).strip("_") or "figure"


def _extension(data: bytes) -> str:
    head = data[:256].lstrip()
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:2048]):
        return "svg"
    return "bin"


def zip_figures(figures_bytes: dict[str, bytes | dict[str, bytes]], *, pdf: bytes | None = None,
                pdf_name: str = "charts.pdf") -> bytes:
    """A zip of the exported files, numbered in the given order (``01_inventory_mix.png``,
    ``01_inventory_mix.svg``...); the extension follows the bytes (PNG, SVG or PDF). A value may
    be one file or ``{fmt: bytes}`` (every format of one chart); ``pdf`` is added as
    ``pdf_name``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, files) in enumerate(figures_bytes.items(), start=1):
            for data in (files.values() if isinstance(files, dict) else (files,)):
                zf.writestr(f"{i:02d}_{_stem(name)}.{_extension(data)}", data)
        if pdf is not None:
            zf.writestr(pdf_name, pdf)
    return out.getvalue()


#: Why a zip holds no charts, in both languages, by :attr:`ExportFailed.reason`.
FAILURE_NOTES = {
    "no_browser": (
        "Không xuất được hình vì máy chủ không có trình duyệt Chromium (cần cho kaleido). "
        "Cài gói 'chromium' (Debian) rồi thử lại; báo cáo Excel vẫn có biểu đồ gốc của Excel.\n"
        "The charts could not be exported: the server has no Chromium browser (kaleido needs it). "
        "Install the 'chromium' package (Debian) and try again; the Excel report still has native charts.\n"),
    "timeout": (
        "Xuất hình mất quá {s} giây nên đã dừng (chỉ lần tải này). Hãy thử lại; với kịch bản rất lớn, "
        "báo cáo Excel vẫn có biểu đồ gốc của Excel.\n"
        "Exporting the charts took longer than {s} seconds and was stopped (this download only). "
        "Please try again; for a very large scenario the Excel report still has native charts.\n"),
    "busy": (
        "Máy chủ đang xuất hình cho người dùng khác. Vui lòng thử lại sau ít phút.\n"
        "The server is exporting charts for other users. Please try again in a minute.\n"),
    "failed": (
        "Trình duyệt gặp lỗi khi xuất hình (chỉ lần tải này). Hãy thử lại; báo cáo Excel vẫn có biểu đồ gốc.\n"
        "The browser failed while exporting the charts (this download only). Please try again; "
        "the Excel report still has native charts.\n"),
}
NO_BROWSER_NOTE = FAILURE_NOTES["no_browser"]


def _note_zip(reason: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        name = "README_no_browser.txt" if reason == "no_browser" else "README_charts_not_exported.txt"
        archive.writestr(name, FAILURE_NOTES.get(reason, FAILURE_NOTES["failed"]).format(s=f"{EXPORT_TIMEOUT_S:.0f}"))
    return out.getvalue()


def charts_zip(scenario, lang: str) -> bytes:
    """The report's charts as 16:9 slides: for every chart a PNG and an SVG, and
    ``charts_{lang}.pdf`` with every chart on a page of its own, in the same order. When this
    request's export fails (no browser, too slow, busy), a zip holding a note that says why, in
    both languages — the app keeps working, and the next download tries again."""
    lang = "en" if lang == "en" else "vi"
    figures = report_figures(scenario, lang)
    try:
        files = render_figures(figures, FORMATS)
    except ExportFailed as exc:
        log.warning("static chart export failed for this request: %s", exc)
        return _note_zip(exc.reason)
    pdf = merge_pdfs([f["pdf"] for f in files.values()]) if files else None
    return zip_figures({name: {fmt: f[fmt] for fmt in ("png", "svg")} for name, f in files.items()},
                       pdf=pdf, pdf_name=f"charts_{lang}.pdf")
