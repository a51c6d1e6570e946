"""``analyse(scenario) -> ScenarioResults``: the whole chain, once, for every view.

inventory → targets → measure savings (capped to what each source has left) → portfolio and
wedges → cash flows and indicators → financing, budget → life cycle. The risk views (tornado,
Monte Carlo), the M&V and the least-cost plans are computed from these results on first use
(:class:`results.model.ScenarioResults`, :class:`results.model.PlanResults`).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from calc import risk
from calc.appraisal import appraise, finance_settings, life_cycle_comparison
from calc.factors import scenario_factor_table
from calc.factors import GridChoice
from calc.inventory import InventoryResult, compute_inventory
from calc.lifecycle import DEFAULT_ALTERNATIVES, lifecycle_inputs
from calc.measures import CLASSES, macc_table, measure_savings
from calc.portfolio import apply_to_inventory, evaluate_portfolio, scale_capped
from calc.inventory import pareto
from calc.targets import (SBTI_1_5C_PCT_PER_YEAR, SBTI_WB2C_PCT_PER_YEAR, evaluate_targets, explain,
                          reference_path)
from results.financing import financing_results
from results.model import (MC_DRAWS, MC_SEED, SENSITIVITY_RANGES, BudgetResults, FinanceResults,  # noqa: F401
                           LifeCycleResults, ScenarioResults)
from workbook.model import Problem, Scenario
from workbook.validate import validate_activities, validate_measures

__all__ = ["analyse", "measure_financing", "SENSITIVITY_RANGES"]


def _budget(ok: pd.DataFrame, npvs: np.ndarray, settings: dict) -> BudgetResults:
    given = settings.get("budget")
    budget = float(given) if given is not None and not pd.isna(given) else float(ok["capex"].sum()) / 2
    goal = settings.get("budget_goal") or "npv"
    value = npvs if goal == "npv" else ok["reduction_tco2e"].to_numpy(float)
    chosen = risk.select_within_budget(ok["capex"].to_numpy(float), value, budget)
    ranking = risk.rank_by_profitability(ok["id"].tolist(), ok["capex"].to_numpy(float), npvs)
    return BudgetResults(budget, goal, chosen, list(ok["id"].iloc[list(chosen["selected"])]), ranking)


def _life_cycle(scenario: Scenario, settings: dict) -> LifeCycleResults:
    table = scenario.table("LifeCycle") if "LifeCycle" in scenario.tables else None
    alternatives, hours, price = lifecycle_inputs(table, scenario.fields.get("Finance"))
    lcc = life_cycle_comparison(alternatives, hours_per_year=hours, energy_price=price,
                                discount_rate_pct=float(settings["discount_rate_pct"]))
    is_default = len(alternatives) == len(DEFAULT_ALTERNATIVES) and alternatives["alternative"].tolist() == \
        DEFAULT_ALTERNATIVES["alternative"].tolist()
    return LifeCycleResults(lcc, hours, price, is_default)


@dataclass(frozen=True)
class InventoryStage:
    """What the inventory's inputs alone decide (the Company fields, the Factors and Activities
    tables and the activities' Excel rows): the factor table, the grid factor, the inventory, the
    activities' row problems and the Pareto table."""

    factor_table: pd.DataFrame
    grid: GridChoice
    inventory: InventoryResult
    activity_problems: tuple[Problem, ...]
    pareto: pd.DataFrame

    def copied(self) -> "InventoryStage":
        """The same stage with copies of its tables (a caller may change its own)."""
        inv = self.inventory
        return replace(self, factor_table=self.factor_table.copy(), pareto=self.pareto.copy(),
                       inventory=replace(inv, rows=inv.rows.copy(), by_scope=inv.by_scope.copy(),
                                         by_category=inv.by_category.copy(), by_site=inv.by_site.copy()))


