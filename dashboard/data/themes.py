"""The managed list of bottleneck themes: everyone reads it, only ``beheer`` changes it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from dashboard.auth.viewer import Viewer
from dashboard.data.access import NoAccess
from dashboard.data.narrative_checks import NarrativeError
from dashboard.data.narrative_models import NarrativeTheme
from dashboard.i18n import N_, _
from dashboard.infra.db import Database

NAME_LENGTH = 80


@dataclass(frozen=True)
class Theme:
    """A theme; a retired one stays on the bottlenecks that carry it but is no longer offered."""

    id: int
    name: str
    active: bool


def theme_rows(db: Database) -> list[Theme]:
    """Every theme, retired ones too, by name."""
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(NarrativeTheme.id, NarrativeTheme.naam, NarrativeTheme.actief).order_by(
                NarrativeTheme.naam
            )
        ).all()
    return [Theme(*row) for row in rows]


def themes(db: Database) -> list[str]:
    """The names of the themes a bottleneck can be given now, by name."""
    return [theme.name for theme in theme_rows(db) if theme.active]


def _require_admin(viewer: Viewer) -> None:
    if not viewer.is_admin:
        raise NoAccess(_("Alleen beheer kan de lijst met thema's aanpassen."))


def _name(raw: str) -> str:
    name = " ".join((raw or "").split())
    if not name:
        raise NarrativeError(N_("Geef het thema een naam."))
    if len(name) > NAME_LENGTH:
        raise NarrativeError(N_("Een thema heeft ten hoogste {maximum} tekens."), maximum=NAME_LENGTH)
    return name


def add_theme(db: Database, viewer: Viewer, raw: str) -> str:
    """Add a theme (or bring a retired one back); returns its name.

    Raises:
        NoAccess: for everyone but ``beheer``.
        NarrativeError: an empty or too long name, or one already on the list.
    """
    _require_admin(viewer)
    name = _name(raw)
    with db.transaction() as session:
        found = session.scalar(select(NarrativeTheme).where(NarrativeTheme.naam == name))
        if found is not None and found.actief:
            raise NarrativeError(N_("Het thema '{naam}' staat al op de lijst."), naam=name)
        if found is not None:
            found.actief = True
        else:
            session.add(NarrativeTheme(naam=name, actief=True))
    return name


def rename_theme(db: Database, viewer: Viewer, old: str, raw: str) -> str:
    """Rename a theme: every bottleneck that carries it, in every version, carries the new name.

    Raises:
        NoAccess: for everyone but ``beheer``.
        NarrativeError: an unknown theme or a name already taken.
    """
    _require_admin(viewer)
    name = _name(raw)
    try:
        with db.engine.begin() as connection:
            changed = connection.execute(
                update(NarrativeTheme).where(NarrativeTheme.naam == old).values(naam=name)
            )
            if not changed.rowcount:
                raise NarrativeError(N_("Het thema '{naam}' bestaat niet."), naam=old[:NAME_LENGTH])
    except IntegrityError:
        raise NarrativeError(N_("Het thema '{naam}' staat al op de lijst."), naam=name) from None
    return name


def retire_theme(db: Database, viewer: Viewer, name: str) -> None:
    """Stop offering a theme; bottlenecks that carry it keep it.

    Raises:
        NoAccess: for everyone but ``beheer``.
        NarrativeError: an unknown or already retired theme.
    """
    _require_admin(viewer)
    with db.engine.begin() as connection:
        changed = connection.execute(
            update(NarrativeTheme)
            .where(NarrativeTheme.naam == name, NarrativeTheme.actief.is_(True))
            .values(actief=False)
        )
        if not changed.rowcount:
            raise NarrativeError(
                N_("Het thema '{naam}' staat niet (meer) op de lijst."), naam=name[:NAME_LENGTH]
            )
