"""Parsers for single cells of an import file; each returns a value or raises CellError."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

from dashboard.i18n import _
from dashboard.rules import domain
from geodata import region_refs


class CellError(ValueError):
    """A cell does not hold what the contract expects; the message says what it should."""


# [0-9], not \d: \d also matches full-width and Arabic-Indic digits, which int() would accept.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DUTCH = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})")
# The programme began in 2021; an earlier referral is possible, a date before 2000 is a typing error
# (0026 for 2026) or an empty Excel date (0001-01-01, 1899-12-30).
FIRST_YEAR = 2000


@lru_cache(maxsize=8192)
def parse_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD``, ``DD-MM-YYYY`` or ``D-M-YYYY`` (Excel's Dutch date forms), from 2000 on."""
    value = text.strip()
    # pandas writes dates from Excel cells with a midnight time part.
    value = value.removesuffix(" 00:00:00")
    iso, dutch = _ISO.fullmatch(value), _DUTCH.fullmatch(value)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    elif dutch:
        year, month, day = int(dutch[3]), int(dutch[2]), int(dutch[1])
    else:
        raise CellError(_("een datum als JJJJ-MM-DD of DD-MM-JJJJ"))
    if year < FIRST_YEAR:
        raise CellError(_("een datum vanaf 1-1-{jaar}; controleer het jaartal").format(jaar=FIRST_YEAR))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(_("een bestaande datum")) from None


def parse_whole_number(text: str, maximum: int = 100_000) -> int:
    """Parse a whole number 0 … ``maximum`` (Excel may write 12 as ``12.0``)."""
    value = text.strip().removesuffix(".0")
    if not (value.isascii() and value.isdigit()) or int(value) > maximum:
        raise CellError(_("een geheel getal van 0 tot en met {maximum}").format(maximum=maximum))
    return int(value)


def parse_year(text: str) -> int:
    """A calendar year of the programme's era."""
    value = text.strip().removesuffix(".0")
    if not (value.isascii() and value.isdigit()) or not 2000 <= int(value) <= 2100:
        raise CellError(_("een jaartal, bijv. 2026"))
    return int(value)


_PERCENTAGE = re.compile(r"([0-9]{1,3})(?:[.,]([0-9]+))?\s*%?")


def parse_percentage(text: str) -> float:
    """Parse a percentage 0–100; a Dutch decimal comma and a trailing % are accepted."""
    # A pattern rather than float(): float() also takes "nan", "1e1" and non-ASCII digits.
    found = _PERCENTAGE.fullmatch(text.strip())
    number = float(f"{found[1]}.{found[2] or 0}") if found else -1.0
    if not 0 <= number <= 100:
        raise CellError(_("een percentage tussen 0 en 100"))
    # The database keeps two decimals; rounding here keeps a re-import "ongewijzigd".
    return round(number, 2)


def region_key(text: str) -> str:
    """Fold a region name or code the way people vary it: case, hyphens, spaces, slashes, "regio"."""
    folded = re.sub(r"[\s\-\u2010-\u2015/]+", "", text.lower()).removeprefix("regio")
    code = re.fullmatch(r"am([0-9]{1,2})", folded)
    return f"am{int(code[1]):02d}" if code else folded


def build_region_lookup(regions: Iterable[tuple[str, str]]) -> dict[str, str | None]:
    """Folded name or code → AM code; None where two regions fold to the same key."""
    lookup: dict[str, str | None] = {}
    for code, name in regions:
        for key in (region_key(code), region_key(name)):
            lookup[key] = code if lookup.get(key, code) == code else None
    return lookup


@cache
def _region_lookup() -> dict[str, str | None]:
    return build_region_lookup((ref.code, ref.naam) for ref in region_refs())


def resolve_region(text: str, lookup: dict[str, str | None]) -> str:
    """Resolve ``text`` with ``lookup`` (see ``build_region_lookup``) to an AM code."""
    key = region_key(text)
    if key and key in lookup and lookup[key] is None:
        raise CellError(_("één arbeidsmarktregio; deze naam past bij meer dan één regio, gebruik de AM-code"))
    code = lookup.get(key)
    if code is None:
        raise CellError(_("een arbeidsmarktregio als code (bijv. AM09) of naam (bijv. Achterhoek)"))
    return code


def parse_region(text: str) -> str:
    """Resolve an AM code (``AM09``, ``AM9``) or a region name (``Achterhoek``) to the AM code."""
    return resolve_region(text, _region_lookup())


def choice(values: tuple[str, ...], aliases: dict[str, str] | None = None) -> Callable[[str], str]:
    """Build a parser that accepts ``values`` (any case) and the given aliases."""
    lookup = {v.lower(): v for v in values}
    lookup.update({k.lower(): v for k, v in (aliases or {}).items()})

    def parse(text: str) -> str:
        found = lookup.get(" ".join(text.split()).lower())
        if found is None:
            # Worded when it is raised, not when the parser is built: the language is the request's.
            raise CellError(_("een van: {waarden}").format(waarden=", ".join(values)))
        return found

    return parse


# Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F) except tab and line
# breaks. One compiled search instead of a category lookup per character: every text cell of an
# import passes here.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds control characters other than tab and line breaks."""
    # PostgreSQL refuses NUL in text, and the others are invisible in Excel and in the dashboard.
    return CONTROL_CHARACTERS.search(text) is not None


def identity_key(text: str) -> str:
    """How names and ids are compared: case and surrounding or repeated spaces ignored.

    Organisation names have always matched this way; ``traject_id`` does too, so a file with the
    same ids in other letters updates the same trajectories instead of adding them again.
    """
    return " ".join(text.split()).lower()


def text_up_to(limit: int) -> Callable[[str], str]:
    """Trimmed free text (inner whitespace collapsed) of at most ``limit`` characters."""

    def parse(text: str) -> str:
        if has_control_characters(text):
            raise CellError(
                _("tekst zonder stuurtekens (onzichtbare tekens zoals NUL); verwijder ze uit de cel")
            )
        value = " ".join(text.split())
        if len(value) > limit:
            raise CellError(_("tekst van hoogstens {limit} tekens").format(limit=limit))
        return value

    return parse


parse_text = text_up_to(255)


parse_method = choice(domain.METHODS, {"Werk als Beste Zorg": "WaBZ"})
parse_funding = choice(domain.FUNDING_STREAMS)
parse_organisation_type = choice(domain.ORGANISATION_TYPES, {"Reintegratiebedrijf": "Re-integratiebedrijf"})
parse_end_reason = choice(domain.END_REASONS)
parse_meeting_kind = choice(domain.MEETING_KINDS)


def shown(text: str, limit: int = 80) -> str:
    """A cell value as a message may repeat it: control characters spelled out, long text cut."""
    visible = "".join(
        f"\\x{ord(ch):02x}" if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" else ch for ch in text
    )
    return visible if len(visible) <= limit else visible[: limit - 1] + "…"


def is_valid_bsn(text: str) -> bool:
    """Whether ``text`` is a Dutch citizen service number (9 digits passing the 11-check).

    Dots, spaces and hyphens between the digits are ignored (1234.56.782), and 8 digits are
    checked with the leading zero Excel drops from a number cell (012345672 shown as 12345672).
    """
    digits = re.sub(r"[\s.\-]", "", text)
    if not digits.isdecimal() or len(digits) not in (8, 9):
        return False
    numbers = [int(d) for d in digits.rjust(9, "0")]
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(n * w for n, w in zip(numbers, weights, strict=True))
    return total % 11 == 0 and total != 0
