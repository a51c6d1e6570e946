"""Benchmark: Monte Carlo of a portfolio's NPV and IRR, 10,000 draws × 50 measures × 20 years.

What is measured and why
------------------------
The target is that :func:`calc.risk.monte_carlo` with 10,000 draws of a 50-measure portfolio over
20 years, NPV *and* IRR per draw, takes under **1 s** on the reference machine (2 cores), so a
workshop can re-run it on every slider move.

* ``monte carlo``      one ``monte_carlo`` call: four inputs drawn (price and capex triangular,
  saving normal, discount rate triangular), NPV and the portfolio's IRR per draw, percentiles;
* ``single run``       one deterministic ``portfolio_npv`` + ``portfolio_irr`` (what a loop of
  10,000 scenarios would repeat); the ratio ``monte carlo / (single × 10,000)`` shows what the
  vectorisation buys.

The measures are random but seeded: capex log-uniform 1e8–1e10, energy cost savings giving simple
paybacks of 1–8 years, opex changes 0–10 % of the saving, lifetimes 5–25 years. Each timing runs
once as a warm-up, then ``repeat`` times (the single run ``single_loops`` times) with
:func:`time.perf_counter`; medians are reported. Benchmarks report, they do not gate.

Run from the project root: ``.venv/bin/python -m bench.risk_bench``; :func:`run` is what
``bench.run`` can call.
"""
from __future__ import annotations

import os
import platform
import sys
import time

import numpy as np

from calc.risk import monte_carlo, portfolio_irr, portfolio_npv
from bench.timing import timeit

SEED = 20240101
N_MEASURES = 50
YEARS = 20
DRAWS = 10_000
TARGET_S = 1.0
DISTRIBUTIONS = {"energy_price": ("triangular", 0.8, 1.0, 1.3), "saving": ("normal", 1.0, 0.15),
                 "capex": ("triangular", 0.9, 1.0, 1.3), "discount_rate": ("triangular", 6.0, 10.0, 14.0)}


def measures(n: int = N_MEASURES, seed: int = SEED) -> dict:
    """The seeded random portfolio, as keyword arguments of :func:`calc.risk.portfolio_npv`."""
    rng = np.random.default_rng(seed)
    capex = 10.0 ** rng.uniform(8.0, 10.0, n)
    saving = capex / rng.uniform(1.0, 8.0, n)                 # simple payback 1–8 years
    return {"capex": capex, "energy_cost_saving": saving, "opex_change": saving * rng.uniform(0.0, 0.1, n),
            "lifetime_years": rng.integers(5, 26, n).astype(float), "discount_rate_pct": 10.0,
            "years": YEARS, "escalation_pct": 3.0}


def _time(fn, repeat: int, warmup: int = 1) -> dict:
    """:func:`bench.timing.timeit` for a function of no argument; ``runs`` is the count."""
    result = timeit(lambda _: fn(), None, repeat, warmup)
    return {**result, "runs": len(result["runs"])}


def run(print_fn=print, repeat: int = 5, single_loops: int = 200) -> dict:
    """Time the Monte Carlo and one deterministic run; print a report; return the numbers."""
    base = measures()
    result = monte_carlo(**base, draws=DRAWS, seed=42, distributions=DISTRIBUTIONS)

    # sanity first: a fast wrong answer is not a result
    flat = {k: ("triangular", 1.0, 1.0, 1.0) for k in ("energy_price", "saving", "capex")}
    check = monte_carlo(**base, draws=100, distributions=flat)
    npv0, irr0 = portfolio_npv(**base), portfolio_irr(**base)
    sane = bool(np.allclose(check["npv"], npv0, rtol=1e-9) and np.allclose(check["irr"], irr0, rtol=1e-9)
                and result["npv"].shape == (DRAWS,) and np.isfinite(result["npv"]).all())

    mc = _time(lambda: monte_carlo(**base, draws=DRAWS, seed=42, distributions=DISTRIBUTIONS), repeat)
    single = _time(lambda: (portfolio_npv(**base), portfolio_irr(**base)), single_loops)
    ratio = mc["median"] / (single["median"] * DRAWS)
    verdict = "PASS" if mc["median"] < TARGET_S else "OVER"

    p = print_fn
    p(f"\nBenchmark: Monte Carlo {DRAWS:,} draws x {N_MEASURES} measures x {YEARS} years (NPV + IRR)")
    p(f"machine: {os.cpu_count()} CPU(s), {platform.platform()}, Python {platform.python_version()}, "
      f"numpy {np.__version__}")
    p(f"sanity (zero-width draws = deterministic NPV/IRR): {'ok' if sane else 'FAILED'}")
    p(f"deterministic NPV {npv0:,.0f}, IRR {irr0:.2%}")
    p(f"NPV P10/P50/P90 {result['p10']:,.0f} / {result['p50']:,.0f} / {result['p90']:,.0f}; "
      f"P(NPV > 0) {result['prob_npv_positive']:.1%}; IRR P10/P50/P90 {result['irr_p10']:.2%} / "
      f"{result['irr_p50']:.2%} / {result['irr_p90']:.2%}; IRR undefined in "
      f"{np.isnan(result['irr']).mean():.1%} of draws\n")
    p(f"{'timing':<12}  {'median s':>10}  {'min s':>10}  runs")
    p(f"{'-' * 12}  {'-' * 10}  {'-' * 10}  ----")
    p(f"{'monte carlo':<12}  {mc['median']:10.4f}  {mc['min']:10.4f}  {mc['runs']}")
    p(f"{'single run':<12}  {single['median']:10.6f}  {single['min']:10.6f}  {single['runs']}\n")
    p(f"monte carlo / (single run x {DRAWS:,}) : {ratio:.4f}x  ({1 / ratio:,.0f}x faster than a loop)")
    p(f"monte carlo : {mc['median']:.3f} s   target < {TARGET_S:.0f} s   {verdict}")
    if verdict == "OVER":
        p(f"\n*** OVER TARGET: {mc['median']:.2f} s (target {TARGET_S} s) ***")
    return {"draws": DRAWS, "measures": N_MEASURES, "years": YEARS, "target_s": TARGET_S,
            "pass": verdict == "PASS", "sane": sane, "timings_s": {"monte_carlo": mc, "single_run": single},
            "ratio_mc_to_single_x_draws": ratio,
            "results": {k: result[k] for k in ("p10", "p50", "p90", "irr_p10", "irr_p50", "irr_p90",
                                               "prob_npv_positive")},
            "machine": {"cpu_count": os.cpu_count(), "platform": platform.platform(),
                        "python": platform.python_version(), "numpy": np.__version__}}


if __name__ == "__main__":
    out = run()
    sys.exit(0 if out["sane"] else 1)
