"""The workbook schema: labels in both languages, unambiguous headers and values, library sync."""
from __future__ import annotations

import re
from collections import defaultdict

import pytest

from calc.factors import load_library
from calc.inventory import CATEGORY_SCOPE
from workbook.schema import CHOICE, DATE, INTEGER, NUMBER, README_SHEET, SHEETS, TEXT, norm

SHEET_ITEMS = list(SHEETS.items())
COLUMNS = [(sheet_key, col) for sheet_key, sheet in SHEETS.items() for col in sheet.columns]
CHOICE_COLUMNS = [(k, c) for k, c in COLUMNS if c.dtype == CHOICE]
TRAILING_BRACKETS = re.compile(r"\s*[\[(][^\])]*[\])]\s*$")


def _ids(items):
    return [f"{k}.{c.key}" for k, c in items]


def test_the_scenario_sheets():
    assert list(SHEETS) == ["Company", "Activities", "Targets", "Production", "Measures", "Finance",
                            "LifeCycle", "Financing", "Budgets", "Metering", "MV", "Adjustments", "Actions", "Factors"]
    assert {k for k, s in SHEETS.items() if s.required} == {"Company", "Activities"}
    assert {k for k, s in SHEETS.items() if s.kind == "fields"} == {"Company", "Finance", "MV"}
    for key, sheet in SHEETS.items():
        assert sheet.key == key
        assert sheet.kind in ("table", "fields")
        assert sheet.columns, key


@pytest.mark.parametrize("key,sheet", SHEET_ITEMS, ids=[k for k, _ in SHEET_ITEMS])
def test_sheet_labels_non_empty_and_distinct(key, sheet):
    assert sheet.en.strip() and sheet.vi.strip()
    assert norm(sheet.en) != norm(sheet.vi)
    assert sheet.help_en.strip() and sheet.help_vi.strip()
    assert sheet.help_en != sheet.help_vi
    assert sheet.label("vi") == sheet.vi and sheet.label("en") == sheet.en


def test_sheet_names_and_aliases_unambiguous():
    owner: dict[str, set[str]] = defaultdict(set)
    for key, sheet in SHEETS.items():
        for name in (key, sheet.en, sheet.vi, *sheet.aliases):
            owner[norm(name)].add(key)
    assert {n: ks for n, ks in owner.items() if len(ks) > 1} == {}
    # the README sheet's names are not taken by a data sheet
    for name in README_SHEET.values():
        assert norm(name) not in owner
    assert README_SHEET == {"vi": "Hướng dẫn", "en": "README"}


def test_sheet_names_fit_excel():
    # Excel: at most 31 characters, none of : \ / ? * [ ]
    for sheet in SHEETS.values():
        for name in (sheet.en, sheet.vi):
            assert len(name) <= 31, name
            assert not set(name) & set(":\\/?*[]"), name


@pytest.mark.parametrize("key,col", COLUMNS, ids=_ids(COLUMNS))
def test_column_labels_non_empty_and_distinct(key, col):
    assert col.key.strip() and col.key == col.key.strip()
    assert col.en.strip() and col.vi.strip()
    assert norm(col.en) != norm(col.vi)
    assert col.dtype in (TEXT, NUMBER, INTEGER, CHOICE, DATE)
    assert col.label("vi") == col.vi and col.label("en") == col.en
    if col.min is not None and col.max is not None:
        assert col.min < col.max


@pytest.mark.parametrize("key,sheet", SHEET_ITEMS, ids=[k for k, _ in SHEET_ITEMS])
def test_column_keys_unique_per_sheet(key, sheet):
    keys = [c.key for c in sheet.columns]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("key,sheet", SHEET_ITEMS, ids=[k for k, _ in SHEET_ITEMS])
def test_no_two_columns_share_a_label_or_alias(key, sheet):
    owner: dict[str, set[str]] = defaultdict(set)
    for col in sheet.columns:
        for name in (col.key, col.en, col.vi, *col.aliases):
            assert norm(name), (col.key, name)
            owner[norm(name)].add(col.key)
    assert {n: ks for n, ks in owner.items() if len(ks) > 1} == {}


