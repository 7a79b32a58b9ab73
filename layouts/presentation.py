"""Presentatiemodus: one view per screen for the steering-group room, stepped with the keyboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.auth.viewer import Viewer
from dashboard.i18n import _
from dashboard.infra.runtime import current_peildatum
from dashboard.reports.view import View
from geodata import region_refs
from layouts import ids
from layouts.a11y import aria, data
from layouts.exports import pack_links
from layouts.presentation_fit import BEAMER, Window, parts


@dataclass(frozen=True)
class Step:
    """One screen of the sequence."""

    kind: str  # "tegels", "kaart", "rangorde", "regio" or "bijeenkomsten"
    title: str
    region: str | None = None
    # The rows of a table split over several screens that this screen shows (all by default).
    rows: tuple[int, int | None] = (0, None)


@dataclass(frozen=True)
class Show:
    """What the presenter chose; all of it lives in the URL, so a link replays the same show."""

    year: int
    peildatum: dt.date
    regions: tuple[str, ...]
    since: dt.date | None
    auto_seconds: int
    # Started from a region page: that region's screens first, then the national context.
    regions_first: bool = False

    def query(self, step: int) -> str:
        """``?jaar=…&peildatum=…&regios=AM09,AM01&stap=3`` for this show at ``step`` (1-based)."""
        return self.key() + "&" + urlencode({"stap": step})

    def key(self) -> str:
        """The query without its step: the beamer and presenter windows of one show share it."""
        params: dict[str, Any] = {"jaar": self.year, "peildatum": self.peildatum.isoformat()}
        if self.regions:
            params["regios"] = ",".join(self.regions)
            if self.regions_first:
                params["begin"] = "regio"
        if self.since is not None:
            params["sinds"] = self.since.isoformat()
        if self.auto_seconds:
            params["auto"] = self.auto_seconds
        return "?" + urlencode(params)

    def view(self, viewer: Viewer | None = None, language: str = "nl") -> View:
        """The view every screen of the show draws its report from (the default start cohort)."""
        query = {"jaar": str(self.year), "peildatum": self.peildatum.isoformat()}
        if self.since is not None:
            query["sinds"] = self.since.isoformat()
        # The show's peildatum is already within the data: it is the latest day for this view.
        return View.parse(query, self.peildatum, viewer, language)


MAX_REGIONS = 8
PRESENTER_PATH = "/presentatie/presentator"
AUTO_CHOICES = (0, 10, 15, 20, 30, 45, 60, 120)


def parse_show(query: dict[str, Any]) -> Show:
    """The show from URL parameters; anything unusable falls back to a plain national show."""

    def one(key: str) -> str | None:
        value = query.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        return value if isinstance(value, str) else None

    # Year, peildatum and comparison day as every page reads them; a show adds only its regions.
    view = View.parse({key: one(key) for key in ("jaar", "peildatum", "sinds")}, current_peildatum())
    codes: list[str] = []
    for raw in (one("regios") or "").split(","):
        code = View.parse({"regio": raw.strip()}, view.peildatum).region
        if code is not None and code not in codes:
            codes.append(code)
    # ASCII digits only: "²" is a digit to str.isdigit() but not to int().
    raw_auto = one("auto") or "0"
    auto = int(raw_auto) if raw_auto.isascii() and raw_auto.isdigit() and len(raw_auto) <= 4 else 0
    return Show(
        year=view.year,
        peildatum=view.peildatum,
        regions=tuple(codes[:MAX_REGIONS]),
        since=view.since,
        auto_seconds=auto if auto in AUTO_CHOICES else 0,
        regions_first=one("begin") == "regio" and bool(codes),
    )


def sequence(regions: tuple[str, ...], regions_first: bool = False, window: Window = BEAMER) -> list[Step]:
    """National overview → map → ranking → the chosen regions → meeting cadence.

    ``regions_first`` (a show started from a region page) puts the regions before the national
    context: a region's stuurgroep talks about its own figures first. The meetings table is split
    over as many screens as the ``window`` needs to show every row without scrolling
    (*Bijeenkomsten 1/3*, *2/3*, …).
    """
    names = {r.code: r.naam for r in region_refs()}
    own = [Step("regio", names[code], code) for code in regions]
    national = [
        Step("tegels", _("Landelijk overzicht")),
        Step("kaart", _("Kaart: % van het jaardoel")),
        Step("rangorde", _("Rangorde van de regio's")),
    ]
    middle = [*own, *national] if regions_first else [*national, *own]
    # The meetings screen has the national change since the comparison date below its table.
    rows = parts(len(regions) or len(names), window.table_rows(lines=1))
    title = _("Bijeenkomsten")
    if len(rows) == 1:
        return [*middle, Step("bijeenkomsten", title)]
    meetings = [
        Step("bijeenkomsten", f"{title} {number}/{len(rows)}", rows=part)
        for number, part in enumerate(rows, start=1)
    ]
    return [*middle, *meetings]


def page(**query: Any) -> html.Div:
    """``/presentatie``: the show from its URL, starting at ``stap``; a callback draws every screen."""
    show = parse_show(query)
    raw_step = query.get("stap")
    step = (
        int(raw_step)
        if isinstance(raw_step, str) and raw_step.isascii() and raw_step.isdigit() and len(raw_step) <= 4
        else 1
    )
    # Esc leads to the national overview at the same year and peildatum.
    exit_href = "/?" + urlencode({"jaar": show.year, "peildatum": show.peildatum.isoformat()})
    steps = sequence(show.regions, show.regions_first)
    return html.Div(
        [
            dcc.Store(id=ids.PRESENTATION_SHOW, data=show.query(1)),
            dcc.Store(id=ids.PRESENTATION_STEP, data=min(max(step, 1), len(steps))),
            # Filled with every screen at once: stepping then asks the server nothing.
            dcc.Store(id=ids.PRESENTATION_DECK),
            # The window's size, from the browser (assets/presentation.js): screens are drawn for it.
            dcc.Store(id=ids.PRESENTATION_WINDOW),
            dcc.Interval(
                id=ids.PRESENTATION_TIMER,
                interval=max(show.auto_seconds, 5) * 1000,
                disabled=not show.auto_seconds,
            ),
            html.Div(
                [
                    html.Button(
                        [html.I(className="bi bi-chevron-left", **aria(hidden="true")), " " + _("Vorige")],
                        id=ids.PRESENTATION_PREVIOUS,
                        className="btn btn-outline-dark btn-sm",
                        **aria(keyshortcuts="ArrowLeft PageUp"),
                    ),
                    # Written by assets/presentation.js with each step, in the same frame as the screen.
                    html.P(
                        id=ids.PRESENTATION_POSITION,
                        className="presentation-position mb-0",
                        **aria(live="polite"),
                    ),
                    html.Button(
                        [_("Volgende") + " ", html.I(className="bi bi-chevron-right", **aria(hidden="true"))],
                        id=ids.PRESENTATION_NEXT,
                        className="btn btn-outline-dark btn-sm",
                        **aria(keyshortcuts="ArrowRight PageDown Space"),
                    ),
                    html.Span(pack_links(show.year, show.peildatum, show.regions), className="small"),
                    # A second window for the presenter's laptop; it keeps in step with this one.
                    html.A(
                        _("Presentatorweergave"),
                        href=PRESENTER_PATH + show.key(),
                        target="_blank",
                        rel="noopener",
                        id=ids.PRESENTATION_PRESENTER,
                        className="btn btn-outline-dark btn-sm",
                    ),
                    html.A(
                        _("Stoppen (Esc)"),
                        href=exit_href,
                        id=ids.PRESENTATION_EXIT,
                        className="btn btn-dark btn-sm ms-3",
                        **aria(keyshortcuts="Escape"),
                    ),
                ],
                className="presentation-bar d-flex align-items-center gap-3",
                role="group",
                **aria(label=_("Presentatie bedienen")),
            ),
            # Every screen of the show, drawn once; assets/presentation.js shows one and hides the rest.
            html.Div(id=ids.PRESENTATION_SCREEN, className="presentation-screen"),
        ],
        className="presentation-mode",
        id=ids.PRESENTATION,
        # Read by assets/presentation.js, which counts the steps in the browser.
        **data(total=str(len(steps)), start=str(min(max(step, 1), len(steps))), show=show.key()),
    )


def screen(title: str, day: str, body: list[Any], compared: str = "", snapshot: str = "") -> html.Section:
    """A screen: its title with the day its figures stand on (``as_of.through``), then its content.

    ``compared`` names what the screen's changes compare with (``verschil sinds 15 september
    2026``, ``text.changes.difference_phrase``); empty for a screen without a comparison.
    ``snapshot`` says whether the figures are published and when, or provisional
    (``publication.heading_mark``, as the pages' headings say it), on the same line so the
    screen's content keeps its height.
    """
    line: list[Any] = [_("Cijfers t/m {date}").format(date=day)]
    if snapshot:
        line += [" · ", html.Span(snapshot, className="presentation-snapshot")]
    if compared:
        line.append(" · " + compared)
    return html.Section(
        [html.H1(title, className="presentation-title"), html.P(line, className="presentation-date"), *body]
    )


def slide(step: int, content: html.Section, taken: set[str]) -> html.Div:
    """Screen ``step`` in the deck: hidden (CSS) until assets/presentation.js marks it shown.

    Hidden by ``visibility``, not ``display``: a hidden screen keeps its size, so Plotly draws its
    figures at the size they are shown at, and a screen reader or the Tab key skips it. Every
    screen shares one page, so an id an earlier screen already has (``taken``, the gauge cards of a
    second region) gets the step's number.
    """
    _own_ids(content, step, taken)
    return html.Div(content, className="presentation-slide", **data(step=str(step)))


def _own_ids(component: Any, step: int, taken: set[str]) -> None:
    if isinstance(component, list | tuple):
        for child in component:
            _own_ids(child, step, taken)
        return
    if not isinstance(component, Component):
        return
    own = getattr(component, "id", None)
    if isinstance(own, str):
        if own in taken:
            own = f"{own}-{step}"
            setattr(component, "id", own)  # noqa: B010 - Component declares its props dynamically
        taken.add(own)
    _own_ids(getattr(component, "children", None), step, taken)


def position(step: int, total: int, title: str) -> str:
    """``Scherm 3 van 6: Rangorde van de regio's``."""
    return _("Scherm {step} van {total}: {title}").format(step=step, total=total, title=title)
