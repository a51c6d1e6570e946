"""Benchmarks (run with ``python -m bench.run``; see :mod:`bench.run`)."""
