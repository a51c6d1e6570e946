"""Measurement and verification (M&V): baseline models, data sufficiency, avoided energy, uncertainty.

The deck's section 6: savings = (baseline + adjustments) − measured energy, where the baseline is
a model of the baseline period's energy use fitted to its drivers (production, cooling or heating
degree days) and evaluated at the reporting period's conditions (IPMVP "avoided energy").

Input is the ``Metering`` table of **one meter** (one site, one fuel; filter first): columns
``period_start`` (datetime64, one row per month), ``period`` ("baseline" | "reporting"),
``energy`` [the meter's ``unit``, e.g. kWh], ``production``, ``cdd``, ``hdd``. Energies keep the
meter's unit throughout; percentages carry ``_pct`` in their names.

Problems are values, not exceptions: short, gappy or messy data give coded :class:`MVWarning`
values (codes in :data:`MV_CODES`) and, when no model can be fitted, ``None`` instead of a
model. Only a malformed *argument* (an unknown change-point ``kind``, a confidence outside
(0, 1)) raises ``ValueError``.

Statistics use numpy alone (``numpy.linalg.lstsq``) rather than statsmodels: no extra dependency,
and the few statistics M&V needs (coefficients, standard errors, R², CV(RMSE), NMBE) are closed
form. The Student-t quantile for the savings uncertainty comes from :func:`student_t_ppf`
(bisection on the regularised incomplete beta function), so scipy is not needed either.

References
----------
.. [1] Training deck, section 6 "Thực hiện và đánh giá" (seed-digest §6): baseline vs reporting
   period, savings = (baseline + adjustments) − measured, IPMVP options A–D.
.. [2] EVO, *International Performance Measurement and Verification Protocol: Core Concepts*,
   EVO 10000-1:2016 (options A–D, avoided energy, non-routine adjustments).
.. [3] ASHRAE Guideline 14-2014, *Measurement of Energy, Demand, and Water Savings*:
   CV(RMSE) and NMBE with n − p degrees of freedom; calibration criteria for monthly data;
   Annex B, fractional savings uncertainty.
.. [4] T. A. Reddy, D. E. Claridge, "Uncertainty of 'measured' energy savings from statistical
   baseline models", HVAC&R Research 6 (1), 2000: origin of the Guideline's FSU formula.
.. [5] J. K. Kissock, J. S. Haberl, D. E. Claridge, "Inverse Modeling Toolkit: numerical
   algorithms", ASHRAE Transactions 109 (2), 2003 (ASHRAE RP-1050): change-point models.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from calc.units import convert

__all__ = [
    "MV_CODES", "MVWarning", "BaselineModel", "CV_RMSE_PASS_PCT", "NMBE_PASS_PCT", "R2_PASS",
    "CV_RMSE_WARN_PCT", "NMBE_WARN_PCT", "MIN_BASELINE_MONTHS", "OUTLIER_MADS", "MAD_TO_SIGMA",
    "DRIVER_RANGE_TOLERANCE", "FSU_CONFIDENCES", "FSU_MONTHLY_FACTOR", "OPTION_C_MIN_SAVINGS_PCT",
    "fit_verdict", "fit_baseline", "fit_change_point", "sufficiency", "avoided_energy",
    "student_t_cdf", "student_t_ppf", "fractional_savings_uncertainty", "ipmvp_option",
    "realisation_rate", "DRIVERS", "screen_drivers", "expected_savings", "savings_fraction",
]

#: The driver columns of the ``Metering`` sheet, in the order pages and defaults list them.
DRIVERS = ("production", "cdd", "hdd")

#: Warning codes → what they mean (pages translate the ``code``; ``data`` says where).
MV_CODES = {
    "mv.baseline_short": "fewer than 12 baseline months with a measured energy",
    "mv.no_reporting": "no reporting-period month with a measured energy",
    "mv.gaps": "calendar months missing inside a period",
    "mv.outliers": "baseline energy more than 3 scaled MADs from the median",
    "mv.driver_out_of_range": "reporting months whose driver lies outside the baseline range (+10 %)",
    "mv.duplicate_months": "a calendar month appears more than once",
    "mv.dropped_rows": "baseline rows left out of the fit (missing energy or driver)",
    "mv.too_few_points": "not enough (distinct) points for the model's parameters",
}

#: ASHRAE Guideline 14-2014, calibration criteria for monthly data [%]; R² ≥ 0.75 is a common
#: recommendation for regression baselines, not a criterion of the Guideline's calibration clause.
CV_RMSE_PASS_PCT, NMBE_PASS_PCT, R2_PASS = 15.0, 5.0, 0.75
#: The looser band of a "warn" verdict [%].
CV_RMSE_WARN_PCT, NMBE_WARN_PCT = 20.0, 10.0
MIN_BASELINE_MONTHS = 12
OUTLIER_MADS = 3.0
#: MAD × 1.4826 estimates σ for normally distributed data (1 / Φ⁻¹(0.75)).
MAD_TO_SIGMA = 1.4826
#: A reporting driver may exceed the baseline range by this share of the range's width.
DRIVER_RANGE_TOLERANCE = 0.10
#: Two-sided confidence levels at which pages show the fractional savings uncertainty.
FSU_CONFIDENCES = (0.68, 0.90, 0.95)
#: Guideline 14's empirical factor for monthly models in the FSU formula.
FSU_MONTHLY_FACTOR = 1.26
#: Option C needs savings large enough to see on the meter: more than about 10 % of its energy.
OPTION_C_MIN_SAVINGS_PCT = 10.0

_MONTH_KEYS = tuple(f"month_{m:02d}" for m in range(2, 13))  # January is the reference month


@dataclass(frozen=True)
class MVWarning:
    """A data or fit problem, as a value.

    Attributes
    ----------
    code : str
        Stable identifier, a key of :data:`MV_CODES` (e.g. ``"mv.gaps"``).
    data : dict
        What it refers to, e.g. ``{"period": "baseline", "months": ["2021-03"]}``. Months are
        ``"YYYY-MM"`` strings; rows without a date are ``"row <index>"``.
    """

    code: str
    data: dict


@dataclass(frozen=True)
class BaselineModel:
    """A fitted baseline: coefficients, statistics, fit verdict, and :meth:`predict`.

    ``coefficients``, ``std_errors`` and ``t_stats`` are keyed ``"intercept"`` and each key of
    ``drivers``. For a change-point model ``drivers`` is ``(driver,)`` and its coefficient is the
    slope per unit of driver beyond the balance point. With month indicators, ``drivers`` ends
    with ``"month_02" … "month_12"`` (0/1 for that calendar month; January is the reference).
    ``fitted`` and ``residuals`` (measured − fitted) follow the rows used, in input order.
    ``driver_ranges`` holds the (min, max) of each metered driver over those rows.
    """

    drivers: tuple[str, ...]
    coefficients: dict[str, float]
    std_errors: dict
    t_stats: dict
    r2: float
    adj_r2: float
    cv_rmse_pct: float
    nmbe_pct: float
    n: int
    p: int
    mean_energy: float
    fitted: np.ndarray
    residuals: np.ndarray
    verdict: str
    driver_ranges: dict[str, tuple[float, float]]
    kind: str
    balance_point: float | None

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        """Energy the baseline model predicts for each row of ``frame`` [the meter's unit].

        A row with a missing driver (or a missing column) predicts NaN. Month indicators read
        the month of ``period_start``.
        """
        return _design(frame, self.drivers, self.kind, self.balance_point) @ self._beta()

    def _beta(self) -> np.ndarray:
        return np.array([self.coefficients["intercept"], *(self.coefficients[d] for d in self.drivers)])


# --------------------------------------------------------------------------- helpers
def _num(frame: pd.DataFrame, col: str) -> np.ndarray:
    """A column as floats (non-numbers → NaN); all NaN when the column is absent."""
    if col not in frame:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[col], errors="coerce").astype(float).to_numpy()


def _dates(frame: pd.DataFrame) -> pd.Series:
    if "period_start" not in frame:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    return pd.to_datetime(frame["period_start"], errors="coerce")


def _labels(frame: pd.DataFrame, mask) -> list[str]:
    """``"YYYY-MM"`` of the rows in ``mask`` (``"row <index>"`` when the date is missing)."""
    dates = _dates(frame)[np.asarray(mask, dtype=bool)]
    return [d.strftime("%Y-%m") if pd.notna(d) else f"row {i}" for i, d in dates.items()]


def _design(frame: pd.DataFrame, drivers, kind: str = "ols", balance_point: float | None = None) -> np.ndarray:
    """The design matrix [1, x1, …]: hinge terms for change points, 0/1 month indicators."""
    cols = [np.ones(len(frame))]
    months = _dates(frame).dt.month.to_numpy(dtype=float)
    for d in drivers:
        if d in _MONTH_KEYS and d not in frame:
            cols.append(np.where(np.isnan(months), np.nan, (months == int(d[-2:])).astype(float)))
            continue
        x = _num(frame, d)
        if kind == "3p_cooling":
            x = np.where(np.isnan(x), np.nan, np.maximum(0.0, x - balance_point))
        elif kind == "3p_heating":
            x = np.where(np.isnan(x), np.nan, np.maximum(0.0, balance_point - x))
        cols.append(x)
    return np.column_stack(cols)


def fit_verdict(cv_rmse_pct: float, nmbe_pct: float, r2: float) -> str:
    """``"pass"``, ``"warn"`` or ``"fail"`` for a monthly baseline model's statistics.

    Parameters
    ----------
    cv_rmse_pct, nmbe_pct : float
        CV(RMSE) and NMBE [%].
    r2 : float
        Coefficient of determination.

    Returns
    -------
    str
        ``"pass"`` when CV(RMSE) ≤ 15 %, |NMBE| ≤ 5 % and R² ≥ 0.75; ``"warn"`` when not all of
        these hold but CV(RMSE) ≤ 20 % and |NMBE| ≤ 10 %; ``"fail"`` otherwise (also for NaN
        CV(RMSE) or NMBE; a NaN R² only fails the R² criterion).

    Notes
    -----
    CV(RMSE) ≤ 15 % and |NMBE| ≤ 5 % are the ASHRAE Guideline 14-2014 calibration criteria for
    monthly data; check the exact clause against the standard before quoting it in a report.
    R² ≥ 0.75 is a commonly recommended minimum for regression baselines. The 20 % / 10 % "warn"
    band is this tool's choice, not the Guideline's.

    References
    ----------
    .. [1] ASHRAE Guideline 14-2014, calibration criteria for monthly data.
    """
    cv, nmbe = abs(float(cv_rmse_pct)), abs(float(nmbe_pct))
    if not (np.isfinite(cv) and np.isfinite(nmbe)):
        return "fail"
    if cv <= CV_RMSE_PASS_PCT and nmbe <= NMBE_PASS_PCT and r2 >= R2_PASS:
        return "pass"
    if cv <= CV_RMSE_WARN_PCT and nmbe <= NMBE_WARN_PCT:
        return "warn"
    return "fail"


def _statistics(x: np.ndarray, y: np.ndarray, p: int):
    """OLS of y on the design x; ``None`` when x has rank < its columns."""
    n, k = x.shape
    if np.linalg.matrix_rank(x) < k:
        return None
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    fitted = x @ beta
    resid = y - fitted
    sse = float(resid @ resid)
    ybar = float(y.mean())
    sst = float(((y - ybar) ** 2).sum())
    dof = n - p
    sigma2 = sse / dof
    se = np.sqrt(np.clip(np.diag(sigma2 * np.linalg.inv(x.T @ x)), 0.0, None))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = beta / se
        r2 = 1.0 - sse / sst if sst > 0 else np.nan
        cv = math.sqrt(sigma2) / ybar * 100.0 if ybar else np.nan
        nmbe = float(resid.sum()) / (dof * ybar) * 100.0 if ybar else np.nan
    adj = 1.0 - (1.0 - r2) * (n - 1) / dof
    return beta, se, t, fitted, resid, sse, r2, adj, cv, nmbe, ybar


def _model(x, y, drivers, ranges, kind, balance_point, p) -> BaselineModel | None:
    stats = _statistics(x, y, p)
    if stats is None:
        return None
    beta, se, t, fitted, resid, _, r2, adj, cv, nmbe, ybar = stats
    keys = ("intercept", *drivers)
    return BaselineModel(
        drivers=tuple(drivers), coefficients=dict(zip(keys, map(float, beta))),
        std_errors=dict(zip(keys, map(float, se))), t_stats=dict(zip(keys, map(float, t))),
        r2=float(r2), adj_r2=float(adj), cv_rmse_pct=float(cv), nmbe_pct=float(nmbe), n=len(y), p=p,
        mean_energy=ybar, fitted=fitted, residuals=resid, verdict=fit_verdict(cv, nmbe, r2),
        driver_ranges=ranges, kind=kind, balance_point=balance_point)


def _clean(baseline: pd.DataFrame, columns, need_dates: bool = False):
    """Rows with energy and every column; a ``mv.dropped_rows`` warning for the others."""
    frame = baseline if baseline is not None else pd.DataFrame()
    keep = ~np.isnan(_num(frame, "energy"))
    for c in columns:
        keep &= ~np.isnan(_num(frame, c))
    if need_dates:
        keep &= _dates(frame).notna().to_numpy()
    warnings = []
    if (~keep).any():
        missing = [c for c in ("energy", *columns) if np.isnan(_num(frame, c)[~keep]).any()]
        warnings.append(MVWarning("mv.dropped_rows", {"months": _labels(frame, ~keep), "columns": missing}))
    return frame[keep], warnings


# --------------------------------------------------------------------------- models
def fit_baseline(baseline: pd.DataFrame, drivers: list[str], *,
                 month_indicators: bool = False) -> tuple[BaselineModel | None, list[MVWarning]]:
    """Fit a linear baseline: energy on its drivers by ordinary least squares.

    Parameters
    ----------
    baseline : DataFrame
        The baseline-period rows of one meter's ``Metering`` table: ``energy`` and the driver
        columns (``period_start`` too with month indicators).
    drivers : list of str
        Driver columns, e.g. ``["production", "cdd"]``; an empty list fits the mean.
    month_indicators : bool, default False
        Add 0/1 indicators for February … December (January is the reference level). They add
        11 parameters, so they need every calendar month in the baseline and many months in all
        (two years or more); otherwise no model is fitted.

    Returns
    -------
    model : BaselineModel or None
        ``None`` when there are too few points (n ≤ p) or the drivers are collinear / constant.
    warnings : list of MVWarning
        ``mv.dropped_rows`` (rows with a missing energy or driver, left out of the fit) and
        ``mv.too_few_points`` (data ``n``, ``p``, and ``rank`` or ``months_missing``).

    Notes
    -----
    :math:`E = b_0 + \\sum_j b_j x_j + \\varepsilon`, fitted with ``numpy.linalg.lstsq``; numpy
    rather than statsmodels because it adds no dependency and the statistics are closed form.
    With :math:`n` points, :math:`p` parameters (intercept included) and
    :math:`SSE = \\sum (y - \\hat y)^2`:

    - standard errors: :math:`\\sqrt{\\operatorname{diag}(\\sigma^2 (X^T X)^{-1})}`,
      :math:`\\sigma^2 = SSE / (n - p)`; :math:`t = b / se`;
    - :math:`R^2 = 1 - SSE/SST`, :math:`SST = \\sum (y - \\bar y)^2` (NaN when SST = 0);
      adjusted :math:`\\bar R^2 = 1 - (1 - R^2)(n - 1)/(n - p)`;
    - :math:`CV(RMSE) = \\sqrt{SSE/(n - p)} / \\bar y \\times 100`;
    - :math:`NMBE = \\sum (y - \\hat y) / ((n - p)\\, \\bar y) \\times 100` (ASHRAE Guideline 14
      definitions with n − p degrees of freedom). OLS with an intercept makes the residuals sum
      to zero, so NMBE is 0 up to rounding for these models.

    The verdict is :func:`fit_verdict` (Guideline 14 calibration criteria for monthly data,
    CV(RMSE) ≤ 15 %, |NMBE| ≤ 5 %, plus R² ≥ 0.75).

    References
    ----------
    .. [1] ASHRAE Guideline 14-2014, calibration criteria for monthly data (check the exact
       clause against the standard).
    .. [2] IPMVP Core Concepts 2016, Option C: regression of whole-facility energy on drivers.
    """
    drivers = list(drivers)
    frame, warnings = _clean(baseline, drivers, need_dates=month_indicators)
    keys = drivers + (list(_MONTH_KEYS) if month_indicators else [])
    n, p = len(frame), 1 + len(keys)
    if month_indicators:
        seen = set(_dates(frame).dt.month.dropna().astype(int))
        missing = [m for m in range(1, 13) if m not in seen]
        if missing:
            return None, warnings + [MVWarning("mv.too_few_points", {"n": n, "p": p, "months_missing": missing})]
    if n <= p:
        return None, warnings + [MVWarning("mv.too_few_points", {"n": n, "p": p})]
    x = _design(frame, keys)
    ranges = {d: (float(np.min(x[:, i + 1])), float(np.max(x[:, i + 1]))) for i, d in enumerate(drivers)}
    model = _model(x, _num(frame, "energy"), keys, ranges, "ols", None, p)
    if model is None:
        rank = int(np.linalg.matrix_rank(x))
        return None, warnings + [MVWarning("mv.too_few_points", {"n": n, "p": p, "rank": rank})]
    return model, warnings


def fit_change_point(baseline: pd.DataFrame, driver: str,
                     kind: str = "cooling") -> tuple[BaselineModel | None, list[MVWarning]]:
    """Fit a 3-parameter change-point baseline on one weather driver (grid search on τ).

    Parameters
    ----------
    baseline : DataFrame
        The baseline-period rows of one meter: ``energy`` and ``driver``.
    driver : str
        The driver column, e.g. ``"cdd"`` or a temperature.
    kind : {"cooling", "heating"}

    Returns
    -------
    model : BaselineModel or None
        ``kind`` is ``"3p_cooling"`` or ``"3p_heating"``, ``balance_point`` is τ [driver unit],
        ``p`` is 3. ``None`` when there are fewer than 4 points or no τ leaves at least two
        points on each side.
    warnings : list of MVWarning
        ``mv.dropped_rows``, ``mv.too_few_points``.

    Raises
    ------
    ValueError
        An unknown ``kind``.

    Notes
    -----
    Cooling: :math:`E = b_0 + b_1 \\max(0, x - \\tau)`; heating:
    :math:`E = b_0 + b_1 \\max(0, \\tau - x)`. τ is chosen among the driver's observed values,
    keeping those with at least two points on the flat side (hinge = 0) and two on the sloped
    side, by the least SSE (the first on ties). At that τ the statistics are those of
    :func:`fit_baseline` with :math:`p = 3` (τ counts as a parameter, so σ² = SSE / (n − 3));
    the standard errors treat τ as known. A physically sensible model has :math:`b_1 > 0`;
    check the sign.

    References
    ----------
    .. [1] Kissock, Haberl, Claridge, "Inverse Modeling Toolkit" (ASHRAE RP-1050), 2003.
    .. [2] ASHRAE Guideline 14-2014, calibration criteria for monthly data.
    """
    if kind not in ("cooling", "heating"):
        raise ValueError(f"unknown change-point kind: {kind!r}")
    name, p = f"3p_{kind}", 3
    frame, warnings = _clean(baseline, [driver])
    x, y = _num(frame, driver), _num(frame, "energy")
    best = None
    if len(y) > p:
        for tau in np.unique(x):
            hinge = np.maximum(0.0, x - tau) if kind == "cooling" else np.maximum(0.0, tau - x)
            if (hinge > 0).sum() < 2 or (hinge == 0).sum() < 2:
                continue
            design = np.column_stack([np.ones_like(hinge), hinge])
            resid = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
            sse = float(resid @ resid)
            if best is None or sse < best[0]:
                best = (sse, float(tau), design)
    if best is None:
        return None, warnings + [MVWarning("mv.too_few_points", {"n": len(y), "p": p,
                                                                "distinct_values": int(len(np.unique(x)))})]
    _, tau, design = best
    model = _model(design, y, [driver], {driver: (float(x.min()), float(x.max()))}, name, tau, p)
    if model is None:
        return None, warnings + [MVWarning("mv.too_few_points", {"n": len(y), "p": p, "rank": 1})]
    return model, warnings


# --------------------------------------------------------------------------- driver screening
def screen_drivers(baseline: pd.DataFrame, drivers=DRIVERS) -> dict[str, str]:
    """Whether each driver column can enter a baseline model, judged on the baseline period.

    Parameters
    ----------
    baseline : DataFrame
        The baseline-period rows of one meter: ``energy`` and the driver columns.
    drivers : sequence of str, default :data:`DRIVERS`

    Returns
    -------
    dict
        Driver → status, over the baseline rows that have a measured energy:

        - ``"ok"``: a value in every such row, and at least two distinct values;
        - ``"incomplete"``: some rows lack a value (a fit would leave them out);
        - ``"no_data"``: no value at all (or no baseline row with energy; or no such column);
        - ``"all_zero"``: every value is 0 (e.g. heating degree days in a tropical climate);
        - ``"constant"``: one value, not 0.

    Notes
    -----
    A constant column is collinear with the intercept: least squares cannot separate the two,
    so such a driver carries no information and :func:`fit_baseline` would find rank < p. The
    checks run before the completeness check, so an incomplete all-zero column is ``all_zero``.
    """
    frame = baseline if isinstance(baseline, pd.DataFrame) else pd.DataFrame()
    rows = ~np.isnan(_num(frame, "energy"))
    out = {}
    for d in drivers:
        x = _num(frame, d)[rows]
        known = x[~np.isnan(x)]
        if not len(known):
            out[d] = "no_data"
        elif np.all(known == 0):
            out[d] = "all_zero"
        elif np.all(known == known[0]):
            out[d] = "constant"
        elif len(known) < len(x):
            out[d] = "incomplete"
        else:
            out[d] = "ok"
    return out


# --------------------------------------------------------------------------- data sufficiency
def sufficiency(metering: pd.DataFrame, drivers) -> list[MVWarning]:
    """Check one meter's ``Metering`` table before trusting a baseline.

    Parameters
    ----------
    metering : DataFrame
        Baseline and reporting rows of one meter (one site and fuel).
    drivers : list of str
        The drivers the model uses.

    Returns
    -------
    list of MVWarning
        In this order, those that apply:

        - ``mv.baseline_short``: fewer than 12 baseline months with energy (data ``months``,
          ``required``);
        - ``mv.no_reporting``: no reporting month with energy;
        - ``mv.duplicate_months``: a calendar month on more than one row (data ``months``);
        - ``mv.gaps``: months missing between a period's first and last month, one warning per
          period (data ``period``, ``months``);
        - ``mv.outliers``: baseline months whose energy lies more than 3 × 1.4826 × MAD from the
          median (data ``months``, ``median``, ``scaled_mad``); skipped when MAD = 0;
        - ``mv.driver_out_of_range``: reporting months whose driver is outside the baseline range
          widened by 10 % of its width on each side (data: driver → months).

    Notes
    -----
    Never raises: an empty or malformed table (missing columns, text in number columns, missing
    dates, "Baseline " spelled loosely) gives warnings, not errors. Months are calendar months of
    ``period_start`` ("YYYY-MM"). 1.4826 × MAD estimates σ for normal data, so the outlier rule
    is a robust "3 σ" rule. The 10 % tolerance is this tool's choice: models extrapolate poorly
    outside the conditions they were fitted on (IPMVP Core Concepts 2016).

    References
    ----------
    .. [1] IPMVP Core Concepts 2016: the baseline period should span a full operating cycle
       (12 months for seasonal loads).
    .. [2] ASHRAE Guideline 14-2014: baseline models apply within the range of their drivers.
    """
    frame = metering if isinstance(metering, pd.DataFrame) else pd.DataFrame()
    period = (frame["period"].astype("string").str.strip().str.lower() if "period" in frame
              else pd.Series(pd.NA, index=frame.index, dtype="string")).fillna("")
    dates = _dates(frame)
    months = dates.dt.to_period("M")
    energy = _num(frame, "energy")
    is_base = (period == "baseline").to_numpy()
    is_rep = (period == "reporting").to_numpy()
    has_energy = ~np.isnan(energy)
    out = []

    base_months = months[is_base & has_energy].dropna().unique()
    if len(base_months) < MIN_BASELINE_MONTHS:
        out.append(MVWarning("mv.baseline_short", {"months": int(len(base_months)), "required": MIN_BASELINE_MONTHS}))
    if not months[is_rep & has_energy].notna().any():
        out.append(MVWarning("mv.no_reporting", {}))

    dup = months[months.notna() & months.duplicated(keep=False)]
    if len(dup):
        out.append(MVWarning("mv.duplicate_months", {"months": sorted({str(m) for m in dup})}))

    for name, mask in (("baseline", is_base), ("reporting", is_rep)):
        present = months[mask].dropna()
        if len(present):
            seen = set(present)
            gaps = [str(m) for m in pd.period_range(present.min(), present.max(), freq="M") if m not in seen]
            if gaps:
                out.append(MVWarning("mv.gaps", {"period": name, "months": gaps}))

    base_e = energy[is_base & has_energy]
    if len(base_e):
        median = float(np.median(base_e))
        scaled = MAD_TO_SIGMA * float(np.median(np.abs(base_e - median)))
        far = is_base & has_energy & (np.abs(energy - median) > OUTLIER_MADS * scaled)
        if scaled > 0 and far.any():
            out.append(MVWarning("mv.outliers", {"months": _labels(frame, far), "median": median,
                                                 "scaled_mad": scaled}))

    outside = {}
    for d in drivers or ():
        x = _num(frame, d)
        base_x = x[is_base & ~np.isnan(x)]
        if not len(base_x):
            continue
        lo, hi = float(base_x.min()), float(base_x.max())
        tol = DRIVER_RANGE_TOLERANCE * (hi - lo)
        with np.errstate(invalid="ignore"):
            beyond = is_rep & ((x < lo - tol) | (x > hi + tol))
        if beyond.any():
            outside[d] = _labels(frame, beyond)
    if outside:
        out.append(MVWarning("mv.driver_out_of_range", outside))
    return out


# --------------------------------------------------------------------------- savings
def avoided_energy(model: BaselineModel, reporting: pd.DataFrame,
                   adjustments: pd.DataFrame | None = None) -> pd.DataFrame:
    """Avoided energy of each reporting month (IPMVP "avoided energy", the deck's savings).

    Parameters
    ----------
    model : BaselineModel
    reporting : DataFrame
        Reporting-period rows: ``period_start``, ``energy`` and the model's drivers.
    adjustments : DataFrame, optional
        Non-routine adjustments: ``period_start``, ``amount`` [the meter's unit]. A positive
        amount *raises* that month's baseline (e.g. a new production line added load the
        baseline did not have); several rows in one month add up; months not in ``reporting``
        are ignored.

    Returns
    -------
    DataFrame
        One row per reporting row, in input order: ``period_start``, ``measured``,
        ``adjusted_baseline`` (the model at reporting conditions), ``non_routine``, ``avoided``
        and ``cumulative`` (running total of ``avoided`` in date order; NaN months are skipped
        in the total).

    Notes
    -----
    .. math:: \\text{avoided} = \\text{adjusted baseline} + \\text{non-routine} - \\text{measured}

    Positive avoided energy is a saving. A month with a missing driver or energy is NaN.

    References
    ----------
    .. [1] IPMVP Core Concepts 2016: avoided energy = (baseline energy ± routine adjustments
       to reporting conditions ± non-routine adjustments) − reporting-period energy.
    .. [2] Training deck, section 6: savings = (baseline + adjustments) − measured energy.
    """
    frame = reporting if isinstance(reporting, pd.DataFrame) else pd.DataFrame()
    dates = _dates(frame)
    measured = _num(frame, "energy")
    baseline = model.predict(frame) if len(frame) else np.empty(0)
    non_routine = np.zeros(len(frame))
    if adjustments is not None and len(adjustments) and len(frame):
        adj_month = _dates(adjustments).dt.to_period("M")
        amount = pd.Series(_num(adjustments, "amount"), index=adjustments.index)
        by_month = amount[adj_month.notna()].groupby(adj_month[adj_month.notna()]).sum(min_count=1)
        non_routine = dates.dt.to_period("M").map(by_month).astype(float).fillna(0.0).to_numpy()
    avoided = baseline + non_routine - measured
    order = np.argsort(dates.to_numpy(), kind="stable")
    cumulative = np.empty(len(frame))
    cumulative[order] = pd.Series(avoided[order]).cumsum().to_numpy()
    return pd.DataFrame({"period_start": dates.to_numpy(), "measured": measured, "adjusted_baseline": baseline,
                         "non_routine": non_routine, "avoided": avoided, "cumulative": cumulative})


def realisation_rate(verified, expected):
    """Verified savings ÷ expected savings (1.0 = as promised); NaN when expected ≤ 0 or NaN.

    Works on scalars (returns a float) and arrays.
    """
    v, e = np.asarray(verified, dtype=float), np.asarray(expected, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(e > 0, v / e, np.nan)
    return float(rate) if rate.ndim == 0 else rate


# --------------------------------------------------------------------------- uncertainty
def _betainc(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b), continued fraction (modified Lentz)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > (a + 1.0) / (a + b + 2.0):
        return 1.0 - _betainc(b, a, 1.0 - x)
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    f = d
    for m in range(1, 500):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            f *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return front * f / a


def student_t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t with ``df`` degrees of freedom.

    Notes
    -----
    :math:`P(T \\le t) = 1 - \\tfrac12 I_{\\nu/(\\nu + t^2)}(\\nu/2, 1/2)` for t ≥ 0 (symmetric
    for t < 0), with the regularised incomplete beta function evaluated by its continued
    fraction (Press et al., *Numerical Recipes*, 3rd ed., §6.4).
    """
    if not df > 0 or math.isnan(t):
        return math.nan
    tail = 0.5 * _betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def student_t_ppf(q: float, df: float) -> float:
    """The Student-t quantile: t such that P(T ≤ t) = q (NaN for q outside (0, 1) or df ≤ 0).

    Notes
    -----
    Bisection on :func:`student_t_cdf` to 1e-12; ``df = inf`` gives the normal quantile
    (``statistics.NormalDist``). E.g. t(0.975, 10) = 2.228, t(0.95, 10) = 1.812.
    """
    q, df = float(q), float(df)
    if not (0.0 < q < 1.0) or not df > 0:
        return math.nan
    if math.isinf(df):
        return NormalDist().inv_cdf(q)
    if q < 0.5:
        return -student_t_ppf(1.0 - q, df)
    lo, hi = 0.0, 1.0
    while student_t_cdf(hi, df) < q and hi < 1e15:
        lo, hi = hi, hi * 2.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if student_t_cdf(mid, df) < q:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-12 * max(1.0, hi):
            break
    return 0.5 * (lo + hi)


def fractional_savings_uncertainty(model: BaselineModel, reporting_months: int, savings_fraction: float,
                                   confidence: float) -> float:
    """Fractional savings uncertainty of a monthly baseline model [% of the savings].

    Parameters
    ----------
    model : BaselineModel
        Gives n (baseline points), p and CV(RMSE).
    reporting_months : int
        m, the number of reporting points.
    savings_fraction : float
        F, savings as a fraction of the adjusted baseline energy (0.10 for 10 %).
    confidence : float
        Two-sided confidence level, e.g. 0.68, 0.90, 0.95 (:data:`FSU_CONFIDENCES`).

    Returns
    -------
    float
        :math:`\\Delta E_{save} / E_{save} \\times 100`: savings are known to ± this % of
        themselves at ``confidence``. NaN when F ≤ 0, m < 1, or n − p < 1.

    Raises
    ------
    ValueError
        ``confidence`` outside (0, 1).

    Notes
    -----
    ASHRAE Guideline 14-2014, Annex B, for monthly data without autocorrelation:

    .. math:: \\frac{\\Delta E_{save}}{E_{save}} = \\frac{t \\cdot 1.26 \\cdot CV
       \\sqrt{\\frac{n}{n'} \\left(1 + \\frac{2}{n}\\right) \\frac{1}{m}}}{F}

    with CV = CV(RMSE) as a fraction, n the baseline points, n′ the effective number of
    independent points (here n′ = n: residual autocorrelation is assumed absent; with lag-1
    autocorrelation ρ the Guideline uses n′ = n (1 − ρ)/(1 + ρ)), m the reporting points, F the
    savings fraction and t the two-sided Student-t quantile,
    :math:`t_{(1 + c)/2,\\, n - p}`. 1.26 is the Guideline's empirical factor for monthly
    models. The uncertainty falls with more reporting months and grows with the confidence.

    References
    ----------
    .. [1] ASHRAE Guideline 14-2014, Annex B (uncertainty of savings from regression models).
    .. [2] Reddy, Claridge, HVAC&R Research 6 (1), 2000.
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError("confidence must be in (0, 1)")
    n, m, f = model.n, float(reporting_months), float(savings_fraction)
    dof = n - model.p
    if not (f > 0 and m >= 1 and dof >= 1):
        return math.nan
    t = student_t_ppf((1.0 + confidence) / 2.0, dof)
    cv = model.cv_rmse_pct / 100.0
    n_eff = n
    return t * FSU_MONTHLY_FACTOR * cv * math.sqrt(n / n_eff * (1.0 + 2.0 / n) / m) / f * 100.0


# --------------------------------------------------------------------------- IPMVP option
def ipmvp_option(isolated: bool, key_parameters_measurable: bool, all_parameters_measured: bool,
                 baseline_meter: bool, savings_share_of_meter_pct: float) -> dict:
    """Suggest an IPMVP option (A–D) from four yes/no answers and the savings' share of the meter.

    Parameters
    ----------
    isolated : bool
        The measure's equipment can be metered on its own (retrofit isolation).
    key_parameters_measurable : bool
        Its key parameters (e.g. power) can be measured.
    all_parameters_measured : bool
        All parameters (e.g. power *and* operating hours) are measured.
    baseline_meter : bool
        A (utility) meter with baseline-period data covers the facility.
    savings_share_of_meter_pct : float
        Expected savings as % of that meter's energy (NaN = unknown, treated as too small).

    Returns
    -------
    dict
        ``option`` ("A" | "B" | "C" | "D") and ``reason_code``:

        - ``isolated_all_parameters`` → B: isolated and all parameters measured;
        - ``isolated_key_parameters`` → A: isolated, key parameters measurable, not all measured
          (the others are estimated);
        - ``whole_facility_meter`` → C: not isolable (or nothing measurable), a baseline meter,
          and savings > 10 % of the meter's energy;
        - ``no_baseline_meter`` → D: no baseline meter, so the baseline comes from a calibrated
          simulation;
        - ``savings_below_meter_resolution`` → D: a baseline meter, but savings ≤ 10 % of it are
          lost in its normal variation and the measure cannot be isolated.

    Notes
    -----
    The rules are tried in the order above. The 10 % threshold is IPMVP's rule of thumb for
    Option C (savings should exceed about 10 % of the metered energy); it is not a hard limit.

    References
    ----------
    .. [1] IPMVP Core Concepts 2016, options A–D and the option-selection guidance.
    .. [2] Training deck, section 6 (seed-digest §6): A and B retrofit isolation, C whole
       facility (baseline and reporting data), D calibrated simulation (no baseline meter).
    """
    if isolated and all_parameters_measured:
        return {"option": "B", "reason_code": "isolated_all_parameters"}
    if isolated and key_parameters_measurable:
        return {"option": "A", "reason_code": "isolated_key_parameters"}
    if not baseline_meter:
        return {"option": "D", "reason_code": "no_baseline_meter"}
    share = float(savings_share_of_meter_pct) if savings_share_of_meter_pct is not None else math.nan
    if share > OPTION_C_MIN_SAVINGS_PCT:
        return {"option": "C", "reason_code": "whole_facility_meter"}
    return {"option": "D", "reason_code": "savings_below_meter_resolution"}


def expected_savings(savings: pd.DataFrame, measures: pd.DataFrame, fuel: str, year: int,
                     unit: str | None = None) -> dict:
    """What the measures page expects on one meter in a reporting year (for the realisation rate).

    Parameters
    ----------
    savings : DataFrame
        :func:`calc.measures.measure_savings` of ``measures``.
    measures : DataFrame
        The ``Measures`` sheet (for the energy prices).
    fuel : str
        The meter's energy.
    year : int
        The reporting year.
    unit : str, optional
        The meter's unit: each measure's saving is converted from its ``saving_unit`` to it
        (a measure whose unit has another dimension, or is unknown, is left out). Without it the
        savings are added as they are.

    Returns
    -------
    dict
        ``quantity`` (the yearly savings of the measures on ``fuel`` active in ``year``: start
        year ≤ year < start + lifetime; no start year counts as active) [``unit``] and ``price``
        (their saving-weighted energy price per ``unit``; NaN when none has one).

    Notes
    -----
    With conversion factors :math:`k_i` (measure unit → meter unit) the price per meter unit is
    :math:`\\sum p_i q_i / \\sum k_i q_i`: the money the measures save over the energy they save.
    """
    start = pd.to_numeric(savings["start_year"], errors="coerce").fillna(-np.inf)
    life = pd.to_numeric(savings["lifetime_years"], errors="coerce").fillna(np.inf)
    active = (savings["fuel"] == fuel) & (savings["status"] == "ok") & (start <= year) & (start + life > year)
    quantity = savings.loc[active, "saving_quantity"].to_numpy(dtype=float)
    price = pd.to_numeric(measures["energy_price_per_unit"], errors="coerce").to_numpy(dtype=float)[active.to_numpy()]
    factor = np.ones(len(quantity))
    if unit is not None:
        factor = np.array([_unit_factor(u, unit) for u in savings.loc[active, "saving_unit"]], dtype=float)
        keep = ~np.isnan(factor)
        quantity, price, factor = quantity[keep], price[keep], factor[keep]
    known = ~np.isnan(price) & (quantity > 0)
    weighted = (float((price[known] * quantity[known]).sum() / (factor[known] * quantity[known]).sum())
                if known.any() else np.nan)
    return {"quantity": float((quantity * factor).sum()), "price": weighted}


def _unit_factor(from_unit, to_unit: str) -> float:
    """1 ``from_unit`` in ``to_unit`` (NaN for an unknown unit or another dimension)."""
    if from_unit is None or (isinstance(from_unit, float) and np.isnan(from_unit)):
        return np.nan
    try:
        return float(convert(1.0, str(from_unit), to_unit))
    except (ValueError, KeyError):
        return np.nan


def savings_fraction(result: pd.DataFrame) -> float:
    """F = avoided energy / adjusted baseline over the reporting period (for the uncertainty)."""
    baseline = float(result["adjusted_baseline"].sum() + result["non_routine"].sum())
    return float(result["avoided"].sum()) / baseline if baseline else np.nan
