"""Results that cannot be computed: the reason under each table, null in the JSON view, no hand
IRR without a bracket, no overflow in the break-even search (issue 13).

Expected values are written from the definitions (a ratio over zero, a payback that never
happens...), not taken from the code under test.
"""
from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from results import analyse
from results.summary import _num, results_summary
from ui.i18n import TEXT, t
from ui.why import why_note
from views.undefined import (indicator_reasons, life_cycle_reasons, loan_reasons, measure_reasons, mv_reasons,
                             option_reasons, ranking_reasons, target_reasons)
from workbook.model import empty_table
from workbook.read import read_scenario

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = read_scenario(ROOT / "sample_data" / "sample_factory_en.xlsx").scenario
INF, NAN = math.inf, math.nan


def _indicators(**columns) -> pd.DataFrame:
    """An indicator table whose columns are all numbers but the ones given (as many rows as those)."""
    n = max([len(v) for v in columns.values()], default=1)
    base = dict(simple_payback_years=2.0, discounted_payback_years=2.5, roi=0.4, bcr=1.7,
                cost_of_saved_energy_per_kwh=900.0, abatement_cost_per_tco2e=-3e5)
    return pd.DataFrame({**{k: [v] * n for k, v in base.items()}, **columns})


def test_indicator_reasons_name_each_kind_once_in_order():
    assert indicator_reasons(_indicators()) == []
    assert indicator_reasons(_indicators(simple_payback_years=[INF, INF], discounted_payback_years=[INF, 3.0],
                                         roi=[NAN, 0.1], bcr=[INF, NAN])) == \
        ["payback_never", "roi_no_investment", "bcr_no_cost", "bcr_no_flow"]
    assert indicator_reasons(_indicators(cost_of_saved_energy_per_kwh=[NAN], abatement_cost_per_tco2e=[NAN])) == \
        ["cse_no_energy", "abatement_no_tco2e"]


def test_option_reasons():
    options = pd.DataFrame({"option": ["cash", "loan", "esco"], "npv": [1e8, NAN, 2e8],
                            "irr": [0.3, NAN, NAN], "payback_years": [2.0, NAN, INF]})
    # the broken loan is one reason; the ESCO row's IRR and payback are the others
    assert option_reasons(options) == ["option_incomplete", "option_no_irr", "payback_never"]
    assert option_reasons(options.iloc[[0]]) == []


def test_other_tables_reasons():
    assert ranking_reasons(pd.DataFrame({"profitability_index": [1.5, NAN]})) == ["pi_no_investment"]
    assert ranking_reasons(pd.DataFrame({"profitability_index": [1.5]})) == []
    assert loan_reasons({1: 2.0, 2: NAN}, [1, 2]) == ["dscr_no_payment"]
    assert loan_reasons({1: 2.0}, [1, 2]) == ["dscr_no_payment"]  # a year without a ratio
    assert loan_reasons(pd.Series({1: 2.0, 2: 1.5}), [1, 2]) == []
    assert life_cycle_reasons(pd.DataFrame({"life_years": [INF, 2.0]})) == ["lcc_no_hours"]
    measures = pd.DataFrame({"status": ["ok", "missing_inputs", "ok"], "abatement_cost_per_tco2e": [1.0, NAN, NAN]})
    assert measure_reasons(measures) == ["measure_incomplete", "abatement_no_tco2e"]
    assert measure_reasons(measures.iloc[[0]]) == []
    assert target_reasons(pd.DataFrame({"1": [0.0, 0.0], "2": [10.0, 8.0]}, index=[2021, 2030])) == ["pct_no_base"]
    assert target_reasons(pd.DataFrame({"2": [10.0, 8.0]}, index=[2021, 2030])) == []
    assert mv_reasons(NAN, NAN) == ["mv_no_price", "mv_no_expected"] and mv_reasons(5.0, 0.9) == []


def test_every_reason_has_a_text_in_both_languages():
    codes = {"payback_never", "roi_no_investment", "bcr_no_cost", "bcr_no_flow", "cse_no_energy",
             "abatement_no_tco2e", "option_incomplete", "option_no_irr", "pi_no_investment", "dscr_no_payment",
             "lcc_no_hours", "measure_incomplete", "pct_no_base", "mv_no_price", "mv_no_expected"}
    for code in codes:
        assert set(TEXT[f"why.{code}"]) == {"vi", "en"}
    assert why_note([], "en") is None
    note = why_note(["payback_never", "roi_no_investment", "payback_never"], "vi")
    assert note == t("why.note", "vi", items=t("why.payback_never", "vi") + "; " + t("why.roi_no_investment", "vi"))
    assert "ROI" in note and "∞" in note


def test_json_numbers_are_null_when_not_finite():
    assert [_num(v) for v in (INF, -INF, NAN, None, pd.NA, np.float64("inf"))] == [None] * 6
    assert _num(1.23456789012) == 1.23456789 and _num(np.int64(3)) == 3


def test_a_lamp_used_zero_hours_gives_valid_json():
    """0 hours a year: the life in years is infinite; ``summary --json`` printed "Infinity"."""
    scn = SAMPLE.with_field("Finance", "lcc_hours_per_year", 0.0)
    summary = results_summary(analyse(scn))
    text = json.dumps(summary)

    def refuse(constant):
        raise ValueError(constant)

    back = json.loads(text, parse_constant=refuse)
    assert [alt["life_years"] for alt in back["life_cycle"]] == [None, None, None]  # the deck's three lamps
    assert all(alt["energy_cost_per_year"] == 0 for alt in back["life_cycle"])  # W × 0 h × price


def _measure(**kw) -> pd.DataFrame:
    base = empty_table("Measures")
    row = {**{c: None for c in base.columns}, "id": "M1", "name": "known saving", "site": "Factory",
           "fuel": "electricity_grid", "method": "direct", "saving_quantity": 20_000.0, "saving_unit": "kWh",
           "energy_price_per_unit": 1600.0, "capex_equipment": 160e6, "start_year": 2022, **kw}
    return pd.DataFrame([row]).astype(base.dtypes.to_dict())


def test_no_hand_irr_without_a_bracket():
    """−160 M then 5 × 32 M (20,000 kWh × 1,600): the flows add up to 0, so the IRR is 0 %, a
    10-point rate itself; the hand method has no two rates with NPVs of opposite signs."""
    scn = SAMPLE.with_table("Measures", _measure()).with_field("Finance", "analysis_years", 5)
    res = analyse(scn)
    assert res.finance.cashflows[0].tolist() == pytest.approx([-160e6] + [32e6] * 5)
    assert res.finance.indicators.iloc[0]["irr"] == pytest.approx(0.0, abs=1e-9)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert res.hand_irr(0) is None
    deck = analyse(SAMPLE)  # the deck's LED: between 30 % and 40 %
    hand = deck.hand_irr(0)
    assert (hand["i1"], hand["i2"]) == pytest.approx((0.3, 0.4)) and 0.3 < hand["irr"] < 0.4


def test_break_even_search_with_huge_values_has_no_overflow():
    from calc.risk import _root_near
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _root_near(lambda x: 1e300 * (x - 0.5), np.linspace(0, 1, 11), 0.2) == pytest.approx(0.5)
