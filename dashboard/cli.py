"""The ``hzw`` command: database, demo data, imports and the web server."""

from __future__ import annotations

import datetime as dt
import getpass
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click
from sqlalchemy.exc import DBAPIError, OperationalError

from dashboard import backup, cli_nl, clock
from dashboard.auth import store
from dashboard.cli_organisation import organisatie
from dashboard.config import ConfigError, Settings, load_settings
from dashboard.data import summary_check
from dashboard.data.meta import trajectory_count
from dashboard.db import Database, DatabaseError
from dashboard.db_errors import database_message, database_problem
from dashboard.i18n import N_
from dashboard.importing import ImportBusy, ImportRejected, import_file
from dashboard.importing.identity import IdentityError
from dashboard.importing.redelivery import CHOICES
from dashboard.rounding import rounded
from dashboard.runtime import EXTENSION
from geodata.boundaries import PDOK_ITEMS, SHIPPED, BoundaryError, download_to_cache, generalise

# What the user did wrong or what is missing; anything else is a bug and keeps its traceback.
USER_ERRORS = (
    ConfigError,
    DatabaseError,
    ImportRejected,
    ImportBusy,
    BoundaryError,
    store.AccountError,
    IdentityError,
    backup.BackupError,
)


class CliError(click.ClickException):
    """A Dutch message for the user, exit status 1."""

    def show(self, file: Any = None) -> None:
        """Print without click's English 'Error:' prefix."""
        click.echo(f"Fout: {self.format_message()}", err=True)


def _settings() -> Settings:
    return load_settings()


def _database(settings: Settings) -> Database:
    database = Database(settings.effective_database_url)
    # Close pooled connections when the command ends, whether it succeeded or not.
    click.get_current_context().call_on_close(database.dispose)
    return database


def _require_current(db: Database) -> None:
    if not db.is_current():
        raise DatabaseError(N_("De database is leeg of verouderd. Voer eerst 'hzw db upgrade' uit."))


@click.group(help="Hoofdzaak Werk Monitor: beheer van database, gegevens en webserver.")
def cli() -> None:
    """Group of all commands."""


cli.add_command(organisatie)


@cli.group(help="Database aanmaken en bijwerken.")
def db() -> None:
    """Database commands."""


@db.command("upgrade", help="Maak de database aan of werk haar bij naar de nieuwste versie.")
def db_upgrade() -> None:
    """Run the migrations."""
    database = _database(_settings())
    database.upgrade()
    click.echo(f"Database bijgewerkt (versie {database.current_revision()}).")


@db.command("status", help="Toon de versie van de database en hoeveel trajecten erin staan.")
def db_status() -> None:
    """Report the schema version and size."""
    database = _database(_settings())
    current, head = database.current_revision(), database.head_revision()
    click.echo(f"Databaseversie: {current or 'leeg'} (nieuwste: {head})")
    if current == head:
        click.echo(f"Trajecten: {trajectory_count(database)}")


@db.command(
    "backup", help="Maak een consistente kopie van de database in BESTAND, ook terwijl de app draait."
)
@click.argument("bestand", type=click.Path(path_type=Path))
def db_backup(bestand: Path) -> None:
    """Back up the database (SQLite online backup, or pg_dump on PostgreSQL)."""
    database = _database(_settings())
    _require_current(database)
    backup.backup(database, bestand)
    click.echo(f"Backup gemaakt: {bestand} ({_size(bestand)}).")


@db.command(
    "herstel", help="Zet de database terug uit een backup van 'hzw db backup'; vervangt alle gegevens."
)
@click.argument("bestand", type=click.Path(path_type=Path))
@click.option("--ja", "confirmed", is_flag=True, help="Niet om bevestiging vragen.")
def db_restore(bestand: Path, confirmed: bool) -> None:
    """Restore a backup after checking that this version of the code knows its schema."""
    database = _database(_settings())
    revision = backup.backup_revision(bestand)
    if not confirmed:
        click.confirm(
            f"Alle gegevens in de database worden vervangen door de backup {bestand.name} "
            f"(databaseversie {revision}). Doorgaan?",
            abort=True,
        )
    restored = backup.restore(database, bestand)
    store.record(database, "database hersteld", getpass.getuser(), bestand.name)
    upgraded = f"; bijgewerkt naar versie {restored.upgraded_to}" if restored.upgraded_to else ""
    click.echo(f"Database hersteld uit {bestand.name} (versie {restored.revision}{upgraded}).")


def _size(path: Path) -> str:
    size = path.stat().st_size
    if size >= 100_000:
        return f"{rounded(size / 1_000_000, 1)} MB".replace(".", ",")
    return f"{rounded(size / 1000)} kB"


