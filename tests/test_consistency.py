"""One number everywhere: the results model, its JSON view (``summary --json``) and what the pages
show agree, and the issue's drifted cases now give one answer.

Expected numbers come from the seed digest or from independent computations written here (plain
loops over the documented yearly model, numpy-financial), never from the code under test.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from results import analyse, measure_financing
from results.summary import results_summary
from workbook.model import empty_table
from workbook.read import read_scenario
from workbook.write import write_scenario

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_EN = ROOT / "sample_data" / "sample_factory_en.xlsx"
SAMPLE = read_scenario(SAMPLE_EN).scenario


# -- independent helpers --------------------------------------------------------------------------
def deck_payback(flows) -> float:
    """The deck's payback: years before the cumulative flow first reaches 0 + unrecovered / next."""
    cum = 0.0
    for t, v in enumerate(flows):
        if cum + v >= 0 and t > 0:
            return (t - 1) + (-cum) / v
        cum += v
    return math.inf


def yearly_flows(capex, saving, life, years, offset=0, opex=0.0):
    """The documented yearly model of one measure, by a plain loop: invest at ``offset``, save
    from the next year on, replace at the end of each life inside the analysis, straight-line
    salvage in the last year (blank life: no replacement, no salvage)."""
    out = [0.0] * (years + 1)
    out[offset] -= capex
    for t in range(offset + 1, years + 1):
        out[t] += saving - opex
        age = t - offset
        if life and not math.isnan(life) and t < years and math.floor(age / life) > math.floor((age - 1) / life):
            out[t] -= capex
    if life and not math.isnan(life):
        used = (years - offset) % life
        out[years] += capex * (1 - used / life) if used else 0.0
    return out


def measures_table(*rows: dict) -> pd.DataFrame:
    base = empty_table("Measures")
    return pd.DataFrame([{**{c: None for c in base.columns}, **r} for r in rows]).astype(base.dtypes.to_dict())


def led(**kw) -> dict:
    """The deck's LED measure (seed digest §3)."""
    row = dict(id="M1", name="LED", category="equipment", site="Factory", fuel="electricity_grid", method="rate_after",
               units=1000.0, rate_before=0.04, rate_after=0.02, rate_unit="kW", hours_per_year=2560.0, usage_factor=0.9,
               energy_price_per_unit=1642.0, capex_equipment=150e6, capex_labour=10e6, capex_other=0.0,
               lifetime_years=5.0, start_year=2022)
    row.update(kw)
    return row


def with_finance(scenario, **fields):
    for k, v in fields.items():
        scenario = scenario.with_field("Finance", k, v)
    return scenario


# -- the fixed cases ------------------------------------------------------------------------
def test_led_three_year_life_one_payback_everywhere():
    """Issue: 4.23 years in the indicator table vs 6.34 in the financing table's cash row."""
    scn = with_finance(SAMPLE.with_table("Measures", measures_table(led(lifetime_years=3.0))),
                       discount_rate_pct=12.0, analysis_years=10)
    res = analyse(scn)
    flows = yearly_flows(160e6, 75_663_360.0, 3.0, 10)
    np.testing.assert_allclose(res.finance.cashflows[0], flows, rtol=1e-12)
    expected = deck_payback(flows)
    rec = res.finance.indicators.iloc[0]
    cash = measure_financing(res, 0).options.set_index("option").loc["cash"]
    assert rec["simple_payback_years"] == pytest.approx(expected, rel=1e-12)
    assert cash["payback_years"] == pytest.approx(expected, rel=1e-12)
    assert cash["npv"] == pytest.approx(npf.npv(0.12, flows), rel=1e-9)
    assert rec["npv"] == pytest.approx(npf.npv(0.12, flows), rel=1e-9)
    assert cash["irr"] == pytest.approx(rec["irr"], rel=1e-9)


def test_blank_discount_rate_is_ten_percent_for_the_macc_and_the_report():
    """Issue: M1's abatement cost -1,178,405 on the page (0 %) vs -902,918 in the report (10 %)."""
    scn = with_finance(SAMPLE.with_table("Measures", measures_table(led())), discount_rate_pct=None)
    res = analyse(scn)
    m = res.measures.iloc[0]
    crf = 0.10 / (1 - 1.10 ** -5)
    annual = 160e6 * crf - 75_663_360.0
    assert m["abatement_cost_per_tco2e"] == pytest.approx(annual / m["reduction_tco2e"], rel=1e-9)
    js = results_summary(res)
    assert js["measures"][0]["abatement_cost_per_tco2e"] == pytest.approx(m["abatement_cost_per_tco2e"], rel=1e-9)
    assert js["macc"][0]["cost_per_tco2e"] == pytest.approx(m["abatement_cost_per_tco2e"], rel=1e-9)


