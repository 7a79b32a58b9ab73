"""The meeting pack: PDF pages and PPTX slides checked as a reader would open them."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.presentation import Presentation as Deck
from pypdf import PdfReader

from dashboard.documents.pack import PackInfo, PackSection, PackTable, pack_filename, pack_pdf, pack_pptx
from dashboard.documents.pack.images import HEIGHT, SCALE, WIDTH
from dashboard.documents.pack.slides import FOOTER_CHARS
from tests.conftest import REQUIRE_SERVICES

INFO = PackInfo(
    title="Stuurgroep Hoofdzaak Werk",
    peildatum=dt.date(2026, 9, 30),
    filters="jaar 2026 · regio's Achterhoek en Twente · alle methoden",
    data_date="import van 29 september 2026",
)
CIJFERS = "Cijfers t/m 30 september 2026"
HEADERS = ["Organisatie", "Type", "Trajecten gestart", "Duurzaam in procenten"]
ROWS = [
    [f"Organisatie {n:02d}", "GGZ" if n % 2 else "Gemeente", str(n * 3), f"{n},5 %"] for n in range(1, 41)
]


def _bar(title: str, transparent: bool = False) -> go.Figure:
    figure = go.Figure(go.Bar(x=["IPS", "Jobcoaching", "WaBZ", "Overig"], y=[40, 25, 12, 3]))
    figure.update_layout(title=title, paper_bgcolor="rgba(0,0,0,0)" if transparent else "#ffffff")
    return figure


def _sections() -> list[PackSection]:
    return [
        PackSection(
            "Landelijk overzicht", "Eén oogopslag: cliënten en coördinatie.", [_bar("Gestart", True)], []
        ),
        PackSection("Regio Achterhoek", "Twee figuren.", [_bar("Methoden"), _bar("Financiering")], []),
        PackSection(
            "Organisaties", "Alle organisaties.", [], [PackTable("Per organisatie", HEADERS, ROWS, {2, 3})]
        ),
    ]


# Title page 1; one figure fits below its section's heading (1); two figures do not fit on one
# page (2); 40 table rows of about 17 pt do not fit on one page of about 470 pt (2).
PDF_PAGES = 1 + 1 + 2 + 2
# Title slide 1; one slide per figure (1 + 2); 40 rows in even parts of at most 12 rows (4 × 10).
SLIDES = 1 + 1 + 2 + 4


def _require_chromium() -> None:
    if shutil.which("chromium") or Path("/usr/bin/chromium").exists():
        return
    reason = "chromium niet geïnstalleerd (apt-get install chromium); kaleido heeft het nodig"
    if REQUIRE_SERVICES:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def sections() -> list[PackSection]:
    return _sections()


@pytest.fixture(scope="module")
def pdf(sections: list[PackSection]) -> PdfReader:
    _require_chromium()
    return PdfReader(io.BytesIO(pack_pdf(INFO, sections)))


@pytest.fixture(scope="module")
def deck(sections: list[PackSection]) -> Deck:
    _require_chromium()
    return Presentation(io.BytesIO(pack_pptx(INFO, sections)))


def _page_texts(pdf: PdfReader) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


def _slide_texts(slide: object) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]  # type: ignore[attr-defined]


@pytest.mark.zuiver
def test_pack_filename_carries_the_peildatum() -> None:
    assert pack_filename(INFO, "pdf") == "vergaderstuk-2026-09-30.pdf"
    assert pack_filename(INFO, ".pptx") == "vergaderstuk-2026-09-30.pptx"


@pytest.mark.browser
def test_pdf_has_a_title_page_and_each_section_from_a_new_page(pdf: PdfReader) -> None:
    texts = _page_texts(pdf)
    assert len(texts) == PDF_PAGES
    assert "Vergaderstuk" in texts[0] and "Inhoud" in texts[0]
    starts = [
        next(i for i, text in enumerate(texts) if f"\n{title}\n" in f"\n{text}\n")
        for title in ("Landelijk overzicht", "Regio Achterhoek", "Organisaties")
    ]
    assert starts == [1, 2, 4]


@pytest.mark.browser
def test_every_pdf_page_says_which_numbers_it_shows(pdf: PdfReader) -> None:
    for number, text in enumerate(_page_texts(pdf), start=1):
        assert CIJFERS in text, number
        assert "Filters: jaar 2026 · regio's Achterhoek en Twente" in text, number
        assert "Gegevensstand: import van 29 september 2026" in text, number
        assert f"pagina {number} van {PDF_PAGES}" in text, number


@pytest.mark.browser
def test_pdf_keeps_dutch_letters(pdf: PdfReader) -> None:
    assert "Eén oogopslag: cliënten en coördinatie." in pdf.pages[1].extract_text()


@pytest.mark.browser
def test_pdf_figures_are_images_on_their_pages(pdf: PdfReader) -> None:
    assert [len(page.images) for page in pdf.pages] == [0, 1, 1, 1, 0, 0]


@pytest.mark.browser
def test_pdf_table_runs_over_two_pages_with_its_header_on_both(pdf: PdfReader) -> None:
    pages = _page_texts(pdf)[4:]
    for text in pages:
        assert text.count("Trajecten gestart") == 1
        assert text.count("Duurzaam in procenten") == 1
    found = [[row[0] for row in ROWS if row[0] in text] for text in pages]
    # Every row whole on exactly one page, in order, and both pages carry some of them.
    assert found[0] + found[1] == [row[0] for row in ROWS]
    assert found[0] and found[1]


@pytest.mark.browser
def test_pptx_has_a_title_slide_and_a_slide_per_figure_and_table_part(deck: Deck) -> None:
    assert len(deck.slides) == SLIDES
    assert deck.slide_width * 9 == deck.slide_height * 16
    assert "Stuurgroep Hoofdzaak Werk" in _slide_texts(deck.slides[0])
    titles = [_slide_texts(slide)[0] for slide in list(deck.slides)[1:]]
    assert titles == ["Landelijk overzicht"] + ["Regio Achterhoek"] * 2 + ["Organisaties"] * 4


@pytest.mark.browser
def test_every_slide_has_the_footer(deck: Deck) -> None:
    for number, slide in enumerate(deck.slides, start=1):
        footer = next(shape for shape in slide.shapes if shape.name == "Voettekst").text_frame.text
        assert footer.startswith(CIJFERS), number
        assert "Filters: jaar 2026 · regio's Achterhoek en Twente · alle methoden" in footer, number
        assert f"{number}/{SLIDES}" in _slide_texts(slide), number


@pytest.mark.browser
def test_pptx_figures_are_white_pictures(deck: Deck, sections: list[PackSection]) -> None:
    pictures = [
        [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        for slide in deck.slides
    ]
    assert [len(on_slide) for on_slide in pictures] == [0, 1, 1, 1, 0, 0, 0, 0]
    image = Image.open(io.BytesIO(pictures[1][0].image.blob)).convert("RGB")
    assert image.size == (WIDTH * SCALE, HEIGHT * SCALE)
    # The figure had a transparent background; the picture is white, the figure itself unchanged.
    assert image.getpixel((2, 2)) == (255, 255, 255)
    assert sections[0].figures[0].layout.paper_bgcolor == "rgba(0,0,0,0)"


@pytest.mark.browser
def test_pptx_table_is_split_with_its_header_repeated(deck: Deck) -> None:
    rows: list[list[str]] = []
    for slide in list(deck.slides)[4:]:
        table = next(shape for shape in slide.shapes if shape.has_table).table
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        assert cells[0] == HEADERS
        assert len(cells) - 1 == 10
        rows += cells[1:]
    assert rows == ROWS
    assert "Per organisatie (4/4)" in _slide_texts(list(deck.slides)[7])[1]


@pytest.mark.zuiver
def test_long_filters_are_shortened_in_footers_without_a_browser() -> None:
    filters = " · ".join(f"regio {n:02d} met een lange naam" for n in range(1, 41))
    info = PackInfo(INFO.title, INFO.peildatum, filters, INFO.data_date)
    table = PackTable("Kort", HEADERS, ROWS[:3], {2, 3})
    reader = PdfReader(io.BytesIO(pack_pdf(info, [PackSection("Alleen een tabel", tables=[table])])))
    title_page, table_page = _page_texts(reader)
    # The title page spells out every filter; the footer shortens them so they stay clear of
    # the page number.
    assert "regio 40 met een lange naam" in title_page
    assert "Filters: regio 01 met een lange naam" in table_page
    assert "regio 40 met een lange naam" not in table_page
    assert any(line.endswith(" …") for line in table_page.splitlines())

    slides = Presentation(
        io.BytesIO(pack_pptx(info, [PackSection("Alleen een tabel", tables=[table])]))
    ).slides
    for slide in slides:
        footer = next(shape for shape in slide.shapes if shape.name == "Voettekst").text_frame.text
        assert footer.startswith(CIJFERS)
        assert "Filters: regio 01 met een lange naam" in footer
        filters_line = footer.splitlines()[-1]
        assert filters_line.endswith(" …") and len(filters_line) <= FOOTER_CHARS


@pytest.mark.browser
def test_slide_shapes_stay_on_the_slide_and_clear_of_each_other(deck: Deck) -> None:
    for number, slide in enumerate(deck.slides, start=1):
        boxes = [(s.left, s.top, s.left + s.width, s.top + s.height, s.name) for s in slide.shapes]
        for left, top, right, bottom, name in boxes:
            assert 0 <= left < right <= deck.slide_width and 0 <= top < bottom <= deck.slide_height, (
                number,
                name,
            )
        for index, first in enumerate(boxes):
            for second in boxes[index + 1 :]:
                apart = (
                    first[2] <= second[0]
                    or second[2] <= first[0]
                    or first[3] <= second[1]
                    or second[3] <= first[1]
                )
                assert apart, (number, first[4], second[4])


@pytest.mark.zuiver
@pytest.mark.traag
@pytest.mark.parametrize("count", [4, 40])
def test_pdf_tables_keep_their_caption_and_leave_no_row_alone(count: int) -> None:
    table = PackTable("Tabel per organisatie", HEADERS, ROWS[:count], {2, 3})
    names = [row[0] for row in table.rows]
    # Ever more lines of text push the table down the page, past every place it could break.
    for lines in range(0, 27):
        text = "\n\n".join(f"Regel {n}." for n in range(lines))
        reader = PdfReader(io.BytesIO(pack_pdf(INFO, [PackSection("Sectie", text, [], [table])])))
        pages = [[name for name in names if name in page] for page in _page_texts(reader)]
        parts = [(number, found) for number, found in enumerate(pages) if found]
        assert [name for _number, found in parts for name in found] == names, lines
        first_page = _page_texts(reader)[parts[0][0]]
        assert "Tabel per organisatie" in first_page, lines  # the caption with the first row
        if count == 4:
            assert len(parts) == 1, lines  # a short table is never split
        for number, found in parts:
            assert len(found) >= 2, (lines, number, found)  # no row alone on a page
            assert "Duurzaam in procenten" in _page_texts(reader)[number], (lines, number)


@pytest.mark.browser
def test_pdf_keeps_a_short_table_on_the_page_of_the_figure_before_it() -> None:
    _require_chromium()
    goals = PackTable("Doelen 2026", HEADERS, ROWS[:4], {2, 3})
    text = "Een eerste alinea.\n\nEen tweede alinea."
    reader = PdfReader(
        io.BytesIO(pack_pdf(INFO, [PackSection("Overzicht", text, [_bar("Gestart")], [goals])]))
    )
    texts = _page_texts(reader)
    # Title page and one page: the figure, a little smaller, with the whole table below it.
    assert len(texts) == 2 and len(reader.pages[1].images) == 1
    assert "Doelen 2026" in texts[1] and all(row[0] in texts[1] for row in goals.rows)
