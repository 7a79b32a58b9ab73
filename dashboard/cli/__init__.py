"""The ``hzw`` command: its groups, demo data, imports, the web server, and errors in Dutch."""

from __future__ import annotations

import datetime as dt
import getpass
import logging
import os
import sys
from pathlib import Path

import click
from sqlalchemy.exc import DBAPIError, OperationalError

from dashboard.auth import store
from dashboard.cli import accounts as cli_accounts
from dashboard.cli import common as common
from dashboard.cli import database as cli_db
from dashboard.cli import digests as cli_digests
from dashboard.cli import nl as cli_nl
from dashboard.cli.organisation import organisatie
from dashboard.cli.packs import vergaderstuk
from dashboard.cli.publication import publiceer
from dashboard.cli.steering import stuurgroep
from dashboard.cli.themes import thema
from dashboard.data.delivery_states import DeliveryError
from dashboard.data.digests import DigestError
from dashboard.data.meta import trajectory_count
from dashboard.importing import ImportBusy, ImportRejected, import_file
from dashboard.importing.identity import IdentityError
from dashboard.importing.redelivery import CHOICES
from dashboard.infra import backup, clock
from dashboard.infra.config import ConfigError, Settings
from dashboard.infra.db import Database, DatabaseError
from dashboard.infra.db_errors import database_message, database_problem
from dashboard.infra.runtime import EXTENSION
from dashboard.mail.smtp import MailError
from geodata.boundaries import BoundaryError

# What the user did wrong or what is missing; anything else is a bug and keeps its traceback.
USER_ERRORS = (
    ConfigError,
    DatabaseError,
    ImportRejected,
    ImportBusy,
    BoundaryError,
    store.AccountError,
    IdentityError,
    DeliveryError,
    backup.BackupError,
    DigestError,
    MailError,
)


@click.group(help="Hoofdzaak Werk Monitor: beheer van database, gegevens en webserver.")
def cli() -> None:
    """Group of all commands."""


# The command groups live in modules of their own; this one keeps data in, the server and errors.
for command in (
    cli_db.db,
    cli_db.geodata,
    cli_accounts.gebruiker,
    cli_accounts.audit,
    organisatie,
    stuurgroep,
    thema,
    cli_digests.signalen,
    vergaderstuk,
    publiceer,
):
    cli.add_command(command)
cli_accounts.gebruiker.add_command(cli_digests.digest)


@cli.command("demo", help="Laad fictieve voorbeelddata voor alle 35 regio's (2021 tot vandaag).")
@click.option("--seed", default=2021, show_default=True, help="Zelfde seed en datum geven dezelfde data.")
@click.option(
    "--tot", "until", type=click.DateTime(["%Y-%m-%d"]), help="Laatste dag met data (standaard vandaag)."
)
@click.option("--als-leeg", "if_empty", is_flag=True, help="Alleen laden als er nog geen trajecten zijn.")
@click.option(
    "--schaal",
    "scale",
    type=click.IntRange(1, 1000),
    default=1,
    show_default=True,
    help="Zoveel keer het realistische aantal trajecten (voor prestatietests; 100 is landelijke schaal).",
)
def demo(seed: int, until: dt.datetime | None, if_empty: bool, scale: int) -> None:
    """Load the demo data through the import path (extra volume for --schaal in bulk)."""
    from dashboard.importing.demo import load_demo

    settings = common.settings()
    database = common.database(settings)
    common.require_current(database)
    if if_empty and trajectory_count(database):
        click.echo("De database bevat al gegevens; voorbeelddata niet opnieuw geladen.")
    else:
        today = until.date() if until else clock.today()
        for result in load_demo(database, seed, today, settings.max_import_bytes, scale):
            click.echo(f"Voorbeelddata: {result.summary()}")
    created = store.ensure_demo_accounts(database)
    if created and settings.mode == "login":
        click.echo(
            f"Voorbeeldaccounts {', '.join(created)} (wachtwoord '{store.DEMO_PASSWORD}'); ze werken "
            "alleen zolang de database uitsluitend voorbeelddata bevat."
        )


