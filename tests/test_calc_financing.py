"""Financing (seed-digest §5, §7): loans, stacked incentives, ESCO contracts, the LED case by option."""
import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc.financing import (chauffage, compare_financing, dscr, equity_cashflows, esco_guaranteed_savings,
                            esco_shared_savings, loan_schedule, project_cashflows, stack_incentives)

LED_CAPEX, LED_SAVING = 160_000_000.0, 75_663_360.0
COLUMNS = ["measure_id", "type", "amount", "pct_of_capex", "rate_pct", "term_years", "share_pct", "contract_years"]


def financing(*rows):
    return pd.DataFrame([{**{c: np.nan for c in COLUMNS}, "measure_id": "*", **r} for r in rows], columns=COLUMNS)


def incentives(*rows):
    return pd.DataFrame([{"type": t, "amount": a, "pct_of_capex": p, "cap": c} for t, a, p, c in rows])


def assert_schedule_adds_up(s, loan, rate):
    assert s["principal"].sum() == pytest.approx(loan, rel=1e-9, abs=1e-6)
    assert s["closing"].iloc[-1] == 0
    np.testing.assert_allclose(s["payment"], s["interest"] + s["principal"])
    np.testing.assert_allclose(s["interest"], s["opening"] * rate, atol=1e-6)
    np.testing.assert_allclose(s["opening"].iloc[1:].to_numpy(), s["closing"].iloc[:-1].to_numpy())
    np.testing.assert_allclose(s["closing"], s["opening"] - s["principal"], atol=1e-6)


# --- loans -------------------------------------------------------------------------------------

def test_annuity_schedule_adds_up_and_matches_pmt():
    s = loan_schedule(1_000_000, 8.0, 5)
    assert list(s.index) == [1, 2, 3, 4, 5] and s.index.name == "year"
    assert list(s.columns) == ["opening", "interest", "principal", "payment", "closing"]
    np.testing.assert_allclose(s["payment"], -npf.pmt(0.08, 5, 1_000_000))
    assert s["interest"].iloc[0] == pytest.approx(80_000)
    assert_schedule_adds_up(s, 1_000_000, 0.08)


def test_zero_rate_loan():
    s = loan_schedule(1200, 0.0, 4)
    np.testing.assert_allclose(s["payment"], 300.0)
    assert (s["interest"] == 0).all()
    assert_schedule_adds_up(s, 1200, 0.0)
    tiny = loan_schedule(1200, 1e-24, 4)  # no division by zero near 0 %
    np.testing.assert_allclose(tiny["payment"], 300.0)


def test_grace_years_are_interest_only():
    s = loan_schedule(1000, 10.0, 3, grace_years=2)
    assert list(s.index) == [1, 2, 3, 4, 5]
    grace, repay = s.loc[[1, 2]], s.loc[[3, 4, 5]]
    np.testing.assert_allclose(grace["payment"], 100.0)
    assert (grace["principal"] == 0).all() and (grace["closing"] == 1000).all()
    np.testing.assert_allclose(repay["payment"], -npf.pmt(0.10, 3, 1000))
    assert_schedule_adds_up(s, 1000, 0.10)


def test_equal_principal_payments_fall():
    s = loan_schedule(1200, 12.0, 4, kind="equal_principal")
    np.testing.assert_allclose(s["principal"], 300.0)
    np.testing.assert_allclose(s["interest"], [144.0, 108.0, 72.0, 36.0])
    np.testing.assert_allclose(s["payment"], [444.0, 408.0, 372.0, 336.0])
    assert (np.diff(s["payment"]) < 0).all()
    assert_schedule_adds_up(s, 1200, 0.12)


def test_equal_principal_with_grace():
    s = loan_schedule(900, 10.0, 3, grace_years=1, kind="equal_principal")
    np.testing.assert_allclose(s["principal"], [0.0, 300.0, 300.0, 300.0])
    np.testing.assert_allclose(s["payment"], [90.0, 390.0, 360.0, 330.0])


