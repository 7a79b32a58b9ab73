"""Every stored category has a label, and English pages and the English pack show none in Dutch.

The database keeps the import contract's Dutch values (IPS, Gemeente, uitval, leerbijeenkomst …);
what a reader sees is ``dashboard.text.categories.category``. These tests load a region with every
allowed value, render the region and organisation parts and the meeting pack in English, and look
for the Dutch label of every value the database holds.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from callbacks.organisation import (
    update_deliveries,
    update_organisation,
    update_organisation_figures,
    update_organisations,
)
from callbacks.region import update_region_page
from dashboard.data import models
from dashboard.i18n import use_language
from dashboard.importing import values
from dashboard.importing.rules import SCHEMAS
from dashboard.infra.db import Database
from dashboard.rules import domain
from dashboard.text.categories import (
    END_REASON,
    FUNDING,
    LABELS,
    MEETING_KIND,
    METHOD,
    ORGANISATION_TYPE,
    SAME_IN_ENGLISH,
    category,
)
from layouts.pages import organisation_page
from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client, trajectory

# The import columns that take a value from a fixed list, and the category each one fills.
CHOICE_COLUMNS = {
    ("trajecten", "organisatie_type"): ORGANISATION_TYPE,
    ("trajecten", "methode"): METHOD,
    ("trajecten", "financiering"): FUNDING,
    ("trajecten", "eindreden"): END_REASON,
    ("bijeenkomsten", "soort"): MEETING_KIND,
}
# Keys of the data attributes of components and figures that no reader sees.
HIDDEN_KEYS = {"id", "className", "style", "href", "type", "namespace"}


def allowed_values(parse: object) -> tuple[str, ...] | None:
    """The values an import column accepts, as its error message lists them; None for free columns."""
    try:
        parse("\u2603 geen waarde uit een lijst")  # type: ignore[operator]
    except values.CellError as error:
        found = re.fullmatch(r"een van: (.*)", str(error))
        return tuple(found[1].split(", ")) if found else None
    return None


@pytest.mark.zuiver
def test_every_value_the_import_allows_has_a_label_in_both_languages():
    choice_columns = {}
    with use_language("nl"):
        for kind, columns in SCHEMAS.items():
            for column in columns:
                allowed = allowed_values(column.parse)
                if allowed is not None:
                    choice_columns[(kind, column.name)] = allowed
    # A new column with a list of values needs its category here (and in dashboard.text.categories).
    assert set(choice_columns) == set(CHOICE_COLUMNS)
    for key, allowed in choice_columns.items():
        kind = CHOICE_COLUMNS[key]
        # The values the importer stores (each parses to itself) are exactly the labelled ones.
        assert [values.choice(allowed)(v) for v in allowed] == list(allowed)
        assert set(LABELS[kind]) == set(allowed), key
        for value in allowed:
            dutch = category(kind, value)
            with use_language("en"):
                english = category(kind, value)
            assert dutch == LABELS[kind][value] and dutch.lower() == value.lower()
            if value in SAME_IN_ENGLISH:
                assert english == dutch, value
            else:
                assert english != dutch and english.isascii(), (kind, value, english)
    # Proper names are listed because they occur, not as a way around translating.
    assert SAME_IN_ENGLISH <= {v for labels in LABELS.values() for v in labels}


@pytest.mark.zuiver
def test_a_value_outside_the_catalogue_is_shown_as_stored():
    with use_language("en"):
        assert category(METHOD, "Nieuwe methode") == "Nieuwe methode"
        assert category(MEETING_KIND, "casusbespreking") == "Case discussion"
        assert category(FUNDING, "Gemeente") == "Municipality"


def _organisation(index: int) -> str:
    # Names without any category word in them, so every hit below is a category.
    return f"Aanbieder {index}"


@pytest.fixture
def every_category(db: Database) -> Database:
    """Region AM09 in 2026 with every method, funding stream, organisation type, end reason and kind."""
    types, methods, streams = domain.ORGANISATION_TYPES, domain.METHODS, domain.FUNDING_STREAMS
    rows = []
    for index in range(12):
        extra = {"einddatum": "2026-05-01", "eindreden": domain.END_REASONS[index]} if index < 5 else {}
        rows.append(
            trajectory(
                f"C{index}",
                f"2026-0{1 + index % 4}-1{index % 9}",
                organisatie=_organisation(index % len(types)),
                organisatie_type=types[index % len(types)],
                methode=methods[index % len(methods)],
                # A withdrawn trajectory counts nowhere: each stream also has one that counts.
                financiering=streams[index % len(streams)],
                **extra,
            )
        )
    load(db, "trajecten", rows, today=PEILDATUM)
    everyone = "|".join(_organisation(i) for i in range(len(types)))
    meetings = [
        {"regio": "AM09", "soort": kind, "datum": f"2026-0{1 + i}-0{1 + i}", "organisaties": everyone}
        for i, kind in enumerate(domain.MEETING_KINDS)
    ]
    load(db, "bijeenkomsten", meetings, today=PEILDATUM)
    return db


def stored_categories(db: Database) -> dict[str, set[str]]:
    """Every category value the database holds, per category."""
    columns = {
        METHOD: models.Trajectory.methode,
        FUNDING: models.Trajectory.financiering,
        END_REASON: models.Trajectory.eindreden,
        ORGANISATION_TYPE: models.Organisation.soort,
        MEETING_KIND: models.Meeting.soort,
    }
    with db.engine.connect() as connection:
        return {
            kind: {v for v in connection.scalars(select(column).distinct()) if v is not None}
            for kind, column in columns.items()
        }


def strings(value: object) -> Iterator[str]:
    """Every text a reader can see in callback output: components, figures, grid rows, plain text."""
    if hasattr(value, "to_plotly_json"):
        value = value.to_plotly_json()
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in HIDDEN_KEYS:
                yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def dutch_leftovers(text: str, held: dict[str, set[str]]) -> list[str]:
    """Dutch labels of held values in ``text`` that read otherwise in English.

    A label counts as a whole word (Jobcoaching is not Job coaching). A PDF may also break a long
    label inside a table cell, so a label is found with the spaces taken out as well, where that
    still tells it from its English text.
    """
    words = " ".join(text.split())
    flat = words.replace(" ", "")
    found = []
    for kind, stored in held.items():
        for value in stored:
            dutch = LABELS[kind][value]
            with use_language("en"):
                english = category(kind, value)
            if english == dutch:
                continue
            whole = re.search(rf"(?<![\w-]){re.escape(dutch)}(?![\w-])", words) is not None
            squeezed = dutch.replace(" ", "")
            broken = squeezed != english.replace(" ", "") and squeezed in flat
            if whole or broken:
                found.append(dutch)
    return sorted(found)


def english_labels(kinds: tuple[str, ...], held: dict[str, set[str]]) -> set[str]:
    with use_language("en"):
        return {category(kind, value) for kind in kinds for value in held[kind] if value != domain.WITHDRAWN}


def test_english_region_and_organisation_parts_show_no_dutch_category(every_category, make_app):
    app = make_app(suppression_minimum=1)
    held = stored_categories(every_category)
    assert held == {
        METHOD: set(domain.METHODS),
        FUNDING: set(domain.FUNDING_STREAMS),
        END_REASON: set(domain.END_REASONS),
        ORGANISATION_TYPE: set(domain.ORGANISATION_TYPES),
        MEETING_KIND: set(domain.MEETING_KINDS),
    }
    parts: list[object] = []
    with app.server.app_context():
        organisations, *_links = update_organisations("2026", "AM09", "2026-06-30", "2026")
        ids = [row["id"] for row in organisations]
        with use_language("en"):
            parts.append(update_region_page("2026", "AM09", "2026-06-30", "2026"))
            parts.append(update_organisations("2026", "AM09", "2026-06-30", "2026"))
            for org in ids:
                parts.append(update_organisation("2026", org, "2026-06-30"))
                parts.append(update_organisation_figures("2026", org, "2026-06-30"))
                parts.append(update_deliveries(org, "2026-06-30"))
                parts.append(organisation_page("AM09", str(org), jaar="2026", peildatum="2026-06-30"))
        dutch_text = " ".join(strings(update_region_page("2026", "AM09", "2026-06-30", "2026")))
    english_text = " ".join(strings(parts))
    assert len(ids) == len(domain.ORGANISATION_TYPES)
    assert dutch_leftovers(english_text, held) == []
    # The categories are on the page, in English: the check above looked at shown labels.
    shown = english_labels((METHOD, FUNDING, ORGANISATION_TYPE, MEETING_KIND), held)
    assert {label for label in shown if label not in english_text} == set()
    # And the Dutch page still shows the Dutch labels (a translation did not leak into the report).
    dutch = ("Jobcoaching", "Zorgverzekeraar", "Re-integratiebedrijf", "Beleidsoverleg", "Werkgever")
    assert [label for label in dutch if label not in dutch_text] == []


@pytest.mark.browser  # kaleido draws the pack's figures in Chromium
def test_english_meeting_pack_shows_no_dutch_category(every_category, make_app):
    app = make_app(suppression_minimum=1)
    held = stored_categories(every_category)
    client = signed_in_client(app)
    pdf = client.get("/vergaderstuk.pdf?jaar=2026&peildatum=2026-06-30&regios=AM09&lang=en")
    assert pdf.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Organisations in Achterhoek" in " ".join(text.split())
    assert dutch_leftovers(text, held) == []
    flat = re.sub(r"\s+", "", text)
    types = english_labels((ORGANISATION_TYPE,), held)
    assert {label for label in types if re.sub(r"\s+", "", label) not in flat} == set()
