"""M&V (seed-digest §6): OLS and change-point baselines, sufficiency codes, avoided energy, FSU, IPMVP.

Expected numbers are computed here independently: closed-form regression, numpy normal equations,
hand arithmetic, Student-t table values and the ASHRAE Guideline 14 formula written out.
"""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc.mv import (FSU_CONFIDENCES, MV_CODES, BaselineModel, MVWarning, avoided_energy, expected_savings,
                     fit_baseline, fit_change_point, fit_verdict, fractional_savings_uncertainty, ipmvp_option,
                     realisation_rate, screen_drivers, student_t_cdf, student_t_ppf, sufficiency)


def meter(energy, period="baseline", start="2021-01", **drivers) -> pd.DataFrame:
    """One meter's monthly rows from ``start``."""
    n = len(energy)
    frame = pd.DataFrame({
        "period_start": pd.date_range(start, periods=n, freq="MS"),
        "period": period, "site": "Factory", "fuel": "electricity_grid",
        "energy": np.asarray(energy, dtype=float), "unit": "kWh",
        "production": np.nan, "cdd": np.nan, "hdd": np.nan,
    })
    for key, values in drivers.items():
        frame[key] = np.asarray(values, dtype=float)
    return frame


def codes(warnings) -> list[str]:
    return [w.code for w in warnings]


def warning(warnings, code) -> MVWarning:
    return next(w for w in warnings if w.code == code)


PRODUCTION = np.array([11091, 12032, 12337, 12244, 12319, 11492, 11264, 10046, 9572, 9610, 10343, 10006.0])
CDD = np.array([49.6, 52.5, 101.8, 158.8, 206.3, 231.6, 239.5, 240.2, 191.5, 154.1, 100.9, 78.2])
NOISE = np.array([1200.0, -3400.0, 2500.0, 800.0, -1500.0, 4100.0, -2200.0, 300.0, -900.0, 1700.0, -2600.0, 0.0])


# --------------------------------------------------------------------------- OLS
def test_one_driver_matches_the_closed_form():
    x, y = PRODUCTION, 150_000 + 12.0 * PRODUCTION + NOISE
    model, warnings = fit_baseline(meter(y, production=x), ["production"])
    assert warnings == []
    n = len(x)
    sxx = ((x - x.mean()) ** 2).sum()
    sxy = ((x - x.mean()) * (y - y.mean())).sum()
    b1 = sxy / sxx
    b0 = y.mean() - b1 * x.mean()
    sse = ((y - b0 - b1 * x) ** 2).sum()
    sigma2 = sse / (n - 2)
    assert model.coefficients["production"] == pytest.approx(b1, rel=1e-10)
    assert model.coefficients["intercept"] == pytest.approx(b0, rel=1e-10)
    assert model.std_errors["production"] == pytest.approx(math.sqrt(sigma2 / sxx), rel=1e-9)
    assert model.std_errors["intercept"] == pytest.approx(math.sqrt(sigma2 * (1 / n + x.mean() ** 2 / sxx)), rel=1e-9)
    assert model.t_stats["production"] == pytest.approx(b1 / math.sqrt(sigma2 / sxx), rel=1e-9)
    assert (model.n, model.p, model.kind, model.balance_point) == (12, 2, "ols", None)
    assert model.drivers == ("production",)
    assert model.driver_ranges == {"production": (9572.0, 12337.0)}
    assert model.mean_energy == pytest.approx(y.mean())
    np.testing.assert_allclose(model.fitted, b0 + b1 * x, rtol=1e-10)
    np.testing.assert_allclose(model.residuals, y - (b0 + b1 * x), atol=1e-6)


