import datetime as dt

import pandas as pd
import pytest

from dashboard.data.cadence import (
    Gap,
    attendance_by_type,
    case_discussion_gaps,
    meetings_of_region,
    meetings_with_attendance,
)
from layouts.figures.cadence import cadence_figure, cadence_summary
from layouts.meetings import overdue
from tests.helpers import load, trajectory

PEIL = dt.date(2026, 6, 30)
D = dt.date


def meeting(soort: str, datum: str, organisaties: str = "", deelnemers: str = "", **extra: str) -> dict:
    row = {
        "regio": "AM09",
        "soort": soort,
        "datum": datum,
        "deelnemers": deelnemers,
        "onderwerp": "",
        "organisaties": organisaties,
    }
    row.update(extra)
    return row


@pytest.fixture
def known(db):
    """AM09 in 2026 up to 30 June: 3 case discussions, 2 learning sessions, 1 steering group.

    Organisations with a type come from trajectories; "Onbekend BV" is only named at a meeting,
    so its type is unknown. Outside the period: a case discussion in July and one in 2025, and
    one in AM01 by a typed GGZ organisation.
    """
    load(
        db,
        "trajecten",
        [
            trajectory("T1", "2026-01-05", organisatie="GGZ Test", organisatie_type="GGZ"),
            trajectory("T2", "2026-01-05", organisatie="GGNet", organisatie_type="GGZ"),
            trajectory("T3", "2026-01-05", organisatie="UWV Achterhoek", organisatie_type="UWV"),
            trajectory("T4", "2026-01-05", organisatie="Laborijn", organisatie_type="Gemeente"),
            trajectory("T5", "2026-01-05", regio="AM01", organisatie="GGZ Noord", organisatie_type="GGZ"),
        ],
        today=PEIL,
    )
    meetings = [
        meeting("casusbespreking", "2026-01-20", "GGZ Test|GGNet|UWV Achterhoek", deelnemers="12"),
        meeting("casusbespreking", "2026-02-10", "GGZ Test|Laborijn"),
        meeting("casusbespreking", "2026-05-01", "Onbekend BV"),
        meeting("leerbijeenkomst", "2026-03-05", "GGZ Test|UWV Achterhoek", deelnemers="30", onderwerp="IPS"),
        meeting("leerbijeenkomst", "2026-06-30"),
        meeting("stuurgroep", "2026-04-15", "Laborijn", deelnemers="8"),
        meeting("casusbespreking", "2026-07-15", "GGZ Test"),
        meeting("casusbespreking", "2025-12-15", "GGZ Test"),
        meeting("casusbespreking", "2026-03-01", "GGZ Noord", regio="AM01"),
    ]
    load(db, "bijeenkomsten", meetings, today=dt.date(2026, 7, 31))
    return db


def test_meetings_of_region_lists_the_period_in_date_order(known):
    frame = meetings_of_region(known, "AM09", 2026, PEIL)
    assert list(frame.columns) == ["datum", "soort", "deelnemers", "onderwerp"]
    assert list(frame["datum"]) == [
        D(2026, 1, 20),
        D(2026, 2, 10),
        D(2026, 3, 5),
        D(2026, 4, 15),
        D(2026, 5, 1),
        D(2026, 6, 30),
    ]
    assert all(type(d) is dt.date for d in frame["datum"])
    assert list(frame["soort"]) == [
        "casusbespreking",
        "casusbespreking",
        "leerbijeenkomst",
        "stuurgroep",
        "casusbespreking",
        "leerbijeenkomst",
    ]
    assert frame["deelnemers"].tolist() == [12, pd.NA, 30, 8, pd.NA, pd.NA]
    assert frame.loc[2, "onderwerp"] == "IPS"


def test_meetings_of_region_stops_at_the_peildatum_and_the_year(known):
    early = meetings_of_region(known, "AM09", 2026, D(2026, 3, 4))
    assert list(early["datum"]) == [D(2026, 1, 20), D(2026, 2, 10)]
    # For a past year the whole year counts, and only that year.
    assert list(meetings_of_region(known, "AM09", 2025, PEIL)["datum"]) == [D(2025, 12, 15)]
    assert list(meetings_of_region(known, "AM01", 2026, PEIL)["datum"]) == [D(2026, 3, 1)]
    assert meetings_of_region(known, "AM02", 2026, PEIL).empty


def test_attendance_counts_meetings_per_organisation_type(known):
    frame = attendance_by_type(known, "AM09", 2026, PEIL)
    counts = {(r.soort, r.organisatie_soort): r.bijeenkomsten for r in frame.itertuples()}
    # Two GGZ organisations at the 20 January meeting count as one meeting; July, 2025, AM01
    # and the untyped "Onbekend BV" are left out.
    assert counts == {
        ("casusbespreking", "GGZ"): 2,
        ("casusbespreking", "Gemeente"): 1,
        ("casusbespreking", "UWV"): 1,
        ("leerbijeenkomst", "GGZ"): 1,
        ("leerbijeenkomst", "UWV"): 1,
        ("stuurgroep", "Gemeente"): 1,
    }


