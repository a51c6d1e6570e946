"""AppTest of trainer mode: glossary on every page, formulas open, projector charts, reset."""
import pytest

from apptest_support import new_app, plotly_figures

PAGES = ["pages/inventory.py", "pages/targets.py", "pages/measures.py", "pages/finance.py", "pages/mv.py"]


def trainer_app(lang="en"):
    at = new_app(lang).run()
    at.sidebar.toggle(key="sidebar_trainer").set_value(True).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("page", PAGES)
def test_glossary_and_large_charts_on_every_page(page):
    at = trainer_app()
    at.switch_page(page).run()
    assert not at.exception
    glossary = next(df.value for df in at.dataframe if list(df.value.columns) == ["Tiếng Việt", "English"])
    assert ("Giá trị hiện tại ròng (NPV)", "Net present value (NPV)") in set(map(tuple, glossary.values))
    sizes = [f["layout"].get("font", {}).get("size") for f in plotly_figures(at)]
    assert sizes and all(size == 18 for size in sizes)


def test_formulas_are_open_in_trainer_mode():
    at = trainer_app()
    how = [e for e in at.expander if e.label == "How is this computed"]
    assert how and how[0].proto.expanded
    plain = new_app("en").run()
    assert not [e for e in plain.expander if e.label == "How is this computed"][0].proto.expanded
    assert not any(list(df.value.columns) == ["Tiếng Việt", "English"] for df in plain.dataframe)


def test_reset_to_the_decks_case():
    at = trainer_app()
    at.session_state["inv_editor_1"] = {"edited_rows": {0: {"quantity": 99_999.0}}, "added_rows": [],
                                        "deleted_rows": []}
    at.run()
    assert at.session_state["scenario_edited"]
    edited_metric = at.metric[0].value
    at.sidebar.button(key="sidebar_trainer_reset").click().run()
    assert at.session_state["scenario_edited"]  # the edit would be lost: asked first
    at.button(key="confirm_yes").click().run()
    assert not at.exception and not at.session_state["scenario_edited"]
    assert at.metric[0].value == "3,299.33"
    at.sidebar.button(key="sidebar_undo").click().run()  # and the edit comes back
    assert at.session_state["scenario_edited"] and at.metric[0].value == edited_metric
