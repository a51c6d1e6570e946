"""Targets (seed-digest §2): the deck's table to 0.1 t, intensity paths computed by hand here."""
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc.targets import (absolute_path, activity_by_year, bau_path, evaluate_targets, path_factor,
                          reduction_fraction, sbti_check, scope_lines)

# the deck's inventory: Scope 1 = 60.418596 t, Scope 2 = 4,028,000 kWh × 0.8041 t/MWh
BASE = {"1": 60.418596, "2": 4_028_000 * 0.8041 / 1000, "3": 0.0}
YEARS = list(range(2021, 2031))
DECK_S1 = [60.4, 59.7, 59.1, 58.4, 57.7, 57.1, 56.4, 55.7, 55.0, 54.4]
DECK_S2 = [3238.9, 3129.6, 3020.3, 2911.0, 2801.7, 2692.4, 2583.1, 2473.8, 2364.5, 2255.2]
DECK_TOTAL = [3299.3, 3189.4, 3079.4, 2969.4, 2859.4, 2749.4, 2639.5, 2529.5, 2419.5, 2309.5]
DECK_PCT = [100, 97, 93, 90, 87, 83, 80, 77, 73, 70]


def r1(x, d=1):
    return float(Decimal(repr(round(float(x), 9))).quantize(Decimal(10) ** -d, rounding=ROUND_HALF_UP))


