"""ARIA attributes for Dash components, whose Python signatures cannot name hyphenated props."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.i18n import _


def aria(**attributes: str) -> dict[str, Any]:
    """``aria(hidden="true", live="polite")`` → ``{"aria-hidden": "true", "aria-live": "polite"}``."""
    return {f"aria-{name}": value for name, value in attributes.items()}


def data(**attributes: str) -> dict[str, Any]:
    """``data(total="5")`` → ``{"data-total": "5"}``: values for scripts in assets/."""
    return {f"data-{name}": value for name, value in attributes.items()}


def scroll_region(table: Any, label: str) -> Any:
    """``table`` in a sideways-scrolling area: a wide table on a phone scrolls, not the page.

    The area is a tab stop with a name, so keyboard users can reach and scroll it. When its table
    is wider than the area, assets/scroll-cue.js marks it and the stylesheet shows the cue. The
    cue's words and the marks of a table that fits come with the page, so on a wide screen the
    script has nothing to change once the page is drawn.
    """
    return html.Div(
        table,
        className="table-responsive",
        tabIndex="0",
        role="region",
        **aria(label=label),
        **data(cue=_("Schuif opzij voor de rest van de tabel"), overflows="false", **{"at-end": "true"}),
    )
