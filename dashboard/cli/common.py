"""What every ``hzw`` command shares: Dutch errors, the settings and the database of this run."""

from __future__ import annotations

from typing import Any

import click

from dashboard.i18n import N_
from dashboard.infra.config import Settings, load_settings
from dashboard.infra.db import Database, DatabaseError


class CliError(click.ClickException):
    """A Dutch message for the user, exit status 1."""

    def show(self, file: Any = None) -> None:
        """Print without click's English 'Error:' prefix."""
        click.echo(f"Fout: {self.format_message()}", err=True)


def settings() -> Settings:
    """The settings of this run (defaults, then the environment)."""
    return load_settings()


def database(settings: Settings) -> Database:
    """The database of ``settings``, closed when the command ends."""
    database = Database(settings.effective_database_url)
    # Close pooled connections when the command ends, whether it succeeded or not.
    click.get_current_context().call_on_close(database.dispose)
    return database


def require_current(db: Database) -> None:
    """Stop with a Dutch message unless the schema is at the newest migration."""
    if not db.is_current():
        raise DatabaseError(N_("De database is leeg of verouderd. Voer eerst 'hzw db upgrade' uit."))


def say_waiting() -> None:
    """Tell why nothing happens while an import waits for another one."""
    click.echo("Wacht op een andere import voor deze organisatie …", err=True)


def current_database() -> Database:
    """The database of this run, checked to be at the newest migration."""
    found = database(settings())
    require_current(found)
    return found