def test_hand_worked_five_points():
    # x = 1..5, y = 3, 5, 6, 9, 10
    # x̄ = 3, ȳ = 33/5 = 6.6, Sxx = 4+1+0+1+4 = 10
    # Sxy = (−2)(−3.6) + (−1)(−1.6) + 0 + (1)(2.4) + (2)(3.4) = 7.2 + 1.6 + 2.4 + 6.8 = 18
    # b1 = 18/10 = 1.8, b0 = 6.6 − 1.8·3 = 1.2
    # ŷ = 3.0, 4.8, 6.6, 8.4, 10.2; residuals 0, 0.2, −0.6, 0.6, −0.2
    # SSE = 0 + 0.04 + 0.36 + 0.36 + 0.04 = 0.8; SST = 12.96 + 2.56 + 0.36 + 5.76 + 11.56 = 33.2
    # R² = 1 − 0.8/33.2; adj R² = 1 − (1 − R²)(5 − 1)/(5 − 2)
    # CV(RMSE) = √(0.8/3) / 6.6 × 100 = 7.824 %; NMBE = 0/(3 · 6.6) × 100 = 0
    # se(b1) = √((0.8/3)/10) = 0.1633
    model, _ = fit_baseline(meter([3, 5, 6, 9, 10], production=[1, 2, 3, 4, 5]), ["production"])
    assert model.coefficients["production"] == pytest.approx(1.8)
    assert model.coefficients["intercept"] == pytest.approx(1.2)
    np.testing.assert_allclose(model.fitted, [3.0, 4.8, 6.6, 8.4, 10.2])
    np.testing.assert_allclose(model.residuals, [0.0, 0.2, -0.6, 0.6, -0.2], atol=1e-12)
    r2 = 1 - 0.8 / 33.2
    assert model.r2 == pytest.approx(r2)
    assert model.adj_r2 == pytest.approx(1 - (1 - r2) * 4 / 3)
    assert model.cv_rmse_pct == pytest.approx(math.sqrt(0.8 / 3) / 6.6 * 100)
    assert model.cv_rmse_pct == pytest.approx(7.824, abs=1e-3)
    assert model.nmbe_pct == pytest.approx(0.0, abs=1e-12)
    assert model.std_errors["production"] == pytest.approx(math.sqrt(0.8 / 3 / 10))
    assert model.verdict == "pass"


def test_two_drivers_match_the_normal_equations():
    y = 150_000 + 12.0 * PRODUCTION + 600.0 * CDD + NOISE
    model, _ = fit_baseline(meter(y, production=PRODUCTION, cdd=CDD), ["production", "cdd"])
    x = np.column_stack([np.ones(12), PRODUCTION, CDD])
    beta = np.linalg.solve(x.T @ x, x.T @ y)
    sigma2 = ((y - x @ beta) ** 2).sum() / (12 - 3)
    se = np.sqrt(np.diag(sigma2 * np.linalg.inv(x.T @ x)))
    for i, key in enumerate(["intercept", "production", "cdd"]):
        assert model.coefficients[key] == pytest.approx(beta[i], rel=1e-8)
        assert model.std_errors[key] == pytest.approx(se[i], rel=1e-7)
        assert model.t_stats[key] == pytest.approx(beta[i] / se[i], rel=1e-7)
    assert model.p == 3 and model.drivers == ("production", "cdd")
    frame = meter(np.zeros(2), "reporting", production=[10_000, 12_000], cdd=[100, 200])
    np.testing.assert_allclose(model.predict(frame), [beta @ [1, 10_000, 100], beta @ [1, 12_000, 200]])


def test_perfect_line_passes():
    model, _ = fit_baseline(meter(200 + 3 * PRODUCTION, production=PRODUCTION), ["production"])
    assert model.r2 == pytest.approx(1.0)
    assert model.cv_rmse_pct == pytest.approx(0.0, abs=1e-9)
    assert model.nmbe_pct == pytest.approx(0.0, abs=1e-9)
    assert model.verdict == "pass"


def test_no_drivers_fits_the_mean():
    model, _ = fit_baseline(meter([10, 12, 14, 16]), [])
    assert model.coefficients == {"intercept": pytest.approx(13.0)}
    assert model.p == 1 and model.r2 == pytest.approx(0.0)
    # CV = √(SSE/(n − 1)) / ȳ = √(20/3) / 13
    assert model.cv_rmse_pct == pytest.approx(math.sqrt(20 / 3) / 13 * 100)


def noisy(cv_pct: float, intercept: float = 0.0) -> tuple[pd.DataFrame, float]:
    """Data whose OLS fit has exactly ``cv_pct`` CV(RMSE) (noise orthogonal to [1, x]), and its R².

    E = intercept + 40 × CDD + e; a large intercept makes the driver weak (low R²)."""
    x = CDD
    design = np.column_stack([np.ones(12), x])
    clean = intercept + 40.0 * x
    e = NOISE - design @ np.linalg.solve(design.T @ design, design.T @ NOISE)  # residual of NOISE on X
    e *= cv_pct / 100 * clean.mean() * math.sqrt(12 - 2) / math.sqrt(e @ e)  # √(SSE/(n − p)) / ȳ = cv
    y = clean + e
    return meter(y, cdd=x), 1 - (e @ e) / ((y - y.mean()) ** 2).sum()