@pytest.mark.parametrize("key,sheet", SHEET_ITEMS, ids=[k for k, _ in SHEET_ITEMS])
def test_label_without_its_trailing_brackets_names_no_other_column(key, sheet):
    # the reader drops a trailing "[unit]" / "(unit)" from a header; a label that ends in brackets
    # ("Làm gì (What)") must not turn into another column's name when that happens
    owner = {norm(n): c.key for c in sheet.columns for n in (c.key, c.en, c.vi, *c.aliases)}
    for col in sheet.columns:
        for name in (col.en, col.vi, *col.aliases):
            stripped = norm(TRAILING_BRACKETS.sub("", name))
            assert owner.get(stripped, col.key) == col.key, (col.key, name)


@pytest.mark.parametrize("key,col", CHOICE_COLUMNS, ids=_ids(CHOICE_COLUMNS))
def test_every_choice_has_labels_and_spellings_are_unambiguous(key, col):
    assert col.choices, "a choice column needs allowed values"
    keys = [c.key for c in col.choices]
    assert len(keys) == len(set(keys))
    owner: dict[str, set] = defaultdict(set)
    for ch in col.choices:
        assert str(ch.key).strip()
        assert isinstance(ch.en, str) and ch.en.strip(), ch
        assert isinstance(ch.vi, str) and ch.vi.strip(), ch
        for spelling in (str(ch.key), ch.en, ch.vi, *ch.aliases):
            owner[norm(spelling)].add(ch.key)
    assert {n: ks for n, ks in owner.items() if len(ks) > 1} == {}


def test_activities_category_choices_cover_exactly_the_inventory_categories():
    cat = SHEETS["Activities"].column("category")
    assert [c.key for c in cat.choices] == list(CATEGORY_SCOPE)
    assert len(CATEGORY_SCOPE) == 5 + 15  # 5 scope 1/2 categories and the 15 scope 3 categories
    # a translated label: Vietnamese and English labels differ for every category
    for ch in cat.choices:
        assert norm(ch.en) != norm(ch.vi), ch.key


def test_scope_choices():
    scope = SHEETS["Activities"].column("scope")
    assert [c.key for c in scope.choices] == [1, 2, 3]
    assert set(CATEGORY_SCOPE.values()) == {1, 2, 3}


@pytest.mark.parametrize("sheet_key", ["Activities", "Metering", "Factors"])
def test_unit_choices_equal_the_library_units(sheet_key):
    units = load_library().units
    col = SHEETS[sheet_key].column("unit")
    assert col.dtype == CHOICE
    assert [c.key for c in col.choices] == list(units.index)
    for ch, aliases in zip(col.choices, units["aliases"]):
        assert set(ch.aliases) == set(aliases), ch.key


def test_activities_columns():
    act = SHEETS["Activities"]
    assert act.kind == "table"
    assert act.keys == ["site", "scope", "category", "source", "fuel", "quantity", "unit",
                        "factor_tco2e_per_unit", "tco2e"]
    assert {c.key for c in act.columns if c.required} == {"scope", "category", "source"}
    for key in ("quantity", "factor_tco2e_per_unit", "tco2e"):
        assert act.column(key).dtype == NUMBER and act.column(key).min == 0


def test_company_fields():
    company = SHEETS["Company"]
    assert company.column("base_year").dtype == INTEGER
    assert (company.column("base_year").min, company.column("base_year").max) == (1990, 2100)
    assert company.column("currency").default == "VND"
    assert company.column("gwp_set").default == "AR5"
    assert [c.key for c in company.column("gwp_set").choices] == ["AR4", "AR5", "AR6"]


@pytest.mark.parametrize("text,expected", [
    ("  Quantity ", "quantity"),
    ("LƯỢNG   TIÊU THỤ", "lượng tiêu thụ"),
    ("Fuel /\tenergy", "fuel / energy"),
    (2021, "2021"),
])
def test_norm(text, expected):
    assert norm(text) == expected
