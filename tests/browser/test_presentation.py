"""Presentation mode in the browser at projector size, stepped with the keys a clicker sends."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

EXPECTED = [
    "Scherm 1 van 5: Landelijk overzicht",
    "Scherm 2 van 5: Kaart: % van het jaardoel",
    "Scherm 3 van 5: Rangorde van de regio's",
    "Scherm 4 van 5: Achterhoek",
    "Scherm 5 van 5: Bijeenkomsten",
]


def position(page) -> str:
    return page.inner_text("#presentation-position")


def test_keyboard_steps_through_the_sequence_and_escape_leaves(page, server):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server + "/presentatie?jaar=2026&peildatum=2026-09-30&regios=AM09")
    page.wait_for_function(
        "document.querySelector('#presentation-position')?.innerText.startsWith('Scherm 1')"
    )
    # No navigation or controls of the normal pages; the demo notice stays.
    assert not page.is_visible("header nav") and page.is_visible("#demo-banner")
    assert_accessible(page)
    keys = ["ArrowRight", "PageDown", "Space", "ArrowRight"]
    for number, expected in enumerate(EXPECTED, start=1):
        page.wait_for_function(
            "text => document.querySelector('#presentation-position')?.innerText === text", arg=expected
        )
        screen = page.inner_text("#presentation-screen")
        assert "Cijfers t/m 30 september 2026" in screen
        # The screen is shown first; its address follows as Dash applies the step's output.
        if number > 1:
            page.wait_for_function("n => window.location.search.includes('stap=' + n)", arg=number)
        # One view per screen: nothing runs below the bottom of a 1280×720 projector.
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 760, f"scherm {number} is {height} px hoog"
        screenshot(page, f"presentatie-{number}")
        if number < len(EXPECTED):
            page.keyboard.press(keys[number - 1])
    assert "Achterhoek" in page.inner_text("#presentation-screen")
    page.keyboard.press("ArrowRight")  # at the end the sequence stays on its last screen
    assert position(page) == EXPECTED[-1]
    page.keyboard.press("PageUp")
    page.wait_for_function(
        "text => document.querySelector('#presentation-position')?.innerText === text", arg=EXPECTED[3]
    )
    page.keyboard.press("Escape")
    page.wait_for_url("**/?jaar=2026&peildatum=2026-09-30**")
    page.wait_for_selector("#tile-trajecten")


def test_region_page_offers_to_present_that_region(page, server):
    page.goto(server + "/regio/AM09?jaar=2026&peildatum=2026-09-30")
    page.click("text=Presenteren")
    page.wait_for_url("**/presentatie?jaar=2026&peildatum=2026-09-30&regios=AM09&begin=regio")
    page.wait_for_function(
        "document.querySelector('#presentation-position')?.innerText === 'Scherm 1 van 5: Achterhoek'"
    )


def test_quick_key_presses_each_take_a_step(page, server):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server + "/presentatie?jaar=2026&peildatum=2026-09-30&regios=AM09")
    page.wait_for_function(
        "document.querySelector('#presentation-position')?.innerText.startsWith('Scherm 1')"
    )
    for key in ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowLeft"]:
        page.keyboard.press(key)
    page.wait_for_function(
        "text => document.querySelector('#presentation-position')?.innerText === text", arg=EXPECTED[2]
    )
    page.wait_for_function("location.search.endsWith('stap=3')")
