"""A narrative saved for AM09 shows in presentation mode, in the PDF pack and on the bottleneck page."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from dashboard.auth.viewer import Viewer
from dashboard.data.narrative_checks import ActionInput, BottleneckInput, NarrativeInput
from dashboard.data.narratives import periods_for, save_narrative
from dashboard.infra.db import Database
from tests.browser.axe import assert_accessible
from tests.browser.conftest import DEMO_DAY, screenshot
from tests.browser.test_presentation_sizes import SMALLEST_SHARE, measure, wait_for_screen

pytestmark = pytest.mark.browser

BOTTLENECK = "Wachtlijst bij de ggz-aanbieder voor nieuwe cliënten"
ACTION = "Afspraak met de zorgverzekeraar"
SHOW = "jaar=2026&peildatum=2026-09-30&regios=AM09"


@pytest.fixture(scope="module")
def story(demo_database: str) -> str:
    """A narrative of AM09 for the period of the demo's last day, saved as the region's account."""
    db = Database(demo_database)
    try:
        period = next(p for p in periods_for(db, "AM09", 2026) if p.start <= DEMO_DAY <= p.end)
        save_narrative(
            db,
            Viewer("demo-regio", "regio", frozenset({"AM09"})),
            "AM09",
            period.key,
            NarrativeInput(
                explanations={"gestart": "De instroom vanuit de ggz stokt sinds de zomer."},
                bottlenecks=(BottleneckInput(BOTTLENECK, ("capaciteit ggz",)),),
                actions=(
                    # Due before the demo's last day and still open: overdue.
                    ActionInput(ACTION, "UWV", dt.date(2026, 9, 1), "open"),
                    ActionInput("Werkgeversontbijt organiseren", "gemeente", dt.date(2026, 11, 1), "bezig"),
                ),
            ),
        )
    finally:
        db.dispose()
    return period.key


def test_the_region_screen_shows_bottlenecks_and_open_actions_and_fits(page: Any, server: str, story: str):
    for width, height in ((1280, 720), (3840, 2160)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{server}/presentatie?{SHOW}&begin=regio")
        wait_for_screen(page, 1)
        page.wait_for_selector(".presentation-story")
        strip = page.inner_text(".presentation-story")
        assert BOTTLENECK in strip  # whole in the page, cut with an ellipsis only on the screen
        # The demo's earlier actions of AM09 carry over too: at least ours, the overdue one.
        assert re.search(r"Open acties \(\d+, waarvan \d+ achterstallig\)", strip)
        assert f"achterstallig: {ACTION} (UWV, vóór 1 september 2026)" in strip  # overdue in words
        found = measure(page)
        screenshot(page, f"presentatie-verhaal-{width}")
        assert found["scrollHeight"] <= height and found["scrollWidth"] <= width, found["scrollHeight"]
        assert found["smallest"]["size"] >= SMALLEST_SHARE * height - 0.01, found["smallest"]
    assert_accessible(page)


def test_the_pdf_pack_holds_the_narrative(page: Any, server: str, story: str):
    # The signed-in browser session fetches the pack, as its link in the presentation bar does.
    answer = page.context.request.get(f"{server}/vergaderstuk.pdf?{SHOW}", timeout=120_000)
    assert answer.status == 200
    reader = PdfReader(io.BytesIO(answer.body()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Regio Achterhoek: verhaal en acties" in text
    assert f"{BOTTLENECK} (thema's: capaciteit ggz)" in text
    assert f"{ACTION} UWV 1 september 2026 open, achterstallig" in text
    assert "Veranderingen sinds de laatste stuurgroep" in text


def test_the_bottleneck_page_counts_and_leads_to_the_region(page: Any, server: str, story: str):
    page.goto(f"{server}/knelpunten?jaar=2026&thema=capaciteit+ggz")
    page.wait_for_selector(".bottleneck-counts")
    counts = page.inner_text(".bottleneck-counts")
    assert "capaciteit ggz:" in counts and "met open acties" in counts
    screenshot(page, "knelpunten")
    assert_accessible(page)
    page.get_by_role("link", name="Achterhoek").first.click()
    page.wait_for_url("**/regio/AM09?jaar=2026")
    page.wait_for_selector("#region-heading, h1")
    assert "Achterhoek" in page.inner_text("h1")
