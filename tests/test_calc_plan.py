"""The least-cost plan (calc.plan): against brute force, and hand-checkable fixtures.

Every expected number is computed here, independently of calc.finance and calc.plan: cash flows
by the deck's rules written out year by year, every assignment of start years enumerated.
"""
import itertools
import math

import numpy as np
import pandas as pd
import pytest

from calc.plan import (break_even_carbon_price, cost_of_ambition, knapsack, least_cost_plan, max_reduction,
                       plan_problem)

FIRST = 2022


# --------------------------------------------------------------------------- hand model
def hand_fixed_flows(capex, opex, life, k, n):
    """Flows that do not scale with the saving, t = 0..n, investing at t = k: capex at k, a
    replacement whenever a (whole-year) life ends before the last year, salvage of the unused
    life of the last unit in the last year, the operating cost change every running year."""
    flows = [0.0] * (n + 1)
    flows[k] -= capex
    for t in range(k + 1, n + 1):
        age = t - k
        flows[t] -= opex
        if age % life == 0 and t < n:
            flows[t] -= capex
    used = (n - k) % life
    flows[n] += capex * (1 - used / life) if used else 0.0
    return flows


def hand_spend(capex, life, k, n):
    """Investment by column t = 0..n−1 (the year first + t)."""
    out = [0.0] * n
    out[k] += capex
    for t in range(k + 1, n):
        if (t - k) % life == 0:
            out[t] += capex
    return out


def pv(flows, rate):
    return sum(v / (1 + rate) ** t for t, v in enumerate(flows))


def _tables(case):
    c = case["cand"]
    n, rate, esc, cp = case["n"], case["rate"], case["esc"], case["cp"]
    M = len(c["id"])
    options = []
    for m in range(M):
        lo = int(c["earliest_start"][m]) if np.isfinite(c["earliest_start"][m]) else FIRST
        hi = int(c["latest_start"][m]) if np.isfinite(c["latest_start"][m]) else case["last_start"]
        options.append([None] + list(range(max(lo, FIRST), min(hi, case["last_start"]) + 1)))
    # PV of measure m's full saving in year y (column t = y − first + 1)
    ben = np.array([[(c["saving"][m] * (1 + esc) ** (t - 1) + cp * c["red"][m]) / (1 + rate) ** t
                     for t in range(1, n + 1)] for m in range(M)])
    fixed = {(m, s): pv(hand_fixed_flows(c["capex"][m], c["opex"][m], c["life"][m], s - FIRST, n), rate)
             for m in range(M) for s in options[m] if s is not None}
    spend = {(m, s): hand_spend(c["capex"][m], c["life"][m], s - FIRST, n)
             for m in range(M) for s in options[m] if s is not None}
    order = sorted(range(M), key=lambda m: -c["saving"][m] / c["red"][m])   # money per tonne, best first
    return options, ben, fixed, spend, order


def evaluate(case, assign, tables=None):
    """NPV of one assignment (measure → None or a start year), None when it breaks a rule:
    an exclusive group used twice, a budget exceeded, the target missed. Each source's capped
    saving goes to the measures worth most per tonne first (exact: a fractional knapsack)."""
    c = case["cand"]
    n = case["n"]
    options, ben, fixed, spend, order = tables or _tables(case)
    M = len(c["id"])
    chosen_groups = [c["group"][m] for m in range(M) if assign[m] is not None and c["group"][m] is not None]
    if len(chosen_groups) != len(set(chosen_groups)):
        return None
    invest = np.zeros(n)
    total = 0.0
    for m, s in enumerate(assign):
        if s is not None:
            invest += spend[(m, s)]
            total += fixed[(m, s)]
    if any(np.isfinite(b) and invest[i] > b for i, b in enumerate(case["budgets"])):
        return None
    share = np.zeros((M, n))
    for m, s in enumerate(assign):
        if s is not None:
            share[m, s - FIRST:] = 1.0
    for j, cap in case["caps"].items():
        for yi in range(n):
            left = cap
            for m in order:
                if c["source"][m] == j and share[m, yi] > 0:
                    take = min(c["red"][m], max(left, 0.0))
                    share[m, yi] = take / c["red"][m]
                    left -= take
    if float(share[:, case["target_year"] - FIRST] @ c["red"]) < case["required"] - 1e-9:
        return None
    return total + float((share * ben).sum())


def brute_force(case):
    """The best (NPV, assignment) over every assignment, or None when none is feasible."""
    tables = _tables(case)
    best = None
    for assign in itertools.product(*tables[0]):
        value = evaluate(case, assign, tables)
        if value is not None and (best is None or value > best[0]):
            best = (value, assign)
    return best


