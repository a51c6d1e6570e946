"""Reading scenario workbooks: the sample, header/sheet matching, cell problems, file refusals.

Every workbook is laid out by the test itself, so the expected Excel rows, canonical column keys
and problem codes below come from that layout and from the documented codes, not from the code
under test.
"""
from __future__ import annotations

import base64
import io
import math
import os
import random
import zipfile

import pytest

from workbook_builders import (ACT, ACTIVITY_HEADERS, ENTITY_BOMB_DTD, SAMPLE_DIR, activities_rows,
                               activity, book, company_rows, first_sheet_part, make_zip,
                               minimal_book, rewrite_zip, sample_bytes, summary, with_prolog,
                               zip_members)

import workbook.safety as safety
from sample_data.build import sample_factory
from workbook.model import ReadResult, scenarios_equal
from workbook.read import read_scenario

MB = 1024 * 1024
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# -- helpers -------------------------------------------------------------------------------------
def check_messages(result: ReadResult) -> None:
    """Every problem carries a non-empty English and Vietnamese message, and they differ."""
    for p in result.problems:
        assert isinstance(p.message_en, str) and p.message_en.strip(), p
        assert isinstance(p.message_vi, str) and p.message_vi.strip(), p
        assert p.message_en != p.message_vi, p
        assert p.severity in ("error", "warning", "info"), p


def only_error(result: ReadResult, sheet, row, column, code):
    """The result has exactly one error and it is the expected one; returns it."""
    check_messages(result)
    errors = result.errors
    assert len(errors) == 1, summary(result.problems)
    p = errors[0]
    assert (p.sheet, p.row, p.column, p.code, p.severity) == (sheet, row, column, code, "error"), \
        summary(result.problems)
    assert not result.ok
    return p


def has_problem(result: ReadResult, sheet, row, column, code, severity="error") -> bool:
    return (sheet, row, column, code, severity) in summary(result.problems)


def assert_refused(result: ReadResult, *codes: str) -> None:
    """A file-level refusal: no scenario, exactly one error problem with one of ``codes``."""
    assert isinstance(result, ReadResult)
    assert result.scenario is None
    assert not result.ok
    assert len(result.problems) == 1, summary(result.problems)
    p = result.problems[0]
    assert p.code in codes, summary(result.problems)
    assert p.severity == "error"
    assert (p.sheet, p.row, p.column) == (None, None, None)
    check_messages(result)


# -- the bundled sample --------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sample_reads_without_problems_and_equals_the_built_sample(lang):
    result = read_scenario(SAMPLE_DIR / f"sample_factory_{lang}.xlsx")
    assert result.problems == []
    assert result.ok
    assert scenarios_equal(result.scenario, sample_factory(lang))
    # 11 activity rows on Excel rows 2..12, header on row 1
    assert len(result.scenario.activities) == 11
    assert result.scenario.excel_rows("Activities") == list(range(2, 13))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", ["bytes", "bytearray", "memoryview", "str_path", "path",
                                  "bytesio", "uploaded_file"])
def test_sample_reads_from_every_kind_of_source(lang, kind):
    path = SAMPLE_DIR / f"sample_factory_{lang}.xlsx"
    data = path.read_bytes()

    class Uploaded:  # like Streamlit's UploadedFile: only getvalue()
        def getvalue(self):
            return data

    source = {
        "bytes": data, "bytearray": bytearray(data), "memoryview": memoryview(data),
        "str_path": str(path), "path": path, "bytesio": io.BytesIO(data), "uploaded_file": Uploaded(),
    }[kind]
    result = read_scenario(source)
    assert result.problems == []
    assert scenarios_equal(result.scenario, sample_factory(lang))


def test_reading_a_path_names_the_scenario_after_the_file(tmp_path):
    path = tmp_path / "my_factory.xlsx"
    path.write_bytes(minimal_book())
    assert read_scenario(path).scenario.name == "my_factory.xlsx"
    assert read_scenario(str(path)).scenario.name == "my_factory.xlsx"
    assert read_scenario(path.read_bytes(), name="upload").scenario.name == "upload"


