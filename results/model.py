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

from results.lazy import ComputedOnFirstUse

# the least-cost plan's results live with their builder (results.plan); the name is kept here too
from results.plan import PlanResults, plan_results

__all__ = ["FinanceResults", "FinancingResults", "RiskResults", "risk_results", "BudgetResults", "PlanResults",
           "LifeCycleResults",
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


#: The tornado's ranges: ±20 % on prices, savings, investment and lifetime, ±4 points of rate.
SENSITIVITY_RANGES = {"energy_price": (-0.2, 0.2), "saving": (-0.2, 0.2), "capex": (-0.2, 0.2),
                      "discount_rate": (-4, 4), "lifetime": (-0.2, 0.2)}
#: The Monte Carlo's draws and seed (reproducible: the same scenario gives the same percentiles).
MC_DRAWS, MC_SEED = 10_000, 42


def risk_results(base: dict, settings: dict) -> RiskResults:
    """Tornado (:data:`SENSITIVITY_RANGES`), break-even changes and Monte Carlo (:data:`MC_DRAWS`
    triangular draws of the settings' spans, seed :data:`MC_SEED`) of the portfolio.

    Parameters
    ----------
    base : dict
        Keyword arguments of :func:`calc.risk.portfolio_npv` (the appraisal's inputs of the
        ``ok`` measures and ``discount_rate_pct``).
    settings : dict
        The Finance settings (:func:`calc.appraisal.finance_settings`): ``mc_energy_price_pct``,
        ``mc_saving_pct``, ``mc_capex_pct`` (±% spans of the draws).
    """
    from calc import risk

    torn = risk.tornado(base, SENSITIVITY_RANGES)
    even = {k: risk.break_even(base, k) for k in ("saving", "capex", "discount_rate")}
    spans = {"energy_price": float(settings["mc_energy_price_pct"]), "saving": float(settings["mc_saving_pct"]),
             "capex": float(settings["mc_capex_pct"])}
    mc = risk.monte_carlo(**base, draws=MC_DRAWS, seed=MC_SEED,
                          distributions={k: ("triangular", 1 - v / 100, 1.0, 1 + v / 100) for k, v in spans.items()})
    return RiskResults(base, SENSITIVITY_RANGES, torn, even, spans, mc)


@dataclass(frozen=True)
class BudgetResults:
    """The measures that maximise NPV or tCO2e within the budget, and the ranking by PI."""

    budget: float
    goal: str
    selection: dict
    selected_ids: list
    ranking: pd.DataFrame


@dataclass(frozen=True)
class LifeCycleResults:
    """Equivalent annual cost of the life-cycle alternatives (deck §4, lamps by default)."""

    table: pd.DataFrame
    hours_per_year: float
    energy_price: float
    is_default: bool


@dataclass(frozen=True)
class ScenarioResults(ComputedOnFirstUse):
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
    #: the tornado and Monte Carlo base (:attr:`risk`): the appraisal's inputs and the discount
    #: rate of the ``ok`` measures, with the Finance settings; None without such a measure
    risk_inputs: tuple[dict, dict] | None
    budget: BudgetResults | None
    life_cycle: LifeCycleResults
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
    #: computed on first use: ``risk``, ``mv``, ``plan`` (each once per results object; the app's
    #: :mod:`ui.cache` keeps them once per scenario content); never part of the comparison of two
    #: results
    computed: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def risk(self) -> RiskResults | None:
        """Sensitivity and Monte Carlo of the portfolio (:func:`risk_results` of
        :attr:`risk_inputs`; None without a measure with status ``ok``), computed on first use:
        only the pages and reports that show it pay for its 10,000 draws."""
        if self.risk_inputs is None:
            return None
        return self._once("risk", lambda: risk_results(*self.risk_inputs))

    @property
    def plan(self) -> PlanResults | None:
        """The least-cost plan to the main target (:func:`results.plan.plan_results`; None without
        a target or without a measure with status ok), set up on first use: its solves are made
        when first asked for (:class:`results.plan.PlanResults`)."""
        return self._once("plan", lambda: plan_results(self.scenario, self.measures_claimed, self.applied,
                                                       self.inventory.rows, self.main_target, self.finance.settings,
                                                       self.base_year))

    @property
    def mv(self):
        """The M&V results (:func:`results.mv.analyse_mv` of the scenario, its factor table and
        the measures that count), computed on first use."""
        from results.mv import analyse_mv

        return self._once("mv", lambda: analyse_mv(self.scenario, self.factor_table, self.measures))

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
