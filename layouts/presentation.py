"""Presentatiemodus: one view per screen for the steering-group room, stepped with the keyboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.auth.viewer import Viewer
from dashboard.i18n import _, current_language
from dashboard.infra.runtime import current_peildatum
from dashboard.reports.national import NationalReport
from dashboard.reports.region import RegionReport
from dashboard.reports.view import View
from dashboard.text import format as fmt
from geodata import region_refs, tile_layout
from layouts import ids, meetings
from layouts.a11y import aria, data
from layouts.exports import pack_links
from layouts.figures.maps import map_summary, map_values, tile_map_figure
from layouts.figures.ranking import ranking_figure, ranking_summary
from layouts.figures.theme import PROJECTOR
from layouts.gauges import region_gauges
from layouts.metric_specs import metric
from layouts.region import region_heading
from layouts.tiles import national_tiles

# The metric of the map and ranking screens: progress toward the year's goal of starts.
SHOW_METRIC = "doel"
# The tile map keeps some room below it for its one-sentence summary on a 1280×720 screen.
MAP_ROOM = 460


@dataclass(frozen=True)
class Step:
    """One screen of the sequence."""

    kind: str  # "tegels", "kaart", "rangorde", "regio" or "bijeenkomsten"
    title: str
    region: str | None = None


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
        params: dict[str, Any] = {"jaar": self.year, "peildatum": self.peildatum.isoformat()}
        if self.regions:
            params["regios"] = ",".join(self.regions)
            if self.regions_first:
                params["begin"] = "regio"
        if self.since is not None:
            params["sinds"] = self.since.isoformat()
        if self.auto_seconds:
            params["auto"] = self.auto_seconds
        params["stap"] = step
        return "?" + urlencode(params)

    def view(self, viewer: Viewer | None = None, language: str = "nl") -> View:
        """The view every screen of the show draws its report from (the default start cohort)."""
        query = {"jaar": str(self.year), "peildatum": self.peildatum.isoformat()}
        if self.since is not None:
            query["sinds"] = self.since.isoformat()
        # The show's peildatum is already within the data: it is the latest day for this view.
        return View.parse(query, self.peildatum, viewer, language)


MAX_REGIONS = 8
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


def sequence(regions: tuple[str, ...], regions_first: bool = False) -> list[Step]:
    """National overview → map → ranking → the chosen regions → meeting cadence.

    ``regions_first`` (a show started from a region page) puts the regions before the national
    context: a region's stuurgroep talks about its own figures first.
    """
    names = {r.code: r.naam for r in region_refs()}
    own = [Step("regio", names[code], code) for code in regions]
    national = [
        Step("tegels", _("Landelijk overzicht")),
        Step("kaart", _("Kaart: % van het jaardoel")),
        Step("rangorde", _("Rangorde van de regio's")),
    ]
    middle = [*own, *national] if regions_first else [*national, *own]
    return [*middle, Step("bijeenkomsten", _("Bijeenkomsten"))]


def page(**query: Any) -> html.Div:
    """``/presentatie``: the show from its URL, starting at ``stap``; a callback fills the screen."""
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
            html.Div(id=ids.PRESENTATION_SCREEN, className="presentation-screen"),
        ],
        className="presentation-mode",
        id=ids.PRESENTATION,
        # Read by assets/presentation.js, which counts the steps in the browser.
        **data(total=str(len(steps)), start=str(min(max(step, 1), len(steps)))),
    )


def screen(title: str, day: str, body: list[Any], since: dt.date | None = None) -> html.Section:
    """A screen: its title with the day its figures stand on (``as_of.through``), then its content."""
    as_of = _("Cijfers t/m {date}").format(date=day)
    if since is not None:
        as_of += " · " + _("verschil sinds {date}").format(date=fmt.date(since))
    return html.Section(
        [html.H1(title, className="presentation-title"), html.P(as_of, className="presentation-date"), *body]
    )


def position(step: int, total: int, title: str) -> str:
    """``Scherm 3 van 6: Rangorde van de regio's``."""
    return _("Scherm {step} van {total}: {title}").format(step=step, total=total, title=title)


def static_config() -> dcc.Graph.Config:
    """A graph without mode bar, in the page's language (known per request, so not a constant)."""
    return {"displayModeBar": False, "locale": current_language()}


def _graph(figure: go.Figure) -> dcc.Graph:
    return dcc.Graph(figure=figure, config=static_config())


def tiles_screen(report: NationalReport) -> list[Any]:
    """The national tiles, as on the national page."""
    return [html.Div(national_tiles(report), className="row g-3")]


def map_screen(report: NationalReport) -> list[Any]:
    """The tile map (every region visible on a projector) of progress toward the goal."""
    spec = metric(SHOW_METRIC)
    frame, cohort = report.frame_for(spec.key), (report.cohort if spec.key == "duurzaam" else None)
    figure = tile_map_figure(tile_layout(), map_values(frame, spec, cohort), PROJECTOR.in_room(MAP_ROOM))
    return [_graph(figure), html.P(map_summary(frame, spec, cohort), className="presentation-summary")]


def ranking_screen(report: NationalReport) -> list[Any]:
    """All 35 regions ranked, in two columns so every name is readable from the back of the room."""
    spec = metric(SHOW_METRIC)
    frame, cohort = report.frame_for(spec.key), (report.cohort if spec.key == "duurzaam" else None)
    figure = ranking_figure(frame, spec, None, cohort, PROJECTOR)
    return [
        _graph(figure),
        html.P(ranking_summary(frame, spec, None, cohort), className="presentation-summary"),
    ]


def region_screen(report: RegionReport) -> list[Any]:
    """The region's four goal gauges under its heading, the same as on its page."""
    return [
        html.P(region_heading(report), className="presentation-summary"),
        html.Div(region_gauges(report), className="row g-3"),
    ]


def meetings_screen(report: NationalReport, codes: tuple[str, ...]) -> list[Any]:
    """The meetings of the show's regions (all regions when it names none)."""
    return [meetings.report_table(report, codes)]
