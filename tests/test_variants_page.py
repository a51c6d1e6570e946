"""AppTest of scenario variants: duplicate, rename, delete, switch, the comparison page."""
import pandas as pd

from apptest_support import new_app, plotly_figures, current_scenario, open_scenario


def frames(at) -> list[pd.DataFrame]:
    """The page's tables (AppTest does not expose st.dataframe keys), sidebar ones left out."""
    return [df.value for df in at.main.dataframe]


def frame_with(at, first_column: str) -> list[pd.DataFrame]:
    return [f for f in frames(at) if list(f.columns)[:1] == [first_column]]


def variant_names(at):
    return list(at.session_state["variants"])


def duplicate(at, name="", lang="en"):
    at.sidebar.text_input(key=f"sidebar_variant_name_{lang}").set_value(name).run()
    at.sidebar.button(key="sidebar_variant_duplicate").click().run()
    assert not at.exception
    return at


def edit_first_quantity(at, quantity):
    """The Activities editor of the inventory page: the first row's quantity."""
    at.session_state[f"inv_editor_{at.session_state['scenario_version']}"] = {
        "edited_rows": {0: {"quantity": quantity}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception


def test_first_visit_has_one_variant():
    at = new_app("en").run()
    assert not at.exception
    assert variant_names(at) == ["Variant 1"]
    assert at.session_state["variant"] == "Variant 1"
    assert at.sidebar.button(key="sidebar_variant_delete").disabled


def test_duplicate_edit_switch_keeps_each_variants_edits():
    at = new_app("en").run()
    first_q = float(current_scenario(at).activities["quantity"].iloc[0])
    duplicate(at, "More efficient")
    assert variant_names(at) == ["Variant 1", "More efficient"]
    assert at.session_state["variant"] == "More efficient"
    edit_first_quantity(at, first_q / 2)
    assert at.session_state["variants"]["More efficient"].activities["quantity"].iloc[0] == first_q / 2
    # switch back: the first variant is untouched, the edit lives on in the other
    at.sidebar.selectbox(key="sidebar_variant_en").set_value("Variant 1").run()
    assert not at.exception
    assert current_scenario(at).activities["quantity"].iloc[0] == first_q
    at.sidebar.selectbox(key="sidebar_variant_en").set_value("More efficient").run()
    assert current_scenario(at).activities["quantity"].iloc[0] == first_q / 2


def test_rename_and_delete():
    at = duplicate(new_app("en").run())  # empty name: the next free one
    assert variant_names(at) == ["Variant 1", "Variant 2"]
    at.sidebar.text_input(key="sidebar_variant_name_en").set_value("Variant 1").run()
    at.sidebar.button(key="sidebar_variant_rename").click().run()
    assert variant_names(at) == ["Variant 1", "Variant 2"]  # taken: refused with a message
    assert any("already exists" in e.value for e in at.sidebar.error)
    at.sidebar.text_input(key="sidebar_variant_name_en").set_value("  Heat pumps ").run()
    at.sidebar.button(key="sidebar_variant_rename").click().run()
    assert variant_names(at) == ["Variant 1", "Heat pumps"]
    assert at.session_state["variant"] == "Heat pumps"
    at.sidebar.button(key="sidebar_variant_delete").click().run()
    assert not at.exception
    assert variant_names(at) == ["Variant 1", "Heat pumps"]  # asked first
    assert any("Delete the variant **Heat pumps**" in m.value for m in at.markdown)
    at.button(key="confirm_cancel").click().run()
    assert variant_names(at) == ["Variant 1", "Heat pumps"] and "confirm" not in at.session_state
    at.sidebar.button(key="sidebar_variant_delete").click().run()
    at.button(key="confirm_yes").click().run()
    assert variant_names(at) == ["Variant 1"] and at.session_state["variant"] == "Variant 1"
    assert at.sidebar.selectbox(key="sidebar_variant_en").value == "Variant 1"


def test_compare_page_needs_two_variants_and_offers_to_duplicate():
    at = new_app("en").run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    assert at.info and "at least two variants" in at.info[0].value
    at.button(key="cmp_start").click().run()
    assert variant_names(at) == ["Variant 1", "Variant 2"]
    assert frame_with(at, "Indicator")


def test_compare_page_shows_kpis_differences_and_overlaid_charts():
    at = new_app("en").run()
    base = current_scenario(at)
    duplicate(at, "Half the first source")
    q = float(base.activities["quantity"].iloc[0])
    edit_first_quantity(at, q / 2)
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    kpis, diff = frame_with(at, "Indicator")
    assert list(kpis.columns) == ["Indicator", "Variant 1", "Half the first source"]
    assert list(diff.columns) == ["Indicator", "Half the first source − Variant 1"]
    # the first row's emissions fall by half of that row's emissions (computed here from the row)
    from results.summary import scenario_summary
    row_t = scenario_summary(base)["inventory"]["sources"][0]["tco2e"]
    total = diff.iloc[0, 1]
    assert total.startswith("−") and total.endswith("▲")
    assert f"{row_t / 2:,.2f}" in total
    (changes,) = frame_with(at, "Sheet")
    assert len(changes) == 1 and changes.iloc[0, 1].startswith("Record 1")
    figs = {f["layout"]["title"]["text"]: f for f in plotly_figures(at)}
    paths = figs["Emissions with measures and target paths"]
    names = {tr["name"] for tr in paths["data"]}
    assert {"Variant 1 – with measures", "Half the first source – with measures"} <= names
    flows = figs["Cumulative cash flow of the measures"]
    assert [tr["name"] for tr in flows["data"]] == ["Variant 1", "Half the first source"]


def test_vietnamese_names_and_labels():
    at = new_app("vi").run()
    assert variant_names(at) == ["Phương án 1"]
    at.sidebar.button(key="sidebar_variant_duplicate").click().run()
    assert variant_names(at) == ["Phương án 1", "Phương án 2"]
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    assert at.title[0].value == "So sánh phương án"
    assert len(frame_with(at, "Chỉ số")) == 2


def test_a_sample_added_as_a_variant_keeps_the_others_and_is_named_after_its_file():
    at = new_app("en").run()
    edit_first_quantity(at, 1.0)
    at.sidebar.checkbox(key="sidebar_add_variant_en").check().run()
    at.sidebar.button(key="sidebar_sample_load").click().run()
    assert not at.exception
    assert variant_names(at) == ["Variant 1", "sample_factory_en"]
    assert at.session_state["variant"] == "sample_factory_en"
    assert at.session_state["variants"]["Variant 1"].activities["quantity"].iloc[0] == 1.0
    at.sidebar.button(key="sidebar_sample_load").click().run()  # the same file again: numbered
    assert variant_names(at) == ["Variant 1", "sample_factory_en", "sample_factory_en (2)"]
    # without the option a file replaces every variant, after a confirmation
    at.sidebar.checkbox(key="sidebar_add_variant_en").uncheck().run()
    at.sidebar.button(key="sidebar_sample_load").click().run()
    assert len(variant_names(at)) == 3
    at.button(key="confirm_yes").click().run()
    assert variant_names(at) == ["Variant 1"]


def test_the_workshop_sample_opens_with_three_variants_to_compare():
    from paths import SAMPLES

    at = new_app("en").run()
    at.sidebar.selectbox(key="sidebar_sample_en").set_value(SAMPLES / "sample_workshop_en.xlsx").run()
    at.sidebar.button(key="sidebar_sample_load").click().run()
    assert not at.exception
    assert variant_names(at) == ["The deck's case", "Add servo motors and VFDs", "Add servo motors and VFDs, 10 years"]
    assert at.session_state["variant"] == "The deck's case"
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    kpis, diff = frame_with(at, "Indicator")
    assert list(kpis.columns)[1:] == variant_names(at)
    assert len(diff.columns) == 3
    changed = frame_with(at, "Sheet")
    assert len(changed) == 2  # what the two other variants change
    assert set(changed[1]["Item"]) >= {"Number of records"}


def test_an_upload_with_a_bad_variant_shows_where_and_keeps_every_variant():
    from paths import SAMPLES
    from workbook.read import read_scenario
    from workbook.write import write_scenario

    import io

    import openpyxl

    from test_app import XLSX

    base = read_scenario(SAMPLES / "sample_factory_vi.xlsx").scenario
    other = base.with_field("Finance", "discount_rate_pct", 8.0)
    data = write_scenario(base, "vi", variants={"A": base, "B": other}, current="A")
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["Phương án"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "B" and ws.cell(r, 5).value == 8)
    ws.cell(row, 5).value = "tám"  # a text in a number field of variant B
    out = io.BytesIO()
    book.save(out)

    at = new_app("vi").run()
    duplicate(at, "Của tôi", "vi")
    before = variant_names(at)
    at.sidebar.radio(key="sidebar_source_vi").set_value("upload").run()
    at.file_uploader(key="sidebar_upload_vi").set_value(("bad_variant.xlsx", out.getvalue(), XLSX)).run()
    assert not at.exception
    assert at.error and "bad_variant.xlsx" in at.error[0].value
    problems = at.main.dataframe[0].value
    line = problems[problems["Sheet"] == "Phương án"].iloc[0]
    assert line["Dòng"] == row and "Phương án 'B'" in line["Vấn đề và cách sửa"]
    assert variant_names(at) == before  # nothing lost


def test_the_edited_mark_covers_every_variant_until_a_file_is_opened():
    at = new_app("en").run()
    assert not at.session_state["scenario_edited"]
    duplicate(at, "B")
    assert at.session_state["scenario_edited"]  # a new variant is not in any file yet
    at.sidebar.selectbox(key="sidebar_variant_en").set_value("Variant 1").run()
    assert at.session_state["scenario_edited"]  # switching keeps the mark
    at.sidebar.button(key="sidebar_sample_load").click().run()
    at.button(key="confirm_yes").click().run()
    assert not at.session_state["scenario_edited"] and variant_names(at) == ["Variant 1"]


def test_trainer_mode_on_the_compare_page_opens_the_formulas_and_enlarges_the_charts():
    at = new_app("en").run()
    at.sidebar.toggle(key="sidebar_trainer").set_value(True).run()
    duplicate(at, "Copy")
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    how = next(e for e in at.expander if e.label == "How is this computed")
    assert how.proto.expanded
    assert any(m.value.startswith("**Copy − Variant 1**") for m in how.markdown)
    sizes = [f["layout"].get("font", {}).get("size") for f in plotly_figures(at)]
    assert len(sizes) == 3 and all(size == 18 for size in sizes)
