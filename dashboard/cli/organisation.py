"""``hzw organisatie``: a new name for an organisation, and a quarter it delivered no trajectories."""

from __future__ import annotations

import getpass
import re

import click

from dashboard.auth import store
from dashboard.auth.viewer import ADMIN, Viewer
from dashboard.cli import common as common
from dashboard.data.delivery_states import DeliveryError, record_empty
from dashboard.i18n import N_
from dashboard.importing.identity import IdentityError, rename_organisation
from dashboard.importing.values import CellError, parse_region


@click.group("organisatie", help="Organisaties beheren.")
def organisatie() -> None:
    """Organisation commands."""


@organisatie.command(
    "hernoem",
    help=(
        "Geef organisatie OUD de naam NIEUW. Nummer, trajecten en geschiedenis blijven; bestanden "
        "met de oude naam worden daarna ook bij deze organisatie ingelezen."
    ),
)
@click.argument("oud")
@click.argument("nieuw")
@click.option("--regio", default=None, help="AM-code, als de oude naam in meer dan één regio voorkomt.")
def rename(oud: str, nieuw: str, regio: str | None) -> None:
    """Rename an organisation and keep its former name as an alias."""
    database = common.current_database()
    user = getpass.getuser()
    renamed = rename_organisation(database, oud, nieuw, user=user, region=_region(regio))
    detail = f"{renamed.region}: '{renamed.old}' heet nu '{renamed.new}' (nummer {renamed.organisation_id})"
    store.record(database, "organisatie hernoemd", user, detail)
    click.echo(f"Hernoemd: {detail}. Bestanden met de oude naam komen voortaan bij deze organisatie.")


def _region(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return parse_region(text)
    except CellError as error:
        raise IdentityError(f"Onbekende regio '{text}': verwacht {error}. Er is niets gewijzigd.") from None


@organisatie.command(
    "leeg",
    help=(
        "Leg vast dat organisatie NUMMER over KWARTAAL (bijv. 2026-K2) geen trajecten had: "
        "'geleverd, geen trajecten', geen ontbrekende levering."
    ),
)
@click.argument("nummer", type=int)
@click.argument("kwartaal")
def empty(nummer: int, kwartaal: str) -> None:
    """Record an explicit empty delivery, as ``beheer``."""
    found = re.fullmatch(r"(\d{4})-K([1-4])", kwartaal.strip().upper())
    if found is None:
        raise DeliveryError(N_("Kwartaal als 2026-K2; er is niets vastgelegd."))
    database = common.current_database()
    viewer = Viewer(getpass.getuser(), ADMIN)
    record_empty(database, viewer, nummer, int(found[1]), int(found[2]))
    click.echo(f"Vastgelegd: organisatie {nummer} over {found[0]}: geleverd, geen trajecten.")
