"""Parsing of view parameters (year, peildatum, region) from URLs and form controls."""

from __future__ import annotations

import datetime as dt

from dashboard.rules import domain, metrics
from geodata import region_refs

FIRST_DAY = dt.date(domain.FIRST_YEAR, 1, 1)


# Query values come from users: a repeated key arrives as a list, digits may be non-ASCII ("²").
def parse_year(raw: object, default: int) -> int:
    """The year from a URL or select value; anything unusable gives ``default``."""
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        return default
    # A year has four digits; a longer string is not converted at all (int() refuses 4300 digits).
    if isinstance(raw, str) and not (raw.isascii() and raw.isdigit() and len(raw) <= 4):
        return default
    year = int(raw)
    return year if domain.FIRST_YEAR <= year <= default else default


def parse_peildatum(raw: object, latest: dt.date) -> dt.date:
    """A peildatum from the URL or date input, kept between the programme's start and ``latest``."""
    if not isinstance(raw, str):
        return latest
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return latest
    return min(max(day, FIRST_DAY), latest)


def parse_region(raw: object) -> str | None:
    """An AM code from the URL, or None when it names no region."""
    if not isinstance(raw, str):
        return None
    codes = {r.code for r in region_refs()}
    return raw.upper() if raw.upper() in codes else None


def parse_cohort(raw: object, year: int, peildatum: dt.date) -> int:
    """A start cohort from the URL; by default the newest one that is mature at the peildatum.

    The outflow of a cohort is only final six months after its last start, so the default shows a
    percentage that can be held against the goal; an immature cohort can still be chosen.
    """
    newest = min(year, peildatum.year)
    default = metrics.latest_mature_year(newest, peildatum) or domain.FIRST_YEAR
    return parse_year(raw, newest) if raw is not None else default


def parse_organisation(raw: object) -> int | None:
    """An organisation number from the URL (ASCII digits only), or None."""
    if not isinstance(raw, str) or not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        return None
    return int(raw)


def parse_since(raw: object, peildatum: dt.date) -> dt.date | None:
    """An earlier peildatum to compare with (*sinds de vorige vergadering*), or None.

    Only a date before the peildatum is a comparison; anything else means "the same date last year".
    """
    if not isinstance(raw, str) or not raw:
        return None
    day = parse_peildatum(raw, peildatum)
    return day if day < peildatum else None