def test_loan_problems_are_values_and_bad_kind_raises():
    assert loan_schedule(1000, 5.0, 0).empty and loan_schedule(1000, 5.0, None).empty
    assert loan_schedule(np.nan, 5.0, 2)["payment"].isna().all()
    with pytest.raises(ValueError):
        loan_schedule(1000, 5.0, 3, kind="balloon")


# numpy_financial.pmt divides by zero for rates below ~1e-13 %; loan_schedule does not (expm1/log1p)
@settings(max_examples=150, deadline=None)
@given(principal=st.floats(1.0, 1e11), rate=st.one_of(st.just(0.0), st.floats(1e-4, 40.0)),
       term=st.integers(1, 40), grace=st.integers(0, 5), kind=st.sampled_from(["annuity", "equal_principal"]))
def test_loan_schedule_sums_property(principal, rate, term, grace, kind):
    s = loan_schedule(principal, rate, term, grace_years=grace, kind=kind)
    assert len(s) == grace + term
    assert s["principal"].sum() == pytest.approx(principal, rel=1e-9)
    assert s["closing"].iloc[-1] == 0
    np.testing.assert_allclose(s["payment"], s["interest"] + s["principal"], rtol=1e-12)
    np.testing.assert_allclose(s["interest"].iloc[:grace], principal * rate / 100, rtol=1e-12)
    if kind == "annuity":
        np.testing.assert_allclose(s["payment"].iloc[grace:], -npf.pmt(rate / 100, term, principal), rtol=1e-8)


# --- incentives --------------------------------------------------------------------------------

def test_capped_rebate_then_grant():
    """30 % of 10,000 = 3,000, capped at 2,000; then a 5,000 grant → net 3,000."""
    table, summary = stack_incentives(10_000, incentives(("rebate", np.nan, 30.0, 2000.0),
                                                         ("grant", 5000.0, np.nan, np.nan)))
    assert list(table["requested"]) == [2000.0, 5000.0]
    assert list(table["applied"]) == [2000.0, 5000.0]
    assert list(table["net_cost_after"]) == [8000.0, 3000.0]
    assert summary == {"capex": 10_000.0, "total_incentives": 7000.0, "net_cost": 3000.0,
                       "upfront_incentives": 7000.0, "year1_incentives": 0.0}


def test_incentives_never_take_the_cost_below_zero():
    table, summary = stack_incentives(10_000, incentives(("rebate", 4000.0, np.nan, np.nan),
                                                         ("grant", 9000.0, np.nan, np.nan),
                                                         ("rebate", 500.0, np.nan, np.nan)))
    assert list(table["applied"]) == [4000.0, 6000.0, 0.0]
    assert list(table["status"]) == ["ok", "limited_by_cost", "limited_by_cost"]
    assert summary["net_cost"] == 0 and summary["total_incentives"] == 10_000


def test_order_matters_and_tax_credits_are_year_1_cash():
    """Each % applies to the capex; whichever comes second is cut, which moves cash between t = 0 and 1."""
    grant, credit = ("grant", 8000.0, np.nan, np.nan), ("tax_credit", np.nan, 30.0, np.nan)
    t1, s1 = stack_incentives(10_000, incentives(grant, credit))
    t2, s2 = stack_incentives(10_000, incentives(credit, grant))
    assert list(t1["applied"]) == [8000.0, 2000.0] and list(t1["year"]) == [0, 1]
    assert list(t2["applied"]) == [3000.0, 7000.0] and list(t2["year"]) == [1, 0]
    assert (s1["upfront_incentives"], s1["year1_incentives"]) == (8000.0, 2000.0)
    assert (s2["upfront_incentives"], s2["year1_incentives"]) == (7000.0, 3000.0)
    assert s1["net_cost"] == s2["net_cost"] == 0