def random_case(seed, M, S, alike=False):
    """Random measures on sources A, B (capped at 40–110 % of what their measures claim) or none;
    ``alike``: every measure is worth the same per tonne (one fuel at one price)."""
    rng = np.random.default_rng(seed)
    n = S + 2
    red = rng.integers(5, 60, M).astype(float)
    saving = rng.integers(10, 120, M).astype(float)
    cand = {"id": [f"m{i}" for i in range(M)], "capex": rng.integers(50, 400, M).astype(float),
            "saving": 2.5 * red if alike else saving, "opex": rng.integers(0, 10, M).astype(float),
            "life": rng.integers(2, 6, M), "red": red,
            "source": [["A", "B", None][i] for i in rng.integers(0, 3, M)],
            "group": [[None, None, "g1", "g2"][i] for i in rng.integers(0, 4, M)],
            "earliest_start": np.where(rng.random(M) < 0.3, FIRST + 1, np.nan),
            "latest_start": np.where(rng.random(M) < 0.3, FIRST + S - 2, np.nan)}
    caps = {j: float(red[[s == j for s in cand["source"]]].sum() * rng.uniform(0.4, 1.1)) for j in ("A", "B")}
    budgets = np.where(rng.random(n) < 0.5, rng.integers(100, 600, n).astype(float), np.nan)
    return {"cand": cand, "n": n, "rate": 0.08, "esc": float(rng.choice([0.0, 0.03])), "cp": float(rng.choice([0.0, 2.0])),
            "caps": caps, "budgets": budgets, "last_start": FIRST + S - 1, "target_year": FIRST + S - 1,
            "required": float(rng.uniform(0, 0.8) * red.sum() * 0.6)}


def solve_case(case, **kw):
    c = case["cand"]
    frame = pd.DataFrame({"id": c["id"], "capex": c["capex"], "energy_cost_saving": c["saving"],
                          "opex_change": c["opex"], "lifetime_years": c["life"].astype(float),
                          "reduction_tco2e": c["red"], "source": c["source"], "exclusive_group": c["group"],
                          "earliest_start": c["earliest_start"], "latest_start": c["latest_start"]})
    years = np.arange(FIRST - 1, FIRST + case["n"])
    bau = pd.Series(1000.0, index=years)
    target = pd.Series(1000.0, index=years)
    target[case["target_year"]] = 1000.0 - case["required"]
    problem = plan_problem(frame, first_year=FIRST, analysis_years=case["n"], discount_rate_pct=case["rate"] * 100,
                           bau_tco2e=bau, target_tco2e=target, target_year=case["target_year"],
                           sources_tco2e=case["caps"], budgets=dict(zip(range(FIRST, FIRST + case["n"]), case["budgets"])),
                           base_tco2e=1000.0, carbon_price_per_tco2=case["cp"], escalation_pct=case["esc"] * 100,
                           last_start_year=case["last_start"], **kw)
    return problem, least_cost_plan(problem)


SHAPES = [(12, 1), (12, 1), (9, 2), (9, 2), (8, 3), (7, 3), (6, 4), (6, 4), (5, 5), (6, 5), (4, 5), (10, 2)]


@pytest.mark.parametrize("seed,M,S,alike", [(s, M, S, False) for s, (M, S) in enumerate(SHAPES)]
                         + [(100 + s, M, S, True) for s, (M, S) in enumerate(SHAPES[::2])])
def test_plan_equals_brute_force(seed, M, S, alike):
    case = random_case(seed, M, S, alike)
    best = brute_force(case)
    _problem, res = solve_case(case)
    if best is None:
        assert res.status == "infeasible"
        return
    assert res.status == "optimal"
    assert res.npv == pytest.approx(best[0], rel=1e-7, abs=1e-6)
    # the plan itself is worth, by the independent evaluation, what the solver says
    chosen = dict(zip(res.chosen["id"], res.chosen["start_year"]))
    assign = tuple(chosen.get(i) for i in case["cand"]["id"])
    assert evaluate(case, assign) == pytest.approx(res.npv, rel=1e-7, abs=1e-6)
    invest = res.investment["investment"].to_numpy()[:case["n"]]
    assert np.all((invest <= case["budgets"] * (1 + 1e-12)) | ~np.isfinite(case["budgets"]))
    assert res.emissions.loc[case["target_year"], "reduction_tco2e"] >= case["required"] - 1e-6


