"""Since the last stuurgroep: the comparison day of the reports and what changed since then.

The hand-made dataset ``known`` (see test_region_page) gets stuurgroep meetings: AM09 on 1 March
and on 30 June 2026 (the peildatum itself, so not yet "before" it), AM01 on 20 January 2026. Worked
out by hand at 30 June 2026:

* AM09 compares with 1 March. Then: 3 starts (T1 10 Jan, T2 10 Feb, T3 2 Jan), no learning
  session, 1 case discussion (1 Feb), cohort 2025 at 100 % (T6, sustainable since 15 Dec 2025).
  Now: 4 starts (T5 1 Apr), 1 learning session, 2 case discussions, still 100 %. On progress toward
  the year goal AM09 (3 %) led AM01 (2 %: 15 Jan, 15 Feb) and now shares first place (4 and 4).
* AM01 compares with 20 January: 1 start then (15 Jan), 4 now; no learning session or case
  discussion; it rose from second place (1 % against AM09's 2 %) to a shared first.
"""

from __future__ import annotations

import datetime as dt

import pytest
from dash.exceptions import PreventUpdate

from callbacks.region import update_region_page
from callbacks.steering import record_steering_group
from dashboard.auth.viewer import Viewer
from dashboard.cli import cli, run
from dashboard.data.meta import data_status
from dashboard.data.steering import national_steering_groups
from dashboard.i18n import use_language
from dashboard.reports.national import national_report
from dashboard.reports.region import region_report
from dashboard.reports.since import CHOSEN_DAY, LAST_STEERING_GROUP, YEAR_EARLIER
from dashboard.reports.view import View
from dashboard.rules.ranking import Rank
from dashboard.text.changes import change_line, changes_sentence, comparison_label, rank_line
from layouts import data_page
from layouts.tiles import national_tiles
from tests.conftest import PEILDATUM
from tests.helpers import load, viewing_as
from tests.test_callbacks import text_of


@pytest.fixture
def cycle(known):
    meetings = [
        {"regio": "AM09", "soort": "stuurgroep", "datum": "2026-03-01"},
        {"regio": "AM09", "soort": "stuurgroep", "datum": "2026-06-30"},
        {"regio": "AM01", "soort": "stuurgroep", "datum": "2026-01-20"},
    ]
    load(known, "bijeenkomsten", meetings, today=PEILDATUM)
    return known


def view_of(**query: str) -> View:
    return View.parse({"jaar": "2026", "peildatum": "2026-06-30", **query}, PEILDATUM)


def test_a_region_compares_with_its_last_stuurgroep_before_the_peildatum(cycle):
    report = region_report(cycle, view_of(), "AM09")
    compared = report.compared_with
    assert (compared.day, compared.source, compared.year) == (dt.date(2026, 3, 1), LAST_STEERING_GROUP, 2026)
    assert report.comparison_day == dt.date(2026, 3, 1)
    assert report.steering_groups == (dt.date(2026, 3, 1), dt.date(2026, 6, 30))
    changes = report.changes
    then_now = {g.goal: (g.then, g.now, g.difference) for g in changes.goals}
    assert then_now == {
        "gestart": (3, 4, 1),
        "duurzaam": (100.0, 100.0, 0.0),
        "leer": (0, 1, 1),
        "casus": (1, 2, 1),
    }
    assert (changes.rank.then, changes.rank.now, changes.rank.places) == (Rank(1, 2), Rank(1, 2), 0)
    assert comparison_label(compared) == "laatste stuurgroep (1 maart 2026)"
    assert changes_sentence(changes) == (
        "Sinds de stuurgroep van 1 maart 2026: 1 traject gestart (nu 4 van 100), duurzame uitstroom "
        "±0,0 procentpunt (nu 100 %), 1 leerbijeenkomst, 1 casusbespreking; gelijk gebleven in de "
        "rangorde (plaats 1)."
    )
    assert (
        change_line(changes.goal("gestart"), compared) == "▲ +1 sinds de stuurgroep van 1 maart 2026 (3 → 4)"
    )


def test_a_region_that_rose_says_so_in_words_and_arrow(cycle):
    report = region_report(cycle, view_of(), "AM01")
    changes = report.changes
    assert report.comparison_day == dt.date(2026, 1, 20)
    assert changes.goal("gestart").difference == 3
    assert changes.goal("duurzaam").now is None  # no cohort 2025 in AM01: nothing to compare
    assert (changes.rank.then, changes.rank.now, changes.rank.places) == (Rank(2, 2), Rank(1, 2), 1)
    assert changes_sentence(changes) == (
        "Sinds de stuurgroep van 20 januari 2026: 3 trajecten gestart (nu 4 van 100), geen "
        "leerbijeenkomst, geen casusbespreking; 1 plaats gestegen in de rangorde."
    )
    assert rank_line(changes.rank, report.compared_with) == (
        "▲ 1 plaats gestegen in de rangorde sinds de stuurgroep van 20 januari 2026 "
        "(van plaats 2 naar 1 van 2)"
    )
    with use_language("en"):
        assert changes_sentence(changes) == (
            "Since the steering group of 20 January 2026: 3 trajectories started (now 4 of 100), no "
            "learning session, no case discussion; up 1 place in the ranking."
        )