def test_amount_caps_a_percentage_and_problem_rows():
    table, summary = stack_incentives(10_000, incentives(("rebate", 1500.0, 20.0, np.nan),
                                                         ("grant", np.nan, np.nan, np.nan),
                                                         ("loan", 1000.0, np.nan, np.nan)))
    assert table["requested"].iloc[0] == 1500.0  # min(20 % × 10,000, 1,500)
    assert list(table["applied"]) == [1500.0, 0.0, 0.0]
    assert list(table["status"]) == ["ok", "missing_inputs", "unknown_type"]
    assert summary["net_cost"] == 8500.0
    with pytest.raises(TypeError):
        stack_incentives(10_000, [("grant", 1000.0)])


# --- project and equity flows ------------------------------------------------------------------

def test_project_cashflows():
    np.testing.assert_allclose(project_cashflows(1000, 300, 3, opex_change=50), [-1000, 250, 250, 250])
    np.testing.assert_allclose(project_cashflows(1000, [100, 200], 2), [-1000, 100, 200])


def test_equity_cashflows_and_dscr():
    cf = np.array([-1000.0, 400.0, 400.0, 400.0])
    payment = -npf.pmt(0.10, 2, 600)  # 345.71
    s = loan_schedule(600, 10.0, 2)
    np.testing.assert_allclose(equity_cashflows(cf, 600, s), [-400, 400 - payment, 400 - payment, 400])
    d = dscr(cf, s)
    assert list(d.index) == [1, 2, 3]
    np.testing.assert_allclose(d.iloc[:2], 400 / payment)
    assert np.isnan(d.loc[3])


def test_loan_longer_than_the_project_keeps_its_payments():
    cf = np.array([-1000.0, 600.0])
    flows = equity_cashflows(cf, 1000, loan_schedule(1000, 0.0, 4))
    np.testing.assert_allclose(flows, [0, 350, -250, -250, -250])
    assert dscr(cf, loan_schedule(1000, 0.0, 4)).tolist() == [2.4, 0.0, 0.0, 0.0]


# --- ESCO ----------------------------------------------------------------------------------------

def test_esco_shared_savings_split_and_conservation():
    out = esco_shared_savings(1000, 300, share_pct=60, contract_years=2, years=4)
    np.testing.assert_allclose(out["esco"], [-1000, 180, 180, 0, 0])
    np.testing.assert_allclose(out["customer"], [0, 120, 120, 300, 300])
    np.testing.assert_allclose(out["customer"] + out["esco"], [-1000, 300, 300, 300, 300])


@settings(max_examples=150, deadline=None)
@given(capex=st.floats(0, 1e10), saving=st.lists(st.floats(0, 1e9), min_size=1, max_size=25),
       share=st.floats(0, 100), contract=st.integers(0, 30))
def test_esco_shared_savings_conserve_the_saving_property(capex, saving, share, contract):
    years = len(saving)
    out = esco_shared_savings(capex, np.array(saving), share_pct=share, contract_years=contract, years=years)
    assert len(out["customer"]) == len(out["esco"]) == years + 1
    assert out["customer"][0] == 0 and out["esco"][0] == -capex
    np.testing.assert_allclose((out["customer"] + out["esco"])[1:], saving, rtol=1e-12, atol=1e-6)
    assert (out["customer"] >= 0).all() and (out["esco"][1:] >= 0).all()
    np.testing.assert_allclose(out["customer"][1 + contract:], saving[contract:])


def test_guaranteed_savings_pays_exactly_the_shortfall():
    actual = np.array([80.0, 120.0, 90.0, 70.0])
    out = esco_guaranteed_savings(500, 100, actual, contract_years=3, years=4, esco_fee_per_year=5)
    shortfall = np.array([20.0, 0.0, 10.0])  # by hand; none paid in year 4 (after the contract)
    np.testing.assert_allclose(out["esco"], [0, *(5 - shortfall), 0])
    np.testing.assert_allclose(out["customer"], [-500, *(actual[:3] + shortfall - 5), 70])
    np.testing.assert_allclose(out["customer"] + out["esco"], [-500, *actual])


