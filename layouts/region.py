"""Regio: one region's standing toward its goals (the drill-down target of the national map)."""

from __future__ import annotations

from dash import dcc, html

from geodata import RegionRef
from layouts import ids
from layouts.a11y import aria
from layouts.controls import year_select


def page(region: RegionRef, year: int, last_year: int, peildatum: str) -> html.Div:
    """The page skeleton for ``region``; a callback fills the tiles."""
    return html.Div(
        [
            html.Nav(
                html.Ol(
                    [
                        html.Li(html.A("Landelijk", href="/"), className="breadcrumb-item"),
                        html.Li(html.A("Regio's", href="/regio"), className="breadcrumb-item"),
                        html.Li(region.naam, className="breadcrumb-item active", **aria(current="page")),
                    ],
                    className="breadcrumb",
                ),
                **aria(label="Kruimelpad"),
            ),
            html.H1(region.naam, className="h2"),
            html.P(id=ids.REGION_HEADING, className="lead"),
            dcc.Store(id=ids.REGION_CODE, data=region.code),
            dcc.Store(id=ids.REGION_PEILDATUM, data=peildatum),
            year_select(ids.REGION_YEAR, year, last_year),
            html.Div(id=ids.REGION_TILES, className="row g-3 mb-4", **aria(live="polite")),
            html.Div(id=ids.REGION_EXPORT),
        ]
    )


def not_found(code: str) -> html.Div:
    """A friendly page for an unknown region code."""
    return html.Div(
        [
            html.H1("Regio niet gevonden", className="h2"),
            html.P(f"Er is geen arbeidsmarktregio met code '{code}'."),
            html.A("Naar de lijst van regio's", href="/regio"),
        ]
    )
