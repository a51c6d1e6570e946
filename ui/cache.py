"""Cached computations, keyed on their inputs (``st.cache_data`` copies results per caller)."""
from __future__ import annotations

import streamlit as st

from results import ScenarioResults, analyse
from results.summary import results_summary
from workbook.model import ReadResult, Scenario
from workbook.read import read_scenario


@st.cache_data(max_entries=64, show_spinner=False)
def parse_workbook(data: bytes, name: str) -> ReadResult:
    """Read and validate workbook bytes (cached on the bytes: reruns do not re-parse)."""
    return read_scenario(data, name=name)


def _scenario_hash(scenario):
    """What a scenario's results depend on (its name is only a label): its content digest,
    computed once per scenario object (:attr:`workbook.model.Scenario.content_key`)."""
    return scenario.content_key


@st.cache_data(max_entries=32, show_spinner=False, hash_funcs={Scenario: _scenario_hash})
def results(scenario: Scenario) -> ScenarioResults:
    """The one results model of a scenario (:func:`results.analyse`), computed once per scenario
    content and shared by every page (a page switch or a rerun without an edit costs a lookup)."""
    return analyse(scenario)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs={Scenario: _scenario_hash})
def summary(scenario: Scenario) -> dict:
    """The JSON view of :func:`results` (:func:`results.summary.results_summary`)."""
    return results_summary(results(scenario))


def mv_results(scenario: Scenario):
    """The scenario's M&V results: ``results(scenario).mv``."""
    return results(scenario).mv
