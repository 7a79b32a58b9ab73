"""A signal: something in the figures that needs somebody to act, before the meeting.

The rules that raise signals read reports (``dashboard.reports.signals``); the Signalen page, the
region page, the meeting pack and the mail digests show them. This module is the one shape they
share, so that a digest says exactly what the page says.

A signal holds Dutch words and values, never translated text: reports are cached across languages,
and a digest is written in its reader's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dashboard.i18n import N_, LazyText
from dashboard.reports.view import View

HIGH = N_("hoog")
MEDIUM = N_("middel")
LOW = N_("laag")
# Most urgent first: lists sort on this order.
SEVERITIES = (HIGH, MEDIUM, LOW)


@dataclass(frozen=True)
class Signal:
    """One open signal.

    Attributes:
        key: stable while the condition holds, e.g. ``casus:AM09`` or ``levering:AM09:17:2026-K3``;
            a "gezien" mark and a sent digest refer to it, so it never holds a person's data.
        rule: the rule that raised it (a name from ``dashboard.rules.signals``).
        region: the region's code, e.g. ``AM09``.
        organisation: the organisation's name, only in a signal the viewer may see at that level.
        severity: one of ``SEVERITIES``.
        text: what happened and why it matters, in Dutch with its values; ``str()`` translates.
        started: the first day the condition held.
        link: the path and query of the view that shows it, e.g. ``/regio/AM09?peildatum=…``.
    """

    key: str
    rule: str
    region: str
    organisation: str | None
    severity: str
    text: LazyText
    started: dt.date
    link: str

    @classmethod
    def raised(
        cls,
        rule: str,
        region: str,
        occasion: str,
        *,
        severity: str,
        text: LazyText,
        started: dt.date,
        link: str,
        organisation: str | None = None,
    ) -> Signal:
        """A signal of ``rule`` in ``region``, its key made of the rule, region and ``occasion``.

        ``occasion`` tells this raising apart from the rule's others in the region (the
        comparison day, the organisation and quarter, the action), so the key stays the same
        while the condition holds and a "gezien" mark keeps to it.
        """
        return cls(
            key=f"{rule}:{region}:{occasion}",
            rule=rule,
            region=region,
            organisation=organisation,
            severity=severity,
            text=text,
            started=started,
            link=link,
        )

    @property
    def urgency(self) -> int:
        """0 for the most urgent severity: sorts a list most urgent first."""
        return SEVERITIES.index(self.severity)


def region_link(view: View, code: str, *keys: str) -> str:
    """The region page of ``code`` at ``view`` (with the named optional URL parameters)."""
    return f"/regio/{code}" + view.but(region=code).query(*keys)