@pytest.mark.parametrize("cv_pct, intercept, r2_ok, verdict", [
    (10.0, 0.0, True, "pass"),
    (14.9, 0.0, True, "pass"),
    (10.0, 20_000.0, False, "warn"),   # CV fine but R² < 0.75
    (15.5, 0.0, True, "warn"),
    (19.9, 0.0, True, "warn"),
    (20.5, 0.0, True, "fail"),
    (35.0, 0.0, False, "fail"),
])
def test_verdict_thresholds_on_noisy_data(cv_pct, intercept, r2_ok, verdict):
    frame, r2 = noisy(cv_pct, intercept)
    model, _ = fit_baseline(frame, ["cdd"])
    assert model.cv_rmse_pct == pytest.approx(cv_pct, rel=1e-9)
    assert model.r2 == pytest.approx(r2, rel=1e-9)
    assert abs(model.nmbe_pct) < 1e-9
    assert (r2 >= 0.75) == r2_ok
    assert model.verdict == verdict


@pytest.mark.parametrize("cv, nmbe, r2, verdict", [
    (15.0, 5.0, 0.75, "pass"), (15.0, -5.0, 0.9, "pass"), (15.01, 0.0, 0.9, "warn"),
    (10.0, 5.5, 0.9, "warn"), (10.0, -9.9, 0.9, "warn"), (20.0, 10.0, 0.1, "warn"),
    (20.01, 0.0, 0.99, "fail"), (10.0, 10.01, 0.99, "fail"), (10.0, 0.0, float("nan"), "warn"),
    (float("nan"), 0.0, 0.9, "fail"),
])
def test_fit_verdict_boundaries(cv, nmbe, r2, verdict):
    assert fit_verdict(cv, nmbe, r2) == verdict


def test_rows_with_missing_values_are_dropped_with_a_warning():
    energy = 150_000 + 12.0 * PRODUCTION
    energy[2] = np.nan
    prod = PRODUCTION.copy()
    prod[5] = np.nan
    model, warnings = fit_baseline(meter(energy, production=prod), ["production"])
    assert codes(warnings) == ["mv.dropped_rows"]
    assert warning(warnings, "mv.dropped_rows").data["months"] == ["2021-03", "2021-06"]
    assert set(warning(warnings, "mv.dropped_rows").data["columns"]) == {"energy", "production"}
    assert model.n == 10 and len(model.fitted) == 10 and len(model.residuals) == 10
    assert model.coefficients["production"] == pytest.approx(12.0)


@pytest.mark.parametrize("frame, drivers", [
    (meter([100.0, 110.0], production=[1, 2]), ["production"]),       # n = p
    (meter([100.0, 110.0, 120.0], production=[1, 2, 3]), ["production", "cdd"]),  # cdd all NaN
    (meter([], production=[]), ["production"]),                        # empty
    (meter([100.0, 110.0, 120.0, 130.0], production=[5, 5, 5, 5]), ["production"]),  # constant driver
    (meter([100.0, 110.0, 120.0], production=[1, 2, 3]), ["no_such_column"]),
])
def test_too_few_points_gives_none_and_a_code(frame, drivers):
    model, warnings = fit_baseline(frame, drivers)
    assert model is None
    assert codes(warnings)[-1] == "mv.too_few_points"
    assert set(codes(warnings)) <= set(MV_CODES)


def test_messy_numbers_do_not_raise():
    frame = meter(np.zeros(6), production=[1, 2, 3, 4, 5, 6]).astype({"energy": object})
    frame["energy"] = ["100", "n/a", 120.0, None, "140", 150]
    model, warnings = fit_baseline(frame, ["production"])
    assert warning(warnings, "mv.dropped_rows").data["months"] == ["2021-02", "2021-04"]
    assert model.n == 4


