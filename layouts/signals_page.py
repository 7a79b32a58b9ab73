"""Signalen: what needs somebody to act, scoped to the viewer, filtered by severity and region in the URL."""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

from dashboard.auth.viewer import Viewer
from dashboard.data import signal_marks
from dashboard.i18n import _
from dashboard.infra.runtime import runtime
from dashboard.reports.signal import SEVERITIES, Signal
from dashboard.reports.signals import signals_for
from dashboard.reports.view import View
from dashboard.text import format as fmt
from layouts import ids
from layouts.a11y import aria
from layouts.notices import view_problems
from layouts.signals import region_name, signal_lists

ALL = ""


def chosen_severity(raw: object) -> str:
    """The severity filter of the URL (``ernst``), or all for anything else."""
    value = raw[0] if isinstance(raw, list) and raw else raw
    return value if isinstance(value, str) and value in SEVERITIES else ALL


def filtered(signals: Sequence[Signal], severity: str, region: str | None) -> list[Signal]:
    """The signals of the chosen severity and region (all when none is chosen)."""
    return [
        s
        for s in signals
        if (not severity or s.severity == severity) and (region is None or s.region == region)
    ]


def _select(name: str, label: str, options: list[tuple[str, str]], chosen: str) -> html.Label:
    return html.Label(
        [
            html.Span(label, className="d-block small"),
            html.Select(
                [html.Option(text, value=value, selected=value == chosen) for value, text in options],
                name=name,
                className="form-select form-select-sm",
            ),
        ],
        className="me-2 mb-2",
    )


def _filters(view: View, severity: str, regions: Sequence[str], language: str) -> html.Form:
    # A plain GET form: the filter is the address, so a filtered list can be bookmarked and shared.
    hidden = [dcc.Input(type="hidden", name="peildatum", value=view.peildatum.isoformat())]
    if language != "nl":
        hidden.append(dcc.Input(type="hidden", name="lang", value=language))
    return html.Form(
        [
            _select(
                "ernst",
                _("Ernst"),
                [(ALL, _("alle")), *[(s, _(s)) for s in SEVERITIES]],
                severity,
            ),
            _select(
                "regio",
                _("Regio"),
                [(ALL, _("alle regio's")), *[(code, region_name(code)) for code in regions]],
                view.region or ALL,
            ),
            *hidden,
            html.Button(
                _("Filter toepassen"), type="submit", className="btn btn-outline-primary btn-sm mb-2"
            ),
        ],
        action="/signalen",
        method="get",
        className="d-flex flex-wrap align-items-end",
        role="search",
        **aria(label=_("Signalen filteren")),
    )


def page(view: View, viewer: Viewer, severity: str, language: str) -> html.Div:
    """The page: filters, then the open signals and those marked "gezien" (server-drawn from the URL)."""
    db = runtime().db
    every = signals_for(db, viewer, view.peildatum)
    shown = filtered(every, severity, view.region)
    marks = signal_marks.current(db, viewer, [s.key for s in shown])
    regions = sorted({s.region for s in every} | ({view.region} if view.region else set()))
    return html.Div(
        [
            html.H1(_("Signalen"), className="h2"),
            *view_problems(view.problems),
            html.P(
                _(
                    "Wat op {datum} om actie vraagt, het meest dringende eerst. Een signaal verdwijnt "
                    "vanzelf zodra de oorzaak weg is; met 'Gezien' laat u anderen weten dat het is "
                    "opgepakt."
                ).format(datum=fmt.date(view.peildatum)),
                className="lead",
            ),
            _filters(view, severity, regions, language),
            html.Div(id=ids.SIGNALS_STATUS, role="status", className="small"),
            html.Div(signal_lists(shown, marks), id=ids.SIGNALS_LIST),
        ]
    )


def not_signed_in() -> html.Div:
    """The public (an ``openbaar`` monitor) gets no signals."""
    return html.Div(
        [
            html.H1(_("Signalen"), className="h2"),
            html.P(_("Signalen zijn er alleen voor wie is ingelogd.")),
        ]
    )
