"""Signalen: what needs somebody to act, scoped to the viewer, filtered by severity, kind and region."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlencode

from dash import dcc, html

from dashboard.auth.viewer import Viewer
from dashboard.data import signal_marks
from dashboard.i18n import N_, _
from dashboard.infra.runtime import runtime
from dashboard.reports.signal import SEVERITIES, Signal
from dashboard.reports.signals import signals_for
from dashboard.reports.view import View
from dashboard.rules import signals as rules
from dashboard.text import format as fmt
from layouts import ids
from layouts.a11y import aria
from layouts.notices import view_problems
from layouts.signals import region_name, signal_lists

ALL = ""

# What each rule is about, in a few words: the "Soort" filter and the count per kind.
KINDS = {
    rules.ACTION: N_("actie over de deadline"),
    rules.DELIVERY: N_("levering ontbreekt"),
    rules.PACE: N_("tempo gezakt"),
    rules.CASES: N_("casusbespreking te lang geleden"),
    rules.LEARNING: N_("leerbijeenkomsten achter"),
    rules.OUTFLOW: N_("uitstroom onder doel"),
    rules.ANOMALY: N_("ongewone aantallen geleverd"),
    rules.REDELIVERY: N_("veel gewijzigd bij herlevering"),
}


def chosen_severity(raw: object) -> str:
    """The severity filter of the URL (``ernst``), or all for anything else."""
    value = raw[0] if isinstance(raw, list) and raw else raw
    return value if isinstance(value, str) and value in SEVERITIES else ALL


def chosen_kind(raw: object) -> str:
    """The kind filter of the URL (``soort``: a rule's name), or all for anything else."""
    value = raw[0] if isinstance(raw, list) and raw else raw
    return value if isinstance(value, str) and value in KINDS else ALL


def filtered(signals: Sequence[Signal], severity: str, region: str | None, kind: str = ALL) -> list[Signal]:
    """The signals of the chosen severity, region and kind (all when none is chosen)."""
    return [
        s
        for s in signals
        if (not severity or s.severity == severity)
        and (region is None or s.region == region)
        and (not kind or s.rule == kind)
    ]


def per_kind(view: View, signals: Sequence[Signal], severity: str, language: str) -> html.Nav | None:
    """How many of ``signals`` each kind has, each count a link to that kind; None for one kind.

    A national list runs to dozens of signals: the count per kind says what the bulk is about.
    """
    counts = Counter(s.rule for s in signals)
    if len(counts) < 2:
        return None
    base = {"peildatum": view.peildatum.isoformat(), "ernst": severity, "regio": view.region or ""}
    if language != "nl":
        base["lang"] = language
    items = [
        html.Li(
            html.A(
                _("{soort}: {aantal}").format(soort=_(KINDS[rule]), aantal=counts[rule]),
                href="/signalen?" + urlencode({k: v for k, v in {**base, "soort": rule}.items() if v}),
            ),
            className="list-inline-item me-3",
        )
        for rule in KINDS
        if counts[rule]
    ]
    return html.Nav(
        [html.H2(_("Per soort"), className="h6 mb-1"), html.Ul(items, className="list-inline small mb-2")],
        **aria(label=_("Signalen per soort")),
    )


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


def _filters(view: View, severity: str, kind: str, regions: Sequence[str], language: str) -> html.Form:
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
            _select("soort", _("Soort"), [(ALL, _("alle")), *[(r, _(k)) for r, k in KINDS.items()]], kind),
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


def page(view: View, viewer: Viewer, severity: str, kind: str, language: str) -> html.Div:
    """The page: filters, then the open signals and those marked "gezien" (server-drawn from the URL)."""
    db = runtime().db
    every = signals_for(db, viewer, view.peildatum)
    shown = filtered(every, severity, view.region, kind)
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
            _filters(view, severity, kind, regions, language),
            per_kind(view, filtered(every, severity, view.region), severity, language),
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
