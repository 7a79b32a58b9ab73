"""The meeting pack opens each region's section with what changed since its last stuurgroep.

The known dataset (see test_region_page) with AM09's stuurgroep on 1 March 2026; by 30 June one
more start (T5), one learning session and one more case discussion (see test_since_report).
"""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client

pytestmark = pytest.mark.browser  # kaleido draws the figures in Chromium

QUERY = "jaar=2026&peildatum=2026-06-30&regios=AM09"
SINCE = "Sinds de stuurgroep van 1 maart 2026: 1 traject gestart (nu 4 van 100)"


@pytest.fixture
def pack_client(region_app, known):
    load(
        known,
        "bijeenkomsten",
        [{"regio": "AM09", "soort": "stuurgroep", "datum": "2026-03-01"}],
        today=PEILDATUM,
    )
    return signed_in_client(region_app)


def test_the_region_section_opens_with_the_changes_since_the_last_stuurgroep(pack_client):
    pdf = pack_client.get(f"/vergaderstuk.pdf?{QUERY}")
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.data)).pages]
    # The first page after the title page's contents that holds the section.
    first = next(text for text in pages[1:] if "Regio Achterhoek" in text)
    # The section's first words after its title: the changes, with the date of that stuurgroep.
    body = first.split("Regio Achterhoek", 1)[1]
    assert body.lstrip().startswith(SINCE), body[:300]
    assert "1 leerbijeenkomst, 1 casusbespreking" in body

    deck = pack_client.get(f"/vergaderstuk.pptx?{QUERY}")
    slides = Presentation(io.BytesIO(deck.data)).slides
    region = [
        [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        for slide in slides
        if slide.shapes[0].has_text_frame and slide.shapes[0].text_frame.text.startswith("Regio Achterhoek")
    ]
    # The first slide of the section: title, then the changes since the stuurgroep.
    assert region and " ".join(region[0][1].split()).startswith(SINCE)


def test_a_chosen_day_names_the_last_stuurgroep_beside_it(pack_client):
    pdf = pack_client.get(f"/vergaderstuk.pdf?{QUERY}&sinds=2026-02-01")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert (
        "Laatste stuurgroep: 1 maart 2026. Sinds 1 februari 2026: 2 trajecten gestart (nu 4 van 100)" in text
    )
