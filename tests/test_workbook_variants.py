"""Named variants of a scenario in one workbook: the Variants sheet, written and read back.

The variants are built here by changing the bundled sample independently (a field, a table, an
emptied table...), and the hand-made Variants sheets are laid out line by line, so the expected
Excel rows, labels, line counts and codes come from the test's own construction and from the
documented format, not from the code under test.
"""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paths import SAMPLES
from test_workbook_write import COMPANY, TEXT, _activities_frame, activity_row
from workbook_builders import activities_rows, activity, book, company_rows, load, summary

import workbook.variants as variants_module
from sample_data.build import sample_factory
from workbook.docs import format_markdown
from workbook.model import Scenario, scenarios_equal
from workbook.read import read_scenario
from workbook.schema import MAIN_MARK, README_SHEET, SHEETS, VARIANTS, norm
from workbook.write import empty_scenario, write_scenario

LANGS = ["vi", "en"]
VARIANTS_SHEET = {"vi": "Phương án", "en": "Variants"}
HEADERS = {"vi": ["Phương án", "Sheet", "Bản ghi", "Cột", "Giá trị"],
           "en": ["Variant", "Sheet", "Record", "Column", "Value"]}
MAIN = {"vi": "chính", "en": "main"}
SHEET_LABEL = {"vi": {"Measures": "Giải pháp", "Finance": "Tài chính", "Metering": "Đo lường",
                      "Actions": "Kế hoạch 5W1H", "Company": "Công ty", "Targets": "Mục tiêu",
                      "Activities": "Hoạt động"},
               "en": {"Measures": "Measures", "Finance": "Finance", "Metering": "Metering",
                      "Actions": "Actions", "Company": "Company", "Targets": "Targets",
                      "Activities": "Activities"}}


# -- variants of the sample, built independently ------------------------------------------------
def sample_variants(lang: str) -> dict[str, Scenario]:
    """The sample and three variants of it, each changing different things."""
    base = sample_factory(lang)

    finance = (base.with_field("Finance", "discount_rate_pct", 10.0)
               .with_field("Finance", "carbon_price_per_tco2", 250_000.0)
               .with_field("Company", "sector", None))  # a field emptied

    measures = base.table("Measures").copy()
    measures.loc[0, "saving_pct"] = 37.5
    measures.loc[1, "name"] = "=Máy nén khí + biến tần"  # text that looks like a formula
    measures.loc[1, "category"] = "technology"            # another choice
    actions = base.table("Actions").copy()
    actions.loc[0, "start_date"] = pd.Timestamp("2024-02-29")  # a date
    actions.loc[1, "status"] = "late"
    strong = base.with_table("Measures", measures).with_table("Actions", actions)

    no_metering = (base.with_table("Metering", base.table("Metering").iloc[0:0])  # an emptied table
                   .with_table("Targets", base.table("Targets").iloc[[1]]))       # one record fewer

    return {"Gốc": base, "Tiết kiệm mạnh": strong, "Tài chính 10 %": finance, "Không đo lường": no_metering}


def _check_round_trip(variants: dict[str, Scenario], current: str, lang: str) -> None:
    data = write_scenario(variants[current], lang, variants=variants, current=current)
    result = read_scenario(data)
    assert result.problems == [], summary(result.problems)
    assert result.ok
    assert result.current == current
    assert list(result.variants) == list(variants)
    for name, variant in variants.items():
        assert scenarios_equal(result.variants[name], variant), name
        assert result.variants[name].name == result.scenario.name  # the workbook's name
    assert result.variants[current] is result.scenario
    assert scenarios_equal(result.scenario, variants[current])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("current", ["Gốc", "Tiết kiệm mạnh", "Không đo lường"])
