"""The batch behind ``energy-scenarios compare``: each workbook read and analysed once, on N cores.

One workbook is one task, :func:`analyse_file`: read it (:func:`workbook.read.read_scenario`,
under the upload limits), then for each variant (or the scenario) one :func:`results.analyse`
and one JSON view (:func:`results.summary.results_summary`) from which its KPI row, its measures
and its yearly paths are taken. Nothing is computed outside the results model, and nothing twice.

:func:`run_batch` runs the tasks over a :class:`concurrent.futures.ProcessPoolExecutor`
(``jobs`` ≥ 2) or in this process (``jobs`` = 1) and gives the results in the input order.

Limits and failures
-------------------
- The read runs under the limits of an upload (``ENERGY_SCENARIOS_PARSE_MEMORY_MB`` of address
  space above the process's size, ``ENERGY_SCENARIOS_PARSE_SECONDS`` of wall time, checked when
  the reader hands control back to Python), in the pool's worker process itself rather than in a
  fresh interpreter per file as the app does: that start (about 0.4 s) would cost more than
  reading and analysing a small workbook.
- A file that cannot be read, or whose calculation raises, is that file's problem entry.
- A worker process that dies (a native crash of the reader) breaks the pool: the files that were
  in flight are then run again one at a time, each in a pool of its own, so the one that crashes
  is reported (``limits.crashed``) and the others come out; the batch continues with a new pool.
  With ``jobs`` = 1 nothing separates the reader from the command itself, so such a crash ends
  the run: use ``--jobs 2`` or more for files that may be hostile.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from results import analyse
from results.summary import results_summary
from views.kpis import COLUMNS, kpis
from workbook.messages import problem
from workbook.model import Problem
from workbook.read import read_scenario
from workbook.safety import memory_limit_mb, time_limit_s
from workbook.worker import address_space, limit_address_space

__all__ = ["FileResult", "analyse_file", "default_jobs", "run_batch", "MEASURE_COLUMNS", "PATH_COLUMNS"]

MB = 1024 * 1024

#: the long table of measures: per workbook × variant × measure, from ``results_summary``'s
#: ``measures`` (position = the measure's place in the Measures sheet, 0 first)
MEASURE_COLUMNS = (
    "id", "name", "category", "term", "fuel", "method", "saving_quantity", "saving_unit", "saving_kwh",
    "saving_toe", "reduction_tco2e", "claimed_reduction_tco2e", "applied_tco2e", "capped_share", "issue",
    "energy_cost_saving", "capex", "opex_change", "annualised_cost", "abatement_cost_per_tco2e",
    "lifetime_years", "start_year", "status", "simple_payback_years", "discounted_payback_years", "npv", "irr",
    "irr_code", "roi", "bcr", "cost_of_saved_energy_per_kwh")
#: the yearly paths: per workbook × variant × calendar year, from ``results_summary``'s ``portfolio``
PATH_COLUMNS = ("bau_tco2e", "reduction_tco2e", "with_measures_tco2e", "target_tco2e", "gap_tco2e")


@dataclass(frozen=True)
class FileResult:
    """What one workbook gives: KPI rows (one per variant, or one), its problems, and the long
    tables' records (each with ``file`` and ``variant``). Plain data: it crosses processes."""

    rows: list[dict]
    problems: list[Problem]
    measures: list[dict] = field(default_factory=list)
    paths: list[dict] = field(default_factory=list)


# -- the limits of one read -----------------------------------------------------------------------
class ReadTimeout(BaseException):
    """Raised by the timer inside the reader; a BaseException so no ``except Exception`` in the
    reader turns it into another problem."""


@contextmanager
def _limits(memory_mb: int, seconds: float):
    """Address space ≤ the size now + ``memory_mb`` and a wall-time alarm after ``seconds``, both
    put back as they were on leaving (the soft limit only; the hard one is never touched)."""
    try:
        import resource
    except ImportError:  # not POSIX: no limits
        resource = None
    saved = None
    size = address_space()
    if resource is not None and size:
        saved = limit_address_space(memory_mb * MB, size)
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if timer:
        def _alarm(signum, frame):
            raise ReadTimeout

        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if saved is not None:
            resource.setrlimit(resource.RLIMIT_AS, saved)


def _read(path: Path):
    memory_mb, seconds = memory_limit_mb(), time_limit_s()
    try:
        with _limits(memory_mb, seconds):
            return read_scenario(path), None
    except ReadTimeout:
        return None, problem("limits.time", seconds=f"{seconds:g}")


