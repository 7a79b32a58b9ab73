"""Page registry: URL paths to layout functions (Dash pages, registered from the factory)."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from dashboard.runtime import current_peildatum
from layouts import data_page, meetings, national, regions
from layouts.shell import parse_year


def _year_page(build: Any) -> Any:
    # Page layouts receive the URL's query parameters, so ?jaar=2024 reproduces the view.
    def layout(jaar: str | None = None, **_query: str) -> html.Div:
        last_year = current_peildatum().year
        return build(parse_year(jaar, last_year), last_year)

    return layout


def not_found(**_query: str) -> html.Div:
    """A friendly page for an unknown address."""
    return html.Div(
        [
            html.H1("Pagina niet gevonden", className="h2"),
            html.P("Dit adres bestaat niet (meer) in de monitor."),
            html.A("Naar het landelijk overzicht", href="/"),
        ]
    )


def register_pages() -> None:
    """Register every page with Dash's page registry (call once per app, inside the factory)."""
    title = "Hoofdzaak Werk Monitor"
    dash.register_page(
        "landelijk",
        path="/",
        name="Landelijk",
        title=f"Landelijk – {title}",
        layout=_year_page(national.page),
    )
    dash.register_page(
        "regios", path="/regio", name="Regio's", title=f"Regio's – {title}", layout=_year_page(regions.page)
    )
    dash.register_page(
        "bijeenkomsten",
        path="/bijeenkomsten",
        name="Bijeenkomsten",
        title=f"Bijeenkomsten – {title}",
        layout=_year_page(meetings.page),
    )
    dash.register_page(
        "data", path="/data", name="Data", title=f"Data – {title}", layout=lambda **_q: data_page.page()
    )
    dash.register_page("not_found_404", path="/404", title=f"Niet gevonden – {title}", layout=not_found)
