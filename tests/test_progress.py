import datetime as dt

import pytest

from dashboard.data.meetings import last_case_discussion, meetings_by_region
from dashboard.data.national import national_summary
from dashboard.data.progress import progress_by_region
from dashboard.rules.metrics import PaceStatus
from tests.helpers import load, trajectory

PEIL = dt.date(2026, 6, 30)


@pytest.fixture
def known(db):
    """AM09: 4 starts in 2026 and a sustainable 2025 start; AM01: 50 starts; everyone else nothing."""
    rows = [
        trajectory("A1", "2026-01-10"),
        trajectory("A2", "2026-02-10"),
        trajectory("A3", "2026-03-10", organisatie="UWV Achterhoek", organisatie_type="UWV"),
        trajectory("A4", "2026-06-30"),
        trajectory(
            "A0",
            "2025-03-01",
            plaatsingsdatum="2025-04-01",
            duurzaam_datum="2025-10-01",
            einddatum="2025-10-01",
            eindreden="duurzaam werk",
        ),
    ]
    rows += [
        trajectory(
            f"N{i}",
            (dt.date(2026, 1, 1) + dt.timedelta(days=3 * i)).isoformat(),
            regio="AM01",
            organisatie="GGZ Noord",
        )
        for i in range(50)
    ]
    load(db, "trajecten", rows, today=PEIL)
    meetings = [
        {"regio": "AM09", "soort": "casusbespreking", "datum": "2026-02-01", "onderwerp": "a"},
        {"regio": "AM09", "soort": "casusbespreking", "datum": "2026-05-20", "onderwerp": "b"},
        {"regio": "AM09", "soort": "leerbijeenkomst", "datum": "2026-03-01", "onderwerp": ""},
        {"regio": "AM09", "soort": "casusbespreking", "datum": "2025-11-01", "onderwerp": ""},
    ]
    load(db, "bijeenkomsten", meetings, today=PEIL)
    load(
        db,
        "doelen",
        [
            {
                "regio": "AM09",
                "jaar": "2026",
                "trajecten": "120",
                "duurzaam_pct": "40",
                "leerbijeenkomsten": "3",
                "casusbesprekingen": "10",
            }
        ],
        today=PEIL,
    )
    return db


def test_progress_by_region_counts_what_the_dataset_holds(known):
    frame = progress_by_region(known, 2026, PEIL).set_index("code")
    assert len(frame) == 35
    am09 = frame.loc["AM09"]
    assert (am09.gestart, am09.doel_trajecten, am09.leerbijeenkomsten, am09.casusbesprekingen) == (
        4,
        120,
        1,
        2,
    )
    assert am09.geleverd
    assert frame.loc["AM01"].gestart == 50 and frame.loc["AM01"].doel_trajecten == 100
    assert frame.loc["AM02"].gestart == 0 and not frame.loc["AM02"].geleverd


def test_nothing_after_the_peildatum_counts(known):
    frame = progress_by_region(known, 2026, dt.date(2026, 3, 1)).set_index("code")
    assert frame.loc["AM09"].gestart == 2
    assert frame.loc["AM09"].casusbesprekingen == 1
    early = progress_by_region(known, 2025, dt.date(2025, 9, 30)).set_index("code")
    late = progress_by_region(known, 2025, PEIL).set_index("code")
    assert (early.loc["AM09"].gestart, early.loc["AM09"].duurzaam) == (1, 0)
    assert (late.loc["AM09"].gestart, late.loc["AM09"].duurzaam) == (1, 1)


def test_national_summary_adds_regions_and_judges_pace(known):
    summary = national_summary(known, 2026, PEIL)
    assert summary.started == 54
    assert summary.target_started == 34 * 100 + 120
    assert summary.expected_started == pytest.approx(3520 * 181 / 365)
    assert summary.status is PaceStatus.VER_ACHTER
    assert summary.regions_on_track == 1  # AM01: 50 ≥ 100 × 181/365 = 49.6
    assert summary.regions_without_data == 33
    assert (summary.learning_sessions, summary.case_discussions) == (1, 2)
    assert summary.target_learning_sessions == 105 and summary.target_case_discussions == 350
    assert not summary.cohort_mature
    assert summary.mature_cohort is not None
    assert (summary.mature_cohort.year, summary.mature_cohort.started, summary.mature_cohort.sustainable) == (
        2025,
        1,
        1,
    )


def test_meeting_cadence_and_last_case_discussion(known):
    frame = meetings_by_region(known, 2026, PEIL)
    assert frame.set_index("soort").loc["casusbespreking"].aantal == 2
    last = last_case_discussion(known, PEIL).set_index("code")
    assert last.loc["AM09"].laatste == dt.date(2026, 5, 20)
    assert last_case_discussion(known, dt.date(2026, 1, 31)).set_index("code").loc["AM09"].laatste == dt.date(
        2025, 11, 1
    )
