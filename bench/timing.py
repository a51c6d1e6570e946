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
