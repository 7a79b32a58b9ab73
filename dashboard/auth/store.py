"""The built-in user store and the audit trail: all SQL about accounts lives here.

Passwords are hashed with argon2id (argon2-cffi's defaults follow RFC 9106's recommendation).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, exists, insert, select
from sqlalchemy.orm import Session, selectinload

from dashboard.auth import sessions
from dashboard.auth.viewer import Viewer
from dashboard.data.models import AuditEvent, ImportLog, Region, User, user_region
from dashboard.i18n import N_, UserError
from dashboard.infra import clock
from dashboard.infra.db import Database
from dashboard.rules import domain

_hasher = PasswordHasher()
# Verifying against this when the account does not exist takes as long as a real check, so the
# response time does not tell which account names exist.
_DUMMY_HASH = _hasher.hash("geen-account")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9._@+-]{2,120}$")
MIN_PASSWORD_LENGTH = 12
DEMO_PASSWORD = "demo"
DEMO_ACCOUNTS = (
    ("demo-landelijk", "landelijk", ()),
    ("demo-regio", "regio", ("AM09",)),
    ("demo-beheer", "beheer", ()),
)


class AccountError(UserError, ValueError):
    """An account command that cannot be carried out; the message is for the user."""


@dataclass(frozen=True)
class Account:
    """An account as the rest of the monitor sees it (never with its hash)."""

    id: int
    name: str
    role: str
    regions: tuple[str, ...]
    active: bool
    demo: bool
    oidc: bool

    def viewer(self) -> Viewer:
        """The rights of this account."""
        return Viewer(self.name, self.role, frozenset(self.regions))


def _account(user: User) -> Account:
    return Account(
        id=user.id,
        name=user.gebruikersnaam,
        role=user.rol,
        regions=tuple(r.code for r in user.regions),
        active=user.actief,
        demo=user.voorbeeld,
        oidc=user.oidc_subject is not None,
    )


def _now() -> dt.datetime:
    return clock.utc_now()


def _check_name(name: str) -> str:
    name = name.strip()
    if not NAME_PATTERN.fullmatch(name):
        raise AccountError(
            N_("Een gebruikersnaam heeft 2 tot 120 tekens: letters, cijfers en . _ @ + - (geen spaties).")
        )
    return name


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(N_("Een wachtwoord heeft minstens {minimum} tekens."), minimum=MIN_PASSWORD_LENGTH)


def _regions(session: object, role: str, codes: list[str]) -> list[Region]:
    if role not in domain.ROLES:
        raise AccountError(
            N_("Onbekende rol '{role}'; kies uit {roles}."), role=role, roles=", ".join(domain.ROLES)
        )
    wanted = sorted({c.strip().upper() for c in codes if c.strip()})
    if role == "regio" and not wanted:
        raise AccountError(
            N_("Een account met de rol regio heeft minstens één regio nodig (bijv. --regio AM09).")
        )
    if role != "regio" and wanted:
        raise AccountError(
            N_("Alleen een account met de rol regio krijgt regio's; de andere rollen zien alles.")
        )
    found = list(session.scalars(select(Region).where(Region.code.in_(wanted))))  # type: ignore[attr-defined]
    unknown = sorted(set(wanted) - {r.code for r in found})
    if unknown:
        raise AccountError(
            N_("Onbekende regio: {codes} (gebruik de code, bijv. AM09)."), codes=", ".join(unknown)
        )
    return found


def add_user(
    db: Database,
    name: str,
    role: str,
    regions: list[str],
    password: str | None,
    *,
    oidc_subject: str | None = None,
    demo: bool = False,
) -> Account:
    """Create an account; ``password`` None makes an account that signs in through OpenID Connect."""
    name = _check_name(name)
    if password is not None and not demo:
        _check_password(password)
    with db.transaction() as session:
        if session.scalar(select(User.id).where(User.gebruikersnaam == name)) is not None:
            raise AccountError(N_("Er is al een account '{name}'."), name=name)
        user = User(
            gebruikersnaam=name,
            wachtwoord_hash=_hasher.hash(password) if password is not None else None,
            rol=role,
            oidc_subject=oidc_subject,
            actief=True,
            voorbeeld=demo,
            aangemaakt=_now(),
            regions=_regions(session, role, regions),
        )
        session.add(user)
        session.flush()
        return _account(user)


def _user(session: object, name: str) -> User:
    user = session.scalar(  # type: ignore[attr-defined]
        select(User).options(selectinload(User.regions)).where(User.gebruikersnaam == name)
    )
    if user is None:
        raise AccountError(N_("Er is geen account '{name}'."), name=name)
    return user


def _end_sessions(session: Session, user: User, reason: str) -> int:
    # In the transaction of the change itself: no request sees the new account with an old session.
    ended = sessions.end_all(session, user.id)
    for each in ended:
        add_event(session, sessions.SESSION_END, user.gebruikersnaam, f"{reason} (via {each.how})")
    return len(ended)


def set_password(db: Database, name: str, password: str) -> None:
    """Give an account a new password; every session of the account ends."""
    _check_password(password)
    with db.transaction() as session:
        user = _user(session, name)
        user.wachtwoord_hash = _hasher.hash(password)
        _end_sessions(session, user, "wachtwoord gewijzigd")


def set_role(db: Database, name: str, role: str, regions: list[str]) -> Account:
    """Change what an account may see; every session of the account ends."""
    with db.transaction() as session:
        user = _user(session, name)
        user.regions = _regions(session, role, regions)
        user.rol = role
        _end_sessions(session, user, "rol gewijzigd")
        session.flush()
        return _account(user)


def set_active(db: Database, name: str, active: bool) -> None:
    """Block or unblock an account; a blocked account cannot sign in and loses its sessions."""
    with db.transaction() as session:
        user = _user(session, name)
        user.actief = active
        if not active:
            _end_sessions(session, user, "geblokkeerd")


def remove_user(db: Database, name: str) -> None:
    """Delete an account and its sessions (the audit trail keeps its name)."""
    with db.transaction() as session:
        user = _user(session, name)
        _end_sessions(session, user, "verwijderd")
        session.delete(user)


def sessions_of(db: Database, name: str) -> list[sessions.LiveSession]:
    """The open sessions of an account, oldest first."""
    with db.transaction() as session:
        return sessions.of_user(session, _user(session, name).id)


def end_sessions(db: Database, name: str, reason: str) -> int:
    """End every session of an account (beheer's command); how many ended."""
    with db.transaction() as session:
        return _end_sessions(session, _user(session, name), reason)


def list_users(db: Database) -> list[Account]:
    """Every account, by name."""
    with db.transaction() as session:
        users = session.scalars(
            select(User).options(selectinload(User.regions)).order_by(User.gebruikersnaam)
        )
        return [_account(u) for u in users]


def find_user(db: Database, account_id: int) -> Account | None:
    """The active account with this id (the session holds only the id), or None."""
    # Every request re-reads its account, so this is one round trip in Core, not two in the ORM.
    query = (
        select(
            User.id,
            User.gebruikersnaam,
            User.rol,
            User.actief,
            User.voorbeeld,
            User.oidc_subject,
            user_region.c.region_code,
        )
        .outerjoin(user_region, user_region.c.user_id == User.id)
        .where(User.id == account_id)
        .order_by(user_region.c.region_code)
    )
    with db.engine.connect() as connection:
        rows = connection.execute(query).all()
    if not rows:
        return None
    user = rows[0]
    if not user.actief or (user.voorbeeld and not only_demo_data(db)):
        return None
    return Account(
        id=user.id,
        name=user.gebruikersnaam,
        role=user.rol,
        regions=tuple(r.region_code for r in rows if r.region_code is not None),
        active=user.actief,
        demo=user.voorbeeld,
        oidc=user.oidc_subject is not None,
    )


def account_exists(db: Database, name: str) -> bool:
    """Whether ``name`` is an account (without loading any account)."""
    with db.engine.connect() as connection:
        return bool(connection.scalar(select(exists().where(User.gebruikersnaam == name.strip()))))


def demo_accounts_usable(db: Database) -> bool:
    """Whether an active demo account exists and still works (only demo data in the database)."""
    with db.engine.connect() as connection:
        found = connection.scalar(select(exists().where(User.voorbeeld.is_(True), User.actief.is_(True))))
    return bool(found) and only_demo_data(db)


def only_demo_data(db: Database) -> bool:
    """Whether every import so far was demo data: demo accounts work only then."""
    with db.engine.connect() as connection:
        real = connection.scalar(select(exists().where(ImportLog.voorbeelddata.is_(False))))
    return not real


def authenticate(db: Database, name: str, password: str) -> Account | None:
    """The account when ``name`` and ``password`` match an active account, else None.

    Takes the same time whether or not the account exists.
    """
    with db.transaction() as session:
        user = session.scalar(
            select(User).options(selectinload(User.regions)).where(User.gebruikersnaam == name.strip())
        )
        stored = user.wachtwoord_hash if user is not None else None
        try:
            _hasher.verify(stored or _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None or stored is None or not user.actief:
            return None
        if user.voorbeeld and not only_demo_data(db):
            return None
        if _hasher.check_needs_rehash(stored):
            user.wachtwoord_hash = _hasher.hash(password)
        return _account(user)


def account_for_identity(db: Database, subject: str, claimed_name: str) -> Account | None:
    """The account an OpenID Connect identity signs in as, or None when it was never admitted.

    Beheer admits a person by creating a password-less account named after their e-mail
    address; the first login whose provider vouches for that address (``email_verified``) binds
    the provider's subject to it, after which only that subject opens the account.
    """
    with db.transaction() as session:
        user = session.scalar(
            select(User).options(selectinload(User.regions)).where(User.oidc_subject == subject)
        )
        if user is None and claimed_name:
            candidate = session.scalar(
                select(User)
                .options(selectinload(User.regions))
                .where(User.gebruikersnaam == claimed_name, User.oidc_subject.is_(None))
            )
            if candidate is not None and candidate.wachtwoord_hash is None:
                candidate.oidc_subject = subject
                user = candidate
        if user is None or not user.actief:
            return None
        return _account(user)


def ensure_demo_accounts(db: Database) -> list[str]:
    """Create the demo accounts (password *demo*) when there is no account at all."""
    with db.transaction() as session:
        if session.scalar(select(exists().where(User.id.is_not(None)))):
            return []
    for name, role, regions in DEMO_ACCOUNTS:
        add_user(db, name, role, list(regions), DEMO_PASSWORD, demo=True)
    return [name for name, _role, _regions in DEMO_ACCOUNTS]


def audit_line(event: str, user: str, detail: str = "") -> dict[str, object]:
    """One line of the audit trail, stamped now (account and file names only, never personal data)."""
    return {"tijdstip": _now(), "gebeurtenis": event, "gebruiker": user[:120], "detail": detail[:500]}


def write_audit(connection: Connection, lines: list[dict[str, object]]) -> None:
    """Add audit lines inside the caller's transaction."""
    connection.execute(insert(AuditEvent), lines)


def record(db: Database, event: str, user: str, detail: str = "") -> None:
    """Write one line of the audit trail now, waiting behind another writer if need be."""
    with db.engine.begin() as connection:
        write_audit(connection, [audit_line(event, user, detail)])


def add_event(session: Session, event: str, user: str, detail: str = "") -> None:
    """Add one line of the audit trail to an open transaction: it commits with the work it records."""
    session.execute(insert(AuditEvent), [audit_line(event, user, detail)])


def audit_log(db: Database, limit: int = 200) -> pd.DataFrame:
    """The newest audit events first."""
    query = (
        select(AuditEvent.tijdstip, AuditEvent.gebeurtenis, AuditEvent.gebruiker, AuditEvent.detail)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    with db.engine.connect() as connection:
        return pd.DataFrame(
            connection.execute(query).all(), columns=["tijdstip", "gebeurtenis", "gebruiker", "detail"]
        )
