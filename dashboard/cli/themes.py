"""``hzw thema``: keep the managed list of bottleneck themes (the command line acts as beheer)."""

from __future__ import annotations

import getpass
from collections.abc import Callable

import click

from dashboard.auth import store
from dashboard.auth.viewer import ADMIN, Viewer
from dashboard.cli import common as common
from dashboard.data.narrative_checks import NarrativeError
from dashboard.data.themes import add_theme, rename_theme, retire_theme, theme_rows


@click.group(
    "thema",
    invoke_without_command=True,
    help="De lijst met thema's van knelpunten beheren. Zonder opdracht: toon de lijst.",
)
@click.pass_context
def thema(context: click.Context) -> None:
    """Theme commands; on its own, the list."""
    if context.invoked_subcommand is None:
        _show()


def _show() -> None:
    for theme in theme_rows(common.current_database()):
        click.echo(theme.name if theme.active else f"{theme.name} (vervallen)")


def _change(what: str, detail: str, change: Callable[[Viewer], object]) -> None:
    database = common.current_database()
    user = getpass.getuser()
    try:
        change(Viewer(user, ADMIN))
    except NarrativeError as error:
        raise common.CliError(f"{error} Er is niets gewijzigd.") from None
    store.record(database, what, user, detail)
    click.echo(f"{detail}.")


@thema.command("nieuw", help="Zet NAAM op de lijst (of haal een vervallen thema terug).")
@click.argument("naam")
def new(naam: str) -> None:
    """Add a theme."""
    _change(
        "thema toegevoegd",
        f"Thema '{naam.strip()}' staat op de lijst",
        lambda v: add_theme(common.current_database(), v, naam),
    )


@thema.command("hernoem", help="Geef thema OUD de naam NIEUW, ook bij de knelpunten die het al dragen.")
@click.argument("oud")
@click.argument("nieuw")
def rename(oud: str, nieuw: str) -> None:
    """Rename a theme."""
    _change(
        "thema hernoemd",
        f"Thema '{oud}' heet nu '{nieuw.strip()}'",
        lambda v: rename_theme(common.current_database(), v, oud, nieuw),
    )


@thema.command("vervallen", help="Bied NAAM niet meer aan; knelpunten die het dragen houden het.")
@click.argument("naam")
def retire(naam: str) -> None:
    """Retire a theme."""
    _change(
        "thema vervallen",
        f"Thema '{naam}' wordt niet meer aangeboden",
        lambda v: retire_theme(common.current_database(), v, naam),
    )