def test_capped_measure_counts_the_capped_amount_in_money_and_npv():
    """Issue: 32.16 t shown vs 25.67 t counted; money, NPV and MACC used the full claim."""
    lighting = 78_000.0
    claim = 40_000.0  # kWh on lighting, then a second one that wants more than is left
    a = dict(id="A", name="A", category="management", site="Factory", source="Grid electricity – lighting",
             fuel="electricity_grid", method="direct", saving_quantity=claim, saving_unit="kWh",
             energy_price_per_unit=1642.0, capex_equipment=10e6, lifetime_years=5.0, start_year=2022)
    b = {**a, "id": "B", "name": "B"}
    scn = with_finance(SAMPLE.with_table("Measures", measures_table(a, b)), discount_rate_pct=10.0, analysis_years=5)
    res = analyse(scn)
    share = (lighting - claim) / claim
    m = res.measures.iloc[1]
    assert res.applied.iloc[1]["capped_share"] == pytest.approx(share)
    assert m["saving_quantity"] == pytest.approx(lighting - claim)
    assert m["energy_cost_saving"] == pytest.approx((lighting - claim) * 1642.0)
    assert m["reduction_tco2e"] == pytest.approx((lighting - claim) * 0.8041 / 1000)
    flows = yearly_flows(10e6, (lighting - claim) * 1642.0, 5.0, 5)
    assert res.finance.indicators.iloc[1]["npv"] == pytest.approx(npf.npv(0.10, flows), rel=1e-9)
    assert res.totals["tco2e_counted"] == pytest.approx(lighting * 0.8041 / 1000)


def test_dscr_uses_the_net_flows():
    """Issue: DSCR from flat gross savings, ignoring operating costs and replacements."""
    row = led(opex_change_per_year=20e6, lifetime_years=2.0)
    scn = with_finance(SAMPLE.with_table("Measures", measures_table(row)), discount_rate_pct=12.0, analysis_years=5)
    res = analyse(scn)
    fin = res.financing
    flows = yearly_flows(160e6, 75_663_360.0, 2.0, 5, opex=20e6)
    schedule = fin.loan_schedule
    for year, payment in schedule["payment"].items():
        if payment > 0 and int(year) >= 1:
            assert fin.dscr[year] == pytest.approx(flows[int(year)] / payment, rel=1e-9)


def test_esco_view_and_options_table_agree():
    """Issue: the ESCO tab and the options table gave different customer NPVs for one contract."""
    res = analyse(SAMPLE)
    fin = res.financing
    rate = res.finance.rate
    shared = fin.options.set_index("option").loc["esco_shared"]
    customer = np.asarray(fin.esco["shared"]["customer"], dtype=float)
    assert npf.npv(rate, customer) == pytest.approx(shared["npv"], rel=1e-9)


def test_guaranteed_savings_has_a_fee():
    res = analyse(with_finance(SAMPLE, esco_actual_saving_pct=100.0))
    esco = np.asarray(res.financing.esco["guaranteed"]["esco"], dtype=float)
    assert (esco[1:] > 0).any(), "the ESCO is paid a fee while the contract runs"


def test_tornado_and_monte_carlo_base_equal_the_table():
    """Issue: 1,423,153,018 (lifetimes rounded down) vs 1,455,617,914 in the table."""
    res = analyse(with_finance(SAMPLE, analysis_years=10, discount_rate_pct=10.0))
    npv = res.finance.portfolio["npv"]
    assert res.risk.tornado.attrs["base_npv"] == pytest.approx(npv, rel=1e-9)
    js = results_summary(res)
    assert js["risk"]["base_npv"] == pytest.approx(npv, rel=1e-9)


def test_start_year_moves_the_investment_and_the_wedge_keeps_saving():
    """Issue: finance put every investment in year 0; the wedge stopped at end of life."""
    a = led(id="A", start_year=2022, lifetime_years=2.0)
    b = led(id="B", start_year=2025, lifetime_years=2.0, source="Grid electricity – machinery")
    scn = with_finance(SAMPLE.with_table("Measures", measures_table(a, b)), analysis_years=8, discount_rate_pct=12.0)
    res = analyse(scn)
    assert res.finance.first_year == 2022
    np.testing.assert_allclose(res.finance.cashflows[1], yearly_flows(160e6, 75_663_360.0, 2.0, 8, offset=3),
                               rtol=1e-12)
    wedge_b = res.wedges.iloc[:, 1]
    assert (wedge_b.loc[2025:2030] > 0).all() and (wedge_b.loc[:2024] == 0).all()
    assert res.finance.portfolio["npv"] == pytest.approx(res.finance.indicators["npv"].iloc[:-1].sum(), rel=1e-9)


