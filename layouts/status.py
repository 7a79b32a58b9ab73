"""How a pace status is shown: always icon and words, with colour only as a third cue."""

from __future__ import annotations

from dash import html

from dashboard.i18n import _
from dashboard.rules.metrics import PaceStatus
from layouts.a11y import aria

# Okabe–Ito colours (safe for colour-blind readers); the words carry the meaning.
STYLE = {
    PaceStatus.OP_KOERS: ("bi-check-circle-fill", "status-op-koers"),
    PaceStatus.ACHTER: ("bi-exclamation-triangle-fill", "status-achter"),
    PaceStatus.VER_ACHTER: ("bi-x-octagon-fill", "status-ver-achter"),
    PaceStatus.GEEN_GEGEVENS: ("bi-dash-circle", "status-geen-gegevens"),
}


def status_badge(status: PaceStatus) -> html.Span:
    """Icon plus the status in words, e.g. ✔ *op koers*."""
    icon, css = STYLE[status]
    return html.Span(
        [html.I(className=f"bi {icon} me-1", **aria(hidden="true")), _(status.value)],
        className=f"status {css}",
    )