def targets_table(rows):
    cols = ["name", "type", "scope", "base_year", "target_year", "reduction_pct", "reduction_tco2e",
            "method", "growth_pct"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


DECK_TARGETS = targets_table([
    ("Total -30 %", "absolute", "1+2", 2021, 2030, 30.0, None, "linear", None),
    ("Scope 1 -10 %", "absolute", "1", 2021, 2030, 10.0, None, "linear", None),
])


def test_deck_table_to_a_tenth_of_a_tonne():
    lines = scope_lines(BASE, "1+2", 2021, 2030, 0.30, sub_targets={"1": 0.10})
    assert list(lines.index) == YEARS
    assert [r1(v) for v in lines["1"]] == DECK_S1
    assert [r1(v) for v in lines["2"]] == DECK_S2
    assert [r1(v) for v in lines["1+2"]] == DECK_TOTAL
    assert [r1(v / lines["1+2"].iloc[0] * 100, 0) for v in lines["1+2"]] == DECK_PCT


def test_evaluate_targets_splits_like_the_deck():
    main, sub = evaluate_targets(DECK_TARGETS, BASE)
    assert list(main.lines.columns) == ["1", "2", "1+2"]
    assert [r1(v) for v in main.lines["2"]] == DECK_S2
    assert sub.sub_of == "Total -30 %" and list(sub.lines.columns) == ["1"]
    assert [r1(v) for v in sub.lines["1"]] == DECK_S1
    path = main.long_path()
    assert path[-1]["year"] == 2030 and path[-1]["scope"] == "1+2"
    assert path[-1]["tco2e"] == pytest.approx(0.7 * (BASE["1"] + BASE["2"]))


def test_linear_and_compound_factors():
    assert path_factor([2021, 2025, 2030, 2035], 2021, 2030, 0.3).tolist() == pytest.approx(
        [1, 1 - 0.3 * 4 / 9, 0.7, 0.7])
    annual = 1 - 0.7 ** (1 / 9)  # constant % per year that reaches -30 % in 9 years
    f = path_factor(YEARS, 2021, 2030, 0.3, "compound")
    assert f[-1] == pytest.approx(0.7)
    assert np.allclose(f[1:] / f[:-1], 1 - annual)
    with pytest.raises(ValueError):
        path_factor(YEARS, 2030, 2030, 0.3)


def test_reduction_in_tonnes():
    """The deck's other example: cut 5,000 tCO2e from the base."""
    assert reduction_fraction(20_000.0, reduction_tco2e=5_000.0) == 0.25
    assert reduction_fraction(20_000.0, reduction_pct=30.0, reduction_tco2e=5_000.0) == 0.30
    table = targets_table([("t", "absolute", "1+2", 2021, 2030, None, 1000.0, "linear", None)])
    (res,) = evaluate_targets(table, BASE)
    total0 = BASE["1"] + BASE["2"]
    assert res.reduction_pct == pytest.approx(1000 / total0 * 100)
    assert res.lines["1+2"].iloc[-1] == pytest.approx(total0 - 1000)


def test_bau():
    bau = bau_path(100.0, 2021, [2021, 2022, 2031], growth_pct=5.0)
    assert bau.tolist() == pytest.approx([100, 105, 100 * 1.05 ** 10])


def test_physical_intensity_with_growth_lets_absolute_emissions_grow():
    """-30 % intensity over 9 years with output +6 %/yr: E(2030) = E0 × 0.7 × 1.06^9 > E0."""
    table = targets_table([("per t fabric", "physical_intensity", "1+2", 2021, 2030, 30.0, None, "linear", 6.0)])
    (res,) = evaluate_targets(table, BASE, company={"output_base": 1000.0})
    e0 = BASE["1"] + BASE["2"]
    i = res.intensity
    assert i["intensity"].iloc[0] == pytest.approx(e0 / 1000)
    assert i["intensity"].iloc[-1] == pytest.approx(0.7 * e0 / 1000)
    assert i["activity"].iloc[-1] == pytest.approx(1000 * 1.06 ** 9)
    assert i["implied_tco2e"].iloc[-1] == pytest.approx(e0 * 0.7 * 1.06 ** 9)
    assert "target.intensity_allows_growth" in res.warnings
    assert res.lines["1+2"].iloc[-1] == pytest.approx(e0 * 0.7 * 1.06 ** 9)
    assert res.lines[["1", "2"]].sum(axis=1).to_numpy() == pytest.approx(res.lines["1+2"].to_numpy())


def test_economic_intensity_uses_production_sheet_values():
    production = pd.DataFrame({"year": [2021, 2025, 2030], "output": [np.nan] * 3,
                               "value_added": [1e9, 1.2e9, 1.1e9]})
    table = targets_table([("per VND", "economic_intensity", "1+2", 2021, 2030, 20.0, None, "linear", 0.0)])
    (res,) = evaluate_targets(table, BASE, production)
    e0 = BASE["1"] + BASE["2"]
    i = res.intensity.loc[2030]
    assert i["activity"] == 1.1e9
    assert i["implied_tco2e"] == pytest.approx(e0 / 1e9 * 0.8 * 1.1e9)
    assert res.intensity.loc[2027, "activity"] == 1.2e9  # held from the last observed year (growth 0)
    assert "target.intensity_allows_growth" not in res.warnings


def test_activity_by_year_grows_from_the_last_observation():
    obs = pd.Series({2021: 100.0, 2023: 120.0})
    act = activity_by_year([2021, 2022, 2023, 2024], 2021, None, 10.0, obs)
    assert act.tolist() == pytest.approx([100, 110, 120, 132])


def test_sbti_deck_target():
    s = sbti_check(2021, 2030, 0.30, "1+2", BASE)
    assert s["annual_rate_pct"] == pytest.approx(30 / 9)
    assert not s["meets_1_5c"] and s["meets_wb2c"]
    assert s["required_reduction_pct_1_5c"] == pytest.approx(4.2 * 9)
    assert s["timeframe_ok"] and s["coverage_ok"] and not s["scope3_target_needed"]


def test_sbti_what_if_42_pct_over_10_years():
    s = sbti_check(2020, 2030, 0.42, "1+2", BASE)
    assert s["annual_rate_pct"] == pytest.approx(4.2) and s["meets_1_5c"]


def test_sbti_flags():
    assert not sbti_check(2021, 2040, 0.5, "1+2", BASE)["timeframe_ok"]
    scope1_only = sbti_check(2021, 2030, 0.5, "1", BASE)
    assert scope1_only["coverage_pct"] == pytest.approx(BASE["1"] / (BASE["1"] + BASE["2"]) * 100)
    assert not scope1_only["coverage_ok"]
    heavy_s3 = {"1": 10.0, "2": 50.0, "3": 60.0}  # Scope 3 is 50 % of the total
    assert sbti_check(2021, 2030, 0.5, "1+2", heavy_s3)["scope3_target_needed"]
    assert not sbti_check(2021, 2030, 0.5, "1+2+3", heavy_s3)["scope3_target_needed"]


def test_invalid_rows_are_skipped():
    table = targets_table([("bad", "absolute", "1+2", 2030, 2021, 30.0, None, "linear", None),
                           ("no years", "absolute", "1+2", None, None, 30.0, None, "linear", None)])
    assert evaluate_targets(table, BASE) == []


@settings(max_examples=80, deadline=None)
@given(y0=st.integers(2000, 2040), span=st.integers(1, 30), r=st.floats(0, 1),
       s1=st.floats(0, 1e6), s2=st.floats(0, 1e6), s3=st.floats(0, 1e6),
       sub=st.one_of(st.none(), st.floats(0, 1)), method=st.sampled_from(["linear", "compound"]),
       scope=st.sampled_from(["1", "2", "1+2", "1+2+3"]))
def test_path_properties(y0, span, r, s1, s2, s3, sub, method, scope):
    base = {"1": s1, "2": s2, "3": s3}
    subs = {"1": sub} if sub is not None else None
    lines = scope_lines(base, scope, y0, y0 + span, r, method, subs)
    total = lines[scope]
    covered = {"1": ["1"], "2": ["2"], "1+2": ["1", "2"], "1+2+3": ["1", "2", "3"]}[scope]
    base_total = sum(base[s] for s in covered)
    assert total.iloc[0] == pytest.approx(base_total)
    assert total.iloc[-1] == pytest.approx(base_total * (1 - r), abs=1e-6)
    assert (np.diff(total.to_numpy()) <= 1e-9 * max(base_total, 1)).all()  # never rises
    if len(covered) > 1:
        assert lines[covered].sum(axis=1).to_numpy() == pytest.approx(total.to_numpy(), abs=1e-6)


def test_a_sub_target_that_makes_the_other_scope_rise_is_warned_with_its_numbers():
    """1+2 −10 % with Scope 2 −50 %: Scope 1 takes the remainder, 3,299.33 × 0.9 − 3,238.91 × 0.5."""
    rows = targets_table([("Total -10 %", "absolute", "1+2", 2021, 2030, 10.0, None, "linear", None),
                          ("Scope 2 -50 %", "absolute", "2", 2021, 2030, 50.0, None, "linear", None)])
    main = next(r for r in evaluate_targets(rows, BASE) if r.sub_of is None)
    scope1_2030 = (BASE["1"] + BASE["2"]) * 0.9 - BASE["2"] * 0.5
    assert r1(scope1_2030) == 1349.9 and r1(BASE["1"]) == 60.4
    assert "target.sub_raises_other" in main.warnings
    values = main.warning_values["target.sub_raises_other"]
    assert values["scope"] == "1" and values["sub_scope"] == "2"
    assert values["base_tco2e"] == pytest.approx(BASE["1"])
    assert values["target_tco2e"] == pytest.approx(scope1_2030)
    assert (values["base_year"], values["target_year"]) == (2021, 2030)


def test_the_decks_split_does_not_warn():
    for result in evaluate_targets(DECK_TARGETS, BASE):
        assert "target.sub_raises_other" not in result.warnings and not result.warning_values


def test_the_rise_warning_reads_in_both_languages():
    from ui.i18n import t
    from ui.texts.targets_guard import warning_args

    rows = targets_table([("Total -10 %", "absolute", "1+2", 2021, 2030, 10.0, None, "linear", None),
                          ("Scope 2 -50 %", "absolute", "2", 2021, 2030, 50.0, None, "linear", None)])
    main = next(r for r in evaluate_targets(rows, BASE) if r.sub_of is None)
    en = t("tgt.w.target.sub_raises_other", "en", **warning_args(main, "target.sub_raises_other", "en"))
    vi = t("tgt.w.target.sub_raises_other", "vi", **warning_args(main, "target.sub_raises_other", "vi"))
    assert "60.4" in en and "1,349.9" in en and "Scope 1" in en and "2030" in en and "50" in en
    assert "60,4" in vi and "1.349,9" in vi and "Phạm vi 1" in vi and "2030" in vi