# -- one workbook ---------------------------------------------------------------------------------
def analyse_file(path: Path) -> FileResult:
    """Read ``path`` once and analyse each of its variants once; never raises (a failure is a
    problem entry of this file and a row with its status)."""
    row = {key: None for key, *_ in COLUMNS}
    row["file"] = str(path)
    try:
        result, stopped = _read(Path(path))
    except Exception as exc:  # noqa: BLE001 - the reader's last line of defence failed too
        result, stopped = None, problem("internal.error", detail=f"{type(exc).__name__}: {exc}")
    if stopped is not None:
        return _failed(path, stopped)
    problems = list(result.problems)
    scenario = result.scenario
    if scenario is not None:
        row["company"] = scenario.company.get("name") or None
    errors = sum(p.severity == "error" for p in problems)
    row["status"] = f"errors: {errors}" if errors else "ok"
    if not result.ok:
        return FileResult([row], problems)
    rows, measures, paths = [], [], []
    for name, variant in (result.variants or {None: scenario}).items():
        rec = {**row, "variant": name, "company": variant.company.get("name") or None}
        try:
            summary = results_summary(analyse(variant))
        except Exception as exc:  # a workbook the calculations cannot handle: its own problem entry
            problems.append(problem("internal.error", detail=f"{type(exc).__name__}: {exc}"))
            rec["status"] = "errors: 1"
        else:
            rec.update(kpis(summary))
            key = {"file": str(path), "variant": name}
            measures += [{**key, "position": i, **{k: m.get(k) for k in MEASURE_COLUMNS}}
                         for i, m in enumerate(summary["measures"])]
            portfolio = summary["portfolio"]
            paths += [{**key, "year": year, "target": portfolio["target"],
                       **{c: portfolio[c].get(str(year)) for c in PATH_COLUMNS}} for year in portfolio["years"]]
        rows.append(rec)
    return FileResult(rows, problems, measures, paths)


def _failed(path: Path, entry: Problem) -> FileResult:
    """A file that gave nothing but one problem: a row with its status and blank KPIs."""
    row = {key: None for key, *_ in COLUMNS}
    row.update(file=str(path), status="errors: 1")
    return FileResult([row], [entry])


def _crashed(path: Path, detail: str) -> FileResult:
    return _failed(path, problem("limits.crashed", detail=detail, limit=f"{memory_limit_mb():g}"))


# -- many workbooks -------------------------------------------------------------------------------
def default_jobs() -> int:
    """The cores this process may use (``os.process_cpu_count`` where Python has it)."""
    count = getattr(os, "process_cpu_count", os.cpu_count)() or 1
    return max(1, count)


def _context():
    """How workers start: fork when this process has no other thread (the command line: the
    workers begin with every module imported, no start-up cost), else a fresh interpreter that
    imports the calculations once (forkserver with the batch preloaded), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["cli.batch"])
        return ctx
    return multiprocessing.get_context("spawn")


def _alone(path: Path, ctx) -> FileResult:
    """``path`` in a pool of its own: the file that breaks it is the one that crashed."""
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        try:
            return pool.submit(analyse_file, path).result()
        except BrokenProcessPool:
            return _crashed(path, "worker process ended")


def run_batch(files: list[Path], jobs: int, mp_context=None, on_result=None) -> list[FileResult]:
    """:func:`analyse_file` of every file, in the order of ``files``.

    ``jobs`` = 1 runs in this process; more runs a pool of that many processes (``mp_context``,
    default :func:`_context`) with at most two files in flight per process, so a worker that dies
    costs a re-run of a handful of files only. ``on_result(i, result)`` is called as each file is
    done (in completion order), e.g. for progress.
    """
    results: list[FileResult | None] = [None] * len(files)

    def done(i, res):
        results[i] = res
        if on_result is not None:
            on_result(i, res)

    if jobs <= 1 or len(files) <= 1:
        for i, path in enumerate(files):
            done(i, analyse_file(path))
        return results
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core per worker, as the upload worker
    ctx = mp_context or _context()
    queue = list(range(len(files)))[::-1]  # pop() takes the next file in order
    window = 2 * jobs
    while queue:
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(queue)), mp_context=ctx)
        pending: dict = {}
        broken: list[int] = []
        try:
            while queue or pending:
                while queue and len(pending) < window:
                    i = queue.pop()
                    pending[pool.submit(analyse_file, files[i])] = i
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i = pending.pop(fut)
                    try:
                        done(i, fut.result())
                    except BrokenProcessPool:
                        broken.append(i)
                    except Exception as exc:  # noqa: BLE001 - e.g. a result that could not be pickled
                        done(i, _failed(files[i], problem("internal.error", detail=f"{type(exc).__name__}: {exc}")))
                if broken:
                    broken += pending.values()
                    break
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        for i in sorted(broken):
            done(i, _alone(files[i], ctx))
    return results
