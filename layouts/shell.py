"""The page frame: skip link, navigation, demo-data notice, main region and footer."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import has_request_context

from dashboard.auth.viewer import REGIONAL, ROLE_LABELS, SYSTEM_VIEWER, Viewer, current_viewer
from dashboard.auth.web import csrf_token
from dashboard.data import signal_marks
from dashboard.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language, with_language
from dashboard.infra.cache import request_data_status
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.signals import signals_for
from dashboard.text.format import date
from layouts import ids
from layouts.a11y import aria, data
from layouts.page_container import page_address, page_container
from layouts.static_html import collapse

# How often an open page asks for the frame's notices and open-signal count again: an import or
# a signal marked by someone else shows within this time, without a request on every navigation.
FRAME_REFRESH_MS = 60_000

NAV_ITEMS = (
    (N_("Landelijk"), "/"),
    (N_("Regio's"), "/regio"),
    (N_("Bijeenkomsten"), "/bijeenkomsten"),
    (N_("Knelpunten"), "/knelpunten"),
    (N_("Data"), "/data"),
    (N_("Presentatie"), "/presentatie"),
)
# The role names of dashboard.auth.viewer.ROLE_LABELS, for the catalogue; they are translated where shown.
ROLE_NAMES = (N_("openbaar"), N_("landelijk"), N_("regio"), N_("beheer"))
# What the language switch does, written in the language it switches to (and read out in it).
SWITCH_LABELS = {"nl": "Naar Nederlands", "en": "Switch to English"}


def language_switch() -> html.A:
    """A link to the same view in the other language.

    Without JavaScript it leads to the national overview in that language; assets/language.js
    rewrites the address so the current view is kept. The visible name is part of the accessible
    one, so speech input users can say what they see.
    """
    other = next(code for code in LANGUAGES if code != current_language())
    return html.A(
        LANGUAGE_NAMES[other],
        id=ids.LANGUAGE_SWITCH,
        href=f"?lang={other}",
        lang=other,
        hrefLang=other,
        className="btn btn-outline-light btn-sm ms-lg-3",
        **aria(label=SWITCH_LABELS[other]),
    )


def account_menu(viewer: Viewer, csrf: str) -> html.Form | None:
    """Who is signed in, with what role, and the button to sign out (a POST with the form token)."""
    if not viewer.signed_in:
        return None
    return html.Form(
        [
            html.Span(
                [
                    html.I(className="bi bi-person-circle me-1", **aria(hidden="true")),
                    f"{viewer.name} ({_(ROLE_LABELS[viewer.role])})",
                ],
                className="navbar-text me-2",
            ),
            html.A(
                [html.I(className="bi bi-envelope me-1", **aria(hidden="true")), _("Maildigests")],
                href=with_language("/account/mail"),
                className="btn btn-outline-light btn-sm me-2",
            ),
            dcc.Input(type="hidden", name="csrf", value=csrf, id=ids.LOGOUT_TOKEN),
            html.Button(_("Uitloggen"), type="submit", className="btn btn-outline-light btn-sm"),
        ],
        action="/uitloggen",
        method="post",
        className="d-flex align-items-center ms-lg-3",
    )


def own_region_link(viewer: Viewer) -> tuple[str, str] | None:
    """*Mijn regio* for a regional account: its region's page, or the list when it has several."""
    if viewer.role != REGIONAL or not viewer.regions:
        return None
    if len(viewer.regions) == 1:
        return _("Mijn regio"), f"/regio/{next(iter(viewer.regions))}"
    return _("Mijn regio's"), "/regio"


def open_signal_count(viewer: Viewer) -> list[html.Span]:
    """The number of open signals not yet marked "gezien", as a number with words for screen readers."""
    if not viewer.signed_in:
        return []
    db = runtime().db
    found = signals_for(db, viewer, current_peildatum())
    count = len(found) - len(signal_marks.current(db, viewer, [s.key for s in found]))
    return [html.Span(str(count)), html.Span(" " + _("open signalen"), className="visually-hidden")]


def signals_link_content(viewer: Viewer) -> list[object]:
    """*Signalen* with the number of open signals (words, not colour).

    The first layout holds the number, so a fresh page asks the server for nothing after it; a
    callback counts again on the frame's clock (each minute, and at once after an import) and
    after a signal is marked.
    """
    count = open_signal_count(viewer) if has_request_context() else []
    return [_("Signalen"), " ", html.Span(count, id=ids.SIGNALS_COUNT, className="badge text-bg-light ms-1")]


def is_current(rule: str, href: str, path: str) -> bool:
    """Whether a navigation link with ``rule`` marks the page at ``path`` (as assets/nav-links.js)."""
    return path == href or (rule == "partial" and path.startswith(href.rstrip("/") + "/"))


