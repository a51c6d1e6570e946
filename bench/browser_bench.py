"""Benchmark: the browser timings of issue 16's definition of done, in Chromium through Playwright.

What is measured and why
------------------------
Every timing is wall-clock time seen from the browser's side: from the user's action (or the
server process's start) until what the user waits for is drawn. Each has a baseline measured in
the same run on a bare Streamlit page (written to a temporary directory, run by the same
``streamlit run`` command with the same flags), so the ratios carry over between machines.

1. **Cold start**: ``streamlit run app.py`` as a fresh process (headless, a free port, the flags
   of ``tests/e2e/conftest.py``), a fresh browser context opening its URL; time from the process's
   start until the first KPI value (``data-testid="stMetricValue"``) is visible on the inventory
   page (and, for information, until both inventory charts are drawn). Baseline: the same for a
   bare page with one ``st.title`` and one Plotly chart (until its ``.js-plotly-plot`` is
   visible). Goal ≤ 1.3×. For information, the floor: the same cold start of a bare page of the
   first page's kinds of elements (:data:`BARE_FIRST_PAGE`: the sidebar's radios, select boxes,
   buttons and downloads, KPIs, tables, an editor, an uploader, the two charts), every value a
   constant.
2. **Edit → change visible** on the sample: on the Finance page, a new discount rate typed into
   its field (fill + Enter; each value new, so the results cache misses), until the portfolio NPV
   KPI shows a new value (and, for information, until the rerun is over: no running icon, no stale
   element, every chart drawn). Baseline: a bare page with a text field whose value changes a
   ``st.metric`` and as many Plotly charts (depending on the value) as the Finance page has. Goal
   ≤ 2× the baseline.
3. **100,000 activity rows**: ``bench/activities_100k.xlsx`` (the generator of :mod:`bench.run`)
   sent through the sidebar's file input on a drawn inventory page, until the total KPI shows the
   file's total (computed here by :func:`bench.run.ours_total`) and both charts are drawn: goal
   ≤ 10 s. Then reruns on that page: a language switch, and a new value in the field "Sources drawn
   one by one in the charts" (until the Pareto's "… other sources" bar shows the new count): goal
   ≤ 1 s each.
4. **1,000 and 200 measures**: the sample factory's activities with N measures (the sample's
   two measures replicated with unique ids and varied sizes, written by
   :func:`workbook.write.write_scenario`), uploaded; then reruns on the Measures page (a language
   switch, until the KPIs carry the new language's labels and every chart is drawn) and on the
   Finance page (a new discount rate, until the NPV KPI changes and the rerun is over). Goals:
   1,000 measures ≤ 1 s, 200 measures ≤ 300 ms. The language switch has a baseline, the floor:
   the same switch on a bare page of the Measures page's kinds and sizes of elements
   (:data:`BARE_MEASURES`, every number precomputed), so the table shows how much of the time
   Streamlit and the browser take whatever the app does.

The page state is read by polling a small JavaScript predicate every 16 ms
(``page.wait_for_function``); the rerun is over when Streamlit's running icon
(``stStatusWidgetRunningIcon``) is gone, no element is marked ``data-stale="true"`` and the
browser has received the run's ``script_finished`` message. Each rerun timing has one untimed
warm-up, then ``--repeat`` timed runs (median and minimum reported). The websocket frames are
logged (:class:`WireLog`), so each timing also shows when the server's run ended as the browser
saw it ("server s": the rest is the browser drawing) and how many megabytes the rerun sent.

Benchmarks report, they do not gate (exit code 0 even when over a goal). The machine may be busy
with other work: the minimum next to the median shows how noisy a timing was.

Run from the project root: ``.venv/bin/python -m bench.browser_bench [--repeat N] [--parts ...]``.
Needs Debian's Chromium at ``/usr/bin/chromium`` and Playwright (python) in the venv;
:func:`available` says why not (``bench/run.py`` then skips it with a message).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# the e2e suite's launch flags (tests/e2e/conftest.py)
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 1800}
SAMPLE_EN = ROOT / "sample_data" / "sample_factory_en.xlsx"
POLL_MS = 16
WAIT_S = 60.0        # a normal wait (a page, a rerun)
BIG_WAIT_S = 180.0   # the 100,000-row upload

GOAL_COLD_RATIO = 1.3
GOAL_EDIT_RATIO = 2.0
GOAL_BIG_UPLOAD_S = 10.0
GOAL_BIG_RERUN_S = 1.0
GOAL_MEASURES_S = {1000: 1.0, 200: 0.3}


def make_sources() -> list[str]:
    """The app's sources as the Makefile's ``SOURCES`` names them: compiled before the cold starts,
    as ``make run`` compiles them (one list, in the Makefile)."""
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        name, _, value = line.partition(":=")
        if name.strip() == "SOURCES":
            return value.split()
    raise SystemExit("the Makefile names no SOURCES")


# -- the bare baseline pages -------------------------------------------------------------------
BARE_COLD = '''import plotly.graph_objects as go
import streamlit as st

st.title("Bare page")
st.plotly_chart(go.Figure(go.Bar(x=[f"s{i}" for i in range(15)], y=[15 - i for i in range(15)])), key="chart")
'''

#: Streamlit's floor for the app's first page: a bare page of the same kinds of elements as the
#: sidebar and the inventory page (and about as many), every value a constant: the cold start's
#: second baseline (how much of the time the element types cost, whatever the app computes).
BARE_FIRST_PAGE = '''import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Bare", layout="wide")
st.html("<style>[data-testid=stMetricValue]{white-space:normal}</style>")
with st.sidebar:
    st.header("Scenario")
    st.radio("Language", ["Tiếng Việt", "English"], key="lang")
    st.radio("Source", ["Sample", "Upload"], key="source")
    st.selectbox("Sample", ["Factory", "Household"], key="sample")
    st.selectbox("Variant", ["Variant 1"], key="variant")
    st.text_input("Name", "Variant 1", key="name")
    st.checkbox("Trainer mode", key="trainer")
    st.toggle("Compare", key="compare")
    for i in range(7):
        st.button(f"Action {i}", key=f"b{i}")
    for i in range(5):
        st.download_button(f"Download {i}", b"x", file_name=f"f{i}.txt", key=f"d{i}")
    with st.expander("Session"):
        st.code("s=abc")
    with st.expander("Help"):
        st.caption("Help text")
    for i in range(4):
        st.caption(f"Note {i}")
st.title("Emission inventory")
st.markdown("**Welcome**: start from the sample factory or upload your workbook.")
st.caption("Factory · base year 2021")
for col, i in zip(st.columns(4), range(4)):
    col.metric(f"KPI {i} (tCO2e)", f"{(i + 1) * 1234.56:,.2f}", delta="12.3%" if i else None, delta_color="off")
st.subheader("Summary")
st.dataframe(pd.DataFrame({"scope": ["1", "2", "3"], "tCO2e": [1.0, 2.0, 3.0]}), hide_index=True)
st.dataframe(pd.DataFrame({"site": ["A", "B"], "tCO2e": [1.0, 2.0]}), hide_index=True)
c1, c2 = st.columns(2)
c1.plotly_chart(go.Figure(go.Sunburst(labels=["Total", "Scope 1", "Scope 2", "Boiler", "Grid"],
                                      parents=["", "Total", "Total", "Scope 1", "Scope 2"],
                                      values=[10, 4, 6, 4, 6], branchvalues="total")), key="mix")
c2.plotly_chart(go.Figure(go.Bar(x=[f"source {i}" for i in range(15)], y=[15 - i for i in range(15)])), key="pareto")
c1.text_input("Sources drawn one by one", "15", key="top")
st.subheader("Activities")
st.data_editor(pd.DataFrame({"source": [f"s{i}" for i in range(30)], "quantity": [float(i) for i in range(30)]}),
               key="editor", hide_index=True)
st.dataframe(pd.DataFrame({"row": range(30), "tCO2e": [float(i) for i in range(30)]}), hide_index=True)
with st.expander("How is this computed"):
    st.markdown("…")
st.divider()
st.download_button("Download the table", b"x", file_name="t.txt", key="dt")
st.file_uploader("Upload", key="up")
st.button("Next", key="next")
st.page_link("http://127.0.0.1/", label="Targets")
st.page_link("http://127.0.0.1/", label="Measures")
for i in range(5):
    st.markdown(f"Step {i}")
'''

BARE_EDIT = '''import plotly.graph_objects as go
import streamlit as st

N_CHARTS = {n}
st.title("Bare page")
text = st.text_input("Value", "1", key="value")
try:
    x = float(text)
except ValueError:
    x = 0.0
st.metric("Result", f"{{x * 1234.5678:,.2f}}")
for i in range(N_CHARTS):
    st.plotly_chart(go.Figure(go.Scatter(x=list(range(20)), y=[x * (j + i) for j in range(20)])), key=f"chart{{i}}")
'''

#: Streamlit's floor for the Measures page of ``{n}`` measures: the same kinds and sizes of
#: elements (a {n}-row editor of 15 columns, four KPIs, a {n}-row results table of 10 columns, a
#: stacked-area wedge chart of 15 traces, a {n}-bar MACC with a label per bar, a 6-bar class
#: chart, a select box and two closed expanders), every number precomputed; the sidebar's language
#: radio changes every label and title, as the app's language switch does.
BARE_MEASURES = '''import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

N = {n}
lang = st.sidebar.radio("Language", ["Tiếng Việt", "English"], key="lang")
vi = lang == "Tiếng Việt"
word = (lambda v, e: v if vi else e)
rng = np.random.default_rng(1)
st.title(word("Giải pháp tiết kiệm năng lượng", "Energy-saving measures"))
st.caption(word("Sáu nhóm giải pháp", "The six classes"))
with st.expander(word("Các nhóm", "Classes")):
    st.write("…")
st.selectbox(word("Danh mục", "Catalogue"), [f"item {{i}}" for i in range(20)], key="cat")
st.subheader(word("Danh sách", "List"))
editor = pd.DataFrame({{f"text{{j}}": [f"M{{i:04d}} {{word('giải pháp', 'measure')}} {{j}}" for i in range(N)] for j in range(5)}}
                      | {{f"num{{j}}": rng.uniform(0, 1e6, N) for j in range(10)}})
st.data_editor(editor, key="editor", hide_index=True, width="stretch")
cols = st.columns(4)
for i, c in enumerate(cols):
    c.metric(word(f"Chỉ số {{i}}", f"KPI {{i}}") + " (tCO2e)", f"{{(i + 1) * 1234.5:,.1f}}")
shown = pd.DataFrame({{f"{{word('cột', 'col')}} {{j}}": [f"{{v:,.0f}}" for v in rng.uniform(0, 1e9, N)] for j in range(10)}})
st.dataframe(shown, hide_index=True, width="stretch")
years = list(range(2021, 2036))
wedge = go.Figure()
for k in range(13):
    wedge.add_trace(go.Scatter(x=years, y=rng.uniform(0, 100, len(years)), stackgroup="w", name=f"{{word('giải pháp', 'measure')}} {{k}}"))
wedge.add_trace(go.Scatter(x=years, y=rng.uniform(1000, 2000, len(years)), name="BAU"))
wedge.add_trace(go.Scatter(x=years, y=rng.uniform(800, 900, len(years)), name=word("mục tiêu", "target")))
wedge.update_layout(title=word("Nêm giảm phát thải", "Wedges"), height=480)
st.plotly_chart(wedge, key="wedge", width="stretch")
c1, c2 = st.columns(2)
widths = rng.uniform(1, 50, N)
macc = go.Figure(go.Bar(x=np.cumsum(widths) - widths / 2, y=rng.normal(0, 1e6, N), width=widths,
                        text=[f"M{{i:04d}}" for i in range(N)], textposition="outside", textangle=-90,
                        marker=dict(color=["#2e7d32" if i % 3 else "#c62828" for i in range(N)])))
macc.update_layout(title=word("Đường MACC", "MACC"), height=480, bargap=0)
c1.plotly_chart(macc, key="macc", width="stretch")
classes = go.Figure(go.Bar(x=[word(f"nhóm {{i}}", f"class {{i}}") for i in range(6)], y=rng.uniform(0, 100, 6)))
classes.update_layout(title=word("Theo nhóm", "By class"), height=480)
c2.plotly_chart(classes, key="classes", width="stretch")
with st.expander(word("Cách tính", "How it is computed")):
    st.write("…")
'''

# -- what the browser is asked (one predicate, polled every POLL_MS) -----------------------------
JS_HELPERS = r"""
const vis = el => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
const idle = () => !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
                   && !document.querySelector('[data-stale="true"]');
