"""First steps: the first screen says what the app is for and offers three ways in; every page of
the deck's method points to the next one; the household is presented as the separate case."""
from __future__ import annotations

import io

import pytest

from apptest_support import new_app
from workbook.read import read_scenario
from workbook_builders import activity, minimal_book


def minimal_scenario():
    """A one-row workbook of the user's own (company "ACME Textiles"), read by the app's reader."""
    return read_scenario(io.BytesIO(minimal_book(activity()))).scenario

#: The deck's method in order: inventory → targets → measures → least-cost plan → finance → M&V → compare.
CHAIN = ["inventory", "targets", "measures", "plan", "finance", "mv", "compare"]


def page_links(at) -> list:
    return [(p.proto.page, p.proto.label) for p in at.get("page_link")]


@pytest.mark.parametrize("lang, what, sample", [
    ("vi", "Công cụ này đi theo phương pháp của khóa đào tạo", "nhà máy mẫu của khóa đào tạo"),
    ("en", "This tool follows the training's method", "the training's sample factory")])
def test_the_first_screen_says_what_the_app_does_and_offers_three_ways_in(lang, what, sample):
    at = new_app(lang).run()
    text = [m.value for m in at.markdown]
    assert any(what in m for m in text)
    opened = next(m for m in text if sample in m)
    assert at.session_state["variants"][at.session_state["variant"]].company["name"] in opened
    assert page_links(at)[0][0] == "targets"                     # explore: the next step of the method
    assert len(at.get("file_uploader")) == 1                      # upload your workbook, on the first screen
    assert at.get("download_button")[0].proto.label == ("Tải tệp mẫu trống để điền" if lang == "vi"
                                                         else "Download the empty template")


def test_the_welcome_names_an_uploaded_workbook_and_can_be_hidden_for_the_session():
    at = new_app("en").run()
    at.session_state["variants"] = {"Variant 1": minimal_scenario()}
    at.session_state["variant"] = "Variant 1"
    at.session_state["opened_from"] = "file"
    at.run()
    name = minimal_scenario().company["name"]
    assert any(m.value == f"Open now: **{name}**." for m in at.markdown)
    at.button(key="guide_hide").click().run()
    assert not any("This tool follows" in m.value for m in at.markdown)
    assert at.session_state["settings"]["guide.hidden"] is True  # saved with the session's settings
    at.switch_page("pages/targets.py").run()
    at.switch_page("pages/inventory.py").run()
    assert not any("This tool follows" in m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_points_to_the_next_step_of_the_method(lang):
    at = new_app(lang).run()
    for page, following in zip(CHAIN, CHAIN[1:] + [None]):
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception
        links = page_links(at)
        if following is None:  # the last step: the reports to take home
            assert any(("Mang kết quả về" if lang == "vi" else "Take the results home") in m.value
                       for m in at.markdown)
        else:
            assert links[-1][0] == following, (page, links)


def test_a_page_that_stops_for_missing_inputs_still_points_on():
    at = new_app("en").run()
    empty = minimal_scenario()
    empty = empty.with_table("Measures", empty.table("Measures").iloc[0:0])
    at.session_state["variants"] = {"Variant 1": empty}
    at.session_state["variant"] = "Variant 1"
    at.switch_page("pages/measures.py").run()
    assert not at.exception
    assert page_links(at)[-1][0] == "plan"
    at.switch_page("pages/plan.py").run()  # no measure to plan with: it says so and points on
    assert not at.exception
    assert page_links(at)[-1][0] == "finance"


def test_the_household_is_the_separate_massachusetts_case():
    at = new_app("en").run()
    at.switch_page("pages/household.py").run()
    assert not at.exception
    assert at.info[0].value.startswith("**A separate case, not part of the factory scenario:**")
    assert page_links(at)[-1][1].startswith("GHG inventory –")  # back to the factory's steps (the default page)
