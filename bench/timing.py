"""The one timer every benchmark uses: warm-up runs, then repeated perf_counter timings."""
from __future__ import annotations

import statistics
import time


def timeit(fn, arg=None, repeat: int = 5, warmup: int = 1) -> dict:
    """Call ``fn(arg)`` ``warmup`` times untimed, then ``repeat`` times timed.

    Returns ``{"median", "min", "runs"}`` in seconds.
    """
    for _ in range(warmup):
        fn(arg)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - t0)
    return {"median": statistics.median(times), "min": min(times), "runs": times}


#: the calibration loop's length: about 0.4–0.5 s of CPython on an unloaded current x86 core
CALIBRATION_STEPS = 10_000_000


def _python_loop(steps: int) -> int:
    total = 0
    for i in range(steps):
        total += i
    return total


def machine_speed(repeat: int = 3) -> dict:
    """How fast this machine runs plain Python right now: seconds for :data:`CALIBRATION_STEPS`
    additions in a Python loop (median, min of ``repeat``). Absolute goals (150 ms, 0.3 s, 1 s)
    depend on it; ratios against a baseline of the same run do not. Printed beside the benchmarks
    so that a run on a slow or busy machine is read as such."""
    return timeit(_python_loop, CALIBRATION_STEPS, repeat=repeat, warmup=0)


def speed_line(speed: dict) -> str:
    return (f"machine speed: {CALIBRATION_STEPS:,} Python additions in {speed['median']:.2f} s "
            f"(min {speed['min']:.2f} s; about 0.4–0.5 s on an unloaded current core: absolute "
            f"goals scale with it, ratios do not)")
