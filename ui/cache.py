"""Cached computations, keyed on their inputs (``st.cache_data`` copies results per caller)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from calc.factors import GridChoice, scenario_factor_table
from calc.inventory import InventoryResult, compute_inventory
from cli.summary import scenario_summary
from workbook.model import ReadResult, Scenario
from workbook.read import read_scenario


@st.cache_data(max_entries=64, show_spinner=False)
def parse_workbook(data: bytes, name: str) -> ReadResult:
    """Read and validate workbook bytes (cached on the bytes: reruns do not re-parse)."""
    return read_scenario(data, name=name)


@st.cache_data(max_entries=256, show_spinner=False)
def inventory(activities: pd.DataFrame, company: dict, factors: pd.DataFrame
              ) -> tuple[InventoryResult, GridChoice, pd.DataFrame]:
    """The inventory, the grid factor used and the factor table for a scenario's inputs."""
    table, grid = scenario_factor_table(company, factors)
    return compute_inventory(activities, table), grid, table


def _scenario_hash(scenario):
    """What a scenario's results depend on (its name is only a label)."""
    return scenario.fields, scenario.tables


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs={Scenario: _scenario_hash})
def summary(scenario: Scenario) -> dict:
    """Every result of a scenario (:func:`cli.summary.scenario_summary`), cached on its inputs."""
    return scenario_summary(scenario)
