"""The region and organisation levels in English, and still Dutch by default."""

from __future__ import annotations

import datetime as dt

import pytest

from callbacks.organisation import update_organisation, update_organisations
from callbacks.region import update_comparison, update_region
from dashboard.i18n import use_language
from dashboard.reports.standing import Standing
from dashboard.rules import metrics
from geodata import region_refs
from layouts import gauges, region
from layouts.exports import export_links, pack_links
from tests.test_callbacks import text_of
from tests.test_region_page import org_id, run


@pytest.mark.zuiver
def test_meeting_gauge_writes_numbers_and_dates_per_language():
    def card() -> str:
        flag = gauges.overdue_flag(dt.date(2026, 3, 1), dt.date(2026, 6, 30), True)
        expected = metrics.expected_by(2000, 2026, dt.date(2026, 6, 30))
        standing = Standing(1234, 2000, expected, metrics.pace_status(1234, expected).value)
        column = gauges.meeting_gauge("Leerbijeenkomsten", standing, "g", 1100, flag)
        return text_of(column)

    with use_language("en"):
        english = card()
        config = gauges.static_config()
    assert "1,234 of 2,000" in english and "of 2,000 (annual target)" in english
    assert "overdue" in english and "latest: 1 March 2026" in english and "before 30 June 2026" in english
    assert "Last year on this date: 1,100" in english and config["locale"] == "en"
    dutch = card()
    assert "1.234 van 2.000" in dutch and "laatste: 1 maart 2026" in dutch and "vóór 30 juni 2026" in dutch
    assert gauges.static_config()["locale"] == "nl" and "locale" not in gauges.STATIC


def test_region_page_skeleton_and_grid_in_english(known, region_app):
    ref = next(r for r in region_refs() if r.code == "AM09")
    with use_language("en"):
        grid_text = region.grid_text()
        headers = [c["headerName"] for c in region.organisation_columns()]
        trail = region.region_trail(ref, 2026, "2026-06-30")
        links = text_of(pack_links(2026, "2026-06-30", ("AM09",)))
        export = export_links("regios", 2026, dt.date(2026, 6, 30), "the figures", region="AM09")
    assert grid_text["noRowsToShow"] == "No organisations" and grid_text["contains"] == "Contains"
    assert headers[:3] == ["Organisation", "Type", "Started"] and "Share of region" in headers
    assert trail[0] == ("Netherlands", "/?jaar=2026&peildatum=2026-06-30&lang=en")
    assert links.startswith("Meeting pack: PDF")
    assert export.children[1] == "Download the figures: "
    assert export.children[2].href.endswith("regio=AM09&lang=en")
    # Dutch, the default, keeps its texts and addresses without a language parameter.
    assert region.grid_text()["noRowsToShow"] == "Geen organisaties"
    assert region.region_trail(ref, 2026, "2026-06-30")[0] == (
        "Nederland",
        "/?jaar=2026&peildatum=2026-06-30",
    )


def test_region_callbacks_in_english(known, region_app):
    with use_language("en"):
        cards, heading, _links, _trail, query = run(
            region_app, update_region, "2026", "AM09", "2026-06-30", "2026"
        )
        grid, _figure, _text = run(region_app, update_comparison, "2026", "AM09", "2026-06-30", "2026")
    text = text_of(cards)
    assert "4 of 100" in text and "Sustainable outflow, cohort 2026" in text and "not yet mature" in text
    assert heading.startswith("Labour-market region AM09") and heading.endswith(
        "up to 30 June 2026 · provisional"
    )
    assert query == "?jaar=2026&peildatum=2026-06-30&cohort=2026&lang=en"
    assert "Sustainable outflow % (cohort 2026)" in text_of(grid) and "Measure" in text_of(grid)
    cards, heading, *_rest = run(region_app, update_region, "2026", "AM09", "2026-06-30", "2026")
    assert "4 van 100" in text_of(cards) and heading.endswith("t/m 30 juni 2026 · voorlopig")


def test_organisation_level_in_english(known, region_app):
    silent = org_id(known, "Gemeente C")
    ggz = org_id(known, "GGZ A")
    with use_language("en"):
        rows, _links, _options = run(region_app, update_organisations, "2026", "AM09", "2026-06-30")
        tiles, heading, _trail, _query = run(region_app, update_organisation, "2026", ggz, "2026-06-30")
        empty, *_rest = run(region_app, update_organisation, "2026", silent, "2026-06-30")
    by_name = {row["organisatie"]: row for row in rows}
    assert by_name["Gemeente C"]["laatst_aangeleverd"] == "no data"
    text = text_of(tiles)
    assert "Trajectories started 3" in text and "Sustainable outflow 33%" in text and "target 40%" in text
    assert heading == "Start cohort 2026, figures up to 30 June 2026"
    assert "no data" in text_of(empty)
    tiles, heading, *_rest = run(region_app, update_organisation, "2026", ggz, "2026-06-30")
    assert "Duurzame uitstroom 33 %" in text_of(tiles) and heading.endswith("t/m 30 juni 2026")
