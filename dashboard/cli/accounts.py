"""``hzw gebruiker`` and ``hzw audit``: the monitor's accounts and its audit trail."""

from __future__ import annotations

import datetime as dt
import getpass
import sys

import click

from dashboard.auth import sessions, store
from dashboard.cli import common as common
from dashboard.infra import clock


@click.group("gebruiker", help="Accounts van de monitor beheren (rollen: landelijk, regio, beheer).")
def gebruiker() -> None:
    """Account commands."""


ROLE_OPTION = click.option(
    "--rol",
    "role",
    required=True,
    type=click.Choice(["landelijk", "regio", "beheer"]),
    help="Wat het account ziet.",
)
REGION_OPTION = click.option(
    "--regio", "regions", multiple=True, help="Regiocode die een regio-account volledig ziet (herhaalbaar)."
)


def _new_password(from_stdin: bool) -> str:
    # Never as an argument: it would stay in the shell history and the process list.
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = click.prompt("Wachtwoord", hide_input=True, prompt_suffix=": ")
    if click.prompt("Herhaal het wachtwoord", hide_input=True, prompt_suffix=": ") != first:
        raise common.CliError("De twee wachtwoorden zijn niet gelijk; er is niets gewijzigd.")
    return str(first)


def _describe(account: store.Account) -> str:
    regions = f" ({', '.join(account.regions)})" if account.regions else ""
    flags = [
        f
        for f, on in (
            ("geblokkeerd", not account.active),
            ("voorbeeld", account.demo),
            ("oidc", account.oidc),
        )
        if on
    ]
    return f"{account.name}: {account.role}{regions}" + (f" [{', '.join(flags)}]" if flags else "")


@gebruiker.command("toevoegen", help="Maak een account aan; het wachtwoord wordt gevraagd.")
@click.argument("naam")
@ROLE_OPTION
@REGION_OPTION
@click.option(
    "--oidc", is_flag=True, help="Geen wachtwoord: inloggen via de identiteitsprovider (naam = e-mail)."
)
@click.option(
    "--wachtwoord-stdin", "from_stdin", is_flag=True, help="Lees het wachtwoord van standaardinvoer."
)
def user_add(naam: str, role: str, regions: tuple[str, ...], oidc: bool, from_stdin: bool) -> None:
    """Create an account."""
    database = common.database(common.settings())
    common.require_current(database)
    password = None if oidc else _new_password(from_stdin)
    account = store.add_user(database, naam, role, list(regions), password)
    store.record(database, "account aangemaakt", getpass.getuser(), _describe(account))
    click.echo(f"Account aangemaakt: {_describe(account)}")


@gebruiker.command("lijst", help="Toon alle accounts met hun rol en regio's.")
def user_list() -> None:
    """List accounts."""
    database = common.database(common.settings())
    common.require_current(database)
    accounts = store.list_users(database)
    for account in accounts:
        click.echo(_describe(account))
    if not accounts:
        click.echo("Er zijn nog geen accounts.")


@gebruiker.command("wachtwoord", help="Geef een account een nieuw wachtwoord.")
@click.argument("naam")
@click.option(
    "--wachtwoord-stdin", "from_stdin", is_flag=True, help="Lees het wachtwoord van standaardinvoer."
)
def user_password(naam: str, from_stdin: bool) -> None:
    """Set a password."""
    database = common.database(common.settings())
    common.require_current(database)
    store.set_password(database, naam, _new_password(from_stdin))
    store.record(database, "wachtwoord gewijzigd", getpass.getuser(), naam)
    click.echo(f"Wachtwoord van {naam} gewijzigd.")


@gebruiker.command("rol", help="Wijzig de rol en regio's van een account.")
@click.argument("naam")
@ROLE_OPTION
@REGION_OPTION
def user_role(naam: str, role: str, regions: tuple[str, ...]) -> None:
    """Change a role."""
    database = common.database(common.settings())
    common.require_current(database)
    account = store.set_role(database, naam, role, list(regions))
    store.record(database, "rol gewijzigd", getpass.getuser(), _describe(account))
    click.echo(f"Gewijzigd: {_describe(account)}")


def _set_active(naam: str, active: bool, event: str, done: str) -> None:
    database = common.database(common.settings())
    common.require_current(database)
    store.set_active(database, naam, active)
    store.record(database, event, getpass.getuser(), naam)
    click.echo(done)


@gebruiker.command("blokkeer", help="Blokkeer een account; het wordt direct uitgelogd.")
@click.argument("naam")
def user_block(naam: str) -> None:
    """Block an account."""
    _set_active(naam, False, "account geblokkeerd", f"Account {naam} geblokkeerd.")


@gebruiker.command("deblokkeer", help="Laat een geblokkeerd account weer toe.")
@click.argument("naam")
def user_unblock(naam: str) -> None:
    """Unblock an account."""
    _set_active(naam, True, "account gedeblokkeerd", f"Account {naam} weer toegelaten.")


@gebruiker.command("verwijder", help="Verwijder een account (het auditlogboek houdt de naam).")
@click.argument("naam")
def user_remove(naam: str) -> None:
    """Remove an account."""
    database = common.database(common.settings())
    common.require_current(database)
    store.remove_user(database, naam)
    store.record(database, "account verwijderd", getpass.getuser(), naam)
    click.echo(f"Account {naam} verwijderd.")


@gebruiker.command("sessies", help="Toon de open sessies van een account, of beëindig ze.")
@click.argument("naam")
@click.option("--beeindig", "end", is_flag=True, help="Beëindig alle sessies van het account.")
def user_sessions(naam: str, end: bool) -> None:
    """List or end an account's sessions (never showing their keys)."""
    settings = common.settings()
    database = common.database(settings)
    common.require_current(database)
    if end:
        reason = f"beëindigd door beheer ({getpass.getuser()})"
        ended = store.end_sessions(database, naam, reason)
        click.echo(f"{ended} sessie(s) van {naam} beëindigd.")
        return
    found = store.sessions_of(database, naam)
    now = clock.utc_now()
    for each in found:
        over = sessions.expiry(each, now, settings.session_hours, settings.session_idle_minutes)
        click.echo(
            f"begonnen {_local(each.started)}, laatst gezien {_local(each.last_seen)}, via {each.how}"
            + (f" [{over}]" if over else "")
        )
    if not found:
        click.echo(f"{naam} heeft geen open sessies.")


def _local(moment: dt.datetime) -> str:
    return f"{moment.astimezone(clock.AMSTERDAM):%Y-%m-%d %H:%M}"


@click.command("audit", help="Toon het auditlogboek: inloggen, imports en accountwijzigingen.")
@click.option("--aantal", "limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
def audit(limit: int) -> None:
    """Print the newest audit events."""
    database = common.database(common.settings())
    common.require_current(database)
    for event in store.audit_log(database, limit).itertuples():
        detail = f" – {event.detail}" if event.detail else ""
        click.echo(f"{event.tijdstip:%Y-%m-%d %H:%M:%S} {event.gebeurtenis}: {event.gebruiker}{detail}")
