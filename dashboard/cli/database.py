"""``hzw db`` and ``hzw geodata``: the database (schema, backups, the summary's proof) and the boundaries."""

from __future__ import annotations

import getpass
from pathlib import Path

import click

from dashboard.auth import store
from dashboard.cli import common as common
from dashboard.data import summary_check
from dashboard.data.meta import trajectory_count
from dashboard.infra import backup
from dashboard.text.rounding import rounded
from geodata.boundaries import PDOK_ITEMS, SHIPPED, download_to_cache, generalise


@click.group("db", help="Database aanmaken en bijwerken.")
def db() -> None:
    """Database commands."""


@db.command("upgrade", help="Maak de database aan of werk haar bij naar de nieuwste versie.")
def db_upgrade() -> None:
    """Run the migrations."""
    database = common.database(common.settings())
    database.upgrade()
    click.echo(f"Database bijgewerkt (versie {database.current_revision()}).")


@db.command("status", help="Toon de versie van de database en hoeveel trajecten erin staan.")
def db_status() -> None:
    """Report the schema version and size."""
    database = common.database(common.settings())
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
    database = common.database(common.settings())
    common.require_current(database)
    backup.backup(database, bestand)
    click.echo(f"Backup gemaakt: {bestand} ({_size(bestand)}).")


@db.command(
    "herstel", help="Zet de database terug uit een backup van 'hzw db backup'; vervangt alle gegevens."
)
@click.argument("bestand", type=click.Path(path_type=Path))
@click.option("--ja", "confirmed", is_flag=True, help="Niet om bevestiging vragen.")
def db_restore(bestand: Path, confirmed: bool) -> None:
    """Restore a backup after checking that this version of the code knows its schema."""
    database = common.database(common.settings())
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
    database = common.database(common.settings())
    common.require_current(database)
    if repair:
        result = summary_check.repair(database, getpass.getuser(), on_wait=common.say_waiting)
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
    raise common.CliError("de samenvatting klopt niet; herstel haar met 'hzw db controleer --herstel'.")


@click.group("geodata", help="Regiogrenzen van CBS / PDOK.")
def geodata() -> None:
    """Boundary commands."""


@geodata.command("download", help="Download de grenzen van de 35 regio's van PDOK en bewaar ze in de cache.")
@click.option(
    "--jaar", "year", type=int, default=None, help="Jaar van de CBS-indeling (standaard HZW_GEODATA_YEAR)."
)
@click.option("--url", default=PDOK_ITEMS, show_default=True, help="Adres van de OGC API Features-collectie.")
def geodata_download(year: int | None, url: str) -> None:
    """Download, check, repair and cache the boundaries."""
    settings = common.settings()
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
