"""The national picture of bottlenecks: which themes many regions share, and who is acting on them.

Pure over narratives (``dashboard.reports.narrative``): the data layer gives the narratives a
viewer may read (``openbaar`` sees the public ones only), and this module picks one narrative per
region, filters and counts. Themes and statuses stay Dutch words; they are translated where shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dashboard.i18n import N_
from dashboard.reports.narrative import ACTION_STATUSES, Narrative, Period

# The action status filter: one of the statuses, or the overdue ones (unfinished, past due).
OVERDUE = N_("achterstallig")
STATUS_CHOICES = (*ACTION_STATUSES, OVERDUE)
TERTIALS = (1, 2, 3)


@dataclass(frozen=True)
class BottleneckFilter:
    """What the national bottleneck page shows: a theme, a tertial and an action status (or all).

    ``tertial`` picks each region's narrative whose period ends in that third of the year (periods
    follow each region's own stuurgroep dates, so the tertial is the one thing they share);
    without it each region's latest narrative up to the day counts.
    """

    theme: str | None = None
    tertial: int | None = None
    status: str | None = None

    def query(self) -> dict[str, str]:
        """The URL parameters of this filter (``thema``, ``periode``, ``status``), those that are set."""
        values = {"thema": self.theme, "periode": f"T{self.tertial}" if self.tertial else None}
        return {key: value for key, value in {**values, "status": self.status}.items() if value}


def _one(raw: object) -> str | None:
    if isinstance(raw, list):
        raw = raw[0] if raw else None
    return raw.strip()[:80] if isinstance(raw, str) and raw.strip() else None


def parse_filter(query: Mapping[str, object], themes: Sequence[str]) -> BottleneckFilter:
    """The filter from URL parameters; an unknown theme, tertial or status means *all*."""
    theme, period, status = _one(query.get("thema")), _one(query.get("periode")), _one(query.get("status"))
    tertial = (
        int(period[1]) if period and len(period) == 2 and period[0] in "Tt" and period[1] in "123" else None
    )
    return BottleneckFilter(
        theme=theme if theme in themes else None,
        tertial=tertial,
        status=status if status in STATUS_CHOICES else None,
    )


def tertial_of(day: dt.date) -> int:
    """The third of the year ``day`` falls in: 1 (January–April), 2 (May–August) or 3."""
    return (day.month - 1) // 4 + 1


@dataclass(frozen=True)
class BottleneckRow:
    """One bottleneck of one region, with how far its region's actions have got."""

    region: str
    period: Period
    text: str
    themes: tuple[str, ...]
    open_actions: int
    overdue_actions: int


@dataclass(frozen=True)
class ThemeCount:
    """``financiering/inkoop: 14 regio's, 9 met open acties``, as numbers."""

    theme: str
    regions: int
    with_open_actions: int


@dataclass(frozen=True)
class BottleneckReport:
    """The bottlenecks of the chosen narratives, counted per theme (most regions first)."""

    year: int
    day: dt.date
    chosen: BottleneckFilter
    counts: tuple[ThemeCount, ...]
    rows: tuple[BottleneckRow, ...]
    regions: int


def _chosen(narratives: Iterable[Narrative], day: dt.date, tertial: int | None) -> list[Narrative]:
    """One narrative per region: of the tertial asked for, else the latest begun by ``day``."""
    best: dict[str, Narrative] = {}
    for narrative in narratives:
        period = narrative.period
        if tertial is not None and tertial_of(period.end) != tertial:
            continue
        if tertial is None and period.start > day:
            continue
        held = best.get(narrative.region)
        if held is None or (period.end, narrative.version) > (held.period.end, held.version):
            best[narrative.region] = narrative
    return [best[code] for code in sorted(best)]


def _has_status(narrative: Narrative, status: str | None, day: dt.date) -> bool:
    if status is None:
        return True
    if status == OVERDUE:
        return any(action.overdue(day) for action in narrative.actions)
    return any(action.status == status for action in narrative.actions)


def bottleneck_report(
    narratives: Iterable[Narrative], year: int, day: dt.date, chosen: BottleneckFilter = BottleneckFilter()
) -> BottleneckReport:
    """Every region's bottlenecks that pass ``chosen``, and per theme the regions naming it.

    A region counts once per theme however many of its bottlenecks carry it, and it counts *with
    open actions* when its narrative has any action still open or under way (``UNFINISHED``).

    Args:
        narratives: the narratives of the year the viewer may read (every period, current versions).
        year: the year they belong to.
        day: the day the page stands on (overdue is judged on it).
        chosen: the theme, tertial and action status to show.
    """
    picked = [
        n
        for n in _chosen(narratives, day, chosen.tertial)
        if n.period.end.year == year or n.period.start.year == year
    ]
    picked = [n for n in picked if _has_status(n, chosen.status, day)]
    rows: list[BottleneckRow] = []
    named: dict[str, set[str]] = {}
    acting: dict[str, set[str]] = {}
    for narrative in picked:
        unfinished = narrative.open_actions()
        overdue = sum(1 for action in unfinished if action.overdue(day))
        for bottleneck in narrative.bottlenecks:
            if chosen.theme is not None and chosen.theme not in bottleneck.themes:
                continue
            rows.append(
                BottleneckRow(
                    narrative.region,
                    narrative.period,
                    bottleneck.text,
                    bottleneck.themes,
                    len(unfinished),
                    overdue,
                )
            )
            for theme in bottleneck.themes:
                if chosen.theme is not None and theme != chosen.theme:
                    continue
                named.setdefault(theme, set()).add(narrative.region)
                if unfinished:
                    acting.setdefault(theme, set()).add(narrative.region)
    counts = sorted(
        (ThemeCount(theme, len(codes), len(acting.get(theme, ()))) for theme, codes in named.items()),
        key=lambda c: (-c.regions, -c.with_open_actions, c.theme),
    )
    return BottleneckReport(year, day, chosen, tuple(counts), tuple(rows), len({row.region for row in rows}))
