"""Shown figures round halves away from zero, as Dutch statistics do, in both languages."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from dashboard.cli.database import _size
from dashboard.i18n import use_language
from dashboard.importing.reading import _megabytes
from dashboard.reports.organisation import _plain
from dashboard.text import format as fmt
from dashboard.text.rounding import exact, rounded, whole
from layouts.gauges import dial
from layouts.tiles import _change, _pace_bar

pytestmark = pytest.mark.zuiver


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (12.5, 0, "13"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (0.5, 0, "1"),
        (1234.5, 0, "1.235"),
        (0.125, 2, "0,13"),
        (-0.125, 2, "-0,13"),
        (1.005, 2, "1,01"),  # the float is 1.00499999999999989…; it was written as 1.005
        (12.25, 1, "12,3"),
        (12.4, 0, "12"),  # below the half still rounds down
        (-12.4, 0, "-12"),
    ],
)
def test_numbers_round_halves_away_from_zero(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


def test_percentages_round_halves_away_from_zero_in_both_languages():
    assert fmt.percentage(12.5) == "13 %"
    assert fmt.percentage(100 * 0.125) == "13 %"  # a share of 1 in 8
    # 57 of 200 is 28.5 %, though 100 * 0.285 is 28.499999999999996 as a float.
    assert fmt.percentage(100 * 0.285) == "29 %"
    assert fmt.percentage(38.25, 1) == "38,3 %"
    with use_language("en"):
        assert fmt.percentage(12.5) == "13%"
        assert fmt.number(2.5) == "3" and fmt.number(-2.5) == "-3"


def test_the_rounding_helper():
    assert rounded(12.5) == Decimal(13) and rounded(-2.5) == Decimal(-3)
    assert rounded(0.125, 2) == Decimal("0.13") and rounded(2.675, 2) == Decimal("2.68")
    assert rounded(Decimal("0.045"), 2) == Decimal("0.05") and rounded(7) == Decimal(7)
    assert whole(3407.5) == 3408 and whole(-0.5) == -1 and whole(3407.4) == 3407
    assert exact(100 * 0.285) == Decimal("28.5") and exact(1 / 3) == Decimal("0.333333333333333")
    assert math.isnan(rounded(math.nan)) and rounded(math.inf).is_infinite()


def test_tiles_round_their_shares_and_differences_away_from_zero():
    # One of eight started: the bar's value for screen readers is 13, as the tile text says.
    bar = _pace_bar(1, 8, 0.0, "Gestart")
    assert getattr(bar.children[0], "aria-valuenow") == "13"
    # A difference of 0.05 point (0.15 - 0.1 as floats: 0.04999999999999999) shows as +0,1, with
    # the sign that goes with the shown difference.
    assert "(+0,1 procentpunt)" in _change(0.15, 0.1, percent=True)
    assert "(±0 procentpunt)" not in _change(0.15, 0.1, percent=True)


def test_the_dial_number_rounds_as_the_text_beside_it():
    # The browser formats the dial's value; it gets the value without float noise, so 28.5 → 29.
    assert dial(100 * 0.285, 100, 40, None, " %").data[0].value == 28.5


def test_the_organisation_grid_gets_its_shares_without_float_noise():
    # The grid formats in the browser (Intl, halves away from zero): 28.5 shows as 29 %, as in fmt.
    assert _plain(100 * 0.285) == 28.5 and _plain(100 / 3) == pytest.approx(100 / 3)
    assert _plain(3.0) == 3 and isinstance(_plain(3.0), int) and _plain("<5") == "<5"


def test_file_sizes_in_messages_round_halves_away_from_zero(tmp_path):
    assert _megabytes(2_250_000) == "2,3 MB"
    assert _megabytes(3_000_000) == "3 MB"
    big, small = tmp_path / "groot", tmp_path / "klein"
    with big.open("wb") as handle:
        handle.truncate(2_250_000)
    with small.open("wb") as handle:
        handle.truncate(12_500)
    assert _size(big) == "2,3 MB" and _size(small) == "13 kB"
