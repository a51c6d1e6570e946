"""AppTest of the household page: opens in both languages, the equity switch (income → tier → net
cost), the burden chart with its thresholds, assumptions marked."""
import pytest

from apptest_support import setting_key, type_number, new_app, plotly_figures

SMI60_1P = 49196.0


def open_household(lang="en"):
    at = new_app(lang).run()
    at.switch_page("pages/household.py").run()
    assert not at.exception and not at.error
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def messages(at) -> list[str]:
    return [m.value for m in [*at.success, *at.info, *at.warning]]


@pytest.mark.parametrize("lang, title, net", [("en", "A household heating with oil", "$8,500"),
                                               ("vi", "Hộ gia đình sưởi bằng dầu", "$8.500")])
def test_opens_in_both_languages(lang, title, net):
    at = open_household(lang)
    assert at.title[0].value.startswith(title)
    # standard tier: 24,000 − 9,000 − 4,500 − 2,000 (25C) = 8,500; the 0 % loan covers the rest at installation
    values = [m.value for m in at.metric]
    assert values[:2] == ["$0", net]
    assert len(at.dataframe) == 5 and len(plotly_figures(at)) == 2  # stack, tiers, scenarios, loan, figures


def test_switching_income_to_income_eligible_makes_the_heat_pump_free():
    at = open_household()
    assert any("**Standard" in m for m in messages(at))
    assert metrics(at)["Net cost after all incentives"] == "$8,500"
    type_number(at, "hh.household_size", "1")
    type_number(at, "hh.income", f"{SMI60_1P}")  # ≤ 60 % SMI for one person
    assert not at.exception
    assert any("**Income-eligible" in s.value for s in at.success)
    assert metrics(at)["Net cost after all incentives"] == "$0"
    assert metrics(at)["Household pays at installation"] == "$0"
    answer = next(s.value for s in at.success if "**Yes.**" in s.value)
    assert "pays nothing" in answer and "\\$443/yr" in answer
    tiers = at.dataframe[1].value
    assert tiers.iloc[2, 0].endswith("◀ this household") and tiers.iloc[2, -1] == "$0"


def test_just_above_60_pct_smi_is_enhanced_with_its_net_cost():
    at = open_household()
    type_number(at, "hh.household_size", "1")
    type_number(at, "hh.income", f"{SMI60_1P + 1}")
    assert any("**Income-based enhanced" in s.value for s in at.info)
    net = 18_000 + 6_000 - 16_000 - 0.75 * 6_000 - min(0.3 * (18_000 - 16_000), 2_000)
    assert metrics(at)["Net cost after all incentives"] == f"${net:,.0f}"


def test_burden_chart_has_the_6_and_10_pct_lines():
    at = open_household()
    burden = plotly_figures(at)[0]
    assert [s["y0"] for s in burden["layout"]["shapes"]] == [6.0, 10.0]
    assert burden["data"][0]["y"][0] == pytest.approx(3980 / 120_000 * 100)
    type_number(at, "hh.income", "35,000")
    burden = plotly_figures(at)[0]
    assert burden["data"][0]["marker"]["color"][0] == "#C62828"  # severe before: > 10 %


def test_heat_pump_alone_at_a_high_electricity_price_raises_the_bill():
    at = open_household()
    at.checkbox(key=setting_key("hh.weatherization")).uncheck().run()
    type_number(at, "hh.electricity_price", "0.4")
    assert not at.exception
    assert any("**Not on the bill.**" in w.value for w in at.warning)
    at.checkbox(key=setting_key("hh.heat_pump")).uncheck().run()
    assert any("Choose weatherization" in w.value for w in at.warning)


def test_assumptions_are_marked():
    at = open_household()
    assert at.text_input(key=setting_key("hh.oil_price")).label.endswith("U")
    assert at.text_input(key=setting_key("hh.cop")).label.endswith("U")
    assert not at.text_input(key=setting_key("hh.oil_gallons")).label.endswith("U")  # EIA, C-P
    assert not at.text_input(key=setting_key("hh.income")).label.endswith("U")  # the household's own figure
