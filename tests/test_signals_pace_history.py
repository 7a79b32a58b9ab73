"""The pace signal's one-pass comparison statuses answer exactly what the region frames answer.

``pace_statuses`` stands in for ``region_metrics(progress_by_region(...))["status"]`` on each
region's comparison day; these tests hold the two side by side on days inside and at the end of
months, before a region's first start, with withdrawn trajectories and a region's own goal, and
compare the whole signal list computed both ways.
"""

from __future__ import annotations

import datetime as dt

from dashboard.data import summary
from dashboard.data.pace_history import pace_statuses
from dashboard.data.progress import progress_by_region
from dashboard.i18n import use_language
from dashboard.reports import signals
from dashboard.rules import signals as rules
from dashboard.rules.region_metrics import region_metrics
from tests.helpers import load, trajectory

D = dt.date
DAYS = (D(2026, 1, 1), D(2026, 1, 15), D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 10), D(2026, 3, 31))
DAYS += (D(2026, 4, 2), D(2026, 5, 20), D(2026, 6, 30))


def _reference(db, year, days):
    # What the pace rule read before: the whole region frame of each comparison day.
    found = {}
    for day in days:
        frame = region_metrics(progress_by_region(db, year, day), year, day)
        found[day] = dict(zip(frame["code"], frame["status"], strict=True))
    return found


def _fixture(db):
    rows = [trajectory(f"A{i}", f"2026-01-{10 + i:02d}") for i in range(12)]
    rows += [trajectory(f"B{i}", "2026-03-05", organisatie="GGZ B") for i in range(9)]
    # Withdrawn trajectories are not counted, but a region with only those still has data.
    rows += [
        trajectory(f"W{i}", "2026-02-03", eindreden="ingetrokken", einddatum="2026-02-04") for i in range(5)
    ]
    rows += [trajectory("X1", "2026-02-10", regio="AM01", eindreden="ingetrokken", einddatum="2026-02-11")]
    rows += [trajectory(f"C{i}", "2026-04-01", regio="AM02") for i in range(30)]
    rows += [trajectory("O1", "2025-11-20", regio="AM03")]
    load(db, "trajecten", rows, today=D(2026, 6, 30))
    load(
        db,
        "doelen",
        [
            {
                "regio": "AM09",
                "jaar": "2026",
                "trajecten": "40",
                "duurzaam_pct": "40",
                "leerbijeenkomsten": "4",
                "casusbesprekingen": "8",
            }
        ],
        today=D(2026, 6, 30),
    )


def test_started_by_region_counts_what_counts_gives_one_day_at_a_time(db):
    _fixture(db)
    # Several days in one month and the end of a month before them: the summary months and the
    # rows of each unfinished month must join up exactly.
    days = (*DAYS, D(2026, 1, 9), D(2026, 1, 10), D(2026, 1, 16), D(2026, 3, 4), D(2026, 3, 5))
    with db.engine.connect() as connection:
        found = summary.started_by_region(connection, 2026, days)
        for day in days:
            frame = summary.counts(connection, {summary.STARTED: day}, ["code"], cohort=2026)
            expected = {code: n for code, n in zip(frame["code"], frame["aantal"], strict=True) if n}
            assert found[day] == expected, day
    assert found[D(2026, 1, 15)] == {"AM09": 6} and found[D(2026, 3, 5)]["AM09"] == 21


def test_pace_statuses_equal_the_region_frames_on_every_day(db):
    _fixture(db)
    found = pace_statuses(db, 2026, DAYS)
    assert found == _reference(db, 2026, DAYS)
    # The fixture reaches every status, so the comparison could have failed on each.
    statuses = {status for day in DAYS for status in found[day].values()}
    assert {"geen gegevens", "op koers", "ver achter"} <= statuses
    assert (
        found[D(2026, 1, 1)]["AM01"] == "geen gegevens" and found[D(2026, 2, 28)]["AM01"] != "geen gegevens"
    )


def test_the_signal_list_is_the_same_as_with_the_region_frames(db, monkeypatch):
    # Every region rule fires here: pace (AM09 fell since its stuurgroep), cases, learning and a
    # missing delivery of GGZ B.
    load(db, "trajecten", [trajectory(f"P{i}", "2026-03-01") for i in range(25)], today=D(2026, 3, 20))
    load(db, "trajecten", [trajectory("Q1", "2025-12-01", organisatie="GGZ B")], today=D(2025, 12, 20))
    load(
        db,
        "bijeenkomsten",
        [
            {"regio": "AM09", "soort": "stuurgroep", "datum": "2026-03-31"},
            {"regio": "AM01", "soort": "stuurgroep", "datum": "2026-02-15"},
            {"regio": "AM09", "soort": "casusbespreking", "datum": "2026-04-20"},
        ],
        today=D(2026, 6, 30),
    )

    def listed(day):
        with use_language("nl"):
            return [
                (s.key, s.rule, s.region, s.organisation, s.severity, str(s.text), s.started, s.link)
                for s in signals.open_signals(db, day, rules.DELIVERY_DEADLINE_DAYS)
            ]

    days = (D(2026, 6, 30), D(2026, 8, 12))
    now = [listed(day) for day in days]
    monkeypatch.setattr(signals, "pace_statuses", _reference)
    assert now == [listed(day) for day in days]
    fired = {row[1] for rows in now for row in rows}
    assert {rules.PACE, rules.CASES, rules.LEARNING, rules.DELIVERY} <= fired
