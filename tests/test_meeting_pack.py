"""The meeting pack download, built from the hand-made region dataset (see test_region_page)."""

import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from callbacks.meeting_pack import meeting_pack
from layouts.exports import pack_links
from layouts.presentation import parse_show
from tests.helpers import signed_in_client
from tests.test_callbacks import text_of

pytestmark = pytest.mark.browser  # kaleido draws the figures in Chromium


def test_sections_follow_the_show_and_hold_the_known_numbers(region_app):
    with region_app.server.app_context():
        info, sections = meeting_pack(
            parse_show({"jaar": "2026", "peildatum": "2026-06-30", "regios": "AM09"})
        )
    assert [s.title for s in sections] == [
        "Landelijk overzicht",
        "Rangorde van de regio's",
        "Regio Achterhoek",
        "Bijeenkomsten",
    ]
    assert info.filters == "Jaar 2026 · peildatum 30 juni 2026 · regio's: Achterhoek"
    region = sections[2]
    goals = {row[0]: row[1:] for row in region.tables[0].rows}
    assert goals["Trajecten gestart"] == ["4", "100", "49,6", "ver achter"]
    assert goals["Casusbesprekingen"][0] == "2" and goals["Leerbijeenkomsten"][0] == "1"
    organisations = {row[0]: row for row in region.tables[2].rows}
    assert organisations["GGZ A"][2:] == ["3", "1", "75 %"]
    assert organisations["Gemeente C"][2] == "geen gegevens"
    meetings = {row[0]: row for row in sections[3].tables[0].rows}
    assert list(meetings) == ["Achterhoek"] and meetings["Achterhoek"][2] == "2 van 10"


def test_pdf_and_pptx_print_the_peildatum_on_every_page(region_app):
    client = signed_in_client(region_app)
    pdf = client.get("/vergaderstuk.pdf?jaar=2026&peildatum=2026-06-30&regios=AM09")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert 'filename="vergaderstuk-2026-06-30.pdf"' in pdf.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(pdf.data))
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) >= 5
    assert all("Cijfers t/m 30 juni 2026" in text for text in texts)
    assert all("regio's: Achterhoek" in text for text in texts)
    assert any("Regio Achterhoek" in text for text in texts)
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 4  # trend, ranking, the region's monthly progress and funnel

    deck = client.get("/vergaderstuk.pptx?jaar=2026&peildatum=2026-06-30&regios=AM09")
    slides = Presentation(io.BytesIO(deck.data)).slides
    slide_texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides]
    assert all("Cijfers t/m 30 juni 2026" in text for text in slide_texts)
    assert sum(1 for slide in slides for s in slide.shapes if s.shape_type == 13) >= 4  # pictures
    assert client.get("/vergaderstuk.docx").status_code == 404


def test_links_carry_the_view():
    links = pack_links(2026, "2026-06-30", ("AM09",))
    assert links[2].href == "/vergaderstuk.pdf?jaar=2026&peildatum=2026-06-30&regios=AM09"
    assert text_of(links) == "Vergaderstuk: PDF · PPTX"
