"""A region's narrative page in the meeting pack, read back from the PDF and the PPTX."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from dashboard.documents.pack import PackInfo, pack_pdf, pack_pptx
from dashboard.documents.pack.narrative import narrative_section
from dashboard.i18n import use_language
from dashboard.reports.narrative import Action, Bottleneck, Narrative, Period
from dashboard.reports.since import LAST_STEERING_GROUP, Comparison, GoalChange, RankMove, RegionChanges
from dashboard.reports.standing import Rank

pytestmark = pytest.mark.zuiver

DAY = dt.date(2026, 9, 30)
INFO = PackInfo("Vergaderstuk", DAY, "jaar 2026 · regio's: Achterhoek", "29 september 2026", 2026)
PERIOD = Period("sg-2026-09-10", dt.date(2026, 6, 20), dt.date(2026, 9, 10), dt.date(2026, 9, 10))
STORY = Narrative(
    region="AM09",
    period=PERIOD,
    version=2,
    saved_by="demo-regio",
    saved_at=dt.datetime(2026, 9, 12, 10, 30),
    public=False,
    explanations={"gestart": "De **instroom** vanuit de ggz stokt sinds de zomer.", "leer": ""},
    bottlenecks=(Bottleneck("Wachtlijst bij de ggz-aanbieder", ("capaciteit ggz", "samenwerking")),),
    actions=(
        Action("a1", "Afspraak met de zorgverzekeraar", "UWV", dt.date(2026, 9, 1), "open", "sg-2026-06-19"),
        Action(
            "a2", "Werkgeversontbijt", "gemeente Doetinchem", dt.date(2026, 11, 1), "bezig", "sg-2026-09-10"
        ),
        Action("a3", "Folder drukken", "projectleider", dt.date(2026, 8, 1), "klaar", "sg-2026-06-19"),
    ),
    success_factors="- Korte lijnen met de werkgevers",
    development_points="Meer casusbesprekingen plannen",
)
CHANGES = RegionChanges(
    "AM09",
    Comparison(dt.date(2026, 9, 10), LAST_STEERING_GROUP, 2026),
    (
        GoalChange("gestart", 40, 52, 100),
        GoalChange("duurzaam", 30.0, 31.5, 40.0, percent=True),
        GoalChange("leer", 2, 2, 3),
        GoalChange("casus", 6, 7, 10),
    ),
    RankMove("doel", Rank(14, 35), Rank(12, 35)),
)


def _pdf_text(section) -> str:
    reader = PdfReader(io.BytesIO(pack_pdf(INFO, [section])))
    return "\n".join(page.extract_text() for page in reader.pages[1:])


def test_the_pdf_page_holds_the_story_the_actions_and_the_changes():
    with use_language("nl"):
        text = _pdf_text(narrative_section("Achterhoek", STORY, CHANGES, DAY))
    flat = " ".join(text.split())
    assert "Regio Achterhoek: verhaal en acties" in flat
    assert "Verhaal over stuurgroep 10 september 2026 (versie 2 van 12 september 2026)" in flat
    # Markup is gone, the words stay.
    assert "Trajecten gestart: De instroom vanuit de ggz stokt sinds de zomer." in flat
    assert "**" not in flat and "Leerbijeenkomsten:" not in flat  # an empty explanation is left out
    assert "Wachtlijst bij de ggz-aanbieder (thema's: capaciteit ggz, samenwerking)" in flat
    assert "Korte lijnen met de werkgevers" in flat and "Meer casusbesprekingen plannen" in flat
    # The actions table: owner, due date, status, and overdue in words (only the unfinished late one).
    assert "Afspraak met de zorgverzekeraar UWV 1 september 2026 open, achterstallig" in flat
    assert "Werkgeversontbijt gemeente Doetinchem 1 november 2026 bezig" in flat
    assert "Folder drukken projectleider 1 augustus 2026 klaar" in flat
    assert flat.count("achterstallig") == 1
    # What changed since the stuurgroep, as the region page's sentence and gauges say it.
    assert "Sinds de stuurgroep van 10 september 2026: 12 trajecten gestart (nu 52 van 100)" in flat
    assert "▲ +12 sinds de stuurgroep van 10 september 2026 (40 → 52)" in flat
    assert "2 plaatsen gestegen in de rangorde" in flat


def test_without_a_narrative_the_page_says_so_and_still_shows_the_changes():
    with use_language("nl"):
        flat = " ".join(_pdf_text(narrative_section("Achterhoek", None, CHANGES, DAY)).split())
    assert "Voor deze periode is nog geen verhaal vastgelegd." in flat
    assert "Veranderingen sinds de laatste stuurgroep" in flat
    assert "Acties (" not in flat


def test_the_pptx_carries_the_same_page_in_english():
    with use_language("en"):
        deck = Presentation(
            io.BytesIO(pack_pptx(INFO, [narrative_section("Achterhoek", STORY, CHANGES, DAY)]))
        )
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
    flat = " ".join(" ".join(texts).split())
    assert "Region Achterhoek: narrative and actions" in flat
    assert "open, overdue" in flat
    assert "Wachtlijst bij de ggz-aanbieder" in flat
