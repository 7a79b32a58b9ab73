"""The meeting pack as an A4-landscape PDF (reportlab platypus, built-in Helvetica)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from dashboard.documents.pack.images import HEIGHT, WIDTH, Progress, render_figures
from dashboard.documents.pack.model import PackInfo, PackSection, PackTable, cijfers_tm
from dashboard.i18n import _, current_language

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 36
HEADER_LINE = PAGE_HEIGHT - 46
FOOTER_LINE = 50
FRAME_TOP = HEADER_LINE - 8
FRAME_BOTTOM = FOOTER_LINE + 8
FRAME_PADDING = 6
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 2 * FRAME_PADDING
CONTENT_HEIGHT = FRAME_TOP - FRAME_BOTTOM - 2 * FRAME_PADDING
INK = colors.HexColor("#212529")
MUTED = colors.HexColor("#6c757d")
RULE = colors.HexColor("#adb5bd")
HEADER_FILL = colors.HexColor("#e9ecef")
STRIPE_FILL = colors.HexColor("#f8f9fa")
# A figure may shrink to this share of its size to keep a short table below it on the page.
SHRINK_LIMIT = 0.6
FONT = "Helvetica"
BOLD = "Helvetica-Bold"

_BODY = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, textColor=INK, spaceAfter=6)
_HEADING = ParagraphStyle("heading", _BODY, fontName=BOLD, fontSize=16, leading=20, spaceAfter=8)
_CAPTION = ParagraphStyle("caption", _BODY, fontName=BOLD, fontSize=11, spaceBefore=6)
_CELL = ParagraphStyle("cell", _BODY, fontSize=9, leading=11, spaceAfter=0)
_CELL_NUMBER = ParagraphStyle("cell-number", _CELL, alignment=TA_RIGHT)
_HEAD = ParagraphStyle("head", _CELL, fontName=BOLD)
_HEAD_NUMBER = ParagraphStyle("head-number", _HEAD, alignment=TA_RIGHT)
_LABEL = ParagraphStyle("label", _BODY, fontSize=12, leading=15, textColor=MUTED)
_TITLE = ParagraphStyle("title", _BODY, fontName=BOLD, fontSize=28, leading=34, spaceAfter=10)
_SUBTITLE = ParagraphStyle("subtitle", _BODY, fontSize=16, leading=20, spaceAfter=18)

_CELL_PADDING = 4


class _NumberedCanvas(Canvas):
    """Holds every page back until the end, when "van Y" (the page total) is known.

    The footer is worded when the document is built, in the language of the pack's request.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            page = _("pagina {nummer} van {totaal}").format(nummer=number, totaal=total)
            self.drawRightString(PAGE_WIDTH - MARGIN, FOOTER_LINE - 12, page)
            super().showPage()
        super().save()


def _fit(text: str, width: float, size: float, lines: int, font: str = FONT) -> list[str]:
    # Long texts wrap to a few lines; beyond that an ellipsis shows that there is more.
    split: list[str] = simpleSplit(text, font, size, width) or [""]
    if len(split) <= lines:
        return split
    kept: list[str] = split[:lines]
    last = kept[-1]
    while last and stringWidth(f"{last} …", font, size) > width:
        last = last[:-1]
    kept[-1] = f"{last.rstrip()} …"
    return kept


