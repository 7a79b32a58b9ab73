"""Personal data in a delivered file: identifying column names and identifying text in any cell."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pandas as pd

from dashboard.i18n import N_, _
from dashboard.importing.problems import Problem
from dashboard.importing.values import is_valid_bsn

# Cyrillic and Greek letters that look like Latin ones ("BЅN" with a Cyrillic Ѕ reads as BSN).
# Mapped before case-folding, because the capitals resemble other letters than their small forms
# (Cyrillic В is B, в is not).
LOOK_ALIKES = str.maketrans(
    {
        **dict(zip("АВЕЅІЈКМНОРСТХУԁԛԜԝаеѕіјорсухһӏкм", "abesijkmhopctxydqwwaesijopcyxhlkm", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαεικνορτυχ", "abezhikmnoptyxaeiknoptux", strict=True)),
    }
)

# Column names (folded, see ``fold_header``) that identify people, in Dutch and English.
IDENTIFYING_COLUMNS = frozenset(
    {
        *("bsn", "sofinummer", "sofinr", "burgerservicenummer", "naam", "voornaam", "achternaam"),
        *("voorletters", "initialen", "tussenvoegsel", "name", "firstname", "lastname", "surname"),
        *("fullname", "givenname", "familyname", "initials", "geboortedatum", "dateofbirth", "dob"),
        *("birthdate", "birthday", "geboortedag", "postcode", "zipcode", "zip", "postalcode"),
        *("adres", "address", "straat", "street", "huisnummer", "housenumber", "woonplaats"),
        *("residence", "city", "email", "mail", "emailadres", "emailaddress", "telefoon"),
        *("telefoonnummer", "telefoonnr", "tel", "telnr", "phone", "phonenumber", "mobiel"),
        *("mobile", "gsm", "diagnose", "diagnosis", "ssn", "nationalid", "patient", "patientnummer"),
    }
)
# Parts of a folded column name that point at personal data however the column is spelled
# (BSN-nummer, cliëntnaam, geboorte_datum, e-mailadres, Home address …).
IDENTIFYING_PARTS = (
    *("bsn", "burgerservice", "sofinum", "naam", "name", "geboorte", "birth", "adres", "address"),
    *("straat", "street", "huisnummer", "postcode", "postal", "zipcode", "woonplaats", "mail"),
    *("telefoon", "phone", "mobiel", "diagnos"),
)
# Organisation and region names are about organisations and regions, not people.
NAMED_THINGS = ("organisatie", "organisation", "organization", "regio", "region")


def fold_header(header: str) -> str:
    """A column name as the identifying check compares it: "Ｅ-Mail Adres" and "ЕMAIL" are "emailadres".

    Compatibility forms (full-width, ligatures, mathematical letters) become plain ones (NFKC),
    Cyrillic and Greek look-alikes become Latin letters, case and accents are dropped, and only
    the letters a–z are kept, so separators and invisible characters do not hide a name.
    """
    plain = unicodedata.normalize("NFKC", header).translate(LOOK_ALIKES).casefold()
    decomposed = unicodedata.normalize("NFKD", plain)
    return "".join(ch for ch in decomposed if "a" <= ch <= "z")


def is_identifying_header(header: str) -> bool:
    """Whether a column name (not one of the contract) suggests data that identifies a person."""
    folded = fold_header(header)
    if folded.startswith(NAMED_THINGS):
        return False  # organisatienaam, region_name
    return folded in IDENTIFYING_COLUMNS or any(part in folded for part in IDENTIFYING_PARTS)


# A BSN written out: 9 digits in a row, or grouped as people write it (111 222 333, 1112.22.333).
# Not a digit before or after, so no part of a longer number counts; letters may touch it (ID111222333).
_SEP = r"[ .\-\u00a0]"
_BSN_FORMS = (
    "[0-9]{9}",
    f"[0-9]{{3}}{_SEP}[0-9]{{3}}{_SEP}[0-9]{{3}}",
    f"[0-9]{{4}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{3}}",
)
# A lookahead, so overlapping candidates (111 222 333 444) are each tried.
_BSN = re.compile(rf"(?<![0-9])(?=({'|'.join(_BSN_FORMS)})(?![0-9]))")
# Eight digits on their own: a BSN whose leading zero Excel dropped from a number cell.
_BSN_SHORT = re.compile(r"(?<![0-9A-Za-z])([0-9]{8})(?![0-9A-Za-z])")
_EMAIL = re.compile(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}")
# Dutch numbers: 06-12345678, 020-1234567, (020) 123 45 67, +31 6 1234 5678, 0031 20 1234567. Not
# glued to letters (AM09-2026-0001) nor continuing a date (12-03-2026 12.30).
_PHONE = re.compile(
    r"(?<![\w+])(?<![0-9][.\-/])"
    r"(?:(?:\+|00)31[ .\-]?(?:\(0\)[ .\-]?)?|\(?0)"  # +31, 0031 or the trunk 0
    r"[1-9](?:[ .\-)/]{0,2}[0-9]){8}(?![0-9])"  # nine more digits, however grouped
)
_DATE_INSIDE = re.compile(r"[0-9]{1,2}[.\-/][0-9]{1,2}[.\-/][0-9]{2,4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_MONTHS = (
    "jan|feb|maa|mrt|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec"
    "|januari|februari|maart|april|juni|juli|augustus|september|oktober|november|december"
    "|january|february|march|june|july|august|october"
)
_DATE = (
    r"(?:[0-9]{1,2}[ .\-/][0-9]{1,2}[ .\-/](?:19|20)?[0-9]{2}"  # 1-2-1980, 01/02/80
    r"|(?:19|20)[0-9]{2}[.\-/][0-9]{1,2}[.\-/][0-9]{1,2}"  # 1980-02-01
    rf"|[0-9]{{1,2}}\.?\s*(?:{_MONTHS})\.?\s*(?:19|20)[0-9]{{2}})"  # 1 februari 1980
)
_BIRTH_WORD = (
    r"(?:geb\.?|geboren|geboortedatum|geboorte\s?datum|geb\.?\s?datum|born|dob|d\.o\.b\.?"
    r"|date\s+of\s+birth|birth\s?date|birthday)"
)
# A birth word and a date close together, in either order ("geb. 01-02-1980", "1-2-1980 (geboren)").
_NEARBY = r"\W{0,3}(?:\w+\W+){0,2}?"  # at most two words between
_BIRTH_DATE = re.compile(
    rf"(?<!\w){_BIRTH_WORD}(?!\w){_NEARBY}{_DATE}|{_DATE}{_NEARBY}{_BIRTH_WORD}(?!\w)", re.IGNORECASE
)
_BIRTH_HINT = re.compile(r"geb|born|dob|d\.o\.b|birth", re.IGNORECASE)
# Cheap first look: a cell with none of these cannot hold any of the above.
_WORTH_A_LOOK = re.compile(r"@|[0-9](?:[^0-9]{0,3}[0-9]){3}")

BSN = N_("een geldig BSN-nummer (een getal dat de elfproef doorstaat)")
BIRTH_DATE = N_("een geboortedatum")
EMAIL = N_("een e-mailadres")
PHONE = N_("een telefoonnummer")


def _is_a_date(text: str) -> bool:
    # 8 digits that make a date (20260312 or 12032026) are a date rather than a shortened BSN.
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) != 8:
        return False
    for year, month, day in ((digits[:4], digits[4:6], digits[6:]), (digits[4:], digits[2:4], digits[:2])):
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            continue
        return True
    return False


def _has_bsn(text: str) -> bool:
    whole = text.strip()
    # The whole cell with any separators (11-12-22-333): short cells only, a BSN has 9 digits.
    if (
        len(whole) <= 12
        and is_valid_bsn(whole)
        and not _DATE_INSIDE.fullmatch(whole)
        and not _is_a_date(whole)
    ):
        return True
    if any(is_valid_bsn(found[1]) for found in _BSN.finditer(text)):
        return True
    return any(is_valid_bsn(found[1]) and not _is_a_date(found[1]) for found in _BSN_SHORT.finditer(text))


def _has_phone(text: str) -> bool:
    # A date followed by a time (01-02-2026 12.30) has ten digits too, but is no telephone number.
    return any(not _DATE_INSIDE.search(found[0]) for found in _PHONE.finditer(text))


def _plain_text(text: str) -> str:
    """``text`` with full-width and other scripts' digits as 0-9 and invisible characters dropped."""
    plain = unicodedata.normalize("NFKC", text)
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() else ch
        for ch in plain
        if unicodedata.category(ch) != "Cf"  # zero-width spaces and joiners
    )