def test_repeated_ids_keep_their_own_numbers_in_the_json_view():
    a = led(id="M1", lifetime_years=5.0)
    b = led(id="M1", lifetime_years=2.0, source="Grid electricity – machinery")
    res = analyse(SAMPLE.with_table("Measures", measures_table(a, b)))
    js = results_summary(res)
    assert [m["npv"] for m in js["measures"]] == pytest.approx(list(res.finance.indicators["npv"].iloc[:-1]))
    assert js["measures"][0]["npv"] != pytest.approx(js["measures"][1]["npv"])
    assert any(p.code == "measure.duplicate_id" for p in res.measure_problems)


def test_tax_and_inflation_change_the_flows_as_documented():
    row = led(lifetime_years=5.0, opex_change_per_year=10e6)
    scn = with_finance(SAMPLE.with_table("Measures", measures_table(row)), discount_rate_pct=12.0, analysis_years=5,
                       tax_rate_pct=20.0, inflation_pct=4.0)
    res = analyse(scn)
    dep = 160e6 / 5
    expected = [-160e6]
    for t in range(1, 6):
        benefit = 75_663_360.0 - 10e6 * 1.04 ** (t - 1)
        expected.append(benefit - 0.20 * (benefit - dep))
    np.testing.assert_allclose(res.finance.cashflows[0], expected, rtol=1e-9)


def test_mv_ignores_an_all_zero_hdd_column_in_every_view():
    metering = SAMPLE.table("Metering").assign(hdd=0.0)
    res = analyse(SAMPLE.with_table("Metering", metering))
    js = results_summary(res)["mv"]
    assert js is not None and js["coefficients"] is not None and "hdd" not in js["drivers"]


def test_financing_defaults_reach_the_report_without_touching_the_form():
    res = analyse(SAMPLE)  # no Financing rows
    loan = res.financing.options.set_index("option").loc["loan"]
    assert res.financing.values["loan_pct"] == 70.0 and np.isfinite(loan["npv"])
    js = results_summary(res)
    assert [o["option"] for o in js["financing"]] == list(res.financing.options["option"])


def test_direct_measure_without_unit_takes_the_inventory_unit():
    row = dict(id="D", name="D", category="management", site="Factory", fuel="electricity_grid", method="direct",
               saving_quantity=10_000.0, energy_price_per_unit=1642.0, capex_equipment=1e6, lifetime_years=5.0,
               start_year=2022)
    res = analyse(SAMPLE.with_table("Measures", measures_table(row)))
    m = res.measures.iloc[0]
    assert m["status"] == "ok" and m["saving_unit"] == "kWh"
    assert m["reduction_tco2e"] == pytest.approx(10_000 * 0.8041 / 1000)
    assert np.isfinite(res.finance.portfolio["npv"])


def test_sub_target_that_raises_the_other_scope_is_warned():
    targets = SAMPLE.table("Targets").copy()
    targets.loc[0, "reduction_pct"] = 10.0
    targets.loc[1, ["scope", "reduction_pct"]] = ["2", 50.0]
    res = analyse(SAMPLE.with_table("Targets", targets))
    main = res.main_target
    assert "target.sub_raises_other" in main.warnings


# -- the JSON view and the CLI equal the model --------------------------------------------------------
def _close(a, b):
    if a is None or b is None:
        return a is None and (b is None or (isinstance(b, float) and not math.isfinite(b)))
    return a == pytest.approx(b, rel=1e-9, abs=1e-6)


def check_json_equals_results(res):
    js = results_summary(res)
    assert _close(js["inventory"]["total_tco2e"], res.inventory.total_tco2e)
    assert _close(js["finance"]["npv"], res.finance.portfolio["npv"])
    assert _close(js["finance"]["capex"], res.finance.portfolio["capex"])
    ind = res.finance.indicators
    by_row = {int(r): i for i, r in enumerate(ind["row"]) if r >= 0}
    for pos, m in enumerate(js["measures"]):
        assert _close(m["reduction_tco2e"], res.measures.iloc[pos]["reduction_tco2e"])
        assert _close(m["energy_cost_saving"], res.measures.iloc[pos]["energy_cost_saving"])
        if pos in by_row:
            assert _close(m["npv"], ind.iloc[by_row[pos]]["npv"])
            assert _close(m["simple_payback_years"], ind.iloc[by_row[pos]]["simple_payback_years"])
    for o, (_, rec) in zip(js["financing"], res.financing.options.iterrows()):
        assert _close(o["npv"], rec["npv"])
    if res.risk is not None:
        assert _close(js["risk"]["base_npv"], res.finance.portfolio["npv"])
    return js


