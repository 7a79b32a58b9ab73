"""How a status is shown: always icon and words, with colour only as a third cue."""

from __future__ import annotations

from dash import html

from dashboard.i18n import _
from dashboard.rules.metrics import PaceStatus
from dashboard.rules.region_metrics import OUTFLOW_BELOW, OUTFLOW_IMMATURE, OUTFLOW_REACHED
from layouts.a11y import aria

# Okabe–Ito colours (safe for colour-blind readers); the words carry the meaning.
STYLE = {
    PaceStatus.OP_KOERS: ("bi-check-circle-fill", "status-op-koers"),
    PaceStatus.ACHTER: ("bi-exclamation-triangle-fill", "status-achter"),
    PaceStatus.VER_ACHTER: ("bi-x-octagon-fill", "status-ver-achter"),
    PaceStatus.GEEN_GEGEVENS: ("bi-dash-circle", "status-geen-gegevens"),
}

# Outflow is held against its goal percentage, not a pace: its words get the icon of the pace
# word they mean, and an immature cohort the hourglass of "not yet" (no verdict, so no colour).
OUTFLOW_STYLE = {
    OUTFLOW_REACHED: STYLE[PaceStatus.OP_KOERS],
    OUTFLOW_BELOW: STYLE[PaceStatus.ACHTER],
    OUTFLOW_IMMATURE: ("bi-hourglass-split", "status-geen-gegevens"),
}


def status_badge(status: PaceStatus) -> html.Span:
    """Icon plus the status in words, e.g. ✔ *op koers*."""
    icon, css = STYLE[status]
    return html.Span(
        [html.I(className=f"bi {icon} me-1", **aria(hidden="true")), _(status.value)],
        className=f"status {css}",
    )


def goal_badge(status: str) -> html.Span:
    """Any goal's status word of a report (pace or outflow), with its icon."""
    if status not in OUTFLOW_STYLE:
        return status_badge(PaceStatus(status))
    icon, css = OUTFLOW_STYLE[status]
    return html.Span(
        [html.I(className=f"bi {icon} me-1", **aria(hidden="true")), _(status)], className=f"status {css}"
    )
