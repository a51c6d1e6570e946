"""Cached computations, keyed on their inputs (``st.cache_data`` copies results per caller)."""
from __future__ import annotations

import streamlit as st

from results import ScenarioResults, analyse
from results.summary import results_summary
from workbook.model import ReadResult, Scenario
from workbook.worker import read_in_worker

#: Outcomes that may not repeat (a busy machine): not kept in the cache.
_TRANSIENT = {"limits.time", "limits.crashed", "internal.error"}


@st.cache_data(max_entries=64, show_spinner=False)
def _parse_cached(data: bytes, name: str) -> ReadResult:
    return read_in_worker(data, name)


def parse_workbook(data: bytes, name: str) -> ReadResult:
    """Read and validate workbook bytes in a worker process with memory and time limits
    (:func:`workbook.worker.read_in_worker`: no file can take the server down), cached on the
    bytes so reruns do not re-parse; a time-out or crash is not cached (the next try reads again)."""
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
def plan(scenario: Scenario):
    """The least-cost plan of :func:`results` (``ScenarioResults.plan``, None without one) with
    its parts computed on first use (the every-year plan, the cost of ambition, the break-even
    prices) already computed: ``st.cache_data`` hands out copies, so they are computed here once
    per scenario content instead of on every rerun of the plan page."""
    out = results(scenario).plan
    if out is not None:
        out.plan(True), out.ambition, out.break_even(False), out.break_even(True)
    return out


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs={Scenario: _scenario_hash})
def summary(scenario: Scenario) -> dict:
    """The JSON view of :func:`results` (:func:`results.summary.results_summary`)."""
    return results_summary(results(scenario))


def mv_results(scenario: Scenario):
    """The scenario's M&V results: ``results(scenario).mv``."""
    return results(scenario).mv