def test_enough_random_cases_are_feasible_and_capped():
    """The random cases exercise the caps, budgets and exclusive groups (not all trivially)."""
    feasible = capped = 0
    for seed, (M, S) in enumerate([(12, 1), (12, 1), (9, 2), (9, 2), (8, 3), (7, 3), (6, 4), (6, 4)]):
        case = random_case(seed, M, S)
        _p, res = solve_case(case)
        feasible += res.status == "optimal"
        capped += bool((res.chosen["share_target_year"] < 1 - 1e-9).any()) if len(res.chosen) else 0
    assert feasible >= 5 and capped >= 1


# --------------------------------------------------------------------------- the deck's case
LED = dict(capex=160_000_000.0, saving=75_663_360.0, life=5, tco2e=46_080 * 0.8041 / 1000)      # 37.05 t
AIR = dict(capex=30_000_000.0, saving=100 * 7000 * 0.20 * 1642.0, life=3, tco2e=140_000 * 0.8041 / 1000)
TOTAL = 3299.33


def deck_problem(budgets, reduction_pct=4.0, **kw):
    cand = pd.DataFrame({"id": ["LED", "AIR"], "capex": [LED["capex"], AIR["capex"]],
                         "energy_cost_saving": [LED["saving"], AIR["saving"]],
                         "lifetime_years": [LED["life"], AIR["life"]],
                         "reduction_tco2e": [LED["tco2e"], AIR["tco2e"]], "source": ["lighting", "compressed air"]})
    years = np.arange(2021, 2031)
    bau = pd.Series(TOTAL, index=years)
    target = pd.Series(TOTAL * (1 - reduction_pct / 100 * (years - 2021) / 9), index=years)
    return plan_problem(cand, first_year=2022, analysis_years=10, discount_rate_pct=12.0, bau_tco2e=bau,
                        target_tco2e=target, target_year=2030, base_tco2e=TOTAL,
                        sources_tco2e={"lighting": 62.72, "compressed air": 562.87}, budgets=budgets, **kw)


def deck_npv(led_start, air_start):
    """By hand: 10 years from the start of 2022 at 12 %; LED 160 M, 75,663,360/yr, replaced every
    5 years; the leak survey 30 M, 229,880,000/yr, repeated every 3 years; salvage of the unused life."""
    out = 0.0
    for m, s in ((LED, led_start), (AIR, air_start)):
        if s is None:
            continue
        k = s - 2022
        flows = hand_fixed_flows(m["capex"], 0.0, m["life"], k, 10)
        for t in range(k + 1, 11):
            flows[t] += m["saving"]
        out += pv(flows, 0.12)
    return out


def test_deck_case_budget_forces_a_later_start():
    # 2022: 100 M (the leak survey, 30 M, fits; the LEDs, 160 M, do not); 2023: 160 M
    res = least_cost_plan(deck_problem({2022: 100e6, 2023: 160e6}))
    assert res.status == "optimal"
    assert dict(zip(res.chosen["id"], res.chosen["start_year"])) == {"AIR": 2022, "LED": 2023}
    assert res.npv == pytest.approx(deck_npv(2023, 2022), rel=1e-12)
    assert res.investment.loc[2022, "investment"] == pytest.approx(30e6)
    assert res.investment.loc[2023, "investment"] == pytest.approx(160e6)
    assert res.investment.loc[2025, "investment"] == pytest.approx(30e6)    # the survey repeated
    assert res.investment.loc[2028, "investment"] == pytest.approx(160e6 + 30e6)  # LEDs replaced
    # -4 % by 2030 needs both: 37.05 + 112.57 = 149.63 t ≥ 131.97 t
    assert res.emissions.loc[2030, "reduction_tco2e"] == pytest.approx(LED["tco2e"] + AIR["tco2e"])
    assert res.emissions.loc[2030, "with_plan_tco2e"] <= TOTAL * 0.96
    # without the budget both start at once, and that is worth more
    free = least_cost_plan(deck_problem(None))
    assert dict(zip(free.chosen["id"], free.chosen["start_year"])) == {"AIR": 2022, "LED": 2022}
    assert free.npv == pytest.approx(deck_npv(2022, 2022), rel=1e-12) and free.npv > res.npv


