"""AppTest of the whole app: loads in both languages, every page opens, uploads, edits."""
import json

import openpyxl
import pandas as pd
import pytest

from apptest_support import new_app, current_scenario, open_scenario
from paths import SAMPLES
from ui.inventory_view import editor_to_table
from workbook.read import read_scenario
from workbook.write import write_scenario

PAGES = ["pages/inventory.py", "pages/targets.py", "pages/measures.py", "pages/finance.py", "pages/mv.py"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def kpis(at) -> list[str]:
    return [m.value for m in at.metric]


def upload(at, name: str, data: bytes, lang: str):
    at.sidebar.radio(key=f"sidebar_source_{lang}").set_value("upload").run()
    at.file_uploader(key=f"sidebar_upload_{lang}").set_value((name, data, XLSX)).run()
    return at


@pytest.mark.parametrize("lang, total, scope1", [("vi", "3.299,33", "60,42"), ("en", "3,299.33", "60.42")])
def test_app_opens_on_the_sample_in_each_language(lang, total, scope1):
    at = new_app(lang).run()
    assert not at.exception
    assert kpis(at)[0].startswith(total) and kpis(at)[1].startswith(scope1)
    figures = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    assert [f["data"][0]["type"] for f in figures] == ["sunburst", "bar"]


def test_default_language_is_vietnamese_and_switching_works():
    at = new_app().run()
    assert at.title[0].value.startswith("Kiểm kê")
    at.sidebar.radio(key="sidebar_source_vi").set_value("upload").run()
    at.sidebar.radio(key="sidebar_lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value.startswith("Greenhouse-gas inventory")
    # the scenario-source choice survives the language switch
    assert at.sidebar.radio(key="sidebar_source_en").value == "upload"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_opens(lang):
    at = new_app(lang).run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        assert at.title, page
        assert at.sidebar.radio(key="sidebar_lang").value == lang  # the sidebar frames every page


def test_bad_upload_shows_problems_and_keeps_the_scenario(tmp_path):
    book = openpyxl.load_workbook(SAMPLES / "sample_factory_en.xlsx")
    ws = book["Activities"]
    ws.cell(row=3, column=6, value="1,5")  # Quantity of Excel row 3
    path = tmp_path / "bad.xlsx"
    book.save(path)
    at = new_app("en").run()
    before = kpis(at)
    upload(at, "bad.xlsx", path.read_bytes(), "en")
    assert not at.exception
    assert any("Could not load" in e.value for e in at.error)
    tables = [df.value for df in at.dataframe]
    problems = next(t for t in tables if "Problem and how to fix it" in t.columns)
    row = problems[problems["Problem and how to fix it"].str.contains("'1,5'")]
    assert row[["Sheet", "Row", "Column", "Severity"]].values.tolist() == [["Activities", 3, "Quantity", "Error"]]
    assert kpis(at) == before


def test_not_an_excel_file_is_refused_without_traceback():
    at = new_app("vi").run()
    upload(at, "notes.csv", b"a,b\n1,2\n", "vi")
    assert not at.exception
    assert any("Không mở được" in e.value for e in at.error)
    assert kpis(at)[0].startswith("3.299,33")


def test_good_upload_replaces_the_scenario():
    scenario = read_scenario(SAMPLES / "sample_factory_en.xlsx").scenario
    acts = scenario.activities.copy()
    acts.loc[6, "quantity"] = 1_000_000.0  # machinery: 2,300,000 → 1,000,000 kWh
    data = write_scenario(scenario.with_table("Activities", acts), "en")
    at = new_app("en").run()
    upload(at, "mine.xlsx", data, "en")
    assert not at.exception
    expected = 3299.333396 - 1_300_000 * 0.8041 / 1000
    assert kpis(at)[0].startswith(f"{expected:,.2f}")
    assert any("mine.xlsx" in s.value for s in at.success)


def test_editing_a_quantity_changes_the_kpis():
    at = new_app("en")
    # the editor's key carries the scenario version (1 after the sample loads)
    at.session_state["inv_editor_1"] = {"edited_rows": {0: {"quantity": 2385.0}}, "added_rows": [],
                                        "deleted_rows": []}
    at.run()
    assert not at.exception
    expected = 3299.333396 + 1000 * 2.730 / 1000  # one more kL of diesel
    assert kpis(at)[0].startswith(f"{expected:,.2f}")
    assert current_scenario(at).activities.loc[0, "quantity"] == 2385.0
    assert at.session_state["scenario_edited"]


def test_editor_output_is_typed_like_the_schema():
    scenario = read_scenario(SAMPLES / "sample_factory_en.xlsx").scenario
    edited = scenario.activities.astype(object)
    edited.loc[0, "quantity"] = "12.5"
    edited.loc[1, "source"] = "  padded  "
    table = editor_to_table(edited)
    assert table["quantity"].dtype == "float64" and table.loc[0, "quantity"] == 12.5
    assert str(table["scope"].dtype) == "Int64"
    assert table.loc[1, "source"] == "padded"


def test_several_sites_get_their_own_table():
    scenario = read_scenario(SAMPLES / "sample_factory_en.xlsx").scenario
    acts = scenario.activities.copy()
    acts.loc[6:, "site"] = "Plant B"
    at = new_app("en").run()
    upload(at, "two_sites.xlsx", write_scenario(scenario.with_table("Activities", acts), "en"), "en")
    by_site = next(df.value for df in at.dataframe if list(df.value.columns)[0] == "Site")
    assert by_site["Site"].tolist() == ["Factory", "Plant B"]
    # Plant B holds the five electricity rows: 4,028,000 kWh × 0.8041 t/MWh = 3,238.91 t
    assert by_site.iloc[1, 1] == "3,238.91"


@pytest.mark.parametrize("added", [
    {},  # an empty new row
    {"scope": 1, "category": "stationary", "source": "boiler", "fuel": "diesel", "quantity": 50.0},  # no unit
    {"scope": 2, "category": "stationary", "source": "x", "fuel": "lpg", "quantity": 1.0, "unit": "kWh"},
    {"scope": 3, "category": "scope3_06", "source": "flights", "tco2e": 12.5},
])
def test_partial_rows_added_in_the_editor_never_break_the_page(added):
    at = new_app("en")
    at.session_state["inv_editor_1"] = {"edited_rows": {}, "added_rows": [added], "deleted_rows": [0]}
    at.run()
    assert not at.exception and not at.error
    assert len(current_scenario(at).activities) == 11  # one deleted, one added
    if "tco2e" in added:  # a known result counts as it is
        assert kpis(at)[0].startswith(f"{3299.333396 - 1.385 * 2.730 + 12.5:,.2f}")
    else:  # an incomplete row is listed with its problem and counts as zero
        assert any("Rows that cannot be computed" in w.value for w in at.warning)


def test_sidebar_offers_the_report_and_chart_downloads():
    at = new_app("en").run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"Download the scenario (.xlsx)", "Workshop report (.xlsx)", "Chart images (.zip of PNG, SVG, PDF)",
            "Download an empty template"} <= set(labels)


def test_trainer_presets_come_from_the_folder_in_the_environment(tmp_path, monkeypatch):
    import shutil
    shutil.copy(SAMPLES / "sample_factory_en.xlsx", tmp_path / "group_a.xlsx")
    shutil.copy(SAMPLES / "sample_factory_en.xlsx", tmp_path / "group_b.xlsx")
    monkeypatch.setenv("ENERGY_SCENARIOS_PRESETS", str(tmp_path))
    at = new_app("en").run()
    options = at.sidebar.selectbox(key="sidebar_sample_en").options
    assert options == ["group_a.xlsx", "group_b.xlsx"]
    at.sidebar.selectbox(key="sidebar_sample_en").set_value(tmp_path / "group_b.xlsx").run()
    at.sidebar.button(key="sidebar_sample_load").click().run()
    assert not at.exception and current_scenario(at).name == "group_b"


def test_the_developer_chrome_is_hidden_for_users():
    """No Deploy button or developer menu: the server started from the repository reads the
    toolbar mode from .streamlit/config.toml."""
    import tomllib
    from paths import ROOT
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["toolbarMode"] == "minimal" and config["client"]["showErrorDetails"] == "none"


def test_one_cell_edited_in_a_60000_row_table_shows_the_new_total():
    """Issue 16: the results cache is keyed on the whole content, so a single edit deep in a large
    table is never answered from the cache of the table before it."""
    sample = read_scenario(SAMPLES / "sample_factory_en.xlsx").scenario
    acts = sample.activities
    reps = -(-60_000 // len(acts))
    big = pd.concat([acts] * reps, ignore_index=True).iloc[:60_000]
    big["source"] = big["source"] + " #" + pd.Series(range(len(big))).astype(str)
    row = 45_106  # a grid-electricity row (kWh)
    assert big.loc[row, "fuel"] == acts.loc[row % len(acts), "fuel"]
    at = new_app("en")
    open_scenario(at, sample.with_table("Activities", big.reset_index(drop=True)))
    at.session_state["settings"] = {"guide.hidden": True}
    at.run(timeout=180)
    assert not at.exception
    def total(at) -> float:  # a total this large is written "19.8 million", the exact value in the tooltip
        return float(at.metric[0].proto.help.removeprefix("Exact value: ").replace(",", ""))

    before = total(at)
    # the editor shows a page of 1,000 rows: the row is found by its source name ("#45106" is in no
    # other row) and edited there, as a user would
    at.text_input(key="table_view.inv_editor.find").input(f"#{row}").run(timeout=180)
    editor = next(df for df in at.main.dataframe if (df.key or "").startswith("inv_editor_"))
    assert len(editor.value) == 1 and editor.value["source"].iloc[0] == big.loc[row, "source"]
    # the edit: + 1,000 units of that row's quantity; its factor per unit comes from the deck's rows
    per_unit = {"diesel": 2.730 / 1000, "electricity_grid": 0.8041 / 1000}  # t per L, t per kWh
    fuel = big.loc[row, "fuel"]
    assert fuel in per_unit, fuel
    at.session_state[editor.key] = {"edited_rows": {0: {"quantity": float(big.loc[row, "quantity"]) + 1000.0}},
                                    "added_rows": [], "deleted_rows": []}
    at.run(timeout=180)
    assert not at.exception
    after = total(at)
    assert after == pytest.approx(before + 1000.0 * per_unit[fuel], abs=0.006)
    edited = current_scenario(at).activities
    assert edited.loc[row, "quantity"] == float(big.loc[row, "quantity"]) + 1000.0
    pd.testing.assert_frame_equal(edited.drop(index=row), big.drop(index=row), check_dtype=False)  # no other row
