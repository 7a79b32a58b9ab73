"""A saved narrative in every output: bottleneck page, presentation screen, presenter notes, pack.

AM09 of ``known`` has no stuurgroep, so its periods are the tertials; the peildatum (30 June
2026) lies in 2026-T2.
"""

from __future__ import annotations

import datetime as dt

from callbacks.bottlenecks import update_bottlenecks
from callbacks.meeting_pack import meeting_pack
from callbacks.presentation import draw_step
from callbacks.presenter import draw_presenter
from dashboard.auth.viewer import PUBLIC_VIEWER, Viewer
from dashboard.data.narrative_checks import ActionInput, BottleneckInput, NarrativeInput
from dashboard.data.narratives import save_narrative
from layouts.presentation import parse_show
from tests.helpers import viewing_as
from tests.test_callbacks import text_of

REGIO = Viewer("rob", "regio", frozenset({"AM09"}))
LANDELIJK = Viewer("kim", "landelijk")
SHOW = "?jaar=2026&peildatum=2026-06-30&regios=AM09&begin=regio"


def _save(db, public: bool = False) -> None:
    save_narrative(
        db,
        REGIO,
        "AM09",
        "2026-T2",
        NarrativeInput(
            explanations={"gestart": "Twee **nieuwe** ggz-aanbieders zijn gestart in mei."},
            bottlenecks=(BottleneckInput("Wachtlijst bij de ggz", ("capaciteit ggz", "samenwerking")),),
            actions=(
                ActionInput("Werkgeversavond organiseren", "UWV", dt.date(2026, 6, 1), "open"),
                ActionInput("Folder drukken", "projectleider", dt.date(2026, 5, 1), "klaar"),
            ),
            public=public,
        ),
    )


def test_the_bottleneck_page_counts_what_the_viewer_may_read(region_app, known):
    _save(known)
    with viewing_as(region_app, LANDELIJK):
        content, query = update_bottlenecks("2026", "capaciteit ggz", "T2", "alle")
    text = text_of(content)
    assert "capaciteit ggz: 1 regio, 1 met open acties" in text
    assert "Wachtlijst bij de ggz" in text and "1, waarvan 1 achterstallig" in text
    assert query == "?jaar=2026&thema=capaciteit+ggz&periode=T2"
    # A theme nobody named, and the public (the narrative is not marked public), find nothing.
    with viewing_as(region_app, LANDELIJK):
        other, _query = update_bottlenecks("2026", "werkgevers", "alle", "alle")
    with viewing_as(region_app, PUBLIC_VIEWER):
        public, _query = update_bottlenecks("2026", "alle", "alle", "alle")
    assert text_of(other) == text_of(public) == "Geen knelpunten gevonden voor deze keuze."


def test_the_presentation_and_presenter_show_the_story(region_app, known):
    with viewing_as(region_app, LANDELIJK):
        before = text_of(draw_step(1, SHOW, "", {"width": 1280, "height": 720})[0])
    _save(known)
    with viewing_as(region_app, LANDELIJK):
        screen = text_of(draw_step(1, SHOW, "", {"width": 1280, "height": 720})[0])
        _current, _next, notes, _total = draw_presenter(1, SHOW)
    assert "Knelpunten" not in before
    assert "Knelpunten (1)" in screen and "Wachtlijst bij de ggz (capaciteit ggz, samenwerking)" in screen
    # Only the unfinished action, and it is overdue on 30 June: said in words.
    assert "Open acties (1, waarvan 1 achterstallig)" in screen
    assert "achterstallig: Werkgeversavond organiseren (UWV, vóór 1 juni 2026)" in screen
    assert "Folder drukken" not in screen
    said = text_of(notes)
    assert "Trajecten gestart: Twee nieuwe ggz-aanbieders zijn gestart in mei." in said
    assert "Open actie: Werkgeversavond organiseren (UWV, vóór 1 juni 2026): open, achterstallig" in said


def test_the_pack_has_the_regions_narrative_page(region_app, known):
    _save(known)
    with viewing_as(region_app, LANDELIJK):
        _info, sections = meeting_pack(
            parse_show({"jaar": "2026", "peildatum": "2026-06-30", "regios": "AM09"})
        )
    (page,) = [s for s in sections if s.title == "Regio Achterhoek: verhaal en acties"]
    assert "Wachtlijst bij de ggz (thema's: capaciteit ggz, samenwerking)" in page.text
    actions = page.tables[0]
    assert actions.rows == [
        ["Folder drukken", "projectleider", "1 mei 2026", "klaar"],
        ["Werkgeversavond organiseren", "UWV", "1 juni 2026", "open, achterstallig"],
    ]
    # The trend of the region carries the narrative's mark (the period still runs: at the peildatum).
    (figures,) = [s for s in sections if s.title == "Regio Achterhoek"]
    marks = [a.text for a in figures.figures[0].layout.annotations if a.showarrow]
    assert marks == ["verhaal: 1 knelpunt, 1 open actie"]
