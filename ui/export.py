"""The report's charts as static files: PNG or PDF through kaleido and the machine's Chromium.

:func:`report_figures` builds the main charts of a scenario with the ``figures.*`` builders from
:func:`results.summary.scenario_summary` data; :func:`export_figures` renders them; :func:`zip_figures`
packs the files for one download.

Kaleido 1.x drives a Chromium already on the machine (Debian's ``/usr/bin/chromium``); nothing is
ever downloaded. When no browser is usable :func:`export_figures` returns ``None`` and the caller
offers the Excel report only. The module keeps two process-wide things and no user data: whether
the browser works (found out once, by trying) and a lock, because kaleido's sync server is a
singleton whose single result queue would hand one user's image to another if two sessions
rendered at the same time.
"""
from __future__ import annotations

import asyncio
import io
import logging
import math
import re
import threading
import zipfile

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from results.summary import scenario_summary
from figures.finance import cashflow_chart, financing_chart
from figures.inventory import pareto_chart, scope_mix_sunburst
from figures.measures import macc_chart, wedge_chart
from figures.mv import cumulative_savings_chart
from figures.targets import target_path_figure
from views.format import plotly_separators
from ui.i18n import t
from ui.labels import category_label

log = logging.getLogger(__name__)

FORMATS = ("png", "pdf")
WIDTH, HEIGHT, PNG_SCALE = 1000, 500, 2
PROBE_TIMEOUT_S, FIGURE_TIMEOUT_S = 60.0, 60.0
#: Options of kaleido's browser: no MathJax (the charts have no LaTeX; by default kaleido's page
#: loads it from a CDN, which costs a request per chart and, offline, stalls one render in ten
#: by about 5 s while the page load waits for it).
KALEIDO_OPTIONS = {"mathjax": False}

#: None until the first export tries the browser, then True or False for the process's life.
_browser_usable: bool | None = None
_lock = threading.Lock()

TEXTS = {
    "measures": ("Các giải pháp", "The measures"),
    "cashflow": ("Dòng tiền theo năm – toàn bộ danh mục", "Cash flow by year – whole portfolio"),
    "scope": ("Phạm vi {s}", "Scope {s}"),
}