def test_month_indicators():
    months = np.arange(36) % 12 + 1
    effect = np.array([0, 5, 10, 20, 40, 60, 80, 70, 50, 30, 10, 0.0])  # January is the reference
    x = np.tile(PRODUCTION, 3) + np.repeat([0.0, 300.0, 600.0], 12)
    y = 1_000 + 2.0 * x + effect[months - 1]
    model, _ = fit_baseline(meter(y, production=x), ["production"], month_indicators=True)
    assert model.p == 13 and model.n == 36
    assert model.drivers[0] == "production" and model.drivers[1:] == tuple(f"month_{m:02d}" for m in range(2, 13))
    assert model.coefficients["production"] == pytest.approx(2.0)
    for m in range(2, 13):
        assert model.coefficients[f"month_{m:02d}"] == pytest.approx(effect[m - 1], abs=1e-6)
    report = meter(np.zeros(3), "reporting", start="2024-06", production=[11_000, 11_000, 11_000])
    np.testing.assert_allclose(model.predict(report), 1_000 + 22_000 + effect[[5, 6, 7]], rtol=1e-9)
    # twelve months cannot carry 13 parameters; a missing calendar month gives no model
    assert fit_baseline(meter(y[:12], production=x[:12]), ["production"], month_indicators=True)[0] is None
    short, warnings = fit_baseline(meter(y[:30], start="2021-03", production=x[:30]), ["production"],
                                   month_indicators=True)
    assert short is not None  # Mar 2021 – Aug 2023 covers every month
    gappy = meter(y, production=x).iloc[[i for i in range(36) if months[i] != 4]]
    model, warnings = fit_baseline(gappy, ["production"], month_indicators=True)
    assert model is None and warning(warnings, "mv.too_few_points").data["months_missing"] == [4]


def test_predict_gives_nan_for_missing_drivers():
    model, _ = fit_baseline(meter(200 + 3 * PRODUCTION, production=PRODUCTION), ["production"])
    out = model.predict(meter([0, 0], "reporting", production=[10.0, np.nan]))
    assert out[0] == pytest.approx(230.0) and np.isnan(out[1])
    assert np.isnan(model.predict(meter([0.0], "reporting").drop(columns="production"))).all()


# --------------------------------------------------------------------------- change point
TEMPS = np.array([2, 5, 8, 11, 14, 16, 18, 20, 22, 24, 26, 28, 30, 27, 23, 19, 15, 10, 6, 3, 12, 21, 25, 29.0])
WIGGLE = np.array([3, -2, 1, -4, 2, 0, -1, 3, -3, 2, 1, -2, 0, 4, -1, -3, 2, 1, -2, 3, -1, 0, 2, -2.0])


def test_change_point_recovers_the_balance_point_cooling():
    y = 1_000 + 50.0 * np.maximum(0.0, TEMPS - 18.0)
    model, warnings = fit_change_point(meter(y, cdd=TEMPS), "cdd", "cooling")
    assert warnings == []
    assert model.kind == "3p_cooling" and model.balance_point == 18.0 and model.p == 3
    assert model.coefficients["intercept"] == pytest.approx(1_000.0)
    assert model.coefficients["cdd"] == pytest.approx(50.0)
    assert model.r2 == pytest.approx(1.0) and model.verdict == "pass"
    np.testing.assert_allclose(model.predict(meter([0, 0, 0], "reporting", cdd=[10.0, 18.0, 32.0])),
                               [1_000.0, 1_000.0, 1_700.0])


def test_change_point_with_noise_statistics_and_heating():
    y = 1_000 + 50.0 * np.maximum(0.0, 15.0 - TEMPS) + 10 * WIGGLE
    model, _ = fit_change_point(meter(y, hdd=TEMPS), "hdd", "heating")
    assert model.kind == "3p_heating" and model.balance_point == 15.0
    # at τ the statistics are an OLS on the hinge with p = 3
    h = np.maximum(0.0, 15.0 - TEMPS)
    x = np.column_stack([np.ones(24), h])
    beta = np.linalg.solve(x.T @ x, x.T @ y)
    sse = ((y - x @ beta) ** 2).sum()
    assert model.coefficients["hdd"] == pytest.approx(beta[1])
    assert model.std_errors["hdd"] == pytest.approx(math.sqrt(sse / (24 - 3) * np.linalg.inv(x.T @ x)[1, 1]))
    assert model.cv_rmse_pct == pytest.approx(math.sqrt(sse / 21) / y.mean() * 100)
    # no other observed τ does better
    for tau in np.unique(TEMPS):
        ht = np.maximum(0.0, tau - TEMPS)
        if (ht > 0).sum() >= 2 and (ht == 0).sum() >= 2:
            xt = np.column_stack([np.ones(24), ht])
            assert ((y - xt @ np.linalg.lstsq(xt, y, rcond=None)[0]) ** 2).sum() >= sse - 1e-6


