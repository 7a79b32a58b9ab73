"""Which snapshot a reader is shown: the view a page opens at and the choices of its control.

Everyone but ``beheer`` opens the national and region pages at the latest publication that was
not withdrawn (its peildatum, its stored figures); ``beheer`` opens at the current figures, which
are provisional. A snapshot number that does not exist or was withdrawn shows nothing of it: the
page falls back to its default and says why.
"""

from __future__ import annotations

import datetime as dt

from dashboard.auth.viewer import Viewer
from dashboard.data import snapshots
from dashboard.data.snapshots import PublicationRef
from dashboard.i18n import N_, LazyText, _
from dashboard.infra.db import Database
from dashboard.reports.publication import label, published_view, snapshot_view, status_line
from dashboard.reports.view import LIVE, View


def usable(db: Database, number: int | None) -> PublicationRef | None:
    """Snapshot ``number`` when it exists and was not withdrawn, else None."""
    found = None if number is None else snapshots.publication(db, number)
    return None if found is None or found.withdrawn else found


def shown(db: Database) -> list[PublicationRef]:
    """The snapshots a reader may choose: not withdrawn, the newest peildatum first."""
    return [found for found in snapshots.publications(db) if not found.withdrawn]


def at_snapshot(view: View, found: PublicationRef) -> View:
    """``view`` moved to the snapshot's peildatum, year and default cohort: the view it stores."""
    stored = snapshot_view(found.peildatum)
    since = view.since if view.since is not None and view.since < found.peildatum else None
    return view.but(
        peildatum=stored.peildatum,
        year=stored.year,
        cohort=stored.cohort,
        cohort_chosen=False,
        since=since,
        publication=found.id,
        live=False,
    )


def opening_view(db: Database, view: View, viewer: Viewer) -> View:
    """The view a national or region page opens at for ``viewer``.

    A chosen snapshot (``?publicatie=ID``) sets the peildatum; an unknown or withdrawn one adds a
    Dutch problem and is dropped. Without a peildatum in the address, everyone but ``beheer``
    gets the latest publication; with one (or ``publicatie=actueel``) the view stays as asked.
    """
    if view.publication is not None:
        found = usable(db, view.publication)
        if found is not None:
            return at_snapshot(view, found)
        problem = LazyText(
            N_("Publicatie {nummer} bestaat niet of is ingetrokken; er worden geen cijfers uit getoond."),
            nummer=view.publication,
        )
        view = view.but(publication=None, problems=(*view.problems, problem))
    if view.live or view.dated or viewer.is_admin:
        return view
    latest = next(iter(shown(db)), None)
    return view if latest is None else at_snapshot(view, latest)


def addressed(view: View) -> View:
    """``view`` as the address writes it: without *actueel*, which says nothing there.

    The address always carries the peildatum, and at a given peildatum ``published_view`` decides
    the figures without it (the snapshot standing at that day for everyone but ``beheer``, else the
    current figures). Written anyway, it would change the address of every page as it appeared,
    and Back would seem to do nothing.
    """
    return view.but(live=False) if view.live else view


def choice_label(found: PublicationRef) -> str:
    """``Stuurgroep maart — gepubliceerd 15 maart 2027, cijfers t/m 31 december 2026``."""
    return f"{found.naam} — {label(found)[:1].lower()}{label(found)[1:]}"


def choices(db: Database, viewer: Viewer) -> list[dict[str, str]]:
    """The options of the publication control: the snapshots, and for ``beheer`` the current figures.

    Everyone else gets the current figures as an option too, named for what it is, so the control
    can say so when the chosen peildatum has no publication (the figures are provisional then).
    """
    options = [{"label": choice_label(found), "value": str(found.id)} for found in shown(db)]
    current = (
        _("Actuele cijfers (voorlopig)") if viewer.is_admin else _("Geen publicatie (voorlopige cijfers)")
    )
    return [*options, {"label": current, "value": LIVE}]


def chosen_value(found: PublicationRef | None) -> str:
    """The control's value for a view showing snapshot ``found`` (None: the current figures)."""
    return LIVE if found is None else str(found.id)


def follow(db: Database, view: View, viewer: Viewer, latest: dt.date, by_choice: bool) -> tuple[dt.date, str]:
    """The peildatum and control value that go together after one of them changed.

    ``by_choice``: the reader chose in the publication control, and the peildatum follows (the
    snapshot's, or for the current figures the latest data day); else the peildatum was typed
    and the control follows (the snapshot shown at that day, or the current figures).
    """
    if by_choice:
        found = usable(db, view.publication)
        return (latest, LIVE) if found is None else (found.peildatum, str(found.id))
    return view.peildatum, chosen_value(published_view(db, view, viewer)[1])


# Downloads whose table is read from the national report: they hold a snapshot's stored figures.
REPORT_TABLES = frozenset({"regios", "bijeenkomsten"})


def export_line(db: Database, kind: str, view: View, viewer: Viewer, day: dt.date) -> tuple[View, str]:
    """The view a download of ``kind`` is made from and the line naming its figures.

    ``day`` is the day the file's figures stand on (for organisation tables: the published
    moment). Tables read from the national report follow the snapshot the page shows; the
    organisation table of a reader who is not ``beheer`` is the one stored at its moment; every
    other table is worked out from the current data and so is provisional.
    """
    shown_view, found = published_view(db, view, viewer)
    if kind == "organisaties":
        found = None if viewer.is_admin else snapshots.current_at(db, day)
    elif kind not in REPORT_TABLES:
        found = None
    return shown_view, status_line(found, day)
