"""Data: deliver a file (checked before anything is written), templates, delivery status, import log."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.access import Viewer
from dashboard.importing import Problem
from geodata import region_refs
from layouts import format as fmt
from layouts import ids
from layouts.a11y import aria
from layouts.tables import table

KINDS = (("trajecten", "Trajecten"), ("bijeenkomsten", "Bijeenkomsten"), ("doelen", "Doelen"))


def page(max_bytes: int, viewer: Viewer) -> html.Div:
    """The page skeleton for ``viewer``; callbacks fill the report, the status and the log.

    Only ``beheer`` delivers files and reads the import log; others see the templates and the
    delivery status of the regions whose organisations they may see.
    """
    if not viewer.sees_any_organisations:
        return html.Div(
            [
                html.H1("Data", className="h2"),
                html.P(
                    "Aanleveren en de aanleverstatus per organisatie zijn alleen beschikbaar na inloggen."
                ),
                html.A("Naar het landelijk overzicht", href="/"),
            ]
        )
    regions = [r for r in region_refs() if viewer.sees_organisations(r.code)]
    parts: list[Any] = [
        html.H1("Data", className="h2"),
        html.P(
            "Aanleveren van trajecten, bijeenkomsten en doelen. Alleen gepseudonimiseerde gegevens "
            "worden geaccepteerd; een bestand met een fout wordt in zijn geheel geweigerd.",
            className="lead",
        ),
    ]
    if viewer.is_admin:
        parts.append(
            html.Section(
                [html.H2("Bestand aanleveren", className="h4"), _upload(max_bytes)], className="mb-5"
            )
        )
    else:
        parts.append(
            html.P("Bestanden aanleveren doet het beheer van de monitor.", className="text-body-secondary")
        )
    parts += [
        html.Section([html.H2("Sjablonen en spelregels", className="h4"), _guide()], className="mb-5"),
        html.Section(
            [
                html.H2("Aanleverstatus per organisatie en kwartaal", className="h4"),
                html.Div(
                    [
                        dbc.Label("Regio", html_for=ids.DELIVERY_REGION, className="me-2 mb-0"),
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
    ]
    if viewer.is_admin:
        parts.append(_import_log_section())
    return html.Div(parts)


def _import_log_section() -> html.Section:
    return html.Section(
        [
            html.H2("Importlogboek", className="h4"),
            html.P(
                [
                    html.I(className="bi bi-download me-1", **aria(hidden="true")),
                    "Download het importlogboek: ",
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
                    dbc.Label("Soort bestand", html_for=ids.UPLOAD_KIND, className="me-2 mb-0"),
                    dbc.Select(
                        id=ids.UPLOAD_KIND,
                        options=[{"label": label, "value": kind} for kind, label in KINDS],
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
                        "Sleep een CSV- of XLSX-bestand hierheen of ",
                        html.Span("kies een bestand", className="text-decoration-underline"),
                        f" (hoogstens {max_bytes / 1_000_000:.0f} MB)",
                    ]
                ),
                max_size=max_bytes,
                multiple=False,
                accept=".csv,.txt,.xlsx",
                className="upload-zone",
            ),
            html.Div(id=ids.UPLOAD_REPORT, className="mt-3", **aria(live="polite")),
            dbc.Button("Importeren", id=ids.UPLOAD_CONFIRM, color="primary", disabled=True, className="mt-2"),
            html.Div(id=ids.UPLOAD_RESULT, className="mt-3", **aria(live="polite")),
        ]
    )


def _guide() -> html.Div:
    links = [
        html.Li(
            [
                f"{label}: ",
                html.A(f"sjabloon {kind} (CSV)", href=f"/sjablonen/{kind}.csv"),
                " · ",
                html.A(f"sjabloon {kind} (XLSX)", href=f"/sjablonen/{kind}.xlsx"),
            ]
        )
        for kind, label in KINDS
    ]
    rules = [
        "Eén rij per traject (of bijeenkomst); de eerste rij bevat de kolomnamen uit het sjabloon.",
        "CSV met komma, puntkomma of tab; UTF-8 of Windows-1252, zoals Excel opslaat. Of XLSX (eerste blad).",
        "Datums als 2026-03-01 of 1-3-2026. Regio als code (AM09) of naam (Achterhoek).",
        "Volgorde: aanmelddatum ≤ startdatum ≤ plaatsingsdatum ≤ duurzaam_datum; einddatum niet voor de "
        "startdatum; geen datums na vandaag.",
        "traject_id is een pseudoniem, uniek per organisatie. Nooit BSN, namen, geboortedatum, adres, "
        "postcode, e-mail, telefoon of diagnose: zulke bestanden worden geweigerd.",
        "Opnieuw aanleveren mag: bestaande trajecten worden bijgewerkt, niets wordt dubbel geteld.",
    ]
    return html.Div(
        [html.Ul(links), html.H3("Spelregels", className="h6"), html.Ul([html.Li(r) for r in rules])]
    )


def problems_table(problems: list[Problem]) -> object:
    """The validation report: row as Excel shows it, column, value and what is expected."""
    rows = [
        [str(p.row) if p.row else "hele bestand", p.column or "–", p.value or "–", p.expected]
        for p in problems
    ]
    return table("Gevonden fouten", ["Rij", "Kolom", "Waarde", "Verwacht"], rows[:500], {0})


def delivery_table(frame: pd.DataFrame, region: str) -> object:
    """Per organisation of ``region`` and quarter: delivered, nothing delivered, or not yet active."""
    subset = frame[frame["code"] == region]
    if subset.empty:
        return html.P("Deze regio heeft nog geen trajecten aangeleverd.")
    quarters = [c for c in frame.columns if "-K" in str(c)]

    def cell(value: float) -> object:
        if value != value:  # NaN: before the organisation's first delivery
            return "–"
        if value < 0:
            return html.Span(
                [html.I(className="bi bi-x-circle-fill me-1", **aria(hidden="true")), "geen levering"],
                className="status status-ver-achter",
            )
        return html.Span(
            [html.I(className="bi bi-check-circle-fill me-1", **aria(hidden="true")), "geleverd"],
            className="status status-op-koers",
        )

    rows = [
        [
            rec["organisatie"],
            rec["soort"] if isinstance(rec["soort"], str) else "onbekend",
            *[cell(rec[q]) for q in quarters],
            fmt.moment(rec["laatst_aangeleverd"]).rsplit(" ", 1)[0],  # Dutch calendar day
        ]
        for rec in subset.to_dict("records")
    ]
    headers = ["Organisatie", "Soort", *quarters, "Laatste levering"]
    caption = (
        "Levering per kwartaal: gestarte trajecten in het kwartaal, of een bestand dat in het "
        "kwartaal binnenkwam"
    )
    return table(caption, headers, rows, set())


def import_log_table(log: pd.DataFrame) -> object:
    """The newest imports with their counts."""
    if log.empty:
        return html.P("Er zijn nog geen gegevens ingelezen.")
    rows = [
        [
            fmt.moment(r.tijdstip),
            r.soort,
            r.bestandsnaam,
            fmt.number(r.rijen),
            fmt.number(r.nieuw),
            fmt.number(r.gewijzigd),
            fmt.number(r.ongewijzigd),
            r.gebruiker,
        ]
        for r in log.itertuples()
    ]
    headers = ["Tijdstip", "Soort", "Bestand", "Rijen", "Nieuw", "Gewijzigd", "Ongewijzigd", "Door"]
    return table("Importlogboek, nieuwste eerst", headers, rows, {3, 4, 5, 6})
