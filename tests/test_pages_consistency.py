"""What every page shows equals the results model (read through AppTest), in both languages.

The expected strings are the results model's values formatted with the page's own formatter;
the model itself is checked against the deck and independent computations elsewhere
(tests/test_consistency.py), so together they pin every number on screen.
"""
from __future__ import annotations

import pandas as pd
import pytest

from apptest_support import current_scenario, new_app, open_scenario, plotly_figures
from figures.axes import compact_text
from results import analyse
from ui.i18n import t
from views.format import fmt_num, fmt_pct
from workbook.read import read_scenario
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sample(lang):
    return read_scenario(ROOT / "sample_data" / f"sample_factory_{lang}.xlsx").scenario


def _page(lang, page, scenario=None):
    at = new_app(lang)
    if scenario is not None:
        open_scenario(at, scenario)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    return at


def _metrics(at) -> list[str]:
    return [m.value for m in at.metric]


#: how to recognise each table: its columns (the page's own i18n headers)
HEADERS = {"ms_results": "ms.result_cols", "fin_table": "fin.ind_cols", "fin_options_table": "fin.option_cols"}


def _frame(at, key) -> pd.DataFrame:
    """The page's table ``key`` (AppTest does not look dataframes up by key: by their headers),
    its columns in the order of the headers' definition (the page shows the deciding ones first)."""
    lang = at.session_state["lang"]
    if key == "tgt_table":
        return next(df.value for df in at.dataframe if str(df.value.columns[0]).startswith(("19", "20")))
    cols = t(HEADERS[key], lang, cur="VND").split("|")
    return next(df.value[cols] for df in at.dataframe if sorted(df.value.columns) == sorted(cols))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_inventory_page_shows_the_model(lang):
    at = _page(lang, "inventory")
    res = analyse(current_scenario(at))
    inv = res.inventory
    assert _metrics(at) == [fmt_num(inv.total_tco2e, lang)] + [fmt_num(inv.by_scope.loc[s, "tco2e"], lang)
                                                               for s in ("1", "2", "3")]
    pareto = next(f for f in plotly_figures(at) if any(tr.get("type") == "bar" for tr in f["data"])
                  and any(tr.get("type") == "scatter" for tr in f["data"]))
    bars = next(tr for tr in pareto["data"] if tr.get("type") == "bar")
    assert list(bars["y"]) == pytest.approx(list(res.pareto["tco2e"].iloc[:len(bars["y"])]))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_measures_page_shows_the_model(lang):
    at = _page(lang, "measures")
    res = analyse(current_scenario(at))
    tot = res.totals
    # money in a compact unit of the language (the exact value is the card's tooltip)
    assert _metrics(at) == [fmt_num(tot["tco2e_counted"], lang), compact_text(tot["money_saving"], lang),
                            compact_text(tot["capex"], lang), fmt_num(tot["gap_target_year_tco2e"], lang, 1)]
    helps = [m.proto.help for m in at.metric]
    assert fmt_num(tot["money_saving"], lang, 0) in helps[1] and fmt_num(tot["capex"], lang, 0) in helps[2]
    table = _frame(at, "ms_results")
    counted = table.iloc[:, 6].tolist()
    assert counted == [fmt_num(v, lang, 2) for v in res.applied["applied_tco2e"]]
    money = table.iloc[:, 7].tolist()
    assert money == [fmt_num(v, lang, 0) for v in res.measures["energy_cost_saving"]]
    cost = table.iloc[:, 9].tolist()
    assert cost == [fmt_num(v, lang, 0) for v in res.measures["abatement_cost_per_tco2e"]]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_finance_page_shows_the_model(lang):
    at = _page(lang, "finance")
    res = analyse(current_scenario(at))
    table = _frame(at, "fin_table")
    ind = res.finance.indicators
    assert table.iloc[:, 5].tolist() == [fmt_num(v, lang, 0) for v in ind["npv"]]
    assert table.iloc[:, 3].tolist() == [fmt_num(v, lang, 2) for v in ind["simple_payback_years"]]
    assert table.iloc[:, 1].tolist() == [fmt_num(v, lang, 0) for v in ind["capex"]]
    options = _frame(at, "fin_options_table")
    assert options.iloc[:, 2].tolist() == [fmt_num(v, lang, 0) for v in res.financing.options["npv"]]
    figs = plotly_figures(at)
    tornado = next(f for f in figs if f["layout"].get("title", {}).get("text", "").startswith(
        ("Sensitivity", "Độ nhạy")))
    assert tornado is not None
    assert res.risk.tornado.attrs["base_npv"] == pytest.approx(ind["npv"].iloc[-1], rel=1e-9)