# -- sheet and header matching -------------------------------------------------------------------
def _assert_the_diesel_row(result: ReadResult) -> None:
    assert result.ok, summary(result.problems)
    act = result.scenario.activities
    assert len(act) == 1
    row = act.iloc[0]
    assert row["site"] == "Plant 1"
    assert row["scope"] == 1
    assert row["category"] == "stationary"
    assert row["source"] == "Diesel generator"
    assert row["fuel"] == "diesel"
    assert row["quantity"] == 1385.0
    assert row["unit"] == "L"
    assert math.isnan(row["factor_tco2e_per_unit"]) and math.isnan(row["tco2e"])
    assert result.scenario.company["name"] == "ACME Textiles"
    assert result.scenario.company["base_year"] == 2021


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_headers_and_sheet_names_in_either_language(lang):
    result = read_scenario(minimal_book(lang=lang))
    _assert_the_diesel_row(result)
    assert result.problems == []


@pytest.mark.parametrize("sheet_lang,header_lang", [("vi", "en"), ("en", "vi")])
def test_sheet_names_and_headers_may_use_different_languages(sheet_lang, header_lang):
    names = {"en": ("Company", "Activities"), "vi": ("Công ty", "Hoạt động")}[sheet_lang]
    data = book({names[0]: company_rows(header_lang),
                 names[1]: activities_rows(activity(), lang=header_lang)})
    _assert_the_diesel_row(read_scenario(data))


def test_headers_in_other_case_with_surrounding_spaces():
    headers = ["  SITE", "scope  ", " CaTeGoRy ", "SOURCE", "  fuel / ENERGY  ", "QUANTITY",
               " unit", "EMISSION FACTOR (OVERRIDE)", "known EMISSIONS "]
    data = book({"Company": company_rows(), "Activities": [headers, activity()]})
    _assert_the_diesel_row(read_scenario(data))


def test_vietnamese_headers_in_upper_case_with_spaces():
    headers = [f"  {h.upper()}  " for h in ACTIVITY_HEADERS["vi"]]
    data = book({"Công ty": company_rows("vi"), "Hoạt động": [headers, activity()]})
    _assert_the_diesel_row(read_scenario(data))


@pytest.mark.parametrize("company,activities", [
    ("COMPANY", "ACTIVITIES"),
    ("company", "activities"),
    ("CÔNG TY", "HOẠT ĐỘNG"),
    ("công ty", "hoạt động"),
    ("Công Ty", "Hoạt Động"),
    (" Company ", "  Hoạt động "),
])
def test_sheet_names_in_either_language_and_any_case(company, activities):
    data = book({company: company_rows(), activities: activities_rows(activity())})
    _assert_the_diesel_row(read_scenario(data))


@pytest.mark.parametrize("header", ["Quantity [kWh]", "Quantity [L]", "Quantity (L)",
                                    "Lượng tiêu thụ [lít]", "quantity  [ L ]"])
def test_header_with_a_unit_suffix_is_accepted(header):
    headers = list(ACTIVITY_HEADERS["en"])
    headers[ACT["quantity"]] = header
    data = book({"Company": company_rows(), "Activities": [headers, activity()]})
    _assert_the_diesel_row(read_scenario(data))


def test_values_given_as_labels_or_aliases_become_canonical_keys():
    row = activity(scope="Phạm vi 1 (trực tiếp)", category="Nguồn đốt cố định",
                   fuel="Dầu diesel (DO)", unit="lít")
    _assert_the_diesel_row(read_scenario(minimal_book(row)))


def test_header_found_below_title_rows_and_problem_rows_are_real_excel_rows():
    rows = [
        ["Emission inventory 2021"],                                   # Excel row 1
        ["Prepared by the energy team"],                               # Excel row 2
        ACTIVITY_HEADERS["en"],                                        # Excel row 3 (header)
        activity(),                                                    # Excel row 4
        activity(source="Diesel for trucks", quantity="1,5"),          # Excel row 5: bad
    ]
    result = read_scenario(book({"Company": company_rows(), "Activities": rows}))
    only_error(result, "Activities", 5, "quantity", "cell.not_a_number")
    assert result.scenario.excel_rows("Activities") == [4, 5]
    assert result.scenario.activities["quantity"].iloc[0] == 1385.0