def _decorate(canvas: Canvas, doc: BaseDocTemplate, info: PackInfo) -> None:
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 10)
    # Left of the header, the title keeps clear of the day the figures stand on, at the right
    # (longer for a past year: "31 december 2025 (uitstroom t/m 30 september 2026)").
    as_of = cijfers_tm(info)
    room = PAGE_WIDTH - 2 * MARGIN - stringWidth(as_of, BOLD, 10) - 24
    canvas.drawString(MARGIN, HEADER_LINE + 20, _fit(info.title, room, 10, 1, BOLD)[0])
    canvas.drawRightString(PAGE_WIDTH - MARGIN, HEADER_LINE + 20, as_of)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    data_date = _("Gegevensstand: {stand}").format(stand=info.data_date)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, HEADER_LINE + 8, data_date)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, HEADER_LINE, PAGE_WIDTH - MARGIN, HEADER_LINE)
    canvas.line(MARGIN, FOOTER_LINE, PAGE_WIDTH - MARGIN, FOOTER_LINE)
    # The page number goes at the right end of the footer (see _NumberedCanvas); the filters keep
    # clear of it.
    filters = _fit(_("Filters: {filters}").format(filters=info.filters), PAGE_WIDTH - 2 * MARGIN - 110, 8, 3)
    for line, text in enumerate(filters):
        canvas.drawString(MARGIN, FOOTER_LINE - 12 - 10 * line, text)
    canvas.restoreState()


def _paragraphs(text: str, style: ParagraphStyle) -> Iterator[Paragraph]:
    for block in text.split("\n\n"):
        if block.strip():
            yield Paragraph(escape(block.strip()).replace("\n", "<br/>"), style)


def _column_widths(table: PackTable) -> list[float]:
    natural = [
        max(
            [stringWidth(header, BOLD, _HEAD.fontSize)]
            + [stringWidth(row[index], FONT, _CELL.fontSize) for row in table.rows if index < len(row)]
        )
        + 2 * _CELL_PADDING
        + 2
        for index, header in enumerate(table.headers)
    ]
    # Narrow tables keep their natural width; wide ones shrink to the page and their cells wrap.
    scale = min(1.0, CONTENT_WIDTH / sum(natural))
    return [width * scale for width in natural]


