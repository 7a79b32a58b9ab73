"""The strip under a region's gauges on a presentation screen: its bottlenecks and open actions.

Each item takes one line (cut with an ellipsis, assets/monitor.css); the presenter notes carry the
whole texts. An overdue action starts with *achterstallig* and an alarm icon: said in words, not
by colour alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import html

from dashboard.i18n import _
from dashboard.reports.narrative import Narrative
from dashboard.text import format as fmt
from dashboard.text.markup import to_plain
from dashboard.text.narrative import themes_text
from layouts.a11y import aria

# Items per column on the screen; the count in each heading says how many there are in all.
ITEMS = 2
# The lines the strip takes: its headings and the items below them.
LINES = 1 + ITEMS


def shows_story(narrative: Narrative | None) -> bool:
    """Whether a region screen has a strip to show: bottlenecks or open actions."""
    return narrative is not None and bool(narrative.bottlenecks or narrative.open_actions())


def _more(shown: int, total: int) -> str:
    return " " + _("(en {n} meer)").format(n=total - shown) if total > shown else ""


def story_strip(narrative: Narrative, day: dt.date) -> html.Div:
    """Two columns: *Knelpunten (n)* and *Open acties (n, waarvan m achterstallig)*."""
    bottlenecks = narrative.bottlenecks
    # Overdue actions first: those are the ones a steering group asks about.
    actions = sorted(narrative.open_actions(), key=lambda a: (not a.overdue(day), a.due))
    late = sum(1 for a in actions if a.overdue(day))
    items_left: list[Any] = [
        html.Li(f"{to_plain(b.text).replace(chr(10), ' ')} ({themes_text(b.themes)})")
        for b in bottlenecks[:ITEMS]
    ]
    items_right: list[Any] = []
    for action in actions[:ITEMS]:
        where = _("{eigenaar}, vóór {datum}").format(eigenaar=action.owner, datum=fmt.date(action.due))
        text = f"{to_plain(action.text).replace(chr(10), ' ')} ({where})"
        if action.overdue(day):
            flag = html.Strong(
                [html.I(className="bi bi-alarm me-1", **aria(hidden="true")), _("achterstallig") + ": "]
            )
            items_right.append(html.Li([flag, text]))
        else:
            items_right.append(html.Li(f"{_(action.status)}: {text}"))
    heading_right = _("Open acties ({n})").format(n=len(actions))
    if late:
        heading_right = _("Open acties ({n}, waarvan {late} achterstallig)").format(n=len(actions), late=late)
    return html.Div(
        [
            html.Div(
                [
                    html.H2(
                        _("Knelpunten ({n})").format(n=len(bottlenecks)) + _more(ITEMS, len(bottlenecks)),
                        className="presentation-story-heading",
                    ),
                    html.Ul(items_left or [html.Li(_("geen"))]),
                ],
                className="col-6",
            ),
            html.Div(
                [
                    html.H2(
                        heading_right + _more(ITEMS, len(actions)), className="presentation-story-heading"
                    ),
                    html.Ul(items_right or [html.Li(_("geen"))]),
                ],
                className="col-6",
            ),
        ],
        className="row presentation-story",
    )
