"""Names as people write them: Unicode forms, invisible characters, synonyms, accents, ambiguity,
the app's mapping step and the template's dropdowns.

Every workbook is built here with openpyxl (no stored binaries); each case states the outcome a
user would expect: loaded (with a note per distinct mapping) or refused with located errors whose
messages name the candidates by their labels, never by internal keys.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata

import openpyxl
import pytest

from apptest_support import current_scenario, new_app
from paths import ROOT
from workbook_builders import ACT, ACTIVITY_HEADERS, activity, book, company_rows, summary
from workbook.read import read_scenario
from workbook.write import write_scenario, write_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def activities_book(*rows, headers=None, company=None, sheets=("Company", "Activities")) -> bytes:
    return book({sheets[0]: company or company_rows(), sheets[1]: [headers or ACTIVITY_HEADERS["en"], *rows]})


def codes(result, severity=None) -> set:
    return {(p.sheet, p.row, p.column, p.code) for p in result.problems
            if severity is None or p.severity == severity}


def notes(result) -> list:
    return [p for p in result.problems if p.code == "name.mapped"]


def run_check(tmp_path, data: bytes) -> tuple[int, list[dict]]:
    path = tmp_path / "file.xlsx"
    path.write_bytes(data)
    proc = subprocess.run([sys.executable, "-m", "cli.main", "check", str(path), "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    return proc.returncode, json.loads(proc.stdout)


# -- 1. Unicode forms and invisible characters ----------------------------------------------------
def test_decomposed_sheet_names_headers_and_choice_cells_load():
    """NFD text, as some Mac and web tools write it, looks identical and must read the same."""
    headers = [nfd(h) for h in ACTIVITY_HEADERS["vi"]]
    row = activity(scope=nfd("Phạm vi 1"), category=nfd("Nguồn đốt cố định"), fuel=nfd("Dầu diesel (DO)"))
    data = book({nfd("Công ty"): [[nfd("Thông tin"), nfd("Giá trị")], [nfd("Tên công ty"), "ACME"],
                                  [nfd("Năm cơ sở"), 2021]],
                 nfd("Hoạt động"): [headers, row]})
    result = read_scenario(data)
    assert result.ok and not [p for p in result.problems if p.code in ("sheet.unknown", "column.unknown")], \
        summary(result.problems)
    act = result.scenario.activities.iloc[0]
    assert (act["scope"], act["category"], act["fuel"], act["quantity"]) == (1, "stationary", "diesel", 1385.0)
    assert result.scenario.company["base_year"] == 2021


@pytest.mark.parametrize("dirt", ["\ufeff", "\u200b", "\u200c", "\u200d", "\u00ad", "\u00a0"])
def test_invisible_characters_in_headers_and_sheet_names_are_ignored(dirt):
    headers = [f"{dirt}{h}" if j % 2 else f"{h}{dirt}" for j, h in enumerate(ACTIVITY_HEADERS["en"])]
    headers[ACT["quantity"]] = f"Quantity{dirt} [L]"  # before a unit in brackets too
    data = activities_book(activity(), headers=headers, sheets=(f"{dirt}Company", f"Activities{dirt}"))
    result = read_scenario(data)
    assert result.ok and result.problems == [], summary(result.problems)
    assert result.scenario.activities.iloc[0]["fuel"] == "diesel"


def test_non_breaking_space_inside_a_header_counts_as_a_space():
    headers = list(ACTIVITY_HEADERS["en"])
    headers[ACT["fuel"]] = "Fuel\u00a0/\u00a0energy"
    result = read_scenario(activities_book(activity(), headers=headers))
    assert result.ok and result.problems == [], summary(result.problems)


# -- 2. synonyms and accents: certain matches load with one note per mapping ------------------------
@pytest.mark.parametrize("typed, key", [
    ("Dầu DO", "diesel"), ("dầu diesel", "diesel"), ("DO", "diesel"), ("dau diesel", "diesel"),
    ("DAU DO", "diesel"), ("xang", "gasoline"), ("Xăng A95", "gasoline"), ("xăng RON95", "gasoline"),
    ("Xang (RON95)", "gasoline"),
])
def test_liquid_fuel_synonyms_load_with_a_note(typed, key):
    result = read_scenario(activities_book(activity(fuel=typed), activity(fuel=typed, source="Trucks")))
    assert result.ok, summary(result.problems)
    assert result.scenario.activities["fuel"].tolist() == [key, key]
    (note,) = notes(result)  # one note for the two cells
    assert (note.sheet, note.row, note.column, note.severity) == ("Activities", 2, "fuel", "info")
    assert f"'{typed}'" in note.message_en and f"'{typed}'" in note.message_vi
    assert "2 cell" in note.message_en


@pytest.mark.parametrize("typed", ["Điện", "điện lưới", "EVN", "dien luoi"])
def test_electricity_synonyms(typed):
    row = activity(scope=2, category="Điện", source="Machinery", fuel=typed, quantity=1000, unit="kWh")
    result = read_scenario(activities_book(row))
    assert result.ok, summary(result.problems)
    act = result.scenario.activities.iloc[0]
    assert (act["category"], act["fuel"]) == ("electricity", "electricity_grid")
    assert {p.column for p in notes(result)} == {"category", "fuel"}
    fuel_note = next(p for p in notes(result) if p.column == "fuel")
    assert "Grid electricity (Vietnam)" in fuel_note.message_en and "Điện lưới (Việt Nam)" in fuel_note.message_vi


@pytest.mark.parametrize("typed", ["VNĐ", "vnđ", "đồng", "VND", "Đồng", "dong"])
def test_currency_spellings(typed):
    company = company_rows() + [["Currency", typed]]
    result = read_scenario(activities_book(activity(), company=company))
    assert result.ok, summary(result.problems)
    assert result.scenario.company["currency"] == "VND"
    assert bool(notes(result)) == (typed != "VND")


@pytest.mark.parametrize("typed, unit", [("lít", "L"), ("Lít", "L"), ("lit", "L"), ("tấn", "t"), ("TAN", "t"),
                                         ("mét khối", "m3"), ("m³", "m3"), ("kW.h", "kWh")])
def test_unit_spellings(typed, unit):
    fuel, qty = {"L": ("diesel", 1385), "t": ("lpg", 14.521), "m3": ("natural_gas", 1000),
                 "kWh": ("electricity_grid", 1000)}[unit]
    scope, cat = (2, "electricity") if unit == "kWh" else (1, "stationary")
    result = read_scenario(activities_book(activity(scope=scope, category=cat, fuel=fuel, quantity=qty, unit=typed)))
    assert result.ok, summary(result.problems)
    assert result.scenario.activities.iloc[0]["unit"] == unit


# -- 3. ambiguous and unknown names: refused, candidates named by their labels ----------------------
def gas_book() -> bytes:
    return activities_book(activity(source="Canteen", fuel="Gas", quantity=14521, unit="kg"),
                           activity(source="Boiler", fuel="Gas", quantity=100, unit="kg"))


def test_gas_is_ambiguous_and_the_message_lists_labels_not_keys():
    result = read_scenario(gas_book())
    assert not result.ok
    assert codes(result, "error") == {("Activities", 2, "fuel", "name.ambiguous"),
                                      ("Activities", 3, "fuel", "name.ambiguous")}, summary(result.problems)
    p = result.errors[0]
    assert "'LPG'" in p.message_en and "'Natural gas'" in p.message_en
    assert "'Khí hóa lỏng (LPG)'" in p.message_vi and "'Khí thiên nhiên'" in p.message_vi
    for text in (p.message_en, p.message_vi):
        assert "lpg" not in text.replace("LPG", "") and "natural_gas" not in text
    assert p.candidates == ("lpg", "natural_gas") and p.value == "Gas"


def test_coal_without_its_grade_is_ambiguous_between_the_three_grades():
    result = read_scenario(activities_book(activity(fuel="Than cám", quantity=10, unit="t")))
    (p,) = result.errors
    assert p.code == "name.ambiguous" and set(p.candidates) == {"coal_1_2", "coal_3_4", "coal_5_6"}
    assert "Than cám loại 1, 2" in p.message_vi and "Coal (cám) grade 5–6" in p.message_en


def test_unknown_choice_lists_the_labels():
    result = read_scenario(activities_book(activity(category="combustion", unit="bananas")))
    assert codes(result, "error") == {("Activities", 2, "category", "cell.not_allowed"),
                                      ("Activities", 2, "unit", "cell.not_allowed")}, summary(result.problems)
    cat = next(p for p in result.errors if p.column == "category")
    assert "'Stationary combustion'" in cat.message_en and "'Nguồn đốt cố định'" in cat.message_vi
    assert "stationary," not in cat.message_en
    assert cat.candidates[0] in ("stationary", "mobile")  # the closest spellings first


def test_mappings_resolve_the_ambiguity_and_the_download_holds_the_key():
    result = read_scenario(gas_book(), mappings={("Activities", "fuel"): {"gas": "lpg"}})
    assert result.ok, summary(result.problems)
    assert result.scenario.activities["fuel"].tolist() == ["lpg", "lpg"]
    assert [p.code for p in result.problems] == ["name.mapped_user"]
    again = read_scenario(write_scenario(result.scenario, "vi"))
    assert again.ok and again.problems == [] and again.scenario.activities["fuel"].tolist() == ["lpg", "lpg"]


def test_a_mapping_to_a_key_the_column_does_not_have_is_ignored():
    result = read_scenario(gas_book(), mappings={("Activities", "fuel"): {"Gas": "bananas"}})
    assert {p.code for p in result.errors} == {"name.ambiguous"}


# -- 4. the command line -------------------------------------------------------------------------
def test_check_json_refuses_gas_and_accepts_dau_do(tmp_path):
    code, problems = run_check(tmp_path, gas_book())
    assert code == 1
    assert {(p["sheet"], p["row"], p["column"], p["code"]) for p in problems if p["severity"] == "error"} == {
        ("Activities", 2, "fuel", "name.ambiguous"), ("Activities", 3, "fuel", "name.ambiguous")}
    assert all(set(p) == {"sheet", "row", "column", "code", "severity", "message_en", "message_vi"} for p in problems)
    code, problems = run_check(tmp_path, activities_book(activity(fuel="Dầu DO", unit="lít")))
    assert code == 0
    assert sorted((p["column"], p["code"], p["severity"]) for p in problems) == [
        ("fuel", "name.mapped", "info"), ("unit", "name.mapped", "info")]


# -- 5. the app's mapping step -------------------------------------------------------------------
def upload(at, name: str, data: bytes, lang: str):
    at.sidebar.radio(key=f"sidebar_source_{lang}").set_value("upload").run()
    at.file_uploader(key=f"sidebar_upload_{lang}").set_value((name, data, XLSX)).run()
    return at


def mapping_boxes(at):
    return [s for s in at.selectbox if s.key and s.key.startswith("mapping_")]


def test_mapping_step_in_the_app_loads_the_file_with_the_choice():
    at = upload(new_app("en").run(), "gas.xlsx", gas_book(), "en")
    assert not at.exception
    assert any("Could not load" in e.value for e in at.error)
    (box,) = mapping_boxes(at)  # one question for the two cells
    assert box.options == ["LPG", "Natural gas"] and box.value is None
    box.set_value("lpg").run()
    next(b for b in at.button if b.key and b.key.startswith("mapping_apply_")).click().run()
    assert not at.exception
    assert current_scenario(at).activities["fuel"].tolist() == ["lpg", "lpg"]
    assert any("gas.xlsx" in s.value for s in at.success)
    assert at.session_state["name_mappings"] == {("Activities", "fuel"): {"gas": "lpg"}}
    assert not mapping_boxes(at)


def test_mapping_step_answers_are_kept_for_the_session():
    at = new_app("vi").run()
    at.session_state["name_mappings"] = {("Activities", "fuel"): {"gas": "natural_gas"}}
    data = activities_book(activity(source="Boiler", fuel="Gas", quantity=1000, unit="m3"))
    upload(at, "gas2.xlsx", data, "vi")
    assert not at.exception
    assert current_scenario(at).activities["fuel"].tolist() == ["natural_gas"]


def test_no_mapping_step_when_another_error_needs_fixing():
    data = activities_book(activity(fuel="Gas", quantity="1,5", unit="kg"))
    at = upload(new_app("en").run(), "gas_bad.xlsx", data, "en")
    assert not at.exception
    assert any("Could not load" in e.value for e in at.error)
    assert not mapping_boxes(at)


# -- 6. the template's dropdowns -----------------------------------------------------------------
@pytest.mark.parametrize("lang, lists, diesel", [("vi", "Danh sách", "Dầu diesel (DO)"),
                                                 ("en", "Lists", "Diesel oil (DO)")])
def test_template_has_a_dropdown_for_every_choice_column_and_fuel(lang, lists, diesel):
    wb = openpyxl.load_workbook(io.BytesIO(write_template(lang)))
    assert wb[lists].sheet_state == "hidden"
    acts = wb["Hoạt động" if lang == "vi" else "Activities"]
    by_column = {}
    for dv in acts.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_column[rng.coord.split(":")[0].rstrip("0123456789")] = dv.formula1
    # B scope, C category, E fuel, G unit
    assert set(by_column) == {"B", "C", "E", "G"}
    sheet_name, ref = by_column["E"].split("!")
    assert sheet_name.strip("'") == lists
    labels = [row[0].value for row in wb[lists][ref.replace("$", "")]]
    assert diesel in labels and len(labels) == len(set(labels)) >= 20
    # a choice field has one too: the Company's currency
    company = wb["Công ty" if lang == "vi" else "Company"]
    assert any(dv.type == "list" for dv in company.data_validations.dataValidation)
    # the README sheet explains percentages
    readme = wb["Hướng dẫn" if lang == "vi" else "README"]
    text = " ".join(str(c.value) for row in readme.iter_rows() for c in row if c.value)
    assert "30 %" in text and "Dầu DO" in text
    # the template still reads with only the empty-Activities warning
    result = read_scenario(write_template(lang))
    assert [p.code for p in result.problems] == ["sheet.empty"]


def test_a_label_picked_from_the_fuel_dropdown_reads_as_the_key():
    wb = openpyxl.load_workbook(io.BytesIO(write_template("vi")))
    ws = wb["Hoạt động"]
    for j, value in enumerate(["Nhà máy", "Phạm vi 1 (trực tiếp)", "Nguồn đốt cố định", "Máy phát",
                               "Dầu diesel (DO)", 1385, "L"], start=1):
        ws.cell(row=2, column=j, value=value)
    wb["Công ty"]["B5"] = 2021  # base year
    out = io.BytesIO()
    wb.save(out)
    result = read_scenario(out.getvalue())
    assert result.ok and not result.problems, summary(result.problems)
    assert result.scenario.activities.iloc[0][["scope", "fuel", "unit"]].tolist() == [1, "diesel", "L"]


def test_an_unknown_fuel_becomes_one_question_with_every_library_fuel():
    from ui.mapping_view import questions
    result = read_scenario(activities_book(activity(fuel="Dầu hoả"), activity(fuel="dầu hoả", source="Lamp")))
    assert {p.code for p in result.errors} == {"fuel.unknown"}
    (q,) = questions(result.problems, result.scenario)
    assert (q.sheet, q.column, q.rows) == ("Activities", "fuel", [2, 3])
    assert set(q.candidates) >= {"diesel", "lpg", "electricity_grid"} and len(q.candidates) >= 20
    fixed = read_scenario(activities_book(activity(fuel="Dầu hoả")), mappings={("Activities", "fuel"): {"dầu hoả": "diesel"}})
    assert fixed.ok and fixed.scenario.activities["fuel"].tolist() == ["diesel"]
