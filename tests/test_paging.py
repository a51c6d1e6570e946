"""Issue 16: large tables are shown a page at a time with a search; an edit made on a page or on
the rows a search found changes exactly those rows of the sheet."""
import re

import numpy as np
import pandas as pd
import pytest

from apptest_support import current_scenario, new_app, open_scenario
from paths import SAMPLES
from ui.paging import PAGE_ROWS, page_count, page_slice
from ui.editor import delta_to_table
from views.search import fold, matching_rows
from workbook.read import read_scenario


# -- search --------------------------------------------------------------------------------------
def test_fold_takes_off_case_and_vietnamese_marks():
    assert fold("Xưởng Điện LÒ HƠI") == "xuong dien lo hoi"
    assert fold("Máy nén khí – Phân xưởng 2") == "may nen khi – phan xuong 2"
    assert fold("đèn LED") == "den led"
    assert fold(None) == "" and fold(float("nan")) == "" and fold(pd.NA) == ""


def test_every_word_in_any_order_any_column_and_the_labels_too():
    frame = pd.DataFrame({"site": ["Xưởng 1", "Xưởng 2", "Xưởng 2", None],
                          "source": ["Lò hơi", "Lò hơi", "Máy nén khí", "Đèn"],
                          "fuel": ["diesel", "electricity_grid", "electricity_grid", "electricity_grid"],
                          "quantity": [1.0, 2.0, 3.0, 4.0]})
    labels = {"fuel": lambda k: {"diesel": "Dầu DO", "electricity_grid": "Điện lưới"}.get(k, k)}
    assert list(matching_rows(frame, "lo hoi")) == [0, 1]
    assert list(matching_rows(frame, "2 LÒ")) == [1]  # both words, any order, any column
    assert list(matching_rows(frame, "dien luoi", labels=labels)) == [1, 2, 3]  # the label as shown
    assert list(matching_rows(frame, "electricity", labels=labels)) == [1, 2, 3]  # and the key
    assert list(matching_rows(frame, "dau do xuong 1", labels=labels)) == [0]
    assert list(matching_rows(frame, "   ")) == [0, 1, 2, 3]  # blank: every row
    assert list(matching_rows(frame, "boiler")) == []
    assert list(matching_rows(frame, "3")) == []  # numbers are not searched, only text


def test_pages():
    assert page_count(0) == 1 and page_count(PAGE_ROWS) == 1 and page_count(PAGE_ROWS + 1) == 2
    found = np.arange(2500)
    assert list(page_slice(found, 3, 1000)) == list(range(2000, 2500))
    assert list(page_slice(found, 9, 1000)) == list(range(2000, 2500))  # past the end: the last page
    assert list(page_slice(found, 0, 1000)) == list(range(1000))


def test_a_change_on_a_page_is_a_change_of_those_rows():
    positions = np.array([10, 42, 977])
    delta = {"edited_rows": {0: {"quantity": 5.0}, 2: {"source": "x"}, 7: {"quantity": 1.0}},
             "deleted_rows": [1, 5], "added_rows": [{"source": "new"}]}
    out = delta_to_table(delta, positions)
    assert out["edited_rows"] == {10: {"quantity": 5.0}, 977: {"source": "x"}}  # row 7 was not shown
    assert out["deleted_rows"] == [42]
    assert out["added_rows"] == [{"source": "new"}]
    assert delta_to_table(delta, None) == delta


