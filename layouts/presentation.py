"""Presentatiemodus: one view per screen for the steering-group room, stepped with the keyboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from dash import dcc, html

from dashboard.i18n import _
from dashboard.infra.runtime import current_peildatum
from dashboard.reports.params import parse_peildatum, parse_region, parse_since, parse_year
from dashboard.text import format as fmt
from geodata import region_refs
from layouts import ids
from layouts.a11y import aria, data
from layouts.exports import pack_links

# Big type and thick lines: read from the back of a room on a 1280×720 projector.
FIGURE_FONT = 20


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

    def query(self, step: int) -> str:
        """``?jaar=…&peildatum=…&regios=AM09,AM01&stap=3`` for this show at ``step`` (1-based)."""
        params: dict[str, Any] = {"jaar": self.year, "peildatum": self.peildatum.isoformat()}
        if self.regions:
            params["regios"] = ",".join(self.regions)
        if self.since is not None:
            params["sinds"] = self.since.isoformat()
        if self.auto_seconds:
            params["auto"] = self.auto_seconds
        params["stap"] = step
        return "?" + urlencode(params)


MAX_REGIONS = 8
AUTO_CHOICES = (0, 10, 15, 20, 30, 45, 60, 120)


def parse_show(query: dict[str, Any]) -> Show:
    """The show from URL parameters; anything unusable falls back to a plain national show."""

    def one(key: str) -> str | None:
        value = query.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        return value if isinstance(value, str) else None

    peildatum = parse_peildatum(one("peildatum"), current_peildatum())
    year = parse_year(one("jaar"), peildatum.year)
    codes: list[str] = []
    for raw in (one("regios") or "").split(","):
        code = parse_region(raw.strip())
        if code is not None and code not in codes:
            codes.append(code)
    auto = int(one("auto") or 0) if (one("auto") or "0").isdigit() else 0
    return Show(
        year=year,
        peildatum=peildatum,
        regions=tuple(codes[:MAX_REGIONS]),
        since=parse_since(one("sinds"), peildatum),
        auto_seconds=auto if auto in AUTO_CHOICES else 0,
    )


def sequence(regions: tuple[str, ...]) -> list[Step]:
    """National overview → map → ranking → the chosen regions → meeting cadence."""
    names = {r.code: r.naam for r in region_refs()}
    return [
        Step("tegels", _("Landelijk overzicht")),
        Step("kaart", _("Kaart: % van het jaardoel")),
        Step("rangorde", _("Rangorde van de regio's")),
        *[Step("regio", names[code], code) for code in regions],
        Step("bijeenkomsten", _("Bijeenkomsten")),
    ]


def page(**query: Any) -> html.Div:
    """``/presentatie``: the show from its URL, starting at ``stap``; a callback fills the screen."""
    show = parse_show(query)
    raw_step = query.get("stap")
    step = int(raw_step) if isinstance(raw_step, str) and raw_step.isascii() and raw_step.isdigit() else 1
    # Esc leads to the national overview at the same year and peildatum.
    exit_href = "/?" + urlencode({"jaar": show.year, "peildatum": show.peildatum.isoformat()})
    steps = sequence(show.regions)
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


def link(year: int, peildatum: dt.date | str, regions: tuple[str, ...] = ()) -> html.A:
    """*Presenteren*: opens the show at this view (a region page passes its own region)."""
    day = peildatum if isinstance(peildatum, str) else peildatum.isoformat()
    params = {"jaar": year, "peildatum": day} | ({"regios": ",".join(regions)} if regions else {})
    return html.A(
        [html.I(className="bi bi-easel me-1", **aria(hidden="true")), _("Presenteren")],
        href="/presentatie?" + urlencode(params),
        className="btn btn-outline-primary btn-sm",
    )
