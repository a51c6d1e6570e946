"""AppTest of the targets page: the deck's table, what-if changes, write-back, bad years."""
import pytest

from apptest_support import setting_key, type_number, new_app, plotly_figures, current_scenario, open_scenario

DECK_TOTAL_2030 = 0.7 * (60.418596 + 4_028_000 * 0.8041 / 1000)


def open_targets(lang="en"):
    at = new_app(lang).run()
    at.switch_page("pages/targets.py").run()
    assert not at.exception and not at.error
    return at


def figure(at):
    return plotly_figures(at)[0]


def names(at):
    return [d.get("name") for d in figure(at)["data"]]


def line(at, name):
    return next(d for d in figure(at)["data"] if d.get("name") == name)


def total_line(at):
    return next(d for d in figure(at)["data"] if d.get("name") in ("Scope 1+2", "Phạm vi 1+2"))


@pytest.mark.parametrize("lang, s2_2022, pct", [("en", "3,129.6", "97%"), ("vi", "3.129,6", "97 %")])
def test_deck_table_in_both_languages(lang, s2_2022, pct):
    at = open_targets(lang)
    table = at.dataframe[0].value
    assert table.iloc[2, 1] == s2_2022  # Scope 2, 2022
    assert table.iloc[5, 1] == pct  # total as % of base, 2022
    assert len([n for n in names(at) if n]) == 6  # Scope 1, Scope 2, total, BAU, SBTi 1.5 °C, WB2C


def test_what_if_42_pct_changes_chart_table_and_the_targets_sheet():
    at = open_targets()
    assert total_line(at)["y"][-1] == pytest.approx(DECK_TOTAL_2030)
    type_number(at, "tgt.reduction", "42")
    assert not at.exception
    base = 60.418596 + 4_028_000 * 0.8041 / 1000
    assert total_line(at)["y"][-1] == pytest.approx(base * 0.58)
    assert at.dataframe[0].value.iloc[4, -1] == f"{base * 0.58:,.1f}"
    targets = current_scenario(at).table("Targets")
    assert targets.loc[0, "reduction_pct"] == 42.0 and targets.loc[1, "reduction_pct"] == 10.0
    assert any("4.67 %/yr" in s.value for s in at.success)  # meets 1.5 °C now


def test_bad_years_give_a_clear_message_and_keep_the_target():
    at = open_targets()
    type_number(at, "tgt.target_year", "2021")
    assert not at.exception
    assert any("must be after the base year" in e.value for e in at.error)
    assert current_scenario(at).table("Targets").loc[0, "target_year"] == 2030


def test_reduction_in_tonnes_and_compound_path():
    at = open_targets()
    at.radio(key=setting_key("tgt.mode")).set_value("t").run()
    type_number(at, "tgt.reduction", "1,000")
    at.radio(key=setting_key("tgt.method")).set_value("compound").run()
    assert not at.exception
    base = 60.418596 + 4_028_000 * 0.8041 / 1000
    y = total_line(at)["y"]
    assert y[-1] == pytest.approx(base - 1000)
    assert y[1] / y[0] == pytest.approx(((base - 1000) / base) ** (1 / 9))
    row = current_scenario(at).table("Targets").iloc[0]
    assert row["reduction_tco2e"] == 1000.0 and row["method"] == "compound"


def test_intensity_target_warns_when_absolute_emissions_grow():
    at = open_targets()
    at.selectbox(key=setting_key("tgt.type")).set_value("physical_intensity").run()
    assert any("Production or Company" in w.value for w in at.warning)  # no output data yet
    type_number(at, "tgt.output_base", "1,000")
    assert current_scenario(at).company["output_base"] == 1000.0  # written to Company
    type_number(at, "tgt.growth", "6")
    assert not at.exception
    assert any("GROW" in w.value for w in at.warning)  # 0.7 × 1.06^9 = 1.18 > 1
    table = at.dataframe[1].value  # intensity table: implied emissions in 2030
    base = 60.418596 + 4_028_000 * 0.8041 / 1000
    assert table.iloc[-1, 3] == f"{base * 0.7 * 1.06 ** 9:,.1f}"


def test_split_can_be_removed_and_edits_survive_a_language_switch():
    at = open_targets()
    at.checkbox(key=setting_key("tgt.split")).uncheck().run()
    assert len(current_scenario(at).table("Targets")) == 1
    # without the sub-target both scopes fall by the same 30 %
    assert line(at, "Scope 1")["y"][-1] == pytest.approx(0.7 * 60.418596)
    at.sidebar.radio(key="sidebar_lang").set_value("vi").run()
    assert not at.exception
    assert at.checkbox(key=setting_key("tgt.split")).value is False


@pytest.mark.parametrize("lang, words", [("vi", ["Kỳ vọng mạnh mẽ", "Phù hợp với những Công ty đang trên đà tăng trưởng nhanh"]),
                                         ("en", ["Strong ambition", "Suits fast-growing companies"])])
def test_pros_and_cons_of_the_target_types_in_each_language(lang, words):
    at = open_targets(lang)
    text = " ".join(m.value for m in at.markdown)
    assert all(w in text for w in words)
