"""Organisatie: one organisation's figures, its share of the region and its data deliveries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data.cohorts import OrganisationRef
from dashboard.i18n import _
from dashboard.reports.organisation import OrganisationReport
from dashboard.reports.view import View
from dashboard.rules import metrics
from dashboard.text import format as fmt
from dashboard.text.as_of import through
from dashboard.text.categories import ORGANISATION_TYPE, category
from geodata import RegionRef
from layouts import controls, ids
from layouts.a11y import aria
from layouts.data_page import delivery_table
from layouts.figures.funnel import funnel_summary
from layouts.notices import view_problems
from layouts.page_container import page_start, view_location
from layouts.region import breadcrumb, graph, region_trail, section, summary_text
from layouts.tables import table


def organisation_trail(
    region: RegionRef, organisation: OrganisationRef, year: int, peildatum: dt.date | str
) -> list[tuple[str, str | None]]:
    """*Nederland › region › organisation*."""
    return [*region_trail(region, year, peildatum), (organisation.naam, None)]


def organisation_url(view: View, code: str, organisation: int) -> str:
    """The page of organisation ``organisation`` in region ``code``, with the view's year and peildatum."""
    return f"/regio/{code}/organisatie/{organisation}" + view.address()


def heading(report: OrganisationReport) -> str:
    """*Startcohort 2026, cijfers t/m 30 juni 2026* (a past year names the day outflow counts to)."""
    return _("Startcohort {year}, cijfers t/m {date}").format(
        year=report.year, date=through(report.year, report.peildatum)
    )


def funnel_text(report: OrganisationReport) -> str:
    """The text under the organisation's funnel: its counts, or why small numbers are not shown."""
    name, counts = report.ref.naam, report.counts
    if report.suppressed:
        text = _(
            "{name}: kleine aantallen (1 tot en met {largest}) worden op organisatieniveau niet getoond "
            "({marker} of x), zodat niemand herkenbaar is."
        ).format(name=name, largest=report.rule.minimum - 1, marker=report.rule.marker)
    else:
        text = funnel_summary(name, counts, report.year)
    if counts is not None and not report.mature:
        text += " " + _("Dit cohort is nog niet uitontwikkeld: duurzaam werk kan nog volgen.")
    return text


def deliveries(report: OrganisationReport) -> list[Any]:
    """Delivery per quarter and the files that brought the organisation's trajectories."""
    if report.files.empty:
        return [html.P(_("Deze organisatie heeft nog geen trajecten aangeleverd (geen gegevens)."))]
    rows = [
        [fmt.moment(r.tijdstip), r.bestandsnaam, fmt.number(r.trajecten)] for r in report.files.itertuples()
    ]
    caption = _("Aangeleverde bestanden met haar trajecten")
    files = table(caption, [_("Ingelezen"), _("Bestand"), _("Rijen")], rows, {2})
    return [delivery_table(report.deliveries, report.ref.region_code), files]


def page(
    region: RegionRef,
    organisation: OrganisationRef,
    year: int,
    peildatum: dt.date,
    latest: dt.date,
    problems: Sequence[object] = (),
    first: Mapping[str, Any] | None = None,
) -> html.Div:
    """The page with its controls set from the URL, drawn from the first response.

    ``first`` is what each output shows for these controls, by id
    (``layouts.organisation_content.first_view``); the callbacks wait for a control to change.
    """
    first = first or {}
    kind = category(ORGANISATION_TYPE, organisation.soort) if organisation.soort else _("type onbekend")
    trail = first.get(ids.ORG_BREADCRUMB) or breadcrumb(
        organisation_trail(region, organisation, year, peildatum)
    )
    return html.Div(
        [
            view_location(ids.ORG_URL, first.get(ids.ORG_URL)),
            html.Div(trail, id=ids.ORG_BREADCRUMB),
            *view_problems(problems),
            html.H1(organisation.naam, className="h2"),
            html.P(
                _("{kind} · arbeidsmarktregio {region}").format(kind=kind, region=region.naam),
                className="text-body-secondary mb-1",
            ),
            html.P(first.get(ids.ORG_HEADING), id=ids.ORG_HEADING, className="lead"),
            dcc.Store(id=ids.ORG_ID, data=organisation.id),
            html.Div(
                [
                    controls.year_select(ids.ORG_YEAR, year, latest.year),
                    controls.peildatum_input(ids.ORG_PEILDATUM, peildatum, latest),
                ],
                className="d-flex flex-wrap align-items-start",
                role="group",
                **aria(label=_("Jaar en peildatum")),
            ),
            html.Div(
                first.get(ids.ORG_TILES), id=ids.ORG_TILES, className="row g-3 mb-2", **aria(live="polite")
            ),
            section(
                _("Uitstroom van het startcohort"),
                [graph(ids.ORG_FUNNEL, first=first), summary_text(ids.ORG_FUNNEL_TEXT, first)],
                _("Lopende trajecten en trajecten die stopten staan er apart naast."),
            ),
            dbc.Row(
                [
                    dbc.Col(section(_("Gestart per maand"), [graph(ids.ORG_MONTHLY, 340, first)]), lg=6),
                    dbc.Col(
                        section(
                            _("Methoden en financiering"),
                            [
                                graph(ids.ORG_MIX, first=first),
                                html.Div(first.get(ids.ORG_MIX_TABLE), id=ids.ORG_MIX_TABLE),
                            ],
                        ),
                        lg=6,
                    ),
                ]
            ),
            section(
                _("Aanleveringen"),
                [html.Div(first.get(ids.ORG_DELIVERIES), id=ids.ORG_DELIVERIES)],
                _(
                    "Per kwartaal of er gestarte trajecten zijn aangeleverd, en de bestanden waarmee dat "
                    "gebeurde."
                ),
            ),
        ],
        **page_start(ids.ORG_URL, first.get(ids.ORG_URL)),
    )