@cli.command("import", help="Lees een bestand in (CSV of XLSX) volgens het aanlevercontract.")
@click.argument("soort", type=click.Choice(["trajecten", "bijeenkomsten", "doelen"]))
@click.argument("bestand", type=click.Path(path_type=Path))
@click.option("--controleer", is_flag=True, help="Alleen controleren; er wordt niets opgeslagen.")
@click.option("--gebruiker", default=None, help="Naam in het importlogboek (standaard de systeemgebruiker).")
@click.option(
    "--nieuwe-organisatie",
    "new_organisations",
    multiple=True,
    help="Deze naam is een nieuwe organisatie, ook al lijkt hij op een bekende (herhaalbaar).",
)
@click.option(
    "--ontbrekend",
    "left_out",
    type=click.Choice(CHOICES),
    default=None,
    help="Eerder aangeleverde trajecten die niet in het bestand staan: behouden of intrekken.",
)
@click.option(
    "--toch-importeren",
    "accept_warnings",
    is_flag=True,
    help="Ook importeren als de controle waarschuwt (een naam als een bekende, een sprong in aantallen).",
)
def import_(
    soort: str,
    bestand: Path,
    controleer: bool,
    gebruiker: str | None,
    new_organisations: tuple[str, ...],
    left_out: str | None,
    accept_warnings: bool,
) -> None:
    """Import one file, all or nothing."""
    settings = common.settings()
    database = common.database(settings)
    common.require_current(database)
    result = import_file(
        database,
        soort,
        bestand,
        user=gebruiker or getpass.getuser(),
        max_bytes=settings.max_import_bytes,
        parse_seconds=settings.import_parse_seconds,
        check_only=controleer,
        via="hzw import",
        on_wait=common.say_waiting,
        new_organisations=new_organisations,
        left_out=left_out,
        accept_warnings=accept_warnings,
    )
    prefix = "Gecontroleerd, niets opgeslagen" if controleer else "Ingelezen"
    click.echo(f"{prefix}: {result.summary()}")


@cli.command("serve", help="Start de webserver (voor ontwikkeling; productie draait op gunicorn).")
@click.option("--host", default=None, help="Adres (standaard HZW_HOST of 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Poort (standaard HZW_PORT of 8050).")
def serve(host: str | None, port: int | None) -> None:
    """Run the development server."""
    from dashboard.app import create_app

    settings = common.settings()
    app = create_app()
    address = f"http://{host or settings.host}:{port or settings.port}"
    for line in greeting(settings, app.server.extensions[EXTENSION].db, address):
        click.echo(line)
    app.run(host=host or settings.host, port=port or settings.port, debug=False)


def greeting(settings: Settings, database: Database, address: str) -> list[str]:
    """What the server says when it starts: where it is and, on demo data, how to sign in."""
    lines = [f"Hoofdzaak Werk Monitor draait op {address} (stoppen met Ctrl+C)."]
    if settings.mode == "login" and store.demo_accounts_usable(database):
        accounts = ", ".join(name for name, _role, _regions in store.DEMO_ACCOUNTS)
        lines.append(f"Voorbeelddata geladen. Inloggen met {accounts}; wachtwoord '{store.DEMO_PASSWORD}'.")
    elif settings.mode == "openbaar":
        lines.append("Openbare modus: geen inloggen, geen cijfers per organisatie.")
    return lines


def run(command: click.Command, args: list[str] | None = None) -> int:
    """Run a click command, turning user errors into Dutch messages and an exit status."""
    # Quiet by default: the commands print their own Dutch summaries; HZW_LOG_LEVEL=INFO shows more.
    logging.basicConfig(
        level=os.environ.get("HZW_LOG_LEVEL", "WARNING").upper(), format="%(levelname)s %(message)s"
    )
    cli_nl.install()
    try:
        command.main(args=args, prog_name="hzw", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Afgebroken.", err=True)
        return 1
    except click.UsageError as error:
        click.echo(f"Fout in de opdracht: {error.format_message()}\nZie 'hzw --help'.", err=True)
        return 2
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except ImportRejected as error:
        click.echo(error.report(), err=True)
        return 1
    except USER_ERRORS as error:
        click.echo(f"Fout: {error}", err=True)
        return 1
    except DBAPIError as error:
        # Busy, full, read-only and unreachable each get their own words; any other operational
        # failure is named by its kind. Anything else (a broken constraint) is a bug: traceback.
        if database_problem(error) is None and not isinstance(error, OperationalError):
            raise
        click.echo(f"Fout: {database_message(error)}", err=True)
        return 1
    return 0


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(cli))