def test_meetings_with_attendance_counts_meetings_with_any_organisation(known):
    frame = meetings_with_attendance(known, "AM09", 2026, PEIL).set_index("soort")
    assert frame.to_dict("index") == {
        "casusbespreking": {"bijeenkomsten": 3, "met_organisaties": 3},
        "leerbijeenkomst": {"bijeenkomsten": 2, "met_organisaties": 1},
        "stuurgroep": {"bijeenkomsten": 1, "met_organisaties": 1},
    }
    early = meetings_with_attendance(known, "AM09", 2026, D(2026, 3, 4)).set_index("soort")
    assert early.loc["casusbespreking"].to_dict() == {"bijeenkomsten": 2, "met_organisaties": 2}


@pytest.mark.zuiver
def test_gaps_between_case_discussions_and_the_open_one():
    dates = [D(2026, 5, 1), D(2026, 1, 20), D(2026, 2, 10), D(2026, 2, 10), D(2026, 7, 15)]
    assert case_discussion_gaps(dates, 2026, PEIL) == [
        Gap(D(2026, 2, 10), D(2026, 5, 1), 80, False),
        Gap(D(2026, 5, 1), D(2026, 6, 30), 60, True),
    ]


@pytest.mark.zuiver
def test_gaps_from_the_start_of_the_year_or_the_last_one_before_it():
    assert case_discussion_gaps([D(2026, 3, 1), D(2026, 4, 1)], 2026, D(2026, 4, 30)) == [
        Gap(D(2026, 1, 1), D(2026, 3, 1), 59, False)
    ]
    with_previous = case_discussion_gaps([D(2026, 1, 20)], 2026, D(2026, 2, 1), previous=D(2025, 12, 1))
    assert with_previous == [Gap(D(2025, 12, 1), D(2026, 1, 20), 50, False)]
    assert case_discussion_gaps([], 2026, PEIL) == [Gap(D(2026, 1, 1), PEIL, 180, True)]
    assert case_discussion_gaps([], 2027, PEIL) == []


@pytest.mark.zuiver
def test_past_year_gaps_run_to_the_end_of_that_year():
    assert case_discussion_gaps([D(2025, 1, 10), D(2025, 2, 10), D(2025, 11, 1)], 2025, PEIL) == [
        Gap(D(2025, 2, 10), D(2025, 11, 1), 264, False),
        Gap(D(2025, 11, 1), D(2025, 12, 31), 60, True),
    ]


@pytest.mark.zuiver
@pytest.mark.parametrize(("last", "listed"), [(D(2026, 5, 16), False), (D(2026, 5, 15), True)])
def test_open_gap_agrees_with_the_overdue_rule(last, listed):
    # 30 June − 16 May = 45 days: on schedule; one day more is overdue.
    gaps = case_discussion_gaps([D(2026, 4, 1), last], 2026, PEIL)
    assert any(g.open for g in gaps) is listed
    assert overdue(last, PEIL) is listed


@pytest.mark.zuiver
def test_gaps_use_the_given_limit():
    dates = [D(2026, 1, 20), D(2026, 2, 10), D(2026, 5, 1)]
    assert [g.days for g in case_discussion_gaps(dates, 2026, PEIL, max_gap_days=20)] == [21, 80, 60]


FRAME = pd.DataFrame(
    {
        "datum": [
            D(2026, 1, 20),
            D(2026, 2, 10),
            D(2026, 3, 5),
            D(2026, 4, 15),
            D(2026, 5, 1),
            D(2026, 6, 30),
        ],
        "soort": [
            "casusbespreking",
            "casusbespreking",
            "leerbijeenkomst",
            "stuurgroep",
            "casusbespreking",
            "leerbijeenkomst",
        ],
        "deelnemers": pd.array([12, None, 1234, 8, None, None], dtype="Int64"),
        "onderwerp": ["", "", "IPS", "", "", ""],
    }
)
GAPS = [Gap(D(2026, 2, 10), D(2026, 5, 1), 80, False), Gap(D(2026, 5, 1), PEIL, 60, True)]


@pytest.mark.zuiver
def test_figure_has_one_marker_per_meeting_and_a_shape_per_kind():
    figure = cadence_figure(FRAME, GAPS, 2026, PEIL)
    traces = {t.name: t for t in figure.data}
    assert {name: len(t.x) for name, t in traces.items()} == {
        "Casusbespreking": 3,
        "Leerbijeenkomst": 2,
        "Stuurgroep": 1,
    }
    assert len({t.marker.symbol for t in figure.data}) == 3
    assert traces["Casusbespreking"].x == ("2026-01-20", "2026-02-10", "2026-05-01")
    # Each kind keeps its own row, labelled in Dutch, whatever kinds happen to be present.
    rows = dict(zip(figure.layout.yaxis.ticktext, figure.layout.yaxis.tickvals, strict=True))
    assert set(traces["Casusbespreking"].y) == {rows["Casusbespreking"]}
    assert set(traces["Stuurgroep"].y) == {rows["Stuurgroep"]}
    assert len(rows) == 6 and rows["Leerbijeenkomst"] != rows["Casusbespreking"]
    assert figure.layout.xaxis.ticktext[:3] == ("jan", "feb", "mrt")


