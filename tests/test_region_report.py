"""The region and organisation reports of the hand-made dataset (``known``, see test_region_page).

At 30 June 2026 AM09 has four starts in 2026 (one sustainable, cohort immature), one case
discussion on 10 June, another on 1 February and one learning session; its cohort 2025 is T6,
started and sustainable (100 %). AM01 has four starts in 2026 (one sustainable) and no meetings.
``below_goal`` adds one AM01 start in 2025 that did not become sustainable, so the mature cohort
2025 ranks AM09 (100 %) first and AM01 (0 %) second of two, AM01 below the 40 % goal.
"""

from __future__ import annotations

import datetime as dt

import pytest

from callbacks.region import update_region
from dashboard.auth.viewer import ADMIN, NATIONAL, REGIONAL, Viewer
from dashboard.data.access import NoAccess
from dashboard.data.cohorts import funnel_by_organisation
from dashboard.documents.pack import contents
from dashboard.reports.national import national_report
from dashboard.reports.organisation import organisation_report
from dashboard.reports.region import region_report
from dashboard.reports.standing import Rank
from dashboard.reports.view import View
from dashboard.rules.region_metrics import OutflowCohort
from layouts import mix_tables
from tests.conftest import PEILDATUM
from tests.helpers import load, trajectory
from tests.test_callbacks import text_of


def view_of(**query: str) -> View:
    return View.parse({"jaar": "2026", "peildatum": "2026-06-30", **query}, PEILDATUM)


@pytest.fixture
def below_goal(known):
    extra = trajectory("M1", "2025-03-01", regio="AM01", organisatie="UWV Noord", organisatie_type="UWV")
    load(known, "trajecten", [extra], today=PEILDATUM)
    return known


def test_region_report_of_the_chosen_immature_cohort(known):
    report = region_report(known, view_of(cohort="2026"), "AM09")
    assert report.cohort == OutflowCohort(2026, 2026, False)
    standing = report.standing
    # 4 of 100 by 30 June (pace 49.6): far behind; AM01 also started 4, so both share place 1.
    assert (standing.starts.value, standing.starts.target) == (4, 100)
    assert standing.starts.status == "ver achter" and standing.starts.rank == Rank(1, 2)
    assert standing.starts.expected == pytest.approx(100 * 181 / 365)
    # Only AM09 held meetings: AM01 is *geen gegevens*, not last of two.
    assert (standing.learning.value, standing.learning.status, standing.learning.rank) == (
        1,
        "ver achter",
        Rank(1, 1),
    )
    assert (standing.cases.value, standing.cases.target, standing.cases.status) == (2, 10, "ver achter")
    outflow = standing.outflow
    assert (outflow.started, outflow.sustainable, outflow.pct) == (4, 1, 25.0)
    assert outflow.status == "nog niet uitontwikkeld" and outflow.rank == Rank(1, 2)
    assert report.outflow.status == "nog niet uitontwikkeld" and report.outflow.target_pct == 40
    assert report.funnel == {
        "aangemeld": 3,
        "gestart": 4,
        "geplaatst": 2,
        "duurzaam": 1,
        "lopend": 2,
        "uitgevallen": 1,
        "zonder_aanmelding": 1,
    }
    assert report.national_funnel is not None
    assert (report.national_funnel["gestart"], report.national_funnel["duurzaam"]) == (8, 2)
    assert report.last_case == dt.date(2026, 6, 10) and not report.overdue
    rows = report.comparison.set_index("maat")
    assert (
        rows.loc["Duurzame uitstroom %", "regio"] == 25 and rows.loc["Duurzame uitstroom %", "cohort"] == 2026
    )
    assert rows.loc["Duurzame uitstroom %", "rang"] == Rank(1, 2)
    assert rows.loc["Leerbijeenkomsten", "rang"] == Rank(1, 1)
    # AM01 is the only other region with data (both have the default target of 100).
    peers = report.peers.set_index("code")
    assert list(peers.index) == ["AM01"] and peers.loc["AM01", "naam"] == "Groningen"
    assert (peers.loc["AM01", "doel_trajecten"], peers.loc["AM01", "Trajecten gestart"]) == (100, 4)


def test_region_report_of_the_default_mature_cohort(below_goal):
    view = view_of()
    ours, theirs = region_report(below_goal, view, "AM09"), region_report(below_goal, view, "AM01")
    assert ours.cohort == theirs.cohort == OutflowCohort(2025, 2026, True)
    assert (ours.outflow.pct, ours.outflow.status, ours.outflow.rank) == (
        100.0,
        "op of boven doel",
        Rank(1, 2),
    )
    assert (theirs.outflow.pct, theirs.outflow.status, theirs.outflow.rank) == (0.0, "onder doel", Rank(2, 2))
    compared = ours.comparison.set_index("maat").loc["Duurzame uitstroom %"]
    # Pooled: 1 sustainable of 2 started in the country; the median of 100 % and 0 %.
    assert (compared["landelijk"], compared["mediaan"], compared["cohort"]) == (50.0, 50.0, 2025)
    assert theirs.standing.learning.value is None and theirs.standing.learning.status == "geen gegevens"
    assert theirs.standing.learning.rank is None and theirs.last_case is None and theirs.overdue


