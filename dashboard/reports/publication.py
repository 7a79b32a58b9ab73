"""Published figures: freeze every report at a peildatum, read a snapshot back, publish due quarter ends.

A snapshot stores the very report objects the pages, exports and the pack draw (the national
report, every region's report and the organisation tables as each role may see them), so a
snapshot is drawn through the same code as live figures, and reads stored figures instead of
working them out again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace

import pandas as pd

from dashboard.auth.viewer import ADMIN, NATIONAL, Viewer
from dashboard.data import access, snapshots
from dashboard.data.meta import data_status
from dashboard.data.snapshots import PublicationRef
from dashboard.i18n import _
from dashboard.infra import clock
from dashboard.infra.cache import memo
from dashboard.infra.db import Database
from dashboard.reports.national import national_report
from dashboard.reports.region import region_report
from dashboard.reports.view import View
from dashboard.rules import signals
from dashboard.text import format as fmt
from geodata import region_refs

# The two small-number rules organisation tables are published under: beheer's (every number)
# and everyone else's (``landelijk`` and ``regio`` share it).
PUBLISHERS = (Viewer("publicatie", ADMIN), Viewer("publicatie", NATIONAL))


def snapshot_view(peildatum: dt.date) -> View:
    """The view a snapshot freezes: the peildatum's year, default cohort and comparison."""
    return View.parse({"peildatum": peildatum.isoformat()}, peildatum)


def _parts(
    db: Database, peildatum: dt.date, minimum: int, on_region: Callable[[int, int], None] | None
) -> Iterator[tuple[str, str, object]]:
    view = snapshot_view(peildatum)
    yield "landelijk", "", national_report(db, view)
    regions = region_refs()
    for done, ref in enumerate(regions):
        if on_region is not None:
            on_region(done, len(regions))
        # The national report is stored once; each region gets it back when read.
        yield "regio", ref.code, replace(region_report(db, view, ref.code), national=None)  # type: ignore[arg-type]
        for year in sorted({view.year, view.cohort}):
            for viewer in PUBLISHERS:
                rule = viewer.suppression(minimum)
                table = access.live_table(db, ref.code, year, access.moment_for(viewer, peildatum), rule)
                key = snapshots.table_key(ref.code, year, rule.minimum)
                yield "organisaties", key, snapshots.WITHHELD if table is None else table


def publish(
    db: Database,
    peildatum: dt.date,
    by: str,
    minimum: int,
    name: str = "",
    kind: str = snapshots.MANUAL,
    on_region: Callable[[int, int], None] | None = None,
) -> int:
    """Freeze every report at ``peildatum`` as the data stands now; the snapshot's id.

    ``on_region(done, total)`` hears of each region before its reports are made (a job's progress).

    Raises:
        ValueError: (with a Dutch message) for a peildatum after the newest data day.
    """
    status = data_status(db)
    if peildatum > clock.today():
        raise ValueError(_("Een peildatum in de toekomst kan niet gepubliceerd worden."))
    title = name.strip() or _("Cijfers t/m {datum}").format(datum=fmt.date(peildatum))
    with memo():
        return snapshots.store(
            db,
            naam=title,
            peildatum=peildatum,
            soort=kind,
            data_versie=status.version,
            laatste_import=status.highest_id,
            door=by,
            parts=_parts(db, peildatum, minimum, on_region),
        )


def due_quarter(today: dt.date, deadline_days: int) -> dt.date:
    """The latest quarter end whose delivery deadline lies before ``today`` (pure)."""
    year, quarter = signals.last_judged_quarter(today, deadline_days)
    return signals.quarter_end(year, quarter)


def publish_due_quarter(db: Database, today: dt.date, deadline_days: int, minimum: int) -> int | None:
    """Publish the latest quarter end past its delivery deadline unless it already stands; the new id."""
    day = due_quarter(today, deadline_days)
    if snapshots.current_at(db, day) is not None:
        return None
    quarter = (day.month - 1) // 3 + 1
    name = f"K{quarter} {day.year}"
    return publish(db, day, "systeem", minimum, name, snapshots.QUARTERLY)


def stored_table(db: Database, number: int, code: str, year: int, minimum: int) -> pd.DataFrame | None:
    """An organisation table of snapshot ``number`` (None: not stored, or withheld by the audit)."""
    found = snapshots.stored(db, number, "organisaties", snapshots.table_key(code, year, minimum))
    return found if isinstance(found, pd.DataFrame) else None


def label(found: PublicationRef) -> str:
    """What a page, export or pack says about the snapshot it shows."""
    made = found.gemaakt.astimezone(clock.AMSTERDAM).date()
    text = _("Gepubliceerd {gemaakt}, cijfers t/m {peildatum}").format(
        gemaakt=fmt.date(made), peildatum=fmt.date(found.peildatum)
    )
    if found.withdrawn:
        text += " · " + _("ingetrokken: {reden}").format(reden=found.reden or "")
    return text


def provisional_label(peildatum: dt.date) -> str:
    """What a page with live figures says: they are provisional."""
    return _("Voorlopige cijfers t/m {peildatum} (nog niet gepubliceerd)").format(
        peildatum=fmt.date(peildatum)
    )


def published_view(db: Database, view: View, viewer: Viewer) -> tuple[View, PublicationRef | None]:
    """The view as ``viewer`` is shown it, with the snapshot it reads (None: live figures).

    A snapshot chosen with ``?publicatie=`` counts when it was not withdrawn and holds this view
    (its peildatum, year and default cohort). Without one, everyone but ``beheer`` sees the
    snapshot standing at the peildatum; ``beheer`` sees the current data unless it chose one.
    """
    chosen = None if view.publication is None else snapshots.publication(db, view.publication)
    if chosen is not None and (chosen.withdrawn or chosen.peildatum != view.peildatum):
        chosen = None  # a withdrawn or other day's snapshot gives no figures here
    if chosen is None and not viewer.is_admin:
        chosen = snapshots.current_at(db, view.peildatum)
    stored = snapshot_view(view.peildatum)
    if chosen is None or (view.year, view.cohort) != (stored.year, stored.cohort):
        # Another year or cohort than the snapshot holds is worked out live, and called provisional.
        return view.but(publication=None), None
    return view.but(publication=chosen.id), chosen


def status_line(found: PublicationRef | None, peildatum: dt.date) -> str:
    """Which figures a page shows: the snapshot's label, or that they are provisional."""
    return label(found) if found is not None else provisional_label(peildatum)


def heading_mark(found: PublicationRef | None) -> str:
    """What a page's heading adds after its *t/m* day: *gepubliceerd 15 maart 2027* or *voorlopig*."""
    if found is None:
        return _("voorlopig")
    made = found.gemaakt.astimezone(clock.AMSTERDAM).date()
    return _("gepubliceerd {datum}").format(datum=fmt.date(made))
