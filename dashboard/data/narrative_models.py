"""Database model of region narratives: saved versions, their bottlenecks and actions, and the themes.

Kept beside ``models.py`` (same declarative base, so Alembic and ``Base.metadata`` see them) to
keep that module small. Every save writes a new ``narrative_version`` with its own bottlenecks and
actions; nothing is updated in place, so every earlier version stays readable.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dashboard.data.models import Base, _choice
from dashboard.reports.narrative import ACTION_STATUSES


class NarrativeTheme(Base):
    """A theme of the managed list; a retired theme stays on the bottlenecks that carry it."""

    __tablename__ = "narrative_theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(80), unique=True)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)


class NarrativeVersion(Base):
    """One save of a region's narrative for a period."""

    __tablename__ = "narrative_version"
    __table_args__ = (
        UniqueConstraint("region_code", "periode", "versie", name="uq_narrative_version_versie"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    periode: Mapped[str] = mapped_column(String(32))
    # The span the period had when saved: a stuurgroep recorded later changes the periods of a
    # year, and the narrative is still found by the days it covers.
    begin: Mapped[dt.date] = mapped_column(Date)
    eind: Mapped[dt.date] = mapped_column(Date)
    stuurgroep: Mapped[dt.date | None] = mapped_column(Date)
    versie: Mapped[int] = mapped_column(Integer)
    door: Mapped[str] = mapped_column(String(120))
    opgeslagen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    openbaar: Mapped[bool] = mapped_column(Boolean, default=False)
    # Written by the demo, like the demo's imports: removed with the example data.
    voorbeeld: Mapped[bool] = mapped_column(Boolean, default=False)
    uitleg_gestart: Mapped[str] = mapped_column(Text, default="")
    uitleg_duurzaam: Mapped[str] = mapped_column(Text, default="")
    uitleg_leer: Mapped[str] = mapped_column(Text, default="")
    uitleg_casus: Mapped[str] = mapped_column(Text, default="")
    succesfactoren: Mapped[str] = mapped_column(Text, default="")
    ontwikkelpunten: Mapped[str] = mapped_column(Text, default="")

    bottlenecks: Mapped[list[NarrativeBottleneck]] = relationship(
        order_by="NarrativeBottleneck.volgorde", cascade="all, delete-orphan", lazy="selectin"
    )
    actions: Mapped[list[NarrativeAction]] = relationship(
        order_by="NarrativeAction.volgorde", cascade="all, delete-orphan", lazy="selectin"
    )


narrative_bottleneck_theme = Table(
    "narrative_bottleneck_theme",
    Base.metadata,
    Column("bottleneck_id", ForeignKey("narrative_bottleneck.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("narrative_theme.id"), primary_key=True),
)


class NarrativeBottleneck(Base):
    """A knelpunt of one version, with its themes."""

    __tablename__ = "narrative_bottleneck"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("narrative_version.id", ondelete="CASCADE"), index=True
    )
    volgorde: Mapped[int] = mapped_column(Integer)
    tekst: Mapped[str] = mapped_column(Text)

    themes: Mapped[list[NarrativeTheme]] = relationship(
        secondary=narrative_bottleneck_theme, order_by=NarrativeTheme.naam, lazy="selectin"
    )


class NarrativeAction(Base):
    """An action as one version records it; ``uid`` is the same action in every version and period."""

    __tablename__ = "narrative_action"
    __table_args__ = (UniqueConstraint("version_id", "uid", name="uq_narrative_action_uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("narrative_version.id", ondelete="CASCADE"), index=True
    )
    volgorde: Mapped[int] = mapped_column(Integer)
    uid: Mapped[str] = mapped_column(String(32), index=True)
    tekst: Mapped[str] = mapped_column(Text)
    eigenaar: Mapped[str] = mapped_column(String(200))
    deadline: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(_choice("actie_status", ACTION_STATUSES))
    sinds: Mapped[str] = mapped_column(String(32))
