"""Database model of background jobs and of the meeting packs kept for each stuurgroep.

Both live in the database, not on a disk: every web process and every worker, on any machine,
already reaches it, so a pack built by a worker elsewhere downloads from whichever web process the
browser's next request lands on, and nothing needs a shared folder or a cleanup of stray files.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.data.models import Base, _choice

JOB_STATES = ("wachtend", "bezig", "klaar", "mislukt", "gestopt")


class Job(Base):
    """One background job: a meeting pack or an import, its progress, and its result."""

    __tablename__ = "job"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # What the job computes (kind, arguments, data version, reader's scope), hashed.
    sleutel: Mapped[str] = mapped_column(String(64), index=True)
    # The same key while the job waits or runs, NULL after: at most one active job per key, also
    # when two web processes are asked for the same pack at the same moment.
    actief: Mapped[str | None] = mapped_column(String(64), unique=True)
    soort: Mapped[str] = mapped_column(String(16))
    argumenten: Mapped[str] = mapped_column(Text)
    # Who asked, as role and regions (never more than the scope is needed to run it again).
    lezer: Mapped[str] = mapped_column(String(400))
    taal: Mapped[str] = mapped_column(String(2))
    toestand: Mapped[str] = mapped_column(_choice("job_toestand", JOB_STATES))
    stap: Mapped[int] = mapped_column(Integer, default=0)
    totaal: Mapped[int] = mapped_column(Integer, default=0)
    # What the steps count: "figuur", "rij", ... (worded when shown, in the reader's language).
    eenheid: Mapped[str] = mapped_column(String(16), default="")
    stoppen: Mapped[bool] = mapped_column(Boolean, default=False)
    fout: Mapped[str] = mapped_column(Text, default="")
    invoer: Mapped[bytes | None] = mapped_column(LargeBinary)
    resultaat: Mapped[bytes | None] = mapped_column(LargeBinary)
    bestandsnaam: Mapped[str] = mapped_column(String(200), default="")
    # The outcome as JSON (an import's report); never a value from a participant's row.
    uitkomst: Mapped[str] = mapped_column(Text, default="")
    gemaakt: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # The worker's heartbeat: a running job whose heartbeat stops has lost its worker.
    bijgewerkt: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class KeptPack(Base):
    """A region's meeting pack built ahead of one of its stuurgroep meetings, kept for download."""

    __tablename__ = "kept_pack"
    __table_args__ = (UniqueConstraint("region_code", "vergadering", "formaat", name="uq_kept_pack_meeting"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(String(8), index=True)
    vergadering: Mapped[dt.date] = mapped_column(Date)
    peildatum: Mapped[dt.date] = mapped_column(Date)
    formaat: Mapped[str] = mapped_column(String(4))
    gemaakt: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    bestandsnaam: Mapped[str] = mapped_column(String(200))
    bestand: Mapped[bytes] = mapped_column(LargeBinary)
