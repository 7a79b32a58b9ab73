"""Language of the interface: Dutch by default, English on request, kept in the URL (``?lang=en``).

Dutch is the source language: every user-facing string is written in Dutch in the code and marked
with ``_()`` (or ``N_()`` where it is a module-level constant translated at use). The English
catalogue ``dashboard/locale/en/LC_MESSAGES/messages.po`` is read at start-up; there is no build
step and no binary file in the repository.

The language of a request comes from, in order: a ``lang`` field that assets/language.js adds to
every Dash callback request (the page's own URL at that moment), the ``lang`` query parameter of a
page or download, and the ``Referer`` of the request. Outside a request it is Dutch, unless a
``use_language`` block says otherwise (the meeting pack, tests).
"""

from __future__ import annotations

import contextvars
import functools
import io
from collections.abc import Iterator
from contextlib import contextmanager
from gettext import NullTranslations
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask import g, has_request_context, request
from werkzeug.exceptions import HTTPException

DEFAULT = "nl"
LANGUAGES = ("nl", "en")
# What the language switch says, in the language it switches to.
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
CATALOGUE_DIR = Path(__file__).with_name("locale")

_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("hzw_language", default=None)
_G_KEY = "hzw_language"


def parse_language(raw: object) -> str | None:
    """A supported language code from user input, or None."""
    if isinstance(raw, str):
        code = raw.strip().lower()[:5]
        if code in LANGUAGES:
            return code
    return None


@functools.cache
def translations(language: str) -> NullTranslations:
    """The gettext translations of ``language`` (Dutch needs none: it is the source)."""
    path = CATALOGUE_DIR / language / "LC_MESSAGES" / "messages.po"
    if language == DEFAULT or not path.exists():
        return NullTranslations()
    with path.open("rb") as file:
        catalogue = read_po(file, locale=LOCALES[language])
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def _from_request() -> str:
    try:
        body = request.get_json(silent=True) if request.is_json else None
    except HTTPException:
        # An oversized or broken body: its error page still needs a language, from the URL.
        body = None
    if isinstance(body, dict):
        found = parse_language(body.get("lang"))
        if found:
            return found
    found = parse_language(request.args.get("lang"))
    if found:
        return found
    # Dash's own requests for the layout and dependencies carry no language; the page that asked
    # for them does. A page itself is decided by its own address alone (so switching back to
    # Dutch is not overruled by the English page the link was on).
    referrer = request.headers.get("Referer", "") if request.path.startswith("/_dash") else ""
    if referrer:
        values = parse_qs(urlsplit(referrer).query).get("lang", [])
        found = parse_language(values[0] if values else None)
        if found:
            return found
    return DEFAULT


def current_language() -> str:
    """The language to answer in."""
    forced = _override.get()
    if forced:
        return forced
    if not has_request_context():
        return DEFAULT
    cached = g.get(_G_KEY)
    if cached is None:
        cached = _from_request()
        setattr(g, _G_KEY, cached)
    return str(cached)


def current_locale() -> str:
    """The Babel locale of the current language (``nl_NL`` or ``en_GB``)."""
    return LOCALES[current_language()]


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Answer in ``language`` inside this block, whatever the request says."""
    token = _override.set(parse_language(language) or DEFAULT)
    try:
        yield
    finally:
        _override.reset(token)


def _(message: str) -> str:
    """Translate a Dutch message into the current language."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate with the plural form that fits ``count``."""
    return translations(current_language()).ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - the conventional name the extractor looks for
    """Mark a module-level constant for the catalogue; ``_()`` translates it where it is used."""
    return message


def language_query(language: str | None = None) -> dict[str, str]:
    """The query parameter that keeps the language in a URL (none for Dutch, the default)."""
    code = language or current_language()
    return {} if code == DEFAULT else {"lang": code}


def with_language(target: str) -> str:
    """``target`` (a path on this site) with the current language added, unless it names one."""
    query = language_query()
    parts = urlsplit(target)
    if not query or "lang" in parse_qs(parts.query):
        return target
    joined = "&".join(part for part in (parts.query, urlencode(query)) if part)
    return parts._replace(query=joined).geturl()


class LazyText:
    """A Dutch message with its values, translated each time it is shown.

    Errors are raised where no request decides the language (at start-up, in the data layer), and
    shown later on an English or a Dutch page; so they keep the message, not a translation of it.
    """

    __slots__ = ("message", "values")

    def __init__(self, message: str, /, **values: object) -> None:
        """Keep ``message`` (marked with ``N_`` for the catalogue) and the values of its fields."""
        self.message = message
        self.values = values

    def __str__(self) -> str:
        translated = _(self.message)
        if not self.values:
            return translated
        return translated.format(**{name: _shown(value) for name, value in self.values.items()})


def _shown(value: object) -> str:
    # A tuple of parts (each maybe a LazyText) reads as one list, in the language of the moment.
    if isinstance(value, tuple):
        return "; ".join(_shown(part) for part in value)
    return str(value)


class UserError(Exception):
    """An error meant for the user: its text is Dutch by default and English on an English page."""

    def __init__(self, message: str, /, **values: object) -> None:
        """``message`` in Dutch (marked with ``N_``), with the values of its ``{fields}``."""
        super().__init__(message)
        self.text = LazyText(message, **values)

    def __str__(self) -> str:
        return str(self.text)