@db.command(
    "controleer",
    help="Vergelijk de samenvatting met een nieuwe telling van de trajecten (exitstatus 1 bij verschil).",
)
@click.option("--herstel", "repair", is_flag=True, help="Bouw de samenvatting opnieuw op, in één transactie.")
def db_check(repair: bool) -> None:
    """Prove the trajectory summary, or rebuild it."""
    database = _database(_settings())
    _require_current(database)
    if repair:
        result = summary_check.repair(database, getpass.getuser(), on_wait=_say_waiting)
        click.echo(
            f"Samenvatting opnieuw opgebouwd uit de trajecten; {result.differences} verschillende "
            "sleutels hersteld."
        )
        return
    result = summary_check.check(database, getpass.getuser())
    if result.differences == 0:
        click.echo("De samenvatting klopt: gelijk aan een nieuwe telling van de trajecten.")
        return
    click.echo(f"De samenvatting wijkt af van een nieuwe telling: {result.differences} sleutels verschillen.")
    click.echo(
        "Voorbeelden (organisatie, soort, cohort, jaarmaand, methode, financiering: opgeslagen → telling):"
    )
    for example in result.examples:
        key = ", ".join(str(part) for part in example.key)
        click.echo(f"  {key}: {example.stored} → {example.fresh}")
    raise CliError("de samenvatting klopt niet; herstel haar met 'hzw db controleer --herstel'.")


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
    from dashboard.demo import load_demo

    settings = _settings()
    database = _database(settings)
    _require_current(database)
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
def import_(
    soort: str,
    bestand: Path,
    controleer: bool,
    gebruiker: str | None,
    new_organisations: tuple[str, ...],
    left_out: str | None,
) -> None:
    """Import one file, all or nothing."""
    settings = _settings()
    database = _database(settings)
    _require_current(database)
    result = import_file(
        database,
        soort,
        bestand,
        user=gebruiker or getpass.getuser(),
        max_bytes=settings.max_import_bytes,
        check_only=controleer,
        via="hzw import",
        on_wait=_say_waiting,
        new_organisations=new_organisations,
        left_out=left_out,
    )
    prefix = "Gecontroleerd, niets opgeslagen" if controleer else "Ingelezen"
    click.echo(f"{prefix}: {result.summary()}")


def _say_waiting() -> None:
    click.echo("Wacht op een andere import voor deze organisatie …", err=True)


@cli.group(help="Accounts van de monitor beheren (rollen: landelijk, regio, beheer).")
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
        raise CliError("De twee wachtwoorden zijn niet gelijk; er is niets gewijzigd.")
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
    database = _database(_settings())
    _require_current(database)
    password = None if oidc else _new_password(from_stdin)
    account = store.add_user(database, naam, role, list(regions), password)
    store.record(database, "account aangemaakt", getpass.getuser(), _describe(account))
    click.echo(f"Account aangemaakt: {_describe(account)}")


@gebruiker.command("lijst", help="Toon alle accounts met hun rol en regio's.")
def user_list() -> None:
    """List accounts."""
    database = _database(_settings())
    _require_current(database)
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
    database = _database(_settings())
    _require_current(database)
    store.set_password(database, naam, _new_password(from_stdin))
    store.record(database, "wachtwoord gewijzigd", getpass.getuser(), naam)
    click.echo(f"Wachtwoord van {naam} gewijzigd.")


@gebruiker.command("rol", help="Wijzig de rol en regio's van een account.")
@click.argument("naam")
@ROLE_OPTION
@REGION_OPTION
def user_role(naam: str, role: str, regions: tuple[str, ...]) -> None:
    """Change a role."""
    database = _database(_settings())
    _require_current(database)
    account = store.set_role(database, naam, role, list(regions))
    store.record(database, "rol gewijzigd", getpass.getuser(), _describe(account))
    click.echo(f"Gewijzigd: {_describe(account)}")


def _set_active(naam: str, active: bool, event: str, done: str) -> None:
    database = _database(_settings())
    _require_current(database)
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
    database = _database(_settings())
    _require_current(database)
    store.remove_user(database, naam)
    store.record(database, "account verwijderd", getpass.getuser(), naam)
    click.echo(f"Account {naam} verwijderd.")


@cli.command("audit", help="Toon het auditlogboek: inloggen, imports en accountwijzigingen.")
@click.option("--aantal", "limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
def audit(limit: int) -> None:
    """Print the newest audit events."""
    database = _database(_settings())
    _require_current(database)
    for event in store.audit_log(database, limit).itertuples():
        detail = f" – {event.detail}" if event.detail else ""
        click.echo(f"{event.tijdstip:%Y-%m-%d %H:%M:%S} {event.gebeurtenis}: {event.gebruiker}{detail}")


@cli.group(help="Regiogrenzen van CBS / PDOK.")
def geodata() -> None:
    """Boundary commands."""


@geodata.command("download", help="Download de grenzen van de 35 regio's van PDOK en bewaar ze in de cache.")
@click.option(
    "--jaar", "year", type=int, default=None, help="Jaar van de CBS-indeling (standaard HZW_GEODATA_YEAR)."
)
@click.option("--url", default=PDOK_ITEMS, show_default=True, help="Adres van de OGC API Features-collectie.")
def geodata_download(year: int | None, url: str) -> None:
    """Download, check, repair and cache the boundaries."""
    settings = _settings()
    path = download_to_cache(settings.data_dir, year or settings.geodata_year, url)
    click.echo(f"Grenzen van 35 regio's opgeslagen in {path}.")


@geodata.command(
    "vereenvoudig",
    help="Controleer, repareer en vereenvoudig grenzen uit BRON (GeoJSON of TopoJSON) tot het "
    "bestand dat de monitor meelevert.",
)
@click.argument("bron", type=click.Path(path_type=Path))
@click.option(
    "--naar",
    "target",
    type=click.Path(path_type=Path),
    default=SHIPPED,
    show_default=True,
    help="Waar het vereenvoudigde bestand komt.",
)
def geodata_generalise(bron: Path, target: Path) -> None:
    """Make the shipped copy of the boundaries from a full source file."""
    generalise(bron, target)
    click.echo(
        f"Grenzen van 35 regio's vereenvoudigd naar {target} ({rounded(target.stat().st_size / 1000)} kB)."
    )


@cli.command("serve", help="Start de webserver (voor ontwikkeling; productie draait op gunicorn).")
@click.option("--host", default=None, help="Adres (standaard HZW_HOST of 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Poort (standaard HZW_PORT of 8050).")
def serve(host: str | None, port: int | None) -> None:
    """Run the development server."""
    from dashboard.app import create_app

    settings = _settings()
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