const metric = label => {
  for (const m of document.querySelectorAll('[data-testid="stMetric"]')) {
    const l = m.querySelector('[data-testid="stMetricLabel"]');
    if (l && l.innerText.includes(label)) {
      const v = m.querySelector('[data-testid="stMetricValue"]');
      return v && vis(v) ? v.innerText.trim() : null;
    }
  }
  return null;
};
const anyKpi = () => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
                      .some(v => vis(v) && v.innerText.trim() !== '');
const chartsDrawn = min => {
  const boxes = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  const drawn = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')].filter(vis);
  return boxes.length >= min && drawn.length === boxes.length;
};
const chartText = s => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot text')]
                        .some(t => t.textContent.includes(s));
"""


def _js(condition: str) -> str:
    return f"(a) => {{ {JS_HELPERS} return ({condition}); }}"


READY_KPI = _js("anyKpi()")
READY_CHARTS = _js("chartsDrawn(a.charts)")
METRIC_IS = _js("metric(a.label) === a.value")
METRIC_CHANGED = _js("metric(a.label) !== null && metric(a.label) !== a.old")
DRAWN = _js("idle() && chartsDrawn(a.charts) && metric(a.label) !== null")
TOTAL_DRAWN = _js("idle() && chartsDrawn(a.charts) && metric(a.label) === a.value")
CHART_TEXT_DRAWN = _js("idle() && chartsDrawn(a.charts) && chartText(a.text)")


def available() -> str | None:
    """None when the browser timings can run here, else the reason they cannot."""
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright (python) is not installed in this environment"
    return None


# -- servers -------------------------------------------------------------------------------------
# the browser tests' server (tests/e2e/server.py), polled every 50 ms: this is a timing
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from server import streamlit_server as _e2e_server  # noqa: E402


@contextlib.contextmanager
def streamlit_server(script: str, cwd: Path, log: Path):
    """``streamlit run script`` in ``cwd`` on a free port; yields ``(url, t0)`` with ``t0`` the
    perf_counter just before the process was started."""
    with _e2e_server(log, script, cwd, poll_s=0.05) as (url, t0):
        yield url, t0


# -- browser helpers -----------------------------------------------------------------------------
class WireLog:
    """Every websocket frame the page receives: (perf_counter, bytes, ForwardMsg type). Tells when
    the server's script run ended as the browser saw it (``script_finished``), so a timing splits
    into the server's part and the browser's drawing, and how many bytes a rerun sent."""

    def __init__(self, page):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._msg = ForwardMsg
        self.frames: list[tuple[float, int, str | None]] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        t = time.perf_counter()
        kind = None
        if isinstance(payload, (bytes, bytearray)):
            try:
                msg = self._msg()
                msg.ParseFromString(bytes(payload))
                kind = msg.WhichOneof("type")
            except Exception:  # noqa: BLE001 - a frame we cannot read only loses its type
                kind = None
        self.frames.append((t, len(payload), kind))

    def window(self, t0: float, t1: float) -> dict:
        """The server's end (seconds after ``t0`` of the last script_finished before ``t1``) and
        the megabytes received between ``t0`` and ``t1``."""
        inside = [f for f in self.frames if t0 < f[0] <= t1]
        ends = [f[0] - t0 for f in inside if f[2] == "script_finished"]
        return {"server": ends[-1] if ends else None, "mb": sum(f[1] for f in inside) / 1e6}


def _wait(page, predicate: str, arg: dict | None = None, timeout_s: float = WAIT_S) -> None:
    page.wait_for_function(predicate, arg=arg or {}, polling=POLL_MS, timeout=timeout_s * 1000)


def _since(t0: float) -> float:
    return time.perf_counter() - t0


def _summary(times: list[float]) -> dict:
    return {"median": statistics.median(times), "min": min(times), "runs": times}


def _summaries(runs: list[dict]) -> dict:
    """Per key of the runs' dicts, the median / min / runs of its values (None values left out)."""
    keys = dict.fromkeys(k for r in runs for k in r)
    return {k: _summary(v) for k in keys if (v := [r[k] for r in runs if r.get(k) is not None])}