#: report keys whose text is the app's own (one wording on screen and in the handout)
APP_TEXT = {
    "mix": "inv.mix",
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
        figs["inventory_mix"] = scope_mix_sunburst(frame, title=_t("mix", lang), separators=seps, unit=unit)
        top = pd.DataFrame(summary["inventory"]["pareto"])
        top["label"] = top["source"].fillna("").astype(str)
        figs["inventory_pareto"] = pareto_chart(top, title=_t("pareto", lang), separators=seps, unit=unit,
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
            figs["macc"] = macc_chart(macc.assign(label=macc["id"]), title=_t("macc", lang), separators=seps,
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
            "label": [_t(f"option.{o['option']}", lang) if f"option.{o['option']}" in TEXTS else o["option"]
                      for o in options],
            "customer_net_cost": [o["customer_net_cost"] for o in options], "npv": [o["npv"] for o in options]})
        figs["financing"] = financing_chart(frame.astype({"customer_net_cost": float, "npv": float}),
                                            title=_t("options", lang), separators=seps, currency=currency,
                                            cost_label=_t("upfront", lang), npv_label="NPV")

    mv = summary.get("mv") or {}
    avoided = mv.get("avoided_energy")
    if avoided and avoided["months"]:
        units = scenario.table("Metering")["unit"].dropna()
        values = np.array([v if _finite(v) else np.nan for v in avoided["by_month"]], dtype=float)
        figs["mv_cumulative"] = cumulative_savings_chart(
            pd.to_datetime(avoided["months"], format="%Y-%m"), np.nancumsum(values),
            title=_t("mv_cumulative", lang), separators=seps, unit=str(units.iloc[0]) if len(units) else "")
    return figs


# -- rendering ------------------------------------------------------------------------------------

def _in_thread(fn, timeout: float):
    """``fn()`` in a daemon thread (its own event loop, whatever the caller's thread runs) with a
    time limit: a browser that hangs must not hang the app."""
    box: dict = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError(f"no answer from the browser within {timeout:.0f} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def _probe() -> None:
    """Render a tiny figure with a browser of its own (not the shared server, which would wait
    for ever on a browser that never started); raises when no browser is usable."""
    import kaleido

    fig = go.Figure(go.Bar(x=[1], y=[1]))
    opts = {"format": "png", "width": 50, "height": 50}
    data = _in_thread(lambda: asyncio.run(kaleido.calc_fig(fig, opts, kopts=dict(KALEIDO_OPTIONS))),
                      PROBE_TIMEOUT_S)
    if not data.startswith(b"\x89PNG"):
        raise RuntimeError("the browser returned no PNG")


def _browser_ready() -> bool:
    """Whether kaleido has a usable browser; the first call finds out and starts the sync server.
    Call with ``_lock`` held."""
    global _browser_usable
    if _browser_usable is None:
        try:
            _probe()
            _browser_usable = True
        except Exception as exc:  # noqa: BLE001 - any failure means "no static export here"
            log.warning("static chart export unavailable: %s", exc)
            _browser_usable = False
    if _browser_usable:
        import kaleido

        kaleido.start_sync_server(**KALEIDO_OPTIONS, silence_warnings=True)  # no-op while it runs
    return _browser_usable


def _opts(fig: go.Figure, fmt: str) -> dict:
    return {"format": fmt, "width": fig.layout.width or WIDTH, "height": fig.layout.height or HEIGHT,
            "scale": PNG_SCALE if fmt == "png" else 1}


def export_figures(figures: dict[str, go.Figure], fmt: str = "png") -> dict[str, bytes] | None:
    """Each figure as PNG or PDF bytes (same keys), or ``None`` when no browser is usable.

    Parameters
    ----------
    figures : dict
        Name → figure (e.g. :func:`report_figures`).
    fmt : str
        ``"png"`` (twice the figure's size, for print) or ``"pdf"`` (vector).

    Raises
    ------
    ValueError
        For another format.
    """
    global _browser_usable
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    if not figures:
        return {}
    with _lock:
        if not _browser_ready():
            return None
        import kaleido  # importable: _browser_ready used it

        out = {}
        for name, fig in figures.items():
            try:
                out[name] = _in_thread(lambda f=fig: kaleido.calc_fig_sync(f, opts=_opts(f, fmt)), FIGURE_TIMEOUT_S)
            except TimeoutError as exc:
                log.warning("static chart export stopped: %s", exc)
                _browser_usable = False  # the server is stuck; do not queue more work behind it
                return None
            except Exception:
                try:  # a broken browser, or a broken figure?
                    _probe()
                except Exception as exc:  # noqa: BLE001
                    log.warning("static chart export stopped: %s", exc)
                    _browser_usable = False
                    kaleido.stop_sync_server(silence_warnings=True)
                    return None
                raise
        return out


def zip_figures(figures_bytes: dict[str, bytes]) -> bytes:
    """A zip of the exported files, numbered in the given order (``01_inventory_mix.png``...);
    the extension follows the bytes (PNG or PDF)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, data) in enumerate(figures_bytes.items(), start=1):
            ext = "png" if data.startswith(b"\x89PNG") else "pdf" if data.startswith(b"%PDF") else "bin"
            stem = re.sub(r"[^A-Za-z0-9_-]+", "_", str(name)).strip("_") or "figure"
            zf.writestr(f"{i:02d}_{stem}.{ext}", data)
    return out.getvalue()


NO_BROWSER_NOTE = (
    "Không xuất được hình vì máy chủ không có trình duyệt Chromium (cần cho kaleido). "
    "Cài gói 'chromium' (Debian) rồi thử lại; báo cáo Excel vẫn có biểu đồ gốc của Excel.\n"
    "The charts could not be exported: the server has no Chromium browser (kaleido needs it). "
    "Install the 'chromium' package (Debian) and try again; the Excel report still has native charts.\n"
)


def charts_zip(scenario, lang: str, fmt: str = "png") -> bytes:
    """The report's charts as a zip of PNG (or PDF) files; without a browser, a zip holding a
    note that says why (in both languages) — the app keeps working either way."""
    images = export_figures(report_figures(scenario, lang), fmt)
    if images:
        return zip_figures(images)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README_no_browser.txt", NO_BROWSER_NOTE)
    return out.getvalue()
