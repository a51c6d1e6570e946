"""Benchmark: IRR of 10,000 cash-flow rows with :func:`calc.finance.irr` vs a loop of numpy-financial.

What is measured and why
------------------------
The finance page and the portfolio table compute one IRR per measure, per scenario and per
Monte Carlo draw, so the IRR must be vectorised. Target: the 2-D :func:`calc.finance.irr`
(Newton on all rows at once) is at least **30×** faster than a Python loop of
``numpy_financial.irr`` (``numpy.roots`` per row) over the same rows, with the same answers to
1e-9 where numpy-financial has one.

Rows: 10,000 seeded conventional flows of 21 periods: −capex (1,000 … 1,000,000) at t = 0,
then 20 yearly inflows of capex / (simple payback 2 … 15 years) × lognormal noise (σ = 0.3).

Both timings run once as a warm-up, then ``repeat`` times with :func:`time.perf_counter`
(the numpy-financial loop at least twice); the ratio uses the medians. Benchmarks report, they
do not gate: ``PASS`` or ``OVER`` is printed, the exit code is 0 unless the answers differ.

Run from the project root: ``.venv/bin/python -m bench.finance_bench``; ``bench/run.py`` may
call :func:`run`.
"""
from __future__ import annotations

import sys
import time
import warnings

import numpy as np
import numpy_financial as npf

from calc.finance import FinanceWarning, irr
from bench.timing import timeit

N_ROWS = 10_000
N_PERIODS = 21
SEED = 20240101
TARGET_SPEEDUP = 30.0
TOLERANCE = 1e-9


def cash_flows(n_rows: int = N_ROWS, n_periods: int = N_PERIODS, seed: int = SEED) -> np.ndarray:
    """Seeded conventional flows: −capex, then noisy positive inflows (rows × periods)."""
    rng = np.random.default_rng(seed)
    capex = rng.uniform(1e3, 1e6, n_rows)
    annual = capex / rng.uniform(2.0, 15.0, n_rows)
    inflows = annual[:, None] * rng.lognormal(0.0, 0.3, (n_rows, n_periods - 1))
    return np.hstack([-capex[:, None], inflows])


def ours(flows: np.ndarray) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FinanceWarning)
        return irr(flows)


def npf_loop(flows: np.ndarray) -> np.ndarray:
    return np.array([npf.irr(row) for row in flows])


def run(print_fn=print, repeat: int = 5) -> dict:
    """Time both, check the answers, print a report; return the numbers as a dict."""
    flows = cash_flows()
    got, expected = ours(flows), npf_loop(flows)
    has = np.isfinite(expected)
    diff = np.abs(got[has] - expected[has])
    max_diff = float(diff.max()) if diff.size else 0.0
    mismatches = int((diff > TOLERANCE).sum() + np.isnan(diff).sum())
    same = mismatches == 0

    timings = {"calc.finance.irr (2-D)": timeit(ours, flows, repeat),
               "numpy_financial.irr loop": timeit(npf_loop, flows, max(2, repeat // 2), warmup=0)}
    ratio = timings["numpy_financial.irr loop"]["median"] / timings["calc.finance.irr (2-D)"]["median"]
    verdict = "PASS" if ratio >= TARGET_SPEEDUP else "OVER"

    print_fn(f"\nBenchmark: IRR of {N_ROWS:,} rows × {N_PERIODS} periods (seed {SEED})")
    width = max(len(k) for k in timings)
    print_fn(f"{'timing':<{width}}  {'median s':>9}  {'min s':>9}  runs")
    print_fn(f"{'-' * width}  {'-' * 9}  {'-' * 9}  ----")
    for name, t in timings.items():
        print_fn(f"{name:<{width}}  {t['median']:9.4f}  {t['min']:9.4f}  {len(t['runs'])}")
    print_fn(f"answers: {int(has.sum()):,} rows with a numpy-financial IRR, max |diff| {max_diff:.2e}, "
             f"{mismatches} over {TOLERANCE:g}  {'SAME' if same else 'DIFFERENT'}")
    print_fn(f"npf loop / ours : {ratio:7.1f}x faster   target >= {TARGET_SPEEDUP:g}x   {verdict}")
    if verdict == "OVER":
        print_fn(f"\n*** OVER TARGET: only {ratio:.1f}x faster (target {TARGET_SPEEDUP:g}x) ***")
    return {"rows": N_ROWS, "periods": N_PERIODS, "seed": SEED, "target_speedup": TARGET_SPEEDUP,
            "speedup": ratio, "pass": verdict == "PASS", "same_answers": same,
            "max_abs_diff": max_diff, "mismatches": mismatches, "compared_rows": int(has.sum()),
            "timings_s": timings}


def main() -> int:
    result = run()
    return 0 if result["same_answers"] else 1


if __name__ == "__main__":
    sys.exit(main())
