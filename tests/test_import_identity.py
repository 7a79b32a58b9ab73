"""Identity without double counting: ids in any case, renamed organisations, left-out rows."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from dashboard.cli import cli, run
from dashboard.data import summary
from dashboard.data.cohorts import funnel_by_organisation
from dashboard.data.models import AuditEvent, ImportLog, Organisation, OrganisationAlias, Trajectory
from dashboard.data.progress import progress_by_region
from dashboard.importing import ImportRejected, ImportUnconfirmed
from dashboard.importing.identity import IdentityError, rename_organisation, resemblance
from dashboard.infra.db import Database
from tests.helpers import load, trajectory

# Inside June, so the counts come from the summary and from the rows of the peildatum's own month.
PEILDATUM = dt.date(2026, 6, 20)


def started(db: Database, region: str = "AM09") -> int:
    """Trajectories started in 2026 in ``region``, as the region pages count them."""
    progress = progress_by_region(db, 2026, PEILDATUM).set_index("code")
    return int(progress.loc[region, "gestart"])


def by_organisation(db: Database, step: str = "gestart") -> dict[str, int]:
    """One funnel step per organisation of AM09, by organisation name."""
    frame = funnel_by_organisation(db, "AM09", 2026, PEILDATUM)
    return {row.organisatie: int(getattr(row, step)) for row in frame.itertuples() if getattr(row, step)}


def stored(db: Database, model: type) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def summary_is_exact(db: Database) -> bool:
    """The kept summary equals a fresh aggregation of the trajectories."""
    with db.engine.connect() as connection:
        kept = {tuple(row[:-1]): row[-1] for row in connection.execute(select(summary.SUMMARY))}
        fresh = summary.counted(connection, Trajectory.id.is_not(None))
    return kept == {key: n for key, n in fresh.items() if n}


def rows(ids: list[str], organisation: str = "GGNet", **extra: str) -> list[dict[str, str]]:
    # A start in May or June (1st to 19th, so before the peildatum) that follows from the id
    # whatever its case: the same trajectory starts on the same day in every delivery.
    days = {tid: sum(map(ord, tid.strip().lower())) for tid in ids}
    return [
        trajectory(tid, f"2026-0{5 + n % 2}-{1 + n % 19:02d}", organisatie=organisation, **extra)
        for tid, n in days.items()
    ]


# --- traject_id in another case -------------------------------------------------------------


def test_the_same_ids_in_lower_case_update_instead_of_adding(db):
    upper = [f"HZW-{n:03d}" for n in range(12)]
    load(db, "trajecten", rows(upper))
    assert (started(db), stored(db, Trajectory)) == (12, 12)
    # The same file, ids in lower case and padded with spaces, one placement added.
    lower = rows([f"  {tid.lower()} " for tid in upper])
    lower[0]["plaatsingsdatum"] = "2026-06-19"
    again = load(db, "trajecten", lower)
    assert (again.nieuw, again.gewijzigd, again.ongewijzigd) == (0, 1, 11)
    assert (started(db), stored(db, Trajectory)) == (12, 12)
    assert by_organisation(db, "geplaatst") == {"GGNet": 1}
    with db.engine.connect() as connection:
        kept = set(connection.execute(select(Trajectory.traject_id)).scalars())
    assert kept == set(upper)  # the first spelling stays
    assert summary_is_exact(db)


def test_one_id_twice_in_a_file_in_two_cases_is_an_error(db):
    with pytest.raises(ImportRejected) as caught:
        load(db, "trajecten", rows(["AB-1", "ab-1"]))
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(3, "traject_id", "ab-1")]
    assert "staat ook op rij 2" in caught.value.report()
    assert stored(db, Trajectory) == 0


# --- a renamed organisation -------------------------------------------------------------------


@pytest.mark.zuiver
def test_names_that_resemble_each_other():
    assert resemblance("GGNet B.V.", "GGNet") == 1.0
    assert resemblance("Stichting Pro Persona", "ProPersona") == 1.0
    assert resemblance("Lentiss", "Lentis") > 0.85
    # A short code tells organisations apart on purpose; other organisations are not alike.
    assert resemblance("Werkbedrijf Twente B", "Werkbedrijf Twente C") == 0.0
    assert resemblance("GGZ Noord", "GGZ Oost") < 0.85
    assert resemblance("UWV Achterhoek", "GGZ Achterhoek") < 0.85


def test_a_renamed_organisation_stops_the_import_until_recorded_as_a_rename(
    db, database_url, monkeypatch, capsys
):
    ids = [f"G{n}" for n in range(6)]
    load(db, "trajecten", rows(ids))
    load(db, "trajecten", rows(["U1", "U2"], organisation="UWV Achterhoek"))
    assert started(db) == 8 and by_organisation(db) == {"GGNet": 6, "UWV Achterhoek": 2}
    with db.engine.connect() as connection:
        ggnet = connection.execute(select(Organisation.id).where(Organisation.naam == "GGNet")).scalar_one()
    renamed = rows([*ids, "G6"], organisation="GGNet B.V.")

    # A check warns, saying which organisation the name resembles; the import stops without
    # "toch importeren", and nothing is written.
    checked = load(db, "trajecten", renamed, check_only=True)
    assert len(checked.waarschuwingen) == 1
    assert f"lijkt op de bekende organisatie 'GGNet' (nummer {ggnet})" in checked.summary()
    with pytest.raises(ImportUnconfirmed) as caught:
        load(db, "trajecten", renamed)
    report = caught.value.report()
    assert f"lijkt op de bekende organisatie 'GGNet' (nummer {ggnet})" in report
    assert 'hzw organisatie hernoem "GGNet" "GGNet B.V."' in report
    assert "--toch-importeren" in report
    assert started(db) == 8 and stored(db, Organisation) == 2 and stored(db, ImportLog) == 2

    # beheer records the rename: same organisation, new name, former name kept.
    monkeypatch.setenv("HZW_DATABASE_URL", database_url)
    assert run(cli, ["organisatie", "hernoem", "ggnet", "GGNet B.V."]) == 0
    assert f"AM09: 'GGNet' heet nu 'GGNet B.V.' (nummer {ggnet})" in capsys.readouterr().out
    assert by_organisation(db) == {"GGNet B.V.": 6, "UWV Achterhoek": 2}

    # Now the file goes in and everything is counted once.
    result = load(db, "trajecten", renamed)
    assert (result.nieuw, result.ongewijzigd, result.ontbrekend) == (1, 6, 0)
    assert started(db) == 9 and by_organisation(db) == {"GGNet B.V.": 7, "UWV Achterhoek": 2}
    # A file still under the old name is read as the same organisation.
    old_name = load(db, "trajecten", rows([*ids, "G6", "G7"], organisation="ggnet"))
    assert (old_name.nieuw, old_name.ongewijzigd) == (1, 7)
    assert started(db) == 10 and stored(db, Organisation) == 2
    with db.engine.connect() as connection:
        names = connection.execute(select(Organisation.id, Organisation.naam).order_by(Organisation.id)).all()
        audit = connection.execute(select(AuditEvent.gebeurtenis)).scalars().all()
    assert (ggnet, "GGNet B.V.") in [tuple(row) for row in names]
    assert "organisatie hernoemd" in audit
    assert summary_is_exact(db)


def test_a_resembling_name_confirmed_as_new_becomes_a_second_organisation(db):
    load(db, "trajecten", rows(["G1", "G2"]))
    result = load(db, "trajecten", rows(["N1"], organisation="GGNet B.V."), new_organisations=["ggnet b.v."])
    assert result.nieuw == 1
    assert "Nieuwe organisatie bevestigd: 'GGNet B.V.' in AM09, naast 'GGNet'." in result.summary()
    assert by_organisation(db) == {"GGNet": 2, "GGNet B.V.": 1}
    # Once it exists, the name is known and needs no confirmation again.
    assert load(db, "trajecten", rows(["N1", "N2"], organisation="GGNet B.V.")).nieuw == 1


def test_a_meeting_file_naming_a_resembling_organisation_is_stopped_too(db):
    load(db, "trajecten", rows(["G1"]))
    meeting = {"regio": "AM09", "soort": "leerbijeenkomst", "datum": "2026-03-01", "organisaties": "GGNet BV"}
    with pytest.raises(ImportUnconfirmed) as caught:
        load(db, "bijeenkomsten", [meeting])
    assert "'GGNet BV' is nieuw in AM09" in caught.value.warnings[0]
    assert stored(db, Organisation) == 1
    # "toch importeren": the name becomes a second organisation.
    assert load(db, "bijeenkomsten", [meeting], accept_warnings=True).nieuw == 1
    assert stored(db, Organisation) == 2


def test_renames_that_cannot_be_made_change_nothing(db):
    load(db, "trajecten", rows(["G1"]) + rows(["U1"], organisation="UWV Achterhoek"))
    load(db, "trajecten", rows(["N1"], regio="AM01"))
    with pytest.raises(IdentityError, match="Er is geen organisatie 'Lentis'"):
        rename_organisation(db, "Lentis", "Lentis B.V.", user="t")
    with pytest.raises(IdentityError, match=r"meer dan één regio \(AM01, AM09\); kies er één met --regio"):
        rename_organisation(db, "GGNet", "GGNet B.V.", user="t")
    with pytest.raises(IdentityError, match="voegt geen organisaties samen"):
        rename_organisation(db, "GGNet", "uwv achterhoek", user="t", region="AM09")
    with pytest.raises(IdentityError, match="van 1 tot 160 tekens"):
        rename_organisation(db, "GGNet", "   ", user="t", region="AM09")
    assert stored(db, OrganisationAlias) == 0
    with db.engine.connect() as connection:
        names = set(connection.execute(select(Organisation.naam)).scalars())
    assert names == {"GGNet", "UWV Achterhoek"}


def test_renaming_back_makes_the_former_name_current_again(db):
    load(db, "trajecten", rows(["G1"]))
    rename_organisation(db, "GGNet", "GGNet B.V.", user="t")
    rename_organisation(db, "GGNet B.V.", "GGNet", user="t")
    with db.engine.connect() as connection:
        aliases = connection.execute(select(OrganisationAlias.naam)).scalars().all()
    assert aliases == ["GGNet B.V."]
    assert load(db, "trajecten", rows(["G1"], organisation="GGNet B.V.")).ongewijzigd == 1
    assert by_organisation(db) == {"GGNet": 1}


def test_an_unknown_region_for_a_rename_is_a_dutch_error(db, database_url, monkeypatch, capsys):
    monkeypatch.setenv("HZW_DATABASE_URL", database_url)
    load(db, "trajecten", rows(["G1"]))
    assert run(cli, ["organisatie", "hernoem", "GGNet", "GGNet B.V.", "--regio", "AM99"]) == 1
    err = capsys.readouterr().err
    assert "Onbekende regio 'AM99'" in err and "Traceback" not in err
    assert run(cli, ["organisatie", "hernoem", "GGNet", "GGNet B.V.", "--regio", "achterhoek"]) == 0
