"""Benchmark: ``energy-scenarios compare`` over many small workbooks, one process against two.

What is measured and why
------------------------
The issue's goal: thousands of participants' or facilities' workbooks summarised on one machine,
each file computed once, and **≥ 1.8×** the throughput with two processes than with one. The
workbooks are the sample factory (Company, Activities, Targets, Production, Measures, Finance,
24 months of meter data) with every activity quantity scaled by a different factor per file, so
no two files are alike; they are written once into a temporary folder (the writing is reported,
not timed).

Each timing is the whole command as a user runs it, ``python -m cli.main compare FOLDER
--parquet OUT --jobs N`` in a fresh interpreter (start, imports, the pool's start, reading,
analysing, writing the Parquet tables), for ``--jobs 1`` (in-process) and ``--jobs 2`` (a pool of
two), ``--repeat`` times each (default 1; the median is used). Reported: files/s, files/s per
core (files/s ÷ jobs) and the speed-up (time with one ÷ time with two). The machine's other load
is not controlled: on shared cores the speed-up is noisy, so the same run also measures the
machine's ceiling for two processes at that moment, the bare baseline: two ``--jobs 1`` commands
started at once, each over half of the files (no pool, nothing shared); ``pool / ceiling`` near
1 means the pool itself loses nothing.

Files: 200 by default (about a minute in all on two cores); ``ENERGY_SCENARIOS_BENCH_COMPARE_FILES``
or ``--files`` sets another number, e.g. the issue's 1,000.
Run: ``.venv/bin/python -m bench.compare_bench [--files N] [--repeat R]`` (``make bench`` runs it too).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "sample_factory_en.xlsx"
GOAL_SPEEDUP = 1.8
DEFAULT_FILES = 200


def n_files_default() -> int:
    try:
        return max(2, int(os.environ.get("ENERGY_SCENARIOS_BENCH_COMPARE_FILES", DEFAULT_FILES)))
    except ValueError:
        return DEFAULT_FILES


def generate(folder: Path, n: int) -> None:
    """``n`` variations of the sample: activity quantities × (0.5 … 1.5), one factor per file."""
    from workbook.read import read_scenario
    from workbook.write import write_scenario

    base = read_scenario(SAMPLE).scenario
    acts = base.activities
    for i in range(n):
        table = acts.copy()
        table["quantity"] = acts["quantity"] * (0.5 + i / max(1, n - 1))
        scenario = base.with_table("Activities", table).with_field("Company", "name", f"Factory {i:04d}")
        (folder / f"factory_{i:04d}.xlsx").write_bytes(write_scenario(scenario, "en"))


def _compare(folder: Path, out: Path, jobs: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "cli.main", "compare", str(folder), "--parquet", str(out),
                           "--jobs", str(jobs), "--lang", "en"], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"compare --jobs {jobs} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed


def _halves(folder: Path, out: Path) -> float:
    """Two independent ``--jobs 1`` commands at once, each over half of the files."""
    files = sorted(str(p) for p in folder.glob("*.xlsx"))
    half = len(files) // 2
    t0 = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", "cli.main", "compare", *part, "--parquet", str(out / name),
                               "--jobs", "1", "--lang", "en"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
             for name, part in (("first", files[:half]), ("second", files[half:]))]
    codes = [p.wait() for p in procs]
    elapsed = time.perf_counter() - t0
    if any(codes):
        raise SystemExit(f"compare over halves failed: exit codes {codes}")
    return elapsed


def _check(out: Path, n: int) -> None:
    """A fast wrong answer is not a result: every file a row with status ok, in order."""
    import pandas as pd

    summary = pd.read_parquet(out / "summary.parquet")
    names = [Path(f).name for f in summary["file"]]
    if names != [f"factory_{i:04d}.xlsx" for i in range(n)] or set(summary["status"]) != {"ok"}:
        raise SystemExit(f"SANITY CHECK FAILED: {len(summary)} rows, statuses {sorted(set(summary['status']))}")


def run(n_files: int | None = None, repeat: int = 1) -> dict:
    n = n_files or n_files_default()
    with tempfile.TemporaryDirectory(prefix="compare-bench-") as tmp:
        folder, out = Path(tmp) / "workbooks", Path(tmp) / "tables"
        folder.mkdir()
        t0 = time.perf_counter()
        generate(folder, n)
        gen_s = time.perf_counter() - t0
        timings = {}
        for jobs in (1, 2):
            times = [_compare(folder, out, jobs) for _ in range(repeat)]
            _check(out, n)
            median = statistics.median(times)
            timings[jobs] = {"median_s": median, "runs_s": times, "files_per_s": n / median,
                             "files_per_s_per_core": n / median / jobs}
        ceiling_s = statistics.median(_halves(folder, out) for _ in range(repeat))
    speedup = timings[1]["median_s"] / timings[2]["median_s"]
    ceiling = timings[1]["median_s"] / ceiling_s
    report = {"files": n, "generated_s": gen_s, "cpu_count": os.cpu_count(),
              "jobs": {str(k): v for k, v in timings.items()}, "speedup_2_vs_1": speedup,
              "ceiling_two_independent_s": ceiling_s, "ceiling_speedup": ceiling,
              "goal_speedup": GOAL_SPEEDUP, "pass": speedup >= GOAL_SPEEDUP}
    print(f"compare over {n} small workbooks (the sample, varied; written in {gen_s:.1f} s), "
          f"whole command with --parquet; {os.cpu_count()} CPU(s), median of {repeat}")
    print(f"  {'jobs':>4} {'seconds':>8} {'files/s':>8} {'files/s per core':>17}")
    for jobs, t in timings.items():
        print(f"  {jobs:>4} {t['median_s']:>8.2f} {t['files_per_s']:>8.1f} {t['files_per_s_per_core']:>17.1f}")
    verdict = "PASS" if speedup >= GOAL_SPEEDUP else "UNDER"
    print(f"  speed-up with two processes: {speedup:.2f}x   goal >= {GOAL_SPEEDUP}x   {verdict}")
    print(f"  machine's two-process ceiling now (two --jobs 1 over halves at once, {ceiling_s:.2f} s): "
          f"{ceiling:.2f}x; pool / ceiling {speedup / ceiling:.2f}")
    return report


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, help=f"workbooks to compare (default {DEFAULT_FILES}, or "
                    "ENERGY_SCENARIOS_BENCH_COMPARE_FILES)")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs per --jobs value (default 1)")
    args = ap.parse_args()
    run(args.files, args.repeat)