def test_header_found_below_empty_rows_and_columns():
    rows = [
        [],                                                            # Excel row 1 empty
        [],                                                            # Excel row 2 empty
        [None, *ACTIVITY_HEADERS["vi"]],                               # Excel row 3, from column B
        [None, *activity()],                                           # Excel row 4
        [None, *activity(quantity=-3)],                                # Excel row 5: bad
    ]
    result = read_scenario(book({"Công ty": company_rows("vi"), "Hoạt động": rows}))
    only_error(result, "Activities", 5, "quantity", "cell.negative")
    assert result.scenario.excel_rows("Activities") == [4, 5]


# -- cell problems -------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["1,5", "1.385", "1 385", "12kg"])
def test_number_typed_as_text_is_a_problem_never_a_guess(text):
    data = minimal_book(activity(), activity(source="Generator 2", quantity=text))  # rows 2, 3
    result = read_scenario(data)
    only_error(result, "Activities", 3, "quantity", "cell.not_a_number")
    quantities = result.scenario.activities["quantity"].tolist()
    assert quantities[0] == 1385.0
    assert math.isnan(quantities[1])  # not 1.5, 15, 1.385 nor 1385


def test_boolean_in_a_number_column_is_not_a_number():
    result = read_scenario(minimal_book(activity(quantity=True)))
    only_error(result, "Activities", 2, "quantity", "cell.not_a_number")


def test_text_number_problem_quotes_the_cell_in_both_languages():
    result = read_scenario(minimal_book(activity(quantity="1,5")))
    p = only_error(result, "Activities", 2, "quantity", "cell.not_a_number")
    assert "1,5" in p.message_en and "1,5" in p.message_vi


def test_negative_quantity():
    data = minimal_book(activity(), activity(), activity(quantity=-5))  # rows 2, 3, 4
    result = read_scenario(data)
    only_error(result, "Activities", 4, "quantity", "cell.negative")
    assert math.isnan(result.scenario.activities["quantity"].iloc[2])


def test_negative_override_factor():
    result = read_scenario(minimal_book(activity(unit="kWh", factor=-0.1)))
    assert has_problem(result, "Activities", 2, "factor_tco2e_per_unit", "cell.negative")


def _company(base_year):
    # Excel rows: 1 header, 2 name, 3 sector, 4 base year
    return [["Field", "Value"], ["Company name", "ACME"], ["Sector", "Textile"], ["Base year", base_year]]


def test_non_integer_base_year():
    result = read_scenario(minimal_book(company=_company(2021.5)))
    only_error(result, "Company", 4, "base_year", "cell.not_integer")
    assert result.scenario.company["base_year"] is None


def test_base_year_as_text_is_not_a_number():
    result = read_scenario(minimal_book(company=_company("2021 (calendar)")))
    only_error(result, "Company", 4, "base_year", "cell.not_a_number")


@pytest.mark.parametrize("year", [1800, 2500])
def test_base_year_out_of_range(year):
    result = read_scenario(minimal_book(company=_company(year)))
    only_error(result, "Company", 4, "base_year", "cell.out_of_range")
    assert result.scenario.company["base_year"] is None


def test_grid_factor_out_of_range():
    rows = _company(2021) + [["Grid emission factor", 7.5]]  # row 5; allowed 0..5 tCO2/MWh
    result = read_scenario(minimal_book(company=rows))
    only_error(result, "Company", 5, "grid_ef_tco2_per_mwh", "cell.out_of_range")


@pytest.mark.parametrize("column,value", [
    ("scope", 4),
    ("scope", "4"),
    ("category", "foo"),
    ("unit", "bananas"),
])
def test_value_not_allowed(column, value):
    bad = activity(**{column: value})
    result = read_scenario(minimal_book(activity(), bad))  # bad row on Excel row 3
    only_error(result, "Activities", 3, column, "cell.not_allowed")


def test_required_cell_empty():
    result = read_scenario(minimal_book(activity(), activity(source=None)))  # row 3
    only_error(result, "Activities", 3, "source", "cell.required")


def test_unknown_fuel():
    result = read_scenario(minimal_book(activity(), activity(fuel="unobtainium")))  # row 3
    p = only_error(result, "Activities", 3, "fuel", "fuel.unknown")
    assert "unobtainium" in p.message_en and "unobtainium" in p.message_vi


