"""Data: deliver a file (checked before anything is written), templates, delivery status, import log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.auth.viewer import Viewer
from dashboard.data.delivery_states import EMPTY
from dashboard.data.organisations import quarter_heading
from dashboard.i18n import N_, _, with_language
from dashboard.importing import Problem
from dashboard.importing.plausibility import merged_reason
from dashboard.infra import clock
from dashboard.text import format as fmt
from dashboard.text.categories import ORGANISATION_TYPE, category
from geodata import region_refs
from layouts import delivery_list, ids
from layouts.a11y import aria
from layouts.tables import table

KINDS = (("trajecten", N_("Trajecten")), ("bijeenkomsten", N_("Bijeenkomsten")), ("doelen", N_("Doelen")))
# The delivery rules, translated where the page is built.
RULES = (
    N_("Eén rij per traject (of bijeenkomst); de eerste rij bevat de kolomnamen uit het sjabloon."),
    N_("CSV met komma, puntkomma of tab; UTF-8 of Windows-1252, zoals Excel opslaat. Of XLSX (eerste blad)."),
    N_("Datums als 2026-03-01 of 1-3-2026. Regio als code (AM09) of naam (Achterhoek)."),
    N_(
        "Volgorde: aanmelddatum ≤ startdatum ≤ plaatsingsdatum ≤ duurzaam_datum; einddatum niet voor de "
        "startdatum; geen datums na vandaag."
    ),
    N_(
        "traject_id is een pseudoniem, uniek per organisatie. Nooit BSN, namen, geboortedatum, adres, "
        "postcode, e-mail, telefoon of diagnose: zulke bestanden worden geweigerd."
    ),
    N_(
        "Opnieuw aanleveren mag: bestaande trajecten worden bijgewerkt (traject_id zonder onderscheid "
        "tussen hoofd- en kleine letters), niets wordt dubbel geteld. Ontbreken eerder aangeleverde "
        "trajecten, dan kiest u: behouden of intrekken."
    ),
    N_(
        "Waarschuwingen (een nieuwe organisatienaam die lijkt op een bekende in de regio, een levering "
        "die veel groter is dan eerdere, samengevoegde rijen) weigeren een bestand niet, maar zonder "
        "'Toch importeren' wordt niets opgeslagen."
    ),
)


def page(max_bytes: int, viewer: Viewer, peildatum: dt.date | None = None) -> html.Div:
    """The page skeleton for ``viewer``; callbacks fill the report, the status and the log.

    Only ``beheer`` delivers files and reads the import log; others see the templates, the
    delivery status and the list of who has not delivered (up to ``peildatum``, by default
    today) for the regions whose organisations they may see.
    """
    if not viewer.sees_any_organisations:
        return html.Div(
            [
                html.H1(_("Data"), className="h2"),
                html.P(
                    _("Aanleveren en de aanleverstatus per organisatie zijn alleen beschikbaar na inloggen.")
                ),
                html.A(_("Naar het landelijk overzicht"), href=with_language("/")),
            ]
        )
    regions = [r for r in region_refs() if viewer.sees_organisations(r.code)]
    parts: list[Any] = [
        html.H1(_("Data"), className="h2"),
        html.P(
            _(
                "Aanleveren van trajecten, bijeenkomsten en doelen. Alleen gepseudonimiseerde gegevens "
                "worden geaccepteerd; een bestand met een fout wordt in zijn geheel geweigerd."
            ),
            className="lead",
        ),
        html.P(
            [
                html.I(className="bi bi-journal-check me-1", **aria(hidden="true")),
                html.A(_("Publicaties"), href=with_language("/publicaties")),
                " · ",
                _("vastgelegde cijfers per vergadering en kwartaal, en wat late aanleveringen herzagen"),
            ],
            className="small",
        ),
    ]
    if viewer.is_admin:
        parts.append(
            html.Section(
                [html.H2(_("Bestand aanleveren"), className="h4"), _upload(max_bytes)], className="mb-5"
            )
        )
    else:
        parts.append(
            html.P(_("Bestanden aanleveren doet het beheer van de monitor."), className="text-body-secondary")
        )
    parts += [
        html.Section([html.H2(_("Sjablonen en spelregels"), className="h4"), _guide()], className="mb-5"),
        html.Section(
            [
                html.H2(_("Aanleverstatus per organisatie en kwartaal"), className="h4"),
                html.Div(
                    [
                        dbc.Label(_("Regio"), html_for=ids.DELIVERY_REGION, className="me-2 mb-0"),
                        dbc.Select(
                            id=ids.DELIVERY_REGION,
                            options=[{"label": r.naam, "value": r.code} for r in regions],
                            value=regions[0].code,
                            style={"width": "18rem"},
                        ),
                    ],
                    className="d-flex align-items-center mb-2",
                ),
                html.Div(id=ids.DELIVERY_TABLE),
            ],
            className="mb-5",
        ),
        delivery_list.section(viewer, peildatum or clock.today()),
    ]
    if viewer.is_admin:
        parts += [_steering_section(), _import_log_section()]
    return html.Div(parts)


def _steering_section() -> html.Section:
    """``beheer`` records the days the national stuurgroep met: the national page compares with the last."""
    return html.Section(
        [
            html.H2(_("Landelijke stuurgroep"), className="h4"),
            html.P(
                _(
                    "De landelijke pagina vergelijkt standaard met de laatste landelijke stuurgroep vóór de "
                    "peildatum; zonder vastgelegde datum met dezelfde datum een jaar eerder. Regio's lezen "
                    "hun stuurgroepen uit hun bijeenkomsten."
                ),
                className="small",
            ),
            html.Div(
                [
                    dbc.Label(_("Datum"), html_for=ids.STEERING_DAY, className="me-2 mb-0"),
                    dbc.Input(id=ids.STEERING_DAY, type="date", style={"width": "12rem"}, className="me-2"),
                    dbc.Button(_("Vastleggen"), id=ids.STEERING_RECORD, color="primary", size="sm"),
                ],
                className="d-flex align-items-center mb-2",
            ),
            html.Div(id=ids.STEERING_LIST, **aria(live="polite")),
        ],
        className="mb-5",
    )


def steering_list(days: list[dt.date], message: Any = None) -> html.Div:
    """The recorded national stuurgroep days, newest first, under the answer to the last action."""
    items = [html.Li(fmt.date(day)) for day in sorted(days, reverse=True)]
    listed = (
        html.Ul(items, className="small mb-0")
        if items
        else html.P(_("Nog geen landelijke stuurgroep vastgelegd."), className="small text-body-secondary")
    )
    return html.Div([message, html.P(_("Vastgelegd:"), className="small mb-1"), listed])


def _import_log_section() -> html.Section:
    return html.Section(
        [
            html.H2(_("Importlogboek"), className="h4"),
            html.P(
                [
                    html.I(className="bi bi-download me-1", **aria(hidden="true")),
                    _("Download het importlogboek: "),
                    html.A("CSV", href="/export/importlog.csv", download=""),
                    " · ",
                    html.A("XLSX", href="/export/importlog.xlsx", download=""),
                ],
                className="small",
            ),
            html.Div(id=ids.IMPORT_LOG_TABLE),
        ],
        className="mb-5",
    )


def _upload(max_bytes: int) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    dbc.Label(_("Soort bestand"), html_for=ids.UPLOAD_KIND, className="me-2 mb-0"),
                    dbc.Select(
                        id=ids.UPLOAD_KIND,
                        options=[{"label": _(label), "value": kind} for kind, label in KINDS],
                        value="trajecten",
                        style={"width": "12rem"},
                    ),
                ],
                className="d-flex align-items-center mb-2",
            ),
            dcc.Upload(
                id=ids.UPLOAD,
                children=html.Div(
                    [
                        html.I(className="bi bi-upload me-2", **aria(hidden="true")),
                        _("Sleep een CSV- of XLSX-bestand hierheen of "),
                        html.Span(_("kies een bestand"), className="text-decoration-underline"),
                        _(" (hoogstens {grens} MB)").format(grens=fmt.number(max_bytes / 1_000_000)),
                    ]
                ),
                max_size=max_bytes,
                multiple=False,
                accept=".csv,.txt,.xlsx",
                className="upload-zone",
            ),
            _identity_choices(),
            # A background check or import: its progress, polled while it runs (callbacks/upload_jobs).
            html.Div(id=ids.UPLOAD_PROGRESS, className="mt-3"),
            dcc.Store(id=ids.UPLOAD_JOB),
            dcc.Interval(id=ids.UPLOAD_POLL, interval=400, disabled=True),
            html.Div(id=ids.UPLOAD_REPORT, className="mt-3", **aria(live="polite")),
            # Next to the button it unlocks, under the report whose warnings it answers.
            dbc.Checkbox(
                id=ids.UPLOAD_ACCEPT_WARNINGS,
                label=_("Toch importeren: ik heb de waarschuwingen van de controle gelezen"),
                value=False,
                className="mt-2",
            ),
            dbc.Button(
                _("Importeren"), id=ids.UPLOAD_CONFIRM, color="primary", disabled=True, className="mt-2"
            ),
            html.Div(id=ids.UPLOAD_RESULT, className="mt-3", **aria(live="polite")),
        ]
    )


def upload_failure(file_name: str, cause: str, retry: bool) -> dbc.Alert:
    """An upload that failed through no fault of the file, with the way to try again.

    ``retry`` adds a button that checks the file again (a failed check); after a failed import the
    Importeren button itself stays enabled for that.
    """
    children: list[Any] = [html.Strong(_("{bestand} is niet verwerkt. ").format(bestand=file_name)), cause]
    if retry:
        button = dbc.Button(
            _("Opnieuw proberen"), id=ids.UPLOAD_RETRY, color="danger", outline=True, size="sm"
        )
        children.append(html.Div(button, className="mt-2"))
    else:
        children.append(" " + _("Klik op Importeren om het opnieuw te proberen."))
    return dbc.Alert(children, color="danger")


def _identity_choices() -> html.Div:
    """What the check report may ask of ``beheer``: left-out trajectories, a name like a known one."""
    return html.Div(
        [
            html.Fieldset(
                [
                    html.Legend(
                        _("Eerder aangeleverde trajecten die niet in dit bestand staan"),
                        className="form-label fs-6 mb-1",
                    ),
                    dbc.RadioItems(
                        id=ids.UPLOAD_LEFT_OUT,
                        options=[
                            {"label": _("behouden"), "value": "behouden"},
                            {"label": _("intrekken (tellen niet meer mee)"), "value": "intrekken"},
                        ],
                        value=None,
                        inline=True,
                    ),
                ],
                className="mb-2",
            ),
            dbc.Label(_("Nieuwe organisatie bevestigen (naam)"), html_for=ids.UPLOAD_NEW_ORGANISATION),
            dbc.Input(
                id=ids.UPLOAD_NEW_ORGANISATION,
                type="text",
                debounce=True,
                placeholder=_("alleen als het controlerapport daarom vraagt"),
                style={"maxWidth": "28rem"},
            ),
        ],
        className="mt-3",
    )


def _guide() -> html.Div:
    links = [
        html.Li(
            [
                _("{soort}: ").format(soort=_(label)),
                html.A(
                    _("sjabloon {soort} (CSV)").format(soort=_(label).lower()),
                    href=with_language(f"/sjablonen/{kind}.csv"),
                ),
                " · ",
                html.A(
                    _("sjabloon {soort} (XLSX)").format(soort=_(label).lower()),
                    href=with_language(f"/sjablonen/{kind}.xlsx"),
                ),
            ]
        )
        for kind, label in KINDS
    ]
    return html.Div(
        [
            html.Ul(links),
            html.H3(_("Spelregels"), className="h6"),
            html.Ul([html.Li(_(rule)) for rule in RULES]),
        ]
    )


def problems_table(problems: list[Problem]) -> object:
    """The validation report: row as Excel shows it, column, value and what is expected."""
    rows = [
        [str(p.row) if p.row else _("hele bestand"), p.column or "–", p.value or "–", p.expected]
        for p in problems
    ]
    headers = [_("Rij"), _("Kolom"), _("Waarde"), _("Verwacht")]
    # The explanation can be a paragraph: on a phone its column keeps a readable width and the
    # table scrolls sideways inside its frame instead of squeezing it to a word per line.
    return html.Div(table(_("Gevonden fouten"), headers, rows[:500], {0}), className="problems-report")


def delivery_table(
    frame: pd.DataFrame, region: str, empty: Collection[tuple[str, str, str]] = frozenset()
) -> object:
    """Per organisation of ``region`` and quarter: delivered, empty, nothing, or not yet active.

    ``empty`` holds (region, organisation, quarter) of the explicit empty deliveries, shown as
    "geleverd, geen trajecten".
    """
    subset = frame[frame["code"] == region]
    if subset.empty:
        return html.P(_("Deze regio heeft nog geen trajecten aangeleverd."))
    quarters = [c for c in frame.columns if "-K" in str(c)]

    def cell(value: float, name: str, quarter: str) -> object:
        if (region, name, quarter) in empty:
            return html.Span(
                [html.I(className="bi bi-dash-circle me-1", **aria(hidden="true")), _(EMPTY)],
                className="status",
            )
        if value != value:  # NaN: before the organisation's first delivery
            return "–"
        if value < 0:
            return html.Span(
                [html.I(className="bi bi-x-circle-fill me-1", **aria(hidden="true")), _("geen levering")],
                className="status status-ver-achter",
            )
        return html.Span(
            [html.I(className="bi bi-check-circle-fill me-1", **aria(hidden="true")), _("geleverd")],
            className="status status-op-koers",
        )

    def last(value: Any) -> str:
        # No file by the peildatum (its trajectories came in later): nothing to date yet.
        if value is None or pd.isna(value):
            return _("geen gegevens")
        return fmt.moment(value).rsplit(" ", 1)[0]  # the calendar day in the Netherlands

    rows = [
        [
            rec["organisatie"],
            category(ORGANISATION_TYPE, rec["soort"]) if isinstance(rec["soort"], str) else _("onbekend"),
            *[cell(rec[q], rec["organisatie"], q) for q in quarters],
            last(rec["laatst_aangeleverd"]),
        ]
        for rec in subset.to_dict("records")
    ]
    headers = [_("Organisatie"), _("Soort"), *[quarter_heading(q) for q in quarters], _("Laatste levering")]
    caption = _(
        "Levering per kwartaal: gestarte trajecten in het kwartaal, een bestand dat in het kwartaal "
        "of tot de aanlevertermijn erna binnenkwam, of een lege levering (geleverd, geen trajecten)"
    )
    return table(caption, headers, rows, set())


def import_log_table(log: pd.DataFrame) -> object:
    """The newest imports with their counts."""
    if log.empty:
        return html.P(_("Er zijn nog geen gegevens ingelezen."))
    rows = [
        [
            fmt.moment(r.tijdstip),
            _(dict(KINDS).get(r.soort, r.soort)),
            r.bestandsnaam,
            fmt.number(r.rijen),
            fmt.number(r.nieuw),
            fmt.number(r.gewijzigd),
            fmt.number(r.ongewijzigd),
            r.gebruiker,
            _why_fewer(r.soort, int(r.rijen) - int(r.nieuw) - int(r.gewijzigd) - int(r.ongewijzigd)),
        ]
        for r in log.itertuples()
    ]
    headers = [
        _("Tijdstip"),
        _("Soort"),
        _("Bestand"),
        _("Rijen"),
        _("Nieuw"),
        _("Gewijzigd"),
        _("Ongewijzigd"),
        _("Door"),
        _("Toelichting"),
    ]
    return table(_("Importlogboek, nieuwste eerst"), headers, rows, {3, 4, 5, 6})


def _why_fewer(kind: str, merged: int) -> str:
    # Rows that wrote no record of their own: the log says why, or the counts would not add up.
    return merged_reason(kind, merged) if merged > 0 else ""
