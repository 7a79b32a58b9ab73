"""Parsing of view parameters (year, peildatum, region) from URLs and form controls."""

from __future__ import annotations

import datetime as dt

from dashboard import domain
from geodata import region_refs

FIRST_DAY = dt.date(domain.FIRST_YEAR, 1, 1)


# Query values come from users: a repeated key arrives as a list, digits may be non-ASCII ("²").
def parse_year(raw: object, default: int) -> int:
    """The year from a URL or select value; anything unusable gives ``default``."""
    if not isinstance(raw, str | int) or not str(raw).isascii() or not str(raw).isdigit():
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
