"""``hzw signalen mail``: work out which digests are due on a day and send each of them once.

Once means: a digest is claimed in the sent-log (account, kind, period) and the claim committed
*before* the mail is handed to the server. Two runs, one after the other or at the same moment,
cannot both claim it. A mail the server refuses gives its claim back, so the next run tries again.

A crash (or a kill) after the claim and before the server took the mail leaves a claim without a
``verzonden`` time, and that digest is not sent again: at most once, not at least once. We chose
that because the other order (send, then record) repeats a digest after every such crash and makes
two simultaneous runs both send; a digest repeats what the Signalen page already shows, so one
that is lost costs less than mail that cannot be trusted to come once. ``hzw signalen mail
--log`` lists such claims ("niet bevestigd") so the administrator can see them.

An empty weekly digest is not sent: a weekly "nothing" teaches people to stop reading the mail, and
the weekly digest of that week still goes out once a signal opens later in the week. A digest
before a stuurgroep is sent even when empty ("geen signalen"): it comes three times a year, and
before a meeting "nothing needs you" is news, while silence cannot be told apart from a broken mailer.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage

from dashboard.auth import store
from dashboard.auth.viewer import REGIONAL, Viewer
from dashboard.data import digests, planned_steering
from dashboard.data.steering import national_steering_groups, region_steering_groups
from dashboard.infra.config import Settings
from dashboard.infra.db import Database
from dashboard.mail import smtp
from dashboard.mail.compose import Digest, Recipient, compose_digest, iso_week
from dashboard.reports.signal import Signal

log = logging.getLogger(__name__)

SignalSource = Callable[[Database, Viewer, dt.date], list[Signal]]
Sender = Callable[[Settings, EmailMessage], None]


@dataclass
class Outcome:
    """What one run did, by account name, kind and period (never by address)."""

    sent: list[tuple[str, str, str]] = field(default_factory=list)
    already: list[tuple[str, str, str]] = field(default_factory=list)
    empty: list[tuple[str, str, str]] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)


def scoped(signals: list[Signal], viewer: Viewer) -> list[Signal]:
    """The signals ``viewer`` may read, as a second guard behind the signal rules' own scoping.

    A regional account reads its own regions only, and a signal about an organisation only
    where its role sees organisations.
    """
    return [
        s
        for s in signals
        if (viewer.role != REGIONAL or s.region in viewer.regions)
        and (s.organisation is None or viewer.sees_organisations(s.region))
    ]


def meeting_ahead(
    db: Database, account: store.Account, day: dt.date, days_before: int
) -> tuple[str, ...] | None:
    """The regions whose stuurgroep is exactly ``days_before`` days after ``day``, or None.

    A regional account follows its regions' stuurgroepen (planned, or meetings of soort stuurgroep);
    every other account the national stuurgroep days data management records (an empty tuple).
    """
    target = day + dt.timedelta(days=days_before)
    if account.role == REGIONAL:
        # A coming stuurgroep is a planned one (``hzw stuurgroep gepland``) or, already in the
        # meetings data, one held on that day.
        planned = {
            code for code, _day in planned_steering.upcoming(db, target, target, tuple(account.regions))
        }
        meeting = tuple(
            code
            for code in account.regions
            if code in planned or target in region_steering_groups(db, code, target)
        )
        return meeting or None
    return () if target in national_steering_groups(db) else None


def due_digests(
    db: Database, subscription: digests.Subscription, account: store.Account, day: dt.date
) -> list[Digest]:
    """The digests of one subscription that are due on ``day`` (sent or not)."""
    due: list[Digest] = []
    if subscription.weekly:
        due.append(Digest(digests.WEEKLY, iso_week(day), day))
    if subscription.days_before is not None:
        regions = meeting_ahead(db, account, day, subscription.days_before)
        if regions is not None:
            meeting = day + dt.timedelta(days=subscription.days_before)
            due.append(Digest(digests.BEFORE_MEETING, meeting.isoformat(), day, meeting, regions))
    return due


def _signals(
    db: Database, account: store.Account, digest: Digest, day: dt.date, source: SignalSource
) -> list[Signal]:
    viewer = account.viewer()
    found = scoped(source(db, viewer, day), viewer)
    if digest.kind == digests.BEFORE_MEETING and account.role == REGIONAL:
        # Before one region's stuurgroep: that region's signals, not those of the account's others.
        found = [s for s in found if s.region in digest.regions]
    return found


def send_digests(
    db: Database, settings: Settings, day: dt.date, source: SignalSource, sender: Sender = smtp.send
) -> Outcome:
    """Send every digest due on ``day`` that no run has claimed yet.

    Raises:
        MailError: when mail is not configured, or the server cannot be used safely; a digest
            claimed for the failed attempt is given back first.
    """
    smtp.check_mail_settings(settings)
    outcome = Outcome()
    for subscription in digests.active_subscriptions(db):
        account = store.find_user(db, subscription.account_id)
        if account is None:
            continue
        for digest in due_digests(db, subscription, account, day):
            key = (account.name, digest.kind, digest.period)
            signals = _signals(db, account, digest, day, source)
            if not signals and digest.kind == digests.WEEKLY:
                outcome.empty.append(key)
                continue
            if not digests.claim(db, account.id, digest.kind, digest.period):
                outcome.already.append(key)
                continue
            recipient = Recipient(account.name, subscription.address, subscription.language)
            message = compose_digest(recipient, signals, digest, settings.smtp_from, settings.base_url)
            try:
                sender(settings, message)
            except smtplib.SMTPRecipientsRefused:
                # This address only: the others may still go. The exception holds the address.
                digests.release(db, account.id, digest.kind, digest.period)
                log.warning("digest %s %s for account %s refused by the mail server", *key[1:], account.name)
                outcome.failed.append(key)
                continue
            except (smtp.MailError, smtplib.SMTPException, OSError) as error:
                digests.release(db, account.id, digest.kind, digest.period)
                log.warning("mail server failed (%s); run stopped", error.__class__.__name__)
                outcome.failed.append(key)
                if isinstance(error, smtp.MailError):
                    raise
                return outcome
            digests.confirm(db, account.id, digest.kind, digest.period, len(signals))
            log.info(
                "digest %s %s sent to account %s (%d signals)",
                digest.kind,
                digest.period,
                account.name,
                len(signals),
            )
            outcome.sent.append(key)
    return outcome
