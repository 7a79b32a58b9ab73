"""The View parsed from a URL query: defaults, unusable values, repeated keys and the way back (pure)."""

import datetime as dt
from urllib.parse import parse_qs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.i18n import use_language
from dashboard.reports.view import MAP_FORMS, METRICS, View
from geodata import region_refs

pytestmark = pytest.mark.zuiver

LATEST = dt.date(2026, 6, 30)
CODES = sorted(r.code for r in region_refs())


def messages(view: View) -> list[str]:
    return [str(problem) for problem in view.problems]


def test_an_empty_query_is_the_latest_day_of_the_latest_year():
    view = View.parse({}, LATEST)
    assert (view.year, view.peildatum, view.metric, view.map_form) == (2026, LATEST, "doel", "geo")
    assert view.region is None and view.organisation is None and view.since is None
    # Cohort 2026 cannot be mature on 30 June 2026 (its starts are younger than six months).
    assert view.cohort == 2025 and not view.cohort_chosen and view.outflow.replaced
    assert view.problems == ()


@pytest.mark.parametrize(
    ("query", "field", "shown", "message"),
    [
        (
            {"peildatum": "2026-13-45"},
            "peildatum",
            LATEST,
            "De peildatum '2026-13-45' is geen datum; getoond: de laatste dag.",
        ),
        ({"jaar": "1999"}, "year", 2026, "Het jaar '1999' kan niet: kies 2021 t/m 2026; getoond: 2026."),
        ({"jaar": "abc"}, "year", 2026, "Het jaar 'abc' kan niet: kies 2021 t/m 2026; getoond: 2026."),
        # A year after the peildatum's has nothing to show: the peildatum's year instead.
        (
            {"jaar": "2026", "peildatum": "2025-05-01"},
            "year",
            2025,
            "Het jaar '2026' kan niet: kies 2021 t/m 2025; getoond: 2025.",
        ),
        ({"regio": "XX"}, "region", None, "'XX' is geen arbeidsmarktregio."),
        ({"maat": "onzin"}, "metric", "doel", "De maat 'onzin' bestaat niet; getoond: de standaardmaat."),
        (
            {"sinds": "kapot"},
            "since",
            None,
            "De vergelijkingsdatum 'kapot' is geen datum vóór de peildatum; vergeleken wordt met "
            "dezelfde datum een jaar eerder.",
        ),
        (
            {"sinds": "2026-07-01"},
            "since",
            None,
            "De vergelijkingsdatum '2026-07-01' is geen datum vóór de peildatum; vergeleken wordt met "
            "dezelfde datum een jaar eerder.",
        ),
    ],
)
def test_an_unusable_value_gets_a_dutch_message_and_the_default(query, field, shown, message):
    view = View.parse(query, LATEST)
    assert getattr(view, field) == shown
    assert messages(view) == [message]


def test_every_problem_is_listed_and_the_rest_of_the_view_stands():
    view = View.parse({"peildatum": "2026-13-45", "regio": "XX", "jaar": "2025", "maat": "leer"}, LATEST)
    assert len(view.problems) == 2 and "2026-13-45" in messages(view)[0] and "XX" in messages(view)[1]
    assert (view.year, view.peildatum, view.metric, view.region) == (2025, LATEST, "leer", None)


def test_a_message_is_translated_when_shown():
    view = View.parse({"peildatum": "gisteren", "regio": "XX", "maat": "onzin"}, LATEST)
    with use_language("en"):
        english = messages(view)
    assert english == [
        "The reference date 'gisteren' is not a date; showing the latest day.",
        "The measure 'onzin' does not exist; showing the default measure.",
        "'XX' is not a labour-market region.",
    ]
    assert messages(view)[0].startswith("De peildatum 'gisteren'")


def test_a_long_value_is_cut_in_the_message():
    view = View.parse({"regio": "X" * 500}, LATEST)
    assert messages(view) == [f"'{'X' * 20}' is geen arbeidsmarktregio."]


@pytest.mark.parametrize(
    "query",
    [{}, {"regio": ""}, {"regio": "geen"}, {"peildatum": "2030-01-01"}, {"sinds": ""}, {"kaart": "tegels"}],
)
def test_values_the_controls_send_are_no_problem(query):
    # "geen" is the region select's "mark none"; a date after the data is the latest day; an
    # unknown map form quietly gives the geographic map, as it always did.
    view = View.parse(query, LATEST)
    assert view.problems == () and view.region is None and view.peildatum == LATEST
    assert view.map_form == "geo"


def test_a_region_code_is_read_in_any_case():
    assert View.parse({"regio": "am09"}, LATEST).region == "AM09"


def test_a_repeated_key_counts_its_first_value():
    view = View.parse(
        {"jaar": ["2025", "2026"], "regio": ["AM01", "AM09"], "maat": ["leer", "doel"], "kaart": ["tegel"]},
        LATEST,
    )
    assert (view.year, view.region, view.metric, view.map_form) == (2025, "AM01", "leer", "tegel")
    assert View.parse({"jaar": []}, LATEST).year == 2026


def test_the_query_names_year_and_peildatum_and_the_keys_asked_for():
    view = View.parse({"jaar": "2025", "maat": "duurzaam", "kaart": "tegel", "regio": "AM09"}, LATEST)
    assert view.query() == "?jaar=2025&peildatum=2026-06-30"
    assert view.query("maat", "kaart", "regio", "sinds") == (
        "?jaar=2025&peildatum=2026-06-30&maat=duurzaam&kaart=tegel&regio=AM09"
    )
    # A page at the latest data names the year only; its own parameters come last.
    assert view.query(dated=False) == "?jaar=2025"
    assert view.query(dated=False, extra={"zoek": "fryslân & co"}) == "?jaar=2025&zoek=frysl%C3%A2n+%26+co"


ALL_KEYS = ("cohort", "maat", "kaart", "regio", "organisatie", "sinds")


@st.composite
def views(draw: st.DrawFn) -> View:
    peildatum = draw(st.dates(dt.date(2021, 1, 1), LATEST))
    year = draw(st.integers(2021, peildatum.year))
    query: dict[str, object] = {"jaar": str(year), "peildatum": peildatum.isoformat()}
    if draw(st.booleans()):
        query["cohort"] = str(draw(st.integers(2021, year)))
    query["maat"] = draw(st.sampled_from(METRICS))
    query["kaart"] = draw(st.sampled_from(MAP_FORMS))
    query["regio"] = draw(st.sampled_from(CODES))
    query["organisatie"] = str(draw(st.integers(1, 10**6)))
    if peildatum > dt.date(2021, 1, 1) and draw(st.booleans()):
        query["sinds"] = draw(st.dates(dt.date(2021, 1, 1), peildatum - dt.timedelta(days=1))).isoformat()
    view = View.parse(query, LATEST)
    assert view.problems == ()
    return view


@given(views())
def test_a_view_survives_the_way_through_its_url(view):
    back = View.parse(parse_qs(view.query(*ALL_KEYS).lstrip("?")), LATEST)
    # The URL names the cohort shown, chosen or not: read back it is chosen, and the same one.
    assert back.cohort_chosen and back.but(cohort_chosen=view.cohort_chosen) == view
    assert back.outflow == view.outflow
