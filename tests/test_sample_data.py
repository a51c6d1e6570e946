"""The committed sample workbooks are what sample_data/build.py produces, and reproduce the deck."""
import pytest

from sample_data.build import FILES, TEMPLATES, WORKSHOP_FILES, sample_factory
from workbook.model import scenarios_equal
from workbook.read import read_scenario
from workbook.write import empty_scenario

from paths import SAMPLES


@pytest.mark.parametrize("name, lang", FILES.items())
def test_committed_samples_match_the_builder(name, lang):
    result = read_scenario(SAMPLES / name)
    assert result.ok and not result.problems
    assert scenarios_equal(result.scenario, sample_factory(lang))


@pytest.mark.parametrize("name", TEMPLATES)
def test_committed_templates_are_empty_scenarios(name):
    result = read_scenario(SAMPLES / name)
    assert result.ok
    assert scenarios_equal(result.scenario, empty_scenario())


def test_vietnamese_sample_has_vietnamese_headers():
    import openpyxl
    book = openpyxl.load_workbook(SAMPLES / "sample_factory_vi.xlsx", read_only=True)
    assert "Hoạt động" in book.sheetnames and "Công ty" in book.sheetnames
    header = next(book["Hoạt động"].iter_rows(max_row=1, values_only=True))
    assert header[:4] == ("Cơ sở", "Phạm vi", "Hạng mục", "Nguồn phát thải")


GRID_T_PER_KWH = 0.8041 / 1000  # the deck's 2020 grid factor


@pytest.mark.parametrize("name, lang", WORKSHOP_FILES.items())
def test_workshop_sample_holds_three_variants(name, lang):
    from views.kpis import kpis
    from results.summary import scenario_summary
    from sample_data.build import workshop_variants

    result = read_scenario(SAMPLES / name)
    assert result.ok and not result.problems
    expected = workshop_variants(lang)
    assert list(result.variants) == list(expected) and result.current == list(expected)[0]
    for key, scenario in expected.items():
        assert scenarios_equal(result.variants[key], scenario)
    assert scenarios_equal(result.scenario, sample_factory(lang))  # the deck's case in the main sheets
    deck, more, longer = (kpis(scenario_summary(s)) for s in result.variants.values())
    # servo motors: A = 200 × 0.4 kW × 2,560 h × 0.6, 60 % saved; fan VFDs: A = 10 × 15 kW × 4,000 h × 0.8,
    # 30 % saved; both still run in 2030 (2024 + 8 years, 2025 + 10 years)
    saved_kwh = 200 * 0.4 * 2560 * 0.6 * 0.60 + 10 * 15 * 4000 * 0.8 * 0.30
    assert saved_kwh == pytest.approx(73_728 + 144_000)
    assert more["gap_target_year_tco2e"] == pytest.approx(deck["gap_target_year_tco2e"] - saved_kwh * GRID_T_PER_KWH)
    assert more["capex"] == deck["capex"] + 700_000_000 + 350_000_000 + 50_000_000
    assert longer["gap_target_year_tco2e"] == pytest.approx(more["gap_target_year_tco2e"])
    assert longer["npv"] != more["npv"]
