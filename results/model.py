"""The typed results of a scenario: what every page, the CLI, the reports and the comparison show.

Every class is a frozen dataclass of DataFrames, arrays and numbers. A number a user sees is a
field here (or a pure function of fields here, such as formatting); no view computes its own.

Conventions
-----------
- Money is in the scenario's currency (``ScenarioResults.currency``), yearly amounts per year.
- Cash-flow arrays follow numpy-financial: column 0 is t = 0 (the start of ``FinanceResults.
  first_year``), column t ≥ 1 is the end of calendar year ``first_year + t − 1``; outflows < 0.
- A result that cannot be computed is NaN (undefined) or ±inf (never pays back), never an
  exception; ``irr_code`` and the warnings say why.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from calc.factors import GridChoice
from calc.inventory import InventoryResult
from calc.targets import TargetResult
from workbook.model import Problem

__all__ = ["FinanceResults", "FinancingResults", "RiskResults", "BudgetResults", "PlanResults", "LifeCycleResults",
           "ScenarioResults"]


@dataclass(frozen=True)
class FinanceResults:
    """Yearly cash flows and indicators of every measure with status ``ok`` and of the portfolio.

    Attributes
    ----------
    settings : dict
        The Finance sheet with every blank filled by its documented default.
    first_year : int
        Calendar year of t = 0: the earliest start year of the measures.
    cashflows : ndarray
        Shape (measures + 1, analysis_years + 1): one row per ``ok`` measure (in the order of
        ``indicators``) and the portfolio (their sum) last.
    indicators : DataFrame
        One row per ``ok`` measure and a last ``portfolio`` row: ``row`` (position in the
        Measures sheet, −1 for the portfolio), ``id, name, capex, annual_saving, start_year,
        offset_years, simple_payback_years, discounted_payback_years, npv, npv_excel, irr,
        irr_code, roi, bcr, cost_of_saved_energy_per_kwh, abatement_cost_per_tco2e``.
    """

    settings: dict
    first_year: int
    cashflows: np.ndarray
    indicators: pd.DataFrame
    #: the rows of ``cashflows`` from each measure's own investment year (the portfolio as it is)
    own_cashflows: np.ndarray

    @property
    def portfolio(self) -> pd.Series:
        return self.indicators.iloc[-1]

    @property
    def rate(self) -> float:
        """The discount rate as a fraction."""
        return float(self.settings["discount_rate_pct"]) / 100.0

    def calendar_years(self) -> list[int]:
        """The calendar year of each cash-flow column (t = 0 is the start of ``first_year``)."""
        n = self.cashflows.shape[1]
        return [self.first_year + t - 1 for t in range(n)]


@dataclass(frozen=True)
class FinancingResults:
    """How one measure (or the portfolio) could be paid for, with the customer's cash flows.

    Attributes
    ----------
    label_id : str
        ``portfolio`` or the measure's id.
    values : dict
        The financing form's values (the sheet's ``*`` rows, or the defaults for what is blank).
    rows : DataFrame
        The Financing rows used (the measure's own rows, the ``*`` rows).
    options : DataFrame
        :func:`calc.financing.compare_financing` of the same yearly flows as the indicators.
    loan_schedule : DataFrame
        The loan of the form's values, year by year.
    dscr : Series
        Debt service coverage ratio by year (net project flow / debt service).
    esco : dict
        ``shared``, ``guaranteed``, ``chauffage``: dicts with ``customer`` and ``esco`` flows.
    """

    label_id: str
    capex: float
    values: dict
    rows: pd.DataFrame
    options: pd.DataFrame
    loan_schedule: pd.DataFrame
    dscr: pd.Series
    esco: dict


@dataclass(frozen=True)
class RiskResults:
    """Sensitivity (tornado, break-even) and Monte Carlo of the portfolio, from the same flows.

    ``base`` holds the keyword arguments of :func:`calc.finance.measure_cashflows` (plus the
    discount rate) for the ``ok`` measures, so ``tornado.attrs['base_npv']`` equals the portfolio
    NPV of :class:`FinanceResults`.
    """

    base: dict
    ranges: dict
    tornado: pd.DataFrame
    break_even: dict
    spans_pct: dict
    monte_carlo: dict


@dataclass(frozen=True)
class BudgetResults:
    """The measures that maximise NPV or tCO2e within the budget, and the ranking by PI."""

    budget: float
    goal: str
    selection: dict
    selected_ids: list
    ranking: pd.DataFrame


@dataclass(frozen=True)
class PlanResults:
    """The least-cost plan to the target (:mod:`calc.plan`), the user's own selection valued the
    same way, the cost of ambition and the break-even carbon price (:func:`results.plan.plan_results`).

    The target-year plan and the user's selection are computed by :func:`results.analyse`; the
    every-year plan, the cost of ambition and the break-even prices (more solves) the first time
    they are asked for, then kept with these results (each computed once per scenario).

    Attributes
    ----------
    candidates : DataFrame
        The kernel's candidates (:func:`calc.plan.plan_problem`), one per measure with status
        ``ok``: ``id, name, row`` (position in the Measures sheet), ``capex, energy_cost_saving,
        opex_change, other_income, lifetime_years, reduction_tco2e, source_tco2e, source``
        (shared-source label, None when the measure is alone on its rows), ``source_cap_tco2e``,
        ``exclusive_group, earliest_start, latest_start, in_target, own_start`` (the start year
        of the user's selection, in the plan's years).
    problem : calc.plan.PlanProblem
        The plan's data (target year only; the every-year plan is the same with ``every_year``).
    own : PlanResult
        The user's selection (every candidate at its own start year) valued by the plan's
        objective (status ``given``): the same NPV, emissions and investment formulas.
    levels_pct : dict
        ``target``, ``wb2c``, ``1.5c`` → reduction level in the target year [% below the base year].
    budgets : Series
        By plan year: the investment budget (NaN = unlimited).
    problems : tuple
        Located problems of the plan's inputs (:func:`workbook.validate.validate_plan_inputs`).
    """

    candidates: pd.DataFrame
    problem: object
    first_year: int
    target_year: int
    last_start_year: int
    base_year: int
    base_tco2e: float
    discount_rate_pct: float
    carbon_price_per_tco2: float
    budgets: pd.Series
    own: object
    levels_pct: dict
    time_limit_s: float
    problems: tuple = ()
    #: levels on the cost-of-ambition curve (one solve each)
    ambition_points: int = 9
    #: computed on first use: ``plan.every_year``, ``ambition``, ``break_even.<mode>`` (and the
    #: target-year plan, given by analyse); never part of the comparison of two results
    computed: dict = field(default_factory=dict, compare=False, repr=False)

    def _once(self, key: str, make):
        if key not in self.computed:
            self.computed[key] = make()
        return self.computed[key]

    def plan(self, every_year: bool = False):
        """The least-cost plan of a mode (:class:`calc.plan.PlanResult`): the target met in the
        target year only, or in every year of the path up to it."""
        from dataclasses import replace

        from calc.plan import least_cost_plan
        key = "plan.every_year" if every_year else "plan.target_year"
        return self._once(key, lambda: least_cost_plan(replace(self.problem, every_year=bool(every_year)),
                                                       time_limit_s=self.time_limit_s))

    @property
    def ambition(self) -> dict:
        """:func:`calc.plan.cost_of_ambition` (target-year levels within the budgets) with the marks
        ``target``, ``wb2c``, ``1.5c`` and ``status`` (``ok``, or ``skipped`` when the target-year
        plan stopped at the time limit)."""
        from calc.plan import cost_of_ambition

        def make():
            if self.plan().status == "time_limit":
                empty = pd.DataFrame(columns=["level_pct", "required_tco2e", "npv", "cost", "status", "measures"])
                return {"curve": empty, "marks": empty.assign(mark=[]), "max_level_pct": np.nan,
                        "max_reduction_tco2e": np.nan, "status": "skipped"}
            out = cost_of_ambition(self.problem, points=self.ambition_points, marks=self.levels_pct,
                                   time_limit_s=self.time_limit_s)
            if "mark" not in out["marks"]:  # no level to draw (e.g. no base-year emissions)
                out["marks"] = out["marks"].assign(mark=pd.Series(dtype=object))
            return {**out, "status": "ok"}
        return self._once("ambition", make)

    def break_even(self, every_year: bool = False) -> dict:
        """:func:`calc.plan.break_even_carbon_price` of a mode (``status`` ``skipped`` when its
        plan stopped at the time limit)."""
        from dataclasses import replace

        from calc.plan import break_even_carbon_price

        def make():
            if self.plan(every_year).status == "time_limit":
                return {"carbon_price_per_tco2": np.nan, "status": "skipped", "iterations": 0, "npv_at_zero": np.nan}
            return break_even_carbon_price(replace(self.problem, every_year=bool(every_year)),
                                           time_limit_s=self.time_limit_s)
        return self._once("break_even." + ("every_year" if every_year else "target_year"), make)

    def required_tco2e(self, every_year: bool = False) -> pd.Series:
        """The reduction the target asks for, by constrained year [tCO2e]."""
        e = self.own.emissions
        need = e["bau_tco2e"] - e["target_tco2e"]
        years = e.index[(e.index <= self.target_year) if every_year else (e.index == self.target_year)]
        return need.loc[years].dropna()

    def own_meets_target(self, every_year: bool = False) -> bool:
        """True when the user's selection cuts what the target asks for (each constrained year)."""
        need = self.required_tco2e(every_year)
        got = self.own.emissions["reduction_tco2e"].reindex(need.index)
        return bool(len(need)) and bool((got >= need - 1e-9 * max(self.base_tco2e, 1.0)).all())

    def own_within_budget(self) -> bool:
        """True when the user's selection spends no more than the budget in every year with one."""
        inv = self.own.investment
        limited = inv["budget"].notna()
        return bool((inv.loc[limited, "investment"] <= inv.loc[limited, "budget"] * (1 + 1e-12)).all())

    def cumulative_cashflow(self, every_year: bool = False) -> pd.DataFrame:
        """By year (t = 0, the start of ``first_year``, shown as year ``first_year − 1``): the
        plan's and the user's selection's cumulative undiscounted cash flow (NaN without a plan)."""
        plan, own = self.plan(every_year), self.own
        n = max(len(plan.cashflows), len(own.cashflows))
        years = [self.first_year - 1 + t for t in range(n)]

        def cum(flows):
            out = np.full(n, np.nan)
            if len(flows):
                out[:len(flows)] = np.cumsum(flows)
            return out

        return pd.DataFrame({"plan": cum(plan.cashflows), "own": cum(own.cashflows)},
                            index=pd.Index(years, name="year"))


@dataclass(frozen=True)
class LifeCycleResults:
    """Equivalent annual cost of the life-cycle alternatives (deck §4, lamps by default)."""

    table: pd.DataFrame
    hours_per_year: float
    energy_price: float
    is_default: bool


@dataclass(frozen=True)
class ScenarioResults:
    """Everything any view shows for one scenario, computed once by :func:`results.analyse`."""

    name: str
    currency: str
    company: dict
    factor_table: pd.DataFrame
    grid: GridChoice
    inventory: InventoryResult
    targets: tuple[TargetResult, ...]
    #: the first target that is not a sub-target (None without targets): the portfolio's gap
    main_target: TargetResult | None
    #: measure savings as claimed (calc.measures.measure_savings), one row per Measures row
    measures_claimed: pd.DataFrame
    #: the same, with capped measures scaled to what their source had left (what counts)
    measures: pd.DataFrame
    #: per measure: applied fraction, applied tCO2e, scope, issue (calc.portfolio)
    applied: pd.DataFrame
    #: by calendar year: bau, reduction, with measures, target, gap [tCO2e]
    portfolio: pd.DataFrame
    #: one column per measure (position order) with its reduction by year
    wedges: pd.DataFrame
    macc: pd.DataFrame
    #: tCO2e/yr counted per measure class (index: the deck's six classes, in order)
    by_class: pd.Series
    #: headline numbers of the measures (counted measures only: status ok): ``tco2e_counted``,
    #: ``tco2e_claimed``, ``money_saving``, ``capex``, ``gap_target_year_tco2e`` (NaN without a
    #: target), ``with_measures_target_year_tco2e``, ``target_year``
    totals: dict
    finance: FinanceResults
    financing: FinancingResults
    risk: RiskResults | None
    budget: BudgetResults | None
    life_cycle: LifeCycleResults
    mv: object
    #: the least-cost plan to the main target (None without a target or without a measure with status ok)
    plan: PlanResults | None = None
    #: row problems of the Activities and Measures tables (as typed in the app: located warnings)
    activity_problems: tuple[Problem, ...] = field(default_factory=tuple)
    measure_problems: tuple[Problem, ...] = field(default_factory=tuple)
    #: per target name: :func:`calc.targets.explain` and the SBTi reference paths by year
    target_explanations: dict = field(default_factory=dict)
    target_references: dict = field(default_factory=dict)
    #: Pareto of the sources (largest first, cumulative share, in_top 80 %)
    pareto: pd.DataFrame | None = None
    #: the scenario the results were computed from (for on-demand views such as one measure's
    #: financing); never mutated
    scenario: object = None

    @property
    def base_year(self) -> int:
        return int(self.company.get("base_year") or 2021)

    def flows_from_start(self, row: int) -> np.ndarray:
        """Row ``row`` of the indicator table's cash flows from its own investment year (a measure
        that starts later is moved to t = 0, zeros after; the portfolio as it is): the flows its
        paybacks, ROI and financing are computed on."""
        return self.finance.own_cashflows[row]

    def npv_profile(self, row: int, points: int = 121) -> dict:
        """NPV of the row's flows at rates from 0 to max(60 %, 1.5 × IRR) [%] (the NPV-vs-rate chart)."""
        from calc.appraisal import npv_profile

        irr = float(self.finance.indicators.iloc[row]["irr"])
        rates = np.linspace(0, max(60.0, irr * 150) if np.isfinite(irr) else 60.0, points)
        return {"rate_pct": rates, "npv": npv_profile(self.finance.cashflows[row], rates)}

    def hand_irr(self, row: int) -> dict | None:
        """The trainers' IRR by hand between the 10-point rates around the IRR; None without an
        IRR, or when those two rates do not give NPVs of opposite signs (the IRR on a 10-point
        rate itself, or NPVs too large to tell apart), so the hand method has nothing to show."""
        from calc.finance import FinanceWarning, hand_irr

        irr = float(self.finance.indicators.iloc[row]["irr"])
        if not np.isfinite(irr):
            return None
        i1 = np.floor(irr * 10) / 10
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FinanceWarning)
            out = hand_irr(self.finance.cashflows[row], i1, i1 + 0.1)
        return out if np.isfinite(out["irr"]) else None

    def measure_label(self, i: int) -> str:
        """``id name`` of the i-th measure row."""
        m = self.measures.iloc[i]
        name = m["name"] if isinstance(m["name"], str) else ""
        return f"{m['id']} {name}".strip()
