"""M&V results of a scenario: one baseline model per meter, avoided energy, verified savings.

``analyse_mv(scenario, factor_table, measure_savings) -> MVResults`` is called by
:func:`results.analyse`; every M&V number a view shows (the page, the CLI's JSON, the reports)
is read from :class:`MVResults`. Nothing here imports streamlit.

Every choice that changes a number lives in the scenario: the ``MV`` sheet (field/value) holds
the baseline model, the drivers, the month-indicator switch and the IPMVP guide's answers; the
``Adjustments`` sheet holds the non-routine adjustments. Blank settings have one default each
(:func:`mv_settings`):

- ``model`` blank → ``"ols"``;
- ``drivers`` blank → every driver column (:data:`calc.mv.DRIVERS`) with a value in every
  baseline month of the meter that is neither constant nor all zero (those are left out with a
  note: ``mv.driver_constant``, ``mv.driver_all_zero``; a column missing in some baseline
  months gives ``mv.driver_incomplete``); ``none`` → no driver (the mean);
- ``month_indicators`` blank → off (they apply to the linear model only);
- IPMVP answers blank → not isolated, key and all parameters not measured, a baseline meter,
  savings 15 % of the meter.

A driver the user chose that cannot carry a model (constant, all zero, no data) is left out with
the same note instead of failing.

Meters: the ``Metering`` rows are grouped by (``fuel``, ``unit``) in order of first appearance; a
blank fuel is the table's first fuel (``electricity_grid`` when none is given) and a blank unit
the first unit given for that fuel (``kWh`` when none). Each meter gets its own baseline model.
A non-routine adjustment belongs to the first meter matching its fuel and unit (blank matches
any, so a row with neither belongs to the first meter).

Verified savings of a meter: avoided energy [meter unit] over the reporting months; TOE and
tCO2e with the scenario's factor table (the same conversion as an activity of that fuel and
unit, :func:`calc.inventory.emissions_by_row`); money at the saving-weighted energy price of the
measures on that fuel (:func:`calc.mv.expected_savings`). The realisation rate compares the
avoided energy with what the measures expect over the same months: each reporting month counts
1/12 of the yearly savings of the measures active in its year.

References
----------
.. [1] Training deck, section 6 (seed-digest §6): savings = (baseline + adjustments) − measured.
.. [2] EVO, IPMVP Core Concepts 2016: avoided energy, non-routine adjustments, options A–D.
.. [3] ASHRAE Guideline 14-2014: CV(RMSE), NMBE, fractional savings uncertainty.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from calc import mv
from calc.inventory import emissions_by_row
from calc.mv import DRIVERS, BaselineModel, MVWarning
from workbook.model import Scenario, empty_table
from workbook.schema import SHEETS, list_keys, norm

__all__ = ["MODEL_KINDS", "RESULT_CODES", "MVSettings", "MeterResult", "MVResults", "mv_settings", "analyse_mv",
           "DEFAULT_FUEL", "DEFAULT_UNIT", "DEFAULT_SAVINGS_SHARE_PCT"]

MODEL_KINDS = ("ols", "3p_cooling", "3p_heating")
DEFAULT_FUEL, DEFAULT_UNIT = "electricity_grid", "kWh"
#: The IPMVP guide's default answer to "expected savings as % of the meter".
DEFAULT_SAVINGS_SHARE_PCT = 15.0

#: Warning codes added here (the fit's own codes are :data:`calc.mv.MV_CODES`).
RESULT_CODES = {
    "mv.driver_all_zero": "driver columns that are 0 in every baseline month: left out of the model",
    "mv.driver_constant": "driver columns with one value in every baseline month: left out of the model",
    "mv.driver_incomplete": "driver columns missing in some baseline months: not used by default",
    "mv.driver_no_data": "chosen driver columns without data in the baseline: left out of the model",
    "mv.unknown_driver": "names in the MV sheet's drivers field that are no Metering driver column",
    "mv.no_change_point_driver": "a change-point model needs a weather driver (CDD or HDD) or another driver",
    "mv.adjustment_outside": "non-routine adjustments in months that are no reporting month of their meter",
    "mv.adjustment_no_meter": "non-routine adjustments whose fuel and unit match no meter",
}
_LEFT_OUT_CODES = {"all_zero": "mv.driver_all_zero", "constant": "mv.driver_constant", "no_data": "mv.driver_no_data"}


# --------------------------------------------------------------------------- settings
@dataclass(frozen=True)
class MVSettings:
    """The M&V choices of a scenario (its ``MV`` sheet), blanks resolved to their defaults.

    ``drivers`` is None when the sheet leaves them blank (each meter then uses its default
    drivers); ``()`` means "no driver". ``unknown_drivers`` are names that are no driver column.
    """

    model: str = "ols"
    drivers: tuple[str, ...] | None = None
    month_indicators: bool = False
    isolated: bool = False
    key_parameters: bool = False
    all_parameters: bool = False
    baseline_meter: bool = True
    savings_share_pct: float = DEFAULT_SAVINGS_SHARE_PCT
    unknown_drivers: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"model": self.model, "drivers": None if self.drivers is None else list(self.drivers),
                "month_indicators": self.month_indicators,
                "ipmvp_answers": {"isolated": self.isolated, "key_parameters_measurable": self.key_parameters,
                                  "all_parameters_measured": self.all_parameters,
                                  "baseline_meter": self.baseline_meter,
                                  "savings_share_of_meter_pct": self.savings_share_pct}}


def _yes(value, default: bool) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return default
    return norm(value) in ("yes", "true", "1", "có", "on")


def parse_drivers(text) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """The ``drivers`` field: (driver keys or None for blank, names that are no driver).

    Keys or labels in either language (:data:`workbook.schema.DRIVER_CHOICES`), separated by
    commas, semicolons or "+"; ``none`` (Không, -, 0) alone = no driver. Order and duplicates
    follow :data:`calc.mv.DRIVERS`.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)) or not str(text).strip():
        return None, ()
    named = list_keys(SHEETS["MV"].column("drivers"), str(text))
    keys = [key for _name, key in named]
    if keys == ["none"]:
        return (), ()
    unknown = tuple(name for name, key in named if key not in DRIVERS)
    return tuple(d for d in DRIVERS if d in keys), unknown


