"""Page registry: URL paths to layout functions (Dash pages, registered from the factory)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash
from dash import html

from dashboard.auth.viewer import current_viewer
from dashboard.data import access, snapshots
from dashboard.data.themes import theme_rows
from dashboard.i18n import N_, _, current_language
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.bottlenecks import parse_filter
from dashboard.reports.publication import published_view
from dashboard.reports.revision import revision
from dashboard.reports.snapshot_choice import choices, chosen_value, opening_view
from dashboard.reports.view import View
from geodata import RegionRef, region_refs
from layouts import (
    bottlenecks,
    data_page,
    meetings,
    national,
    national_content,
    organisation,
    organisation_content,
    presentation,
    presenter,
    publications,
    region,
    region_content,
    regions,
)
from layouts import signals_page as signal_page
from layouts.figures.maps import TILES
from layouts.static_html import collapsed

TITLE = "Hoofdzaak Werk Monitor"


# Page layouts receive the URL's query parameters (a repeated key as a list), so a link
# reproduces the view; each parses its View from them and lists what it could not use.
def _opening(view: View) -> tuple[View, tuple[list[dict[str, str]], str]]:
    # Everyone but beheer opens at the latest publication; the control names the figures shown.
    db, viewer = runtime().db, current_viewer()
    view = opening_view(db, view, viewer)
    found = published_view(db, view, viewer)[1]
    return view, (choices(db, viewer), chosen_value(found))


def national_page(**query: object) -> html.Div:
    """Landelijk, with every control taken from the URL."""
    latest = current_peildatum()
    view, choice = _opening(View.parse(query, latest, current_viewer()))
    # Without boundaries there is only the tile map: its control says so from the start.
    form = view.map_form if runtime().boundaries is not None else TILES
    first = national_content.first_view(view, form, publication=choice[1])
    return national.page(view, latest, form, first, choice)


def regions_page(zoek: object = None, **query: object) -> html.Div:
    """Regio's, with the year and the search words from the URL (always at the latest data)."""
    words = zoek[:80] if isinstance(zoek, str) else ""
    return regions.page(View.parse({"jaar": query.get("jaar")}, current_peildatum()), words)


def meetings_page(**query: object) -> html.Div:
    """Bijeenkomsten, with the year from the URL (always at the latest data)."""
    return meetings.page(View.parse({"jaar": query.get("jaar")}, current_peildatum()))


def bottlenecks_page(**query: object) -> html.Div:
    """Knelpunten, with the year, theme, period and action status from the URL."""
    view = View.parse({"jaar": query.get("jaar")}, current_peildatum())
    themes = [theme.name for theme in theme_rows(runtime().db)]
    return bottlenecks.page(view, parse_filter(query, themes), themes)


def _region(code: str | None) -> RegionRef | None:
    return next((r for r in region_refs() if r.code == code), None)


def region_page(code: str | None = None, **query: object) -> html.Div:
    """One region, by its AM code in the path."""
    latest = current_peildatum()
    # The peildatum travels with the drill-down, so a historical view stays historical.
    view = View.parse({**query, "regio": code}, latest, current_viewer())
    # The path gives one code; anything else (a list from a crafted request) names no region.
    ref = _region(view.region) if isinstance(code, str) else None
    if ref is None:
        return region.not_found(code if isinstance(code, str) else "")
    view, choice = _opening(view)
    open_ = current_viewer().sees_organisations(ref.code)
    first = region_content.first_view(view, query, publication=choice[1])
    return region.page(
        ref, view.year, view.peildatum, latest, view.cohort, open_, view.problems, choice, first
    )


def organisation_page(code: str | None = None, org: str | None = None, **query: object) -> html.Div:
    """One organisation, by its region's code and its number in the path."""
    latest = current_peildatum()
    view = View.parse({**query, "regio": code, "organisatie": org}, latest, current_viewer())
    ref = _region(view.region) if isinstance(code, str) and isinstance(org, str) else None
    found = access.organisation(current_viewer(), runtime().db, view.organisation)
    if ref is None or found is None or found.region_code != ref.code:
        # Also for a real organisation under the wrong region: the path must not lie about it. An
        # organisation the viewer may not see looks the same as one that does not exist.
        return organisation.not_found(
            code if isinstance(code, str) else "", org if isinstance(org, str) else ""
        )
    first = organisation_content.first_view(view, query)
    return organisation.page(ref, found, view.year, view.peildatum, latest, view.problems, first)


