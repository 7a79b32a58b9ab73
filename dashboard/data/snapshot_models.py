"""Database model of published figures: frozen snapshots of the reports and their stored parts.

Kept beside ``models.py`` (same declarative base) to keep that module small. A snapshot is never
changed after it is written: withdrawing one only fills in when, by whom and why.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.data.models import Base


class Publication(Base):
    """One published snapshot: figures up to ``peildatum`` as they stood when it was made."""

    __tablename__ = "publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(120))
    peildatum: Mapped[dt.date] = mapped_column(Date, index=True)
    # "handmatig" (hzw publiceer, the button) or "kwartaal" (a quarter end after its deadline).
    soort: Mapped[str] = mapped_column(String(16))
    data_versie: Mapped[str] = mapped_column(String(120))
    # The highest import-log id included: later imports are the ones that can revise it.
    laatste_import: Mapped[int] = mapped_column(Integer, default=0)
    gemaakt: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    door: Mapped[str] = mapped_column(String(120))
    ingetrokken: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ingetrokken_door: Mapped[str | None] = mapped_column(String(120))
    reden: Mapped[str | None] = mapped_column(String(500))


class PublicationPart(Base):
    """One stored report of a snapshot (the country, a region, an organisation table per role)."""

    __tablename__ = "publication_part"

    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publication.id", ondelete="CASCADE"), primary_key=True
    )
    soort: Mapped[str] = mapped_column(String(16), primary_key=True)
    sleutel: Mapped[str] = mapped_column(String(40), primary_key=True)
    # The serialisation format of ``inhoud``; a reader refuses a format it does not know.
    formaat: Mapped[int] = mapped_column(Integer)
    inhoud: Mapped[bytes] = mapped_column(LargeBinary)
