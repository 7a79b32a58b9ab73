"""``hzw stuurgroep``: the days the national steering group met, and each region's planned stuurgroep days."""

from __future__ import annotations

import datetime as dt
import getpass

import click

from dashboard.auth import store
from dashboard.cli import common as common
from dashboard.data import planned_steering
from dashboard.data.steering import (
    national_steering_groups,
    record_national_steering_group,
    remove_national_steering_group,
)
from dashboard.infra import clock
from dashboard.text.format import date
from geodata import region_refs


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


@stuurgroep.command(
    "gepland",
    help=(
        "Leg vast dat regio REGIO (bijv. AM09) op DATUM (JJJJ-MM-DD) een stuurgroep houdt, zodat "
        "`hzw vergaderstuk gepland` het vergaderstuk HZW_PACK_DAYS_BEFORE dagen ervoor maakt. Een "
        "geplande datum telt nergens als gehouden bijeenkomst. Zonder DATUM: toon de geplande data "
        "van de regio; zonder REGIO die van alle regio's."
    ),
)
@click.argument("regio", required=False)
@click.argument("datum", required=False)
@click.option("--schrap", is_flag=True, help="Schrap de geplande DATUM in plaats van die vast te leggen.")
def gepland(regio: str | None, datum: str | None, schrap: bool) -> None:
    """Plan, remove or list a region's coming stuurgroep days."""
    code = _region(regio) if regio is not None else None
    if datum is None:
        if schrap:
            raise common.CliError(
                "Geef de regio en de datum die geschrapt moeten worden. Er is niets gewijzigd."
            )
        _list_planned(code)
        return
    assert code is not None  # click fills REGIO before DATUM
    day = _day(datum)
    database = common.current_database()
    user = getpass.getuser()
    detail = f"{code} {day.isoformat()}"
    if schrap:
        if not planned_steering.remove(database, code, day):
            raise common.CliError(
                f"Voor {code} is op {date(day)} geen stuurgroep gepland. Er is niets gewijzigd."
            )
        store.record(database, "geplande stuurgroep geschrapt", user, detail)
        click.echo(f"Geplande stuurgroep van {code} op {date(day)} geschrapt.")
        return
    if day < clock.today():
        raise common.CliError(
            f"{date(day)} is al voorbij: plan een stuurgroep op vandaag of later. Er is niets gewijzigd."
        )
    if not planned_steering.plan(database, code, day, user):
        click.echo(f"De stuurgroep van {code} op {date(day)} was al gepland; er is niets gewijzigd.")
        return
    store.record(database, "stuurgroep gepland", user, detail)
    click.echo(f"Stuurgroep van {code} op {date(day)} gepland.")


def _region(text: str) -> str:
    code = text.strip().upper()
    if code not in {r.code for r in region_refs()}:
        raise common.CliError(
            f"Onbekende regio: {text[:20]}. Schrijf een regiocode, bijvoorbeeld AM09. Er is niets gewijzigd."
        )
    return code


def _list_planned(code: str | None) -> None:
    days = planned_steering.planned(common.current_database(), code)
    if not days:
        where = f"voor {code} " if code else ""
        click.echo(f"Nog geen stuurgroep {where}gepland.")
    today = clock.today()
    for item in days:
        past = "  (voorbij)" if item.day < today else ""
        click.echo(f"{item.region}  {item.day.isoformat()}  {date(item.day)}{past}")