def _tile(title: str, value: str, line: str, tile_id: str) -> dbc.Col:
    body = dbc.Card(
        dbc.CardBody(
            [
                html.H2(title, className="h6 text-body-secondary mb-1"),
                html.P(value, className="kpi-value mb-1"),
                html.P(line, className="mb-0 small"),
            ]
        ),
        className="h-100 kpi-tile",
        id=tile_id,
    )
    return dbc.Col(body, xs=12, sm=6, xl=True)


def tiles(counts: Mapping[str, Any] | None, year: int, peildatum: dt.date, goal: float) -> list[dbc.Col]:
    """Started, placed, sustainable, outflow %, share of the region and last delivery.

    ``counts`` is None for an organisation without data: it says *geen gegevens*, never zeros.
    ``goal`` is the region's outflow goal for ``year`` (the one its gauge shows).
    """
    # Beside the starts: they end with the year (the heading names the outflow's day).
    as_of = _("startcohort {year}, t/m {date}").format(
        year=year, date=through(year, peildatum, outflow=False)
    )
    if counts is None:
        nothing = _("Niets aangeleverd voor {as_of}").format(as_of=as_of)
        return [_tile(_("Trajecten gestart"), _("geen gegevens"), nothing, "org-gestart")]
    goal_line = _("doel {goal}").format(goal=fmt.percentage(goal))
    if not metrics.cohort_is_mature(year, peildatum):
        goal_line = _("{goal} (nog niet uitontwikkeld)").format(goal=goal_line)
    return [
        _tile(_("Trajecten gestart"), fmt.published(counts["gestart"]), as_of, "org-gestart"),
        _tile(
            _("Geplaatst"),
            fmt.published(counts["geplaatst"]),
            _("eerste dag betaald werk gehaald"),
            "org-geplaatst",
        ),
        _tile(
            _("Duurzaam aan het werk"),
            fmt.published(counts["duurzaam"]),
            _("zes maanden betaald werk"),
            "org-duurzaam",
        ),
        _tile(
            _("Duurzame uitstroom"),
            fmt.published(counts["duurzaam_pct"], percent=True),
            goal_line,
            "org-pct",
        ),
        _tile(
            _("Aandeel in de regio"),
            fmt.published(counts["aandeel_pct"], percent=True),
            _("van de gestarte trajecten"),
            "org-aandeel",
        ),
        _tile(
            _("Laatst aangeleverd"),
            counts["laatst_aangeleverd"],
            _("laatste import met haar trajecten"),
            "org-laatst",
        ),
    ]


def not_found(code: str, organisation: str) -> html.Div:
    """A friendly page for an unknown organisation (or one that belongs to another region)."""
    return html.Div(
        [
            html.H1(_("Organisatie niet gevonden"), className="h2"),
            html.P(
                _("In regio '{code}' is geen organisatie met nummer '{organisation}'.").format(
                    code=code, organisation=organisation
                )
            ),
            html.A(_("Naar de lijst van regio's"), href="/regio"),
        ]
    )
