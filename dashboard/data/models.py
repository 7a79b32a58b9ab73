"""Database model (SQLAlchemy 2): the programme's data, and the accounts and audit trail of its users."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from dashboard.rules import domain

# Explicit constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a stable naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _choice(name: str, values: tuple[str, ...]) -> Enum:
    # A VARCHAR with a CHECK constraint behaves the same on SQLite and PostgreSQL.
    return Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


class Region(Base):
    """An arbeidsmarktregio, keyed by its CBS code (AM01 … AM38)."""

    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    naam: Mapped[str] = mapped_column(String(80), unique=True)
    provincie: Mapped[str] = mapped_column(String(40))

    organisations: Mapped[list[Organisation]] = relationship(back_populates="region")


class Organisation(Base):
    """A delivering organisation (the drill-down level), unique by name within its region."""

    __tablename__ = "organisation"
    __table_args__ = (UniqueConstraint("region_code", "naam", name="uq_organisation_region_naam"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    naam: Mapped[str] = mapped_column(String(160))
    # Unknown when the organisation was only named as a meeting participant.
    soort: Mapped[str | None] = mapped_column(_choice("organisatie_soort", domain.ORGANISATION_TYPES))

    region: Mapped[Region] = relationship(back_populates="organisations")


class OrganisationAlias(Base):
    """A former name of an organisation: files that still use it are read as that organisation.

    Written by ``hzw organisatie hernoem``; ``sleutel`` is the name as imports compare it (see
    ``dashboard.importing.values.identity_key``), unique per region like the names themselves.
    """

    __tablename__ = "organisation_alias"
    __table_args__ = (
        UniqueConstraint("region_code", "sleutel", name="uq_organisation_alias_region_sleutel"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    naam: Mapped[str] = mapped_column(String(160))
    sleutel: Mapped[str] = mapped_column(String(160))
    gebruiker: Mapped[str] = mapped_column(String(120))
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ImportLog(Base):
    """One imported file (or demo batch): what came in, how much changed, by whom, when."""

    __tablename__ = "import_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    bestandsnaam: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    soort: Mapped[str] = mapped_column(_choice("import_soort", domain.IMPORT_KINDS))
    rijen: Mapped[int] = mapped_column(Integer)
    nieuw: Mapped[int] = mapped_column(Integer)
    gewijzigd: Mapped[int] = mapped_column(Integer)
    ongewijzigd: Mapped[int] = mapped_column(Integer)
    gebruiker: Mapped[str] = mapped_column(String(120))
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # Imports with this flag hold fictitious data; the UI says so while any exists.
    voorbeelddata: Mapped[bool] = mapped_column(default=False)
    # Earlier trajectories of the file's organisations that the file left out, and what the
    # sender chose for them ("behouden" or "intrekken"; empty when none were left out).
    ontbrekend: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    ontbrekend_keuze: Mapped[str | None] = mapped_column(String(16))


class Trajectory(Base):
    """One work trajectory, pseudonymous, unique per organisation and source id."""

    __tablename__ = "trajectory"
    __table_args__ = (
        UniqueConstraint("organisation_id", "traject_id", name="uq_trajectory_org_traject"),
        CheckConstraint("aanmelddatum IS NULL OR aanmelddatum <= startdatum", name="aanmelding_voor_start"),
        CheckConstraint(
            "plaatsingsdatum IS NULL OR plaatsingsdatum >= startdatum", name="plaatsing_na_start"
        ),
        CheckConstraint(
            "duurzaam_datum IS NULL OR (plaatsingsdatum IS NOT NULL AND duurzaam_datum >= plaatsingsdatum)",
            name="duurzaam_na_plaatsing",
        ),
        CheckConstraint("einddatum IS NULL OR einddatum >= startdatum", name="einde_na_start"),
        Index("ix_trajectory_startdatum_org", "startdatum", "organisation_id"),
        Index("ix_trajectory_org_startdatum", "organisation_id", "startdatum"),
        Index("ix_trajectory_aanmelddatum", "aanmelddatum"),
        # The summary reads the peildatum's own month from the trajectories: by each date it counts.
        Index("ix_trajectory_plaatsingsdatum", "plaatsingsdatum"),
        Index("ix_trajectory_duurzaam_datum", "duurzaam_datum"),
        Index("ix_trajectory_einddatum", "einddatum"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    traject_id: Mapped[str] = mapped_column(String(64))
    methode: Mapped[str] = mapped_column(_choice("methode", domain.METHODS))
    financiering: Mapped[str | None] = mapped_column(_choice("financiering", domain.FUNDING_STREAMS))
    aanmelddatum: Mapped[dt.date | None] = mapped_column(Date)
    startdatum: Mapped[dt.date] = mapped_column(Date)
    plaatsingsdatum: Mapped[dt.date | None] = mapped_column(Date)
    duurzaam_datum: Mapped[dt.date | None] = mapped_column(Date)
    einddatum: Mapped[dt.date | None] = mapped_column(Date)
    eindreden: Mapped[str | None] = mapped_column(_choice("eindreden", domain.END_REASONS))
    import_id: Mapped[int] = mapped_column(ForeignKey("import_log.id"), index=True)


class TrajectorySummary(Base):
    """Trajectories counted per organisation, event, start cohort and calendar month of the event.

    Kept up to date by every import in its own transaction (see ``dashboard.data.summary``), so
    the pages add up thousands of rows instead of millions. ``methode`` and ``financiering`` are
    only filled for the events the method mix needs, and empty ("") elsewhere.
    """

    __tablename__ = "trajectory_summary"
    # National pages read one cohort of a few events across all organisations, and the trend
    # one event over several years of months whatever the cohort; covering, so PostgreSQL
    # answers from the index alone.
    __table_args__ = (
        Index("ix_trajectory_summary_cohort", "cohort", "soort", "jaarmaand", "organisation_id", "aantal"),
        Index("ix_trajectory_summary_month", "soort", "jaarmaand", "organisation_id", "aantal"),
    )

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), primary_key=True)
    soort: Mapped[str] = mapped_column(String(24), primary_key=True)
    cohort: Mapped[int] = mapped_column(Integer, primary_key=True)
    jaarmaand: Mapped[int] = mapped_column(Integer, primary_key=True)  # 202609 for September 2026
    methode: Mapped[str] = mapped_column(String(32), primary_key=True)
    financiering: Mapped[str] = mapped_column(String(32), primary_key=True)
    aantal: Mapped[int] = mapped_column(Integer)


class Delivery(Base):
    """Which organisations one import of trajectories covered, and with how many rows.

    Re-delivering unchanged rows writes no trajectory, but it is a delivery all the same: the
    delivery status reads it from here.
    """

    __tablename__ = "delivery"

    import_id: Mapped[int] = mapped_column(ForeignKey("import_log.id"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), primary_key=True, index=True)
    rijen: Mapped[int] = mapped_column(Integer)


class EmptyDelivery(Base):
    """An explicit empty delivery: the organisation says it had no trajectories in the quarter.

    "Geleverd, geen trajecten" is a delivery, not a missing one. Its import-log row (with a
    ``Delivery`` of 0 rows) keeps it in the delivery dates and changes the data version.
    """

    __tablename__ = "empty_delivery"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), primary_key=True)
    jaar: Mapped[int] = mapped_column(Integer, primary_key=True)
    kwartaal: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("import_log.id"))


meeting_organisation = Table(
    "meeting_organisation",
    Base.metadata,
    Column("meeting_id", ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id"), primary_key=True),
)


class Meeting(Base):
    """A regional meeting; (regio, soort, datum, onderwerp) identifies it."""

    __tablename__ = "meeting"
    __table_args__ = (
        UniqueConstraint("region_code", "soort", "datum", "onderwerp", name="uq_meeting_region_soort_datum"),
        CheckConstraint("deelnemers IS NULL OR deelnemers >= 0", name="deelnemers_niet_negatief"),
        Index("ix_meeting_datum_region", "datum", "region_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    soort: Mapped[str] = mapped_column(_choice("bijeenkomst_soort", domain.MEETING_KINDS))
    datum: Mapped[dt.date] = mapped_column(Date)
    deelnemers: Mapped[int | None] = mapped_column(Integer)
    # Empty string rather than NULL so the uniqueness rule also holds for meetings without topic.
    onderwerp: Mapped[str] = mapped_column(String(255), default="")
    import_id: Mapped[int] = mapped_column(ForeignKey("import_log.id"), index=True)

    organisations: Mapped[list[Organisation]] = relationship(secondary=meeting_organisation)


class Target(Base):
    """Agreed targets of a region for a year; missing rows mean the covenant defaults."""

    __tablename__ = "target"
    __table_args__ = (
        CheckConstraint("trajecten >= 0", name="trajecten_niet_negatief"),
        CheckConstraint("duurzaam_pct >= 0 AND duurzaam_pct <= 100", name="pct_bereik"),
        CheckConstraint("leerbijeenkomsten >= 0", name="leer_niet_negatief"),
        CheckConstraint("casusbesprekingen >= 0", name="casus_niet_negatief"),
    )

    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)
    jaar: Mapped[int] = mapped_column(Integer, primary_key=True)
    trajecten: Mapped[int] = mapped_column(Integer)
    duurzaam_pct: Mapped[float] = mapped_column(Numeric(5, 2, asdecimal=False))
    leerbijeenkomsten: Mapped[int] = mapped_column(Integer)
    casusbesprekingen: Mapped[int] = mapped_column(Integer)
    import_id: Mapped[int] = mapped_column(ForeignKey("import_log.id"))


class User(Base):
    """An account of the built-in user store (or one first seen through OpenID Connect).

    The password is an argon2 hash; accounts signed in through OpenID Connect have none.
    """

    __tablename__ = "app_user"
    # AUTOINCREMENT on SQLite: the id of a deleted account is never handed to a new one
    # (PostgreSQL's sequence never reuses one either).
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    gebruikersnaam: Mapped[str] = mapped_column(String(120), unique=True)
    wachtwoord_hash: Mapped[str | None] = mapped_column(String(255))
    rol: Mapped[str] = mapped_column(_choice("rol", domain.ROLES))
    # Set for accounts that come from an identity provider: its issuer and subject.
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    # Demo accounts only work while the database holds nothing but demo data.
    voorbeeld: Mapped[bool] = mapped_column(Boolean, default=False)
    aangemaakt: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    regions: Mapped[list[Region]] = relationship(secondary="user_region", order_by=Region.code)


user_region = Table(
    "user_region",
    Base.metadata,
    Column("user_id", ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True),
    Column("region_code", ForeignKey("region.code"), primary_key=True),
)


class DigestSubscription(Base):
    """An account's mail digests: weekly, and/or a number of days before each of its stuurgroepen.

    The address is a staff member's work address (never a participant's): it is shown to its own
    account and to ``beheer`` only, and never written to a log or the audit trail.
    """

    __tablename__ = "digest_subscription"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    adres: Mapped[str] = mapped_column(String(254))
    taal: Mapped[str] = mapped_column(String(2))
    wekelijks: Mapped[bool] = mapped_column(Boolean, default=False)
    # None: no digest before a stuurgroep.
    dagen_voor_stuurgroep: Mapped[int | None] = mapped_column(Integer)
    gewijzigd: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class DigestSent(Base):
    """One digest claimed for sending: its key is what makes ``hzw signalen mail`` send it once.

    ``periode`` is the ISO week (``2026-W49``) of a weekly digest and the stuurgroep day
    (``2026-09-03``) of one before a meeting. ``verzonden`` stays empty while the mail is on its
    way: a row without it after a run means the mail may not have gone out.
    """

    __tablename__ = "digest_sent"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    soort: Mapped[str] = mapped_column(String(16), primary_key=True)
    periode: Mapped[str] = mapped_column(String(10), primary_key=True)
    geclaimd: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    verzonden: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    signalen: Mapped[int] = mapped_column(Integer, default=0)


class LoginSession(Base):
    """A signed-in browser. Its cookie holds a random key; this table holds only the key's SHA-256.

    A row exists exactly as long as the session: logout, an account change and expiry delete it.
    """

    __tablename__ = "app_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    sleutel_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    # How the session began: "wachtwoord" or "oidc".
    hoe: Mapped[str] = mapped_column(String(16))
    begonnen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    laatst_gezien: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditEvent(Base):
    """Who signed in, failed to, imported or changed an account, and when.

    Only account names and file names: never data about the people in the trajectories.
    """

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_tijdstip", "tijdstip"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    gebeurtenis: Mapped[str] = mapped_column(String(40))
    gebruiker: Mapped[str] = mapped_column(String(120))
    detail: Mapped[str] = mapped_column(String(500), default="")


class NationalSteeringGroup(Base):
    """A day the national steering group met, as data management records it.

    The national page compares with the last of these before the peildatum by default; a region
    takes its own stuurgroep days from its meetings instead.
    """

    __tablename__ = "national_steering_group"

    datum: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    vastgelegd: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # The account (or system user) who recorded it, as the audit trail names people.
    door: Mapped[str] = mapped_column(String(120), default="")


class PlannedSteering(Base):
    """A region's coming stuurgroep, as data management plans it (``hzw stuurgroep gepland``).

    Only the scheduled meeting packs read it: a meeting row is a meeting held, and the meetings
    import refuses days after the import, so a coming stuurgroep is never among them.
    """

    __tablename__ = "planned_steering"

    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)
    datum: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    door: Mapped[str] = mapped_column(String(120), default="")
    vastgelegd: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SignalMark(Base):
    """A signal marked "gezien" (or no longer), with who, when and a short note; every mark is kept.

    The signal itself is computed, not stored: ``signaal`` is its key (rule, region, organisation
    id, period), which holds no data about participants. The latest mark of a key counts.
    """

    __tablename__ = "signal_mark"
    __table_args__ = (Index("ix_signal_mark_region_signaal", "region_code", "signaal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    signaal: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    gezien: Mapped[bool] = mapped_column(Boolean, default=True)
    notitie: Mapped[str] = mapped_column(String(280), default="")
    gebruiker: Mapped[str] = mapped_column(String(120))
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
