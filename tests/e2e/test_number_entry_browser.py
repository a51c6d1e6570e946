"""Numbers typed in a table and in number fields in a real browser, under an English and a
Vietnamese browser locale: the app shows and reads numbers its language's way, whatever the
browser's locale.

In the Vietnamese app ``2.300.000`` is two million three hundred thousand and ``0,03`` three
hundredths; in the English app ``2,300,000`` and ``0.03``. The browser's locale (Playwright's
``locale`` context option) must not change that, and the other language's decimal (``0.03`` in the
Vietnamese app) is refused with the reason, never stored as 3.
"""
import re

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e
TIMEOUT = 30_000
BASE_T = 3_299.333396  # the deck's total, tCO2e
DIESEL_T = 1.385 * 2.730  # the first row: 1,385 L of diesel at the deck's 2.730 t/kL
QUANTITY_COL, FACTOR_COL = 5, 7  # the Activities editor's columns after "site" (0)


def number(value: float, lang: str, decimals: int = 2) -> str:
    text = f"{value:,.{decimals}f}"
    return text if lang == "en" else text.replace(",", "#").replace(".", ",").replace("#", ".")


def open_app(browser: Browser, browser_context_args: dict, base_url: str, locale: str, lang: str) -> Page:
    context = browser.new_context(**{**browser_context_args, "locale": locale, "base_url": base_url})
    page = context.new_page()
    page.goto(base_url)  # no session token: a new session with the sample
    total = page.get_by_test_id("stMetricValue").first
    expect(total).to_be_visible(timeout=TIMEOUT)
    assert page.evaluate("navigator.language") == locale
    if lang == "en":
        page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    expect(total).to_contain_text(number(BASE_T, lang), timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    return page


EDITOR = '[class*="st-key-inv_editor_"]'  # the activity editor's container (its key carries the version)


def editor(page: Page):
    return page.locator(EDITOR).get_by_test_id("stDataFrame")


def editor_key(page: Page) -> str:
    classes = page.locator(EDITOR).first.get_attribute("class", timeout=TIMEOUT)
    return re.search(r"st-key-(inv_editor_\w+)", classes).group(1)


def cell(page: Page, row: int, col: int):
    """A cell as the grid's accessible table holds it (row 1 = the first data row, col 0 = site)."""
    return editor(page).get_by_test_id(f"glide-cell-{col + 1}-{row - 1}")


def go_to(page: Page, row: int, col: int) -> None:
    """Select a cell of the activity editor with the mouse and the keyboard, as a user does (the
    grid scrolls to it); checked on the grid's accessible table, tried again if a redraw ate it."""
    for _ in range(10):
        try:
            ed = editor(page)
            ed.scroll_into_view_if_needed(timeout=2_000)
            box = ed.bounding_box(timeout=2_000)
            page.mouse.click(box["x"] + 60, box["y"] + 35 + 17 + 35 * (row - 1))  # a cell of the row
            selected = editor(page).locator('td[aria-selected="true"]')
            expect(selected).to_have_count(1, timeout=2_000)
            settled = None
            while settled != (settled := selected.get_attribute("id", timeout=2_000)):
                page.wait_for_timeout(300)  # the accessible table follows the click a moment later
            for _ in range(12):  # the grid may be scrolled: move from wherever the click landed
                at = int(selected.get_attribute("aria-colindex", timeout=2_000)) - 1
                if at == col:
                    break
                page.keyboard.press("ArrowRight" if at < col else "ArrowLeft")
                expect(selected).not_to_have_attribute("aria-colindex", str(at + 1), timeout=2_000)
            expect(cell(page, row, col)).to_have_attribute("aria-selected", "true", timeout=2_000)
            return
        except Exception:  # the page was redrawn meanwhile: look again
            page.wait_for_timeout(500)
    selected = editor(page).locator('td[aria-selected="true"]').evaluate_all("els => els.map(e => e.id)")
    raise AssertionError(f"could not select row {row}, column {col} of the activity editor (selected: {selected})")


def type_into(page: Page, row: int, col: int, text: str) -> None:
    """Type ``text`` into a cell and wait until the app has taken it: the editor is drawn afresh
    (a new key: the scenario's new version, or ``_r<n>`` after a refusal)."""
    key = editor_key(page)
    go_to(page, row, col)
    page.keyboard.press("Enter")
    field = page.locator("#portal input.gdg-input, #portal textarea.gdg-input").first
    expect(field).to_be_visible(timeout=TIMEOUT)
    field.fill(text)
    page.keyboard.press("Enter")
    expect(page.locator(f".st-key-{key}")).to_have_count(0, timeout=TIMEOUT)
    expect(editor(page)).to_be_visible(timeout=TIMEOUT)


@pytest.mark.parametrize("locale", ["en-US", "vi-VN"])
@pytest.mark.parametrize("lang, quantity, factor, foreign", [
    ("vi", "2.300.000", "0,03", "0.03"),
    ("en", "2,300,000", "0.03", "0,03"),
])
def test_numbers_typed_in_a_table_follow_the_app_language_not_the_browser(
        browser: Browser, browser_context_args, base_url: str, locale, lang, quantity, factor, foreign):
    page = open_app(browser, browser_context_args, base_url, locale, lang)
    total = page.get_by_test_id("stMetricValue").first
    # shown the app's way whatever the browser's locale: 1,385 L of diesel is 1.385 in Vietnamese
    expect(cell(page, 1, QUANTITY_COL)).to_have_text(number(1385, lang, 0), timeout=TIMEOUT)
    expect(cell(page, 7, QUANTITY_COL)).to_have_text(number(2_300_000, lang, 0))

    type_into(page, 1, QUANTITY_COL, quantity)
    with_quantity = BASE_T - DIESEL_T + 2_300_000 * 2.730e-3
    expect(total).to_contain_text(number(with_quantity, lang), timeout=TIMEOUT)
    expect(cell(page, 1, QUANTITY_COL)).to_have_text(quantity, timeout=TIMEOUT)

    type_into(page, 1, FACTOR_COL, factor)  # the row's own factor, t per litre
    with_factor = BASE_T - DIESEL_T + 2_300_000 * 0.03
    expect(total).to_contain_text(number(with_factor, lang), timeout=TIMEOUT)
    go_to(page, 1, FACTOR_COL)  # the grid was drawn afresh: scroll to the column again
    expect(cell(page, 1, FACTOR_COL)).to_have_text(factor, timeout=TIMEOUT)

    # the other language's decimal is refused with the reason, and nothing changes (never 3 or 1/100)
    type_into(page, 1, FACTOR_COL, foreign)
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text=f"“{foreign}”")
    expect(warning).to_be_visible(timeout=TIMEOUT)
    expect(warning).to_contain_text(factor)  # "did you mean 0,03?" / "0.03?"
    expect(total).to_contain_text(number(with_factor, lang))
    go_to(page, 1, FACTOR_COL)
    expect(cell(page, 1, FACTOR_COL)).to_have_text(factor, timeout=TIMEOUT)
    page.context.close()