def test_unit_incompatible_with_fuel():
    # kWh of diesel: the library has diesel only per volume and mass
    result = read_scenario(minimal_book(activity(), activity(quantity=5000, unit="kWh")))  # row 3
    only_error(result, "Activities", 3, "unit", "unit.incompatible")


def test_unit_incompatible_with_fuel_is_fine_with_the_rows_own_factor():
    result = read_scenario(minimal_book(activity(), activity(quantity=5000, unit="kWh", factor=0.00027)))
    assert result.ok
    assert result.problems == []
    assert result.scenario.activities["factor_tco2e_per_unit"].iloc[1] == 0.00027


def test_known_emissions_need_no_fuel_or_quantity():
    row = activity(fuel=None, quantity=None, unit=None, tco2e=12.5)
    result = read_scenario(minimal_book(row))
    assert result.ok and result.problems == [], summary(result.problems)


def test_category_scope_mismatch():
    row = activity(scope=1, category="electricity", fuel="electricity_grid", quantity=5000, unit="kWh")
    result = read_scenario(minimal_book(activity(), row))  # row 3
    only_error(result, "Activities", 3, "category", "category.scope_mismatch")


@pytest.mark.parametrize("row,expected", [
    (activity(scope=1, category="electricity", fuel="electricity_grid", quantity="1,5", unit="kWh"),
     [("quantity", "cell.not_a_number"), ("category", "category.scope_mismatch")]),
    (activity(scope=2, category="stationary", quantity=-5),
     [("quantity", "cell.negative"), ("category", "category.scope_mismatch")]),
])
def test_independent_problems_of_one_row_are_all_reported(row, expected):
    result = read_scenario(minimal_book(row))
    got = {(p.column, p.code) for p in result.errors if p.row == 2}
    assert got == set(expected), summary(result.problems)


# -- sheets and columns --------------------------------------------------------------------------
def test_missing_activities_sheet():
    result = read_scenario(book({"Company": company_rows()}))
    check_messages(result)
    missing = [p for p in result.problems if p.code == "sheet.missing"]
    assert [(p.sheet, p.severity) for p in missing] == [("Activities", "error")]
    assert not result.ok


def test_missing_company_sheet():
    result = read_scenario(book({"Activities": activities_rows(activity())}))
    check_messages(result)
    assert [(p.sheet, p.code) for p in result.errors] == [("Company", "sheet.missing")]
    assert not result.ok


def test_missing_required_column():
    headers = [h for h in ACTIVITY_HEADERS["en"] if h != "Scope"]
    row = [v for i, v in enumerate(activity()) if i != ACT["scope"]]
    result = read_scenario(book({"Company": company_rows(), "Activities": [headers, row]}))
    check_messages(result)
    missing = [p for p in result.errors if p.code == "column.missing"]
    assert len(missing) == 1, summary(result.problems)
    assert (missing[0].sheet, missing[0].column, missing[0].severity) == ("Activities", "scope", "error")
    assert missing[0].row in (None, 1)  # the header row, or the sheet as a whole
    assert not result.ok


def test_unknown_extra_column_is_info_and_the_file_loads():
    headers = [*ACTIVITY_HEADERS["en"], "Notes"]
    data = book({"Company": company_rows(), "Activities": [headers, [*activity(), "checked by Lan"]]})
    result = read_scenario(data)
    check_messages(result)
    assert result.ok
    assert [(p.sheet, p.code, p.severity) for p in result.problems] == [("Activities", "column.unknown", "info")]
    assert "Notes" in result.problems[0].message_en and "Notes" in result.problems[0].message_vi
    _assert_the_diesel_row(result)


def test_unknown_sheet_is_info_and_the_file_loads():
    data = book({"Company": company_rows(), "Activities": activities_rows(activity()),
                 "My notes": [["anything"]]})
    result = read_scenario(data)
    assert result.ok
    assert [(p.code, p.severity) for p in result.problems] == [("sheet.unknown", "info")]