# -- the inventory page with a large sheet ---------------------------------------------------------
@pytest.fixture(scope="module")
def big():
    sample = read_scenario(SAMPLES / "sample_factory_en.xlsx").scenario
    acts = sample.activities
    reps = -(-5_500 // len(acts))
    rows = pd.concat([acts] * reps, ignore_index=True).iloc[:5_500].copy()
    rows["source"] = rows["source"] + " #" + pd.Series(range(len(rows))).astype(str)
    rows.loc[4321, "source"] = "Lò hơi tầng 3"
    return sample, rows.reset_index(drop=True)


def _app(sample, rows):
    at = new_app("en")
    open_scenario(at, sample.with_table("Activities", rows))
    at.session_state["settings"] = {"guide.hidden": True}
    at.run(timeout=180)
    assert not at.exception
    return at


def _editor(at):
    return next(df for df in at.main.dataframe if (df.key or "").startswith("inv_editor_"))


def _problems(at):
    return next(df for df in at.main.dataframe if list(df.value.columns) == ["Row", "Problem and how to fix it"])


def _sources(at):
    return next(df for df in at.main.dataframe if df.key is None and df.value.columns[0] == "Source")


def test_a_large_sheet_is_shown_a_page_at_a_time(big):
    sample, rows = big
    at = _app(sample, rows)
    assert len(_editor(at).value) == PAGE_ROWS and len(_sources(at).value) == PAGE_ROWS
    assert list(_editor(at).value["source"]) == list(rows["source"].iloc[:PAGE_ROWS])
    at.number_input(key="table_view.inv_editor.page").set_value(6).run(timeout=180)
    assert not at.exception
    assert list(_editor(at).value["source"]) == list(rows["source"].iloc[5000:5500])  # the last page: 500 rows
    captions = " ".join(c.value for c in at.caption)
    assert "Rows 5,001–5,500 of 5,500" in captions


def test_edit_and_delete_rows_found_by_a_search(big):
    sample, rows = big
    at = _app(sample, rows)
    at.text_input(key="table_view.inv_editor.find").input("lo hoi").run(timeout=180)  # typed without marks
    editor = _editor(at)
    assert list(editor.value["source"]) == ["Lò hơi tầng 3"]
    assert "1 of 5,500 rows match the search." in " ".join(c.value for c in at.caption)
    at.session_state[editor.key] = {"edited_rows": {0: {"quantity": 123.0}}, "added_rows": [], "deleted_rows": []}
    at.run(timeout=180)
    assert not at.exception
    edited = current_scenario(at).activities
    assert edited.loc[4321, "quantity"] == 123.0
    pd.testing.assert_frame_equal(edited.drop(index=4321), rows.drop(index=4321), check_dtype=False)
    # the same search, then the row is deleted: only that row goes
    editor = _editor(at)
    at.session_state[editor.key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [0]}
    at.run(timeout=180)
    assert not at.exception
    left = current_scenario(at).activities
    assert len(left) == len(rows) - 1 and "Lò hơi tầng 3" not in set(left["source"])
    assert "No row (of 5,499) matches “lo hoi”." in " ".join(c.value for c in at.caption)


def test_a_refused_number_on_a_later_page_names_its_sheet_row(big):
    sample, rows = big
    at = _app(sample, rows)
    at.number_input(key="table_view.inv_editor.page").set_value(3).run(timeout=180)
    editor = _editor(at)
    at.session_state[editor.key] = {"edited_rows": {4: {"quantity": "12,5,0"}}, "added_rows": [], "deleted_rows": []}
    at.run(timeout=180)
    assert not at.exception
    shown = " ".join(e.value for e in at.error) + " ".join(w.value for w in at.warning)
    assert "row 2006" in shown.lower(), shown  # position 2004 of the sheet, Excel row 2006
    assert current_scenario(at).activities.equals(rows) or \
        current_scenario(at).activities["quantity"].tolist() == rows["quantity"].tolist()


def test_a_large_total_fits_its_card_with_the_exact_value_in_the_tooltip(big):
    """5,500 rows = 500 × the deck's 11 rows: 500 × 3,299.333396 t (seed digest: 3,299.33 t)."""
    sample, rows = big
    at = _app(sample, rows)
    total = at.metric[0]
    assert total.value == "1.65 million"  # "1,649,666.70" would break in two lines at 1024 px
    assert total.proto.help == "Exact value: 1,649,666.70"
    scope1 = at.metric[1].value  # 500 × 60.42 t (the digest's rounding: ± 2.5 t), short enough to be written in full
    assert float(scope1.replace(",", "")) == pytest.approx(500 * 60.42, abs=2.5) and re.fullmatch(r"\d{2},\d{3}\.\d{2}", scope1)


def test_many_row_problems_are_a_table_and_a_few_are_lines(big):
    """A pasted column of blanks gives a problem per row: beyond 20 they are a table (a page at a
    time), not one line each; a few stay lines under the editor."""
    sample, rows = big
    holes = rows.copy()
    holes.loc[holes.index[100:1400], "quantity"] = np.nan  # 1,300 rows: Excel rows 102–1,401
    at = _app(sample, holes)
    assert not at.exception
    table = _problems(at)
    assert len(table.value) == PAGE_ROWS  # the first page of 1,300
    assert list(table.value.iloc[:2, 0]) == ["102", "103"]
    assert "'Quantity' is empty but required" in table.value.iloc[0, 1]
    assert not [m for m in at.markdown if m.value.startswith("- Row ")]
    assert any("Rows that cannot be computed (1300)" in w.value for w in at.warning)
    at.number_input(key="table_view.inv_problems.page").set_value(2).run(timeout=180)
    table = _problems(at)
    assert len(table.value) == 300 and table.value.iloc[-1, 0] == "1401"

    few = rows.copy()
    few.loc[few.index[[7, 4000]], "quantity"] = np.nan
    at = _app(sample, few)
    lines = [m.value for m in at.markdown if m.value.startswith("- Row ")]
    assert [line.split(":")[0] for line in lines] == ["- Row 9", "- Row 4002"]


def test_measure_explanations_fifty_at_a_time(big):
    """120 measures: "how is this computed" explains 50 at a time (a thousand would be a thousand
    blocks of text), with a search by name."""
    sample, _rows = big
    base = sample.table("Measures")
    copies = pd.concat([base] * (-(-120 // len(base))), ignore_index=True).iloc[:120].copy()
    copies["id"] = [f"X{i:03d}" for i in range(120)]
    copies["name"] = [f"{n} #{i}" for i, n in enumerate(copies["name"])]
    at = new_app("en")
    open_scenario(at, sample.with_table("Measures", copies.astype(base.dtypes.to_dict())))
    at.session_state["settings"] = {"guide.hidden": True}
    at.run(timeout=180)
    at.sidebar.toggle(key="sidebar_trainer").set_value(True).run(timeout=180)  # the trainer opens the explanations
    at.switch_page("pages/measures.py").run(timeout=180)
    assert not at.exception

    def explained():
        return [m.value.split(" – ")[0].strip("*") for m in at.markdown if m.value.startswith("**X")]

    assert explained() == [f"X{i:03d}" for i in range(50)]
    at.number_input(key="table_view.ms_how.page").set_value(3).run(timeout=180)
    assert explained() == [f"X{i:03d}" for i in range(100, 120)]
    at.text_input(key="table_view.ms_how.find").input("#77").run(timeout=180)
    assert explained() == ["X077"]


def test_the_sources_search_looks_at_what_the_table_shows(big):
    """"ok" is every row's calculation status, not a word the sources table shows: nothing found."""
    sample, rows = big
    at = _app(sample, rows)
    at.text_input(key="table_view.inv_sources.find").input("ok").run(timeout=180)
    assert "No row (of 5,500) matches “ok”." in " ".join(c.value for c in at.caption)
    at.text_input(key="table_view.inv_sources.find").input("tang 3").run(timeout=180)
    assert list(_sources(at).value.iloc[:, 0]) == ["Purchased electricity – Lò hơi tầng 3"]  # row 4321 copies the canteen electricity row


def test_a_search_and_page_come_back_with_the_session(big):
    # they were kept beside the page settings, so a refresh lost them while the scenario came back
    sample, rows = big
    at = _app(sample, rows)
    at.text_input(key="table_view.inv_editor.find").input("tang 3").run(timeout=180)
    assert list(_editor(at).value["source"]) == ["Lò hơi tầng 3"]
    back = new_app("en")
    back.query_params["s"] = at.query_params["s"]
    back.run(timeout=180)
    assert not back.exception
    assert back.text_input(key="table_view.inv_editor.find").value == "tang 3"
    assert list(_editor(back).value["source"]) == ["Lò hơi tầng 3"]
    # a page number comes back too
    back.text_input(key="table_view.inv_editor.find").input("").run(timeout=180)
    back.number_input(key="table_view.inv_editor.page").set_value(3).run(timeout=180)
    again = new_app("en")
    again.query_params["s"] = at.query_params["s"]
    again.run(timeout=180)
    assert not again.exception
    assert list(_editor(again).value["source"]) == list(rows["source"].iloc[2000:3000])