def test_a_chosen_day_wins_and_without_a_stuurgroep_it_is_a_year_earlier(cycle):
    chosen = region_report(cycle, view_of(sinds="2026-02-01"), "AM09")
    assert (chosen.comparison_day, chosen.compared_with.source) == (dt.date(2026, 2, 1), CHOSEN_DAY)
    # By 1 February: T1 and T3 started; the case discussion of 1 February counts.
    assert chosen.changes.goal("gestart").then == 2 and chosen.changes.goal("casus").then == 1
    assert changes_sentence(chosen.changes).startswith("Sinds 1 februari 2026: 2 trajecten gestart")
    # On 15 February AM09 has held no stuurgroep yet: the same date a year earlier, 2025's figures.
    early = region_report(cycle, view_of(peildatum="2026-02-15"), "AM09")
    compared = early.compared_with
    assert (compared.day, compared.source, compared.year) == (dt.date(2025, 2, 15), YEAR_EARLIER, 2025)
    # T6 started on 1 May 2025: on 15 February 2025 AM09 had delivered nothing, which is not zero.
    assert early.changes.goal("gestart").then is None and early.changes.goal("gestart").now == 3
    assert changes_sentence(early.changes) == (
        # The outflow gauge's cohort (2024) has no AM09 trajectory: no data now either.
        "Vergeleken met dezelfde datum een jaar eerder (15 februari 2025): duurzame uitstroom: geen gegevens."
    )
    # At 30 June a year earlier (no stuurgroep in 2025 either) T6 had started: 1 then, 4 now.
    late = region_report(cycle, View.parse({"jaar": "2025", "peildatum": "2025-12-31"}, PEILDATUM), "AM09")
    assert late.compared_with.source == YEAR_EARLIER
    assert (late.changes.goal("gestart").then, late.changes.goal("gestart").now) == (None, 1)


def test_region_page_shows_the_changes_near_the_verdict_and_on_the_gauges(cycle, make_app):
    app = make_app(suppression_minimum=1)
    with app.server.test_request_context("/regio/AM09"):
        parts = update_region_page("2026", "AM09", "2026-06-30", None, "?jaar=2026&peildatum=2026-06-30")
    gauges, since = text_of(parts[0]), parts[6]
    assert since.startswith("Sinds de stuurgroep van 1 maart 2026: 1 traject gestart")
    assert "▲ +1 sinds de stuurgroep van 1 maart 2026 (3 → 4)" in gauges
    assert "▲ +1 sinds de stuurgroep van 1 maart 2026 (0 → 1)" in gauges  # the learning session
    with app.server.test_request_context("/regio/AM09"):
        chosen = update_region_page("2026", "AM09", "2026-06-30", "2024", "?jaar=2026&sinds=2026-02-01")
    assert chosen[6].startswith("Sinds 1 februari 2026:")
    # Another cohort rewrites the address, and the chosen day stays in it.
    assert chosen[4].endswith("cohort=2024&sinds=2026-02-01")


def test_the_national_stuurgroep_recorded_by_beheer_is_the_national_default(cycle, monkeypatch, capsys):
    url = cycle.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("HZW_DATABASE_URL", url)
    before = national_report(cycle, view_of())
    assert (before.compared_with.source, before.earlier_day, before.since) == (
        YEAR_EARLIER,
        dt.date(2025, 6, 30),
        None,
    )
    version = data_status(cycle).version
    assert run(cli, ["stuurgroep", "landelijk", "2026-31-03"]) == 1
    assert "geen datum" in capsys.readouterr().err
    assert data_status(cycle).version == version  # a refused date changes nothing
    assert run(cli, ["stuurgroep", "landelijk", "2026-03-31"]) == 0
    # Cached answers are keyed by the data version: a recorded day must change it.
    assert data_status(cycle).version != version
    assert run(cli, ["stuurgroep", "landelijk", "2026-06-30"]) == 0  # the peildatum itself: not before it
    report = national_report(cycle, view_of())
    assert (report.compared_with.source, report.since) == (LAST_STEERING_GROUP, dt.date(2026, 3, 31))
    # By 31 March: AM09 3 starts, AM01 3 (15 Jan, 15 Feb, 15 Mar); now 4 and 4.
    assert (report.earlier.started, report.summary.started) == (6, 8)
    assert report.rank_change("doel", "AM09").places == 0
    assert "Bij de stuurgroep van 31 maart 2026: 6 (▲ +2)" in text_of(national_tiles(report))
    # A chosen day still wins over the recorded one.
    assert national_report(cycle, view_of(sinds="2026-02-01")).compared_with.source == CHOSEN_DAY
    assert run(cli, ["stuurgroep", "landelijk", "2026-03-31", "--verwijder"]) == 0
    assert national_report(cycle, view_of()).compared_with.source == YEAR_EARLIER


def test_beheer_records_the_national_stuurgroep_on_the_data_page(cycle, make_app):
    app = make_app()
    with viewing_as(app, Viewer("beheerder", "beheer")):
        assert "Nog geen landelijke stuurgroep vastgelegd." in text_of(record_steering_group(None, None))
        assert "Kies eerst een datum" in text_of(record_steering_group(1, "31-03-2026"))
        shown = text_of(record_steering_group(2, "2026-03-31"))
        assert (
            "Landelijke stuurgroep van 31 maart 2026 vastgelegd." in shown
            and "Vastgelegd: 31 maart 2026" in shown
        )
        assert "was al vastgelegd" in text_of(record_steering_group(3, "2026-03-31"))
    assert national_report(cycle, view_of()).since == dt.date(2026, 3, 31)
    # Anyone else changes nothing, also with a forged request.
    with viewing_as(app, Viewer("iemand", "landelijk")), pytest.raises(PreventUpdate):
        record_steering_group(1, "2026-05-01")
    assert national_steering_groups(cycle) == [dt.date(2026, 3, 31)]
    assert "Landelijke stuurgroep" in text_of(data_page.page(10, Viewer("beheerder", "beheer")))
    assert "Landelijke stuurgroep" not in text_of(data_page.page(10, Viewer("iemand", "landelijk")))