def mv_settings(scenario: Scenario) -> MVSettings:
    """The scenario's M&V settings (its ``MV`` fields), with the documented defaults for blanks."""
    f = scenario.fields.get("MV") or {}
    model = f.get("model") if f.get("model") in MODEL_KINDS else "ols"
    drivers, unknown = parse_drivers(f.get("drivers"))
    share = pd.to_numeric(pd.Series([f.get("ipmvp_savings_share_pct")]), errors="coerce").iloc[0]
    return MVSettings(
        model=model, drivers=drivers, month_indicators=_yes(f.get("month_indicators"), False),
        isolated=_yes(f.get("ipmvp_isolated"), False), key_parameters=_yes(f.get("ipmvp_key_parameters"), False),
        all_parameters=_yes(f.get("ipmvp_all_parameters"), False),
        baseline_meter=_yes(f.get("ipmvp_baseline_meter"), True),
        savings_share_pct=DEFAULT_SAVINGS_SHARE_PCT if pd.isna(share) else float(share), unknown_drivers=unknown)


# --------------------------------------------------------------------------- results
def _num(value):
    """A JSON number (None for NaN / missing), rounded to remove binary noise."""
    if value is None:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else round(f, 9) + 0.0


@dataclass(frozen=True)
class MeterResult:
    """One meter's baseline model, its verdict and its verified savings.

    Attributes
    ----------
    fuel, unit : str
        The meter (energies are in ``unit`` throughout).
    sites : tuple of str
        The sites its rows name (for the label only).
    rows : DataFrame
        Its ``Metering`` rows by date (the editor's row order is kept in the index).
    driver_status : dict
        :func:`calc.mv.screen_drivers` of its baseline: driver → ok | incomplete | no_data |
        all_zero | constant.
    default_drivers : tuple of str
        The drivers a blank ``drivers`` setting gives for this meter.
    drivers : tuple of str
        The metered drivers the model uses (month indicators not included).
    left_out : dict
        Chosen (or default-candidate) drivers left out → reason (all_zero, constant, no_data,
        incomplete).
    kind : str
        ols | 3p_cooling | 3p_heating.
    month_indicators : bool
        Month indicators in the model.
    model : BaselineModel or None
        None when no model could be fitted (see ``warnings``).
    series : DataFrame
        Every month by date: ``period_start``, ``period``, ``measured``, ``fitted`` (baseline
        rows the model covers), ``adjusted_baseline`` (reporting rows), for the baseline chart.
    fit : DataFrame
        The baseline rows the model was fitted on: ``period_start``, ``energy``, ``fitted``,
        ``residual`` and the drivers.
    scatter_driver : str or None
        The driver of the scatter chart (the model's first metered driver).
    scatter : DataFrame
        ``x`` (that driver), ``energy``, ``fitted``, sorted by ``x``.
    avoided : DataFrame or None
        :func:`calc.mv.avoided_energy` of the reporting rows (None without a model or reporting
        rows).
    avoided_total : float
        Σ avoided energy [unit] (NaN without ``avoided``).
    savings_fraction : float
        Avoided energy ÷ adjusted baseline (F of the uncertainty).
    reporting_months : int
        Reporting months with an avoided energy (m of the uncertainty).
    fsu_pct : dict
        Confidence (0.68, 0.90, 0.95) → fractional savings uncertainty [%].
    verified_toe, verified_tco2e, verified_money : float
        The avoided energy in TOE, tCO2e and money (currency of the scenario).
    price_per_unit : float
        Energy price used for the money (saving-weighted price of the measures on ``fuel``).
    expected_quantity : float
        What the measures expect over the reporting months [unit].
    realisation_rate : float
        ``avoided_total / expected_quantity`` (NaN when nothing is expected).
    reporting_year : int or None
        The first reporting month's year.
    warnings : tuple of MVWarning
        Data, driver, fit and adjustment problems of this meter, in that order.
    """

    fuel: str
    unit: str
    sites: tuple[str, ...]
    rows: pd.DataFrame
    driver_status: dict
    default_drivers: tuple[str, ...]
    drivers: tuple[str, ...]
    left_out: dict
    kind: str
    month_indicators: bool
    model: BaselineModel | None
    series: pd.DataFrame
    fit: pd.DataFrame
    scatter_driver: str | None
    scatter: pd.DataFrame
    avoided: pd.DataFrame | None
    avoided_total: float
    savings_fraction: float
    reporting_months: int
    fsu_pct: dict
    verified_toe: float
    verified_tco2e: float
    verified_money: float
    price_per_unit: float
    expected_quantity: float
    realisation_rate: float
    reporting_year: int | None
    warnings: tuple[MVWarning, ...]

    @property
    def key(self) -> str:
        return f"{self.fuel}|{self.unit}"

    @property
    def verdict(self) -> str | None:
        return None if self.model is None else self.model.verdict

    @property
    def realisation_rate_pct(self) -> float:
        return self.realisation_rate * 100.0

    @property
    def has_savings(self) -> bool:
        """A model and at least one reporting row: the savings sections have something to show."""
        return self.model is not None and self.avoided is not None and len(self.avoided) > 0

    def to_json(self) -> dict:
        """JSON-ready: the keys of the CLI's ``mv`` summary, plus the meter and verified savings."""
        m, a = self.model, self.avoided
        fsu = {f"{c:.2f}": _num(v) for c, v in self.fsu_pct.items()}
        return {
            "fuel": self.fuel, "unit": self.unit, "sites": list(self.sites), "model": self.kind,
            "month_indicators": self.month_indicators,
            "drivers": list(m.drivers) if m is not None else list(self.drivers),
            "left_out_drivers": dict(self.left_out),
            "coefficients": None if m is None else {k: _num(v) for k, v in m.coefficients.items()},
            "std_errors": None if m is None else {k: _num(v) for k, v in m.std_errors.items()},
            "t_stats": None if m is None else {k: _num(v) for k, v in m.t_stats.items()},
            "balance_point": None if m is None else _num(m.balance_point),
            "n": None if m is None else m.n, "p": None if m is None else m.p,
            "r2": None if m is None else _num(m.r2), "adj_r2": None if m is None else _num(m.adj_r2),
            "cv_rmse_pct": None if m is None else _num(m.cv_rmse_pct),
            "nmbe_pct": None if m is None else _num(m.nmbe_pct),
            "verdict": self.verdict,
            "avoided_energy": None if a is None else {
                "total": _num(self.avoided_total),
                "by_month": [_num(v) for v in a["avoided"]],
                "months": [d.strftime("%Y-%m") if pd.notna(d) else None for d in a["period_start"]],
                "non_routine": [_num(v) for v in a["non_routine"]],
            },
            "fsu_pct": fsu.get("0.90"), "fsu_pct_by_confidence": fsu,
            "verified": None if a is None else {
                "energy": _num(self.avoided_total), "toe": _num(self.verified_toe),
                "tco2e": _num(self.verified_tco2e), "money": _num(self.verified_money),
                "price_per_unit": _num(self.price_per_unit)},
            "expected_savings": _num(self.expected_quantity),
            "realisation_rate": _num(self.realisation_rate),
            "reporting_year": self.reporting_year,
            "warnings": [w.code for w in self.warnings],
            "warning_details": [{"code": w.code, "data": _plain(w.data)} for w in self.warnings],
        }