def test_change_point_problems():
    with pytest.raises(ValueError):
        fit_change_point(meter([1.0] * 5, cdd=[1, 2, 3, 4, 5]), "cdd", "sideways")
    model, warnings = fit_change_point(meter([1.0, 2.0, 3.0], cdd=[1, 2, 3]), "cdd")
    assert model is None and codes(warnings) == ["mv.too_few_points"]
    model, warnings = fit_change_point(meter([1.0, 2.0, 3.0, 4.0, 5.0], cdd=[7, 7, 7, 7, 7]), "cdd")
    assert model is None and codes(warnings) == ["mv.too_few_points"]
    model, warnings = fit_change_point(meter([], cdd=[]), "cdd")
    assert model is None


# --------------------------------------------------------------------------- sufficiency
def clean_metering() -> pd.DataFrame:
    base = meter(300_000 + 600 * CDD + NOISE, "baseline", "2021-01", cdd=CDD)
    rep = meter(290_000 + 600 * CDD, "reporting", "2023-01", cdd=CDD)
    return pd.concat([base, rep], ignore_index=True)


def test_clean_data_has_no_warnings():
    assert sufficiency(clean_metering(), ["cdd"]) == []


def test_short_baseline_and_no_reporting():
    m = clean_metering()
    short = m.drop(index=[9, 10, 11])  # nine baseline months left (Jan–Sep)
    assert codes(sufficiency(short, ["cdd"])) == ["mv.baseline_short"]
    assert warning(sufficiency(short, ["cdd"]), "mv.baseline_short").data == {"months": 9, "required": 12}
    assert codes(sufficiency(m[m["period"] == "baseline"], ["cdd"])) == ["mv.no_reporting"]


def test_gaps():
    m = clean_metering().drop(index=[4, 5, 15])  # 2021-05, 2021-06, 2023-04
    w = sufficiency(m, [])
    gaps = [x for x in w if x.code == "mv.gaps"]
    assert [g.data for g in gaps] == [{"period": "baseline", "months": ["2021-05", "2021-06"]},
                                      {"period": "reporting", "months": ["2023-04"]}]


def test_outlier():
    m = clean_metering()
    m.loc[7, "energy"] = 900_000.0
    base = m.loc[m["period"] == "baseline", "energy"].to_numpy()
    median = np.median(base)
    scaled = 1.4826 * np.median(np.abs(base - median))
    flagged = [i for i, e in enumerate(base) if abs(e - median) > 3 * scaled]
    assert flagged == [7]
    w = warning(sufficiency(m, ["cdd"]), "mv.outliers")
    assert w.data["months"] == ["2021-08"]
    assert w.data["median"] == pytest.approx(median) and w.data["scaled_mad"] == pytest.approx(scaled)


def test_driver_out_of_range():
    m = clean_metering()  # baseline CDD 49.6–240.2, width 190.6: tolerance ±19.06
    m.loc[12, "cdd"] = 49.6 - 19.0    # inside the tolerance
    m.loc[13, "cdd"] = 49.6 - 19.2    # outside
    m.loc[18, "cdd"] = 240.2 + 25.0   # outside
    m.loc[19, "cdd"] = np.nan         # missing: not out of range
    w = sufficiency(m, ["cdd", "production"])
    assert codes(w) == ["mv.driver_out_of_range"]
    assert warning(w, "mv.driver_out_of_range").data == {"cdd": ["2023-02", "2023-07"]}


def test_duplicate_months():
    m = clean_metering()
    m = pd.concat([m, m.iloc[[3]]], ignore_index=True)
    assert warning(sufficiency(m, ["cdd"]), "mv.duplicate_months").data == {"months": ["2021-04"]}


