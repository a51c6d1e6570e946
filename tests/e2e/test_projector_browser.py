"""Projector-first layout in a real browser (issue 14): at 1024×768 and 1366×768, on every page
and in both languages, no KPI card cuts its value or label ("305.5…"), no number in a card is
broken across lines, no widget's label is cut (a checkbox's long label in a narrow column), and
on Finance the portfolio's NPV and IRR are in view without scrolling.

One browser context per viewport; the pages are visited in a loop through the sidebar's links
(every page the navigation offers, so a new page is checked too).
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ui.i18n import t

pytestmark = pytest.mark.e2e
TIMEOUT = 30_000
VIEWPORTS = [(1024, 768), (1366, 768)]
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

#: True once the app has finished its run and nothing on screen is stale, for half a second
SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const done = app && app.dataset.testScriptState === "notRunning" && !document.querySelector('[data-stale="true"]');
  if (!done) { window.__settledSince = null; return false; }
  window.__settledSince = window.__settledSince || performance.now();
  return performance.now() - window.__settledSince > 500;
}"""

#: every KPI card: how many px its value and its label overflow their boxes (the element or any
#: element inside it: Streamlit cuts the text in an inner box with "…"), and the words of the
#: value that are broken across lines
CARDS_JS = """() => {
  const over = e => !e ? 0 : Math.max(0, ...[e, ...e.querySelectorAll('*')].filter(x => x.clientWidth > 0)
                                                  .map(x => x.scrollWidth - x.clientWidth));
  const broken = e => {
    const out = [];
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
    return out;
  };
  return [...document.querySelectorAll('[data-testid="stMetric"]')].map(card => {
    const value = card.querySelector('[data-testid="stMetricValue"]');
    const label = card.querySelector('[data-testid="stMetricLabel"]');
    return {label: label ? label.innerText : "", value: value ? value.innerText : "",
            value_over: over(value), label_over: over(label), broken: value ? broken(value) : []};
  });
}"""


#: every widget label (checkboxes and toggles included) that overflows its box, by how many px (its
#: elements or any inside; the hidden input of a checkbox is not text)
LABELS_JS = """() => {
  const over = e => Math.max(0, ...[e, ...e.querySelectorAll('*')]
    .filter(x => x.clientWidth > 2 && x.tagName !== 'INPUT').map(x => x.scrollWidth - x.clientWidth));
  return [...document.querySelectorAll('[data-testid="stWidgetLabel"]')]
    .map(l => [l.textContent.trim().slice(0, 80), over(l)]).filter(([_, o]) => o > 1);
}"""

#: the page as loaded: neither the window nor Streamlit's main area scrolled
NOT_SCROLLED_JS = """() => window.scrollY === 0
  && [...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')].every(e => e.scrollTop === 0)"""


def settle(page: Page) -> None:
    page.wait_for_function(SETTLED_JS, polling=100, timeout=TIMEOUT)


def sidebar(page: Page):
    return page.get_by_test_id("stSidebar")


def switch_language(page: Page, lang: str) -> None:
    sidebar(page).get_by_test_id("stRadioOption").filter(has_text=LANGUAGES[lang]).click()
    expect(sidebar(page).get_by_role("radio", name=LANGUAGES[lang])).to_be_checked(timeout=TIMEOUT)
    settle(page)


def open_page(page: Page, href: str) -> None:
    page.evaluate("window.__settledSince = null")
    page.locator(f'[data-testid="stSidebarNavLink"][href="{href}"]').click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(href)}(\?.*)?$"), timeout=TIMEOUT)  # ?s=: the session
    settle(page)


def in_view(page: Page, card_label: str, width: int, height: int) -> str | None:
    """None if the KPI card labelled ``card_label`` shows its value inside the viewport (the page
    not scrolled), else what is wrong."""
    card = page.get_by_test_id("stMetric").filter(has_text=card_label)
    if card.count() != 1:
        return f"{card.count()} cards labelled {card_label!r}"
    box = card.get_by_test_id("stMetricValue").bounding_box()
    if box is None or box["width"] == 0:
        return f"{card_label!r}: value not shown"
    if not (0 <= box["x"] and box["x"] + box["width"] <= width and 0 <= box["y"] and box["y"] + box["height"] <= height):
        return f"{card_label!r}: value at {box} outside the {width}×{height} viewport"
    return None


@pytest.mark.parametrize("width,height", VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_kpi_cards_fit_on_every_page_and_language(browser, base_url: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        check_every_page(context.new_page(), base_url, width, height)
    finally:
        context.close()


def check_every_page(page: Page, base_url: str, width: int, height: int) -> None:
    page.goto(base_url)
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
    settle(page)
    hrefs = page.get_by_test_id("stSidebarNavLink").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) >= 7, hrefs
    problems, seen, finance_seen = [], 0, 0
    for lang in ("vi", "en"):
        if lang != "vi":
            switch_language(page, lang)
        for href in hrefs:
            open_page(page, href)
            where = f"{width}×{height} {lang} {href.rsplit('/', 1)[-1] or 'inventory'}"
            expect(page.get_by_test_id("stException")).to_have_count(0)
            for card in page.evaluate(CARDS_JS):
                seen += 1
                if card["value_over"] > 1:
                    problems.append(f"{where}: value {card['value']!r} of {card['label']!r} cut by {card['value_over']} px")
                if card["label_over"] > 1:
                    problems.append(f"{where}: label {card['label']!r} cut by {card['label_over']} px")
                if card["broken"]:
                    problems.append(f"{where}: {card['broken']} of {card['value']!r} broken across lines")
            for label, px in page.evaluate(LABELS_JS):
                problems.append(f"{where}: widget label {label!r} cut by {px} px")
            if href.endswith("/finance"):
                finance_seen += 1
                assert page.evaluate(NOT_SCROLLED_JS), "the Finance page opened scrolled"
                for key in ("fin.kpi_npv", "fin.kpi_irr"):
                    wrong = in_view(page, t(key, lang, cur="VND"), width, height)
                    if wrong:
                        problems.append(f"{where}: {wrong}")
    assert finance_seen == 2 and seen >= 20, (finance_seen, seen)
    assert not problems, "\n".join(problems)
