"""Slide-ready charts (issue 14) and exports per request (issue 16).

The Pareto draws a source of one name at two sites as two bars; the MACC labels its bars with
the measures' names; M&V lines break at a missing month; Vietnamese charts carry no English axis
title and no SI suffix (money in nghìn/triệu/tỷ, months as 01/2023); the charts download holds a
PNG and an SVG of every chart and one PDF with a 16:9 page per chart, nothing clipped; a failed or
slow export affects only its own request. Expected values come from the inputs written here.
"""
from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from calc.inventory import pareto
from figures.axes import money_axis, month_axis, shorten
from figures.finance import cashflow_chart, financing_chart
from figures.inventory import pareto_chart
from figures.measures import MACC_LABEL_CHARS, macc_chart
from figures.mv import baseline_chart, cumulative_savings_chart
from figures.slides import HEIGHT, PNG_SCALE, WIDTH, slide
from paths import SAMPLES
from ui import export
from ui.export import report_figures
from ui.i18n import t
from workbook.read import read_scenario

CHROMIUM = Path("/usr/bin/chromium")
VI, EN = ",.", ".,"
#: English in a Vietnamese axis title or label (units such as tCO2e, kWh, VND, NPV are allowed)
ENGLISH = re.compile(r"/yr\b|\b(yr|year|years|per|cost|cumulative|savings?|emissions?|reduction|"
                     r"measured|baseline|cash|loan|upfront)\b", re.IGNORECASE)
#: a tick text or label with an SI suffix (1,46G, 1.5B, 150k, 2M)
SI_TEXT = re.compile(r"\d\s?[kMGTB]$")
#: a d3 format of the SI kind (",.3s", "~s") and a template using one
SI_FORMAT = re.compile(r"s$")
SI_TEMPLATE = re.compile(r"%\{[^}:]*:[^}]*s\}")


@pytest.fixture(scope="module")
def sample_vi():
    return read_scenario(SAMPLES / "sample_factory_vi.xlsx").scenario


@pytest.fixture(scope="module")
def sample_en():
    return read_scenario(SAMPLES / "sample_factory_en.xlsx").scenario


# -- Pareto by source and site ------------------------------------------------------------------

def _rows() -> pd.DataFrame:
    """Activity rows: "Điện lưới" at two sites (the larger at B), LPG at A."""
    rows = pd.DataFrame({"site": ["Nhà máy A", "Nhà máy B", "Nhà máy A"],
                         "scope": [2, 2, 1], "category": ["electricity", "electricity", "stationary"],
                         "source": ["Điện lưới", "Điện lưới", "LPG cho canteen"],
                         "tco2e": [600.0, 900.0, 500.0]})
    rows["share_pct"] = rows["tco2e"] / rows["tco2e"].sum() * 100
    return rows


def test_pareto_of_a_source_at_two_sites_has_two_bars_and_a_rising_line():
    top = pareto(_rows())
    assert list(top["site"]) == ["Nhà máy B", "Nhà máy A", "Nhà máy A"]  # the calc keeps the site
    fig = pareto_chart(top.assign(label=top["source"]), title="Pareto", separators=VI, unit="tCO2e",
                       cumulative_label="Lũy kế %", other_label="{n} nguồn khác")
    bars, line = fig.data[0], fig.data[1]
    assert len(bars.x) == 3 and len(set(bars.x)) == 3  # each row its own bar, never stacked
    assert list(bars.y) == pytest.approx([900.0, 600.0, 500.0])
    # the line's points sit on the bars, in order, and only rise
    assert list(line.x) == list(bars.x)
    assert list(line.y) == pytest.approx([45.0, 75.0, 100.0])
    assert all(b > a for a, b in zip(line.y, line.y[1:]))
    # with several sites each bar says which
    assert list(fig.layout.xaxis.ticktext) == ["Điện lưới – Nhà máy B", "Điện lưới – Nhà máy A",
                                               "LPG cho canteen – Nhà máy A"]
    assert list(fig.layout.xaxis.tickvals) == list(bars.x)