def test_chauffage_flows_add_up_to_the_project():
    """Old bill 500, saving 200, 10 % discount, opex 20, 3-year contract in 5 years."""
    out = chauffage(1000, 500, 200, price_discount_pct=10, contract_years=3, years=5, opex_per_year=20)
    np.testing.assert_allclose(out["customer"], [0, 50, 50, 50, 180, 180])  # 10 % of 500; then 200 - 20
    np.testing.assert_allclose(out["esco"], [-1000, 130, 130, 130, 0, 0])  # 450 - (500 - 200) - 20
    np.testing.assert_allclose(out["customer"] + out["esco"], [-1000, 180, 180, 180, 180, 180])


# --- comparing options ---------------------------------------------------------------------------

def test_led_cash_option_reproduces_the_deck():
    r = compare_financing(LED_CAPEX, LED_SAVING, 5, 12.0, financing()).set_index("option")
    assert list(r.index) == ["cash"]
    cash = r.loc["cash"]
    assert cash["npv"] == pytest.approx(112_749_480, abs=1)
    assert round(cash["payback_years"], 2) == 2.11
    assert cash["payback_years"] == pytest.approx(160_000_000 / 75_663_360)
    assert round(cash["irr"] * 100, 2) == 37.76
    assert cash["customer_net_cost"] == LED_CAPEX and cash["status"] == "ok"
    np.testing.assert_allclose(cash["cashflows"], [-LED_CAPEX] + [LED_SAVING] * 5)


def test_led_with_a_loan_and_an_esco():
    rows = financing(dict(type="loan", pct_of_capex=70.0, rate_pct=10.0, term_years=3.0),
                     dict(type="esco_shared_savings", share_pct=50.0, contract_years=3.0),
                     dict(type="esco_guaranteed_savings", contract_years=3.0),
                     dict(type="equity", pct_of_capex=30.0))
    r = compare_financing(LED_CAPEX, LED_SAVING, 5, 12.0, rows).set_index("option")
    assert list(r.index) == ["cash", "loan", "esco_shared", "esco_guaranteed"]

    loan = r.loc["loan"]
    payment = -npf.pmt(0.10, 3, 112_000_000)
    expected = np.array([-48_000_000] + [LED_SAVING - payment] * 3 + [LED_SAVING] * 2)
    assert loan["customer_net_cost"] == pytest.approx(48_000_000)
    np.testing.assert_allclose(loan["cashflows"], expected)
    npv = sum(v / 1.12 ** t for t, v in enumerate(expected))
    assert loan["npv"] == pytest.approx(npv)
    year1 = LED_SAVING - payment
    assert loan["payback_years"] == pytest.approx(1 + (48_000_000 - year1) / year1)

    shared = r.loc["esco_shared"]
    assert shared["customer_net_cost"] == 0 and shared["payback_years"] == 0 and np.isnan(shared["irr"])
    np.testing.assert_allclose(shared["cashflows"], [0] + [LED_SAVING / 2] * 3 + [LED_SAVING] * 2)

    guaranteed = r.loc["esco_guaranteed"]  # saving = guarantee: the customer pays the default 10 % fee
    fee = 0.10 * LED_SAVING
    np.testing.assert_allclose(guaranteed["cashflows"], [-LED_CAPEX] + [LED_SAVING - fee] * 3 + [LED_SAVING] * 2)


def test_guaranteed_savings_fee_from_the_row():
    rows = financing(dict(type="esco_guaranteed_savings", contract_years=2.0, amount=5_000_000.0))
    r = compare_financing(LED_CAPEX, LED_SAVING, 4, 12.0, rows).set_index("option")
    np.testing.assert_allclose(r.loc["esco_guaranteed", "cashflows"],
                               [-LED_CAPEX, LED_SAVING - 5e6, LED_SAVING - 5e6, LED_SAVING, LED_SAVING])
    rows = financing(dict(type="esco_guaranteed_savings", contract_years=2.0, share_pct=4.0))
    r = compare_financing(LED_CAPEX, LED_SAVING, 3, 12.0, rows).set_index("option")
    np.testing.assert_allclose(r.loc["esco_guaranteed", "cashflows"],
                               [-LED_CAPEX, LED_SAVING * 0.96, LED_SAVING * 0.96, LED_SAVING])


