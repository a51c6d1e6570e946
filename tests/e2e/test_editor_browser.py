"""A table edit in a real browser: applied in the editor's on_change, so the KPIs above the table
show the new numbers at once (AppTest cannot fire a data editor's callback; this test does)."""
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
TIMEOUT = 30_000
DIESEL_T_PER_L = 2.730e-3  # the deck's diesel factor, t/L
QUANTITY_COLUMN = 5  # site, scope, category, source, fuel, quantity: the sixth column


def type_into_first_row(page: Page, editor, column: int, text: str) -> None:
    """Type ``text`` into the ``editor``'s (a locator) first data row at the ``column``-th column
    after the first (reached with the keyboard), then press Enter. The first cell is clicked until
    the grid shows it selected: a chart drawn late above the editor, or a redraw, can move the
    editor between finding it and the click (seen once in CI: the click opened no cell)."""
    for _ in range(10):
        try:
            editor.scroll_into_view_if_needed(timeout=2_000)
            box = editor.bounding_box(timeout=2_000)
            page.mouse.click(box["x"] + 60, box["y"] + 35 + 17)  # first data row, first column
            expect(editor.locator('td[aria-selected="true"]')).to_have_count(1, timeout=2_000)
            break
        except Exception:  # moved or redrawn meanwhile: look again
            page.wait_for_timeout(500)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    cell = page.locator("#portal input.gdg-input, #portal textarea.gdg-input").first
    expect(cell).to_be_visible(timeout=TIMEOUT)
    cell.fill(text)
    page.keyboard.press("Enter")


def test_editing_a_quantity_updates_the_totals(page: Page, base_url: str):
    page.goto(base_url)
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    total = page.get_by_test_id("stMetricValue").first
    expect(total).to_contain_text("3,299.33", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    box = None
    for _ in range(20):  # the language switch reruns the page: wait until the editor stays put
        try:
            editor = page.get_by_test_id("stDataFrame").last  # the activity editor, at the bottom
            editor.scroll_into_view_if_needed(timeout=2_000)
            box = editor.bounding_box(timeout=2_000)
            if box:
                break
        except Exception:  # detached while the page was redrawn: look again
            page.wait_for_timeout(500)
    assert box, "the activity editor did not settle"
    type_into_first_row(page, editor, QUANTITY_COLUMN, "2385")
    expected = 3_299.333396 + 1_000 * DIESEL_T_PER_L
    expect(total).to_contain_text(f"{expected:,.2f}", timeout=TIMEOUT)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("(edited)")
