"""A walk through the monitor with the keyboard alone: national → region → organisation → back.

No clicks and no ``page.focus``/``select_option`` shortcuts: only Tab, typing, arrow keys and
Enter, and every element that takes the focus must show it.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import show_organisations

pytestmark = pytest.mark.browser

# Whether the focused element shows a focus indicator (outline or Bootstrap's focus ring).
FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  // The picker button inside a date input takes the focus itself (the input then is not :focus);
  // its ring is drawn on the button (monitor.css), which the page's own styles cannot read.
  if (el.type === 'date' && !el.matches(':focus')) return '';
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return ring || shadow ? '' : (el.id || el.tagName) + ' ' + (el.textContent || '').trim().slice(0, 40);
}"""


def tab_to(page, selector: str, limit: int = 120) -> list[str]:
    """Press Tab until ``selector`` has the focus; returns the elements that showed no focus."""
    unmarked = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})"):
            return unmarked
        if page.evaluate("document.activeElement.tagName") == "INPUT":
            page.wait_for_timeout(200)  # Bootstrap's 0.15 s focus transition
        missing = page.evaluate(FOCUS_VISIBLE)
        if missing and missing != "body":
            unmarked.append(missing)
    raise AssertionError(f"{selector} niet bereikt met Tab; zonder zichtbare focus: {unmarked}")


def test_keyboard_walk_from_country_to_organisation_and_back(page, server):
    page.goto(server + "/?kaart=tegel")
    page.wait_for_selector("#tile-trajecten .kpi-value")
    # The first stop is the skip link; it takes the focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    unmarked = tab_to(page, "#national-highlight")
    page.keyboard.type("Achterhoek")  # type-ahead on the focused list, as a keyboard user does
    page.wait_for_selector("#national-region-link a")
    unmarked += tab_to(page, "#national-region-link a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/regio/AM09**")
    show_organisations(page)

    unmarked += tab_to(page, "#region-organisation-select", limit=250)
    page.keyboard.press("ArrowDown")
    page.wait_for_selector("#region-organisation-link a")
    unmarked += tab_to(page, "#region-organisation-link a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/regio/AM09/organisatie/**")
    page.wait_for_selector("#org-gestart .kpi-value")

    # Back up the drill-down by the breadcrumb, the keyboard user's way up.
    unmarked += tab_to(page, "nav[aria-label=Kruimelpad] a[href^='/regio/AM09']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/regio/AM09?**")
    page.wait_for_selector("#gauge-trajecten .kpi-value")
    unmarked += tab_to(
        page, "nav[aria-label=Kruimelpad] a[href^='/?'], nav[aria-label=Kruimelpad] a[href='/']"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/regio" not in url)
    page.wait_for_selector("#tile-trajecten .kpi-value")
    assert unmarked == [], f"focus niet zichtbaar op: {unmarked}"


def test_figure_tables_open_with_the_keyboard_and_pass_axe(page, server):
    from tests.browser.axe import assert_accessible

    page.goto(server + "/regio/AM09")
    page.wait_for_selector("#region-funnel-tabel-knop:not([hidden])")
    switches = page.locator("button.figure-table-toggle:not([hidden])")
    assert switches.count() >= 5  # funnel (region and national), months, meetings, funnel plot
    for index in range(switches.count()):
        switch = switches.nth(index)
        switch.focus()
        page.keyboard.press("Enter")
        table = page.locator(f"#{switch.get_attribute('aria-controls')} table")
        table.wait_for()
        assert switch.get_attribute("aria-expanded") == "true"
        assert table.locator("caption").inner_text().strip() and table.locator("tbody tr").count() > 0
    assert_accessible(page)
    # Pressed again, the table goes away.
    switches.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#{switches.first.get_attribute('aria-controls')} table", state="detached")
