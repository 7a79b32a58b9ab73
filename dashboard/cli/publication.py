"""``hzw publiceer``: freeze the figures at a peildatum, list and withdraw snapshots, publish quarter ends."""

from __future__ import annotations

import datetime as dt
import getpass

import click

from dashboard.auth import store
from dashboard.cli import common as common
from dashboard.data import snapshots
from dashboard.infra import clock
from dashboard.reports import publication
from dashboard.text.format import date


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise common.CliError(
            f"'{text[:20]}' is geen datum: schrijf JJJJ-MM-DD, bijvoorbeeld 2026-12-31. "
            "Er is niets gepubliceerd."
        ) from None


@click.group(
    "publiceer",
    invoke_without_command=True,
    help=(
        "Publiceer de cijfers t/m --peildatum: landelijk, elke regio en elke organisatie, na "
        "onderdrukking per rol, met de dataversie en het tijdstip. Een publicatie verandert nooit; "
        "een verkeerde wordt ingetrokken met een reden."
    ),
)
@click.option("--peildatum", help="De peildatum (JJJJ-MM-DD) van de publicatie.")
@click.option("--naam", default="", help='Naam van de publicatie, bijvoorbeeld "Stuurgroep maart".')
@click.pass_context
def publiceer(context: click.Context, peildatum: str | None, naam: str) -> None:
    """Publish a snapshot (or run a subcommand)."""
    if context.invoked_subcommand is not None:
        return
    if peildatum is None:
        raise common.CliError("Geef --peildatum JJJJ-MM-DD (of een opdracht: lijst, intrekken, kwartalen).")
    day = _day(peildatum)
    if day > clock.today():
        raise common.CliError(f"{date(day)} ligt in de toekomst. Er is niets gepubliceerd.")
    if len(naam) > 120:
        raise common.CliError("De naam mag hoogstens 120 tekens lang zijn. Er is niets gepubliceerd.")
    database = common.current_database()
    user = getpass.getuser()
    number = publication.publish(database, day, user, common.settings().suppression_minimum, naam)
    store.record(database, "publicatie gemaakt", user, f"{number} {day.isoformat()}")
    click.echo(f"Publicatie {number} gemaakt: cijfers t/m {date(day)}.")


@publiceer.command("lijst", help="Toon alle publicaties, ook ingetrokken, de nieuwste peildatum eerst.")
def lijst() -> None:
    """List snapshots."""
    found = snapshots.publications(common.current_database())
    if not found:
        click.echo("Nog geen publicaties.")
    for item in found:
        made = item.gemaakt.astimezone(clock.AMSTERDAM).strftime("%Y-%m-%d %H:%M")
        state = f"  INGETROKKEN: {item.reden}" if item.withdrawn else ""
        click.echo(
            f"{item.id:>4}  t/m {item.peildatum.isoformat()}  {item.soort:<9} {made}  {item.naam}{state}"
        )


@publiceer.command(
    "intrekken", help="Trek publicatie ID in met een reden; ze blijft als ingetrokken vermeld."
)
@click.argument("nummer", type=int)
@click.option("--reden", required=True, help="Waarom de publicatie niet klopt.")
def intrekken(nummer: int, reden: str) -> None:
    """Withdraw a snapshot."""
    if not reden.strip():
        raise common.CliError("Geef een reden. Er is niets ingetrokken.")
    database = common.current_database()
    user = getpass.getuser()
    if not snapshots.withdraw(database, nummer, user, reden.strip()):
        raise common.CliError(f"Er is geen geldige publicatie {nummer}. Er is niets ingetrokken.")
    click.echo(f"Publicatie {nummer} ingetrokken.")


@publiceer.command(
    "kwartalen",
    help=(
        "Publiceer het laatste kwartaaleinde waarvan de aanlevertermijn (HZW_DELIVERY_DEADLINE_DAYS) "
        "voorbij is, als het nog niet gepubliceerd is (voor cron)."
    ),
)
def kwartalen() -> None:
    """Publish the due quarter end."""
    settings = common.settings()
    database = common.current_database()
    today = clock.today()
    number = publication.publish_due_quarter(
        database, today, settings.delivery_deadline_days, settings.suppression_minimum
    )
    day = publication.due_quarter(today, settings.delivery_deadline_days)
    if number is None:
        click.echo(f"Het kwartaaleinde {date(day)} is al gepubliceerd; er is niets gewijzigd.")
        return
    store.record(database, "publicatie gemaakt", "systeem", f"{number} {day.isoformat()}")
    click.echo(f"Publicatie {number} gemaakt: kwartaaleinde {date(day)}.")
