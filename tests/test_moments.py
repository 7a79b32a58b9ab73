import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.rules.moments import is_published_moment, previous_moment, published_moment

pytestmark = pytest.mark.zuiver

D = dt.date


@pytest.mark.parametrize(
    ("day", "moment"),
    [
        (D(2026, 9, 30), D(2026, 9, 30)),
        (D(2026, 9, 29), D(2026, 6, 30)),
        (D(2026, 1, 15), D(2025, 12, 31)),
        (D(2026, 12, 31), D(2026, 12, 31)),
        (D(2024, 3, 31), D(2024, 3, 31)),
    ],
)
def test_published_moment_is_the_last_quarter_end(day: dt.date, moment: dt.date) -> None:
    assert published_moment(day) == moment


def test_previous_moment_steps_one_quarter_back() -> None:
    assert previous_moment(D(2026, 9, 30)) == D(2026, 6, 30)
    assert previous_moment(D(2026, 3, 31)) == D(2025, 12, 31)
    assert previous_moment(D(2026, 8, 1)) == D(2026, 3, 31)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)))
def test_moment_is_a_quarter_end_no_later_than_the_day(day: dt.date) -> None:
    moment = published_moment(day)
    assert is_published_moment(moment)
    assert moment <= day < moment + dt.timedelta(days=93)
    assert all(
        not is_published_moment(moment + dt.timedelta(days=k)) for k in range(1, (day - moment).days + 1)
    )