@pytest.mark.parametrize("locale", ["en-US", "vi-VN"])
def test_number_fields_follow_the_app_language_not_the_browser(browser: Browser, browser_context_args, base_url: str,
                                                               locale):
    """The household page in the Vietnamese app: 120.000 (never 120000.00), 95.000 read as ninety-five
    thousand, 0,35 as thirty-five hundredths, the English 0.4 refused with the reason."""
    page = open_app(browser, browser_context_args, base_url, locale, "vi")
    page.get_by_test_id("stSidebarNav").get_by_text("Hộ gia đình (Massachusetts)", exact=True).click()
    income = page.get_by_role("textbox", name="Thu nhập hộ (USD/năm)")
    expect(income).to_have_value("120.000", timeout=TIMEOUT)
    income.fill("95000")
    income.press("Enter")
    expect(income).to_have_value("95.000", timeout=TIMEOUT)  # read and written back the Vietnamese way
    price = page.get_by_role("textbox", name="Giá điện (USD/kWh)")  # (its label ends with ⚠️ U)
    price.fill("0,35")
    price.press("Enter")
    expect(price).to_have_value("0,35", timeout=TIMEOUT)
    price.fill("0.4")
    price.press("Enter")
    expect(page.get_by_test_id("stAlertContentError").filter(has_text="“0.4”")).to_contain_text("0,4", timeout=TIMEOUT)
    expect(price).to_have_value("0,35", timeout=TIMEOUT)  # the previous value stays
    expect(income).to_have_value("95.000")
    page.context.close()
