import datetime as dt

import pytest
from dash.development.base_component import Component

from callbacks.presentation import draw_deck, draw_step, show_from_store
from layouts.presentation import Show, parse_show, sequence
from tests.test_callbacks import text_of


def run(app, fn, *args):
    with app.server.app_context():
        return fn(*args)


@pytest.mark.zuiver
def test_sequence_runs_from_country_through_chosen_regions_to_meetings():
    steps = sequence(("AM09", "AM01"))
    assert [s.kind for s in steps] == ["tegels", "kaart", "rangorde", "regio", "regio", "bijeenkomsten"]
    assert [s.title for s in steps if s.kind == "regio"] == ["Achterhoek", "Groningen"]
    # From a region page: the region's own screens first, then the national context.
    first = sequence(("AM09",), regions_first=True)
    assert [s.kind for s in first] == ["regio", "tegels", "kaart", "rangorde", "bijeenkomsten"]


def test_presenting_from_a_region_page_starts_with_that_region(region_app):
    from layouts.exports import presentation_link

    href = presentation_link(2026, "2026-06-30", ("AM09",)).href
    assert href == "/presentatie?jaar=2026&peildatum=2026-06-30&regios=AM09&begin=regio"
    with region_app.server.app_context():
        show = parse_show({"jaar": "2026", "peildatum": "2026-06-30", "regios": "AM09", "begin": "regio"})
        assert show.regions_first and show_from_store(show.query(1)) == show
        # Without regions there is nothing to start with.
        assert not parse_show({"begin": "regio"}).regions_first
    screen, position, _query, _total = run(region_app, draw_step, 1, show.query(1), "")
    assert position == "Scherm 1 van 5: Achterhoek"
    assert text_of(screen).startswith("Regio Achterhoek · 2026")


def test_show_from_url_is_checked_and_round_trips(region_app):
    with region_app.server.app_context():
        show = parse_show(
            {
                "jaar": "2025",
                "peildatum": "2026-03-31",
                "regios": "am09,XX,AM01,AM09",
                "sinds": "2026-01-15",
                "auto": "30",
            }
        )
        assert show == Show(2025, dt.date(2026, 3, 31), ("AM09", "AM01"), dt.date(2026, 1, 15), 30)
        assert show_from_store(show.query(3)) == show
        # Odd values fall back: a peildatum after the data date, an auto-advance of 1 second.
        odd = parse_show({"peildatum": "2099-01-01", "auto": "1", "regios": ["AM09"], "sinds": "2099-01-01"})
        assert odd.peildatum == dt.date(2026, 6, 30) and odd.auto_seconds == 0 and odd.since is None


def test_every_screen_says_its_peildatum_and_shows_the_known_numbers(region_app):
    stored = "?jaar=2026&peildatum=2026-06-30&regios=AM09"
    screen, position, query, total = run(region_app, draw_step, 4, stored, "")
    text = text_of(screen)
    assert position == "Scherm 4 van 5: Achterhoek"
    assert text.startswith("Regio Achterhoek · 2026 Cijfers t/m 30 juni 2026")
    assert "4 van 100" in text
    assert query == "?jaar=2026&peildatum=2026-06-30&regios=AM09&stap=4"
    for step in range(1, 6):
        screen, _position, _query, _total = run(region_app, draw_step, step, stored, "")
        assert "Cijfers t/m 30 juni 2026" in text_of(screen)
    meetings, *_rest = run(region_app, draw_step, 5, stored, "")
    assert "Achterhoek" in text_of(meetings) and "Groningen" not in text_of(meetings)
    # The address already shows this screen: not written again (no extra history step).
    _screen, _position, query, _total = run(region_app, draw_step, 4, stored, stored + "&stap=4")
    assert query is not None and not isinstance(query, str)


def test_screens_compared_with_a_date_show_the_change_and_only_those_say_so(region_app):
    stored = "?jaar=2026&peildatum=2026-06-30&regios=AM09&sinds=2026-03-31"
    tiles, kaart, rangorde, regio, bijeenkomsten = (
        text_of(run(region_app, draw_step, step, stored, "")[0]) for step in range(1, 6)
    )
    said = "verschil sinds 31 maart 2026"
    assert said in tiles and "Op 31 maart 2026: 6 (▲ +2)" in tiles
    for text in (kaart, rangorde):
        assert said in text and "Sinds 31 maart 2026: +2 trajecten gestart in het land (van 6 naar 8)" in text
    assert said in bijeenkomsten
    assert "Sinds 31 maart 2026: ±0 leerbijeenkomsten en +1 casusbesprekingen in het land" in bijeenkomsten
    # The region screen compares with the chosen day too: each gauge says its change since then.
    assert said in regio and "sinds 31 maart 2026" in regio.replace(said, "")