#: The inventory stages of the last few scenarios, by :func:`inventory_key`: an edit of the
#: measures, targets or finance settings (or another variant of one inventory) reuses its stage
#: instead of recomputing every activity row (about 0.3 s at 100,000 rows).
STAGES_KEPT = 4
_stages: OrderedDict[str, InventoryStage] = OrderedDict()
_stages_lock = threading.Lock()


def inventory_key(scenario: Scenario) -> str:
    """The digest of what :class:`InventoryStage` depends on (:meth:`Scenario.part_key`)."""
    return scenario.part_key(fields=("Company",), tables=("Factors", "Activities"), rows=("Activities",))


def compute_inventory_stage(scenario: Scenario) -> InventoryStage:
    """The inventory stage of ``scenario``, computed (no reuse)."""
    factor_table, grid = scenario_factor_table(dict(scenario.company), scenario.table("Factors"))
    inv = compute_inventory(scenario.activities, factor_table)
    problems = tuple(p for p in validate_activities(scenario.activities, factor_table,
                                                    scenario.excel_rows("Activities"), inv.rows)
                     if p.code != "sheet.empty")
    return InventoryStage(factor_table, grid, inv, problems, pareto(inv.rows))


def inventory_stage(scenario: Scenario) -> InventoryStage:
    """:func:`compute_inventory_stage`, reused while the inventory's inputs are unchanged (the last
    :data:`STAGES_KEPT` kept in the process); handed out as copies, so no caller changes the kept one."""
    key = inventory_key(scenario)
    with _stages_lock:
        kept = _stages.get(key)
        if kept is not None:
            _stages.move_to_end(key)
    if kept is None:
        kept = compute_inventory_stage(scenario)
        with _stages_lock:
            _stages[key] = kept
            while len(_stages) > STAGES_KEPT:
                _stages.popitem(last=False)
    return kept.copied()


def analyse(scenario: Scenario) -> ScenarioResults:
    """Every result of a scenario, computed once (pure: the same scenario gives the same results).

    Notes
    -----
    - The discount rate, analysis period and every Finance default come from one place
      (:func:`calc.appraisal.finance_settings`): a blank discount rate is 10 % for the MACC, the
      indicators, the CLI and the reports alike.
    - A measure that claims more than its source has left is scaled to what counts
      (:func:`calc.portfolio.scale_capped`): energy, money, tCO2e, NPV and MACC alike.
    - Cash flows: :func:`calc.appraisal.appraise` (one yearly model per measure, in calendar
      years); financing, DSCR, ESCO views, tornado, Monte Carlo and the budget use these flows.
    - The inventory stage (factors, inventory, the activities' row problems, Pareto) is reused
      while its inputs are unchanged (:func:`inventory_stage`): the same numbers, computed once.
    """
    company = dict(scenario.company)
    stage = inventory_stage(scenario)  # reused while the company, factors and activities are unchanged
    factor_table, grid, inv = stage.factor_table, stage.grid, stage.inventory
    targets = tuple(evaluate_targets(scenario.table("Targets"), inv.by_scope["tco2e"].to_dict(),
                                     scenario.table("Production"), company))
    main = next((t for t in targets if t.sub_of is None), None)
    settings = finance_settings(scenario.fields.get("Finance"))
    base_year = int(company.get("base_year") or 2021)
    claimed = measure_savings(scenario.table("Measures"), factor_table, float(settings["discount_rate_pct"]),
                              activities=scenario.activities, analysis_years=int(settings["analysis_years"]))
    applied = apply_to_inventory(claimed, inv.rows)
    savings = scale_capped(claimed, applied)
    by_year, wedges = evaluate_portfolio(savings, applied, main, inv.total_tco2e, base_year,
                                         int(settings["analysis_years"]))
    appraisal = appraise(savings, scenario.fields.get("Finance"), base_year=base_year)
    finance = FinanceResults(appraisal.settings, appraisal.first_year, appraisal.cashflows, appraisal.table,
                             appraisal.own_cashflows)
    financing = financing_results("portfolio", appraisal.cashflows[-1], settings, scenario.table("Financing"))
    ok = savings[savings["status"] == "ok"].reset_index(drop=True)
    if len(ok):
        # the appraisal's own inputs plus the rate: the tornado and Monte Carlo base is the table
        # (the tornado and the Monte Carlo are computed on first use: ScenarioResults.risk)
        base = {**appraisal.inputs, "discount_rate_pct": float(settings["discount_rate_pct"])}
        risk_inputs = (base, settings)
        budget = _budget(ok, appraisal.table["npv"].to_numpy(float)[:-1], settings)
    else:
        risk_inputs = budget = None
    return ScenarioResults(
        name=scenario.name, currency=str(company.get("currency") or "VND"), company=company,
        factor_table=factor_table, grid=grid, inventory=inv, targets=targets, main_target=main,
        measures_claimed=claimed, measures=savings, applied=applied, portfolio=by_year, wedges=wedges,
        macc=macc_table(savings), by_class=_by_class(savings, applied), totals=_totals(savings, claimed, applied, by_year, main), finance=finance, financing=financing, risk_inputs=risk_inputs, budget=budget,
        life_cycle=_life_cycle(scenario, settings),
        scenario=scenario,
        activity_problems=stage.activity_problems,
        measure_problems=tuple(validate_measures(scenario.table("Measures"), scenario.activities, factor_table,
                                                 scenario.excel_rows("Measures"), inv.rows, savings=claimed,
                                                 applied=applied)),
        target_explanations={t.name: explain(t) for t in targets},
        target_references={t.name: _references(t) for t in targets},
        pareto=stage.pareto,
    )


