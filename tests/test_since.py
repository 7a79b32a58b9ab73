"""The comparison day rules and the words for what changed (pure: hand-made dates and numbers)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.reports.since import (
    CHOSEN_DAY,
    LAST_STEERING_GROUP,
    NO_COMPARISON,
    YEAR_EARLIER,
    Comparison,
    GoalChange,
    RankMove,
    RegionChanges,
    last_before,
    region_changes,
    resolve,
)
from dashboard.reports.standing import OutflowStanding, RegionStanding, Standing
from dashboard.rules.ranking import Rank
from dashboard.rules.region_metrics import OutflowCohort
from dashboard.text.changes import change_line, changes_sentence, comparison_label, rank_line

pytestmark = pytest.mark.zuiver

DAYS = [dt.date(2026, 2, 12), dt.date(2026, 6, 1), dt.date(2026, 9, 3), dt.date(2025, 10, 3)]


def test_the_last_stuurgroep_is_strictly_before_the_peildatum():
    assert last_before(DAYS, 2026, dt.date(2026, 9, 30)) == dt.date(2026, 9, 3)
    # On the day of a stuurgroep its figures are compared with the one before, not with themselves.
    assert last_before(DAYS, 2026, dt.date(2026, 9, 3)) == dt.date(2026, 6, 1)
    assert last_before(DAYS, 2026, dt.date(2026, 9, 4)) == dt.date(2026, 9, 3)
    # A past year seen later: its last stuurgroep on or before 31 December.
    assert last_before(DAYS, 2025, dt.date(2026, 9, 30)) == dt.date(2025, 10, 3)
    assert last_before(DAYS, 2026, dt.date(2025, 10, 3)) is None


def test_a_chosen_day_wins_then_the_stuurgroep_then_a_year_earlier():
    day = dt.date(2026, 9, 30)
    assert resolve(dt.date(2026, 9, 15), dt.date(2026, 9, 3), 2026, day) == Comparison(
        dt.date(2026, 9, 15), CHOSEN_DAY, 2026
    )
    assert resolve(None, dt.date(2026, 9, 3), 2026, day) == Comparison(
        dt.date(2026, 9, 3), LAST_STEERING_GROUP, 2026
    )
    assert resolve(None, None, 2026, day) == Comparison(dt.date(2025, 9, 30), YEAR_EARLIER, 2025)
    assert resolve(None, None, 2021, dt.date(2021, 5, 1)) == Comparison(None, NO_COMPARISON, 2021)
    assert resolve(None, None, 2024, dt.date(2024, 2, 29)).day == dt.date(2023, 2, 28)


def _standing(started, pct, learning, cases) -> RegionStanding:
    cohort = OutflowCohort(2025, 2026, True)
    return RegionStanding(
        "AM09",
        "Achterhoek",
        "Gelderland",
        Standing(started, 100, 74.0, "achter"),
        None,
        None,
        OutflowStanding(cohort, 40, 15, pct, None, 40.0, "onder doel"),
        Standing(learning, 3, 2.2, "op koers"),
        Standing(cases, 10, 7.4, "achter"),
    )


def test_region_changes_read_the_frames_of_the_comparison_day():
    then = pd.DataFrame(
        {
            "code": ["AM01", "AM09"],
            "gestart": [10, 34],
            "leerbijeenkomsten": [1, 2],
            "casusbesprekingen": [3, 5],
        }
    )
    outflow = pd.DataFrame({"code": ["AM01", "AM09"], "duurzaam_pct": [50.0, 35.0]})
    compared = Comparison(dt.date(2026, 9, 3), LAST_STEERING_GROUP, 2026)
    move = RankMove("doel", Rank(14, 35), Rank(12, 35))
    changes = region_changes("AM09", compared, _standing(48, 37.5, 2, 6), then, outflow, move)
    assert [(g.goal, g.then, g.now, g.difference) for g in changes.goals] == [
        ("gestart", 34, 48, 14),
        ("duurzaam", 35.0, 37.5, 2.5),
        ("leer", 2, 2, 0),
        ("casus", 5, 6, 1),
    ]
    assert changes.rank.places == 2
    assert changes_sentence(changes) == (
        "Sinds de stuurgroep van 3 september 2026: 14 trajecten gestart (nu 48 van 100), duurzame "
        "uitstroom +2,5 procentpunt (nu 38 %), geen leerbijeenkomst, 1 casusbespreking; 2 plaatsen "
        "gestegen in de rangorde."
    )
    assert change_line(changes.goal("duurzaam"), compared) == (
        "▲ +2,5 procentpunt sinds de stuurgroep van 3 september 2026 (35 % → 38 %)"
    )
    assert (
        change_line(changes.goal("leer"), compared) == "= ±0 sinds de stuurgroep van 3 september 2026 (2 → 2)"
    )
    assert rank_line(changes.rank, compared) == (
        "▲ 2 plaatsen gestegen in de rangorde sinds de stuurgroep van 3 september 2026 "
        "(van plaats 14 naar 12 van 35)"
    )
    assert comparison_label(compared) == "laatste stuurgroep (3 september 2026)"


def test_a_fall_and_a_year_earlier_are_told_with_signs():
    compared = Comparison(dt.date(2025, 9, 30), YEAR_EARLIER, 2025)
    goals = (
        GoalChange("gestart", 60, 48, 100),
        GoalChange("duurzaam", 41.0, 37.0, 40.0, percent=True),
        GoalChange("leer", 2, 2, 3),
        GoalChange("casus", None, 6, 10),
    )
    changes = RegionChanges("AM09", compared, goals, RankMove("doel", Rank(3, 35), Rank(7, 35)))
    assert changes_sentence(changes) == (
        "Vergeleken met dezelfde datum een jaar eerder (30 september 2025): trajecten gestart −12 (nu 48), "
        "duurzame uitstroom −4,0 procentpunt (nu 37 %), leerbijeenkomsten ±0 (nu 2); 4 plaatsen gedaald "
        "in de rangorde."
    )
    assert (
        change_line(goals[0], compared)
        == "▼ −12 vergeleken met een jaar eerder (30 september 2025) (60 → 48)"
    )
    assert change_line(goals[3], compared) == ""  # nothing then: no difference to show
    nothing = RegionChanges(
        "AM09", Comparison(None, NO_COMPARISON, 2021), goals, RankMove("doel", None, None)
    )
    assert changes_sentence(nothing) == "Er is nog geen eerdere stuurgroep om mee te vergelijken."
