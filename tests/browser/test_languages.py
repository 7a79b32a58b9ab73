"""Every page in Dutch and in English: axe-core passes, the lang attribute is right, and no word of
the other language is left outside data values (region and organisation names, stored categories).
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, text

from dashboard.rules import domain
from geodata import region_refs
from tests.browser.axe import assert_accessible
from tests.browser.conftest import screenshot, show_organisations
from tests.helpers import DUTCH

pytestmark = pytest.mark.browser

ENGLISH = {
    "the", "and", "with", "without", "started", "region", "regions", "organisation", "organisations",
    "meetings", "show", "sustainable", "target", "behind", "track", "reference", "year", "national",
    "learning", "case", "discussions", "ongoing", "referred", "placed", "sign", "log",
}  # fmt: skip
WORD = re.compile(r"[A-Za-zÀ-ÿ']+")


def _pages(database_url: str) -> tuple[list[str], set[str]]:
    """The pages to check, and the data values that may appear in either language."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        organisation = connection.scalar(text("SELECT MIN(id) FROM organisation WHERE region_code = 'AM09'"))
        names = {str(n) for (n,) in connection.execute(text("SELECT naam FROM organisation"))}
    engine.dispose()
    data = names | {r.naam for r in region_refs()} | {r.provincie for r in region_refs()}
    data |= set(domain.METHODS + domain.FUNDING_STREAMS + domain.ORGANISATION_TYPES + domain.END_REASONS)
    data |= set(domain.MEETING_KINDS)
    paths = [
        "/",
        "/?kaart=tegel",
        "/regio",
        "/regio/AM09",
        f"/regio/AM09/organisatie/{organisation}",
        "/bijeenkomsten",
        "/data",
        "/presentatie",
    ]
    return paths, data


def _words(page, data: set[str]) -> set[str]:
    # Text a user wrote (a region's narrative) is marked with its own language and is data as well.
    shown = page.evaluate(
        """() => {
            const own = document.documentElement.lang;
            const copy = document.body.cloneNode(true);
            copy.querySelectorAll('[lang]').forEach(e => { if (e.lang !== own) e.remove(); });
            document.body.appendChild(copy);
            copy.style.position = 'absolute';
            const text = copy.innerText;
            copy.remove();
            return text;
        }"""
    )
    shown = re.sub(r"\S+\.(?:csv|xlsx)\b", " ", shown)  # delivered file names are data too
    shown = re.sub(r"\b\w+_\w+\b", " ", shown)  # column names of the delivery contract (duurzaam_datum)
    for value in sorted(data, key=len, reverse=True):  # longest first: "Zuid-Holland Centraal" before "Zuid"
        shown = shown.replace(value, " ")
    return {w.lower() for w in WORD.findall(shown)}


def _settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("main h1, .presentation-mode")
    page.wait_for_timeout(300)


@pytest.mark.account("beheer")
@pytest.mark.parametrize(("language", "foreign"), [("en", DUTCH), ("nl", ENGLISH)])
def test_every_page_is_in_one_language_and_passes_axe(page, server, demo_database, language, foreign):
    paths, data = _pages(demo_database)
    for path in paths:
        sep = "&" if "?" in path else "?"
        page.goto(server + path + (f"{sep}lang=en" if language == "en" else ""))
        _settle(page)
        assert page.evaluate("document.documentElement.lang") == language, path
        left = sorted(_words(page, data) & foreign)
        assert left == [], f"{path} ({language}): {left}"
        assert_accessible(page)
        if language == "en":
            screenshot(page, "en" + (path.split("?")[0].replace("/", "-") if path != "/" else "-national"))


@pytest.mark.account("regio")
def test_language_stays_through_navigation_and_callbacks(page, server):
    page.goto(server + "/regio/AM09?lang=en")
    show_organisations(page)
    # A control that rewrites the query keeps the language in the URL.
    page.select_option("#region-year", "2025")
    page.wait_for_function("location.search.includes('jaar=2025')")
    page.wait_for_function("location.search.includes('lang=en')")
    assert "Achterhoek" in page.inner_text("h1")
    # Links within the monitor carry the language; the switch leads back to Dutch in the same view.
    assert "lang=en" in page.get_attribute("nav[aria-label] a[href^='/regio']", "href")
    # So do the links the year's answer drew into the page after it opened.
    drawn = page.eval_on_selector_all(
        "main a[href^='/']:not([hreflang])", "links => links.map(l => l.getAttribute('href'))"
    )
    assert len(drawn) > 5 and all("lang=en" in href for href in drawn), drawn
    page.click("#language-switch")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert "jaar=2025" in page.url and "lang=en" not in page.url
