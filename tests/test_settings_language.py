"""Every page input lives in the page settings (ui.settings) and survives a language switch, a page
switch and a saved session; numbers are typed and shown the app language's way (tables and fields)."""
import json

import pytest

from apptest_support import current_scenario, new_app, setting_key, type_number

LANG = "sidebar_lang"


def page(lang: str, name: str):
    at = new_app(lang).run()
    at.switch_page(f"pages/{name}.py").run()
    assert not at.exception and not at.error
    return at


def switch_language(at, lang: str):
    at.sidebar.radio(key=LANG).set_value(lang).run()
    assert not at.exception
    return at


def field(at, name: str) -> str:
    """The text a number field shows."""
    return at.text_input(key=setting_key(name)).value


def settings_dict(at) -> dict:
    settings = at.session_state["settings"]
    json.dumps(settings, allow_nan=False)  # a plain JSON dict, as the session database keeps it
    return settings


# -- the language switch keeps every input ---------------------------------------------------------
def test_household_inputs_survive_the_language_switch_and_a_page_switch():
    at = page("en", "household")
    type_number(at, "hh.income", "35,000")
    type_number(at, "hh.household_size", "2")
    type_number(at, "hh.electricity_price", "0.31")
    type_number(at, "hh.loan_rate_pct", "2.5")
    at.checkbox(key=setting_key("hh.weatherization")).uncheck().run()
    at.checkbox(key=setting_key("hh.tax_credit")).uncheck().run()
    before = [m.value for m in at.metric]
    switch_language(at, "vi")
    assert (field(at, "hh.income"), field(at, "hh.household_size"), field(at, "hh.electricity_price"),
            field(at, "hh.loan_rate_pct")) == ("35.000", "2", "0,31", "2,5")
    assert at.checkbox(key=setting_key("hh.weatherization")).value is False
    assert at.checkbox(key=setting_key("hh.tax_credit")).value is False
    assert [m.value.replace(".", "#").replace(",", ".").replace("#", ",") for m in at.metric][:4] == before[:4]
    at.switch_page("pages/inventory.py").run()
    at.switch_page("pages/household.py").run()
    assert field(at, "hh.income") == "35.000" and at.checkbox(key=setting_key("hh.weatherization")).value is False
    s = settings_dict(at)
    assert (s["hh.income"], s["hh.household_size"], s["hh.weatherization"]) == (35_000.0, 2, False)


def test_targets_inputs_survive_the_language_switch():
    at = page("en", "targets")
    at.radio(key=setting_key("tgt.method")).set_value("compound").run()
    type_number(at, "tgt.reduction", "42.5")
    type_number(at, "tgt.growth", "1.5")
    at.checkbox(key=setting_key("tgt.split")).check().run()
    at.selectbox(key=setting_key("tgt.split_scope")).set_value("2").run()
    type_number(at, "tgt.split_pct", "12.5")
    switch_language(at, "vi")
    assert at.radio(key=setting_key("tgt.method")).value == "compound"
    assert (field(at, "tgt.reduction"), field(at, "tgt.growth"), field(at, "tgt.split_pct")) == ("42,5", "1,5", "12,5")
    assert at.selectbox(key=setting_key("tgt.split_scope")).value == "2"
    assert field(at, "tgt.base_year") == "2021"  # years are not grouped: never 2.021
    targets = current_scenario(at).table("Targets")
    assert 42.5 in targets["reduction_pct"].tolist() and 12.5 in targets["reduction_pct"].tolist()


def test_measures_catalogue_pick_survives_the_language_switch():
    at = page("en", "measures")
    at.selectbox(key=setting_key("ms.catalogue")).set_value("rooftop_solar").run()
    switch_language(at, "vi")
    assert at.selectbox(key=setting_key("ms.catalogue")).value == "rooftop_solar"


