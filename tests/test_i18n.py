"""The language of the interface: the catalogue is complete, the language follows the URL, and
numbers and dates are written the way each language writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import catalogue
from dashboard.i18n import _, current_language, use_language
from dashboard.text import format as fmt
from tests.helpers import signed_in_client


@pytest.mark.zuiver
def test_every_message_in_the_code_has_an_english_translation():
    messages = catalogue.extract()
    english = catalogue.load(catalogue.english_path())
    assert len(messages) > 300  # the whole interface, not a sample
    untranslated, broken = [], []
    for message in messages:
        if not message.id:
            continue
        found = english.get(message.id, context=message.context)
        strings = (
            () if found is None else (found.string if isinstance(found.string, tuple) else (found.string,))
        )
        if found is None or not all(strings) or found.fuzzy:
            untranslated.append(message.id)
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set().union(*(catalogue.placeholders(i) for i in ids))
        if any(catalogue.placeholders(text) != wanted for text in strings if len(ids) == 1 or "{" in text):
            broken.append(message.id)
    assert untranslated == [], f"zonder Engelse vertaling (make catalogus): {untranslated[:20]}"
    assert broken == [], f"vertaling met andere {{velden}} dan het origineel: {broken[:20]}"


@pytest.mark.zuiver
def test_the_english_catalogue_has_no_messages_that_left_the_code():
    messages = {m.id for m in catalogue.extract() if m.id}
    stale = [m.id for m in catalogue.load(catalogue.english_path()) if m.id and m.id not in messages]
    assert stale == [], "voer 'make catalogus' uit"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"json": {"lang": "en", "output": "x"}}, "en"),  # a callback request from an English page
        ({"query_string": {"lang": "en"}}, "en"),  # a page or download
        (
            {"path": "/_dash-layout", "headers": {"Referer": "http://monitor/regio/AM09?jaar=2026&lang=en"}},
            "en",
        ),
        ({"headers": {"Referer": "http://monitor/regio/AM09?lang=en"}}, "nl"),  # a page: its own URL
        ({"query_string": {"lang": "fr"}}, "nl"),
        ({"json": {"lang": ["en"]}}, "nl"),
        ({}, "nl"),
    ],
)
def test_language_comes_from_the_request(app, kwargs, expected):
    kwargs = dict(kwargs)  # the parameter is shared between the SQLite and PostgreSQL runs
    path = kwargs.pop("path", "/")
    with app.server.test_request_context(path, method="POST" if "json" in kwargs else "GET", **kwargs):
        assert current_language() == expected


@pytest.mark.zuiver
def test_outside_a_request_the_language_is_dutch_unless_chosen():
    assert current_language() == "nl"
    with use_language("en"):
        assert current_language() == "en"
    with use_language("xx"):
        assert current_language() == "nl"


@pytest.mark.zuiver
def test_numbers_and_dates_follow_the_language():
    day = dt.date(2026, 3, 3)
    assert (fmt.number(1234.5, 1), fmt.percentage(38.25), fmt.date(day)) == (
        "1.234,5",
        "38 %",
        "3 maart 2026",
    )
    assert fmt.month_abbreviations()[2] == "mrt"
    with use_language("en"):
        assert (fmt.number(1234.5, 1), fmt.percentage(38.25), fmt.date(day)) == (
            "1,234.5",
            "38%",
            "3 March 2026",
        )
        assert fmt.month_name(5) == "May"


def test_page_language_is_in_the_html_lang_attribute(known, app):
    client = signed_in_client(app)
    assert '<html lang="nl">' in client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/regio/AM09?lang=en").get_data(as_text=True)


def test_error_pages_speak_the_language_of_the_address(known, app):
    client = signed_in_client(app)
    dutch = client.get("/export/bestaat-niet.csv").get_data(as_text=True)
    english = client.get("/export/bestaat-niet.csv?lang=en").get_data(as_text=True)
    assert "Niet gevonden" in dutch and "lang='nl'" in dutch
    with use_language("en"):
        assert _("Niet gevonden") in english and "lang='en'" in english
        assert _("Niet gevonden") != "Niet gevonden"
