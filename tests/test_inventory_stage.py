"""Issue 16: an edit that leaves the inventory's inputs alone (measures, targets, finance settings)
reuses the inventory stage instead of recomputing every activity row, and changes no number.

The reference is the stage computed afresh (:func:`results.analyse.compute_inventory_stage`) and
:func:`results.analyse` with nothing kept; the digests are checked against the rule they state
(equal inputs, equal digests; any change of an input, another digest).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import importlib
from dataclasses import replace

from results.analyse import analyse, compute_inventory_stage, inventory_key
from tests.paths import ROOT
from workbook.read import read_scenario

SAMPLE = ROOT / "sample_data" / "sample_factory_en.xlsx"
# the module (the package ``results`` exports the function ``analyse`` under the same name)
analyse_module = importlib.import_module("results.analyse")


@pytest.fixture()
def sample():
    analyse_module._stages.clear()
    yield read_scenario(SAMPLE).scenario
    analyse_module._stages.clear()


@pytest.fixture()
def counted(monkeypatch):
    """How often the stage is computed afresh."""
    calls = []
    real = analyse_module.compute_inventory_stage

    def counting(scenario):
        calls.append(scenario)
        return real(scenario)

    monkeypatch.setattr(analyse_module, "compute_inventory_stage", counting)
    return calls


def _same_results(a, b) -> None:
    pd.testing.assert_frame_equal(a.inventory.rows, b.inventory.rows)
    assert a.inventory.total_tco2e == b.inventory.total_tco2e
    pd.testing.assert_frame_equal(a.factor_table, b.factor_table)
    pd.testing.assert_frame_equal(a.pareto, b.pareto)
    pd.testing.assert_frame_equal(a.measures, b.measures)
    pd.testing.assert_frame_equal(a.finance.indicators, b.finance.indicators)
    pd.testing.assert_frame_equal(a.portfolio, b.portfolio)
    assert a.activity_problems == b.activity_problems and a.measure_problems == b.measure_problems
    assert a.grid == b.grid and a.totals == b.totals


def test_digests_follow_the_inputs_of_each_part(sample):
    key = inventory_key(sample)
    assert inventory_key(read_scenario(SAMPLE).scenario) == key  # equal content, equal digest
    # edits outside the inventory's inputs keep its digest; the whole scenario's digest changes
    for edited in (sample.with_field("Finance", "discount_rate_pct", 12.5),
                   sample.with_table("Measures", sample.table("Measures").iloc[:1]),
                   sample.with_table("Targets", sample.table("Targets").iloc[:0])):
        assert inventory_key(edited) == key and edited.content_key != sample.content_key
    # an edit of each input: another digest
    acts = sample.activities.copy()
    acts.loc[0, "quantity"] = float(acts.loc[0, "quantity"]) + 1.0
    for edited in (sample.with_table("Activities", acts),
                   sample.with_field("Company", "grid_ef_tco2_per_mwh", 0.5),
                   sample.with_table("Factors", sample.table("Factors").iloc[:0]) if len(sample.table("Factors"))
                   else sample.with_field("Company", "gwp_set", "AR6"),
                   # the same rows read from other Excel rows (the row problems name them)
                   replace(sample, rows={**sample.rows, "Activities": [r + 1 for r in sample.excel_rows("Activities")]})):
        assert inventory_key(edited) != key


def test_an_edit_hands_on_the_digests_of_the_tables_it_did_not_change(sample, monkeypatch):
    for table in sample.tables:
        sample.table_digest(table)
    digested = []
    real = pd.DataFrame.reset_index

    def watching(self, *args, **kwargs):
        digested.append(len(self))
        return real(self, *args, **kwargs)

    edited = sample.with_field("Finance", "discount_rate_pct", 11.0)
    measures = sample.table("Measures").iloc[:1]
    replaced = edited.with_table("Measures", measures)
    monkeypatch.setattr(pd.DataFrame, "reset_index", watching)
    edited.content_key, replaced.content_key  # noqa: B018
    monkeypatch.undo()
    assert digested == [len(measures)]  # only the new Measures table was pickled again
    # and the handed-on digests are the ones a fresh scenario computes
    fresh = type(sample)(fields=replaced.fields, tables=dict(replaced.tables), rows=dict(replaced.rows))
    assert fresh.content_key == replaced.content_key


def test_a_finance_edit_reuses_the_stage_and_gives_the_fresh_results(sample, counted):
    first = analyse(sample)
    rates = [12.0, 7.5, 12.0]
    for rate in rates:
        edited = sample.with_field("Finance", "discount_rate_pct", rate)
        kept = analyse(edited)
        analyse_module._stages.clear()
        fresh = analyse(edited)  # nothing kept
        _same_results(kept, fresh)
    # computed for the first analysis and after each clearing, never for a kept stage
    assert len(counted) == 1 + len(rates)
    assert first.inventory.total_tco2e == kept.inventory.total_tco2e


def test_an_activity_edit_computes_the_stage_again(sample, counted):
    analyse(sample)
    acts = sample.activities.copy()
    acts.loc[0, "quantity"] = float(acts.loc[0, "quantity"]) * 2
    edited = analyse(sample.with_table("Activities", acts))
    assert len(counted) == 2
    expected = compute_inventory_stage(sample.with_table("Activities", acts))
    assert edited.inventory.total_tco2e == expected.inventory.total_tco2e != analyse(sample).inventory.total_tco2e


def test_a_caller_changing_its_results_does_not_change_the_kept_stage(sample):
    res = analyse(sample)
    total = res.inventory.total_tco2e
    res.inventory.rows["tco2e"] = np.nan
    for column in res.factor_table.columns:
        res.factor_table[column] = None
    res.pareto["tco2e"] = 0.0
    again = analyse(sample.with_field("Finance", "discount_rate_pct", 9.0))
    assert again.inventory.rows["tco2e"].notna().any()
    pd.testing.assert_frame_equal(again.factor_table, compute_inventory_stage(sample).factor_table)
    assert again.pareto["tco2e"].sum() > 0
    assert again.inventory.total_tco2e == total


def test_only_the_last_few_stages_are_kept(sample):
    acts = sample.activities
    for k in range(analyse_module.STAGES_KEPT + 3):
        changed = acts.copy()
        changed.loc[0, "quantity"] = float(acts.loc[0, "quantity"]) + k
        analyse(sample.with_table("Activities", changed))
    assert len(analyse_module._stages) == analyse_module.STAGES_KEPT
