"""The committed sample workbooks are what sample_data/build.py produces, and reproduce the deck."""
import pytest

from sample_data.build import FILES, TEMPLATES, sample_factory
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