def test_one_payback_and_one_irr_with_the_appraisal():
    """Issue: 4.23 vs 6.34 years, IRR 20 % vs -5 % for the same flows in two tables."""
    from calc.finance import irr_with_codes, payback_years
    flows = np.array([-100.0, 215.0, -114.0])
    r = compare_financing(100.0, flows[1:], 2, 10.0, financing()).set_index("option").loc["cash"]
    irr, _ = irr_with_codes(flows)
    assert r["irr"] == pytest.approx(irr[0]) or (np.isnan(r["irr"]) and np.isnan(irr[0]))
    # LED with a 3-year life over 10 years: first recovery, by hand
    led = [-LED_CAPEX] + [LED_SAVING] * 10
    for t in (3, 6, 9):
        led[t] -= LED_CAPEX
    led[10] += LED_CAPEX * 2 / 3
    cum, expected = 0.0, None
    for t, v in enumerate(led):
        if expected is None and t > 0 and cum + v >= 0:
            expected = (t - 1) + (-cum) / v
        cum += v
    r = compare_financing(LED_CAPEX, np.array(led[1:]), 10, 12.0, financing()).set_index("option").loc["cash"]
    assert r["payback_years"] == pytest.approx(expected) == pytest.approx(payback_years(np.array(led)))


def test_incentives_and_loan_incentives():
    rows = financing(dict(type="grant", amount=10_000_000.0), dict(type="tax_credit", pct_of_capex=10.0),
                     dict(type="loan", pct_of_capex=70.0, rate_pct=10.0, term_years=3.0))
    r = compare_financing(LED_CAPEX, LED_SAVING, 5, 12.0, rows).set_index("option")
    assert list(r.index) == ["cash", "loan", "incentives", "loan_incentives"]
    inc = r.loc["incentives"]
    np.testing.assert_allclose(inc["cashflows"], [-150_000_000, LED_SAVING + 16_000_000] + [LED_SAVING] * 4)
    assert inc["customer_net_cost"] == 150_000_000  # the tax credit comes in year 1, not up front
    both = r.loc["loan_incentives"]
    assert both["customer_net_cost"] == pytest.approx(150_000_000 - 112_000_000)
    assert both["npv"] == pytest.approx(r.loc["loan", "npv"] + 10_000_000 + 16_000_000 / 1.12)


def test_loans_fund_at_most_the_cost_left_after_upfront_incentives():
    rows = financing(dict(type="grant", amount=600.0), dict(type="loan", pct_of_capex=80.0, rate_pct=0.0,
                                                            term_years=2.0))
    r = compare_financing(1000, 500, 3, 5.0, rows).set_index("option")
    np.testing.assert_allclose(r.loc["loan_incentives", "cashflows"], [0, 300, 300, 500])  # loan cut to 400
    np.testing.assert_allclose(r.loc["loan", "cashflows"], [-200, 100, 100, 500])


def test_deck_payback_with_uneven_flows_and_never():
    r = compare_financing(1000, [500, 400, 300, 100], 4, 10.0, financing())
    assert r["payback_years"].iloc[0] == pytest.approx(2 + 100 / 300)  # project A: 2.33 years
    r = compare_financing(1000, [100, 300, 400, 600], 4, 10.0, financing())
    assert r["payback_years"].iloc[0] == pytest.approx(3 + 200 / 600)  # project B: 3.33 years
    r = compare_financing(1000, 100, 5, 10.0, financing())
    assert r["payback_years"].iloc[0] == np.inf


def test_lifetime_stops_the_saving():
    r = compare_financing(1000, 400, 5, 10.0, financing(), lifetime_years=3)
    np.testing.assert_allclose(r["cashflows"].iloc[0], [-1000, 400, 400, 400, 0, 0])


