"""Signals as a reader sees them: one item per signal, the open and seen lists, the region's block."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from dashboard.auth.viewer import current_viewer
from dashboard.data import signal_marks
from dashboard.data.signal_marks import NOTE_MAX, Mark
from dashboard.i18n import N_, _, current_language
from dashboard.infra.runtime import runtime
from dashboard.reports.signal import HIGH, LOW, MEDIUM, Signal
from dashboard.reports.signals import signals_for
from dashboard.text import format as fmt
from geodata import region_refs
from layouts import ids
from layouts.a11y import aria
from layouts.static_html import static_html

# Icon and class per severity: the word is always shown, colour is only a third cue.
SEVERITY_STYLE = {
    HIGH: ("bi-exclamation-octagon-fill", "status-ver-achter"),
    MEDIUM: ("bi-exclamation-triangle-fill", "status-achter"),
    LOW: ("bi-info-circle-fill", "status-geen-gegevens"),
}
SEVERITY_LABEL = N_("Ernst: {ernst}")


def region_name(code: str) -> str:
    """The region's name (a proper name, the same in every language)."""
    return next((r.naam for r in region_refs() if r.code == code), code)


def severity_badge(severity: str) -> html.Span:
    """Icon and the severity in words: ⚠ *Ernst: hoog*."""
    icon, css = SEVERITY_STYLE[severity]
    return html.Span(
        [
            html.I(className=f"bi {icon} me-1", **aria(hidden="true")),
            _(SEVERITY_LABEL).format(ernst=_(severity)),
        ],
        className=f"status {css} me-2",
    )


def signal_href(signal: Signal) -> str:
    """The signal's view, in the page's language."""
    return signal.link if current_language() == "nl" else f"{signal.link}&lang={current_language()}"


def _heading(signal: Signal) -> str:
    where = region_name(signal.region)
    return f"{where} · {signal.organisation}" if signal.organisation else where


def _seen_line(mark: Mark) -> html.P:
    words = _("Gezien door {wie} op {wanneer}").format(wie=mark.by, wanneer=fmt.moment(mark.at))
    note = [html.Br(), html.Q(mark.note)] if mark.note else []
    return html.P([words, *note], className="small mb-1")


def signal_item(signal: Signal, mark: Mark | None = None, actions: bool = True) -> html.Li:
    """One signal: severity, where, what happened and why, since when, the link, and the mark."""
    started = _("sinds {datum}").format(datum=fmt.date(signal.started))
    body: list[Any] = [
        html.H3([severity_badge(signal.severity), _heading(signal)], className="h6 mb-1"),
        html.P(str(signal.text), className="mb-1"),
        html.P(
            [
                html.Span(started, className="me-3"),
                html.A(_("Bekijk in de monitor"), href=signal_href(signal)),
            ],
            className="small mb-1",
        ),
    ]
    if mark is not None:
        body.append(_seen_line(mark))
    if actions:
        body.append(_mark_form(signal, mark))
    return html.Li(body, className="list-group-item")


def _mark_form(signal: Signal, mark: Mark | None) -> html.Div:
    if mark is not None:
        return html.Div(
            html.Button(
                _("Terugzetten naar open"),
                id={"type": ids.SIGNAL_UNSEEN, "key": signal.key},
                className="btn btn-outline-secondary btn-sm",
                n_clicks=0,
            )
        )
    # The field sits inside its label: a pattern id has no plain DOM id to point a label at.
    return html.Div(
        [
            html.Label(
                [
                    html.Span(_("Notitie (kort; geen gegevens over deelnemers)"), className="d-block small"),
                    dcc.Input(
                        id={"type": ids.SIGNAL_NOTE, "key": signal.key},
                        type="text",
                        maxLength=NOTE_MAX,
                        className="form-control form-control-sm",
                    ),
                ],
                className="flex-grow-1 me-2 mb-0",
            ),
            html.Button(
                _("Gezien"),
                id={"type": ids.SIGNAL_SEEN, "key": signal.key},
                className="btn btn-primary btn-sm",
                n_clicks=0,
            ),
        ],
        className="d-flex align-items-end mt-1",
    )


def signal_lists(signals: Sequence[Signal], marks: Mapping[str, Mark]) -> html.Div:
    """The open signals, then the ones marked "gezien" apart (each most urgent first)."""
    open_ = [s for s in signals if s.key not in marks]
    seen = [s for s in signals if s.key in marks]
    parts: list[Any] = [html.H2(_("Open ({aantal})").format(aantal=len(open_)), className="h4 mt-3")]
    if open_:
        parts.append(html.Ul([signal_item(s) for s in open_], className="list-group mb-4"))
    else:
        parts.append(html.P(_("Geen open signalen: er is nu niets dat om actie vraagt.")))
    parts.append(html.H2(_("Gezien ({aantal})").format(aantal=len(seen)), className="h4 mt-3"))
    if seen:
        parts.append(html.Ul([signal_item(s, marks[s.key]) for s in seen], className="list-group mb-4"))
    else:
        parts.append(html.P(_("Nog geen signaal als gezien gemarkeerd."), className="text-body-secondary"))
    return html.Div(parts)


def region_block(code: str, signals: Sequence[Signal], marks: Mapping[str, Mark], day: dt.date) -> object:
    """The region page's block: its open signals with their links, or a line that there are none."""
    open_ = [s for s in signals if s.key not in marks]
    more = html.A(
        _("Alle signalen van deze regio"), href=f"/signalen?regio={code}&peildatum={day.isoformat()}"
    )
    if not open_:
        return html.Section(
            [html.H2(_("Signalen"), className="h4 mt-4"), html.P([_("Geen open signalen."), " ", more])]
        )
    return html.Section(
        [
            html.H2(_("Signalen ({aantal})").format(aantal=len(open_)), className="h4 mt-4"),
            html.Ul([signal_item(s, actions=False) for s in open_], className="list-group mb-2"),
            html.P(more, className="small"),
        ],
        className="mb-4",
    )


def region_signals(code: str, day: dt.date) -> object:
    """The region page's block of the region's open signals at ``day`` (nothing for the public)."""
    viewer = current_viewer()
    if not viewer.signed_in:
        return None
    db = runtime().db
    found = [s for s in signals_for(db, viewer, day) if s.region == code]
    block = region_block(code, found, signal_marks.current(db, viewer, [s.key for s in found]), day)
    # One component: the block only shows and links (layouts/static_html.py).
    return static_html(block)