def _timed(page, wire: WireLog, action, waits: list[tuple[str, str, dict]], timeout_s: float = WAIT_S) -> dict:
    """Do ``action``; then, in order, wait for each ``(name, predicate, arg)``: seconds from the
    action to each, plus the server's part and the megabytes received (:class:`WireLog`)."""
    t0 = time.perf_counter()
    action()
    out = {}
    for name, predicate, arg in waits:
        _wait(page, predicate, arg, timeout_s)
        out[name] = _since(t0)
    # the last wait is "the rerun is over": it also needs the server's script_finished (the page
    # can look idle for a moment before the running icon shows)
    deadline = t0 + timeout_s
    while wire.window(t0, time.perf_counter())["server"] is None and time.perf_counter() < deadline:
        page.wait_for_timeout(5)
    name, predicate, arg = waits[-1]
    _wait(page, predicate, arg, timeout_s)
    out[name] = _since(t0)
    page.wait_for_timeout(30)  # let the last frames' events be dispatched (not part of the timing)
    out.update(wire.window(t0, t0 + max(out.values())))
    return out


def _new_page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    return context, page, WireLog(page)


def _labels(lang: str) -> dict:
    from ui.i18n import t

    def before_unit(key: str) -> str:  # "Portfolio NPV ({cur})" → "Portfolio NPV"
        return t(key, lang, cur="").split("(")[0].strip()

    return {"total": t("inv.total", lang), "npv": before_unit("fin.kpi_npv"), "cut": before_unit("ms.kpi_t"),
            "discount": t("fin.discount_rate_pct", lang), "top_n": t("inv.top_n", lang),
            "upload": t("sidebar.source.upload", lang), "finance": t("page.finance", lang),
            "measures": t("page.measures", lang), "lang_name": {"vi": "Tiếng Việt", "en": "English"}[lang]}


