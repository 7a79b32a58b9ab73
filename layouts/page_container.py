"""Dash's page container, with the page the address asks for already inside it.

Dash pages normally send an empty container with the first layout and fill it from a callback
once the browser reports its address: a second round trip before anything is drawn. The browser
asks for ``/_dash-layout`` from the page itself, and the page's address is the request's
``Referer`` (the monitor sends ``Referrer-Policy: same-origin``; the language already travels this
way). So the first layout can hold the page, built by the same registry and layout functions that
the routing callback uses.

The routing callback then stays quiet on load: ``dcc.Location`` only reports the address when its
``pathname``, ``search`` and ``href`` are empty, and here they are filled with that address. It
still runs on every later navigation. When the address cannot be read or the page fails to build,
the container is sent empty, as Dash sends it, and the callback builds the page and reports any
problem the way it always has.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dash
from dash import dcc, html

# Dash's own names for the container's parts and its routing helpers: the routing callback reads
# and writes these ids, so the container must use them too.
from dash._pages import PAGE_REGISTRY, _parse_query_string, _path_to_page
from dash.dash import _ID_CONTENT, _ID_DUMMY, _ID_LOCATION, _ID_STORE
from flask import has_request_context, request

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Address:
    """The page's address as ``window.location`` has it (without the fragment, which is never sent)."""

    pathname: str
    search: str
    href: str

    def location_props(self) -> dict[str, str]:
        """Props that keep a ``dcc.Location`` from reporting the address again when it mounts."""
        return {"pathname": self.pathname, "search": self.search, "href": self.href}

    def with_search(self, search: str) -> Address:
        """The same page with ``search`` (``?…`` or empty) as its query."""
        return Address(
            self.pathname, search, urlunsplit(urlsplit(self.href)._replace(query=search.removeprefix("?")))
        )


def page_address() -> Address | None:
    """The address of the page that asked for the layout, when it is this host's."""
    if not has_request_context():
        return None
    referrer = request.headers.get("Referer", "")
    parts = urlsplit(referrer)
    if not referrer or parts.netloc != request.host or parts.scheme not in ("http", "https"):
        return None
    search = f"?{parts.query}" if parts.query else ""
    return Address(parts.path or "/", search, urlunsplit(parts._replace(fragment="")))


def _page(pathname: str) -> tuple[dict[str, Any], dict[str, str] | None]:
    # The routing callback's choice (dash.Dash._setup_routing): the registered page, or the 404 page.
    page, variables = _path_to_page(dash.strip_relative_path(pathname))
    if not page:
        page = next(p for module, p in PAGE_REGISTRY.items() if module.endswith("not_found_404"))
        variables = None
    return page, variables


def _title(page: dict[str, Any], variables: dict[str, str] | None) -> str:
    title = page["title"]
    return str(title(**(variables or {})) if callable(title) else title)


def page_title(pathname: str) -> str:
    """The browser tab's title of the page at ``pathname``, as the routing callback sets it."""
    return _title(*_page(pathname))


def _build(address: Address) -> tuple[Any, str]:
    # The routing callback's steps (dash.Dash._setup_routing), for one address.
    page, variables = _page(address.pathname)
    layout = page["layout"]
    if callable(layout):
        layout = layout(**{**(variables or {}), **_parse_query_string(address.search)})
    return layout, _title(page, variables)


def title_by_page_script(app: dash.Dash) -> None:
    """Take out Dash's callback that sets the tab's title; the page script sets it instead.

    The page's HTML already has its title (``page_title``), and on navigation the routing callback
    puts the new one in its store. Dash's clientside callback then copied it to the tab: a round
    of the renderer's work after the new page was drawn, and the last change of every navigation
    (about 20 ms after a map click's page appeared). ``assets/page-start.js`` copies it as the
    new page appears. Dash adds the callback at the app's first request, so this takes it out of
    the callback list after that, before the list is sent.
    """
    output = f"{_ID_DUMMY}.children"
    done: list[bool] = []

    def take_out() -> None:
        if done:
            return
        kept = [entry for entry in app._callback_list if entry.get("output") != output]  # noqa: SLF001
        if len(kept) < len(app._callback_list):  # noqa: SLF001 - Dash has no option for its own callback
            app._callback_list[:] = kept  # noqa: SLF001
            app.callback_map.pop(output, None)
            done.append(True)

    app.server.before_request(take_out)


def page_start(location: str, search: str | None, narrow: str | None = None) -> dict[str, Any]:
    """What assets/page-start.js does once a page appears, as data attributes of its outer element.

    ``search`` is the page's whole view as the query of its address: it takes the place of what was
    typed (so a copied link keeps the view), and the ``dcc.Location`` ``location`` is told. With
    ``narrow``, the id of a store that is set true on a phone-sized screen (figures are drawn for a
    wide one first). In the browser, without a callback: on a fresh page they change nothing but
    the address, and a callback would cost a round of the renderer's work.
    """
    marks = {"data-address-of": location, "data-address": search or ""}
    return {**marks, "data-narrow": narrow} if narrow else marks


def view_location(location_id: str, search: str | None) -> dcc.Location:
    """The page's own ``dcc.Location``: the address that shows the page's view (``search``).

    Every part of the address is filled in, not the query alone: a Location with an empty part
    reports the browser's on mounting (a round of the renderer's work while the page appears), and
    once assets/page-start.js has written the address, the Location already holds it, so the script
    need not tell Dash (another round, after every figure was drawn). When the address cannot be
    read here, the query alone, and the browser fills in the rest.
    """
    address = page_address()
    if address is None:
        return dcc.Location(id=location_id, refresh=False, search=search)
    shown = address.with_search(search or "")
    return dcc.Location(id=location_id, refresh=False, hash="", **shown.location_props())


def page_container(address: Address | None) -> html.Div:
    """Dash's ``page_container``, holding the page at ``address`` when it can be built here."""
    if address is None:
        return dash.page_container
    try:
        layout, title = _build(address)
    except Exception as error:  # noqa: BLE001 - the callback builds it again and reports it
        # The class only: a message could hold a value from the address.
        log.info("page built by the routing callback instead (%s)", type(error).__name__)
        return dash.page_container
    return html.Div(
        [
            dcc.Location(id=_ID_LOCATION, refresh="callback-nav", **address.location_props()),
            html.Div(layout, id=_ID_CONTENT, disable_n_clicks=True),
            # The tab's title on navigation comes from this store (assets/page-start.js).
            dcc.Store(id=_ID_STORE, data={"title": title}),
            html.Div(id=_ID_DUMMY, disable_n_clicks=True),
        ]
    )