def test_missing_inputs_are_flagged_not_raised():
    rows = financing(dict(type="loan", pct_of_capex=70.0, term_years=3.0),  # no rate
                     dict(type="esco_shared_savings", contract_years=3.0))  # no share
    r = compare_financing(LED_CAPEX, LED_SAVING, 5, 12.0, rows).set_index("option")
    assert r.loc["cash", "status"] == "ok"
    for option in ("loan", "esco_shared"):
        assert r.loc[option, "status"] == "missing_inputs"
        assert np.isnan(r.loc[option, "npv"]) and np.isnan(r.loc[option, "payback_years"])
    with pytest.raises(TypeError):
        compare_financing(LED_CAPEX, LED_SAVING, 5, 12.0, None)


# --- one kernel: the appraisal's yearly flows in every option -----------------------------------

def led_three_year_life():
    """LED over 10 years with a 3-year life, by hand: replaced at t = 3, 6, 9; a third of the
    last set used at t = 10 (salvage 2/3 of the capex)."""
    led = np.array([-LED_CAPEX] + [LED_SAVING] * 10)
    led[[3, 6, 9]] -= LED_CAPEX
    led[10] += LED_CAPEX * 2 / 3
    return led


def test_the_issue_numbers_payback_4_23_and_irr_20_pct():
    led = led_three_year_life()
    r = compare_financing(LED_CAPEX, led[1:], 10, 12.0, financing()).set_index("option").loc["cash"]
    # cumulative: -8.67e6 after year 2, -93.0e6 after the replacement, -17.35e6 after year 4
    assert r["payback_years"] == pytest.approx(4 + (2 * LED_CAPEX - 4 * LED_SAVING) / LED_SAVING)
    assert round(r["payback_years"], 2) == 4.23
    assert r["npv"] == pytest.approx(npf.npv(0.12, led))
    assert r["irr"] == pytest.approx(npf.irr(led)) and r["irr_code"] == ""
    # -100 + 215 x - 114 x^2 = 0, x = 1/(1 + r): x = 240/228 (r = -5 %) or 190/228 (r = 20 %)
    flows = np.array([-100.0, 215.0, -114.0])
    r = compare_financing(100.0, flows[1:], 2, 10.0, financing()).set_index("option").loc["cash"]
    assert r["irr"] == pytest.approx(228 / 190 - 1) and r["irr_code"] == "irr.multiple"


def test_every_option_is_built_from_the_same_yearly_flows():
    led = led_three_year_life()
    rows = financing(dict(type="loan", pct_of_capex=70.0, rate_pct=10.0, term_years=3.0),
                     dict(type="grant", amount=10_000_000.0),
                     dict(type="esco_shared_savings", share_pct=50.0, contract_years=4.0),
                     dict(type="esco_guaranteed_savings", contract_years=4.0))
    r = compare_financing(LED_CAPEX, led[1:], 10, 12.0, rows).set_index("option")
    payment = -npf.pmt(0.10, 3, 112_000_000)
    loan = led.copy()
    loan[0] += 112_000_000
    loan[1:4] -= payment
    np.testing.assert_allclose(r.loc["loan", "cashflows"], loan)
    grant = led.copy()
    grant[0] += 10_000_000
    np.testing.assert_allclose(r.loc["incentives", "cashflows"], grant)
    shared = np.concatenate([[0.0], led[1:5] * 0.5, led[5:]])  # the replacement at t = 3 is shared too
    np.testing.assert_allclose(r.loc["esco_shared", "cashflows"], shared)
    fee = np.where(np.arange(1, 11) <= 4, 0.10 * np.maximum(led[1:], 0.0), 0.0)
    np.testing.assert_allclose(r.loc["esco_guaranteed", "cashflows"], np.concatenate([[led[0]], led[1:] - fee]))
    for option in r.index:
        assert r.loc[option, "npv"] == pytest.approx(npf.npv(0.12, r.loc[option, "cashflows"]))