def test_sample_variants_round_trip(lang, current):
    _check_round_trip(sample_variants(lang), current, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_written_in_the_other_language(lang):
    variants = sample_variants(lang)
    other = "en" if lang == "vi" else "vi"
    data = write_scenario(variants["Gốc"], other, variants=variants, current="Gốc")
    result = read_scenario(data)
    assert result.problems == [], summary(result.problems)
    assert all(scenarios_equal(result.variants[n], v) for n, v in variants.items())


def test_a_single_variant_is_only_its_declaration():
    base = sample_factory("vi")
    data = write_scenario(base, "vi", variants={"Kịch bản 1": base}, current="Kịch bản 1")
    ws = load(data)[VARIANTS_SHEET["vi"]]
    assert [list(r) for r in ws.iter_rows(values_only=True)] == [
        HEADERS["vi"], ["Kịch bản 1", None, None, None, "chính"]]
    result = read_scenario(data)
    assert result.problems == []
    assert result.variants == {"Kịch bản 1": result.scenario} and result.current == "Kịch bản 1"


# -- property: random variants survive write → read ---------------------------------------------
def _scenario(rows: list[dict], company: dict) -> Scenario:
    scenario = empty_scenario().with_table("Activities", _activities_frame(rows))
    for key, value in company.items():
        scenario = scenario.with_field("Company", key, value)
    return scenario


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")  # 1e300 × factor
@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_variants_round_trip_property(lang, data):
    names = data.draw(st.lists(TEXT, min_size=1, max_size=4, unique=True), label="names")
    first = _scenario(data.draw(st.lists(activity_row(), min_size=1, max_size=5)), data.draw(COMPANY))
    variants = {}
    for name in names:
        kind = data.draw(st.sampled_from(["same", "company", "activities", "empty", "both"]))
        rows = data.draw(st.lists(activity_row(), min_size=1, max_size=5))
        company = data.draw(COMPANY)
        variants[name] = {
            "same": first,
            "company": _scenario(first.activities.to_dict("records"), company),
            "activities": first.with_table("Activities", _activities_frame(rows)),
            "empty": first.with_table("Activities", first.activities.iloc[0:0]),
            "both": _scenario(rows, company),
        }[kind]
    current = data.draw(st.sampled_from(names), label="current")
    result = read_scenario(write_scenario(variants[current], lang, variants=variants, current=current))
    assert result.errors == [], summary(result.problems)
    assert result.current == current
    assert list(result.variants) == names
    for name in names:
        assert scenarios_equal(result.variants[name], variants[name]), name


# -- the sheet a person reads --------------------------------------------------------------------
def _lines(data: bytes, lang: str) -> list[tuple]:
    ws = load(data)[VARIANTS_SHEET[lang]]
    return list(ws.iter_rows(min_row=2, values_only=True))


@pytest.mark.parametrize("lang", LANGS)
def test_variants_sheet_reads_like_a_table_in_the_language(lang):
    variants = sample_variants(lang)
    data = write_scenario(variants["Gốc"], lang, variants=variants, current="Gốc")
    wb = load(data)
    assert VARIANTS_SHEET[lang] in wb.sheetnames
    assert wb.sheetnames.index(VARIANTS_SHEET[lang]) == len(wb.sheetnames) - 2  # before the README
    ws = wb[VARIANTS_SHEET[lang]]
    assert [c.value for c in ws[1]] == HEADERS[lang]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"

    lines = _lines(data, lang)
    # the declarations first, in order, the main sheets' variant marked
    assert lines[:4] == [("Gốc", None, None, None, MAIN[lang]), ("Tiết kiệm mạnh", None, None, None, None),
                         ("Tài chính 10 %", None, None, None, None), ("Không đo lường", None, None, None, None)]
    labels = SHEET_LABEL[lang]
    # sheet labels, field labels and column headers (with their unit) in the language
    discount = {"vi": "Tỷ lệ chiết khấu", "en": "Discount rate"}[lang]
    assert ("Tài chính 10 %", labels["Finance"], None, discount, 10.0) in lines
    saving = {"vi": "Tỷ lệ tiết kiệm [%]", "en": "Saving [%]"}[lang]
    assert ("Tiết kiệm mạnh", labels["Measures"], 1, saving, 37.5) in lines
    category = {"vi": "Phân loại", "en": "Category"}[lang]
    technology = {"vi": "Công nghệ (dài hạn)", "en": "Technology (long-term)"}[lang]  # a choice: its label
    assert ("Tiết kiệm mạnh", labels["Measures"], 2, category, technology) in lines
    assert ("Không đo lường", labels["Metering"], None, None, None) in lines  # the emptied table
    assert not any(line[0] == "Không đo lường" and line[1] == labels["Metering"] and line[2] for line in lines)
    assert {line[1] for line in lines} == {None, labels["Finance"], labels["Company"], labels["Measures"],
                                          labels["Actions"], labels["Metering"], labels["Targets"]}

    # typed cells: a formula-like text stays text, a date is a date, a number is a number
    rows = {(r[0].value, r[1].value, r[2].value, r[3].value): r for r in ws.iter_rows(min_row=2)}
    name = {"vi": "Tên giải pháp", "en": "Name"}[lang]
    cell = rows[("Tiết kiệm mạnh", labels["Measures"], 2, name)][4]
    assert cell.data_type == "s" and cell.value == "=Máy nén khí + biến tần"
    start = {"vi": "Ngày bắt đầu", "en": "Start"}[lang]
    cell = rows[("Tiết kiệm mạnh", labels["Actions"], 1, start)][4]
    assert cell.value == dt.datetime(2024, 2, 29) and cell.is_date
    cell = rows[("Tiết kiệm mạnh", labels["Measures"], 1, saving)][4]
    assert cell.data_type == "n" and cell.number_format != "General"


@pytest.mark.parametrize("lang", LANGS)
def test_only_what_differs_is_written(lang):
    base = sample_factory(lang)
    measures = base.table("Measures").copy()
    measures.loc[1, "units"] = 3.0
    changed = base.with_field("Finance", "tax_rate_pct", 20.0).with_table("Measures", measures)
    data = write_scenario(base, lang, variants={"A": base, "B": changed}, current="A")
    lines = _lines(data, lang)
    cells = int(measures.notna().to_numpy().sum())  # every non-blank cell of the changed table
    # 2 declarations, 1 changed field, the table line and its cells; nothing for equal tables
    assert len(lines) == 2 + 1 + 1 + cells
    assert sum(1 for line in lines if line[1] == SHEET_LABEL[lang]["Measures"]) == 1 + cells
    assert sum(1 for line in lines if line[1] == SHEET_LABEL[lang]["Finance"]) == 1


def test_without_variants_there_is_no_variants_sheet():
    base = sample_factory("vi")
    for data in (write_scenario(base, "vi"), write_scenario(base, "vi", variants={}),
                 write_scenario(base, "vi", variants=None, current="x")):
        names = load(data).sheetnames
        assert "Phương án" not in names and "Variants" not in names
    assert load(write_scenario(base, "vi")).sheetnames == load(write_scenario(base, "vi", variants={})).sheetnames


@pytest.mark.parametrize("name", ["", "   ", " leading", "trailing ", 3])
def test_a_name_that_cannot_be_stored_is_refused(name):
    base = sample_factory("en")
    with pytest.raises(ValueError):
        write_scenario(base, "en", variants={name: base, "B": base}, current="B")


def test_current_must_be_a_variant():
    base = sample_factory("en")
    with pytest.raises(ValueError, match="current"):
        write_scenario(base, "en", variants={"A": base}, current="B")
    with pytest.raises(ValueError):
        write_scenario(base, "en", variants={"A": base})


def test_more_lines_than_excel_rows_is_refused(monkeypatch):
    monkeypatch.setattr(variants_module, "EXCEL_MAX_ROWS", 20)
    variants = sample_variants("vi")  # the changed Measures table alone needs more than 20 lines
    with pytest.raises(ValueError) as info:
        write_scenario(variants["Gốc"], "vi", variants=variants, current="Gốc")
    text = str(info.value)
    assert "Excel" in text and "rows" in text and "dòng" in text  # both languages


# -- documentation -------------------------------------------------------------------------------
def test_the_variants_sheet_is_not_a_scenario_sheet_and_its_names_are_free():
    assert "Variants" not in SHEETS
    taken = {norm(n) for key, sheet in SHEETS.items() for n in (key, sheet.en, sheet.vi, *sheet.aliases)}
    taken |= {norm(n) for n in README_SHEET.values()}
    assert not {norm(VARIANTS.key), norm(VARIANTS.en), norm(VARIANTS.vi)} & taken
    assert (VARIANTS.en, VARIANTS.vi) == ("Variants", "Phương án")
    assert [c.key for c in VARIANTS.columns] == ["variant", "sheet", "row", "column", "value"]
    for col in VARIANTS.columns:
        assert col.help_en.strip() and col.help_vi.strip() and col.help_en != col.help_vi
    assert MAIN_MARK == {"en": "main", "vi": "chính"}


@pytest.mark.parametrize("lang", LANGS)
def test_readme_sheet_documents_the_variants_sheet_last(lang):
    ws = load(write_scenario(sample_factory(lang), lang))[{"vi": "Hướng dẫn", "en": "README"}[lang]]
    first_cells = [r[0] for r in ws.iter_rows(values_only=True)]
    titles = [v for v in first_cells if isinstance(v, str) and " / " in v and len(v) < 40]
    assert titles[-1] == "Phương án / Variants"
    assert titles[-2] == "Hệ số / Factors"
    rows = [[v for v in r if v is not None] for r in ws.iter_rows(values_only=True)]
    for key, vi, en in [("variant", "Phương án", "Variant"), ("row", "Bản ghi", "Record"),
                        ("value", "Giá trị", "Value")]:
        assert any(key in r and vi in r and en in r for r in rows), key


def test_markdown_documents_the_variants_sheet_after_the_others():
    text = format_markdown()
    assert text.index("#### `Factors`") < text.index("#### `Variants` – Phương án / Variants")
    for key in ("variant", "sheet", "row", "column", "value"):
        assert f"| `{key}` |" in text.split("#### `Variants`")[1]


# -- reading hand-made Variants sheets -----------------------------------------------------------
def _workbook(variant_rows: list[list], *, activities: list[list] | None = None,
              sheet_name: str = "Variants") -> bytes:
    """Company (rows 1-3) + Activities (one diesel row on row 2) + the given Variants rows."""
    return book({"Company": company_rows(),
                 "Activities": activities_rows(*(activities or [activity()])),
                 sheet_name: variant_rows})


HEAD = HEADERS["en"]
ACTIVITY_CELLS = [("Scope", 1), ("Category", "stationary"), ("Source", "Boiler"), ("Fuel / energy", "diesel"),
                  ("Quantity", 500), ("Unit", "L")]


def _record(name: str, record: int, **changes) -> list[list]:
    """Lines of one valid Activities record of a variant (ACTIVITY_CELLS with changes)."""
    cells = dict(ACTIVITY_CELLS, **changes)
    return [[name, "Activities", record, column, value] for column, value in cells.items()]


def _codes(result) -> list[tuple]:
    """(sheet, row, column, code, severity) of each problem; every message in both languages."""
    for p in result.problems:
        assert p.message_en.strip() and p.message_vi.strip() and p.message_en != p.message_vi, p
    return [(p.sheet, p.row, p.column, p.code, p.severity) for p in result.problems]


def test_a_file_without_a_variants_sheet_has_no_variants():
    result = read_scenario(SAMPLES / "sample_factory_vi.xlsx")
    assert result.variants == {} and result.current is None
    result = read_scenario(book({"Company": company_rows(), "Activities": activities_rows(activity())}))
    assert result.ok and result.variants == {} and result.current is None


def test_a_variants_sheet_with_only_its_header_has_no_variants():
    result = read_scenario(_workbook([HEAD]))
    assert result.problems == [] and result.variants == {} and result.current is None


def test_hand_made_variant_reads():
    rows = [HEAD,
            ["Base", None, None, None, "MAIN"],                     # 2 (any case)
            ["Boiler", None, None, None, None],                      # 3
            *_record("Boiler", 1),                                   # 4..9
            ["Boiler", "Company", None, "Base year", 2022]]          # 10
    result = read_scenario(_workbook(rows))
    assert result.problems == [], summary(result.problems)
    assert result.current == "Base" and list(result.variants) == ["Base", "Boiler"]
    boiler = result.variants["Boiler"]
    assert boiler.activities["source"].tolist() == ["Boiler"]
    assert boiler.activities["quantity"].tolist() == [500.0]
    assert boiler.company["base_year"] == 2022
    assert boiler.company["name"] == "ACME Textiles"  # from the main sheets
    assert boiler.rows == {}
    assert result.scenario.activities["source"].tolist() == ["Diesel generator"]


def test_text_in_a_number_cell_of_a_variant():
    rows = [HEAD,
            ["Base", None, None, None, "main"],                      # 2
            ["Tiết kiệm mạnh", None, None, None, None],              # 3
            *_record("Tiết kiệm mạnh", 1),                           # 4..9
            *_record("Tiết kiệm mạnh", 2, Quantity="1,5")]           # 10..15, quantity on 14
    result = read_scenario(_workbook(rows))
    assert _codes(result) == [("Variants", 14, "value", "cell.not_a_number", "error")]
    assert not result.ok
    p = result.problems[0]
    assert p.message_en.startswith("Variant 'Tiết kiệm mạnh', sheet 'Activities', record 2: ")
    assert p.message_vi.startswith("Phương án 'Tiết kiệm mạnh', sheet 'Hoạt động', bản ghi 2: ")
    assert "1,5" in p.message_en and "1,5" in p.message_vi
    # the scenario in the main sheets is fine; the variant keeps the good record's number
    assert result.scenario is not None and result.variants["Tiết kiệm mạnh"].activities["quantity"].iloc[0] == 500


def test_cross_cell_problem_of_a_variant_is_on_the_cells_line():
    rows = [HEAD, ["Base", None, None, None, "main"],                # 2
            *_record("X", 1, **{"Fuel / energy": "unobtainium"})]    # 3..8, fuel on 6
    result = read_scenario(_workbook(rows))
    assert _codes(result) == [("Variants", 6, "value", "fuel.unknown", "error")]
    assert "unobtainium" in result.problems[0].message_en


def test_missing_required_cell_of_a_variant_is_on_the_records_first_line():
    rows = [HEAD, ["Base", None, None, None, "main"],                # 2
            ["X", "Activities", 1, "Quantity", 10],                  # 3: record 1 starts here
            ["X", "Activities", 1, "Unit", "L"]]                     # 4
    result = read_scenario(_workbook(rows))
    required = [p for p in result.errors if p.code == "cell.required"]
    assert {(p.sheet, p.row, p.column) for p in required} == {("Variants", 3, "value")}
    assert {p.message_en.split(": ", 1)[1] for p in required} == {
        "'Scope' is empty but required. Fill it in.", "'Category' is empty but required. Fill it in.",
        "'Source' is empty but required. Fill it in."}


def test_problem_of_a_changed_field_is_on_its_line():
    rows = [HEAD, ["Base", None, None, None, "main"],                # 2
            ["Old grid", "Company", None, "Grid factor year", 1995]]  # 3: the library has no 1995
    result = read_scenario(_workbook(rows))
    assert _codes(result) == [("Variants", 3, "value", "grid.year_missing", "warning")]
    assert result.problems[0].message_en.startswith("Variant 'Old grid', sheet 'Company': ")
    assert result.ok


def test_the_main_sheets_problems_are_not_repeated_for_each_variant():
    rows = [HEAD, ["Base", None, None, None, "main"],
            ["Other tax", "Finance", None, "Tax rate", 20]]
    result = read_scenario(_workbook(rows, activities=[activity(fuel="unobtainium")]))
    assert _codes(result) == [("Activities", 2, "fuel", "fuel.unknown", "error")]
    assert result.variants["Other tax"].fields["Finance"]["tax_rate_pct"] == 20


def test_variant_problems_sort_after_the_main_sheets():
    rows = [HEAD, ["Base", None, None, None, "main"],                # 2
            ["X", "Company", None, "Base year", "soon"]]             # 3
    result = read_scenario(_workbook(rows, activities=[activity(quantity=-1)]))
    assert _codes(result) == [("Activities", 2, "quantity", "cell.negative", "error"),
                              ("Variants", 3, "value", "cell.not_a_number", "error")]


def test_unknown_sheet():
    rows = [HEAD, ["Base", None, None, None, "main"],
            ["X", "Budget", 1, "Amount", 5],                         # 3
            ["X", None, 1, "Quantity", 5]]                           # 4: no sheet
    result = read_scenario(_workbook(rows))
    assert _codes(result) == [("Variants", 3, "sheet", "variant.unknown_sheet", "error"),
                              ("Variants", 4, "sheet", "variant.unknown_sheet", "error")]
    assert "Budget" in result.problems[0].message_en and "Budget" in result.problems[0].message_vi
    assert not result.ok


def test_unknown_column():
    rows = [HEAD, ["Base", None, None, None, "main"],
            ["X", "Activities", 1, "Colour", "red"],                 # 3
            ["X", "Finance", None, "Mood", "good"]]                  # 4
    result = read_scenario(_workbook(rows))
    assert _codes(result) == [("Variants", 3, "column", "variant.unknown_column", "error"),
                              ("Variants", 4, "column", "variant.unknown_column", "error")]
    assert "'Activities'" in result.problems[0].message_en
    assert "'Hoạt động'" in result.problems[0].message_vi


@pytest.mark.parametrize("record", [0, -1, 1.5, "2", None, True])
def test_bad_record_number(record):
    rows = [HEAD, ["Base", None, None, None, "main"],
            *_record("X", 1),                                        # 3..8
            ["X", "Activities", record, "Site", "Plant 2"]]          # 9
    result = read_scenario(_workbook(rows))
    assert _codes(result) == [("Variants", 9, "row", "variant.bad_record", "error")]
    assert result.variants["X"].activities["site"].tolist() == [None]  # the line is ignored


def test_a_line_without_a_variant_name():
    rows = [HEAD, ["Base", None, None, None, "main"],
            [None, "Finance", None, "Tax rate", 20]]                 # 3
    result = read_scenario(_workbook(rows))
    assert _codes(result) == [("Variants", 3, "variant", "variant.no_name", "error")]
    assert list(result.variants) == ["Base"]


def test_the_same_cell_twice_last_wins():
    rows = [HEAD, ["Base", None, None, None, "main"],
            *_record("X", 1),                                        # 3..8, quantity on 7
            ["X", "Activities", 1, "Quantity", 900],                 # 9
            ["X", "Finance", None, "Tax rate", 10],                  # 10
            ["X", "Finance", None, "Tax rate [%]", 15]]              # 11
    result = read_scenario(_workbook(rows))
    assert _codes(result) == [("Variants", 9, "value", "variant.duplicate_cell", "warning"),
                              ("Variants", 11, "value", "variant.duplicate_cell", "warning")]
    assert "7" in result.problems[0].message_en and "7" in result.problems[0].message_vi
    assert result.ok
    x = result.variants["X"]
    assert x.activities["quantity"].tolist() == [900.0]
    assert x.fields["Finance"]["tax_rate_pct"] == 15.0


def test_lines_of_the_main_variant_are_ignored():
    rows = [HEAD, ["Base", None, None, None, "main"],
            ["Base", "Finance", None, "Tax rate", 10],               # 3
            ["Base", "Finance", None, "Inflation", 4]]               # 4
    result = read_scenario(_workbook(rows))
    assert _codes(result) == [("Variants", 3, "variant", "variant.main_lines", "warning")]
    assert result.scenario.fields["Finance"]["tax_rate_pct"] is None
    assert result.variants == {"Base": result.scenario}


def test_two_variants_marked_main_first_wins():
    rows = [HEAD, ["A", None, None, None, "main"],
            ["B", None, None, None, "chính"],                        # 3
            ["B", "Finance", None, "Tax rate", 10]]                  # 4
    result = read_scenario(_workbook(rows))
    assert _codes(result) == [("Variants", 3, "value", "variant.two_main", "warning")]
    assert result.current == "A" and list(result.variants) == ["A", "B"]
    assert result.variants["B"].fields["Finance"]["tax_rate_pct"] == 10


def test_without_a_main_mark_the_main_sheets_are_called_main():
    rows = [HEAD, ["B", "Finance", None, "Tax rate", 10],            # B declared by its first line
            ["A", None, None, None, None]]
    result = read_scenario(_workbook(rows))
    assert result.problems == []
    assert result.current == "main" and list(result.variants) == ["main", "B", "A"]
    assert result.variants["main"] is result.scenario
    rows = [HEAD, ["main", "Finance", None, "Tax rate", 10]]          # the name is taken
    result = read_scenario(_workbook(rows))
    assert result.current == "main 2" and list(result.variants) == ["main 2", "main"]


def test_an_empty_table_given_by_its_sheet_line():
    rows = [HEAD, ["Base", None, None, None, "main"],
            ["No targets", "Targets", None, None, None]]
    targets = [["Name", "Type", "Scope", "Base year", "Target year", "Reduction [%]"],
               ["-30 %", "absolute", "1+2", 2021, 2030, 30]]
    data = book({"Company": company_rows(), "Activities": activities_rows(activity()),
                 "Targets": targets, "Variants": rows})
    result = read_scenario(data)
    assert result.problems == [], summary(result.problems)
    assert len(result.scenario.table("Targets")) == 1
    assert len(result.variants["No targets"].table("Targets")) == 0


def test_an_unrelated_sheet_called_phuong_an_is_only_a_warning():
    data = _workbook([["Các phương án đầu tư"], ["Lắp pin mặt trời"]], sheet_name="Phương án")
    result = read_scenario(data)
    assert result.ok
    assert [(p.sheet, p.code, p.severity) for p in result.problems] == [
        ("Variants", "header.not_found", "warning")]
    assert "Phương án" in result.problems[0].message_vi and "Variants" in result.problems[0].message_en
    assert result.variants == {}


@pytest.mark.parametrize("lang", LANGS)
def test_an_error_in_a_variant_makes_the_file_not_ok(lang):
    variants = sample_variants(lang)
    data = write_scenario(variants["Gốc"], lang, variants=variants, current="Gốc")
    wb = load(data)
    ws = wb[VARIANTS_SHEET[lang]]
    saving = {"vi": "Tỷ lệ tiết kiệm [%]", "en": "Saving [%]"}[lang]
    row = next(r for r in range(2, ws.max_row + 1)
               if ws.cell(r, 4).value == saving and ws.cell(r, 3).value == 1)
    ws.cell(row, 5).value = "37,5"
    out = io.BytesIO()
    wb.save(out)
    result = read_scenario(out.getvalue())
    assert _codes(result) == [("Variants", row, "value", "cell.not_a_number", "error")]
    assert not result.ok
    assert "Tiết kiệm mạnh" in result.problems[0].message_en
    assert "Tiết kiệm mạnh" in result.problems[0].message_vi


def test_a_vietnamese_workbook_edited_with_english_names_still_reads():
    variants = sample_variants("vi")
    data = write_scenario(variants["Gốc"], "vi", variants=variants, current="Gốc")
    wb = load(data)
    ws = wb["Phương án"]
    ws.title = "variants"  # the English name, in lower case
    for j, header in enumerate(["VARIANT", "sheet", "Record", "column", "Value"], start=1):
        ws.cell(1, j).value = header
    en_sheets = {vi: en for vi, en in zip(SHEET_LABEL["vi"].values(), SHEET_LABEL["en"].values())}
    en_columns = {"Tỷ lệ tiết kiệm [%]": "Saving", "Tên giải pháp": "name", "Tỷ lệ chiết khấu": "Discount rate [%]",
                  "Ngày bắt đầu": "Start", "Trạng thái": "status"}
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 2).value in en_sheets:
            ws.cell(r, 2).value = en_sheets[ws.cell(r, 2).value]
        if ws.cell(r, 4).value in en_columns:
            ws.cell(r, 4).value = en_columns[ws.cell(r, 4).value]
        if ws.cell(r, 5).value == "chính":
            ws.cell(r, 5).value = "Main"
    out = io.BytesIO()
    wb.save(out)
    result = read_scenario(out.getvalue())
    assert result.problems == [], summary(result.problems)
    assert result.current == "Gốc" and list(result.variants) == list(variants)
    for name, variant in variants.items():
        assert scenarios_equal(result.variants[name], variant), name