def test_finance_page_with_a_later_measure_and_tax():
    """A generated-style case: staggered starts, tax and inflation; the page equals the model."""
    scn = _sample("en")
    for k, v in {"tax_rate_pct": 20.0, "inflation_pct": 3.0, "analysis_years": 10, "discount_rate_pct": None}.items():
        scn = scn.with_field("Finance", k, v)
    at = _page("en", "finance", scn)
    res = analyse(current_scenario(at))
    assert _frame(at, "fin_table").iloc[:, 5].tolist() == [fmt_num(v, "en", 0) for v in res.finance.indicators["npv"]]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_mv_page_shows_the_model(lang):
    at = _page(lang, "mv")
    res = analyse(current_scenario(at))
    first = res.mv.first
    assert fmt_num(first.avoided_total, lang, 0) in _metrics(at)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_targets_page_shows_the_model(lang):
    at = _page(lang, "targets")
    res = analyse(current_scenario(at))
    table = _frame(at, "tgt_table")
    lines = res.main_target.lines
    assert len(table) == 2 * len(lines.columns)
    for i, col in enumerate(lines.columns):  # each line's tCO2e row, then its % of base row
        assert table.iloc[2 * i].tolist() == [fmt_num(v, lang, 1) for v in lines[col]]


def test_edit_in_a_table_shows_new_numbers_in_one_run():
    """A table edit is applied before the script runs: the KPIs above the editor are right."""
    at = _page("en", "measures")
    version = at.session_state["scenario_version"]
    at.session_state[f"ms_editor_{version}"] = {"edited_rows": {0: {"units": 2000.0}}, "added_rows": [],
                                                "deleted_rows": []}
    at.run()
    assert not at.exception
    res = analyse(current_scenario(at))
    assert current_scenario(at).table("Measures").loc[0, "units"] == 2000.0
    assert _metrics(at)[0] == fmt_num(res.totals["tco2e_counted"], "en")


from hypothesis import HealthCheck, given, settings  # noqa: E402

from test_consistency import scenarios  # noqa: E402  (the generated scenarios of the model tests)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(scenarios())
def test_generated_scenarios_show_the_model_on_every_page(scn):
    """Generated scenarios (start years, lifetimes, capped and zero savings, repeated ids,
    financing rows, blank settings): what the Measures and Finance pages show is the model's."""
    res = analyse(scn)
    at = _page("en", "measures", scn)
    if len(res.measures):
        table = _frame(at, "ms_results")
        assert table.iloc[:, 6].tolist() == [fmt_num(v, "en", 2) for v in res.applied["applied_tco2e"]]
        assert _metrics(at)[0] == fmt_num(res.totals["tco2e_counted"], "en")
    at.switch_page("pages/finance.py").run()
    assert not at.exception and not at.error
    if len(res.finance.indicators) > 1:
        shown = _frame(at, "fin_table")
        assert shown.iloc[:, 5].tolist() == [fmt_num(v, "en", 0) for v in res.finance.indicators["npv"]]
        options = _frame(at, "fin_options_table")
        assert options.iloc[:, 2].tolist() == [fmt_num(v, "en", 0) for v in res.financing.options["npv"]]