def _by_class(savings, applied) -> pd.Series:
    """tCO2e/yr counted per class, in the deck's order (0 for a class without measures)."""
    counted = pd.Series(applied["applied_tco2e"].to_numpy(float), index=savings["category"].to_numpy())
    return counted.groupby(level=0).sum().reindex(list(CLASSES), fill_value=0.0).rename("tco2e")


def _totals(savings, claimed, applied, by_year, main) -> dict:
    ok = (savings["status"] == "ok").to_numpy()
    last = by_year.iloc[-1] if len(by_year) else None
    return {"tco2e_counted": float(applied["applied_tco2e"].to_numpy(float)[ok].sum()),
            "tco2e_claimed": float(claimed["reduction_tco2e"].to_numpy(float)[ok].sum()),
            "money_saving": float(savings["energy_cost_saving"].to_numpy(float)[ok].sum()),
            "capex": float(savings["capex"].to_numpy(float)[ok].sum()),
            "target_year": main.target_year if main is not None else None,
            "gap_target_year_tco2e": float(last["gap_tco2e"]) if main is not None and last is not None else float("nan"),
            "with_measures_target_year_tco2e": float(last["with_measures_tco2e"]) if last is not None else float("nan")}


def _references(target) -> dict:
    """The SBTi reference paths (1.5 °C: 4.2 %/yr, well-below 2 °C: 2.5 %/yr) over the target's years."""
    e0 = explain(target)["e0"]
    years = target.lines.index
    return {"1.5c": reference_path(e0, target.base_year, years, SBTI_1_5C_PCT_PER_YEAR),
            "wb2c": reference_path(e0, target.base_year, years, SBTI_WB2C_PCT_PER_YEAR)}


def measure_financing(results: ScenarioResults, indicator_row: int):
    """The financing views of one row of the indicator table: a measure from its own start year
    (:meth:`ScenarioResults.flows_from_start`), or the portfolio (the last row)."""
    if indicator_row == len(results.finance.indicators) - 1:
        return results.financing
    rec = results.finance.indicators.iloc[indicator_row]
    return financing_results(str(rec["id"]), results.flows_from_start(indicator_row), results.finance.settings,
                             results.scenario.table("Financing"))