def _sidebar(page):
    return page.get_by_test_id("stSidebar")


def _open_app(page, url: str, charts: int = 2) -> None:
    """The app's first page (the sample, in Vietnamese), drawn."""
    page.goto(url)
    _wait(page, DRAWN, {"charts": charts, "label": _labels("vi")["total"]})


def _switch_language(page, lang: str) -> None:
    """Click the sidebar's language option (the timing's action; the wait is the caller's)."""
    _sidebar(page).get_by_test_id("stRadioOption").filter(has_text=_labels(lang)["lang_name"]).click()


def _go_to(page, nav_label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(nav_label, exact=True).click()


def _count_charts(page) -> int:
    return page.locator('[data-testid="stPlotlyChart"]').count()


def _typed(page, label: str, value: str):
    """The action "type ``value`` into the text field ``label`` and press Enter": the typing is
    done now, the Enter (what makes Streamlit rerun) is the returned action."""
    box = page.get_by_label(label, exact=True)
    box.fill(value)
    return lambda: box.press("Enter")


def _metric_text(page, label: str) -> str | None:
    return page.evaluate(_js("metric(a.label)"), {"label": label})


# -- 1. cold start -------------------------------------------------------------------------------
def _cold(browser, script: str, cwd: Path, log: Path, kpi: bool) -> dict:
    context, page, _wire = _new_page(browser)
    try:
        with streamlit_server(script, cwd, log) as (url, t0):
            out = {"healthy": _since(t0)}
            page.goto(url, wait_until="commit")
            if kpi:
                _wait(page, READY_KPI)
                out["kpi"] = _since(t0)
            _wait(page, READY_CHARTS, {"charts": 2 if kpi else 1})
            out["charts"] = _since(t0)
            return out
    finally:
        context.close()


def cold_start(browser, tmp: Path, repeat: int) -> dict:
    bare_dir = tmp / "bare_cold"
    (bare_dir / ".streamlit").mkdir(parents=True)
    (bare_dir / "bare.py").write_text(BARE_COLD)
    # the same server config as the app (toolbar, error details)
    (bare_dir / ".streamlit" / "config.toml").write_text((ROOT / ".streamlit" / "config.toml").read_text())
    # the app's modules compiled as `make run` compiles them (site-packages were compiled by pip)
    subprocess.run([sys.executable, "-m", "compileall", "-q", *make_sources()], cwd=ROOT, check=True)
    (bare_dir / "first.py").write_text(BARE_FIRST_PAGE)
    bare, first, app = [], [], []
    for i in range(repeat):  # interleaved, so a busy moment of the machine hits all three
        bare.append(_cold(browser, "bare.py", bare_dir, tmp / f"cold_bare_{i}.log", kpi=False))
        first.append(_cold(browser, "first.py", bare_dir, tmp / f"cold_first_{i}.log", kpi=True))
        app.append(_cold(browser, "app.py", ROOT, tmp / f"cold_app_{i}.log", kpi=True))
    out = {"bare": _summaries(bare), "first": _summaries(first), "app": _summaries(app)}
    out["ratio_kpi"] = out["app"]["kpi"]["median"] / out["bare"]["charts"]["median"]
    out["ratio_charts"] = out["app"]["charts"]["median"] / out["bare"]["charts"]["median"]
    return out


# -- 2. edit → change visible --------------------------------------------------------------------
CHANGED_THEN_OVER = _js("idle() && chartsDrawn(a.charts) && metric(a.label) !== null && metric(a.label) !== a.old")


def _edit_runs(page, wire: WireLog, field: str, kpi: str, values: list[str], charts: int) -> list[dict]:
    """Type each value into ``field`` (+ Enter): per edit, seconds until the ``kpi`` metric shows a
    new value ("visible") and until the rerun is over with every chart drawn ("drawn")."""
    runs = []
    for value in values:
        arg = {"label": kpi, "old": _metric_text(page, kpi), "charts": charts}
        runs.append(_timed(page, wire, _typed(page, field, value),
                           [("visible", METRIC_CHANGED, arg), ("drawn", CHANGED_THEN_OVER, arg)]))
    return runs


def _discount_edits(page, wire: WireLog, n: int, charts: int) -> list[dict]:
    """``n`` new discount rates on the open Finance page (English), each different from the others
    and from the current one (so each misses the results cache)."""
    lab = _labels("en")
    try:
        start = float(page.get_by_label(lab["discount"], exact=True).input_value().replace(",", ""))
    except ValueError:
        start = 10.0
    values = [f"{start + 0.25 * (k + 1):g}" for k in range(n)]
    return _edit_runs(page, wire, lab["discount"], lab["npv"], values, charts)


def edit_rerun(browser, app_url: str, tmp: Path, repeat: int) -> dict:
    lab = _labels("en")
    context, page, wire = _new_page(browser)
    try:
        _open_app(page, app_url)
        _switch_language(page, "en")
        _wait(page, DRAWN, {"charts": 2, "label": lab["total"]})
        _go_to(page, lab["finance"])
        _wait(page, DRAWN, {"charts": 1, "label": lab["npv"]})
        charts = _count_charts(page)
        app = _discount_edits(page, wire, repeat + 1, charts)[1:]  # the first is a warm-up
    finally:
        context.close()
    bare_dir = tmp / "bare_edit"
    bare_dir.mkdir()
    (bare_dir / "bare.py").write_text(BARE_EDIT.format(n=charts))
    context, page, wire = _new_page(browser)
    try:
        with streamlit_server("bare.py", bare_dir, tmp / "edit_bare.log") as (url, _t0):
            page.goto(url)
            _wait(page, DRAWN, {"charts": charts, "label": "Result"})
            bare = _edit_runs(page, wire, "Value", "Result", [str(k + 2) for k in range(repeat + 1)], charts)[1:]
    finally:
        context.close()
    out = {"charts": charts, "app": _summaries(app), "bare": _summaries(bare)}
    out["ratio_visible"] = out["app"]["visible"]["median"] / out["bare"]["visible"]["median"]
    out["ratio_drawn"] = out["app"]["drawn"]["median"] / out["bare"]["drawn"]["median"]
    return out


# -- 3. 100,000 rows -----------------------------------------------------------------------------
def big_upload(browser, app_url: str, repeat: int) -> dict:
    from bench.run import N_ROWS, WORKBOOK, ensure_workbook, ours_total
    from ui.layout import quantity_text

    ensure_workbook(WORKBOOK, False)
    _result, inventory = ours_total(WORKBOOK)
    total = float(inventory.total_tco2e)
    expected = {lang: quantity_text(total, lang) for lang in ("vi", "en")}  # as the KPI card writes it
    out: dict = {"rows": N_ROWS, "file_mb": WORKBOOK.stat().st_size / 1e6, "total_tco2e": total}
    vi, en = _labels("vi"), _labels("en")
    context, page, wire = _new_page(browser)
    try:
        _open_app(page, app_url)
        file_input = _sidebar(page).locator('input[type="file"]')
        _sidebar(page).get_by_test_id("stRadioOption").filter(has_text=vi["upload"]).click()
        file_input.wait_for(state="attached", timeout=WAIT_S * 1000)
        arg = {"label": vi["total"], "value": expected["vi"], "charts": 2}
        try:
            out["upload"] = _timed(page, wire, lambda: file_input.set_input_files(WORKBOOK),
                                   [("visible", METRIC_IS, arg), ("drawn", TOTAL_DRAWN, arg)], BIG_WAIT_S)
        except Exception as exc:  # noqa: BLE001 - a timeout is a result: report it, skip the reruns
            out["upload"] = None
            out["error"] = (f"not drawn within {BIG_WAIT_S:.0f} s ({type(exc).__name__}); the KPI shows "
                            f"{_metric_text(page, vi['total'])!r}, expected {expected['vi']!r}")
            return out
        # reruns: language switches (vi → en → vi …), each until the new language's total is drawn
        switches, lang = [], "vi"
        for _ in range(repeat + 1):
            lang = "en" if lang == "vi" else "vi"
            arg = {"label": _labels(lang)["total"], "value": expected[lang], "charts": 2}
            switches.append(_timed(page, wire, lambda lang=lang: _switch_language(page, lang),
                                   [("drawn", TOTAL_DRAWN, arg)]))
        out["rerun_language"] = _summaries(switches[1:])
        if lang != "en":
            _switch_language(page, "en")
            _wait(page, TOTAL_DRAWN, {"label": en["total"], "value": expected["en"], "charts": 2})
        # reruns: a new top N (the default is 15), until the Pareto's last bar counts the others anew
        top_n = []
        for k in range(repeat + 1):
            n = 10 + k
            arg = {"text": f"{N_ROWS - n} other sources", "charts": 2}
            top_n.append(_timed(page, wire, _typed(page, en["top_n"], str(n)), [("drawn", CHART_TEXT_DRAWN, arg)]))
        out["rerun_top_n"] = _summaries(top_n[1:])
    finally:
        context.close()
    return out


# -- 4. many measures ----------------------------------------------------------------------------
def measures_workbook(n: int, path: Path) -> Path:
    """The sample factory (English) with ``n`` measures: its two measures replicated, each copy
    with its own id and name and a varied size, so that the portfolio stays plausible (the lighting
    copies save a few lamps each, the compressed-air copies a fraction of a percent of one
    electricity row each)."""
    from workbook.read import read_scenario
    from workbook.write import write_scenario

    scenario = read_scenario(SAMPLE_EN).scenario
    base = scenario.table("Measures")
    acts = scenario.activities
    electric = acts[acts["fuel"] == "electricity_grid"]["source"].tolist()
    rows = []
    for i in range(n):
        row = base.iloc[i % len(base)].copy()
        row["id"] = f"M{i + 1:04d}"
        row["name"] = f"{row['name']} #{i + 1}"
        row["start_year"] = int(base.iloc[i % len(base)]["start_year"]) + (i // len(base)) % 4
        size = 1 + (i // len(base)) % 7
        if row["method"] == "saving_pct":
            row["source"] = electric[(i // len(base)) % len(electric)]
            row["saving_pct"] = 0.02 * size
            scale = 0.002 * size
        else:
            row["units"] = 2.0 * size
            scale = row["units"] / float(base.iloc[i % len(base)]["units"])
        for col in ("capex_equipment", "capex_labour", "capex_other"):
            row[col] = float(row[col]) * scale
        rows.append(row)
    import pandas as pd

    measures = pd.DataFrame(rows).reset_index(drop=True).astype(base.dtypes.to_dict())
    path.write_bytes(write_scenario(scenario.with_table("Measures", measures), "en"))
    check = read_scenario(path)
    errors = [p for p in check.problems if getattr(p, "severity", None) == "error"]
    if not check.ok or len(check.scenario.table("Measures")) != n:
        raise SystemExit(f"the {n}-measure workbook does not read back: {errors[:5]}")
    return path


def many_measures(browser, app_url: str, tmp: Path, n: int, repeat: int) -> dict:
    path = measures_workbook(n, tmp / f"measures_{n}.xlsx")
    out: dict = {"measures": n, "goal_s": GOAL_MEASURES_S[n]}
    en = _labels("en")
    context, page, wire = _new_page(browser)
    try:
        _open_app(page, app_url)
        _switch_language(page, "en")
        _wait(page, DRAWN, {"charts": 2, "label": en["total"]})
        file_input = _sidebar(page).locator('input[type="file"]')
        _sidebar(page).get_by_test_id("stRadioOption").filter(has_text=en["upload"]).click()
        file_input.wait_for(state="attached", timeout=WAIT_S * 1000)
        loaded = _js("idle() && chartsDrawn(2) && [...document.querySelectorAll("
                     "'[data-testid=\"stAlertContentSuccess\"]')].some(e => e.innerText.includes(a.name))")
        out["upload"] = _timed(page, wire, lambda: file_input.set_input_files(path),
                               [("drawn", loaded, {"name": path.name})])
        out["open_measures"] = _timed(page, wire, lambda: _go_to(page, en["measures"]),
                                      [("drawn", DRAWN, {"charts": 3, "label": en["cut"]})])
        charts = _count_charts(page)
        switches, lang = [], "en"
        for _ in range(repeat + 1):
            lang = "vi" if lang == "en" else "en"
            arg = {"charts": charts, "label": _labels(lang)["cut"]}
            switches.append(_timed(page, wire, lambda lang=lang: _switch_language(page, lang),
                                   [("drawn", DRAWN, arg)]))
        out["measures_rerun_language"] = _summaries(switches[1:])
        out["measures_floor"] = _measures_floor(browser, tmp, n, repeat)
        if lang != "en":
            _switch_language(page, "en")
            _wait(page, DRAWN, {"charts": charts, "label": en["cut"]})
        out["open_finance"] = _timed(page, wire, lambda: _go_to(page, en["finance"]),
                                     [("drawn", DRAWN, {"charts": 1, "label": en["npv"]})])
        runs = _discount_edits(page, wire, repeat + 1, _count_charts(page))
        out["finance_rerun"] = _summaries(runs[1:])
    finally:
        context.close()
    return out


def _measures_floor(browser, tmp: Path, n: int, repeat: int) -> dict:
    """The language switch on :data:`BARE_MEASURES` (``n`` rows): Streamlit's and the browser's
    own time for a page of what the Measures page draws, measured as the app's switch is."""
    folder = tmp / f"bare_measures_{n}"
    folder.mkdir()
    (folder / "bare.py").write_text(BARE_MEASURES.format(n=n))
    context, page, wire = _new_page(browser)
    try:
        with streamlit_server("bare.py", folder, tmp / f"measures_bare_{n}.log") as (url, _t0):
            page.goto(url)
            _wait(page, DRAWN, {"charts": 3, "label": "Chỉ số 0"})
            switches, lang = [], "vi"
            for _ in range(repeat + 1):  # its radio has the app's language names: the app's own click
                lang = "en" if lang == "vi" else "vi"
                label = "Chỉ số 0" if lang == "vi" else "KPI 0"
                switches.append(_timed(page, wire, lambda lang=lang: _switch_language(page, lang),
                                       [("drawn", DRAWN, {"charts": 3, "label": label})]))
    finally:
        context.close()
    return _summaries(switches[1:])


# -- report --------------------------------------------------------------------------------------
def _rows(report: dict) -> list[dict]:
    """The table: measure, seconds (median, min), the server's part, MB received, baseline,
    ratio or goal, verdict."""
    rows = []

    def add(name, timing, key="drawn", *, baseline=None, ratio_goal=None, goal_s=None):
        t = None if timing is None else timing.get(key)
        med = None if t is None else (t["median"] if isinstance(t, dict) else t)
        low = t["min"] if isinstance(t, dict) else None
        base = baseline["median"] if isinstance(baseline, dict) else baseline
        ratio = med / base if (med is not None and base) else None

        def pick(k):
            v = None if timing is None else timing.get(k)
            return v["median"] if isinstance(v, dict) else v

        if med is None:
            verdict = "OVER (timeout)"
        elif ratio_goal is not None:
            verdict = "PASS" if ratio <= ratio_goal else "OVER"
        elif goal_s is not None:
            verdict = "PASS" if med <= goal_s else "OVER"
        else:
            verdict = "info"
        goal = f"<= {ratio_goal:g}x" if ratio_goal is not None else (f"<= {goal_s:g} s" if goal_s is not None else "")
        rows.append({"measure": name, "seconds": med, "min": low, "server": pick("server"), "mb": pick("mb"),
                     "baseline": base, "ratio": ratio, "goal": goal, "verdict": verdict})

    c = report.get("cold_start")
    if c:
        add("cold start → first KPI", c["app"], "kpi", baseline=c["bare"]["charts"], ratio_goal=GOAL_COLD_RATIO)
        add("cold start → both charts", c["app"], "charts", baseline=c["bare"]["charts"])
        if "first" in c:
            add("cold start → first KPI, bare page of the same elements", c["first"], "kpi",
                baseline=c["bare"]["charts"])
    e = report.get("edit")
    if e:
        add(f"sample, Finance edit → KPI ({e['charts']} charts)", e["app"], "visible",
            baseline=e["bare"]["visible"], ratio_goal=GOAL_EDIT_RATIO)
        add("sample, Finance edit → rerun over", e["app"], "drawn", baseline=e["bare"]["drawn"])
    b = report.get("rows_100k")
    if b:
        add("100k rows: upload → total KPI", b.get("upload"), "visible")
        add("100k rows: upload → page drawn", b.get("upload"), goal_s=GOAL_BIG_UPLOAD_S)
        if "rerun_language" in b:
            add("100k rows: rerun, language", b["rerun_language"], goal_s=GOAL_BIG_RERUN_S)
            add("100k rows: rerun, chart top N", b["rerun_top_n"], goal_s=GOAL_BIG_RERUN_S)
    for key in ("measures_1000", "measures_200"):
        m = report.get(key)
        if not m:
            continue
        n, goal = m["measures"], m["goal_s"]
        add(f"{n} measures: upload → drawn", m["upload"])
        add(f"{n} measures: open Measures page", m["open_measures"])
        add(f"{n} measures: Measures rerun, language", m["measures_rerun_language"], goal_s=goal,
            baseline=m.get("measures_floor", {}).get("drawn"))
        if m.get("measures_floor"):
            add(f"{n} measures: floor, a bare page of the same elements", m["measures_floor"])
        add(f"{n} measures: open Finance page", m["open_finance"])
        add(f"{n} measures: Finance edit → KPI", m["finance_rerun"], "visible", goal_s=goal)
        add(f"{n} measures: Finance edit → rerun over", m["finance_rerun"], "drawn", goal_s=goal)
    return rows


def print_table(rows: list[dict]) -> None:
    width = max(len(r["measure"]) for r in rows)
    print(f"  {'measure':<{width}}  {'median s':>8}  {'min s':>6}  {'server s':>8}  {'MB':>5}  {'baseline s':>10}  "
          f"{'ratio':>6}  {'goal':>9}  verdict")

    def num(v, f):
        return format(v, f) if v is not None else "–".rjust(int(f.split(".")[0]))

    for r in rows:
        print(f"  {r['measure']:<{width}}  {num(r['seconds'], '8.3f')}  {num(r['min'], '6.3f')}  "
              f"{num(r['server'], '8.3f')}  {num(r['mb'], '5.1f')}  {num(r['baseline'], '10.3f')}  "
              f"{num(r['ratio'], '5.2f') + ('x' if r['ratio'] is not None else ''):>6}  {r['goal']:>9}  "
              f"{r['verdict']}")


PARTS = ("cold", "edit", "big", "measures")


def run(repeat: int = 3, parts: tuple[str, ...] = PARTS, measures: tuple[int, ...] = (1000, 200)) -> dict:
    """Measure the chosen parts; print the table; return the numbers (for bench/run.py's JSON)."""
    from playwright.sync_api import sync_playwright

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    from bench.timing import machine_speed, speed_line

    report: dict = {"repeat": repeat, "cpu_count": os.cpu_count(), "machine_speed": machine_speed(),
                    "load_avg_start": os.getloadavg() if hasattr(os, "getloadavg") else None}
    with tempfile.TemporaryDirectory(prefix="browser_bench_") as tmp_name, sync_playwright() as pw:
        tmp = Path(tmp_name)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            if "cold" in parts:
                report["cold_start"] = cold_start(browser, tmp, repeat)
            if {"edit", "big", "measures"} & set(parts):
                with streamlit_server("app.py", ROOT, tmp / "app.log") as (url, _t0):
                    # the server's first session is not timed (imports, the first script run)
                    context, page, _wire = _new_page(browser)
                    _open_app(page, url)
                    context.close()
                    if "edit" in parts:
                        report["edit"] = edit_rerun(browser, url, tmp, max(repeat, 5))  # cheap: 5 at least
                    if "big" in parts:
                        report["rows_100k"] = big_upload(browser, url, repeat)
                    if "measures" in parts:
                        for n in measures:
                            report[f"measures_{n}"] = many_measures(browser, url, tmp, n, repeat)
        finally:
            browser.close()
    report["load_avg_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    report["wall_s"] = _since(started)
    report["table"] = _rows(report)
    print(f"browser timings (Chromium via Playwright): median of {repeat} ({max(repeat, 5)} for the edits), "
          f"reruns after one untimed warm-up; cold starts and uploads on fresh servers / sessions; "
          f"{os.cpu_count()} CPU(s), load average {report['load_avg_start'][0]:.2f} at start, "
          f"{report['load_avg_end'][0]:.2f} at end; {report['wall_s']:.0f} s in all")
    print("  " + speed_line(report["machine_speed"]))
    print("  (server s: until the browser received the rerun's script_finished; MB: bytes received)")
    print_table(report["table"])
    if report.get("rows_100k", {}).get("error"):
        print(f"  100k rows: {report['rows_100k']['error']}")
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per timing (default 3)")
    ap.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    ap.add_argument("--measures", nargs="+", type=int, choices=sorted(GOAL_MEASURES_S), default=[1000, 200])
    ap.add_argument("--json", metavar="OUT", type=Path, help="also write the numbers as JSON")
    args = ap.parse_args(argv)
    reason = available()
    if reason:
        print(f"browser timings skipped: {reason}")
        return 0
    report = run(args.repeat, tuple(args.parts), tuple(args.measures))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
