"""``hzw gebruiker digest`` and ``hzw signalen mail``: who gets which digest, and sending them.

Sending runs from cron (there is no task queue): see the README's production section.
"""

from __future__ import annotations

import datetime as dt
import getpass

import click

from dashboard.auth import store
from dashboard.auth.viewer import Viewer
from dashboard.cli import common as common
from dashboard.data import digests
from dashboard.infra import clock
from dashboard.infra.config import Settings
from dashboard.infra.db import Database
from dashboard.mail.run import SignalSource, send_digests
from dashboard.reports.signal import Signal
from dashboard.reports.signals import signals_for
from dashboard.text.format import moment


def _account(database: Database, name: str) -> store.Account:
    found = next((a for a in store.list_users(database) if a.name == name.strip()), None)
    if found is None:
        raise common.CliError(f"Er is geen account '{name[:120]}'. Er is niets gewijzigd.")
    return found


@click.command("digest", help="Toon of wijzig de maildigests van een account (alleen beheer).")
@click.argument("naam")
@click.option("--adres", help="E-mailadres voor de digests.")
@click.option("--taal", type=click.Choice(["nl", "en"]), help="Taal van de digests.")
@click.option("--wekelijks/--niet-wekelijks", "weekly", default=None, help="Een digest per week.")
@click.option(
    "--dagen-voor-stuurgroep",
    "days_before",
    type=click.IntRange(1, digests.MAX_DAYS_BEFORE),
    help="Een digest zoveel dagen voor elke stuurgroep van de regio's van het account.",
)
@click.option("--geen-stuurgroep", "no_meeting", is_flag=True, help="Geen digest voor de stuurgroep meer.")
@click.option("--uit", "off", is_flag=True, help="Stop alle digests van dit account.")
def digest(
    naam: str,
    adres: str | None,
    taal: str | None,
    weekly: bool | None,
    days_before: int | None,
    no_meeting: bool,
    off: bool,
) -> None:
    """Show or set an account's digests; the audit trail names the account, never the address."""
    database = common.current_database()
    account = _account(database, naam)
    current = digests.subscription_of(database, account.id)
    if off:
        digests.remove_subscription(database, account.id)
        store.record(database, "maildigest gewijzigd", getpass.getuser(), f"{account.name}: geen digests")
        click.echo(f"{account.name} krijgt geen digests meer.")
        return
    if adres is None and taal is None and weekly is None and days_before is None and not no_meeting:
        address = f" naar {current.address}" if current else ""
        click.echo(f"{account.name}: {digests.summary(current)}{address}")
        return
    if days_before is not None and no_meeting:
        raise common.CliError("Kies --dagen-voor-stuurgroep of --geen-stuurgroep, niet allebei.")
    address = adres if adres is not None else (current.address if current else "")
    if not address:
        raise common.CliError("Geef een e-mailadres met --adres. Er is niets gewijzigd.")
    stored = digests.set_subscription(
        database,
        account.id,
        address,
        taal or (current.language if current else "nl"),
        weekly if weekly is not None else bool(current and current.weekly),
        None
        if no_meeting
        else (days_before if days_before is not None else (current.days_before if current else None)),
    )
    store.record(
        database, "maildigest gewijzigd", getpass.getuser(), f"{account.name}: {digests.summary(stored)}"
    )
    click.echo(f"{account.name}: {digests.summary(stored)}.")


@click.group("signalen", help="Signalen: wat in de cijfers om actie vraagt.")
def signalen() -> None:
    """Signal commands."""


def signal_source(settings: Settings) -> SignalSource:
    """The signal rules' ``signals_for`` with this run's delivery deadline (there is no app here)."""

    def source(db: Database, viewer: Viewer, day: dt.date) -> list[Signal]:
        return signals_for(db, viewer, day, settings.delivery_deadline_days)

    return source


@signalen.command(
    "mail",
    help=(
        "Verstuur de maildigests die op DAG (standaard vandaag) aan de beurt zijn, elk één keer: "
        "nog een keer draaien verstuurt niets dubbel. Bedoeld voor cron."
    ),
)
@click.option(
    "--dag", "day", type=click.DateTime(["%Y-%m-%d"]), help="De dag (JJJJ-MM-DD) waarvoor verstuurd wordt."
)
@click.option(
    "--log", "show_log", is_flag=True, help="Toon de laatst verstuurde digests in plaats van te versturen."
)
def mail(day: dt.datetime | None, show_log: bool) -> None:
    """Send the digests due on a day, once each."""
    settings = common.settings()
    database = common.database(settings)
    common.require_current(database)
    if show_log:
        entries = digests.sent_log(database)
        for entry in entries:
            state = f"verzonden {moment(entry.sent)}" if entry.sent else "niet bevestigd"
            click.echo(f"{entry.period} {entry.kind} {entry.account}: {entry.signals} signalen, {state}")
        if not entries:
            click.echo("Er zijn nog geen digests verstuurd.")
        return
    when = day.date() if day else clock.today()
    outcome = send_digests(database, settings, when, signal_source(settings))
    for account, kind, period in outcome.sent:
        click.echo(f"Verzonden: {kind} {period} aan {account}")
    click.echo(
        f"{len(outcome.sent)} verzonden, {len(outcome.already)} al eerder verzonden, "
        f"{len(outcome.empty)} zonder signalen niet verzonden."
    )
    if outcome.failed:
        names = ", ".join(f"{kind} {period} aan {account}" for account, kind, period in outcome.failed)
        raise common.CliError(f"Niet verzonden (de mailserver weigerde; de volgende keer opnieuw): {names}")
