"""Writing scenarios and templates: round trips, formulas kept as text, layout, the README sheet."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook_builders import ACTIVITY_HEADERS, SAMPLE_DIR, load, summary

from calc.factors import GWP_SETS, load_library
from calc.inventory import CATEGORY_SCOPE
from sample_data.build import sample_factory
from workbook.model import scenarios_equal
from workbook.read import read_scenario
from workbook.schema import SHEETS
from workbook.write import empty_scenario, write_scenario, write_template

LANGS = ["vi", "en"]
ACTIVITY_KEYS = ["site", "scope", "category", "source", "fuel", "quantity", "unit",
                 "factor_tco2e_per_unit", "tco2e"]
BRACKETED_UNIT = re.compile(r"\s*\[[^\]]*\]$")


# -- round trip of the sample --------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_sample_round_trip(lang):
    scenario = sample_factory(lang)
    result = read_scenario(write_scenario(scenario, lang))
    assert result.problems == [], summary(result.problems)
    assert scenarios_equal(result.scenario, scenario)


@pytest.mark.parametrize("lang", LANGS)
def test_sample_round_trip_in_the_other_language(lang):
    # a Vietnamese-content scenario written with English sheets and headers reads back the same
    scenario = sample_factory(lang)
    other = "en" if lang == "vi" else "vi"
    result = read_scenario(write_scenario(scenario, other))
    assert result.problems == []
    assert scenarios_equal(result.scenario, scenario)


@pytest.mark.parametrize("lang", LANGS)
def test_committed_sample_matches_what_the_writer_produces(lang):
    committed = read_scenario(SAMPLE_DIR / f"sample_factory_{lang}.xlsx").scenario
    written = read_scenario(write_scenario(sample_factory(lang), lang)).scenario
    assert scenarios_equal(committed, written)


# -- property: random Activities and Company fields survive write → read --------------------------
# Texts that Excel would take for something else are included on purpose: error codes
# ("#N/A"), OOXML escapes ("_x0041_") and formula-like text.
_EXCEL_ERROR_STRINGS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]
VI_LETTERS = ("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợ"
              "ùủũúụừửữứựỳỷỹýỵĂÂĐÊÔƠƯÀÁẢÃẠĐỆỘỮ0123456789 -/()%,.")


def _clean(text: str) -> bool:
    return bool(text)


_any_chars = st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Co"))
TEXT = st.one_of(
    st.text(_any_chars, min_size=1, max_size=30),
    st.text(st.sampled_from(VI_LETTERS), min_size=1, max_size=40),
    st.tuples(st.sampled_from(["=", "+", "-", "@"]),
              st.text(st.sampled_from(VI_LETTERS), max_size=20)).map("".join),
    st.tuples(st.sampled_from(["=", "+", "-", "@"]), st.text(_any_chars, max_size=20)).map("".join),
    st.sampled_from(["=SUM(A1:A9)", "=1+1", "-5", "+84 912 345 678", "@home", "==", "=",
                     "Dầu diesel cho máy phát điện", "Điện lưới - Hoạt động làm mát", "_x0041_",
                     "code_x000D_end", *_EXCEL_ERROR_STRINGS]),
).map(str.strip).filter(_clean)

# Non-negative doubles at full precision (17 digits), from subnormals to the largest double.
NUMBER = st.one_of(
    st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.floats(min_value=0, allow_nan=False, allow_infinity=False),  # up to 1.8e308, subnormals
    st.sampled_from([0.0, 1e-300, 5e-324, 1e300, 1385.0, 0.1 + 0.2, 2_300_000.0,
                     123456789.12345678, 1.7976931348623157e308]),
)


def _library_choices():
    lib = load_library()
    units = lib.units
    fuels = list(lib.fuels.index)
    dims: dict[str, set[str]] = {}
    for fuel, dim in zip(lib.factors["fuel"], lib.factors["dimension"]):
        dims.setdefault(fuel, set()).add(dim)
    for fuel in lib.fuels.index[lib.fuels["grid"]]:
        dims.setdefault(fuel, set()).add("energy")
    for fuel in lib.fuels.index[lib.fuels["refrigerant"]]:
        if fuel in lib.gwp.index:
            dims.setdefault(fuel, set()).add("mass")
    compatible = sorted((fuel, unit) for fuel, ds in dims.items()
                        for unit, dim in zip(units.index, units["dimension"]) if dim in ds)
    return fuels, list(units.index), compatible


FUELS, UNITS, COMPATIBLE = _library_choices()


@st.composite
def activity_row(draw) -> dict:
    category, scope = draw(st.sampled_from(sorted(CATEGORY_SCOPE.items())))
    row = {"site": draw(st.none() | TEXT), "scope": scope, "category": category,
           "source": draw(TEXT), "fuel": None, "quantity": None, "unit": None,
           "factor_tco2e_per_unit": None, "tco2e": None}
    kind = draw(st.sampled_from(["library", "own_factor", "known"]))
    if kind == "library":  # a fuel and a unit the library has a factor for
        row["fuel"], row["unit"] = draw(st.sampled_from(COMPATIBLE))
        row["quantity"] = draw(NUMBER)
    elif kind == "own_factor":  # any fuel and unit with the row's own factor
        row.update(fuel=draw(st.sampled_from(FUELS)), unit=draw(st.sampled_from(UNITS)),
                   quantity=draw(NUMBER), factor_tco2e_per_unit=draw(NUMBER))
    else:  # a known result; the other cells optional
        row.update(fuel=draw(st.none() | st.sampled_from(FUELS)), unit=draw(st.none() | st.sampled_from(UNITS)),
                   quantity=draw(st.none() | NUMBER), tco2e=draw(NUMBER))
    return row


def _activities_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ACTIVITY_KEYS)
    dtypes = {"scope": "Int64", "quantity": "float64", "factor_tco2e_per_unit": "float64",
              "tco2e": "float64"}
    for key in ("site", "category", "source", "fuel", "unit"):
        dtypes[key] = "object"
    frame = frame.astype(dtypes)
    for key in ("site", "fuel", "unit"):  # missing text stays None
        frame[key] = [None if pd.isna(v) else v for v in frame[key]]
    return frame


COMPANY = st.fixed_dictionaries({
    "name": st.none() | TEXT,
    "sector": st.none() | TEXT,
    "currency": st.sampled_from(["VND", "USD", "EUR"]),
    "base_year": st.none() | st.integers(1990, 2100),
    "grid_ef_tco2_per_mwh": st.none() | st.floats(0, 5, allow_nan=False),
    "grid_ef_year": st.none() | st.integers(1990, 2100),
    "gwp_set": st.sampled_from(list(GWP_SETS)),
    "output_unit": st.none() | TEXT,
    "output_base": st.none() | NUMBER,
    "value_added_base": st.none() | NUMBER,
})


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")  # 1e300 × factor
@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(activity_row(), min_size=1, max_size=8), company=COMPANY)
def test_round_trip_property(lang, rows, company):
    base = empty_scenario()
    scenario = base.with_table("Activities", _activities_frame(rows))
    for key, value in company.items():
        scenario = scenario.with_field("Company", key, value)
    result = read_scenario(write_scenario(scenario, lang))
    assert result.errors == [], summary(result.problems)
    assert result.scenario is not None
    assert scenarios_equal(result.scenario, scenario), (
        result.scenario.activities.to_dict("records"), result.scenario.company)


@pytest.mark.parametrize("value", [0.1 + 0.2, 123456789.12345678, 1.7126972312468446e+46,
                                   1.7976931348623157e308])
def test_full_precision_floats_round_trip(value):
    scenario = sample_factory("en")
    act = scenario.activities.copy()
    act.loc[0, "quantity"] = value
    scenario = scenario.with_table("Activities", act)
    result = read_scenario(write_scenario(scenario, "en"))
    assert result.errors == [], summary(result.problems)
    assert result.scenario.activities["quantity"].iloc[0] == value


# -- text that looks like a formula --------------------------------------------------------------
@pytest.mark.parametrize("text", ["=SUM(A1:A9)", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)"])
@pytest.mark.parametrize("lang", LANGS)
def test_formula_like_text_is_written_as_a_string(text, lang):
    scenario = sample_factory(lang)
    act = scenario.activities.copy()
    act.loc[0, "source"] = text
    act.loc[1, "site"] = text
    scenario = scenario.with_table("Activities", act).with_field("Company", "name", text)
    data = write_scenario(scenario, lang)

    wb = load(data)
    ws = wb[SHEETS["Activities"].label(lang)]
    # Activities: header on row 1, first data row on row 2; source is column D, site column A
    for cell in (ws["D2"], ws["A3"]):
        assert cell.data_type == "s"
        assert cell.value == text
    company = wb[SHEETS["Company"].label(lang)]
    assert company["B2"].data_type == "s" and company["B2"].value == text  # name on row 2

    result = read_scenario(data)
    assert result.problems == []
    assert result.scenario.activities["source"].iloc[0] == text
    assert result.scenario.company["name"] == text


@pytest.mark.parametrize("text", ["#N/A", "#DIV/0!", "#REF!"])
def test_text_equal_to_an_excel_error_code_is_kept(text):
    scenario = sample_factory("en")
    act = scenario.activities.copy()
    act.loc[0, "source"] = text
    scenario = scenario.with_table("Activities", act)
    data = write_scenario(scenario, "en")
    assert load(data)["Activities"]["D2"].data_type == "s"
    result = read_scenario(data)
    assert result.problems == [], summary(result.problems)
    assert scenarios_equal(result.scenario, scenario)


@pytest.mark.parametrize("text", ["_x0041_", "code_x000D_end"])
def test_text_with_an_ooxml_escape_sequence_is_kept(text):
    scenario = sample_factory("en")
    act = scenario.activities.copy()
    act.loc[0, "source"] = text
    scenario = scenario.with_table("Activities", act)
    result = read_scenario(write_scenario(scenario, "en"))
    assert result.scenario.activities["source"].iloc[0] == text


# -- layout of the written file ------------------------------------------------------------------
EXPECTED_SHEET_NAMES = {
    "vi": {"Company": "Công ty", "Activities": "Hoạt động", "Targets": "Mục tiêu", "Measures": "Giải pháp"},
    "en": {"Company": "Company", "Activities": "Activities", "Targets": "Targets", "Measures": "Measures"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_written_layout(lang):
    wb = load(write_scenario(sample_factory(lang), lang))
    for key, name in EXPECTED_SHEET_NAMES[lang].items():
        assert name in wb.sheetnames
    ws = wb[EXPECTED_SHEET_NAMES[lang]["Activities"]]

    # header row: bold, in the chosen language (a unit may follow in brackets), frozen below it
    headers = [ws.cell(row=1, column=j).value for j in range(1, 10)]
    assert [BRACKETED_UNIT.sub("", h) for h in headers] == ACTIVITY_HEADERS[lang]
    assert ws.cell(row=1, column=10).value is None
    for j in range(1, 10):
        assert ws.cell(row=1, column=j).font.bold
    assert ws.freeze_panes == "A2"

    # every column has a width set, wide enough for its header (up to a cap)
    for j, header in enumerate(headers, start=1):
        dim = ws.column_dimensions[chr(ord("A") + j - 1)]
        assert dim.customWidth, header
        assert dim.width >= min(len(header), 40), header

    # numbers are number cells with a number format: quantity (F) of the 11 rows 2..12
    quantities = [1385, 456, 14521, 581, 989, 5, 2_300_000, 78_000, 700_000, 250_000, 700_000]
    for r, expected in enumerate(quantities, start=2):
        cell = ws.cell(row=r, column=6)
        assert cell.data_type == "n"
        assert isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
        assert cell.value == expected
        assert cell.number_format != "General"
    # scope (B) is a number too
    assert ws["B2"].value == 1 and ws["B2"].data_type == "n"

    # Company: field labels in the language, base year a number with a number format
    company = wb[EXPECTED_SHEET_NAMES[lang]["Company"]]
    labels = [company.cell(row=r, column=1).value for r in range(1, company.max_row + 1)]
    base_year_label = {"vi": "Năm cơ sở", "en": "Base year"}[lang]
    name_label = {"vi": "Tên công ty", "en": "Company name"}[lang]
    assert name_label in labels
    cell = company.cell(row=labels.index(base_year_label) + 1, column=2)
    assert cell.value == 2021 and cell.data_type == "n" and cell.number_format != "General"
    assert company.freeze_panes == "A2"
    assert company["A1"].font.bold


@pytest.mark.parametrize("lang", LANGS)
def test_headers_are_not_in_the_other_language(lang):
    other = "en" if lang == "vi" else "vi"
    ws = load(write_scenario(sample_factory(lang), lang))[EXPECTED_SHEET_NAMES[lang]["Activities"]]
    headers = {BRACKETED_UNIT.sub("", ws.cell(row=1, column=j).value) for j in range(1, 10)}
    only_other = set(ACTIVITY_HEADERS[other]) - set(ACTIVITY_HEADERS[lang])
    assert not headers & only_other


# -- the template --------------------------------------------------------------------------------
README = {"vi": "Hướng dẫn", "en": "README"}


def _readme_rows(wb, lang) -> list[list[str]]:
    ws = wb[README[lang]]
    return [[str(v) for v in row if v is not None] for row in ws.iter_rows(values_only=True)]


@pytest.mark.parametrize("lang", LANGS)
def test_template_readme_first_and_describes_every_sheet_and_column(lang):
    data = write_template(lang)
    wb = load(data)
    assert wb.sheetnames[0] == README[lang]
    assert wb.active.title == README[lang]
    rows = _readme_rows(wb, lang)
    text = "\n".join(" | ".join(r) for r in rows)
    for sheet in SHEETS.values():
        assert sheet.vi in text and sheet.en in text, sheet.key
        for col in sheet.columns:
            # one row names the column by key and in both languages
            assert any(col.key in r and col.vi in r and col.en in r for r in rows), (sheet.key, col.key)
    # the data sheets follow, named in the template's language
    for name in EXPECTED_SHEET_NAMES[lang].values():
        assert name in wb.sheetnames[1:]


@pytest.mark.parametrize("lang", LANGS)
def test_template_reads_with_only_the_empty_activities_warning(lang):
    result = read_scenario(write_template(lang))
    assert result.errors == []
    assert result.ok
    assert [(p.sheet, p.code, p.severity) for p in result.problems] == [
        ("Activities", "sheet.empty", "warning")]
    assert len(result.scenario.activities) == 0
    assert result.scenario.company["currency"] == "VND"  # documented default
    assert result.scenario.company["gwp_set"] == "AR5"


@pytest.mark.parametrize("lang", LANGS)
def test_committed_templates_read_like_fresh_ones(lang):
    result = read_scenario(SAMPLE_DIR / f"template_{lang}.xlsx")
    assert [(p.sheet, p.code, p.severity) for p in result.problems] == [
        ("Activities", "sheet.empty", "warning")]
    assert load((SAMPLE_DIR / f"template_{lang}.xlsx").read_bytes()).sheetnames[0] == README[lang]


def test_write_without_readme():
    wb = load(write_scenario(sample_factory("en"), "en", readme=False))
    assert "README" not in wb.sheetnames and "Hướng dẫn" not in wb.sheetnames
