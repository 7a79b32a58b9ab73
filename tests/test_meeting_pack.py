"""The meeting pack download, built from the hand-made region dataset (see test_region_page)."""

import io
import re

import pytest
from pptx import Presentation
from pptx.util import Inches
from pypdf import PdfReader

from callbacks.meeting_pack import meeting_pack
from callbacks.national import update_ranking
from dashboard.documents.pack.images import HEIGHT
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
        "Regio Achterhoek: verhaal en acties",
        "Bijeenkomsten",
        "Signalen",
    ]
    assert info.filters == (
        "Jaar 2026 · peildatum 30 juni 2026 · regio's: Achterhoek"
        " · Voorlopige cijfers t/m 30 juni 2026 (nog niet gepubliceerd)"
    )
    region = sections[2]
    goals = {row[0]: row[1:] for row in region.tables[0].rows}
    assert goals["Trajecten gestart"] == ["4", "100", "50", "ver achter"]
    assert goals["Casusbesprekingen"][0] == "2" and goals["Leerbijeenkomsten"][0] == "1"
    (grid,) = [t for t in region.tables if t.caption.startswith("Organisaties in")]
    organisations = {row[0]: row for row in grid.rows}
    assert organisations["GGZ A"][2:] == ["3", "1", "75 %"]
    assert organisations["Gemeente C"][2] == "geen gegevens"
    # Without a narrative its page says so and still shows what changed since the stuurgroep.
    assert sections[3].text.startswith("Voor deze periode is nog geen verhaal vastgelegd.")
    meetings = {row[0]: row for row in sections[4].tables[0].rows}
    assert list(meetings) == ["Achterhoek"] and meetings["Achterhoek"][2] == "2 van 10"


def _sections(app):
    with app.server.app_context():
        return meeting_pack(parse_show({"jaar": "2026", "peildatum": "2026-06-30", "regios": "AM09"}))[1]


def test_the_ranking_in_the_pack_names_all_35_regions(region_app):
    ranking = _sections(region_app)[1].figures[0]
    names = list(ranking.data[0].y)
    assert len(names) == 35 and "Zeeland (geen gegevens)" in names
    axis, margin = ranking.layout.yaxis, ranking.layout.margin
    # A tick one category apart: Plotly's automatic ticks label only every other bar at this height.
    assert (axis.tickmode, axis.tick0, axis.dtick) == ("linear", 0, 1)
    # Drawn at the pack's height, the names fit their rows.
    assert ranking.layout.height == HEIGHT
    assert 8 <= axis.tickfont.size <= (HEIGHT - margin.t - margin.b) / 35
    with region_app.server.app_context():
        screen = update_ranking("doel", "2026", "2026-06-30", None)[0]
    assert screen.layout.yaxis.tickmode is None and screen.layout.yaxis.tickfont.size == 13  # unchanged


def test_goal_tables_count_in_whole_numbers_and_hold_the_outflow_goal(region_app):
    sections = _sections(region_app)
    national, region = sections[0].tables[0], sections[2].tables[0]
    for table in (national, region):
        assert [row[0] for row in table.rows][:3] == [
            "Trajecten gestart",
            "Leerbijeenkomsten",
            "Casusbesprekingen",
        ]
        counts = [cell for row in table.rows[:3] for cell in row[1:4]]
        assert not [cell for cell in counts if re.search(r"\d,\d", cell)]
    # The page's start cohort (2025, the latest mature at 30 June 2026) against the 40 % goal:
    # AM09 has one trajectory in it, at work for good; the country adds AM01's (none of cohort 2025).
    assert region.rows[3] == ["Duurzame uitstroom, cohort 2025", "100 %", "40 %", "–", "op of boven doel"]
    assert national.rows[3] == ["Duurzame uitstroom, cohort 2025", "100 %", "40 %", "–", "op of boven doel"]


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
    # The ranking slide: one picture, big enough on a projector for its 35 names.
    ranking = next(slide for slide in slides if "Rangorde van de regio's" in slide.shapes[0].text_frame.text)
    pictures = [s for s in ranking.shapes if s.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].height >= Inches(4.5)
    assert client.get("/vergaderstuk.docx").status_code == 404


def test_a_past_year_pack_dates_every_page_as_the_pages_do(region_app):
    client = signed_in_client(region_app)
    # 2025 at a later peildatum: starts and meetings to 31 December, cohort outflow to the peildatum.
    dated = "Cijfers t/m 31 december 2025 (uitstroom t/m 30 juni 2026)"
    pdf = client.get("/vergaderstuk.pdf?jaar=2025&peildatum=2026-06-30&regios=AM09")
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages]
    assert texts and all(dated in text for text in texts)
    assert not any("Cijfers t/m 30 juni 2026" in text for text in texts)
    # The file is still named after the peildatum it was made at.
    assert 'filename="vergaderstuk-2026-06-30.pdf"' in pdf.headers["Content-Disposition"]
    deck = client.get("/vergaderstuk.pptx?jaar=2025&peildatum=2026-06-30&regios=AM09")
    for slide in Presentation(io.BytesIO(deck.data)).slides:
        footer = next(shape for shape in slide.shapes if shape.name == "Voettekst").text_frame.text
        assert footer.startswith(dated)


def test_links_carry_the_view():
    links = pack_links(2026, "2026-06-30", ("AM09",))
    assert links[2].href == "/vergaderstuk.pdf?jaar=2026&peildatum=2026-06-30&regios=AM09"
    assert text_of(links) == "Vergaderstuk: PDF · PPTX"