def test_empty_rows_in_the_middle_are_skipped():
    rows = [
        ACTIVITY_HEADERS["en"],                          # 1
        activity(),                                      # 2
        [],                                              # 3 empty
        [None, None, "   ", None],                       # 4 only spaces: empty
        activity(source="Truck diesel", quantity="x"),   # 5 bad
        activity(source="Canteen LPG", fuel="lpg", quantity=14521, unit="kg"),  # 6
    ]
    result = read_scenario(book({"Company": company_rows(), "Activities": rows}))
    only_error(result, "Activities", 5, "quantity", "cell.not_a_number")
    act = result.scenario.activities
    assert act["source"].tolist() == ["Diesel generator", "Truck diesel", "Canteen LPG"]
    assert result.scenario.excel_rows("Activities") == [2, 5, 6]


def test_all_problems_are_collected_in_one_pass():
    company = [["Field", "Value"], ["Company name", "ACME"], ["Base year", "twenty"]]  # row 3 bad
    rows = [
        ACTIVITY_HEADERS["en"],                          # 1
        activity(quantity="1,5"),                        # 2 bad quantity
        activity(),                                      # 3 fine
        activity(unit="bananas"),                        # 4 bad unit
        activity(fuel="unobtainium"),                    # 5 unknown fuel (cross-cell)
        activity(scope=2),                               # 6 stationary is scope 1 (cross-cell)
    ]
    result = read_scenario(book({"Company": company, "Activities": rows}))
    check_messages(result)
    got = {(p.sheet, p.row, p.column, p.code) for p in result.errors}
    assert got == {
        ("Company", 3, "base_year", "cell.not_a_number"),
        ("Activities", 2, "quantity", "cell.not_a_number"),
        ("Activities", 4, "unit", "cell.not_allowed"),
        ("Activities", 5, "fuel", "fuel.unknown"),
        ("Activities", 6, "category", "category.scope_mismatch"),
    }, summary(result.problems)
    assert result.scenario is not None


def test_three_bad_cells_in_different_sheets_and_rows():
    company = [["Field", "Value"], ["Company name", "ACME"], ["Base year", 2021.5]]  # row 3
    targets = [["Name", "Type", "Scope", "Base year", "Target year", "Reduction [%]"],
               ["-30 %", "absolute", "1+2", 2021, 2030, 30],                        # row 2 fine
               ["-10 %", "absolute", "1", 2021, 2030, 130]]                         # row 3: > 100
    data = book({"Company": company,
                 "Activities": activities_rows(activity(), activity(), activity(quantity=-1)),  # row 4
                 "Targets": targets})
    result = read_scenario(data)
    check_messages(result)
    assert {(p.sheet, p.row, p.column, p.code) for p in result.errors} == {
        ("Company", 3, "base_year", "cell.not_integer"),
        ("Activities", 4, "quantity", "cell.negative"),
        ("Targets", 3, "reduction_pct", "cell.out_of_range"),
    }, summary(result.problems)


# -- file-level refusals -------------------------------------------------------------------------
def test_empty_bytes():
    assert_refused(read_scenario(b""), "file.empty")


