"""Parsers for single cells of an import file; each returns a value or raises CellError."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache, lru_cache

from dashboard import domain
from geodata import region_refs


class CellError(ValueError):
    """A cell does not hold what the contract expects; the message says what it should."""


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


@lru_cache(maxsize=8192)
def parse_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD``, ``DD-MM-YYYY`` or ``D-M-YYYY`` (Excel's Dutch date forms)."""
    value = text.strip()
    # pandas writes dates from Excel cells with a midnight time part.
    value = value.removesuffix(" 00:00:00")
    iso, dutch = _ISO.match(value), _DUTCH.match(value)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dutch:
            return dt.date(int(dutch[3]), int(dutch[2]), int(dutch[1]))
    except ValueError:
        raise CellError("een bestaande datum") from None
    raise CellError("een datum als JJJJ-MM-DD of DD-MM-JJJJ")


def parse_whole_number(text: str, maximum: int = 100_000) -> int:
    """Parse a whole number 0 … ``maximum`` (Excel may write 12 as ``12.0``)."""
    value = text.strip().removesuffix(".0")
    if not (value.isascii() and value.isdigit()) or int(value) > maximum:
        raise CellError(f"een geheel getal van 0 tot en met {maximum}")
    return int(value)


def parse_year(text: str) -> int:
    """A calendar year of the programme's era."""
    value = text.strip().removesuffix(".0")
    if not (value.isascii() and value.isdigit()) or not 2000 <= int(value) <= 2100:
        raise CellError("een jaartal, bijv. 2026")
    return int(value)


def parse_percentage(text: str) -> float:
    """Parse a percentage 0–100; a Dutch decimal comma is accepted."""
    try:
        number = float(text.strip().rstrip("%").replace(",", "."))
    except ValueError:
        raise CellError("een percentage tussen 0 en 100") from None
    if not 0 <= number <= 100:
        raise CellError("een percentage tussen 0 en 100")
    # The database keeps two decimals; rounding here keeps a re-import "ongewijzigd".
    return round(number, 2)


@cache
def _region_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for ref in region_refs():
        lookup[ref.code.lower()] = ref.code
        lookup[ref.naam.lower()] = ref.code
    return lookup


def parse_region(text: str) -> str:
    """Resolve an AM code (``AM09``) or a region name (``Achterhoek``) to the AM code."""
    code = _region_lookup().get(" ".join(text.split()).lower())
    if code is None:
        raise CellError("een arbeidsmarktregio als code (bijv. AM09) of naam (bijv. Achterhoek)")
    return code


def choice(values: tuple[str, ...], aliases: dict[str, str] | None = None) -> Callable[[str], str]:
    """Build a parser that accepts ``values`` (any case) and the given aliases."""
    lookup = {v.lower(): v for v in values}
    lookup.update({k.lower(): v for k, v in (aliases or {}).items()})
    expected = "een van: " + ", ".join(values)

    def parse(text: str) -> str:
        found = lookup.get(" ".join(text.split()).lower())
        if found is None:
            raise CellError(expected)
        return found

    return parse


def text_up_to(limit: int) -> Callable[[str], str]:
    """Trimmed free text (inner whitespace collapsed) of at most ``limit`` characters."""

    def parse(text: str) -> str:
        value = " ".join(text.split())
        if len(value) > limit:
            raise CellError(f"tekst van hoogstens {limit} tekens")
        return value

    return parse


parse_text = text_up_to(255)


parse_method = choice(domain.METHODS, {"Werk als Beste Zorg": "WaBZ"})
parse_funding = choice(domain.FUNDING_STREAMS)
parse_organisation_type = choice(domain.ORGANISATION_TYPES, {"Reintegratiebedrijf": "Re-integratiebedrijf"})
parse_end_reason = choice(domain.END_REASONS)
parse_meeting_kind = choice(domain.MEETING_KINDS)


def is_valid_bsn(text: str) -> bool:
    """Whether ``text`` is a Dutch citizen service number (9 digits passing the 11-check)."""
    digits = text.strip()
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    return total % 11 == 0 and total != 0