def signals_page(ernst: object = None, soort: object = None, **query: object) -> html.Div:
    """Signalen, scoped to the viewer, with the severity, kind and region filters from the URL."""
    viewer = current_viewer()
    if not viewer.signed_in:
        return signal_page.not_signed_in()
    view = View.parse(query, current_peildatum(), viewer)
    severity, kind = signal_page.chosen_severity(ernst), signal_page.chosen_kind(soort)
    return signal_page.page(view, viewer, severity, kind, current_language())


def publications_page(**_query: object) -> html.Div:
    """Publicaties: every snapshot, and for ``beheer`` the form that publishes one."""
    found = snapshots.publications(runtime().db)
    return publications.page(found, current_viewer(), current_language())


def publication_page(nummer: str | None = None, **query: object) -> html.Div:
    """One snapshot against the current data, with region ``?regio=`` in detail."""
    viewer = current_viewer()
    view = View.parse({**query, "publicatie": nummer}, current_peildatum(), viewer)
    db = runtime().db
    found = snapshots.publication(db, view.publication) if view.publication is not None else None
    result = (
        None
        if found is None
        else revision(db, found, viewer, runtime().settings.suppression_minimum, view.region)
    )
    if result is None:
        return publications.not_found()
    return publications.revision_page(result, result.detail, current_language())


def _max_bytes() -> int:
    return runtime().settings.max_import_bytes


def not_found(**_query: str) -> html.Div:
    """A friendly page for an unknown address."""
    return html.Div(
        [
            html.H1(_("Pagina niet gevonden"), className="h2"),
            html.P(_("Dit adres bestaat niet (meer) in de monitor.")),
            html.A(_("Naar het landelijk overzicht"), href="/"),
        ]
    )


def page_title(name: str) -> Callable[..., str]:
    """The browser tab's title of a page: a function, so Dash asks for it in the request's language.

    Dash calls it with the page's path variables (``code``, ``org``), which the title does not use.
    """

    def title(**_path: str) -> str:
        return f"{_(name)} – {TITLE}"

    return title


def register_pages() -> None:
    """Register every page with Dash's page registry (call once per app, inside the factory)."""
    pages: list[tuple[str, dict[str, Any]]] = [
        ("landelijk", {"path": "/", "name": N_("Landelijk"), "layout": national_page}),
        ("regios", {"path": "/regio", "name": N_("Regio's"), "layout": regions_page}),
        # Before the region page: Dash takes the first template that matches, and <code> matches "/".
        (
            "organisatie",
            {
                "path_template": "/regio/<code>/organisatie/<org>",
                "name": N_("Organisatie"),
                "layout": organisation_page,
            },
        ),
        ("regio", {"path_template": "/regio/<code>", "name": N_("Regio"), "layout": region_page}),
        (
            "bijeenkomsten",
            {"path": "/bijeenkomsten", "name": N_("Bijeenkomsten"), "layout": meetings_page},
        ),
        ("knelpunten", {"path": "/knelpunten", "name": N_("Knelpunten"), "layout": bottlenecks_page}),
        ("presentatie", {"path": "/presentatie", "name": N_("Presentatie"), "layout": presentation.page}),
        (
            "presentator",
            {"path": "/presentatie/presentator", "name": N_("Presentatorweergave"), "layout": presenter.page},
        ),
        (
            "data",
            {
                "path": "/data",
                "name": N_("Data"),
                "layout": lambda **_q: data_page.page(_max_bytes(), current_viewer(), current_peildatum()),
            },
        ),
        ("signalen", {"path": "/signalen", "name": N_("Signalen"), "layout": signals_page}),
        (
            "publicatie",
            {"path_template": "/publicaties/<nummer>", "name": N_("Publicatie"), "layout": publication_page},
        ),
        ("publicaties", {"path": "/publicaties", "name": N_("Publicaties"), "layout": publications_page}),
        ("not_found_404", {"path": "/404", "name": N_("Niet gevonden"), "layout": not_found}),
    ]
    for module, options in pages:
        # Plain elements go out as few components (layouts/static_html.py collapse).
        options["layout"] = collapsed(options["layout"])
        dash.register_page(module, title=page_title(options["name"]), **options)
