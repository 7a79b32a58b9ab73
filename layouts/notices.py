"""What in the address could not be used: the messages of the view, shown above a page."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from dashboard.i18n import _
from layouts.a11y import aria


def view_problems(problems: Sequence[object]) -> list[html.Div]:
    """A notice listing the view's problems (none: an empty list, so the page is as without it).

    Each problem is a Dutch message translated when shown (``str``); the page itself shows the
    defaults the view fell back to, so the notice says what was ignored, not that anything failed.
    """
    if not problems:
        return []
    return [
        html.Div(
            [
                html.I(className="bi bi-exclamation-circle-fill me-2", **aria(hidden="true")),
                _("Niet alles in het adres kon worden gebruikt:"),
                html.Ul([html.Li(str(problem)) for problem in problems], className="mb-0 mt-1"),
            ],
            # A status, not an alert: it is there when the page opens and interrupts nothing.
            role="status",
            className="alert alert-warning py-2",
        )
    ]
