"""The story behind a region's numbers: one version of its narrative for one period.

A narrative is written per region and period (the region's stuurgroep dates, or the three tertials
of a year where none are known) and every save is a new version. The data layer
(``dashboard.data.narratives``) reads and writes it with the access checks; the region page,
presentation, presenter notes, meeting pack and the national bottleneck page show these objects
and nothing else.

Text fields hold the small markup source as written (bold, lists, links); show them through
``dashboard.text.markup``, which sanitises. Statuses and themes are Dutch words, translated where
they are shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dashboard.i18n import N_

# The goals a narrative explains, in the order of ``dashboard.reports.since.GOALS``.
GOALS = ("gestart", "duurzaam", "leer", "casus")

OPEN = N_("open")
BUSY = N_("bezig")
DONE = N_("klaar")
LAPSED = N_("vervallen")
ACTION_STATUSES = (OPEN, BUSY, DONE, LAPSED)
# Actions that still need doing: they carry over into the next period.
UNFINISHED = (OPEN, BUSY)


@dataclass(frozen=True)
class Period:
    """The stretch of time a narrative covers.

    Attributes:
        key: stable name, e.g. ``2026-T2`` (a tertial) or ``sg-2026-06-19`` (the stuurgroep of
            that day).
        start: first day.
        end: last day (the stuurgroep's date, or the tertial's last day).
        steering_group: the stuurgroep the period leads up to, when the meetings data knows it.
    """

    key: str
    start: dt.date
    end: dt.date
    steering_group: dt.date | None = None


@dataclass(frozen=True)
class Bottleneck:
    """A knelpunt: its text and one or more themes from the managed list."""

    text: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Action:
    """An action agreed on, carried over from period to period until it is done or lapsed.

    Attributes:
        uid: the same action in every version and period it appears in.
        text: what is to be done.
        owner: an organisation or a role, never a person's private data.
        due: the date it should be done by.
        status: one of ``ACTION_STATUSES``.
        since: the key of the period it was first recorded in.
    """

    uid: str
    text: str
    owner: str
    due: dt.date
    status: str
    since: str

    def overdue(self, day: dt.date) -> bool:
        """Past its due date on ``day`` and not finished."""
        return self.status in UNFINISHED and self.due < day


@dataclass(frozen=True)
class Narrative:
    """One saved version of a region's narrative for a period.

    Attributes:
        region: the region's code.
        period: the period it covers.
        version: 1 for the first save, then 2, 3, …
        saved_by: the account name that saved this version.
        saved_at: when.
        public: shown in ``openbaar`` mode as well.
        explanations: per goal of ``GOALS``, the explanation (may be empty).
        bottlenecks: the knelpunten.
        actions: this period's actions, including the unfinished ones carried over.
        success_factors: succesfactoren.
        development_points: ontwikkelpunten.
    """

    region: str
    period: Period
    version: int
    saved_by: str
    saved_at: dt.datetime
    public: bool
    explanations: dict[str, str] = field(default_factory=dict)
    bottlenecks: tuple[Bottleneck, ...] = ()
    actions: tuple[Action, ...] = ()
    success_factors: str = ""
    development_points: str = ""

    def open_actions(self) -> tuple[Action, ...]:
        """The actions still to be done, earliest due date first."""
        return tuple(sorted((a for a in self.actions if a.status in UNFINISHED), key=lambda a: a.due))