@pytest.mark.parametrize("cohort", [None, "2026", "2025"])
def test_region_standing_is_the_national_standing_of_the_same_view(below_goal, cohort):
    view = view_of(**({"cohort": cohort} if cohort else {}))
    national = national_report(below_goal, view)
    for code in ("AM09", "AM01", "AM02"):
        report = region_report(below_goal, view, code)
        assert report.standing == national.standing(code)
        assert report.standing.outflow.rank == national.rank("duurzaam", code)
        assert report.cohort == national.cohort == view.outflow
        # The page's gauge holds the same figure against the same goal (the cohort's own year).
        assert report.outflow == report.standing.outflow
        assert report.target_outflow_pct == report.standing.outflow.target_pct


def test_gauge_says_the_outflow_status_of_the_standing(below_goal, make_app):
    app = make_app(suppression_minimum=1)
    with app.server.app_context():
        below = text_of(update_region("2026", "AM01", "2026-06-30", None, "")[0][1])
        reached = text_of(update_region("2026", "AM09", "2026-06-30", None, "")[0][1])
    # The gauge used to say *achter* here (a pace word) where the export said *onder doel*.
    assert "0 van 1 duurzaam aan het werk" in below and below.endswith("onder doel") and "achter" not in below
    assert reached.endswith("op of boven doel") and "op koers" not in reached


def test_organisation_report_as_each_viewer_may_see_it(known):
    frame = funnel_by_organisation(known, "AM09", 2026, PEILDATUM).set_index("organisatie")
    ggz, silent = int(frame.loc["GGZ A", "id"]), int(frame.loc["Gemeente C", "id"])
    admin = view_of().but(viewer=Viewer("beheer", ADMIN))
    report = organisation_report(known, admin, ggz, 5)
    assert report.counts is not None and (report.counts["gestart"], report.counts["aandeel_pct"]) == (3, 75)
    assert report.target_outflow_pct == 40 and not report.mature and not report.suppressed
    assert report.monthly is not None and report.mix is not None and len(report.files) == 1
    national = organisation_report(known, admin.but(viewer=Viewer("sz", NATIONAL)), ggz, 5)
    # Three starts, and one or two per month and per method: all small at a threshold of 5.
    assert national.counts is not None and national.counts["gestart"] == "x" and national.suppressed
    assert national.monthly is None and national.mix is None
    assert organisation_report(known, admin, silent, 5).counts is None  # geen gegevens, never zeros
    with pytest.raises(NoAccess):
        organisation_report(known, admin.but(viewer=Viewer("gr", REGIONAL, frozenset({"AM01"}))), ggz, 5)
    with pytest.raises(NoAccess):
        organisation_report(known, admin, 999_999, 5)


def test_a_cohort_is_held_against_the_goal_of_its_own_year(below_goal):
    # AM01's goal is 40 % in 2025 and 20 % in 2026: the mature cohort 2025 (0 %) shown in the 2026
    # view is below its own year's goal, on the gauge as in the standing and the export.
    goals = [
        {
            "regio": "AM01",
            "jaar": "2026",
            "trajecten": "100",
            "duurzaam_pct": "20",
            "leerbijeenkomsten": "3",
            "casusbesprekingen": "10",
        },
    ]
    load(below_goal, "doelen", goals, today=PEILDATUM)
    report = region_report(below_goal, view_of(), "AM01")
    assert report.cohort.year == 2025
    assert (report.target_outflow_pct, report.outflow.status) == (40.0, "onder doel")
    assert report.outflow == report.standing.outflow


def rows_of(grid) -> list[list[str]]:
    """The header and body rows of a ``layouts.tables.table``, as text."""
    _caption, head, body = grid.children.children
    return [[text_of(c) for c in head.children.children]] + [
        [text_of(c) for c in row.children] for row in body.children
    ]


def test_page_and_pack_show_the_same_comparison_with_each_peer_and_a_labelled_national_column(below_goal):
    report = region_report(below_goal, view_of(), "AM09")
    main, peers, note = mix_tables.comparison_table(report).children
    page_main, page_peers = rows_of(main), rows_of(peers)
    pack_main, pack_peers = contents.comparison_table(report), contents.peers_table(report)
    assert page_main == [pack_main.headers, *pack_main.rows]
    assert page_peers == [pack_peers.headers, *pack_peers.rows]
    # The national column says what it holds: an average region for counts, a total for shares.
    national = {row[0]: row[2] for row in page_main[1:]}
    assert national["Trajecten gestart"] == "4 (gemiddelde per regio)"
    assert national["Duurzame uitstroom % (cohort 2025)"] == "50 % (landelijk totaal)"
    # The peers' table: the region first, then AM01 with its own values (not an average).
    assert page_peers[0][:3] == ["Regio", "Jaardoel trajecten", "Trajecten gestart"]
    assert page_peers[1][:3] == ["Achterhoek", "100", "4"]
    groningen = dict(zip(page_peers[0], page_peers[2], strict=True))
    assert groningen["Regio"] == "Groningen" and groningen["Jaardoel trajecten"] == "100"
    assert groningen["Duurzame uitstroom % (cohort 2025)"] == "0 %"
    assert groningen["Leerbijeenkomsten"] == "geen gegevens"
    assert "jaardoel" in text_of(note) and "gemiddelde per regio" in text_of(note)
