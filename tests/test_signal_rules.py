"""The signal rules on their edges: 45 versus 46 days, the band's edge, the deadline day, 40 %."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.rules import signals as rules

pytestmark = pytest.mark.zuiver

D = dt.date


def test_a_case_discussion_45_days_ago_is_in_time_and_46_days_is_overdue():
    last = D(2026, 6, 10)
    first = D(2021, 1, 1)
    assert rules.case_overdue_since(last, last + dt.timedelta(days=45), first) is None
    assert rules.case_overdue_since(last, last + dt.timedelta(days=46), first) == D(2026, 7, 26)
    # The start stays the same on later days: the signal's key does not change while it holds.
    assert rules.case_overdue_since(last, D(2026, 9, 30), first) == D(2026, 7, 26)


def test_a_region_without_any_case_discussion_counts_from_the_start():
    assert rules.case_overdue_since(None, D(2021, 2, 15), D(2021, 1, 1)) is None
    assert rules.case_overdue_since(None, D(2021, 2, 16), D(2021, 1, 1)) == D(2021, 2, 16)


@pytest.mark.parametrize(
    ("then", "now", "worse"),
    [
        ("op koers", "achter", True),
        ("op koers", "ver achter", True),
        ("achter", "ver achter", True),
        ("achter", "achter", False),
        ("ver achter", "achter", False),
        ("achter", "op koers", False),
        ("geen gegevens", "ver achter", False),
        ("op koers", "geen gegevens", False),
    ],
)
def test_pace_worse_only_for_a_step_down(then, now, worse):
    assert rules.pace_worse(then, now) is worse


def test_learning_sessions_are_behind_only_by_a_whole_session():
    # 3 a year: on 1 May (day 121 of 365) the pace asks 0.99 sessions, on 2 May 1.003.
    assert rules.learning_sessions_due(3, 2026, D(2026, 5, 1)) == 0
    assert rules.learning_sessions_due(3, 2026, D(2026, 5, 2)) == 1
    assert rules.learning_behind_since([], 3, 2026, D(2026, 5, 1)) is None
    assert rules.learning_behind_since([], 3, 2026, D(2026, 9, 30)) == D(2026, 5, 2)
    # One session on 1 June: behind from 2 May until then, and again once two are due (1 Sept).
    assert rules.learning_behind_since([D(2026, 6, 1)], 3, 2026, D(2026, 6, 1)) is None
    assert rules.learning_behind_since([D(2026, 6, 1)], 3, 2026, D(2026, 9, 30)) == D(2026, 9, 1)
    # A session held after the second became due does not restart the stretch.
    assert rules.learning_behind_since([D(2026, 9, 10)], 3, 2026, D(2026, 9, 30)) == D(2026, 5, 2)


def test_outflow_exactly_on_the_goal_is_reached():
    assert rules.outflow_below(40.0, 40.0, True) is False
    assert rules.outflow_below(39.99, 40.0, True) is True
    assert rules.outflow_below(10.0, 40.0, False) is False  # an immature cohort is not judged
    assert rules.outflow_below(None, 40.0, True) is False


def test_a_cohort_is_mature_from_six_months_after_its_last_start():
    assert rules.cohort_mature_from(2025) == D(2026, 6, 30)


def test_the_delivery_deadline_day_is_still_in_time():
    assert rules.delivery_deadline(2026, 2) == D(2026, 8, 11)
    assert rules.last_judged_quarter(D(2026, 8, 11)) == (2026, 1)
    assert rules.last_judged_quarter(D(2026, 8, 12)) == (2026, 2)
    assert rules.last_judged_quarter(D(2026, 2, 11), days=42) == (2025, 3)
    assert rules.last_judged_quarter(D(2026, 2, 12), days=42) == (2025, 4)
    assert rules.last_judged_quarter(D(2026, 8, 1), days=30) == (2026, 2)


def test_the_anomaly_band_edge_is_inside():
    history = [10, 12, 14, 16, 18]  # median 14, MAD 2
    low, high = rules.anomaly_band(history)
    spread = 3 * 1.4826 * 2
    assert (low, high) == pytest.approx((14 - spread, 14 + spread))
    assert not rules.outside_band(high, (low, high))
    assert not rules.outside_band(low, (low, high))
    assert rules.outside_band(high + 0.01, (low, high))
    assert rules.outside_band(low - 0.01, (low, high))
    assert not rules.outside_band(22, (low, high)) and rules.outside_band(23, (low, high))


def test_a_steady_organisation_gets_a_band_of_at_least_one_mad():
    band = rules.anomaly_band([10, 10, 10, 10])
    assert band == pytest.approx((10 - 3 * 1.4826, 10 + 3 * 1.4826))
    assert not rules.outside_band(14, band) and rules.outside_band(15, band)
    assert rules.anomaly_band([10, 10, 10]) is None  # too short a history


def test_a_redelivery_above_a_quarter_changed_is_suspect():
    assert rules.redelivery_suspect(5, 15) is False  # exactly 25 %
    assert rules.redelivery_suspect(6, 14) is True
    assert rules.redelivery_suspect(19, 0) is False  # 19 rows re-delivered: too few to judge
    assert rules.redelivery_changed(19, 0) is None