def test_empty_file_on_disk(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert_refused(read_scenario(path), "file.empty")


def test_random_bytes_are_not_xlsx():
    assert_refused(read_scenario(bytes(range(256)) * 8), "file.not_xlsx")


def test_csv_text_is_not_xlsx(tmp_path):
    csv = "scope,category,source,quantity\n1,stationary,generator,1385\n".encode()
    assert_refused(read_scenario(csv), "file.not_xlsx")
    path = tmp_path / "activities.xlsx"  # a CSV renamed to .xlsx
    path.write_bytes(csv)
    assert_refused(read_scenario(path), "file.not_xlsx")


def test_old_xls_file():
    data = OLE2 + b"\x00" * 504 + b"Workbook junk " * 200
    assert_refused(read_scenario(data), "file.xls_legacy")


def test_encrypted_workbook():
    data = OLE2 + b"\x00" * 504 + b"junk" * 50 + "EncryptedPackage".encode("utf-16-le") + b"junk" * 50
    assert_refused(read_scenario(data), "file.encrypted")


def test_entity_bomb_in_workbook_xml():
    data = sample_bytes("en")
    xml = zip_members(data)["xl/workbook.xml"]
    bad = rewrite_zip(data, {"xl/workbook.xml": with_prolog(xml, ENTITY_BOMB_DTD)})
    assert_refused(read_scenario(bad), "file.xml_entities")


def test_entity_bomb_in_a_sheet_xml():
    data = sample_bytes("vi")
    part = first_sheet_part(data)
    bad = rewrite_zip(data, {part: with_prolog(zip_members(data)[part], ENTITY_BOMB_DTD)})
    assert_refused(read_scenario(bad), "file.xml_entities")


def test_doctype_without_entities_is_refused_too():
    data = sample_bytes("en")
    part = first_sheet_part(data)
    bad = rewrite_zip(data, {part: with_prolog(zip_members(data)[part], b"<!DOCTYPE worksheet>\n")})
    assert_refused(read_scenario(bad), "file.xml_entities")


def test_entity_bomb_behind_a_comment_in_a_sheet_xml():
    data = sample_bytes("en")
    part = first_sheet_part(data)
    prolog = b"<!-- <x> -->\n" + ENTITY_BOMB_DTD
    bad = rewrite_zip(data, {part: with_prolog(zip_members(data)[part], prolog)})
    assert_refused(read_scenario(bad), "file.xml_entities")


def test_entity_bomb_behind_a_long_comment_in_a_sheet_xml():
    data = sample_bytes("en")
    part = first_sheet_part(data)
    filler = base64.b64encode(os.urandom(900 * 1024)).replace(b"-", b"x")  # 1.2 MB, incompressible
    prolog = b"<!--" + filler + b"-->\n" + ENTITY_BOMB_DTD
    bad = rewrite_zip(data, {part: with_prolog(zip_members(data)[part], prolog)})
    assert_refused(read_scenario(bad), "file.xml_entities")


def test_entity_bomb_in_a_utf16_sheet_xml():
    data = sample_bytes("en")
    part = first_sheet_part(data)
    xml = with_prolog(zip_members(data)[part], ENTITY_BOMB_DTD).decode("utf-8")
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    bad = rewrite_zip(data, {part: b"\xff\xfe" + xml.encode("utf-16-le")})
    assert_refused(read_scenario(bad), "file.xml_entities")


def _noise(size: int, seed: int = 16) -> bytes:
    """``size`` incompressible bytes, the same in every run (a test must not pass by chance)."""
    return random.Random(seed).randbytes(size)


def _zip_with_member(name: str, size: int, chunk: bytes, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """The sample package plus one member of ``size`` bytes written in a streaming way."""
    members = zip_members(sample_bytes("en"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for member_name, content in members.items():
            zf.writestr(member_name, content)
        info = zipfile.ZipInfo(name)
        info.compress_type = compression
        with zf.open(info, "w", force_zip64=True) as member:
            written = 0
            while written < size:
                piece = chunk[: size - written]
                member.write(piece)
                written += len(piece)
    return out.getvalue()


def test_zip_bomb_over_the_unzipped_limit(monkeypatch):
    monkeypatch.setattr(safety, "MAX_UNZIPPED_BYTES", 1 * MB)
    data = _zip_with_member("xl/media/zeros.bin", 4 * MB, b"\x00" * MB)
    assert len(data) < 100 * 1024  # tiny on disk
    assert_refused(read_scenario(data), "file.zip_bomb")


def test_zip_over_the_unzipped_limit_even_without_compression(monkeypatch):
    monkeypatch.setattr(safety, "MAX_UNZIPPED_BYTES", 1 * MB)
    data = _zip_with_member("xl/media/noise.bin", 2 * MB, _noise(MB), zipfile.ZIP_STORED)
    assert_refused(read_scenario(data), "file.zip_bomb")


def test_zip_bomb_by_compression_ratio_with_the_real_limits():
    # 20 MB of zeros compress about 1000:1; real sheets compress 5-20:1
    data = _zip_with_member("xl/worksheets/sheet99.xml", 20 * MB, b"\x00" * MB)
    assert_refused(read_scenario(data), "file.zip_bomb")


def test_file_over_the_size_limit(tmp_path):
    data = sample_bytes("en")
    assert len(data) > 1000
    assert_refused(read_scenario(data, max_bytes=1000), "file.too_large")
    path = tmp_path / "sample.xlsx"
    path.write_bytes(data)
    assert_refused(read_scenario(path, max_bytes=1000), "file.too_large")


def test_raised_size_limit_applies_to_paths_too(tmp_path):
    data = _zip_with_member("xl/media/pad.bin", safety.MAX_FILE_BYTES + MB, _noise(MB),
                            zipfile.ZIP_STORED)
    limit = len(data) + MB
    assert read_scenario(data, max_bytes=limit).ok  # the same file as bytes is accepted
    path = tmp_path / "big.xlsx"
    path.write_bytes(data)
    result = read_scenario(path, max_bytes=limit)
    assert result.ok, summary(result.problems)


@pytest.mark.parametrize("head", [
    b"\x01\x00\x00\x00\x6c\x00\x00\x00",  # an EMF picture's first record (Excel on Windows)
    b"\x00\x00\x01\x00\x01\x00",  # an icon
    b"\x00\x01\x02\x03",
    b"\x89PNG\r\n\x1a\n",
], ids=["emf", "ico", "zero-first", "png"])
def test_binary_parts_whatever_their_first_bytes_are_read(head):
    # a media part starting with a zero byte was taken for BOM-less UTF-16 and refused as corrupt
    data = rewrite_zip(sample_bytes("en"), {"xl/media/image1.bin": head + _noise(4096)})
    result = read_scenario(data)
    assert result.ok, summary(result.problems)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_entity_bomb_in_a_utf16_sheet_without_byte_order_mark(codec):
    data = sample_bytes("en")
    part = first_sheet_part(data)
    xml = with_prolog(zip_members(data)[part], ENTITY_BOMB_DTD).decode("utf-8")
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    bad = rewrite_zip(data, {part: xml.encode(codec)})  # XML 1.0 Appendix F: 3C 00 / 00 3C
    assert_refused(read_scenario(bad), "file.xml_entities")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_entity_bomb_in_a_utf16_part_without_byte_order_mark(codec):
    data = sample_bytes("en")
    bad = rewrite_zip(data, {"xl/custom.xml": ('<?xml version="1.0" encoding="UTF-16"?>\n'
                                               + ENTITY_BOMB_DTD.decode() + "<a>&lol4;</a>").encode(codec)})
    assert_refused(read_scenario(bad), "file.xml_entities")


@pytest.mark.parametrize("data", [
    b"PK\x03\x04" + bytes(range(256)) * 4,
    b"PK\x03\x04" + b"\x00" * 100,
], ids=["garbage", "zeros"])
def test_corrupt_zip(data):
    assert_refused(read_scenario(data), "file.corrupt", "file.not_xlsx")


def test_truncated_workbook():
    data = sample_bytes("en")
    assert_refused(read_scenario(data[: len(data) // 2]), "file.corrupt", "file.not_xlsx")


def test_zip_that_is_not_a_workbook():
    data = make_zip({"readme.txt": b"hello", "data/x.xml": b"<x/>"})
    assert_refused(read_scenario(data), "file.not_xlsx")


@pytest.mark.parametrize("case", ["malformed_sheet_xml", "missing_sheet_part"])
def test_broken_sheet_part_is_a_corrupt_file(case):
    data = sample_bytes("en")
    members = zip_members(data)
    part = first_sheet_part(data)
    if case == "malformed_sheet_xml":
        members[part] = b"<worksheet><sheetData><row><c r='A1' t='n'><v>1</v></c>"
    else:
        del members[part]
    assert_refused(read_scenario(make_zip(members)), "file.corrupt")


def test_xlsb_workbook():
    data = make_zip({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
        "xl/workbook.bin": b"\x83\x01\x00" + b"\x00" * 200,
        "xl/worksheets/sheet1.bin": b"\x00" * 200,
    })
    assert_refused(read_scenario(data), "file.xlsb")


@pytest.mark.parametrize("as_str", [True, False])
def test_path_that_does_not_exist(tmp_path, as_str):
    path = tmp_path / "nowhere" / "scenario.xlsx"
    result = read_scenario(str(path) if as_str else path)
    assert_refused(result, "file.not_found")
    assert "scenario.xlsx" in result.problems[0].message_en


def test_a_directory_is_not_a_file(tmp_path):
    assert_refused(read_scenario(tmp_path), "file.not_found")