def test_deck_case_cost_of_ambition_and_break_even():
    p = deck_problem({2022: 100e6, 2023: 160e6})
    amb = cost_of_ambition(p, points=5, marks={"target": 4.0})
    assert amb["max_reduction_tco2e"] == pytest.approx(LED["tco2e"] + AIR["tco2e"])
    assert amb["max_level_pct"] == pytest.approx(100 * (LED["tco2e"] + AIR["tco2e"]) / TOTAL)
    assert len(amb["curve"]) == 5 and (amb["curve"]["status"] == "optimal").all()
    assert amb["curve"]["npv"].is_monotonic_decreasing
    # below 112.57 t (the leak alone) the LEDs are still done: they pay for themselves
    assert amb["marks"].iloc[0]["npv"] == pytest.approx(deck_npv(2023, 2022), rel=1e-12)
    # both measures pay without a carbon price
    assert break_even_carbon_price(p)["status"] == "pays_already"


def test_break_even_carbon_price_by_hand():
    """One measure that loses money: capex 1,000, nothing saved but 10 tCO2e/yr, 5 years at 10 %.
    At P = 0 the least loss is to start in 2026 (−1,000/1.1⁴); but started in 2022 it pays for
    itself first: at P = 1,000 / (10 × annuity factor(10 %, 5)) = 26.38 (2026: at 110)."""
    cand = pd.DataFrame({"id": ["X"], "capex": [1000.0], "energy_cost_saving": [0.0], "reduction_tco2e": [10.0]})
    years = np.arange(2021, 2027)
    p = plan_problem(cand, first_year=2022, analysis_years=5, discount_rate_pct=10.0,
                     bau_tco2e=pd.Series(100.0, index=years), target_tco2e=pd.Series(95.0, index=years),
                     target_year=2026, base_tco2e=100.0)
    annuity = sum(1 / 1.1 ** t for t in range(1, 6))
    out = break_even_carbon_price(p)
    assert out["status"] == "found"
    assert out["carbon_price_per_tco2"] == pytest.approx(1000 / (10 * annuity), rel=1e-9)
    assert out["npv_at_zero"] == pytest.approx(-1000.0 / 1.1 ** 4)


def test_exclusive_pair():
    """LED or CFL for the same lamps: never both, the better one chosen (even though both fit)."""
    cand = pd.DataFrame({"id": ["LED", "CFL", "VSD"], "capex": [100.0, 60.0, 50.0],
                         "energy_cost_saving": [50.0, 35.0, 20.0], "lifetime_years": [10.0, 10.0, 10.0],
                         "reduction_tco2e": [10.0, 6.0, 4.0], "exclusive_group": ["lamps", "lamps", None]})
    years = np.arange(2021, 2027)
    kw = dict(first_year=2022, analysis_years=5, discount_rate_pct=10.0, bau_tco2e=pd.Series(100.0, index=years),
              target_year=2026, base_tco2e=100.0)
    free = least_cost_plan(plan_problem(cand, target_tco2e=pd.Series(100.0, index=years), **kw))
    assert set(free.chosen["id"]) == {"LED", "VSD"}
    annuity = sum(1 / 1.1 ** t for t in range(1, 6))
    # NPV by hand: −capex + saving × annuity + salvage of half the life at year 5
    by_hand = sum(-c + s * annuity + c * 0.5 / 1.1 ** 5 for c, s in ((100, 50), (50, 20)))
    assert free.npv == pytest.approx(by_hand, rel=1e-12)
    # with a budget of 110 in 2022 and nothing after: CFL + VSD (110) beats LED alone (100)
    tight = least_cost_plan(plan_problem(cand, target_tco2e=pd.Series(100.0, index=years),
                                         budgets={2022: 110.0, 2023: 0, 2024: 0, 2025: 0, 2026: 0}, **kw))
    assert set(tight.chosen["id"]) == {"CFL", "VSD"}
    # LED alone is within budget and better than CFL alone: with room for one only, LED
    one = least_cost_plan(plan_problem(cand, target_tco2e=pd.Series(100.0, index=years),
                                       budgets={2022: 100.0, 2023: 0, 2024: 0, 2025: 0, 2026: 0}, **kw))
    assert set(one.chosen["id"]) == {"LED"}