def test_pareto_of_one_site_does_not_repeat_the_site():
    rows = _rows().assign(site="Nhà máy A")
    top = pareto(rows)
    fig = pareto_chart(top.assign(label=top["source"]), title="Pareto", separators=VI, unit="tCO2e",
                       cumulative_label="Lũy kế %", other_label="{n} nguồn khác")
    assert list(fig.layout.xaxis.ticktext) == ["Điện lưới", "Điện lưới", "LPG cho canteen"]
    assert len(set(fig.data[0].x)) == 3


def test_pareto_threshold_line_spans_the_plot_not_the_second_axis():
    top = pareto(_rows())
    fig = pareto_chart(top.assign(label=top["source"]), title="P", separators=EN, unit="tCO2e",
                       cumulative_label="Cumulative %", other_label="{n} other sources")
    [line] = [s for s in fig.layout.shapes if s.type == "line"]
    assert line.yref == "y2" and line.y0 == line.y1 == 80
    assert line.xref == "x domain" and (line.x0, line.x1) == (0, 1)


# -- MACC labels --------------------------------------------------------------------------------

MACC = pd.DataFrame({
    "label": ["Khắc phục rò rỉ khí nén", "Thay đèn huỳnh quang 40 W bằng đèn LED 20 W", "Biến tần cho quạt hút",
              "Pin mặt trời áp mái 500 kWp"],
    "tco2e_per_year": [112.6, 37.1, 60.0, 300.0],
    "cost_per_tco2e": [-1.93e6, -8.44e5, 1.5e5, 9.0e5],
})


def test_macc_bars_carry_the_measures_names_shortened():
    fig = macc_chart(MACC, title="MACC", separators=VI, x_title="Giảm phát thải lũy kế (tCO2e/năm)",
                     y_title="Chi phí (VND/tCO2e)")
    bar = fig.data[0]
    assert list(bar.text) == [shorten(n, MACC_LABEL_CHARS) for n in MACC["label"]]
    assert all(bar.text) and all(len(text) <= MACC_LABEL_CHARS for text in bar.text)
    assert bar.text[1] == "Thay đèn huỳnh quang 40…"  # cut at a word, marked
    assert bar.textposition == "outside"
    # the hover keeps every name in full
    assert [row[0] for row in bar.customdata] == list(MACC["label"])
    # the cost axis in triệu, never 0,5M
    assert fig.layout.yaxis.ticktext and all("triệu" in x or x == "0" for x in fig.layout.yaxis.ticktext)


def test_report_macc_is_labelled_with_names(sample_vi):
    fig = report_figures(sample_vi, "vi")["macc"]
    assert "Khắc phục rò rỉ khí nén" in fig.data[0].text
    assert all(fig.data[0].text)


# -- gaps stay gaps -----------------------------------------------------------------------------

MONTHS = list(pd.date_range("2023-01-01", periods=8, freq="MS"))
GAPPY = [m for i, m in enumerate(MONTHS) if i != 3]  # April 2023 has no row


def test_baseline_lines_break_at_a_missing_month():
    n = len(GAPPY)
    measured = np.linspace(1000, 1070, n)
    period = ["baseline"] * n
    fig = baseline_chart(GAPPY, measured, measured + 5, [np.nan] * n, period=period,
                         labels={"measured": "Đo được", "baseline": "Mô hình"}, title="t", separators=VI,
                         unit="kWh")
    for trace in fig.data[:2]:
        x = list(pd.to_datetime(list(trace.x)))
        assert x == MONTHS  # every month from the first to the last, April included
        assert trace.y[3] is None or np.isnan(trace.y[3])  # None there: the line breaks
        assert np.isfinite(np.asarray(trace.y, dtype=float)[[0, 1, 2, 4, 5, 6, 7]]).all()
    assert fig.data[0].connectgaps in (None, False)