def test_empty_and_messy_tables_never_raise():
    empty = clean_metering().iloc[:0]
    assert codes(sufficiency(empty, ["cdd"])) == ["mv.baseline_short", "mv.no_reporting"]
    assert codes(sufficiency(pd.DataFrame(), ["cdd"])) == ["mv.baseline_short", "mv.no_reporting"]
    messy = clean_metering().astype({"energy": object, "period_start": object})
    messy.loc[0, "energy"] = "lots"
    messy.loc[1, "period_start"] = None
    messy.loc[2, "period_start"] = "not a date"
    messy["period"] = messy["period"].str.upper() + " "
    w = sufficiency(messy, ["cdd", "missing_column"])
    assert set(codes(w)) <= set(MV_CODES)
    assert "mv.baseline_short" in codes(w)  # nine valid baseline months
    assert warning(w, "mv.gaps").data == {"period": "baseline", "months": ["2021-02", "2021-03"]}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(["baseline", "reporting", "Baseline ", None, "other"]),
    st.one_of(st.none(), st.integers(0, 40)),
    st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=False, width=32), st.just("x")),
    st.one_of(st.none(), st.floats(-50, 400)),
), max_size=30))
def test_sufficiency_and_fit_never_raise_on_random_tables(rows):
    frame = pd.DataFrame({
        "period": [r[0] for r in rows],
        "period_start": [pd.Timestamp("2020-01-01") + pd.DateOffset(months=r[1]) if r[1] is not None else None
                         for r in rows],
        "energy": [r[2] for r in rows], "cdd": [r[3] for r in rows],
    }, dtype=object)
    assert set(codes(sufficiency(frame, ["cdd", "hdd"]))) <= set(MV_CODES)
    for model, warnings in (fit_baseline(frame, ["cdd"]), fit_change_point(frame, "cdd")):
        assert set(codes(warnings)) <= set(MV_CODES)
        assert model is None or isinstance(model, BaselineModel)


# --------------------------------------------------------------------------- avoided energy
def test_avoided_energy_with_a_non_routine_adjustment():
    model, _ = fit_baseline(meter(200 + 3 * PRODUCTION, production=PRODUCTION), ["production"])
    report = meter([29_000, 33_000, 30_000, 31_000], "reporting", "2023-01",
                   production=[10_000, 11_000, 10_500, np.nan])
    dates = pd.to_datetime(["2023-02-01", "2023-02-01", "2023-03-15", "2025-01-01"])
    adjustments = pd.DataFrame({"period_start": dates,
                                "amount": [1_000.0, 500.0, -200.0, 9_999.0]})
    out = avoided_energy(model, report, adjustments)
    assert list(out.columns) == ["period_start", "measured", "adjusted_baseline", "non_routine", "avoided",
                                 "cumulative"]
    # baseline: 200 + 3 × production = 30,200, 33,200, 31,700, NaN
    np.testing.assert_allclose(out["adjusted_baseline"][:3], [30_200, 33_200, 31_700])
    assert np.isnan(out["adjusted_baseline"][3])
    np.testing.assert_allclose(out["non_routine"], [0, 1_500, -200, 0])
    # avoided = baseline + non-routine − measured
    np.testing.assert_allclose(out["avoided"][:3], [30_200 - 29_000, 33_200 + 1_500 - 33_000, 31_700 - 200 - 30_000])
    np.testing.assert_allclose(out["cumulative"][:3], [1_200, 2_900, 4_400])
    assert np.isnan(out["avoided"][3])
    np.testing.assert_allclose(out["measured"], [29_000, 33_000, 30_000, 31_000])


def test_avoided_energy_keeps_input_order_and_accumulates_by_date():
    model, _ = fit_baseline(meter(200 + 3 * PRODUCTION, production=PRODUCTION), ["production"])
    report = meter([100.0, 200.0, 300.0], "reporting", "2023-01", production=[100, 100, 100]).iloc[[2, 0, 1]]
    out = avoided_energy(model, report)  # baseline 500 → avoided 200, 400, 300 by input order
    np.testing.assert_allclose(out["avoided"], [200, 400, 300])
    np.testing.assert_allclose(out["cumulative"], [900, 400, 700])
    assert avoided_energy(model, report.iloc[:0]).empty
    assert (avoided_energy(model, report, pd.DataFrame(columns=["period_start", "amount"]))["non_routine"] == 0).all()


