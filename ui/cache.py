"""Cached computations, keyed on their inputs (``st.cache_data`` copies results per caller)."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import streamlit as st

from results import ScenarioResults, analyse
from results.summary import results_summary
from workbook.model import ReadResult, Scenario
from workbook.read import read_scenario
from workbook.worker import read_in_worker

#: The workbooks shipped with the app (samples, templates): trusted, read in this process.
BUNDLED_DIR = Path(__file__).resolve().parent.parent / "sample_data"

#: Outcomes that may not repeat (a busy machine): not kept in the cache.
_TRANSIENT = {"limits.time", "limits.crashed", "internal.error"}


@lru_cache(maxsize=1)
def _bundled() -> dict[str, str]:
    """SHA-256 → file stem of every workbook in :data:`BUNDLED_DIR` (read once per process: a
    constant of the installation, not per-user data)."""
    return {hashlib.sha256(p.read_bytes()).hexdigest(): p.stem for p in sorted(BUNDLED_DIR.glob("*.xlsx"))}


def is_bundled(data: bytes, name: str) -> bool:
    """True when ``data`` is byte for byte the workbook shipped with the app under the stem
    ``name`` (how :func:`ui.state.load_sample` opens it); an upload (named with its extension)
    never is, whatever its bytes: every upload is read within the worker's limits."""
    return _bundled().get(hashlib.sha256(data).hexdigest()) == name


@st.cache_data(max_entries=64, show_spinner=False)
def _parse_cached(data: bytes, name: str) -> ReadResult:
    if is_bundled(data, name):
        # the app's own sample (trusted bytes): no worker process to start (about 0.5 s at the
        # first visit); the reading and its result are the same
        return read_scenario(data, name=name)
    return read_in_worker(data, name)


def parse_workbook(data: bytes, name: str) -> ReadResult:
    """Read and validate workbook bytes in a worker process with memory and time limits
    (:func:`workbook.worker.read_in_worker`: no file can take the server down), cached on the
    bytes so reruns do not re-parse; a time-out or crash is not cached (the next try reads again).
    The workbooks shipped with the app (:func:`is_bundled`) are read in this process."""
    result = _parse_cached(data, name)
    if any(p.code in _TRANSIENT for p in result.problems):
        _parse_cached.clear(data, name)
    return result


def _scenario_hash(scenario):
    """What a scenario's results depend on (its name is only a label): its content digest,
    computed once per scenario object (:attr:`workbook.model.Scenario.content_key`)."""
    return scenario.content_key


@st.cache_data(max_entries=32, show_spinner=False, hash_funcs={Scenario: _scenario_hash})
def results(scenario: Scenario) -> ScenarioResults:
    """The one results model of a scenario (:func:`results.analyse`), computed once per scenario
    content and shared by every page (a page switch or a rerun without an edit costs a lookup)."""
    return analyse(scenario)


@st.cache_data(max_entries=32, show_spinner=False, hash_funcs={Scenario: _scenario_hash})
def plan(scenario: Scenario, _res: ScenarioResults | None = None):
    """The least-cost plan of :func:`results` (``ScenarioResults.plan``, None without one) with
    its parts computed on first use (the every-year plan, the cost of ambition, the break-even
    prices) already computed: ``st.cache_data`` hands out copies, so they are computed here once
    per scenario content instead of on every rerun of the plan page. ``_res``: the caller's
    ``results(scenario)`` when it has them (not part of the key: saves another copy of them)."""
    out = (results(scenario) if _res is None else _res).plan
    if out is not None:
        out.plan(True), out.ambition, out.break_even(False), out.break_even(True)
    return out


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs={Scenario: _scenario_hash})
def summary(scenario: Scenario) -> dict:
    """The JSON view of :func:`results` (:func:`results.summary.results_summary`)."""
    return results_summary(results(scenario))


@st.cache_data(max_entries=32, show_spinner=False, hash_funcs={Scenario: _scenario_hash})
def mv_results(scenario: Scenario):
    """The scenario's M&V results: ``results(scenario).mv`` (computed on first use, so kept here
    once per scenario content, as :func:`plan`)."""
    return results(scenario).mv


@st.cache_data(max_entries=32, show_spinner=False, hash_funcs={Scenario: _scenario_hash})
def risk(scenario: Scenario, _res: ScenarioResults | None = None):
    """The scenario's sensitivity and Monte Carlo: ``results(scenario).risk`` (None without a
    measure with status ok; computed on first use, so kept here once per scenario content).
    ``_res``: the caller's ``results(scenario)`` when it has them (not part of the key)."""
    return (results(scenario) if _res is None else _res).risk