def test_cumulative_savings_break_at_a_missing_month_and_a_missing_value():
    values = np.array([10.0, 20.0, 30.0, np.nan, 50.0, 60.0, 70.0])
    fig = cumulative_savings_chart(GAPPY, values, title="t", separators=VI, unit="kWh")
    trace = fig.data[0]
    assert list(pd.to_datetime(list(trace.x))) == MONTHS
    y = np.asarray(trace.y, dtype=float)
    assert np.isnan(y[3]) and np.isnan(y[4])  # April has no row, May no value
    assert y[[0, 1, 2, 5, 6, 7]] == pytest.approx([10, 20, 30, 50, 60, 70])


# -- the user's language on every axis ------------------------------------------------------------

def _axes(fig: dict) -> dict[str, dict]:
    return {k: v for k, v in fig.get("layout", {}).items() if re.fullmatch(r"[xy]axis\d*", k)}


def _title(axis: dict) -> str:
    title = axis.get("title")
    return (title.get("text") if isinstance(title, dict) else title) or ""


def _numeric_axes(fig: dict) -> dict[str, float]:
    """Axis name → largest absolute value drawn on it, for axes with numbers (not dates or labels)."""
    out: dict[str, float] = {}
    for trace in fig.get("data", []):
        if trace.get("type") not in ("bar", "scatter"):
            continue
        for letter in ("x", "y"):
            ref = trace.get(f"{letter}axis", letter)
            name = f"{letter}axis{ref[1:]}"
            values = trace.get(letter)
            if isinstance(values, dict) or values is None:
                continue
            nums = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
            if nums and len(nums) == len([v for v in values if v is not None]):
                finite = [abs(v) for v in nums if np.isfinite(v)]
                out[name] = max(out.get(name, 0.0), max(finite, default=0.0))
    return out