# --------------------------------------------------------------------------- uncertainty
@pytest.mark.parametrize("q, df, table", [
    (0.95, 10, 1.812), (0.975, 10, 2.228), (0.84134, 10, 1.052), (0.975, 1, 12.706),
    (0.995, 30, 2.750), (0.90, 5, 1.476), (0.975, 120, 1.980),
])
def test_student_t_table_values(q, df, table):
    assert student_t_ppf(q, df) == pytest.approx(table, abs=6e-4)
    assert student_t_ppf(1 - q, df) == pytest.approx(-table, abs=6e-4)
    assert student_t_cdf(student_t_ppf(q, df), df) == pytest.approx(q, abs=1e-10)


def test_student_t_at_0_84():
    # the brief quotes t(0.84, 10) ≈ 1.052: that is the one-σ level Φ(1) = 0.8413; at q = 0.84
    # exactly, ∫ the t10 density numerically to the quantile:
    df = 10
    c = math.gamma((df + 1) / 2) / (math.sqrt(df * math.pi) * math.gamma(df / 2))
    t = student_t_ppf(0.84, df)
    grid = np.linspace(0.0, t, 100_001)
    area = 0.5 + np.trapezoid(c * (1 + grid ** 2 / df) ** (-(df + 1) / 2), grid)
    assert area == pytest.approx(0.84, abs=1e-9)
    assert t == pytest.approx(1.0464, abs=1e-4)
    assert t == pytest.approx(1.052, abs=0.01)


def test_student_t_limits():
    assert student_t_ppf(0.975, math.inf) == pytest.approx(1.959964, abs=1e-6)
    assert student_t_ppf(0.975, 1e7) == pytest.approx(1.959964, abs=1e-5)
    assert student_t_ppf(0.5, 7) == pytest.approx(0.0, abs=1e-12)
    assert all(math.isnan(student_t_ppf(q, df)) for q, df in [(0.0, 5), (1.0, 5), (0.9, 0), (0.9, -1)])


def test_fractional_savings_uncertainty_against_the_formula():
    frame, _ = noisy(8.0)
    model, _ = fit_baseline(frame, ["cdd"])  # n = 12, p = 2 → 10 degrees of freedom
    n, m, f, cv = 12, 12, 0.10, 0.08
    table_t = {0.90: 1.812, 0.95: 2.228}
    for confidence, t in table_t.items():
        expected = t * 1.26 * cv * math.sqrt((n / n) * (1 + 2 / n) * (1 / m)) / f * 100
        assert fractional_savings_uncertainty(model, m, f, confidence) == pytest.approx(expected, rel=3e-4)
    # 68 %: q = 0.84, t10 = 1.0464
    assert fractional_savings_uncertainty(model, m, f, 0.68) == pytest.approx(
        1.0464 * 1.26 * cv * math.sqrt((1 + 2 / n) / m) / f * 100, rel=1e-4)
    assert FSU_CONFIDENCES == (0.68, 0.90, 0.95)


def test_fractional_savings_uncertainty_trends_and_edges():
    frame, _ = noisy(8.0)
    model, _ = fit_baseline(frame, ["cdd"])
    by_months = [fractional_savings_uncertainty(model, m, 0.1, 0.9) for m in (3, 6, 12, 24)]
    assert all(a > b for a, b in zip(by_months, by_months[1:]))
    by_confidence = [fractional_savings_uncertainty(model, 12, 0.1, c) for c in FSU_CONFIDENCES]
    assert all(a < b for a, b in zip(by_confidence, by_confidence[1:]))
    assert fractional_savings_uncertainty(model, 12, 0.2, 0.9) == pytest.approx(by_months[2] / 2)
    for m, f in [(12, 0.0), (12, -0.1), (12, float("nan")), (0, 0.1)]:
        assert math.isnan(fractional_savings_uncertainty(model, m, f, 0.9))
    with pytest.raises(ValueError):
        fractional_savings_uncertainty(model, 12, 0.1, 1.5)


