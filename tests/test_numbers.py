"""Numbers typed and shown the app language's way (views.numbers), whatever the browser's locale."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pandas as pd
from ui.numbers import reason
from views.format import fmt_pct
from views.numbers import NumberError, format_number, parse_number, read_number


@pytest.mark.parametrize("text, lang, value", [
    ("0,03", "vi", 0.03), ("0.03", "en", 0.03),
    ("1.385", "vi", 1385.0), ("1,385", "en", 1385.0),  # each language's thousands
    ("1,385", "vi", 1.385), ("1.385", "en", 1.385),  # each language's decimals
    ("2.300.000", "vi", 2_300_000.0), ("2,300,000", "en", 2_300_000.0),
    ("1.234,5", "vi", 1234.5), ("1,234.5", "en", 1234.5),
    ("2 300 000", "vi", 2_300_000.0), ("2\u00a0300\u00a0000,5", "vi", 2_300_000.5),  # spaces, non-breaking
    ("2\u202f300\u202f000.5", "en", 2_300_000.5),  # narrow no-break space
    ("  12 ", "en", 12.0), ("-12", "vi", -12.0), ("−1.000", "vi", -1000.0), ("+7", "en", 7.0),
    (",5", "vi", 0.5), (".5", "en", 0.5), ("12", "vi", 12.0), ("0", "en", 0.0),
    ("2,73e-3", "vi", 0.00273), ("2.73E-3", "en", 0.00273), ("1,5E+3", "vi", 1500.0),
    ("80 %", "vi", 0.8), ("80%", "en", 0.8),  # per cent of a plain value
    ("", "vi", None), ("   ", "en", None), (None, "en", None),
    (2385.0, "vi", 2385.0), (7, "en", 7.0),  # a number (a test driver's) is taken as it is
])
def test_parse(text, lang, value):
    assert parse_number(text, lang) == value


def test_percent_sign_in_a_percent_field_keeps_the_number():
    assert parse_number("12,5 %", "vi", percent_unit=True) == 12.5
    assert parse_number("12.5%", "en", percent_unit=True) == 12.5


@pytest.mark.parametrize("text, lang, code, suggestion", [
    ("0.03", "vi", "group", "0,03"),  # an English decimal in the Vietnamese app: never 3
    ("0,03", "en", "group", "0.03"),  # a Vietnamese decimal in the English app
    ("1.38", "vi", "group", "1,38"),
    ("2,300,000", "vi", "decimal_twice", "2.300.000"),
    ("2.300.000", "en", "decimal_twice", "2,300,000"),
    ("1,234.5", "vi", "after_decimal", "1.234,5"),
    ("1.234,5", "en", "after_decimal", "1,234.5"),
    ("0.300", "vi", "first_group", "0,3"),  # 300 or 0,3? refused
    ("1234.567", "vi", "first_group", "1.234,567"),
    ("12.34.567", "vi", "group", None),
    ("5,", "vi", "incomplete", None), ("1.000.", "vi", "incomplete", None),
    ("abc", "en", "not_number", None), ("12 kWh", "vi", "not_number", None), ("1/2", "en", "not_number", None),
    ("--5", "en", "sign", None), ("5-", "vi", "sign", None),
    ("1e999", "en", "not_number", None),
])
def test_refused_with_the_reason(text, lang, code, suggestion):
    with pytest.raises(NumberError) as info:
        parse_number(text, lang)
    assert (info.value.code, info.value.text, info.value.suggestion) == (code, text, suggestion)


def test_reasons_are_in_the_users_language_with_what_to_write():
    with pytest.raises(NumberError) as info:
        parse_number("0.03", "vi")
    vi = reason(info.value, "vi")
    assert "“0.03”" in vi and "dấu phẩy là dấu thập phân" in vi and "0,03?" in vi
    with pytest.raises(NumberError) as info:
        parse_number("0,03", "en")
    en = reason(info.value, "en")
    assert "“0,03”" in en and "the point is the decimal separator" in en and "Did you mean 0.03?" in en


@pytest.mark.parametrize("kwargs, text, code, limit", [
    ({"minimum": 0}, "-5", "below_min", "0"),
    ({"maximum": 100}, "150", "above_max", "100"),
    ({"maximum": 8784}, "9.000", "above_max", "8.784"),
    ({"integer": True}, "2,5", "integer", None),
    ({"required": True}, "", "needed", None),
])
def test_field_limits(kwargs, text, code, limit):
    with pytest.raises(NumberError) as info:
        read_number(text, "vi", **kwargs)
    assert info.value.code == code
    assert info.value.values.get("limit") == limit
    assert reason(info.value, "vi") and reason(info.value, "en")


def test_read_number_gives_the_fields_type():
    assert read_number("2.021", "vi", integer=True) == 2021 and isinstance(read_number("2021", "en", integer=True), int)
    assert read_number("", "en") is None


@pytest.mark.parametrize("value, vi, en", [
    (2_300_000, "2.300.000", "2,300,000"), (0.03, "0,03", "0.03"), (12.0, "12", "12"),  # never 12.00
    (95_000_000.0, "95.000.000", "95,000,000"), (0.00273, "0,00273", "0.00273"), (-1234.5, "-1.234,5", "-1,234.5"),
    (0.1 + 0.2, "0,3", "0.3"),  # no binary noise
    (-0.0, "0", "0"), (None, "", ""), (float("nan"), "", ""),
])
def test_format(value, vi, en):
    assert (format_number(value, "vi"), format_number(value, "en")) == (vi, en)


def test_huge_and_tiny_numbers_are_written_in_full():
    assert format_number(1e25, "vi") == "10.000.000.000.000.000.000.000.000"
    assert parse_number(format_number(1e25, "en"), "en") == 1e25
    assert format_number(1.7976931348623157e308, "en").startswith("179,769,313,486,231,570")
    assert format_number(5e-324, "en").startswith("0.000") and parse_number(format_number(5e-324, "en"), "en") == 5e-324


def test_years_are_not_grouped():
    assert format_number(2021, "vi", grouping=False) == "2021"
    assert format_number(2021.0, "en", grouping=False) == "2021"


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False),
       st.sampled_from(["vi", "en"]), st.booleans())
def test_what_is_shown_reads_back_as_the_same_number(value, lang, grouping):
    shown = format_number(value, lang, grouping=grouping)
    back = parse_number(shown, lang)
    assert math.isclose(back, value, rel_tol=1e-14, abs_tol=1e-300)


def test_table_number_columns_become_text_written_the_apps_way():
    import pandas as pd
    import streamlit as st

    from ui.numbers import text_columns

    frame = pd.DataFrame({"scope": pd.array([1, 2], dtype="Int64"), "quantity": [1385.0, float("nan")],
                          "start_year": pd.array([2022, None], dtype="Int64"), "hidden": [1.0, 2.0],
                          "name": ["a", "b"]})
    config = {"scope": st.column_config.SelectboxColumn("Scope", options=[1, 2, 3]),
              "quantity": st.column_config.NumberColumn("Quantity", min_value=0.0, format="localized", help="h"),
              "start_year": st.column_config.NumberColumn("Start", format="%d"), "hidden": None}
    shown, new, specs = text_columns(frame, config, "vi")
    assert shown["quantity"].tolist() == ["1.385", None] and shown["start_year"].tolist() == ["2022", None]
    assert shown["scope"].tolist() == [1, 2] and new["scope"] is config["scope"]  # a select box stays
    assert new["hidden"] is None and shown["hidden"].tolist() == [1.0, 2.0]  # a hidden column stays hidden
    assert new["quantity"]["type_config"]["type"] == "text" and new["quantity"]["alignment"] == "right"
    assert (new["quantity"]["label"], new["quantity"]["help"]) == ("Quantity", "h")
    by_col = {s.column: s for s in specs}
    assert set(by_col) == {"quantity", "start_year"}
    assert (by_col["quantity"].minimum, by_col["quantity"].integer) == (0.0, False)
    assert (by_col["start_year"].integer, by_col["start_year"].grouping) == (True, False)


def test_a_table_change_is_read_and_refusals_name_the_column_and_row():
    import pandas as pd

    from ui.numbers import NumberColumn, read_delta

    frame = pd.DataFrame({"quantity": [1.0, 2.0, 3.0], "name": ["a", "b", "c"]})
    specs = (NumberColumn("quantity", "Lượng tiêu thụ", minimum=0.0),)
    delta = {"edited_rows": {0: {"quantity": "2.300.000", "name": "x"}, 2: {"quantity": "0.03"}},
             "added_rows": [{"quantity": "0,5"}, {"quantity": "-1", "name": "new"}], "deleted_rows": [1]}
    read, refused = read_delta(delta, specs, frame, "vi")
    assert read["edited_rows"] == {0: {"quantity": 2_300_000.0, "name": "x"}}  # the refused edit is dropped
    assert read["added_rows"] == [{"quantity": 0.5}, {"quantity": None, "name": "new"}]
    assert read["deleted_rows"] == [1]
    assert len(refused) == 2
    assert refused[0].startswith("Cột “Lượng tiêu thụ”, dòng 4: “0.03”") and "0,03?" in refused[0]
    assert refused[1].startswith("Cột “Lượng tiêu thụ”, dòng 6: “-1”") and "từ 0 trở lên" in refused[1]


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e20, max_value=1e20, allow_nan=False, allow_infinity=False), st.sampled_from(["vi", "en"]),
       st.booleans())
def test_shown_with_babels_symbols_as_views_format(value, lang, grouping):
    """The fast writer gives what babel (views.format's formatter) gives for the same decimal
    (beyond 1e20 babel's own rounding fails; the writer still writes every digit)."""
    from decimal import Decimal

    from babel.numbers import format_decimal

    from views.format import LOCALES
    from views.numbers import _shown

    number = _shown(value)
    number = Decimal(0) if number == 0 else number
    babel = format_decimal(number, format="#,##0.###" if grouping else "0.###", locale=LOCALES[lang],
                           decimal_quantization=False)
    dec = "," if lang == "vi" else "."
    if dec in babel:
        whole, frac = babel.split(dec, 1)
        babel = whole + (dec + frac.rstrip("0") if frac.rstrip("0") else "")
    assert format_number(value, lang, grouping=grouping) == babel


def test_fmt_num_writes_what_babel_writes_and_a_column_pass_writes_the_same_as_cell_by_cell():
    """Issue 16: the column formatter (each distinct value once) and the faster cell formatter give
    babel's text for the language (the reference), half-up rounded, never "-0"."""
    from decimal import ROUND_HALF_UP, Decimal, localcontext

    import numpy as np
    from babel.numbers import format_decimal

    from views.format import LOCALES, fmt_num, fmt_nums, fmt_pcts

    rng = np.random.default_rng(3)
    values = [*rng.normal(0, 1e6, 2000), *rng.lognormal(0, 8, 2000), *np.round(rng.normal(0, 100, 500), 3),
              201.025, 0.005, -0.004, 1e40, -9e40, 123_456_789.125]
    for lang in ("vi", "en"):
        for decimals in (0, 2, 4):
            for v in values:
                with localcontext() as ctx:
                    ctx.prec = 80  # enough digits for ±9 × 10⁴⁰
                    exact = Decimal(repr(round(float(v), 9))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
                    exact = exact.copy_abs() if exact.is_zero() else exact
                    babel = format_decimal(exact, format="#,##0" + ("." + "0" * decimals if decimals else ""),
                                           locale=LOCALES[lang], decimal_quantization=False)
                assert fmt_num(v, lang, decimals) == babel, (v, lang, decimals)
            # the column pass (floating point, ties and huge values cell by cell) writes the same
            ties = [k / 10 ** decimals + 0.5 / 10 ** decimals for k in range(-3000, 3000, 7)]
            column = [*values, *ties, *(t * 1000.0 + 1e-10 for t in ties), 9.999999e14, 1e15, 1e16, float("nan"), -0.0]
            assert fmt_nums(column, lang, decimals) == [fmt_num(v, lang, decimals) for v in column], (lang, decimals)
    column = pd.Series([1.5, None, 2.25, 1.5, float("inf"), float("nan"), -0.001])
    assert fmt_nums(column, "vi", 2) == ["1,50", "–", "2,25", "1,50", "∞", "–", "0,00"]
    assert fmt_pcts(column, "en", 1) == [fmt_pct(v, "en", 1) for v in column]
    assert fmt_nums(["abc", 1.0], "en") == ["–", "1.00"]  # text among numbers: never misread
    assert fmt_nums(pd.Series([1, None], dtype="Int64"), "en", 0) == ["1", "–"]