def language_problems(fig: go.Figure, lang: str) -> list[str]:
    """English axis titles in Vietnamese, SI tick formats and SI labels."""
    spec = fig.to_plotly_json()
    problems = []
    axes = _axes(spec)
    for name, axis in axes.items():
        if lang == "vi" and ENGLISH.search(_title(axis)):
            problems.append(f"{name} title: {_title(axis)}")
        if SI_FORMAT.search(str(axis.get("tickformat") or "")):
            problems.append(f"{name} tickformat {axis['tickformat']}")
        problems += [f"{name} tick {x}" for x in axis.get("ticktext") or () if SI_TEXT.search(str(x))]
        if axis.get("type") == "date" and lang == "vi" and "%b" in str(axis.get("tickformat", "%b")):
            problems.append(f"{name}: English month names")
    for name, biggest in _numeric_axes(spec).items():
        axis = axes.get(name, {})
        if axis.get("type") == "date" or biggest < 5000:
            continue  # years and small numbers never get a suffix
        if not axis.get("ticktext") and not axis.get("tickformat"):
            problems.append(f"{name}: Plotly's own SI ticks (max {biggest:.0f})")
    for trace in spec.get("data", []):
        if SI_TEMPLATE.search(str(trace.get("texttemplate") or "")):
            problems.append(f"text template {trace['texttemplate']}")
        texts = trace.get("text")
        if isinstance(texts, (list, tuple)):
            problems += [f"label {x}" for x in texts if isinstance(x, str) and SI_TEXT.search(x)]
        if lang == "vi" and trace.get("type") == "bar" and isinstance(trace.get("x"), (list, tuple)):
            problems += [f"bar {x}" for x in trace["x"] if isinstance(x, str) and ENGLISH.search(x)]
    return problems


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_charts_speak_the_language_without_si_suffixes(lang, sample_vi, sample_en):
    figs = report_figures(sample_vi if lang == "vi" else sample_en, lang)
    problems = [f"{key}: {p}" for key, fig in figs.items() for p in language_problems(fig, lang)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_money_axes_use_words_of_the_language(lang):
    words = {"vi": ("nghìn", "triệu", "tỷ"), "en": ("thousand", "million", "billion")}[lang]
    for values, word in (([-1.6e8, 1.1e9], words[2]), ([0, 7.05e8], words[1]), ([0, 184_572], words[0])):
        ticks = money_axis(values, lang)["ticktext"]
        assert all(text == "0" or text.endswith(" " + word) for text in ticks), ticks
    # one unit per axis: 160 triệu beside 1,1 tỷ is written 0,2 tỷ ... 1,2 tỷ
    ticks = money_axis([-1.6e8, 1.1e9], "vi")["ticktext"]
    assert ticks == ["−0,2 tỷ", "0", "0,2 tỷ", "0,4 tỷ", "0,6 tỷ", "0,8 tỷ", "1,0 tỷ", "1,2 tỷ"]
    assert money_axis([0, 5000], lang)["ticktext"][-1] in ("5.000", "5,000")  # small sums in full


def test_financing_chart_labels_and_axis_share_one_unit_and_no_codes(sample_vi):
    fig = report_figures(sample_vi, "vi")["financing"]
    assert list(fig.data[0].x) == [t("fin.option.cash", "vi"), t("fin.option.loan", "vi"),
                                   t("fin.option.esco_shared", "vi")]
    assert "cash" not in " ".join(fig.data[0].x)
    labels = [x for trace in fig.data for x in trace.text]
    assert "702 triệu" in labels and "48 triệu" in labels
    assert all(x == "0" or x.endswith(" triệu") for x in labels)
    assert all(x == "0" or x.endswith(" triệu") for x in fig.layout.yaxis.ticktext)


def test_cashflow_money_axis_in_english(sample_en):
    fig = cashflow_chart([-160e6, 45e6, 300e6, 300e6], title="t", separators=EN, currency="VND",
                         cumulative_label="Cumulative")
    assert "billion" not in " ".join(fig.layout.yaxis.ticktext)  # 485 million at most
    assert fig.layout.yaxis.ticktext[-1].endswith("million")


def test_month_axes_in_vietnamese_and_english():
    assert month_axis(MONTHS, "vi")["tickformat"] == "%m/%Y"
    assert month_axis(MONTHS, "en")["tickformat"] == "%b %Y"
    assert month_axis(pd.date_range("2020-01-01", periods=48, freq="MS"), "vi")["dtick"] == "M6"
    fig = cumulative_savings_chart(MONTHS, np.arange(8.0), title="t", separators=VI, unit="kWh")
    assert fig.layout.xaxis.tickformat == "%m/%Y"


def test_financing_chart_without_options_is_empty_but_valid():
    empty = pd.DataFrame({"label": pd.Series(dtype=str), "customer_net_cost": pd.Series(dtype=float),
                          "npv": pd.Series(dtype=float)})
    fig = financing_chart(empty, title="t", separators=VI, currency="VND", cost_label="a", npv_label="NPV")
    fig.to_json()


@pytest.mark.parametrize("page", ["inventory", "targets", "measures", "finance", "mv", "household"])
def test_pages_charts_in_vietnamese_have_no_english_axis_or_si_ticks(page):
    from apptest_support import new_app, plotly_figures

    at = new_app("vi")
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    problems = [f"{i}: {p}" for i, spec in enumerate(plotly_figures(at))
                for p in language_problems(go.Figure(spec), "vi")]
    assert not problems, "\n".join(problems)


# -- the slide layout ---------------------------------------------------------------------------

def test_slide_is_16_9_with_automargins_and_the_same_data(sample_vi):
    for key, fig in report_figures(sample_vi, "vi").items():
        out = slide(fig)
        assert (out.layout.width, out.layout.height) == (WIDTH, HEIGHT) and WIDTH * 9 == HEIGHT * 16
        spec = out.to_plotly_json()
        for name, axis in _axes(spec).items():
            assert axis.get("automargin") is True, (key, name)
            assert axis.get("title", {}).get("standoff", 0) >= 10, (key, name)
        assert [tr.to_plotly_json().get("y") is not None for tr in out.data] == \
            [tr.to_plotly_json().get("y") is not None for tr in fig.data]
        assert fig.layout.width is None  # the screen's figure is left as it was


# -- exports per request ----------------------------------------------------------------------

def test_a_slow_export_fails_only_its_own_request(monkeypatch):
    async def stuck(jobs):
        import asyncio
        await asyncio.sleep(30)

    monkeypatch.setattr(export, "_render", stuck)
    started = time.perf_counter()
    with pytest.raises(export.ExportFailed) as failed:
        export.render_figures({"a": go.Figure()}, ("png",), timeout=0.5)
    assert failed.value.reason == "timeout"
    assert time.perf_counter() - started < 10

    async def quick(jobs):
        return [b"\x89PNG fake" for _ in jobs]

    monkeypatch.setattr(export, "_render", quick)  # the next request renders again
    assert export.render_figures({"a": go.Figure()}, ("png",)) == {"a": {"png": b"\x89PNG fake"}}


def test_charts_zip_says_why_when_its_export_timed_out(sample_vi, monkeypatch):
    def slow(jobs, timeout):
        raise export.ExportFailed("timeout", "too slow")

    monkeypatch.setattr(export, "_run_render", slow)
    with zipfile.ZipFile(io.BytesIO(export.charts_zip(sample_vi, "vi"))) as archive:
        [name] = archive.namelist()
        note = archive.read(name).decode("utf-8")
    assert name == "README_charts_not_exported.txt"
    assert "thử lại" in note and "try again" in note


@pytest.fixture(scope="module")
def charts_vi(sample_vi):
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: static export needs a Chromium (CI has one)")
    started = time.perf_counter()
    data = export.charts_zip(sample_vi, "vi")
    seconds = time.perf_counter() - started
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return files, seconds


def test_charts_zip_holds_png_and_svg_per_chart_and_one_pdf(charts_vi, sample_vi):
    files, seconds = charts_vi
    keys = list(report_figures(sample_vi, "vi"))
    stems = [f"{i:02d}_{key}" for i, key in enumerate(keys, start=1)]
    assert sorted(files) == sorted([f"{s}.png" for s in stems] + [f"{s}.svg" for s in stems] + ["charts_vi.pdf"])
    for stem in stems:
        assert files[f"{stem}.png"].startswith(b"\x89PNG")
        assert b"<svg" in files[f"{stem}.svg"][:200]
    assert seconds < 60


def test_charts_pdf_has_one_16_9_page_per_chart(charts_vi, sample_vi):
    from pypdf import PdfReader

    files, _ = charts_vi
    reader = PdfReader(io.BytesIO(files["charts_vi.pdf"]))
    assert len(reader.pages) == len(report_figures(sample_vi, "vi"))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width / height == pytest.approx(16 / 9, rel=0.01)


def test_exported_pngs_are_16_9_and_nothing_touches_the_edges(charts_vi):
    from PIL import Image

    files, _ = charts_vi
    for name, data in files.items():
        if not name.endswith(".png"):
            continue
        image = Image.open(io.BytesIO(data)).convert("RGB")
        assert image.size == (WIDTH * PNG_SCALE, HEIGHT * PNG_SCALE), name
        pixels = np.asarray(image).astype(int)
        ink = (np.abs(pixels - pixels[0, 0]).sum(axis=2) > 60)  # differs from the background
        cols, rows = np.flatnonzero(ink.any(axis=0)), np.flatnonzero(ink.any(axis=1))
        assert cols.size and rows.size, name
        # nothing clipped: the leftmost drawn column is not the first, nor the last the image's last
        assert cols[0] > 0 and cols[-1] < image.size[0] - 1, (name, cols[0], cols[-1])
        assert rows[0] > 0 and rows[-1] < image.size[1] - 1, (name, rows[0], rows[-1])