def test_esco_detail_and_options_table_agree():
    led = led_three_year_life()
    rows = financing(dict(type="esco_shared_savings", share_pct=60.0, contract_years=5.0),
                     dict(type="esco_guaranteed_savings", contract_years=5.0, share_pct=8.0))
    r = compare_financing(LED_CAPEX, led[1:], 10, 12.0, rows).set_index("option")
    shared = esco_shared_savings(LED_CAPEX, led[1:], share_pct=60.0, contract_years=5.0, years=10, rate_pct=12.0)
    guaranteed = esco_guaranteed_savings(LED_CAPEX, led[1:], led[1:], contract_years=5.0, years=10, fee_pct=8.0,
                                         rate_pct=12.0)
    assert shared["customer_npv"] == pytest.approx(r.loc["esco_shared", "npv"], rel=1e-12)
    assert guaranteed["customer_npv"] == pytest.approx(r.loc["esco_guaranteed", "npv"], rel=1e-12)
    assert shared["esco_npv"] == pytest.approx(npf.npv(0.12, shared["esco"]))
    # customer + ESCO = the project, so the two NPVs add up to the project's
    for out in (shared, guaranteed):
        assert out["customer_npv"] + out["esco_npv"] == pytest.approx(npf.npv(0.12, led), rel=1e-9)


def test_guaranteed_savings_default_fee_makes_the_esco_whole():
    """The customer pays the default 10 % of the guaranteed saving during the contract."""
    out = esco_guaranteed_savings(500, 100, 100, contract_years=3, years=4)
    np.testing.assert_allclose(out["customer"], [-500, 90, 90, 90, 100])
    np.testing.assert_allclose(out["esco"], [0, 10, 10, 10, 0])
    np.testing.assert_allclose(esco_guaranteed_savings(500, 100, 100, contract_years=3, years=4, fee_pct=4)["esco"],
                               [0, 4, 4, 4, 0])
    # LED guaranteed for 3 years: delivered 95 % → the ESCO earns 10 % - 5 %; 80 % → it loses 10 %
    for actual_share, sign in ((1.0, 1), (0.95, 1), (0.80, -1)):
        out = esco_guaranteed_savings(LED_CAPEX, LED_SAVING, LED_SAVING * actual_share, contract_years=3, years=5,
                                      rate_pct=12.0)
        margin = LED_SAVING * (0.10 - (1 - actual_share))
        assert out["esco_npv"] == pytest.approx(sum(margin / 1.12 ** t for t in (1, 2, 3)))
        assert np.sign(out["esco_npv"]) == sign


def test_esco_functions_take_per_year_arrays():
    saving = np.array([100.0, 200.0, -50.0, 300.0])
    out = esco_shared_savings(400, saving, share_pct=25, contract_years=2, years=4)
    np.testing.assert_allclose(out["esco"], [-400, 25, 50, 0, 0])
    np.testing.assert_allclose(out["customer"], [0, 75, 150, -50, 300])
    out = chauffage(400, np.array([500.0, 520.0, 540.0, 560.0]), saving, price_discount_pct=10, contract_years=2,
                    years=4, rate_pct=10.0)
    np.testing.assert_allclose(out["customer"], [0, 50, 52, -50, 300])
    np.testing.assert_allclose(out["esco"], [-400, 50, 148, 0, 0])  # S - d E0: 100 - 50, 200 - 52
    assert out["customer_npv"] == pytest.approx(npf.npv(0.10, out["customer"]))


def test_dscr_uses_the_real_net_flows():
    """A replacement year shows its true cover: DSCR_t = CF_t / debt service_t, t ≥ 1."""
    led = led_three_year_life()
    s = loan_schedule(112_000_000, 10.0, 5)
    payment = -npf.pmt(0.10, 5, 112_000_000)
    d = dscr(led, s)
    assert list(d.index) == list(range(1, 11))
    np.testing.assert_allclose(d.loc[[1, 2, 4, 5]], LED_SAVING / payment)
    assert d.loc[3] == pytest.approx((LED_SAVING - LED_CAPEX) / payment) and d.loc[3] < 0
    assert d.loc[6:].isna().all()
