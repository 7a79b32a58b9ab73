"""Presentatorweergave: the presenter's own window beside the show, with notes, next screen and clock."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.i18n import _
from layouts import ids
from layouts.a11y import aria, data
from layouts.presentation import parse_show, sequence


def page(**query: Any) -> html.Div:
    """``/presentatie/presentator``: the same query as the show; a callback draws every screen's notes.

    The step follows the beamer window through a BroadcastChannel (assets/presentation.js), and
    the clock runs in the browser (assets/presenter.js): nothing here asks the server every second.
    """
    show = parse_show(query)
    raw_step = query.get("stap")
    steps = sequence(show.regions, show.regions_first)
    step = (
        int(raw_step)
        if isinstance(raw_step, str) and raw_step.isascii() and raw_step.isdigit() and len(raw_step) <= 4
        else 1
    )
    start = min(max(step, 1), len(steps))
    return html.Div(
        [
            dcc.Store(id=ids.PRESENTER_SHOW, data=show.query(1)),
            dcc.Store(id=ids.PRESENTER_STEP, data=start),
            # The beamer window's size, sent over the channel: its screens are the ones counted.
            dcc.Store(id=ids.PRESENTER_WINDOW),
            dcc.Store(id=ids.PRESENTER_DECK),
            html.Div(
                [
                    html.H1(_("Presentatorweergave"), className="presenter-heading"),
                    html.P(
                        [
                            html.Span(_("Tijd") + " "),
                            html.Span("--:--:--", id=ids.PRESENTER_CLOCK, className="presenter-time"),
                            html.Span(" · " + _("Verstreken") + " "),
                            html.Span("0:00:00", id=ids.PRESENTER_ELAPSED, className="presenter-time"),
                        ],
                        className="presenter-clock mb-0",
                    ),
                ],
                className="d-flex justify-content-between align-items-baseline flex-wrap gap-3",
            ),
            html.Section(
                [
                    html.H2(_("Nu op het scherm"), className="presenter-label"),
                    html.P(id=ids.PRESENTER_CURRENT, className="presenter-current", **aria(live="polite")),
                    html.H2(_("Sprekersnotities"), className="presenter-label"),
                    html.Div(id=ids.PRESENTER_NOTES, className="presenter-notes"),
                ],
                className="presenter-now",
            ),
            html.Section(
                [
                    html.H2(_("Hierna"), className="presenter-label"),
                    html.P(id=ids.PRESENTER_NEXT, className="presenter-next"),
                ],
                className="presenter-later",
            ),
            html.Div(
                [
                    html.Button(
                        [html.I(className="bi bi-chevron-left", **aria(hidden="true")), " " + _("Vorige")],
                        id=ids.PRESENTER_BACK,
                        className="btn btn-outline-dark",
                        **aria(keyshortcuts="ArrowLeft PageUp"),
                    ),
                    html.Button(
                        [_("Volgende") + " ", html.I(className="bi bi-chevron-right", **aria(hidden="true"))],
                        id=ids.PRESENTER_FORWARD,
                        className="btn btn-dark",
                        **aria(keyshortcuts="ArrowRight PageDown Space"),
                    ),
                    html.P(
                        _("Pijltjes, PageUp/PageDown en spatie bedienen ook het beamerscherm."),
                        className="small text-secondary mb-0",
                    ),
                ],
                className="d-flex align-items-center gap-3 mt-4",
                role="group",
                **aria(label=_("Presentatie bedienen")),
            ),
        ],
        className="presenter-mode",
        id=ids.PRESENTER,
        # Read by assets/presentation.js: the step store of this window and the show it follows.
        **data(total=str(len(steps)), start=str(start), show=show.key(), store=ids.PRESENTER_STEP),
    )


def note_slide(step: int, content: Any) -> html.Div:
    """The notes of screen ``step``, hidden (CSS) until assets/presentation.js marks them shown."""
    return html.Div(content, className="presenter-note", **data(step=str(step)))


def notes(sentences: list[str]) -> html.Ul | html.P:
    """The speaker notes as a list, one sentence a line."""
    kept = [s for s in sentences if s]
    if not kept:
        return html.P(_("Geen notities bij dit scherm."))
    return html.Ul([html.Li(s) for s in kept])
