"""The meeting pack as a 16:9 PowerPoint deck, for those who paste figures into their own slides."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt

from dashboard.documents.pack.images import HEIGHT, WIDTH, Progress, render_figures
from dashboard.documents.pack.model import PackInfo, PackSection, PackTable, cijfers_tm
from dashboard.i18n import _

SLIDE_WIDTH = Emu(12192000)  # 13⅓ inch: exactly 16:9 with the 7½ inch height
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_WIDTH = Emu(SLIDE_WIDTH - 2 * MARGIN)
TITLE_TOP = Inches(0.3)
TEXT_TOP = Inches(1.05)
BODY_TOP = Inches(1.15)
TEXT_SIZE = 16
# Proportional fonts average about half an em per character: enough to reserve the text's height.
TEXT_CHARS_PER_LINE = int(CONTENT_WIDTH / Pt(TEXT_SIZE * 0.5))
FOOTER_TOP = Inches(6.8)
FOOTER_HEIGHT = Inches(0.6)
BODY_BOTTOM = Emu(FOOTER_TOP - Inches(0.1))
ROW_HEIGHT = Inches(0.36)
# Readable from the back of the room: more rows than this go on a next slide.
MAX_ROWS = 12
INK = RGBColor(0x21, 0x25, 0x29)
MUTED = RGBColor(0x6C, 0x75, 0x7D)
FOOTER_SIZE = 10
FOOTER_WIDTH = Emu(CONTENT_WIDTH - Inches(1))
# A generous average character width, so long filters are cut before they wrap off the slide.
FOOTER_CHARS = int(FOOTER_WIDTH / Pt(FOOTER_SIZE * 0.55))
_BLANK_LAYOUT = 6


@dataclass
class _Slide:
    title: str
    text: str = ""
    picture: bytes | None = None
    table: PackTable | None = None
    subtitle: str = ""


def _chunks(rows: list[list[str]]) -> list[list[list[str]]]:
    # Even chunks (4 × 10 rather than 12 + 12 + 12 + 4), so no slide ends with a stub.
    count = max(1, math.ceil(len(rows) / MAX_ROWS))
    size = max(1, math.ceil(len(rows) / count))
    return [rows[start : start + size] for start in range(0, len(rows), size)] or [[]]


def _plan(sections: list[PackSection], images: list[bytes]) -> list[_Slide]:
    plan: list[_Slide] = []
    pngs = iter(images)
    for section in sections:
        slides = [_Slide(section.title, picture=next(pngs)) for _ in section.figures]
        for table in section.tables:
            parts = _chunks(table.rows)
            for number, rows in enumerate(parts, start=1):
                part = PackTable(table.caption, table.headers, rows, table.numeric)
                suffix = f" ({number}/{len(parts)})" if len(parts) > 1 else ""
                slides.append(_Slide(section.title, table=part, subtitle=f"{table.caption}{suffix}"))
        first = slides[0] if slides else _Slide(section.title)
        first.text = section.text.strip()
        plan += slides or [first]
    return plan


def _set_lines(frame: TextFrame, lines: list[str], size: int, colour: RGBColor, bold: bool = False) -> None:
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold
        paragraph.font.color.rgb = colour


def _text_box(
    slide: Slide,
    top: int,
    height: int,
    lines: list[str],
    size: int,
    *,
    bold: bool = False,
    colour: RGBColor = INK,
) -> None:
    box = slide.shapes.add_textbox(MARGIN, Emu(top), CONTENT_WIDTH, Emu(height))
    _set_lines(box.text_frame, lines, size, colour, bold)


def _text_height(lines: list[str]) -> int:
    # The figure or table moves down by the text's height instead of being covered by it.
    count = sum(max(1, math.ceil(len(line) / TEXT_CHARS_PER_LINE)) for line in lines)
    return int(Pt(TEXT_SIZE * 1.2) * count + Inches(0.1))


def _footer(slide: Slide, info: PackInfo, number: int, total: int) -> None:
    filters = _("Filters: {filters}").format(filters=info.filters)
    if len(filters) > FOOTER_CHARS:
        filters = filters[: FOOTER_CHARS - 2].rstrip() + " …"
    box = slide.shapes.add_textbox(MARGIN, FOOTER_TOP, FOOTER_WIDTH, FOOTER_HEIGHT)
    box.name = "Voettekst"
    data_date = _("Gegevensstand: {stand}").format(stand=info.data_date)
    _set_lines(box.text_frame, [f"{cijfers_tm(info)} · {data_date}", filters], FOOTER_SIZE, MUTED)
    counter = slide.shapes.add_textbox(
        Emu(SLIDE_WIDTH - MARGIN - Inches(1)), FOOTER_TOP, Inches(1), FOOTER_HEIGHT
    )
    _set_lines(counter.text_frame, [f"{number}/{total}"], FOOTER_SIZE, MUTED)
    counter.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT


def _picture(slide: Slide, png: bytes, top: int) -> None:
    # Even below a very long section text the figure keeps a readable size.
    room = max(BODY_BOTTOM - top, Inches(2.5))
    width = min(CONTENT_WIDTH, int(room * WIDTH / HEIGHT))
    height = int(width * HEIGHT / WIDTH)
    left = (SLIDE_WIDTH - width) // 2
    slide.shapes.add_picture(io.BytesIO(png), Emu(left), Emu(top), Emu(width), Emu(height))


def _column_widths(table: PackTable) -> list[int]:
    # Widths follow the longest text in each column, so names get room and numbers stay compact.
    longest = [
        max([len(header)] + [len(row[index]) for row in table.rows if index < len(row)]) + 4
        for index, header in enumerate(table.headers)
    ]
    return [int(CONTENT_WIDTH * length / sum(longest)) for length in longest]


def _table(slide: Slide, table: PackTable, top: int) -> None:
    rows = len(table.rows) + 1
    shape = slide.shapes.add_table(
        rows, len(table.headers), MARGIN, Emu(top), CONTENT_WIDTH, Emu(ROW_HEIGHT * rows)
    )
    grid = shape.table
    for index, width in enumerate(_column_widths(table)):
        grid.columns[index].width = Emu(width)
    for row_index, cells in enumerate([table.headers, *table.rows]):
        for column, text in enumerate(cells):
            cell = grid.cell(row_index, column)
            cell.text = text
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.font.size = Pt(14)
            paragraph.font.bold = row_index == 0
            if column in table.numeric:
                paragraph.alignment = PP_ALIGN.RIGHT


def pack_pptx(info: PackInfo, sections: list[PackSection], on_figure: Progress | None = None) -> bytes:
    """The pack as a 16:9 deck: a title slide, then one slide per figure and per table part.

    A section's title heads each of its slides and its text goes on the first; tables of more
    than ``MAX_ROWS`` rows continue on further slides with the header row repeated. Every slide
    has a footer with the peildatum (*Cijfers t/m …*), the filters and the data date.

    Args:
        info: Title, peildatum, filters and data date of the pack.
        sections: The parts of the pack, in order.
        on_figure: told after each figure is drawn (a background job's progress).

    Returns:
        The PPTX file's bytes.
    """
    images = render_figures([figure for section in sections for figure in section.figures], on_figure)
    deck = Presentation()
    deck.slide_width = SLIDE_WIDTH
    deck.slide_height = SLIDE_HEIGHT
    layout = deck.slide_layouts[_BLANK_LAYOUT]
    plan = _plan(sections, images)
    total = len(plan) + 1

    title = deck.slides.add_slide(layout)
    _text_box(title, Inches(2.2), Inches(1.2), [info.title], 40, bold=True)
    _text_box(title, Inches(3.5), Inches(0.6), [cijfers_tm(info)], 24)
    facts = [
        _("Filters: {filters}").format(filters=info.filters),
        _("Gegevensstand: {stand}").format(stand=info.data_date),
    ]
    _text_box(title, Inches(4.3), Inches(1.2), facts, 16, colour=MUTED)
    _footer(title, info, 1, total)

    for number, planned in enumerate(plan, start=2):
        slide = deck.slides.add_slide(layout)
        _text_box(slide, TITLE_TOP, Inches(0.75), [planned.title], 28, bold=True)
        top: int = BODY_TOP
        lines = [line for line in (planned.subtitle, *planned.text.splitlines()) if line.strip()]
        if lines:
            height = _text_height(lines)
            _text_box(slide, TEXT_TOP, height, lines, TEXT_SIZE, colour=MUTED)
            top = TEXT_TOP + height + Inches(0.1)
        if planned.picture is not None:
            _picture(slide, planned.picture, top)
        if planned.table is not None:
            _table(slide, planned.table, top)
        _footer(slide, info, number, total)

    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
