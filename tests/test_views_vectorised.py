"""The page tables of large scenarios are built column by column (each distinct value labelled
once); they must show exactly the text the cell-by-cell rule shows, in both languages. The
reference here is that rule written out per cell."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from results import analyse
from ui.inventory_view import chart_frame, sources_table
from ui.labels import category_label, scope_label
from ui.measures_view import class_label, results_table
from ui.numbers import text_columns
from views.format import fmt_num, fmt_pct, fmt_text, map_distinct
from views.numbers import format_number
from workbook.read import read_scenario

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample_factory_en.xlsx"


@pytest.fixture(scope="module")
def res():
    scenario = read_scenario(SAMPLE).scenario
    acts = scenario.activities
    big = pd.concat([acts] * 40, ignore_index=True)  # repeated values, as a large sheet has
    rng = np.random.default_rng(3)
    big["quantity"] = big["quantity"] * rng.choice([1.0, 0.5, 1.0 / 3.0, 2.0, 1e-7, 1e9], len(big))
    big.loc[::17, "site"] = None
    return analyse(scenario.with_table("Activities", big.astype(acts.dtypes.to_dict())))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sources_and_chart_frame_match_cell_by_cell(res, lang):
    r = res.inventory.rows
    shown = sources_table(res.inventory, lang)
    assert shown.iloc[:, 0].tolist() == [f"{category_label(c, lang)} – {s}" for c, s in zip(r["category"], r["source"])]
    assert shown.iloc[:, 1].tolist() == [fmt_num(v, lang) for v in r["tco2e"]]
    assert shown.iloc[:, 2].tolist() == [fmt_pct(v, lang) for v in r["share_pct"]]
    assert shown.iloc[:, 4].tolist() == [scope_label(s, lang) for s in r["scope"]]
    frame = chart_frame(res.inventory, lang)
    assert frame["scope_label"].tolist() == [scope_label(s, lang) for s in r["scope"]]
    assert frame["category_label"].tolist() == [category_label(c, lang) for c in r["category"]]
    assert len(set(shown.iloc[:, 1])) > 20  # the quantities really vary


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_measures_results_table_matches_cell_by_cell(res, lang):
    s, a = res.measures, res.applied
    table = results_table(s, a, lang, "VND")
    expected = [[m.id, m.name, class_label(m.category, lang),
                 f"{fmt_num(m.saving_quantity, lang, 0)} {fmt_text(m.saving_unit)}".strip(),
                 fmt_num(m.saving_toe, lang, 2), fmt_num(m.reduction_tco2e, lang, 2),
                 fmt_num(x.applied_tco2e, lang, 2), fmt_num(m.energy_cost_saving, lang, 0),
                 fmt_num(m.capex, lang, 0), fmt_num(m.abatement_cost_per_tco2e, lang, 0)]
                for m, x in zip(s.itertuples(), a.itertuples())]
    order = [0, 1, 7, 9, 6, 8, 5, 3, 4, 2]
    assert table.values.tolist() == [[row[i] for i in order] for row in expected]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_editor_text_columns_match_cell_by_cell(res, lang):
    values = pd.Series([1234567.5, 0.1 + 0.2, -0.0, 0.0, np.nan, 2021.0, 1e-7, 1e20, 1234567.5, -3.25] * 50)
    frame = pd.DataFrame({"quantity": values, "start_year": values.round()})
    shown, _, specs = text_columns(frame, {}, lang)
    for spec in specs:
        expected = [format_number(v, lang, grouping=spec.grouping) or None for v in frame[spec.column]]
        assert shown[spec.column].tolist() == expected


def test_map_distinct_calls_once_per_value_and_keeps_missing_apart():
    calls = []
    out = map_distinct(pd.Series(["a", None, "b", "a", np.nan, "b"] * 1000), lambda v: calls.append(v) or f"<{v}>")
    assert out[:6] == ["<a>", "<None>", "<b>", "<a>", "<None>", "<b>"] and len(out) == 6000
    assert sorted(map(str, calls)) == ["None", "a", "b"]
