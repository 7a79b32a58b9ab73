"""The presenter view in a second window keeps in step with the beamer, both ways."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

SHOW = "?jaar=2026&peildatum=2026-09-30&regios=AM09"
SAYS = "([id, text]) => document.getElementById(id)?.innerText === text"


def test_presenter_and_beamer_follow_each_other(page, server):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server + "/presentatie" + SHOW)
    page.wait_for_function(SAYS, arg=["presentation-position", "Scherm 1 van 5: Landelijk overzicht"])
    link = page.locator("#presentation-presenter")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("href") == "/presentatie/presentator" + SHOW

    presenter = page.context.new_page()
    errors: list[str] = []
    presenter.on("pageerror", lambda error: errors.append(str(error)))
    presenter.set_viewport_size({"width": 1440, "height": 900})
    presenter.goto(server + "/presentatie/presentator" + SHOW)
    presenter.wait_for_function(SAYS, arg=["presenter-current", "Scherm 1 van 5: Landelijk overzicht"])
    presenter.wait_for_function(SAYS, arg=["presenter-next", "Kaart: % van het jaardoel"])
    # The clock runs in the browser: the time of day as hh:mm:ss.
    presenter.wait_for_function(
        "/^\\d\\d:\\d\\d:\\d\\d$/.test(document.getElementById('presenter-clock').innerText)"
    )
    # The national verdict, as the national page says it.
    assert "liggen achter op twee of meer doelen" in presenter.inner_text("#presenter-notes")

    # The clicker on the presenter's laptop moves the beamer.
    presenter.keyboard.press("ArrowRight")
    page.wait_for_function(SAYS, arg=["presentation-position", "Scherm 2 van 5: Kaart: % van het jaardoel"])
    presenter.wait_for_function(SAYS, arg=["presenter-next", "Rangorde van de regio's"])

    # And a key pressed at the beamer moves the presenter.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    presenter.wait_for_function(SAYS, arg=["presenter-current", "Scherm 4 van 5: Regio Achterhoek"])
    page.wait_for_function(SAYS, arg=["presentation-position", "Scherm 4 van 5: Achterhoek"])
    presenter.wait_for_function(SAYS, arg=["presenter-next", "Bijeenkomsten"])
    # The region's own verdict now: its goal of 100 starts, not the country's.
    assert "van 100)" in presenter.inner_text("#presenter-notes")
    presenter.keyboard.press("ArrowLeft")
    page.wait_for_function(SAYS, arg=["presentation-position", "Scherm 3 van 5: Rangorde van de regio's"])
    presenter.click("#presenter-forward")
    page.wait_for_function(SAYS, arg=["presentation-position", "Scherm 4 van 5: Achterhoek"])
    presenter.click("#presenter-back")
    page.wait_for_function(SAYS, arg=["presentation-position", "Scherm 3 van 5: Rangorde van de regio's"])

    assert_accessible(presenter)
    screenshot(presenter, "presentatorweergave")
    assert errors == []
