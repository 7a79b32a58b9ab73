import datetime as dt

import pytest

from dashboard.rules.metrics import (
    PaceStatus,
    cohort_is_mature,
    effective_date,
    expected_by,
    pace_status,
    projection,
    wilson_interval,
    year_fraction,
)

pytestmark = pytest.mark.zuiver


def test_year_fraction_counts_days_of_the_year():
    assert year_fraction(2026, dt.date(2026, 1, 1)) == pytest.approx(1 / 365)
    assert year_fraction(2024, dt.date(2024, 12, 31)) == pytest.approx(1.0)
    assert year_fraction(2025, dt.date(2026, 3, 1)) == 1.0
    assert year_fraction(2027, dt.date(2026, 3, 1)) == 0.0


def test_expected_by_is_linear_pace():
    # 30 June 2026 is day 181 of 365.
    assert expected_by(100, 2026, dt.date(2026, 6, 30)) == pytest.approx(100 * 181 / 365)


@pytest.mark.parametrize(
    ("actual", "expected", "status"),
    [
        (50, 50.0, PaceStatus.OP_KOERS),
        (49, 50.0, PaceStatus.ACHTER),
        (38, 50.0, PaceStatus.ACHTER),  # 76 %
        (37, 50.0, PaceStatus.VER_ACHTER),  # 74 %
        (0, 50.0, PaceStatus.VER_ACHTER),
        (None, 50.0, PaceStatus.GEEN_GEGEVENS),
    ],
)
def test_pace_status_thresholds(actual, expected, status):
    assert pace_status(actual, expected) is status


def test_projection_scales_to_year_end_with_a_range():
    result = projection(50, 2026, dt.date(2026, 6, 30))
    assert result is not None
    assert result.estimate == pytest.approx(50 * 365 / 181)
    assert result.low < result.estimate < result.high
    past = projection(120, 2025, dt.date(2026, 6, 30))
    assert past is not None and past.estimate == past.low == past.high == 120


def test_cohort_maturity_needs_six_months_after_the_last_start():
    assert not cohort_is_mature(2026, dt.date(2026, 11, 22))
    assert not cohort_is_mature(2025, dt.date(2026, 6, 29))
    assert cohort_is_mature(2025, dt.date(2026, 6, 30))
    assert cohort_is_mature(2024, dt.date(2026, 1, 1))


def test_effective_date_caps_past_years():
    assert effective_date(2025, dt.date(2026, 3, 1)) == dt.date(2025, 12, 31)
    assert effective_date(2026, dt.date(2026, 3, 1)) == dt.date(2026, 3, 1)


def test_wilson_interval_matches_reference_values():
    # 40 of 100: the Wilson 95 % interval is 0.3094–0.4980.
    low, high = wilson_interval(40, 100)
    assert low == pytest.approx(0.3094, abs=1e-4)
    assert high == pytest.approx(0.4980, abs=1e-4)
    assert wilson_interval(0, 0) is None
