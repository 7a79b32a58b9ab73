"""The narrative data layer: who reads and writes, versions, carried-over actions and safe text.

AM09 of ``known`` has no stuurgroep, so its periods are the tertials; AM01 gets two stuurgroep
days below, so its periods run up to each of them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from dashboard.auth.viewer import PUBLIC_VIEWER, Viewer
from dashboard.data.access import NoAccess
from dashboard.data.narrative_checks import ActionInput, BottleneckInput, NarrativeError, NarrativeInput
from dashboard.data.narrative_models import NarrativeVersion
from dashboard.data.narratives import (
    current_narratives,
    narrative_for,
    narrative_with_history,
    narratives_in,
    periods_for,
    save_narrative,
    versions,
)
from dashboard.data.themes import add_theme, rename_theme, retire_theme, themes
from dashboard.i18n import use_language
from dashboard.text.markup import MAX_LENGTH
from tests.conftest import PEILDATUM
from tests.helpers import load

REGIO = Viewer("rob", "regio", frozenset({"AM09"}))
LANDELIJK = Viewer("kim", "landelijk")
BEHEER = Viewer("lex", "beheer")
VALID_BSN = "111222333"  # passes the eleven test


def _content(**changes: object) -> NarrativeInput:
    base = NarrativeInput(
        explanations={"gestart": "Twee **nieuwe** ggz-aanbieders zijn gestart in maart."},
        bottlenecks=(BottleneckInput("Wachtlijst bij de ggz", ("capaciteit ggz",)),),
        actions=(ActionInput("Werkgeversavond organiseren", "UWV", dt.date(2026, 3, 1), "open", "a1"),),
        success_factors="Vaste jobcoach per team",
    )
    return NarrativeInput(**{**base.__dict__, **changes})


def _count(db) -> int:
    with db.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(NarrativeVersion)))


def test_periods_are_tertials_or_run_up_to_each_stuurgroep(known):
    assert [(p.key, p.start, p.end) for p in periods_for(known, "AM09", 2026)] == [
        ("2026-T1", dt.date(2026, 1, 1), dt.date(2026, 4, 30)),
        ("2026-T2", dt.date(2026, 5, 1), dt.date(2026, 8, 31)),
        ("2026-T3", dt.date(2026, 9, 1), dt.date(2026, 12, 31)),
    ]
    days = [{"regio": "AM01", "soort": "stuurgroep", "datum": d} for d in ("2026-03-10", "2026-06-19")]
    load(known, "bijeenkomsten", days, today=PEILDATUM)
    periods = periods_for(known, "AM01", 2026)
    assert [(p.key, p.start, p.end, p.steering_group) for p in periods] == [
        ("sg-2026-03-10", dt.date(2026, 1, 1), dt.date(2026, 3, 10), dt.date(2026, 3, 10)),
        ("sg-2026-06-19", dt.date(2026, 3, 11), dt.date(2026, 6, 19), dt.date(2026, 6, 19)),
        ("na-sg-2026-06-19", dt.date(2026, 6, 20), dt.date(2026, 12, 31), None),
    ]
    # The stuurgroep day itself belongs to the period it closes.
    assert narrative_for(known, LANDELIJK, "AM01", dt.date(2026, 6, 19)) is None
    save_narrative(known, BEHEER, "AM01", "sg-2026-06-19", _content())
    assert narrative_for(known, LANDELIJK, "AM01", dt.date(2026, 6, 19)).period.key == "sg-2026-06-19"


def test_regio_writes_its_own_region_and_every_role_reads_as_allowed(known):
    saved = save_narrative(known, REGIO, "AM09", "2026-T2", _content())
    assert (saved.version, saved.saved_by, saved.public) == (1, "rob", False)
    for viewer in (REGIO, LANDELIJK, BEHEER, Viewer("eva", "regio", frozenset({"AM01"}))):
        found = narrative_for(known, viewer, "AM09", dt.date(2026, 6, 30))
        assert found.bottlenecks[0].themes == ("capaciteit ggz",)
    assert narrative_for(known, PUBLIC_VIEWER, "AM09", dt.date(2026, 6, 30)) is None
    with pytest.raises(NoAccess):
        save_narrative(known, REGIO, "AM01", "2026-T2", _content())
    with pytest.raises(NoAccess):
        save_narrative(known, LANDELIJK, "AM09", "2026-T2", _content())
    with pytest.raises(NoAccess):
        save_narrative(known, PUBLIC_VIEWER, "AM09", "2026-T2", _content())
    with pytest.raises(NoAccess):
        versions(known, PUBLIC_VIEWER, "AM09", "2026-T2")
    assert _count(known) == 1
    save_narrative(known, BEHEER, "AM01", "2026-T2", _content(public=True))
    assert narrative_for(known, PUBLIC_VIEWER, "AM01", dt.date(2026, 6, 30)).region == "AM01"
    # A later version that is not public hides the narrative from the public again.
    save_narrative(known, BEHEER, "AM01", "2026-T2", _content(public=False))
    assert narrative_for(known, PUBLIC_VIEWER, "AM01", dt.date(2026, 6, 30)) is None
    assert [n.region for n in narratives_in(known, PUBLIC_VIEWER, 2026)] == []
    assert [n.region for n in narratives_in(known, LANDELIJK, 2026)] == ["AM01", "AM09"]


def test_every_save_is_a_version_and_earlier_ones_stay_readable(known):
    save_narrative(known, REGIO, "AM09", "2026-T2", _content())
    save_narrative(known, BEHEER, "AM09", "2026-T2", _content(success_factors="Korte lijnen met UWV"))
    history = versions(known, LANDELIJK, "AM09", "2026-T2")
    assert [(n.version, n.saved_by) for n in history] == [(1, "rob"), (2, "lex")]
    assert history[0].success_factors == "Vaste jobcoach per team"
    assert narrative_for(known, REGIO, "AM09", dt.date(2026, 5, 1)).success_factors == "Korte lijnen met UWV"
    assert history[0].saved_at <= history[1].saved_at


def test_unfinished_actions_carry_over_with_their_origin_and_are_flagged_overdue(known):
    actions = (
        ActionInput("Werkgeversavond organiseren", "UWV", dt.date(2026, 3, 1), "open", "a1"),
        ActionInput("Convenant tekenen", "gemeente Utrecht", dt.date(2026, 4, 1), "klaar", "a2"),
        ActionInput("Inkoop ggz afstemmen", "projectleider", dt.date(2026, 9, 1), "bezig", "a3"),
    )
    save_narrative(known, REGIO, "AM09", "2026-T1", _content(actions=actions))
    carried = narrative_for(known, REGIO, "AM09", dt.date(2026, 6, 30))
    assert carried.version == 0
    assert [(a.uid, a.since) for a in carried.actions] == [("a1", "2026-T1"), ("a3", "2026-T1")]
    assert [a.overdue(dt.date(2026, 6, 30)) for a in carried.actions] == [True, False]
    # The next period's save takes one up (its origin stays where it began) and finishes it.
    save_narrative(known, REGIO, "AM09", "2026-T2", _content(actions=(actions[0],)))
    assert [a.since for a in narrative_for(known, REGIO, "AM09", dt.date(2026, 6, 30)).actions] == [
        "2026-T1",
        "2026-T1",
    ]
    done = ActionInput("Werkgeversavond organiseren", "UWV", dt.date(2026, 3, 1), "klaar", "a1")
    save_narrative(known, REGIO, "AM09", "2026-T2", _content(actions=(done,)))
    later = narrative_for(known, REGIO, "AM09", dt.date(2026, 10, 1))
    assert [a.uid for a in later.actions] == ["a3"]


@pytest.mark.parametrize(
    ("content", "field", "line"),
    [
        (
            _content(explanations={"duurzaam": f"Goed nieuws.\nClient {VALID_BSN} is aan het werk."}),
            "duurzame uitstroom",
            2,
        ),
        (_content(development_points="Mail p.jansen@example.nl voor details"), "Ontwikkelpunten", 1),
        (
            _content(actions=(ActionInput("Bellen", "06-12345678", dt.date(2026, 5, 1), "open"),)),
            "Eigenaar van actie 1",
            1,
        ),
    ],
)
def test_personal_data_is_refused_with_field_and_line_and_nothing_is_saved(known, content, field, line):
    with pytest.raises(NarrativeError) as refused:
        save_narrative(known, REGIO, "AM09", "2026-T2", content)
    message = str(refused.value)
    assert field in message and f"regel {line}" in message and "Niets is opgeslagen" in message
    assert VALID_BSN not in message and "jansen" not in message
    assert _count(known) == 0
    with use_language("en"):
        assert "Nothing was saved" in str(refused.value)


def test_length_unknown_themes_and_bad_periods_are_refused(known):
    with pytest.raises(NarrativeError, match="te lang: 2001 tekens"):
        save_narrative(known, REGIO, "AM09", "2026-T2", _content(success_factors="x" * (MAX_LENGTH + 1)))
    save_narrative(known, REGIO, "AM09", "2026-T2", _content(success_factors="x" * MAX_LENGTH))
    with pytest.raises(NarrativeError, match="onbekend thema"):
        save_narrative(
            known, REGIO, "AM09", "2026-T2", _content(bottlenecks=(BottleneckInput("x", ("ufo",)),))
        )
    with pytest.raises(NarrativeError, match="geen thema"):
        save_narrative(known, REGIO, "AM09", "2026-T2", _content(bottlenecks=(BottleneckInput("x", ()),)))
    with pytest.raises(NarrativeError, match="Onbekende periode"):
        save_narrative(known, REGIO, "AM09", "sg-2026-02-30", _content())
    assert _count(known) == 1


def test_beheer_keeps_the_theme_list(known):
    with pytest.raises(NoAccess):
        add_theme(known, REGIO, "huisvesting")
    assert add_theme(known, BEHEER, "  huisvesting ") == "huisvesting"
    with pytest.raises(NarrativeError):
        add_theme(known, BEHEER, "huisvesting")
    save_narrative(
        known, REGIO, "AM09", "2026-T2", _content(bottlenecks=(BottleneckInput("x", ("huisvesting",)),))
    )
    rename_theme(known, BEHEER, "huisvesting", "wonen")
    retire_theme(known, BEHEER, "wonen")
    assert "wonen" not in themes(known) and "capaciteit ggz" in themes(known)
    # The saved bottleneck keeps its (renamed, retired) theme.
    assert narrative_for(known, LANDELIJK, "AM09", PEILDATUM).bottlenecks[0].themes == ("wonen",)
    with pytest.raises(NarrativeError):
        rename_theme(known, BEHEER, "wonen", "capaciteit ggz")


def test_current_narratives_of_all_regions_are_what_each_region_reads_alone(known):
    # AM01 with stuurgroep days (one in 2025, two in 2026), AM09 with tertials, AM02 with nothing.
    days = [
        {"regio": "AM01", "soort": "stuurgroep", "datum": d}
        for d in ("2025-11-20", "2026-03-10", "2026-06-19")
    ]
    load(known, "bijeenkomsten", days, today=PEILDATUM)
    open_action = (ActionInput("Werkgeversavond organiseren", "UWV", dt.date(2026, 3, 1), "open", "a1"),)
    save_narrative(known, BEHEER, "AM01", "sg-2026-03-10", _content(actions=open_action))
    save_narrative(known, BEHEER, "AM01", "sg-2026-06-19", _content(public=True, actions=()))
    save_narrative(known, REGIO, "AM09", "2026-T1", _content(actions=open_action))
    save_narrative(known, REGIO, "AM09", "2026-T3", _content(success_factors="Korte lijnen"))
    save_narrative(known, BEHEER, "AM01", "sg-2025-11-20", _content())
    checked_days = [dt.date(2025, 12, 1), dt.date(2026, 3, 10), dt.date(2026, 3, 11), dt.date(2026, 6, 19)]
    checked_days += [dt.date(2026, 8, 31), dt.date(2026, 9, 1), PEILDATUM]
    for viewer in (LANDELIJK, PUBLIC_VIEWER):
        for day in checked_days:
            alone = {code: narrative_for(known, viewer, code, day) for code in ("AM01", "AM02", "AM09")}
            together = current_narratives(known, viewer, day)
            assert together == {code: n for code, n in alone.items() if n is not None}, (viewer.role, day)
    # Something was found on the days that matter: carried actions and the public's one version.
    assert current_narratives(known, LANDELIJK, dt.date(2026, 5, 1))["AM09"].version == 0
    assert set(current_narratives(known, PUBLIC_VIEWER, dt.date(2026, 7, 1))) == set()
    assert set(current_narratives(known, PUBLIC_VIEWER, dt.date(2026, 6, 1))) == {"AM01"}
    with pytest.raises(NoAccess):
        current_narratives(known, Viewer("x", "onbekend"), PEILDATUM)


def test_the_story_with_its_history_is_what_narrative_for_and_versions_read_apart(known):
    # AM09 saves under tertials, then a stuurgroep recorded later cuts its year into other periods.
    open_action = (ActionInput("Werkgeversavond organiseren", "UWV", dt.date(2026, 3, 1), "open", "a1"),)
    save_narrative(known, REGIO, "AM09", "2026-T1", _content(actions=open_action))
    save_narrative(known, REGIO, "AM09", "2026-T2", _content(public=True))
    save_narrative(known, BEHEER, "AM09", "2026-T2", _content(success_factors="Korte lijnen"))
    days = [dt.date(2026, 2, 1), dt.date(2026, 5, 1), dt.date(2026, 8, 31), PEILDATUM]
    viewers = (REGIO, LANDELIJK, BEHEER, PUBLIC_VIEWER)

    def check() -> int:
        found = 0
        for viewer in viewers:
            for day in days:
                story, history = narrative_with_history(known, viewer, "AM09", day)
                assert story == narrative_for(known, viewer, "AM09", day), (viewer.role, day)
                key = periods_for(known, "AM09", day.year)
                period = next(p for p in key if p.start <= day <= p.end)
                apart = versions(known, viewer, "AM09", period.key) if viewer.signed_in else []
                assert history == apart, (viewer.role, day)
                found += len(history)
        return found

    assert check() > 0
    load(
        known,
        "bijeenkomsten",
        [{"regio": "AM09", "soort": "stuurgroep", "datum": "2026-04-20"}],
        today=PEILDATUM,
    )
    save_narrative(known, REGIO, "AM09", "sg-2026-04-20", _content(actions=()))
    assert check() > 0
