"""Publicaties: the list of published snapshots and, per snapshot, what the current data revised."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.auth.viewer import Viewer
from dashboard.data.snapshots import PublicationRef
from dashboard.i18n import _
from dashboard.infra import clock
from dashboard.reports import publication
from dashboard.reports.revision import MEASURES, Change, RegionRevision, Revision, cause_text, signed
from dashboard.text import format as fmt
from layouts import ids, withdrawal
from layouts.a11y import aria, scroll_region


def _number(value: int | None) -> str:
    return _("geen gegevens") if value is None else fmt.number(value)


def _made(found: PublicationRef) -> str:
    return fmt.date(found.gemaakt.astimezone(clock.AMSTERDAM).date())


def _withdrawn(found: PublicationRef) -> str:
    when = found.ingetrokken.astimezone(clock.AMSTERDAM).date() if found.ingetrokken else None
    return _("ingetrokken op {datum}, door {door}, reden: {reden}").format(
        datum=fmt.date(when) if when else "", door=found.ingetrokken_door or "", reden=found.reden or ""
    )


def _row(found: PublicationRef, language: str) -> html.Tr:
    suffix = "" if language == "nl" else f"?lang={language}"
    state = (
        html.Span(_withdrawn(found), className="text-danger-emphasis")
        if found.withdrawn
        else html.Span(_("geldig"), className="badge text-bg-success")
    )
    return html.Tr(
        [
            html.Td(html.A(found.naam, href=f"/publicaties/{found.id}{suffix}")),
            html.Td(fmt.date(found.peildatum)),
            html.Td(_made(found)),
            html.Td(_("kwartaal") if found.soort == "kwartaal" else _("handmatig")),
            html.Td(state),
        ]
    )


def list_table(found: Sequence[PublicationRef], language: str) -> html.Div | html.P:
    """Every snapshot, withdrawn ones with their reason, each a link to its revisions."""
    if not found:
        return html.P(_("Nog geen publicaties."), className="text-body-secondary")
    titles = (_("Publicatie"), _("Cijfers t/m"), _("Gepubliceerd"), _("Soort"), _("Status"))
    head = html.Thead(html.Tr([html.Th(title) for title in titles]))
    return scroll_region(
        html.Table([head, html.Tbody([_row(f, language) for f in found])], className="table table-sm"),
        _("Publicaties"),
    )


def _publish_section() -> html.Section:
    return html.Section(
        [
            html.H2(_("Publiceren"), className="h4"),
            html.P(
                _(
                    "Legt de cijfers t/m de peildatum vast zoals ze nu zijn: landelijk, elke regio en elke "
                    "organisatie, na onderdrukking per rol. Een publicatie verandert daarna nooit meer."
                ),
                className="small",
            ),
            html.Div(
                [
                    dbc.Label(_("Peildatum"), html_for=ids.PUBLISH_DAY, className="me-2 mb-0"),
                    dbc.Input(id=ids.PUBLISH_DAY, type="date", style={"width": "12rem"}, className="me-2"),
                    dbc.Label(_("Naam"), html_for=ids.PUBLISH_NAME, className="me-2 mb-0"),
                    dbc.Input(id=ids.PUBLISH_NAME, maxLength=120, style={"width": "16rem"}, className="me-2"),
                    dbc.Button(_("Publiceren"), id=ids.PUBLISH_BUTTON, color="primary", size="sm"),
                ],
                className="d-flex flex-wrap align-items-center mb-2",
            ),
            # Publishing audits every region's tables (a minute or two): it runs as a background
            # job, and the page follows it here.
            html.Div(id=ids.PUBLISH_PROGRESS, **aria(live="polite")),
            dcc.Store(id=ids.PUBLISH_JOB),
            dcc.Interval(id=ids.PUBLISH_POLL, interval=1000, disabled=True),
        ],
        className="mb-4",
    )


def page(found: Sequence[PublicationRef], viewer: Viewer, language: str) -> html.Div:
    """Publicaties: the list, and for ``beheer`` the form that publishes."""
    parts: list[Any] = [
        html.H1(_("Publicaties"), className="h2"),
        html.P(
            _(
                "Gepubliceerde cijfers veranderen niet meer. Kies een publicatie om te zien wat de huidige "
                "gegevens voor dezelfde peildatum zeggen en welke aanleveringen het verschil maakten."
            )
        ),
    ]
    if viewer.is_admin:
        parts += [_publish_section(), withdrawal.section(found)]
    parts.append(html.Div(list_table(found, language), id=ids.PUBLISH_LIST, **aria(live="polite")))
    return html.Div(parts)


def _change_cells(changes: Sequence[Change]) -> list[html.Td]:
    return [
        html.Td(f"{_number(c.then)} → {_number(c.now)} ({signed(c.delta)})" if c.delta else _number(c.then))
        for c in changes
    ]


def _overview(result: Revision, language: str) -> html.Div:
    measures = [c.measure for c in result.regions[0].changes] if result.regions else []
    head = html.Thead(html.Tr([html.Th(_("Regio"))] + [html.Th(_(MEASURES[m])) for m in measures]))
    suffix = "" if language == "nl" else f"&lang={language}"
    rows = [
        html.Tr(
            [html.Td(html.A(r.name, href=f"/publicaties/{result.publication.id}?regio={r.code}{suffix}"))]
            + _change_cells(r.changes),
            className="table-warning" if r.revised else None,
        )
        for r in result.regions
    ]
    return scroll_region(html.Table([head, html.Tbody(rows)], className="table table-sm"), _("Herzieningen"))


def _region_detail(region: RegionRevision) -> html.Section:
    items = [
        html.Li(f"{_(MEASURES[c.measure])}: {_number(c.then)} → {_number(c.now)} ({signed(c.delta)})")
        for c in region.changes
        if c.delta
    ] or [html.Li(_("Geen verschil met de publicatie."))]
    parts: list[Any] = [html.H2(region.name, className="h3"), html.Ul(items)]
    if region.organisations:
        parts += [
            html.H3(_("Per organisatie"), className="h5"),
            html.Ul(
                [
                    html.Li(
                        f"{o.name}: "
                        + "; ".join(f"{_(MEASURES[c.measure])} {signed(c.delta)}" for c in o.changes)
                    )
                    for o in region.organisations
                ]
            ),
        ]
    parts.append(html.H3(_("Oorzaak"), className="h5"))
    if region.causes:
        parts.append(html.Ul([html.Li(cause_text(c)) for c in region.causes], id=ids.REVISION_CAUSES))
    elif region.late_files:
        text = _("{aantal} bestanden kwamen na de publicatie binnen met trajecten t/m de peildatum.")
        parts.append(html.P(text.format(aantal=region.late_files), id=ids.REVISION_CAUSES))
    else:
        text = _("Geen aanleveringen na de publicatie met trajecten t/m de peildatum.")
        parts.append(html.P(text, id=ids.REVISION_CAUSES))
    return html.Section(parts, className="mb-4")


def revision_page(result: Revision, detail: RegionRevision | None, language: str) -> html.Div:
    """One snapshot against the current data: the country, every region, and one region in detail."""
    found = result.publication
    back = "/publicaties" if language == "nl" else f"/publicaties?lang={language}"
    national = [
        html.Li(f"{_(MEASURES[c.measure])}: {_number(c.then)} → {_number(c.now)} ({signed(c.delta)})")
        for c in result.national
    ]
    return html.Div(
        [
            html.Nav(
                html.A(_("Alle publicaties"), href=back), className="mb-2", **aria(label=_("Kruimelpad"))
            ),
            html.H1(_("Herzieningen van {naam}").format(naam=found.naam), className="h2"),
            html.P(publication.label(found), id=ids.PUBLICATION_LABEL, className="lead"),
            html.P(
                _("Gepubliceerd → huidige gegevens voor dezelfde peildatum (verschil)."), className="small"
            ),
            *([_region_detail(detail)] if detail is not None else []),
            html.H2(_("Landelijk"), className="h4"),
            html.Ul(national),
            html.H2(_("Per regio"), className="h4"),
            _overview(result, language),
        ]
    )


def not_found() -> html.Div:
    """A snapshot number that does not exist."""
    return html.Div(
        [
            html.H1(_("Publicatie niet gevonden"), className="h2"),
            html.A(_("Alle publicaties"), href="/publicaties"),
        ]
    )