def test_finance_inputs_survive_the_language_switch():
    at = page("en", "finance")
    at.selectbox(key=setting_key("fin.pick")).set_value(0).run()
    type_number(at, "fin.discount_rate_pct", "10.5")
    at.selectbox(key=setting_key("fng.loan_kind")).set_value("equal_principal").run()
    type_number(at, "fwi.budget", "85,000,000")  # (the default budget is 95,000,000)
    at.radio(key=setting_key("fwi.budget_goal")).set_value("tco2e").run()
    switch_language(at, "vi")
    assert at.selectbox(key=setting_key("fin.pick")).value == 0
    assert at.selectbox(key=setting_key("fng.loan_kind")).value == "equal_principal"
    assert at.radio(key=setting_key("fwi.budget_goal")).value == "tco2e"
    assert (field(at, "fin.discount_rate_pct"), field(at, "fwi.budget")) == ("10,5", "85.000.000")
    assert field(at, "fin.analysis_years") == "5"  # never 5.00
    fields = current_scenario(at).fields["Finance"]
    assert (fields["discount_rate_pct"], fields["budget"]) == (10.5, 85_000_000.0)


def test_mv_choices_survive_the_language_switch():
    at = page("en", "mv")
    at.multiselect(key=setting_key("mv.drivers")).set_value(["production"]).run()
    at.checkbox(key=setting_key("mv.months")).check().run()
    at.checkbox(key=setting_key("mv_q.baseline_meter")).uncheck().run()
    at.slider(key=setting_key("mv_q.share")).set_value(40).run()
    switch_language(at, "vi")
    assert at.multiselect(key=setting_key("mv.drivers")).value == ["production"]
    assert at.checkbox(key=setting_key("mv.months")).value is True
    assert at.checkbox(key=setting_key("mv_q.baseline_meter")).value is False
    assert at.slider(key=setting_key("mv_q.share")).value == 40


def test_compare_picks_survive_the_language_switch():
    at = new_app("en").run()
    base = current_scenario(at)
    at.session_state["variants"] = {"A": base, "B": base, "C": base}
    at.session_state["variant"] = "A"
    at.switch_page("pages/compare.py").run()
    at.multiselect(key=setting_key("cmp.pick")).set_value(["B", "C"]).run()
    at.selectbox(key=setting_key("cmp.reference")).set_value("C").run()
    switch_language(at, "vi")
    assert at.multiselect(key=setting_key("cmp.pick")).value == ["B", "C"]
    assert at.selectbox(key=setting_key("cmp.reference")).value == "C"


def test_settings_restored_into_a_new_session_come_back_on_the_page():
    """What the session database restores (the settings dict) is what the widgets show."""
    at = new_app("vi")
    at.session_state["settings"] = {"hh.income": 48_000.0, "hh.heat_pump": False}
    at.run()
    at.switch_page("pages/household.py").run()
    assert field(at, "hh.income") == "48.000" and at.checkbox(key=setting_key("hh.heat_pump")).value is False


# -- number fields typed the app language's way ------------------------------------------------
def test_a_number_field_reads_vietnamese_typing_and_refuses_an_english_decimal():
    at = page("vi", "household")
    assert field(at, "hh.income") == "120.000"  # never 120000.00
    type_number(at, "hh.electricity_price", "0,35")
    assert settings_dict(at)["hh.electricity_price"] == 0.35 and field(at, "hh.electricity_price") == "0,35"
    type_number(at, "hh.income", "95.000")
    assert settings_dict(at)["hh.income"] == 95_000.0
    type_number(at, "hh.electricity_price", "0.4")  # an English decimal: refused, not read as 4
    assert not at.exception
    assert settings_dict(at)["hh.electricity_price"] == 0.35 and field(at, "hh.electricity_price") == "0,35"
    message = " ".join(e.value for e in at.error)
    assert "“0.4”" in message and "0,4" in message and "(0,35)" in message
    type_number(at, "hh.household_size", "2,5")  # a whole number is needed
    assert settings_dict(at)["hh.household_size"] == 3 and "số nguyên" in " ".join(e.value for e in at.error)


def test_a_number_field_in_english():
    at = page("en", "finance")
    type_number(at, "fwi.budget", "2,300,000")
    assert current_scenario(at).fields["Finance"]["budget"] == 2_300_000.0 and field(at, "fwi.budget") == "2,300,000"
    type_number(at, "fwi.budget", "2.300.000")
    assert current_scenario(at).fields["Finance"]["budget"] == 2_300_000.0
    assert any("Did you mean 2,300,000?" in e.value for e in at.error)