def test_cli_summary_json_equals_the_model(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "cli.main", "summary", str(SAMPLE_EN), "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    res = analyse(SAMPLE)
    js = check_json_equals_results(res)
    assert out["finance"]["npv"] == pytest.approx(js["finance"]["npv"], rel=1e-12)
    assert [m["npv"] for m in out["measures"]] == pytest.approx([m["npv"] for m in js["measures"]], rel=1e-12)
    assert out["portfolio"] == js["portfolio"]


# -- generated scenarios ----------------------------------------------------------------------------
SOURCES = [None, "Grid electricity – lighting", "Grid electricity – machinery", "Grid electricity – compressed air"]


@st.composite
def scenarios(draw):
    n = draw(st.integers(0, 5))
    rows = []
    for i in range(n):
        method = draw(st.sampled_from(["rate_after", "saving_pct", "direct"]))
        row = dict(id=f"M{draw(st.integers(1, 4))}", name=f"m{i}", category="equipment", site="Factory",
                   source=draw(st.sampled_from(SOURCES)), fuel="electricity_grid", method=method,
                   energy_price_per_unit=1642.0, capex_equipment=draw(st.sampled_from([0.0, 1e6, 50e6, 300e6])),
                   lifetime_years=draw(st.sampled_from([None, 1.0, 2.5, 3.0, 7.0, 20.0])),
                   start_year=draw(st.sampled_from([None, 2022, 2023, 2026])),
                   opex_change_per_year=draw(st.sampled_from([None, 0.0, 1e6])))
        if method == "direct":
            row.update(saving_quantity=draw(st.sampled_from([0.0, 5_000.0, 400_000.0, 2e6])), saving_unit="kWh")
        elif method == "saving_pct":
            row.update(units=1.0, rate_before=100.0, rate_unit="kW", hours_per_year=7000.0,
                       saving_pct=draw(st.sampled_from([0.0, 10.0, 60.0])))
        else:
            row.update(units=1000.0, rate_before=0.04, rate_after=draw(st.sampled_from([0.04, 0.02, 0.0])),
                       rate_unit="kW", hours_per_year=2560.0)
        rows.append(row)
    scn = SAMPLE.with_table("Measures", measures_table(*rows) if rows else empty_table("Measures"))
    fin = dict(discount_rate_pct=draw(st.sampled_from([None, 0.0, 8.0, 12.0])),
               analysis_years=draw(st.sampled_from([None, 3, 10, 15])),
               tax_rate_pct=draw(st.sampled_from([None, 0.0, 20.0])),
               inflation_pct=draw(st.sampled_from([None, 0.0, 3.0])))
    scn = with_finance(scn, **fin)
    if draw(st.booleans()):
        financing = empty_table("Financing")
        financing = pd.DataFrame([{**{c: None for c in financing.columns}, "measure_id": "*", "type": "grant",
                                   "pct_of_capex": 20.0}]).astype(financing.dtypes.to_dict())
        scn = scn.with_table("Financing", financing)
    return scn


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_generated_scenarios_agree_everywhere(scn):
    res = analyse(scn)
    check_json_equals_results(res)
    ind = res.finance.indicators
    if len(ind) > 1:
        assert ind["npv"].iloc[-1] == pytest.approx(ind["npv"].iloc[:-1].sum(), rel=1e-9, abs=1e-3)
        cash = res.financing.options.set_index("option").loc["cash"]
        assert cash["npv"] == pytest.approx(ind["npv"].iloc[-1], rel=1e-9, abs=1e-3)
        assert res.risk.tornado.attrs["base_npv"] == pytest.approx(ind["npv"].iloc[-1], rel=1e-9, abs=1e-3)
    # the counted tCO2e never exceed what the matched sources emit
    assert res.totals["tco2e_counted"] <= res.inventory.by_scope.loc["2", "tco2e"] + 1e-6
    # the round trip through the workbook keeps every number
    back = read_scenario(write_scenario(scn, "en")).scenario
    again = analyse(back)
    assert again.finance.portfolio["npv"] == pytest.approx(res.finance.portfolio["npv"], rel=1e-9, abs=1e-3) or \
        (np.isnan(again.finance.portfolio["npv"]) and np.isnan(res.finance.portfolio["npv"]))