@pytest.mark.zuiver
def test_figure_hover_is_dutch():
    traces = {t.name: t for t in cadence_figure(FRAME, GAPS, 2026, PEIL).data}
    assert traces["Casusbespreking"].text[0] == "Casusbespreking<br>20 januari 2026<br>12 deelnemers"
    assert traces["Casusbespreking"].text[1].endswith("10 februari 2026<br>deelnemers onbekend")
    assert traces["Leerbijeenkomst"].text[0] == "Leerbijeenkomst<br>5 maart 2026<br>1.234 deelnemers<br>IPS"


@pytest.mark.zuiver
def test_figure_shades_the_gaps_on_the_case_row_and_marks_the_peildatum():
    figure = cadence_figure(FRAME, GAPS, 2026, PEIL)
    rows = dict(zip(figure.layout.yaxis.ticktext, figure.layout.yaxis.tickvals, strict=True))
    rects = [s for s in figure.layout.shapes if s.type == "rect"]
    assert [(s.x0, s.x1) for s in rects] == [("2026-02-10", "2026-05-01"), ("2026-05-01", "2026-06-30")]
    assert all(s.y0 < rows["Casusbespreking"] < s.y1 for s in rects)
    assert all(s.y1 - s.y0 < 1 for s in rects)  # stays within its own row
    lines = [s for s in figure.layout.shapes if s.type == "line"]
    assert [(s.x0, s.x1) for s in lines] == [("2026-06-30", "2026-06-30")]
    texts = [a.text for a in figure.layout.annotations]
    assert texts == ["80 dagen", "al 60 dagen", "peildatum"]
    hover = [a.hovertext for a in figure.layout.annotations][:2]
    assert hover == ["80 dagen zonder casusbespreking", "al 60 dagen geen casusbespreking"]


@pytest.mark.zuiver
def test_figure_of_a_past_year_has_no_peildatum_line_and_clips_gaps_to_the_year():
    frame = pd.DataFrame(
        {
            "datum": [D(2025, 3, 1)],
            "soort": ["casusbespreking"],
            "deelnemers": pd.array([None], dtype="Int64"),
            "onderwerp": [""],
        }
    )
    gaps = case_discussion_gaps([D(2025, 3, 1)], 2025, PEIL, previous=D(2024, 12, 1))
    figure = cadence_figure(frame, gaps, 2025, PEIL)
    assert [s.type for s in figure.layout.shapes] == ["rect", "rect"]
    assert figure.layout.shapes[0].x0 == "2025-01-01"
    assert [a.text for a in figure.layout.annotations] == ["90 dagen", "305 dagen tot eind 2025"]
    assert [a.hovertext for a in figure.layout.annotations] == [
        "90 dagen zonder casusbespreking",
        "305 dagen zonder casusbespreking tot eind 2025",
    ]


@pytest.mark.zuiver
def test_figure_without_meetings_says_so():
    empty = FRAME.iloc[0:0]
    figure = cadence_figure(empty, [Gap(D(2026, 1, 1), PEIL, 180, True)], 2026, PEIL)
    assert len(figure.data) == 0
    assert [a.text for a in figure.layout.annotations] == ["Geen bijeenkomsten in 2026"]
    odd = pd.DataFrame({"datum": [D(2026, 2, 1)], "soort": ["borrel"], "deelnemers": [1], "onderwerp": [""]})
    assert [a.text for a in cadence_figure(odd, [], 2026, PEIL).layout.annotations] == [
        "Geen bijeenkomsten in 2026"
    ]


@pytest.mark.zuiver
def test_summary_tells_counts_targets_and_gaps():
    assert cadence_summary(FRAME, GAPS, 2026, PEIL, 3, 10) == (
        "In 2026 t/m 30 juni: 2 van 3 leerbijeenkomsten en 3 van 10 casusbesprekingen; "
        "2 perioden van meer dan 45 dagen zonder casusbespreking, waarvan de laatste nu nog duurt."
    )
    assert cadence_summary(FRAME, GAPS[:1], 2026, PEIL, 4, 12) == (
        "In 2026 t/m 30 juni: 2 van 4 leerbijeenkomsten en 3 van 12 casusbesprekingen; "
        "1 periode van meer dan 45 dagen zonder casusbespreking."
    )
    assert cadence_summary(FRAME.iloc[0:0], [], 2025, PEIL, 3, 10) == (
        "In 2025: 0 van 3 leerbijeenkomsten en 0 van 10 casusbesprekingen; "
        "geen periode van meer dan 45 dagen zonder casusbespreking."
    )