def graphs(component) -> list:
    """Every dcc.Graph in a component tree."""
    if isinstance(component, list | tuple):
        return [g for c in component for g in graphs(c)]
    if hasattr(component, "figure"):
        return [component]
    children = getattr(component, "children", None)
    return graphs(children) if isinstance(children, list | tuple | Component) else []


def test_a_region_screen_says_each_number_and_date_once_at_the_size_of_the_window(region_app):
    stored = "?jaar=2026&peildatum=2026-06-30&regios=AM09"
    small, *_rest = run(region_app, draw_step, 4, stored, "", {"width": 1280, "height": 720})
    large, *_rest = run(region_app, draw_step, 4, stored, "", {"width": 3840, "height": 2160})
    text = text_of(small)
    # The date once (in the screen's date line), the goal of starts once, beside its number.
    assert text.count("30 juni 2026") == 1
    assert text.count("van 100") == 1 and "4 van 100 (jaardoel)" in text
    dials = [g.figure for g in graphs(small)]
    # The dials show the number as a bar only: the card says it in words.
    assert len(dials) == 4 and {d.data[0].mode for d in dials} == {"gauge"}
    big = [g.figure for g in graphs(large)]
    # Three times the window: three times the dial and its text (give or take a rounded pixel).
    assert big[0].layout.height == pytest.approx(3 * dials[0].layout.height, rel=0.02)
    assert big[0].layout.font.size == pytest.approx(3 * dials[0].layout.font.size, rel=0.05)


def test_the_number_of_screens_follows_the_window(region_app):
    stored = "?jaar=2026&peildatum=2026-06-30"
    *_rest, total = run(region_app, draw_step, 1, stored, "", {"width": 1280, "height": 720})
    *_rest, low_total = run(region_app, draw_step, 1, stored, "", {"width": 1280, "height": 400})
    assert int(total) > 4 and int(low_total) > int(total)
    # The first meetings screen lists the first regions of the report, the last the last ones.
    first, position, _query, _total = run(
        region_app, draw_step, 4, stored, "", {"width": 1280, "height": 720}
    )
    last, *_rest = run(region_app, draw_step, int(total), stored, "", {"width": 1280, "height": 720})
    assert position == f"Scherm 4 van {total}: Bijeenkomsten 1/{int(total) - 3}"
    assert "Groningen" in text_of(first) and "Groningen" not in text_of(last)
    assert "Maastricht" not in text_of(first) and "Zuid-Limburg" in text_of(last)


def ids_in(component) -> list:
    """Every component id in a tree."""
    if isinstance(component, list | tuple):
        return [i for c in component for i in ids_in(c)]
    if not isinstance(component, Component):
        return []
    own = [component.id] if getattr(component, "id", None) is not None else []
    return own + ids_in(getattr(component, "children", None))


def test_the_deck_holds_every_screen_in_order_with_its_position_and_address(region_app):
    stored = "?jaar=2026&peildatum=2026-06-30&regios=AM09,AM01"
    slides, deck, total = run(region_app, draw_deck, stored, {"width": 1920, "height": 1080})
    assert total == "6" and len(slides) == len(deck) == 6
    assert [s.to_plotly_json()["props"]["data-step"] for s in slides] == ["1", "2", "3", "4", "5", "6"]
    assert [d["position"] for d in deck] == [
        "Scherm 1 van 6: Landelijk overzicht",
        "Scherm 2 van 6: Kaart: % van het jaardoel",
        "Scherm 3 van 6: Rangorde van de regio's",
        "Scherm 4 van 6: Achterhoek",
        "Scherm 5 van 6: Groningen",
        "Scherm 6 van 6: Bijeenkomsten",
    ]
    assert deck[3]["query"] == "?jaar=2026&peildatum=2026-06-30&regios=AM09%2CAM01&stap=4"
    # Each slide is the screen a single step draws, at the same window size.
    for number, slide in enumerate(slides, start=1):
        alone, *_rest = run(region_app, draw_step, number, stored, "", {"width": 1920, "height": 1080})
        assert text_of(slide) == text_of(alone)
    assert text_of(slides[4]).startswith("Regio Groningen · 2026")
    # All screens share one page: no id may appear twice.
    found = ids_in(slides)
    assert len(found) == len(set(map(str, found)))
    # The map, the ranking and both region screens come with their figures.
    assert [len(graphs(s)) > 0 for s in slides] == [False, True, True, True, True, False]