# --------------------------------------------------------------------------- IPMVP, realisation
@pytest.mark.parametrize("answers, share, option, reason", [
    ((True, True, False, True), 5.0, "A", "isolated_key_parameters"),
    ((True, True, True, False), 2.0, "B", "isolated_all_parameters"),
    ((True, False, True, True), 2.0, "B", "isolated_all_parameters"),
    ((False, False, False, True), 25.0, "C", "whole_facility_meter"),
    ((True, False, False, True), 25.0, "C", "whole_facility_meter"),  # isolated but nothing measurable
    ((False, False, False, False), 25.0, "D", "no_baseline_meter"),
    ((False, True, False, True), 3.0, "D", "savings_below_meter_resolution"),
    ((False, False, False, True), 10.0, "D", "savings_below_meter_resolution"),
    ((False, False, False, True), float("nan"), "D", "savings_below_meter_resolution"),
])
def test_ipmvp_option(answers, share, option, reason):
    keys = ("isolated", "key_parameters_measurable", "all_parameters_measured", "baseline_meter")
    assert ipmvp_option(**dict(zip(keys, answers)), savings_share_of_meter_pct=share) == {
        "option": option, "reason_code": reason}


def test_realisation_rate():
    assert realisation_rate(80.0, 100.0) == pytest.approx(0.8)
    assert isinstance(realisation_rate(80.0, 100.0), float)
    assert math.isnan(realisation_rate(80.0, 0.0)) and math.isnan(realisation_rate(80.0, -5.0))
    assert math.isnan(realisation_rate(80.0, float("nan")))
    np.testing.assert_allclose(realisation_rate([50.0, 120.0, 1.0], [100.0, 100.0, 0.0]), [0.5, 1.2, np.nan])


def test_every_code_has_page_text():
    from ui.i18n import TEXT
    assert all(f"mv.w.{code}" in TEXT for code in MV_CODES)


def test_every_result_code_has_page_text_in_both_languages():
    from results.mv import RESULT_CODES
    from ui.i18n import TEXT
    assert all(set(TEXT[f"mv.w.{code}"]) == {"vi", "en"} for code in RESULT_CODES)


# --------------------------------------------------------------------------- driver screening
def test_screen_drivers():
    base = meter([100.0, 110.0, 120.0, np.nan], production=[1.0, 2.0, 3.0, 4.0], cdd=[5.0, 5.0, 5.0, 9.0],
                 hdd=[0.0, 0.0, 0.0, 0.0])
    base["extra"] = [1.0, np.nan, 2.0, 3.0]
    assert screen_drivers(base, ("production", "cdd", "hdd", "extra", "missing")) == {
        "production": "ok", "cdd": "constant", "hdd": "all_zero", "extra": "incomplete", "missing": "no_data"}
    # the month without energy (cdd 9) does not count; an empty baseline has no data
    assert screen_drivers(base.iloc[0:0]) == {"production": "no_data", "cdd": "no_data", "hdd": "no_data"}
    assert screen_drivers(meter([1.0, 2.0], hdd=[0.0, np.nan]))["hdd"] == "all_zero"


# --------------------------------------------------------------------------- expected savings
def _savings(rows):
    frame = pd.DataFrame(rows)
    return frame.assign(status="ok"), pd.DataFrame({"energy_price_per_unit": frame.pop("price")})


def test_expected_savings_by_year_and_in_the_meter_unit():
    savings, measures = _savings([
        {"fuel": "electricity_grid", "saving_quantity": 46_080.0, "saving_unit": "kWh", "start_year": 2022,
         "lifetime_years": 10, "price": 1642.0},
        {"fuel": "electricity_grid", "saving_quantity": 140.0, "saving_unit": "MWh", "start_year": 2023,
         "lifetime_years": 10, "price": 1_642_000.0},
        {"fuel": "electricity_grid", "saving_quantity": 5.0, "saving_unit": "L", "start_year": 2023,
         "lifetime_years": 10, "price": 1.0},  # another dimension: left out in kWh
        {"fuel": "diesel", "saving_quantity": 900.0, "saving_unit": "L", "start_year": 2020, "lifetime_years": 10,
         "price": 20_000.0}])
    e = expected_savings(savings, measures, "electricity_grid", 2023, "kWh")
    assert e["quantity"] == pytest.approx(46_080 + 140_000)
    assert e["price"] == pytest.approx(1642.0)  # (1642 × 46,080 + 1,642,000 × 140) / 186,080 kWh
    assert expected_savings(savings, measures, "electricity_grid", 2022, "MWh")["quantity"] == pytest.approx(46.08)
    assert expected_savings(savings, measures, "electricity_grid", 2032, "kWh")["quantity"] == 140_000
    assert expected_savings(savings, measures, "diesel", 2023)["price"] == 20_000.0
