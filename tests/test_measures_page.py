"""AppTest of the measures page: results, editing a measure, the catalogue, row messages."""
import pytest

from apptest_support import setting_key, new_app, plotly_figures, current_scenario, open_scenario

EF_KWH = 0.8041 / 1000
LED_T, AIR_T = 46_080 * EF_KWH, 140_000 * EF_KWH  # the sample's two measures


def open_measures(lang="en", editor_state=None):
    at = new_app(lang)
    if editor_state is not None:
        at.session_state["ms_editor_1"] = editor_state
    at.run()
    at.switch_page("pages/measures.py").run()
    assert not at.exception and not at.error
    return at


def kpis(at):
    return [m.value for m in at.metric]


def results(at):
    return next(df.value for df in at.dataframe if "Abatement cost (VND/tCO2e)" in df.value.columns)


def test_results_of_the_sample_measures():
    at = open_measures()
    assert kpis(at)[0] == f"{LED_T + AIR_T:,.2f}"
    table = results(at)
    led = table[table["ID"] == "M1"].iloc[0]
    assert (led["Saving per year"], led["TOE/yr"], led["CO2 cut (t/yr)"], led["Money saved (VND/yr)"],
            led["Investment (VND)"]) == ("46,080 kWh", "7.11", "37.05", "75,663,360", "160,000,000")
    names = [f["data"][0].get("name") for f in plotly_figures(at)]
    assert names[0] == "With the measures" and len(plotly_figures(at)) == 3


def test_vietnamese_numbers():
    at = open_measures("vi")
    table = next(df.value for df in at.dataframe if "Mã" in df.value.columns and "TOE/năm" in df.value.columns)
    assert table.iloc[0]["Giảm CO2 (t/năm)"] == "37,05"


def test_editing_a_measure_recomputes_everything():
    # the LED measure at 2,000 lamps instead of 1,000 (AppTest seeds the editor's delta)
    at = new_app("en").run()
    at.switch_page("pages/measures.py").run()
    key = f"ms_editor_{at.session_state['scenario_version']}"  # the editor is keyed by scenario version
    at.session_state[key] = {"edited_rows": {0: {"units": 2000.0}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert current_scenario(at).table("Measures").loc[0, "units"] == 2000.0
    assert kpis(at)[0] == f"{2 * LED_T + AIR_T:,.2f}"


def test_adding_from_the_catalogue():
    at = open_measures()
    at.selectbox(key=setting_key("ms.catalogue")).set_value("rooftop_solar").run()
    assert "1 MWp" in at.caption[-1].value or any("1 MWp" in c.value for c in at.caption)
    at.button(key="ms_catalogue_add").click().run()
    assert not at.exception
    table = current_scenario(at).table("Measures")
    assert table["id"].tolist() == ["M1", "M2", "M3"]
    row = table.iloc[2]
    assert (row["name"], row["category"], row["saving_quantity"], row["start_year"]) == (
        "Rooftop solar PV", "energy_switch", 1_200_000.0, 2022)
    assert kpis(at)[0] == f"{LED_T + AIR_T + 1_200_000 * EF_KWH:,.2f}"


@pytest.mark.parametrize("edit, message", [
    ({"fuel": "natural_gas", "method": "direct", "saving_quantity": 10.0, "saving_unit": "1000m3"}, "No emission source"),
    ({"method": "direct", "saving_quantity": 9_000_000.0, "saving_unit": "kWh"}, "is larger than what the source"),
    ({"rate_after": 0.08}, "higher than before"),
])
def test_row_messages(edit, message):
    at = new_app("en").run()
    at.switch_page("pages/measures.py").run()
    key = f"ms_editor_{at.session_state['scenario_version']}"  # the editor is keyed by scenario version
    at.session_state[key] = {"edited_rows": {0: edit}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Row 2:" in text and message in text


def test_negative_hours_from_a_file_get_a_row_message_and_typing_them_is_refused():
    at = new_app("en").run()
    scenario = current_scenario(at)
    measures = scenario.table("Measures").copy()
    measures.loc[0, "hours_per_year"] = -5.0  # as an uploaded workbook may hold it
    open_scenario(at, scenario.with_table("Measures", measures))
    at.switch_page("pages/measures.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Row 2:" in text and "negative" in text
    # the editor (minimum 0, as its number column had) refuses the value typed, and says where and why
    at = new_app("en").run()
    at.switch_page("pages/measures.py").run()
    before = current_scenario(at).table("Measures").loc[0, "hours_per_year"]
    at.session_state[f"ms_editor_{at.session_state['scenario_version']}"] = {
        "edited_rows": {0: {"hours_per_year": "-5"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert current_scenario(at).table("Measures").loc[0, "hours_per_year"] == before
    warning = " ".join(w.value for w in at.warning)
    assert "Column “Hours per year [h]”, row 2" in warning and "at least 0" in warning
