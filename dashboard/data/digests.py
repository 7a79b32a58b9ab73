"""Mail digest subscriptions and the sent-log that makes each digest go out once: all their SQL."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from dashboard.data.models import DigestSent, DigestSubscription, User
from dashboard.i18n import LANGUAGES, N_, UserError
from dashboard.infra import clock
from dashboard.infra.db import Database

WEEKLY = "wekelijks"
BEFORE_MEETING = "stuurgroep"
KINDS = (WEEKLY, BEFORE_MEETING)
# A digest more than a month ahead would be read before the papers of the meeting exist.
MAX_DAYS_BEFORE = 30
# One address, no spaces or line breaks (a line break in a header would add headers of its own).
ADDRESS_PATTERN = re.compile(r"^[^@\s<>,;\"]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


class DigestError(UserError, ValueError):
    """A digest setting that cannot be stored; the message is for the user and never holds the address."""


@dataclass(frozen=True)
class Subscription:
    """The digests an account asked for.

    Attributes:
        account_id: the account.
        address: where the digests go.
        language: ``nl`` or ``en``.
        weekly: a digest every week.
        days_before: a digest this many days before each stuurgroep of the account; None for none.
    """

    account_id: int
    address: str
    language: str
    weekly: bool
    days_before: int | None


def summary(subscription: Subscription | None) -> str:
    """The digests of a subscription in Dutch words, for the audit trail: never its address."""
    if subscription is None:
        return "geen digests"
    parts = ["wekelijks"] if subscription.weekly else []
    if subscription.days_before is not None:
        parts.append(f"{subscription.days_before} dagen voor elke stuurgroep")
    return f"{' en '.join(parts)}, in het {'Engels' if subscription.language == 'en' else 'Nederlands'}"


def _subscription(row: DigestSubscription) -> Subscription:
    return Subscription(row.user_id, row.adres, row.taal, row.wekelijks, row.dagen_voor_stuurgroep)


def check_address(address: str) -> str:
    """``address`` stripped, or a DigestError that does not repeat it (it may be anyone's)."""
    address = address.strip()
    if len(address) > 254 or not ADDRESS_PATTERN.fullmatch(address):
        raise DigestError(
            N_("Dat is geen geldig e-mailadres (zoals naam@organisatie.nl). Er is niets gewijzigd.")
        )
    return address


def _check(language: str, days_before: int | None) -> None:
    if language not in LANGUAGES:
        raise DigestError(N_("Kies de taal nl of en. Er is niets gewijzigd."))
    if days_before is not None and not 1 <= days_before <= MAX_DAYS_BEFORE:
        raise DigestError(
            N_("Het aantal dagen voor de stuurgroep moet tussen 1 en {max} liggen. Er is niets gewijzigd."),
            max=MAX_DAYS_BEFORE,
        )


def subscription_of(db: Database, account_id: int) -> Subscription | None:
    """The digests account ``account_id`` asked for, or None."""
    with db.sessions() as session:
        row = session.get(DigestSubscription, account_id)
        return _subscription(row) if row is not None else None


def set_subscription(
    db: Database, account_id: int, address: str, language: str, weekly: bool, days_before: int | None
) -> Subscription | None:
    """Store the digests of account ``account_id``; asking for none removes the subscription.

    Raises:
        DigestError: for an invalid address, language or number of days (nothing is changed).
    """
    _check(language, days_before)
    if not weekly and days_before is None:
        remove_subscription(db, account_id)
        return None
    address = check_address(address)
    with db.transaction() as session:
        if session.get(User, account_id) is None:
            raise DigestError(N_("Dat account bestaat niet. Er is niets gewijzigd."))
        row = session.get(DigestSubscription, account_id)
        if row is None:
            row = DigestSubscription(user_id=account_id)
            session.add(row)
        row.adres, row.taal, row.wekelijks = address, language, weekly
        row.dagen_voor_stuurgroep = days_before
        row.gewijzigd = clock.utc_now()
        session.flush()
        return _subscription(row)


def remove_subscription(db: Database, account_id: int) -> bool:
    """Stop every digest of account ``account_id``; False when it had none."""
    with db.engine.begin() as connection:
        result = connection.execute(
            delete(DigestSubscription).where(DigestSubscription.user_id == account_id)
        )
    return bool(result.rowcount)


def active_subscriptions(db: Database) -> list[Subscription]:
    """The subscriptions of accounts that are not blocked, by account id."""
    query = (
        select(DigestSubscription)
        .join(User, User.id == DigestSubscription.user_id)
        .where(User.actief.is_(True))
        .order_by(DigestSubscription.user_id)
    )
    with db.sessions() as session:
        return [_subscription(row) for row in session.scalars(query)]


def claim(db: Database, account_id: int, kind: str, period: str) -> bool:
    """Claim one digest for sending; False when it was claimed before (by this run or another).

    The claim is committed before the mail is sent: a second run, even one at the same moment,
    finds the key taken (PostgreSQL makes its insert wait for ours and then fail; SQLite has one
    writer at a time). See ``dashboard.mail.run`` for what a crash after the claim means.
    """
    row = {
        "user_id": account_id,
        "soort": kind,
        "periode": period,
        "geclaimd": clock.utc_now(),
        "signalen": 0,
    }
    try:
        with db.engine.begin() as connection:
            connection.execute(insert(DigestSent).values(**row))
    except IntegrityError:
        return False
    return True


def _key(account_id: int, kind: str, period: str) -> ColumnElement[bool]:
    return and_(DigestSent.user_id == account_id, DigestSent.soort == kind, DigestSent.periode == period)


def confirm(db: Database, account_id: int, kind: str, period: str, signals: int) -> None:
    """Record that the claimed digest was handed to the mail server, with its number of signals."""
    with db.engine.begin() as connection:
        connection.execute(
            update(DigestSent)
            .where(_key(account_id, kind, period))
            .values(verzonden=clock.utc_now(), signalen=signals)
        )


def release(db: Database, account_id: int, kind: str, period: str) -> None:
    """Give a claim back (the mail server refused, or nothing was to be sent): a later run may try again."""
    with db.engine.begin() as connection:
        connection.execute(delete(DigestSent).where(_key(account_id, kind, period)))


@dataclass(frozen=True)
class SentDigest:
    """A row of the sent-log, named by account (never by address)."""

    account: str
    kind: str
    period: str
    claimed: dt.datetime
    sent: dt.datetime | None
    signals: int


def sent_log(db: Database, limit: int = 50) -> list[SentDigest]:
    """The newest claimed digests, newest first; ``sent`` is None where the mail may not have gone out."""
    query = (
        select(User.gebruikersnaam, DigestSent)
        .join(User, User.id == DigestSent.user_id)
        .order_by(DigestSent.geclaimd.desc())
        .limit(limit)
    )
    with db.sessions() as session:
        return [
            SentDigest(name, row.soort, row.periode, row.geclaimd, row.verzonden, row.signalen)
            for name, row in session.execute(query)
        ]