def personal_data(text: str) -> str | None:
    """What kind of personal data ``text`` holds (a Dutch description, untranslated), or None."""
    if not text.isascii():
        # "１１１２２２３３３" and "111\u200b222333" are a BSN too.
        text = _plain_text(text)
    if not _WORTH_A_LOOK.search(text):
        return None
    if _has_bsn(text):
        return BSN
    if "@" in text and _EMAIL.search(text):
        return EMAIL
    if _BIRTH_HINT.search(text) and _BIRTH_DATE.search(text):
        return BIRTH_DATE
    if _has_phone(text):
        return PHONE
    return None


def _problem(row: int, column: str, kind: str) -> Problem:
    expected = _(
        "geen persoonsgegevens; deze cel bevat {soort}. Alleen gepseudonimiseerde gegevens zijn "
        "toegestaan: haal het weg en lever het bestand opnieuw aan"
    ).format(soort=_(kind))
    # The value itself is never repeated: saying what it is and where is enough to find it.
    return Problem(row, column, "", expected)


def personal_data_problems(frame: pd.DataFrame, rows: list[int]) -> list[Problem]:
    """A problem for every cell of ``frame`` (any column) that holds personal data, row by row.

    Args:
        frame: the file's cells as text, headers as in the file.
        rows: the Excel row number of each row of ``frame``.
    """
    found: list[tuple[int, int, Problem]] = []
    for position, column in enumerate(frame.columns):
        cells = frame.iloc[:, position].astype("string").fillna("")
        # Each distinct value once: dates, regions and organisation names repeat down a column.
        kinds = {value: kind for value in cells.unique() if value and (kind := personal_data(value))}
        if kinds:
            found += [
                (row, position, _problem(row, str(column), kinds[value]))
                for row, value in zip(rows, cells, strict=True)
                if value in kinds
            ]
    return [problem for _row, _position, problem in sorted(found, key=lambda item: item[:2])]