class _Table(Table):
    """A table whose parts keep its split rule: reportlab drops ``rowSplitRange`` from the rest."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            part._rowSplitRange = self._rowSplitRange
        return parts


def _table(table: PackTable) -> Table:
    def cell(text: str, index: int, header: bool) -> Paragraph:
        if header:
            style = _HEAD_NUMBER if index in table.numeric else _HEAD
        else:
            style = _CELL_NUMBER if index in table.numeric else _CELL
        return Paragraph(escape(text), style)

    data = [[cell(text, index, True) for index, text in enumerate(table.headers)]]
    data += [[cell(text, index, False) for index, text in enumerate(row)] for row in table.rows]
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("BACKGROUND", (0, row), (-1, row), STRIPE_FILL) for row in range(2, len(data), 2)]
    # repeatRows: a table that runs onto the next page starts there with its header again.
    # rowSplitRange: it breaks only where at least two rows stay above and two go below, so no
    # row is left alone at the foot of a page or at the top of the next.
    return _Table(
        data,
        colWidths=_column_widths(table),
        repeatRows=1,
        splitByRow=1,
        rowSplitRange=(3, -2),
        style=TableStyle(style),
        hAlign="LEFT",
    )


def _captioned(table: PackTable) -> tuple[list[Flowable], float]:
    """The table with its caption, and their height when the table fits on one page (else 0)."""
    caption, drawn = Paragraph(escape(table.caption), _CAPTION), _table(table)
    height = _height([caption, drawn])
    if height <= CONTENT_HEIGHT:
        # A table that fits on a page stays whole, with its caption; it moves on if need be.
        return [KeepTogether([caption, drawn])], height
    # A longer one starts with its caption, header and a few rows; keepWithNext would instead
    # push it whole onto the next page, leaving the rest of this one empty.
    return [CondPageBreak(80), caption, drawn], 0


def _height(flowables: list[Flowable]) -> float:
    # Heights as the frame would stack them, spaces between flowables included.
    return sum(
        f.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables
    )


class _Figure(Image):
    """A figure that shrinks, down to ``SHRINK_LIMIT`` of its size, to leave room for what follows.

    ``reserve`` is the height of a short table after the figure: when both fit on the rest of the
    page at a somewhat smaller figure, the table stays with it instead of standing alone on a page
    of its own.
    """

    def __init__(self, png: bytes, reserve: float = 0) -> None:
        # Leave room for a heading above a figure that starts a page, so it never overflows the frame.
        width = min(CONTENT_WIDTH, (CONTENT_HEIGHT - 40) * WIDTH / HEIGHT)
        super().__init__(io.BytesIO(png), width=width, height=width * HEIGHT / WIDTH)
        self._full = (width, width * HEIGHT / WIDTH)
        self._reserve = reserve

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width, height = self._full
        room = availHeight - self._reserve
        if self._reserve and SHRINK_LIMIT * height <= room < height:
            width, height = width * room / height, room
        self.drawWidth, self.drawHeight = width, height
        return width, height


def _title_page(info: PackInfo, sections: list[PackSection]) -> list[Flowable]:
    filters, data_date = escape(_("Filters:")), escape(_("Gegevensstand:"))
    story: list[Flowable] = [
        Spacer(1, 60),
        Paragraph(escape(_("Vergaderstuk")), _LABEL),
        Paragraph(escape(info.title), _TITLE),
        Paragraph(escape(cijfers_tm(info)), _SUBTITLE),
        Paragraph(f"<b>{filters}</b> {escape(info.filters)}", _BODY),
        Paragraph(f"<b>{data_date}</b> {escape(info.data_date)}", _BODY),
    ]
    if sections:
        story += [Spacer(1, 18), Paragraph(escape(_("Inhoud")), _CAPTION)]
        story += [
            Paragraph(f"{number}. {escape(section.title)}", _BODY)
            for number, section in enumerate(sections, 1)
        ]
    return story


def _story(info: PackInfo, sections: list[PackSection], images: list[bytes]) -> list[Flowable]:
    story = _title_page(info, sections)
    pngs = iter(images)
    for section in sections:
        story += [PageBreak(), Paragraph(escape(section.title), _HEADING)]
        story += _paragraphs(section.text, _BODY)
        tables = [_captioned(table) for table in section.tables]
        # The first table, if short, may claim room below the section's last figure (a little
        # more than its height, for rounding in the frame).
        first = tables[0][1] if tables else 0
        reserve = first + 2 if 0 < first <= CONTENT_HEIGHT / 2 else 0
        last = len(section.figures) - 1
        story += [_Figure(next(pngs), reserve if n == last else 0) for n in range(len(section.figures))]
        for flowables, _height_if_whole in tables:
            story += flowables
    return story


def pack_pdf(info: PackInfo, sections: list[PackSection], on_figure: Progress | None = None) -> bytes:
    """The pack as a PDF: a title page, then every section from a new page.

    Every page carries the peildatum (*Cijfers t/m …*), the filters, the data date and
    *pagina X van Y*; long tables continue on the next page with their header repeated.

    Args:
        info: Title, peildatum, filters and data date of the pack.
        sections: The parts of the pack, in order.
        on_figure: told after each figure is drawn (a background job's progress).

    Returns:
        The PDF file's bytes.
    """
    images = render_figures([figure for section in sections for figure in section.figures], on_figure)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=info.title,
        subject=cijfers_tm(info),
        author="Hoofdzaak Werk Monitor",
        lang="en-GB" if current_language() == "en" else "nl-NL",
    )
    frame = Frame(
        MARGIN,
        FRAME_BOTTOM,
        PAGE_WIDTH - 2 * MARGIN,
        FRAME_TOP - FRAME_BOTTOM,
        leftPadding=FRAME_PADDING,
        rightPadding=FRAME_PADDING,
        topPadding=FRAME_PADDING,
        bottomPadding=FRAME_PADDING,
    )
    doc.addPageTemplates([PageTemplate(id="pagina", frames=[frame], onPage=partial(_decorate, info=info))])
    doc.build(_story(info, sections, images), canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