def nav_link(label: Any, href: str, rule: str, path: str | None) -> html.Li:
    """A link of the navigation, current on ``href`` (``exact``) or also below it (``partial``).

    Plain markup with the frame, not a dbc.NavLink: that component marks itself current only after
    it has been drawn, a second render of the navigation once every figure of a fresh page was
    drawn, and it says so with style alone. Here the server marks the current link for the page it
    sends (class and ``aria-current``), and assets/nav-links.js keeps the mark and opens the link
    as Dash's own links do, without loading the page again.
    """
    current = path is not None and is_current(rule, href, path)
    return html.Li(
        html.A(
            label,
            href=href,
            className="nav-link active" if current else "nav-link",
            **data(current=rule),
            **(aria(current="page") if current else {}),
        ),
        className="nav-item",
    )


def navigation(viewer: Viewer = SYSTEM_VIEWER, csrf: str = "", path: str | None = None) -> html.Nav:
    """Top navigation; the link of the page at ``path`` is marked current (``aria-current``)."""
    own = own_region_link(viewer)
    # A regional account's own region page is *Mijn regio*, not also *Regio's*: with an own region
    # page that list link is current on the list only (one current link, one aria-current).
    exact = {"/"} | ({"/regio"} if own is not None and own[1] != "/regio" else set())
    links = [
        nav_link(_(label), href, "exact" if href in exact else "partial", path)
        for label, href in NAV_ITEMS
        if href != "/data" or viewer.sees_any_organisations
    ]
    if viewer.signed_in:
        links.append(nav_link(signals_link_content(viewer), "/signalen", "partial", path))
    if own is not None:
        # First: a regional project leader's own region is where most visits start.
        links.insert(0, nav_link(own[0], own[1], "exact", path))
    # On a narrow screen (or at 200 % zoom) the links fold behind a menu button.
    toggler = html.Button(
        html.Span(className="navbar-toggler-icon"),
        id=ids.NAV_TOGGLE,
        type="button",
        className="navbar-toggler",
        n_clicks=0,
        **aria(controls=ids.NAV_COLLAPSE, expanded="false", label=_("Menu")),
    )
    navbar = dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand("Hoofdzaak Werk Monitor", href="/"),
                toggler,
                html.Div(
                    [
                        html.Ul(links, className="navbar-nav ms-auto"),
                        language_switch(),
                        account_menu(viewer, csrf),
                    ],
                    id=ids.NAV_COLLAPSE,
                    className="collapse navbar-collapse",
                ),
            ],
            fluid=True,
        ),
        color="primary",
        dark=True,
        expand="lg",
        className="mb-3",
        tag="div",
    )
    # dbc.Navbar cannot carry aria-label, so the landmark is an html.Nav around it.
    return html.Nav(navbar, **aria(label=_("Hoofdnavigatie")))


def frame_notes() -> tuple[Any, str]:
    """The demo-data notice (while any demo data is loaded) and the data date for the footer."""
    status = request_data_status(runtime().db)
    banner = demo_notice() if status.demo else None
    if status.last_import is None:
        return banner, _("Nog geen gegevens ingelezen")
    return banner, _("Cijfers t/m {date}").format(date=date(current_peildatum()))


def shell() -> html.Div:
    """The layout around every page, sent with the page the address asks for already in it.

    The frame's notices and the count of open signals are filled here too, so a fresh load asks
    the server for nothing more.
    """
    address = page_address() if has_request_context() else None
    banner, data_date = frame_notes() if has_request_context() else (None, "")
    here = address.location_props() if address is not None else {}
    frame = html.Div(
        [
            html.A(_("Naar de inhoud"), href=f"#{ids.MAIN}", className="skip-link"),
            html.Header(
                navigation(
                    current_viewer(),
                    csrf_token() if has_request_context() else "",
                    address.pathname if address is not None else None,
                )
            ),
            dcc.Location(id=ids.URL, refresh=False, **here),
            dcc.Location(id=ids.NAVIGATE, refresh="callback-nav", **here),
            dcc.Interval(id=ids.FRAME_CLOCK, interval=FRAME_REFRESH_MS),
            dbc.Container(html.Div(banner, id=ids.DEMO_BANNER, role="status"), fluid=True),
            html.Main(dbc.Container(page_container(address), fluid=True), id=ids.MAIN, tabIndex="-1"),
            html.Footer(
                dbc.Container(
                    [
                        html.Span("Hoofdzaak Werk Monitor · "),
                        html.Span(data_date, id=ids.DATA_DATE),
                        html.Span(" · " + _("Grenzen arbeidsmarktregio's: CBS / PDOK (CC-BY 4.0)")),
                    ],
                    fluid=True,
                ),
                className="site-footer mt-5 py-3",
            ),
        ]
    )
    # The page inside is collapsed already (layouts/pages.py); this is the frame around it.
    return collapse(frame)


def demo_notice() -> dbc.Alert:
    """A clear notice that the figures are fictitious (*voorbeelddata*)."""
    return dbc.Alert(
        [
            html.I(className="bi bi-info-circle-fill me-2", **aria(hidden="true")),
            html.Strong(_("Voorbeelddata.") + " "),
            _(
                "Deze monitor toont fictieve gegevens om de werking te laten zien; de cijfers zeggen niets "
                "over echte regio's of organisaties."
            ),
        ],
        color="warning",
        className="demo-notice py-2 mb-3",
    )