# -- tables typed the app language's way -------------------------------------------------------------
def editor_key(at, prefix: str) -> str:
    return f"{prefix}_{at.session_state['scenario_version']}"


def editor_frame(at, column: str):
    return next(df.value for df in at.main.dataframe if column in df.value.columns)


@pytest.mark.parametrize("lang, quantity, factor, quantity_shown", [
    ("vi", "2.300.000", "0,03", "2.300.000"),
    ("en", "2,300,000", "0.03", "2,300,000"),
])
def test_a_table_edit_typed_as_text_is_stored_as_meant(lang, quantity, factor, quantity_shown):
    at = new_app(lang).run()
    at.session_state[editor_key(at, "inv_editor")] = {
        "edited_rows": {0: {"quantity": quantity, "factor_tco2e_per_unit": factor}}, "added_rows": [],
        "deleted_rows": []}
    at.run()
    assert not at.exception and not at.warning
    row = current_scenario(at).activities.iloc[0]
    assert (row["quantity"], row["factor_tco2e_per_unit"]) == (2_300_000.0, 0.03)
    shown = editor_frame(at, "quantity").iloc[0]
    assert (shown["quantity"], shown["factor_tco2e_per_unit"]) == (quantity_shown, factor)
    expected = 3299.333396 - 1.385 * 2.730 + 2_300_000 * 0.03
    total = f"{expected:,.2f}"
    assert at.metric[0].value == (total if lang == "en" else total.replace(",", "#").replace(".", ",").replace("#", "."))


def test_a_table_shows_numbers_in_the_apps_language():
    at = new_app("vi").run()
    assert editor_frame(at, "quantity")["quantity"].tolist()[:7] == ["1.385", "456", "14.521", "581", "989", "5",
                                                                      "2.300.000"]
    switch_language(at, "en")
    assert editor_frame(at, "quantity")["quantity"].tolist()[:7] == ["1,385", "456", "14,521", "581", "989", "5",
                                                                      "2,300,000"]


def test_a_table_refuses_an_english_decimal_in_the_vietnamese_app_and_says_where():
    at = new_app("vi").run()
    before = current_scenario(at).activities.loc[1, "quantity"]
    at.session_state[editor_key(at, "inv_editor")] = {
        "edited_rows": {1: {"quantity": "0.03"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert current_scenario(at).activities.loc[1, "quantity"] == before  # kept, never 3
    warning = " ".join(w.value for w in at.warning)
    assert "Cột “Lượng tiêu thụ”, dòng 3" in warning and "0,03" in warning and "giữ nguyên" in warning
    assert not at.session_state["scenario_edited"]


def test_a_new_row_typed_the_vietnamese_way():
    at = new_app("vi").run()
    added = {"scope": 1, "category": "stationary", "source": "lò hơi", "fuel": "diesel", "unit": "L",
             "quantity": "1.000"}
    at.session_state[editor_key(at, "inv_editor")] = {"edited_rows": {}, "added_rows": [added], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert current_scenario(at).activities.iloc[-1]["quantity"] == 1000.0


def test_the_measures_table_reads_money_and_years():
    at = page("vi", "measures")
    at.session_state[editor_key(at, "ms_editor")] = {
        "edited_rows": {0: {"capex_equipment": "95.000.000", "start_year": "2023", "usage_factor": "80 %"}},
        "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception and not at.warning
    row = current_scenario(at).table("Measures").iloc[0]
    assert (row["capex_equipment"], row["start_year"], row["usage_factor"]) == (95_000_000.0, 2023, 0.8)
    shown = editor_frame(at, "capex_equipment").iloc[0]
    assert (shown["capex_equipment"], shown["start_year"]) == ("95.000.000", "2023")


def test_the_life_cycle_table_without_column_config_is_read_too():
    at = page("en", "finance")
    at.session_state[editor_key(at, "fin_lcc_editor")] = {
        "edited_rows": {0: {"price": "12,500"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert current_scenario(at).table("LifeCycle").iloc[0]["price"] == 12_500.0
