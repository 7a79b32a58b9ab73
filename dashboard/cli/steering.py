"""``hzw stuurgroep``: record the days the national steering group met (the national comparison day)."""

from __future__ import annotations

import datetime as dt
import getpass

import click

from dashboard.auth import store
from dashboard.cli import common as common
from dashboard.data.steering import (
    national_steering_groups,
    record_national_steering_group,
    remove_national_steering_group,
)
from dashboard.text.format import date


@click.group("stuurgroep", help="Stuurgroepdata beheren (regio's lezen ze uit hun bijeenkomsten).")
def stuurgroep() -> None:
    """Steering-group commands."""


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise common.CliError(
            f"'{text[:20]}' is geen datum: schrijf JJJJ-MM-DD, bijvoorbeeld 2026-09-03. "
            "Er is niets gewijzigd."
        ) from None


@stuurgroep.command(
    "landelijk",
    help=(
        "Leg vast dat de landelijke stuurgroep op DATUM (JJJJ-MM-DD) vergaderde. De landelijke pagina "
        "vergelijkt standaard met de laatste landelijke stuurgroep vóór de peildatum. Zonder DATUM: "
        "toon de vastgelegde data."
    ),
)
@click.argument("datum", required=False)
@click.option("--verwijder", is_flag=True, help="Vergeet DATUM in plaats van die vast te leggen.")
def landelijk(datum: str | None, verwijder: bool) -> None:
    """Record, remove or list national steering-group days."""
    database = common.current_database()
    if datum is None:
        if verwijder:
            raise common.CliError("Geef de datum die vergeten moet worden. Er is niets gewijzigd.")
        days = national_steering_groups(database)
        if not days:
            click.echo("Nog geen landelijke stuurgroep vastgelegd; vergeleken wordt met een jaar eerder.")
        for day in days:
            click.echo(f"{day.isoformat()}  {date(day)}")
        return
    day = _day(datum)
    user = getpass.getuser()
    if verwijder:
        if not remove_national_steering_group(database, day):
            raise common.CliError(
                f"Op {date(day)} is geen landelijke stuurgroep vastgelegd. Er is niets gewijzigd."
            )
        store.record(database, "landelijke stuurgroep vergeten", user, day.isoformat())
        click.echo(f"Landelijke stuurgroep van {date(day)} vergeten.")
        return
    if not record_national_steering_group(database, day, user):
        click.echo(f"De landelijke stuurgroep van {date(day)} was al vastgelegd; er is niets gewijzigd.")
        return
    store.record(database, "landelijke stuurgroep vastgelegd", user, day.isoformat())
    click.echo(f"Landelijke stuurgroep van {date(day)} vastgelegd.")
