"""ARIA attributes for Dash components, whose Python signatures cannot name hyphenated props."""

from __future__ import annotations

from typing import Any

from dash import html


def aria(**attributes: str) -> dict[str, Any]:
    """``aria(hidden="true", live="polite")`` → ``{"aria-hidden": "true", "aria-live": "polite"}``."""
    return {f"aria-{name}": value for name, value in attributes.items()}


def data(**attributes: str) -> dict[str, Any]:
    """``data(total="5")`` → ``{"data-total": "5"}``: values for scripts in assets/."""
    return {f"data-{name}": value for name, value in attributes.items()}


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


def scroll_region(table: Any, label: str) -> Any:
    """``table`` in a sideways-scrolling area: a wide table on a phone scrolls, not the page.

    The area is a tab stop with a name, so keyboard users can reach and scroll it.
    """
    return html.Div(table, className="table-responsive", tabIndex="0", role="region", **aria(label=label))
