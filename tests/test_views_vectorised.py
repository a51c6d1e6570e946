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


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_finance_indicator_table_matches_cell_by_cell(lang):
    """The Finance page's indicator table (and its picker's names) against the old rule, written out
    per cell, on 200 measures with the undefined cases among them: no IRR (each code), a payback
    that never happens (∞), no flows (–), a missing name."""
    from ui.finance_view import INDICATOR_ORDER, indicator_table, measure_labels
    from ui.i18n import t

    rng = np.random.default_rng(11)
    n = 200
    table = pd.DataFrame({
        "id": [f"M{i:03d}" for i in range(n)] + ["portfolio"],
        "name": [None if i % 37 == 0 else f"Measure {i}" for i in range(n)] + ["Portfolio"],
        "capex": rng.uniform(0, 5e9, n + 1), "annual_saving": rng.uniform(-1e8, 9e8, n + 1),
        "simple_payback_years": rng.uniform(0, 30, n + 1), "discounted_payback_years": rng.uniform(0, 30, n + 1),
        "npv": rng.normal(0, 1e9, n + 1), "irr": rng.uniform(-0.5, 2.0, n + 1),
        "irr_code": None, "roi": rng.uniform(-1, 20, n + 1), "bcr": rng.uniform(0, 9, n + 1),
        "cost_of_saved_energy_per_kwh": rng.uniform(0, 5000, n + 1),
        "abatement_cost_per_tco2e": rng.normal(0, 2e6, n + 1),
    })
    table.loc[::13, "irr"] = np.nan
    table["irr_code"] = table["irr_code"].astype(object)
    table.loc[::26, "irr_code"] = "irr.no_sign_change"
    table.loc[::7, "simple_payback_years"] = np.inf
    table.loc[::11, "bcr"] = np.nan
    table.loc[5, "npv"] = 1234.5  # a tie: half-up
    expected = []
    for r in table.itertuples():
        name = t("fin.portfolio", lang) if r.id == "portfolio" else f"{r.id} {fmt_text(r.name)}".strip()
        irr = fmt_pct(r.irr * 100, lang, 2) if np.isfinite(r.irr) else t(f"fin.irr.{r.irr_code or 'none'}", lang)
        expected.append([name, fmt_num(r.capex, lang, 0), fmt_num(r.annual_saving, lang, 0),
                         fmt_num(r.simple_payback_years, lang, 2), fmt_num(r.discounted_payback_years, lang, 2),
                         fmt_num(r.npv, lang, 0), irr, fmt_pct(r.roi * 100, lang, 1), fmt_num(r.bcr, lang, 2),
                         fmt_num(r.cost_of_saved_energy_per_kwh, lang, 0),
                         fmt_num(r.abatement_cost_per_tco2e, lang, 0)])
    cols = t("fin.ind_cols", lang, cur="VND").split("|")
    want = pd.DataFrame(expected, columns=cols).iloc[:, INDICATOR_ORDER]
    pd.testing.assert_frame_equal(indicator_table(table, lang, "VND"), want)
    assert measure_labels(table, lang) == [row[0] for row in expected]
    assert "1.235" in want.iloc[5, 1] or "1,235" in want.iloc[5, 1]  # the tie rounded up, as the deck does
