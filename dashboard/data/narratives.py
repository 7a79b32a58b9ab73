"""Region narratives as a viewer may read and write them: the data layer's gate for the story.

``regio`` writes for its own regions and ``beheer`` for all; ``landelijk`` reads everything and
writes nothing; the public reads only narratives whose newest version is marked public. Every
save is a new version; unfinished actions of earlier periods are carried into the next one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dashboard.auth.viewer import ADMIN, NATIONAL, PUBLIC, REGIONAL, Viewer
from dashboard.data.access import NoAccess
from dashboard.data.models import Region
from dashboard.data.narrative_checks import NarrativeError, NarrativeInput, checked
from dashboard.data.narrative_models import (
    NarrativeAction,
    NarrativeBottleneck,
    NarrativeTheme,
    NarrativeVersion,
)
from dashboard.data.narrative_periods import containing, period_by_key, period_of, periods_for, periods_from
from dashboard.data.steering import steering_groups_by_region
from dashboard.data.themes import theme_rows, themes
from dashboard.i18n import N_, _
from dashboard.infra import clock
from dashboard.infra.db import Database
from dashboard.reports.narrative import UNFINISHED, Action, Bottleneck, Narrative, Period

__all__ = [
    "current_narratives",
    "narrative_for",
    "narrative_with_history",
    "narratives_in",
    "periods_for",
    "save_narrative",
    "themes",
    "versions",
]


def may_write(viewer: Viewer, region: str) -> bool:
    """Whether ``viewer`` may save narratives of ``region``."""
    return viewer.role == ADMIN or (viewer.role == REGIONAL and region in viewer.regions)


def _require_read(viewer: Viewer) -> None:
    if viewer.role not in (PUBLIC, NATIONAL, REGIONAL, ADMIN):
        raise NoAccess(_("U hebt geen toegang tot de verhalen bij de cijfers."))


def _narrative(row: NarrativeVersion, extra: Sequence[Action] = ()) -> Narrative:
    return Narrative(
        region=row.region_code,
        period=Period(row.periode, row.begin, row.eind, row.stuurgroep),
        version=row.versie,
        saved_by=row.door,
        saved_at=row.opgeslagen,
        public=row.openbaar,
        explanations={
            "gestart": row.uitleg_gestart,
            "duurzaam": row.uitleg_duurzaam,
            "leer": row.uitleg_leer,
            "casus": row.uitleg_casus,
        },
        bottlenecks=tuple(Bottleneck(b.tekst, tuple(t.naam for t in b.themes)) for b in row.bottlenecks),
        actions=(*(_action(a) for a in row.actions), *extra),
        success_factors=row.succesfactoren,
        development_points=row.ontwikkelpunten,
    )


def _action(row: NarrativeAction) -> Action:
    return Action(row.uid, row.tekst, row.eigenaar, row.deadline, row.status, row.sinds)


def _current(rows: Iterable[NarrativeVersion], viewer: Viewer) -> dict[str, NarrativeVersion]:
    """The newest version per period key, leaving out what the public may not read."""
    newest: dict[str, NarrativeVersion] = {}
    for row in rows:
        if row.periode not in newest or row.versie > newest[row.periode].versie:
            newest[row.periode] = row
    if viewer.role == PUBLIC:
        return {key: row for key, row in newest.items() if row.openbaar}
    return newest


def _assemble(
    current: dict[str, NarrativeVersion], region: str, period: Period, day: dt.date
) -> Narrative | None:
    own = current.get(period.key)
    if own is None:
        # Saved under a key the region's periods no longer have (a stuurgroep recorded later
        # changes them): the newest one covering the day still tells its story.
        covering = [r for r in current.values() if r.begin <= day <= r.eind]
        own = max(covering, key=lambda r: r.opgeslagen) if covering else None
    earlier = sorted(
        (r for r in current.values() if r is not own and r.begin < period.start),
        key=lambda r: (r.eind, r.opgeslagen),
    )
    latest: dict[str, Action] = {}
    for row in earlier:
        latest.update({a.uid: _action(a) for a in row.actions})
    mentioned = {a.uid for a in own.actions} if own else set()
    carried = sorted(
        (a for a in latest.values() if a.status in UNFINISHED and a.uid not in mentioned), key=lambda a: a.due
    )
    if own is not None:
        return _narrative(own, carried)
    if not carried:
        return None
    # Nothing written for this period yet: version 0, holding only what carried over.
    source = earlier[-1]
    return Narrative(region, period, 0, "", source.opgeslagen, source.openbaar, actions=tuple(carried))


def _rows(db: Database, regions: Sequence[str] | None, until: dt.date) -> list[NarrativeVersion]:
    query = select(NarrativeVersion).where(NarrativeVersion.begin <= until)
    if regions is not None:
        query = query.where(NarrativeVersion.region_code.in_(regions))
    with db.sessions() as session:
        return list(session.scalars(query.order_by(NarrativeVersion.id)).all())


def _by_region(rows: Iterable[NarrativeVersion]) -> dict[str, list[NarrativeVersion]]:
    by_region: dict[str, list[NarrativeVersion]] = {}
    for row in rows:
        by_region.setdefault(row.region_code, []).append(row)
    return by_region


def _story(
    rows: Iterable[NarrativeVersion], viewer: Viewer, region: str, period: Period, day: dt.date
) -> Narrative | None:
    # The current narrative from a region's rows: those begun by the period's end count.
    return _assemble(_current((row for row in rows if row.begin <= period.end), viewer), region, period, day)


def narrative_for(db: Database, viewer: Viewer, region: str, day: dt.date) -> Narrative | None:
    """The current narrative of ``region`` for the period ``day`` falls in, with carried-over actions.

    Returns:
        The newest version (``version`` 0 when only actions carried over), or None.

    Raises:
        NoAccess: for a role that may not read narratives at all.
    """
    _require_read(viewer)
    period = period_of(db, region, day)
    return _story(_rows(db, [region], period.end), viewer, region, period, day)


def narrative_with_history(
    db: Database, viewer: Viewer, region: str, day: dt.date
) -> tuple[Narrative | None, list[Narrative]]:
    """``narrative_for`` and, for who is signed in, the ``versions`` of that period, from one read.

    The region page shows both at once; read apart they took two rounds of the same four queries.
    The rows read are those of either: begun by the period's end, or saved for its key.
    """
    _require_read(viewer)
    period = period_of(db, region, day)
    query = select(NarrativeVersion).where(
        NarrativeVersion.region_code == region,
        or_(NarrativeVersion.begin <= period.end, NarrativeVersion.periode == period.key),
    )
    with db.sessions() as session:
        rows = list(session.scalars(query.order_by(NarrativeVersion.id)).all())
        narrative = _story(rows, viewer, region, period, day)
        own = sorted((row for row in rows if row.periode == period.key), key=lambda row: row.versie)
        history = [_narrative(row) for row in own] if viewer.signed_in else []
    return narrative, history


def current_narratives(db: Database, viewer: Viewer, day: dt.date) -> dict[str, Narrative]:
    """``narrative_for`` of every region that has one on ``day``, by region code.

    For what goes through all regions at once (the signals about actions): the narratives up to
    the end of ``day``'s year and every region's stuurgroep days are read once, not per region.
    """
    _require_read(viewer)
    year_end = dt.date(day.year, 12, 31)
    by_region = _by_region(_rows(db, None, year_end))
    steering = steering_groups_by_region(db, year_end)
    found = {}
    for region, rows in by_region.items():
        period = containing(periods_from(steering.get(region, []), day.year), day)
        # As narrative_for reads them: the versions that begin by the end of the day's period.
        if (narrative := _story(rows, viewer, region, period, day)) is not None:
            found[region] = narrative
    return found


def narratives_in(db: Database, viewer: Viewer, year: int) -> list[Narrative]:
    """The current narrative of every region and period of ``year`` that has one, region by region."""
    _require_read(viewer)
    by_region = _by_region(_rows(db, None, dt.date(year, 12, 31)))
    found = []
    for region in sorted(by_region):
        current = _current(by_region[region], viewer)
        for period in periods_for(db, region, year):
            # Only the period's own saves: a narrative is counted once, in the period it was written for.
            if period.key in current and (narrative := _assemble(current, region, period, period.end)):
                found.append(narrative)
    return found


def versions(db: Database, viewer: Viewer, region: str, period_key: str) -> list[Narrative]:
    """Every saved version of the narrative of ``region`` for ``period_key``, oldest first.

    Raises:
        NoAccess: for the public, who reads the current public narrative only.
    """
    if not viewer.signed_in:
        raise NoAccess(_("De geschiedenis van een verhaal is alleen voor wie is aangemeld."))
    _require_read(viewer)
    query = (
        select(NarrativeVersion)
        .where(NarrativeVersion.region_code == region, NarrativeVersion.periode == period_key)
        .order_by(NarrativeVersion.versie)
    )
    with db.sessions() as session:
        return [_narrative(row) for row in session.scalars(query).all()]


def save_narrative(
    db: Database,
    viewer: Viewer,
    region: str,
    period_key: str,
    content: NarrativeInput,
    *,
    demo: bool = False,
) -> Narrative:
    """Save ``content`` as the next version of the narrative of ``region`` for ``period_key``.

    Raises:
        NoAccess: when ``viewer`` may not write for ``region``.
        NarrativeError: an unknown region or period, or content that fails the checks
            (nothing is saved then).
    """
    if not may_write(viewer, region):
        raise NoAccess(_("U mag geen verhaal opslaan voor deze regio."))
    with db.sessions() as session:
        if session.get(Region, region) is None:
            raise NarrativeError(N_("Onbekende regio."))
    period = period_by_key(db, region, period_key)
    if period is None:
        raise NarrativeError(N_("Onbekende periode voor deze regio."))
    by_name = {row.name: row.id for row in theme_rows(db)}
    clean = checked(content, set(by_name))
    try:
        with db.transaction() as session:
            row = _new_version(session, viewer, region, period, clean, by_name, demo)
            session.flush()
            saved = _narrative(row)
    except IntegrityError:
        raise NarrativeError(N_("Iemand anders sloeg dit verhaal net op. Laad de pagina opnieuw.")) from None
    return saved


def _new_version(
    session: Session,
    viewer: Viewer,
    region: str,
    period: Period,
    clean: NarrativeInput,
    theme_ids: dict[str, int],
    demo: bool,
) -> NarrativeVersion:
    latest = session.scalar(
        select(func.max(NarrativeVersion.versie)).where(
            NarrativeVersion.region_code == region, NarrativeVersion.periode == period.key
        )
    )
    uids = [a.uid for a in clean.actions if a.uid]
    # Where a known action came from is the database's word, never the form's.
    origins = dict(
        session.execute(
            select(NarrativeAction.uid, func.min(NarrativeAction.sinds))
            .join(NarrativeVersion)
            .where(NarrativeVersion.region_code == region, NarrativeAction.uid.in_(uids))
            .group_by(NarrativeAction.uid)
        ).all()
    )
    row = NarrativeVersion(
        region_code=region,
        periode=period.key,
        begin=period.start,
        eind=period.end,
        stuurgroep=period.steering_group,
        versie=(latest or 0) + 1,
        door=viewer.name[:120],
        opgeslagen=clock.utc_now(),
        openbaar=clean.public,
        voorbeeld=demo,
        uitleg_gestart=clean.explanations["gestart"],
        uitleg_duurzaam=clean.explanations["duurzaam"],
        uitleg_leer=clean.explanations["leer"],
        uitleg_casus=clean.explanations["casus"],
        succesfactoren=clean.success_factors,
        ontwikkelpunten=clean.development_points,
    )
    themes_by_id = {t.id: t for t in session.scalars(select(NarrativeTheme)).all()}
    row.bottlenecks = [
        NarrativeBottleneck(volgorde=n, tekst=b.text, themes=[themes_by_id[theme_ids[t]] for t in b.themes])
        for n, b in enumerate(clean.bottlenecks)
    ]
    row.actions = [
        NarrativeAction(
            volgorde=n,
            uid=a.uid or uuid.uuid4().hex,
            tekst=a.text,
            eigenaar=a.owner,
            deadline=a.due,
            status=a.status,
            sinds=origins.get(a.uid, period.key),
        )
        for n, a in enumerate(clean.actions)
    ]
    session.add(row)
    return row