def _plain(value):
    """A warning's data as JSON values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (np.integer, np.floating)):
        return _num(value)
    if isinstance(value, float):
        return _num(value)
    return value


@dataclass(frozen=True)
class MVResults:
    """Every M&V number of a scenario.

    Attributes
    ----------
    settings : MVSettings
        The scenario's choices, blanks resolved.
    meters : tuple of MeterResult
        One per (fuel, unit) of the ``Metering`` sheet, in order of first appearance; empty
        without meter data (a planning-only factory).
    driver_options : tuple of str
        The drivers a page offers: those with any baseline value in some meter, plus the chosen.
    ipmvp : dict
        :func:`calc.mv.ipmvp_option` of the settings' answers: ``option``, ``reason_code``.
    measures : DataFrame
        Expected yearly saving per measure (``id``, ``name``, ``fuel``, ``saving_quantity``,
        ``saving_unit``, ``status``), for the KPI table.
    currency : str
        Currency of the money amounts.
    warnings : tuple of MVWarning
        Problems that belong to no single meter (unknown driver names, adjustments without a
        meter).
    """

    settings: MVSettings
    meters: tuple[MeterResult, ...]
    driver_options: tuple[str, ...]
    ipmvp: dict
    measures: pd.DataFrame
    currency: str
    warnings: tuple[MVWarning, ...] = field(default=())

    @property
    def has_data(self) -> bool:
        return bool(self.meters)

    @property
    def first(self) -> MeterResult | None:
        return self.meters[0] if self.meters else None

    def to_json(self) -> dict | None:
        """JSON-ready dict: the first meter's keys at the top (the CLI's ``mv`` summary: drivers,
        coefficients, std_errors, r2, cv_rmse_pct, nmbe_pct, verdict, avoided_energy,
        fsu_pct, fsu_pct_by_confidence, warnings), ``meters`` with one such dict per meter,
        ``settings``, ``ipmvp`` and ``currency``. None without meter data."""
        if not self.meters:
            return None
        meters = [m.to_json() for m in self.meters]
        extra = [w.code for w in self.warnings]
        return {**meters[0], "warnings": meters[0]["warnings"] + extra,
                "warning_details": meters[0]["warning_details"]
                + [{"code": w.code, "data": _plain(w.data)} for w in self.warnings],
                "meters": meters, "settings": self.settings.to_json(), "ipmvp": dict(self.ipmvp),
                "currency": self.currency}


# --------------------------------------------------------------------------- analysis
def _text(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def _meter_keys(metering: pd.DataFrame) -> pd.DataFrame:
    """``fuel`` and ``unit`` of every row with blanks filled (see the module notes)."""
    n = len(metering)
    fuel = [_text(v) for v in metering["fuel"]] if "fuel" in metering else [None] * n
    unit = [_text(v) for v in metering["unit"]] if "unit" in metering else [None] * n
    first_fuel = next((f for f in fuel if f), DEFAULT_FUEL)
    fuel = [f or first_fuel for f in fuel]
    first_unit: dict[str, str] = {}
    for f, u in zip(fuel, unit):
        if u and f not in first_unit:
            first_unit[f] = u
    unit = [u or first_unit.get(f, DEFAULT_UNIT) for f, u in zip(fuel, unit)]
    return pd.DataFrame({"fuel": fuel, "unit": unit}, index=metering.index, dtype=object)


def _left_out_warnings(left_out: dict) -> list[MVWarning]:
    out = []
    for reason, code in (*_LEFT_OUT_CODES.items(), ("incomplete", "mv.driver_incomplete")):
        names = [d for d, r in left_out.items() if r == reason]
        if names:
            out.append(MVWarning(code, {"drivers": names}))
    return out


def _choose_drivers(status: dict, chosen: tuple[str, ...] | None) -> tuple[tuple[str, ...], tuple[str, ...], dict]:
    """(default drivers, drivers used, left out → reason)."""
    default = tuple(d for d in DRIVERS if status.get(d) == "ok")
    if chosen is None:
        left = {d: s for d, s in status.items() if s in ("all_zero", "constant", "incomplete")}
        return default, default, left
    used = tuple(d for d in chosen if status.get(d) in ("ok", "incomplete"))
    left = {d: status.get(d, "no_data") for d in chosen if d not in used}
    return default, used, left


def _fit(baseline: pd.DataFrame, status: dict, drivers: tuple[str, ...], kind: str, months: bool):
    if kind == "ols":
        return mv.fit_baseline(baseline, list(drivers), month_indicators=months)
    weather = "cdd" if kind == "3p_cooling" else "hdd"  # a change point sits on a weather driver
    driver = weather if status.get(weather) in ("ok", "incomplete") else (drivers[0] if drivers else None)
    if driver is None:
        return None, [MVWarning("mv.no_change_point_driver", {"model": kind})]
    return mv.fit_change_point(baseline, driver, "cooling" if kind == "3p_cooling" else "heating")


def _adjustments_for(adjustments: pd.DataFrame, keys: list[tuple[str, str]]) -> tuple[list[pd.DataFrame], list[int]]:
    """The adjustment rows of each meter, and the record numbers (1-based) that match none."""
    owner = []
    for rec in adjustments.to_dict("records"):
        fuel, unit = _text(rec.get("fuel")), _text(rec.get("unit"))
        owner.append(next((i for i, (f, u) in enumerate(keys)
                           if (fuel is None or fuel == f) and (unit is None or unit == u)), None))
    owner = pd.Series(owner, index=adjustments.index, dtype=object)
    per_meter = [adjustments[owner == i] for i in range(len(keys))]
    orphans = [k + 1 for k, o in enumerate(owner) if o is None]
    return per_meter, orphans


def _conversions(fuel: str, quantity: float, unit: str, factor_table: pd.DataFrame) -> tuple[float, float]:
    """(TOE, tCO2e) of ``quantity`` of ``fuel`` in ``unit``, as an activity row would have."""
    row = pd.DataFrame({"site": [None], "scope": pd.array([pd.NA], dtype="Int64"), "category": [None],
                        "source": [None], "fuel": [fuel], "quantity": [quantity], "unit": [unit],
                        "factor_tco2e_per_unit": [np.nan], "tco2e": [np.nan]})
    out = emissions_by_row(row, factor_table).iloc[0]
    return float(out["toe"]) if pd.notna(out["toe"]) else np.nan, \
        float(out["tco2e"]) if pd.notna(out["tco2e"]) else np.nan


def _expected(savings: pd.DataFrame, measures: pd.DataFrame, fuel: str, unit: str,
              months: pd.Series) -> tuple[float, float]:
    """(expected quantity over ``months`` [unit], price per unit) from the measures."""
    if savings is None or not len(savings) or not len(months):
        return 0.0, np.nan
    quantity, money, priced = 0.0, 0.0, 0.0
    for year, count in months.dt.year.value_counts().sort_index().items():
        e = mv.expected_savings(savings, measures, fuel, int(year), unit)
        q = e["quantity"] * count / 12.0
        quantity += q
        if not math.isnan(e["price"]) and q > 0:
            money, priced = money + e["price"] * q, priced + q
    return quantity, (money / priced if priced > 0 else np.nan)


def _aligned_prices(savings: pd.DataFrame | None, measures: pd.DataFrame) -> pd.DataFrame:
    """The measures' energy prices, one row per row of ``savings`` (by position when the two
    tables have the same rows, else by measure ``id``)."""
    if savings is None:
        return measures[["energy_price_per_unit"]].iloc[0:0]
    if len(savings) == len(measures) and (
            "id" not in savings or list(savings["id"]) == list(measures["id"])):
        return measures[["energy_price_per_unit"]].reset_index(drop=True)
    price = measures.drop_duplicates("id").set_index("id")["energy_price_per_unit"]
    return pd.DataFrame({"energy_price_per_unit": savings["id"].map(price).to_numpy()})


def _meter(rows: pd.DataFrame, fuel: str, unit: str, settings: MVSettings, adjustments: pd.DataFrame,
           factor_table: pd.DataFrame, savings: pd.DataFrame, measures: pd.DataFrame,
           extra: list[MVWarning]) -> MeterResult:
    rows = rows.sort_values("period_start", kind="stable")
    period = rows["period"].astype("string").str.strip().str.lower().fillna("")
    baseline, reporting = rows[(period == "baseline").to_numpy()], rows[(period == "reporting").to_numpy()]
    status = mv.screen_drivers(baseline, DRIVERS)
    default, drivers, left_out = _choose_drivers(status, settings.drivers)
    kind = settings.model
    months_on = settings.month_indicators and kind == "ols"
    model, fit_warnings = _fit(baseline, status, drivers, kind, months_on)
    metered = tuple(d for d in (model.drivers if model is not None else drivers) if d in DRIVERS)
    warnings = list(extra) + _left_out_warnings(left_out) + mv.sufficiency(rows, list(metered)) + fit_warnings

    series = pd.DataFrame({"period_start": rows["period_start"].to_numpy(), "period": period.to_numpy(dtype=object),
                           "measured": pd.to_numeric(rows["energy"], errors="coerce").to_numpy(dtype=float),
                           "fitted": np.nan, "adjusted_baseline": np.nan}, index=rows.index)
    fit = pd.DataFrame(columns=["period_start", "energy", "fitted", "residual", *metered])
    scatter = pd.DataFrame(columns=["x", "energy", "fitted"])
    avoided, total, fraction, m_count = None, np.nan, np.nan, 0
    fsu = {c: np.nan for c in mv.FSU_CONFIDENCES}
    if model is not None:
        predicted = pd.Series(model.predict(baseline), index=baseline.index)
        energy = pd.to_numeric(baseline["energy"], errors="coerce")
        used = predicted.notna() & energy.notna()
        series.loc[used[used].index, "fitted"] = predicted[used]
        fit = pd.DataFrame({"period_start": baseline.loc[used, "period_start"], "energy": energy[used],
                            "fitted": predicted[used], "residual": energy[used] - predicted[used],
                            **{d: baseline.loc[used, d] for d in metered}})
        if metered:
            d = metered[0]
            scatter = (pd.DataFrame({"x": fit[d].to_numpy(dtype=float), "energy": fit["energy"].to_numpy(dtype=float),
                                     "fitted": fit["fitted"].to_numpy(dtype=float)})
                       .sort_values("x", kind="stable").reset_index(drop=True))
        if len(reporting):
            adj = adjustments[["period_start", "amount"]].dropna() if len(adjustments) else None
            avoided = mv.avoided_energy(model, reporting, adj)
            series.loc[reporting.index, "adjusted_baseline"] = avoided["adjusted_baseline"].to_numpy()
            valid = avoided["avoided"].notna()
            m_count = int(valid.sum())
            total = float(avoided.loc[valid, "avoided"].sum()) if m_count else np.nan
            fraction = mv.savings_fraction(avoided[valid]) if m_count else np.nan
            fsu = {c: mv.fractional_savings_uncertainty(model, m_count, fraction, c) for c in mv.FSU_CONFIDENCES}
            if adj is not None and len(adj):
                rep_months = set(pd.to_datetime(reporting["period_start"]).dt.to_period("M").dropna())
                outside = sorted({str(p) for p in pd.to_datetime(adj["period_start"]).dt.to_period("M")
                                  if p not in rep_months})
                if outside:
                    warnings.append(MVWarning("mv.adjustment_outside", {"months": outside}))

    valid_months = (pd.Series(avoided.loc[avoided["avoided"].notna(), "period_start"])
                    if avoided is not None else pd.Series(dtype="datetime64[ns]"))
    expected, price = _expected(savings, measures, fuel, unit, valid_months)
    toe, tco2e = _conversions(fuel, total, unit, factor_table) if not math.isnan(total) else (np.nan, np.nan)
    first = pd.to_datetime(reporting["period_start"]).dropna()
    sites = tuple(dict.fromkeys(s for s in rows["site"].map(_text) if s)) if "site" in rows else ()
    return MeterResult(
        fuel=fuel, unit=unit, sites=sites, rows=rows, driver_status=status, default_drivers=default,
        drivers=metered, left_out=left_out, kind=kind, month_indicators=months_on, model=model, series=series,
        fit=fit, scatter_driver=metered[0] if metered and model is not None else None, scatter=scatter,
        avoided=avoided, avoided_total=total, savings_fraction=fraction, reporting_months=m_count, fsu_pct=fsu,
        verified_toe=toe, verified_tco2e=tco2e, verified_money=total * price if not math.isnan(total) else np.nan,
        price_per_unit=price, expected_quantity=expected,
        realisation_rate=mv.realisation_rate(total, expected) if not math.isnan(total) else np.nan,
        reporting_year=int(first.iloc[0].year) if len(first) else None, warnings=tuple(warnings))


def analyse_mv(scenario: Scenario, factor_table: pd.DataFrame, measure_savings: pd.DataFrame | None) -> MVResults:
    """Every M&V result of a scenario: one baseline model per meter and its verified savings.

    Parameters
    ----------
    scenario : Scenario
        Its ``Metering``, ``Adjustments``, ``Measures`` sheets and ``MV`` fields are read.
    factor_table : DataFrame
        The scenario's factor table (``calc.factors.scenario_factor_table(company, factors)[0]``),
        for the TOE and tCO2e of the avoided energy.
    measure_savings : DataFrame or None
        :func:`calc.measures.measure_savings` of the scenario's ``Measures`` sheet, for the
        expected savings (realisation rate) and the energy price (money). None: nothing expected.

    Returns
    -------
    MVResults
        Never raises on data: short, gappy or odd data give warnings and ``model = None``.
    """
    settings = mv_settings(scenario)
    metering = scenario.table("Metering")
    adjustments = scenario.table("Adjustments") if "Adjustments" in scenario.tables else empty_table("Adjustments")
    savings = measure_savings
    measures = _aligned_prices(savings, scenario.table("Measures"))
    keys = _meter_keys(metering) if len(metering) else pd.DataFrame(columns=["fuel", "unit"])
    meter_keys = list(dict.fromkeys(zip(keys["fuel"], keys["unit"])))
    per_meter, orphans = _adjustments_for(adjustments, meter_keys)
    extra = [MVWarning("mv.unknown_driver", {"names": list(settings.unknown_drivers)})] if settings.unknown_drivers else []
    meters = tuple(
        _meter(metering[((keys["fuel"] == f) & (keys["unit"] == u)).to_numpy()], f, u, settings, per_meter[i],
               factor_table, savings, measures, extra)
        for i, (f, u) in enumerate(meter_keys))
    warnings = (MVWarning("mv.adjustment_no_meter", {"rows": orphans}),) if orphans and meters else ()
    with_data = {d for m in meters for d, s in m.driver_status.items() if s != "no_data"}
    options = tuple(d for d in DRIVERS if d in with_data or d in (settings.drivers or ()))
    ipmvp = mv.ipmvp_option(settings.isolated, settings.key_parameters, settings.all_parameters,
                            settings.baseline_meter, settings.savings_share_pct)
    kpi_cols = ["id", "name", "fuel", "saving_quantity", "saving_unit", "status"]
    kpis = (savings[kpi_cols].reset_index(drop=True) if savings is not None and len(savings)
            else pd.DataFrame(columns=kpi_cols))
    return MVResults(settings=settings, meters=meters, driver_options=options, ipmvp=ipmvp, measures=kpis,
                     currency=str(scenario.company.get("currency") or "VND"), warnings=warnings)
