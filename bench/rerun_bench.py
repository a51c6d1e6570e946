"""Benchmark: edit → rerun of every page on the sample factory, against a bare AppTest rerun.

What is measured and why
------------------------
The issue's goal: after an edit, each page's rerun (the script run that shows the new numbers,
including :func:`results.analyse` of the edited scenario, which misses the cache) takes at most
**150 ms** more than Streamlit's own floor. The floor is a bare AppTest rerun of a one-line page
(``st.write``), measured in the same process.

An edit is made the way the app's callbacks make it: the open variant in the session is replaced
by the scenario with one activity quantity changed (alternating between two values, each run a
new content, so nothing is served from the results cache), then ``at.run()`` is timed. 20 timed
runs per page after one warm-up; the median and the minimum are reported.

Run: ``.venv/bin/python -m bench.rerun_bench`` (``make bench`` runs it too).
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

PAGES = ("inventory", "targets", "measures", "plan", "finance", "mv", "compare")  # the navigation's order
GOAL_MS = 150.0


def _times(at, edit, runs: int) -> list[float]:
    out = []
    for i in range(runs):
        edit(i)
        t0 = time.perf_counter()
        at.run()
        out.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
    return out


def run(runs: int = 20) -> dict:
    from streamlit.testing.v1 import AppTest

    from apptest_support import new_app, open_scenario  # AppTest that behaves like the server
    from workbook.read import read_scenario

    bare = AppTest.from_string("import streamlit as st\nst.write('x')", default_timeout=60)
    bare.run()
    floor = _times(bare, lambda i: None, runs)

    sample = read_scenario(ROOT / "sample_data" / "sample_factory_en.xlsx").scenario
    quantity = float(sample.activities["quantity"].iloc[0])
    report = {"floor_ms": statistics.median(floor) * 1000, "pages": {}}
    for k, page in enumerate(PAGES):
        at = new_app("en", timeout=120)
        at.run()
        at.switch_page(f"pages/{page}.py").run()

        def edit(i, at=at, k=k):
            table = sample.activities.copy()
            # a content no run before has had (the results cache is shared by every session)
            table.loc[0, "quantity"] = quantity * (1.0 + (k * 1000 + i + 2) * 1e-4)
            name = at.session_state["variant"]
            open_scenario(at, sample.with_table("Activities", table), name)

        edit(-1)
        at.run()  # warm-up: imports, first figures
        times = _times(at, edit, runs)
        median = statistics.median(times) * 1000
        report["pages"][page] = {"median_ms": median, "min_ms": min(times) * 1000,
                                 "over_floor_ms": median - report["floor_ms"]}
    print(f"edit → rerun per page (sample factory, median of {runs}); floor = bare AppTest rerun "
          f"{report['floor_ms']:.1f} ms; goal ≤ {GOAL_MS:.0f} ms per page")
    print(f"  {'page':<10} {'median ms':>10} {'min ms':>8} {'− floor':>8}  goal")
    for page, r in report["pages"].items():
        ok = "ok" if r["median_ms"] <= GOAL_MS else "over"
        print(f"  {page:<10} {r['median_ms']:>10.1f} {r['min_ms']:>8.1f} {r['over_floor_ms']:>8.1f}  {ok}")
    return report


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