def test_no_feasible_plan_reports_the_shortfall_and_the_budget_needed():
    """Target −5 % of 1,000 t by 2026 = 50 t. LED (10 t) and CFL (6 t) exclude each other, so the
    most any plan cuts is LED + VSD = 14 t; with a budget of 60 a year the LEDs (100) never fit."""
    cand = pd.DataFrame({"id": ["LED", "CFL", "VSD"], "capex": [100.0, 60.0, 50.0],
                         "energy_cost_saving": [50.0, 35.0, 20.0], "lifetime_years": [10.0, 10.0, 10.0],
                         "reduction_tco2e": [10.0, 6.0, 4.0], "exclusive_group": ["lamps", "lamps", None]})
    years = np.arange(2021, 2027)
    common = dict(first_year=2022, analysis_years=5, discount_rate_pct=10.0,
                  bau_tco2e=pd.Series(1000.0, index=years), target_year=2026, base_tco2e=1000.0)
    # the target path: −5 % in 2026 (50 t)
    path = pd.Series(1000.0 - 50.0 * (years - 2021) / 5, index=years)
    res = least_cost_plan(plan_problem(cand, target_tco2e=path, budgets={y: 60.0 for y in range(2022, 2027)},
                                       **common))
    assert res.status == "infeasible" and len(res.chosen) == 0 and np.isnan(res.npv)
    # with 60 a year the measures can start in different years: CFL (60) in one year, VSD (50) in
    # another → 10 t; LED (100) never fits. Best reachable 10 t, shortfall 40 t (4 % of 1,000 t)
    assert res.shortfall["required_tco2e"] == pytest.approx(50.0)
    assert res.shortfall["best_reduction_tco2e"] == pytest.approx(10.0)
    assert res.shortfall["shortfall_tco2e"] == pytest.approx(40.0)
    assert res.shortfall["shortfall_pct"] == pytest.approx(4.0)
    # no budget reaches 50 t (14 t at most): no budget to name
    assert res.budget_needed is None
    # a reachable target (−1.2 % = 12 t) that the budget blocks: LED (100) + VSD (50) = 14 t needed;
    # least extra money: LED in one year (+40 over 60), VSD in another (fits)
    path12 = pd.Series(1000.0 - 12.0 * (years - 2021) / 5, index=years)
    res12 = least_cost_plan(plan_problem(cand, target_tco2e=path12, budgets={y: 60.0 for y in range(2022, 2027)},
                                         **common))
    assert res12.status == "infeasible"
    assert res12.shortfall["shortfall_tco2e"] == pytest.approx(2.0)
    assert res12.budget_needed["extra"].sum() == pytest.approx(40.0)
    assert (res12.budget_needed["needed"] >= 60.0).all()


def test_every_year_option_and_max_reduction():
    """Meeting the path every year forces the earliest start; the target year alone does not."""
    cand = pd.DataFrame({"id": ["A"], "capex": [100.0], "energy_cost_saving": [30.0], "lifetime_years": [20.0],
                         "reduction_tco2e": [10.0], "earliest_start": [np.nan]})
    years = np.arange(2021, 2026)
    path = pd.Series(100.0 - 2.0 * (years - 2021), index=years)      # −8 t by 2025
    kw = dict(first_year=2022, analysis_years=4, discount_rate_pct=10.0, bau_tco2e=pd.Series(100.0, index=years),
              target_tco2e=path, target_year=2025, base_tco2e=100.0, budgets={2022: 50.0})
    last = least_cost_plan(plan_problem(cand, **kw))
    assert last.status == "optimal" and last.chosen["start_year"].tolist() == [2023]
    every = least_cost_plan(plan_problem(cand, every_year=True, **kw))
    assert every.status == "infeasible"   # 2022 needs 2 t, and the 100 does not fit the 2022 budget
    assert max_reduction(plan_problem(cand, **kw)) == (pytest.approx(10.0), "optimal")


def test_knapsack_is_exact_on_a_budget_boundary():
    # a subset summing exactly to the budget is allowed; a hair more is not
    chosen, status = knapsack([3.0, 4.0, 5.0], [1.0, 2.0, 3.0], 3.0)
    assert status == "optimal" and chosen == [0, 1]
    chosen, _ = knapsack([1.0, 1.0], [1e10, 1e10 + 1.0], 2e10)     # 2e10 + 1 > 2e10: one only
    assert chosen in ([0], [1])


def test_no_candidates():
    empty = pd.DataFrame(columns=["id", "capex", "energy_cost_saving", "reduction_tco2e"])
    years = np.arange(2021, 2026)
    kw = dict(first_year=2022, analysis_years=4, discount_rate_pct=10.0, bau_tco2e=pd.Series(100.0, index=years),
              target_year=2025, base_tco2e=100.0)
    assert least_cost_plan(plan_problem(empty, target_tco2e=pd.Series(100.0, index=years), **kw)).status == "optimal"
    out = least_cost_plan(plan_problem(empty, target_tco2e=pd.Series(90.0, index=years), **kw))
    assert out.status == "infeasible" and out.shortfall["best_reduction_tco2e"] == 0.0
    assert math.isnan(out.npv)
