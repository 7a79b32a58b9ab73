"""The national bottleneck page's counts, on fixed narratives whose right answers are known."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.i18n import use_language
from dashboard.reports.bottlenecks import (
    OVERDUE,
    BottleneckFilter,
    bottleneck_report,
    parse_filter,
    tertial_of,
)
from dashboard.reports.narrative import Action, Bottleneck, Narrative, Period
from dashboard.text.narrative import action_line, theme_line

pytestmark = pytest.mark.zuiver

DAY = dt.date(2026, 9, 30)
T1 = Period("2026-T1", dt.date(2026, 1, 1), dt.date(2026, 4, 30))
T2 = Period("2026-T2", dt.date(2026, 5, 1), dt.date(2026, 8, 31))
T3 = Period("2026-T3", dt.date(2026, 9, 1), dt.date(2026, 12, 31))
FINANCE, EMPLOYERS, WORKLOAD = "financiering/inkoop", "werkgevers", "personeel/werkdruk"
THEMES = (FINANCE, EMPLOYERS, WORKLOAD, "samenwerking")


def action(status: str, due: dt.date = dt.date(2026, 12, 1), uid: str = "a") -> Action:
    return Action(uid, "Gesprek met de gemeente", "projectleider", due, status, "2026-T3")


def narrative(
    code: str,
    period: Period,
    bottlenecks: list[tuple[str, ...]],
    actions: tuple[Action, ...] = (),
    version: int = 1,
) -> Narrative:
    return Narrative(
        region=code,
        period=period,
        version=version,
        saved_by="test",
        saved_at=dt.datetime(2026, 9, 1, 12, 0),
        public=True,
        bottlenecks=tuple(
            Bottleneck(f"knelpunt {i} van {code}", themes) for i, themes in enumerate(bottlenecks)
        ),
        actions=actions,
    )


def fixed() -> list[Narrative]:
    """20 regions in T3: 14 name financing, 9 of those have open (or busy) actions."""
    found = []
    for number in range(1, 21):
        code = f"AM{number:02d}"
        themes: list[tuple[str, ...]] = []
        if number <= 14:
            # Two bottlenecks on financing in AM01: still one region.
            themes += [(FINANCE, EMPLOYERS)] + ([(FINANCE,)] if number == 1 else [])
        if number > 10:
            themes.append((WORKLOAD,))
        if number <= 9:
            actions: tuple[Action, ...] = (
                action("open" if number % 2 else "bezig"),
                action("klaar", uid="b"),
            )
        else:
            # Done or lapsed actions are not open ones.
            actions = (action("klaar" if number % 2 else "vervallen"),)
        found.append(narrative(code, T3, themes, actions))
    # Older periods and older versions do not count when a later one exists.
    found.append(narrative("AM15", T2, [(FINANCE,)], (action("open"),)))
    found.append(narrative("AM20", T3, [(FINANCE,)], (action("open"),), version=0))
    return found


def test_counts_regions_per_theme_and_those_with_open_actions():
    report = bottleneck_report(fixed(), 2026, DAY)
    counts = {c.theme: (c.regions, c.with_open_actions) for c in report.counts}
    assert counts == {FINANCE: (14, 9), EMPLOYERS: (14, 9), WORKLOAD: (10, 0)}
    # Most regions first, then most with open actions, then by name.
    assert [c.theme for c in report.counts] == [FINANCE, EMPLOYERS, WORKLOAD]
    assert len(report.rows) == 14 + 1 + 10
    assert report.regions == 20


def test_sentences_in_dutch_and_english():
    counts = bottleneck_report(fixed(), 2026, DAY).counts
    with use_language("nl"):
        assert theme_line(counts[0]) == "financiering/inkoop: 14 regio's, 9 met open acties"
    with use_language("en"):
        assert theme_line(counts[0]) == "financiering/inkoop: 14 regions, 9 with open actions"
    one = bottleneck_report(fixed()[:1], 2026, DAY).counts
    with use_language("nl"):
        assert theme_line(one[0]) == "financiering/inkoop: 1 regio, 1 met open acties"


def test_filter_by_theme_keeps_only_its_bottlenecks_and_count():
    report = bottleneck_report(fixed(), 2026, DAY, BottleneckFilter(theme=WORKLOAD))
    assert [(c.theme, c.regions, c.with_open_actions) for c in report.counts] == [(WORKLOAD, 10, 0)]
    assert {row.region for row in report.rows} == {f"AM{n}" for n in range(11, 21)}
    assert all(WORKLOAD in row.themes for row in report.rows)


def test_filter_by_tertial_takes_that_period_of_each_region():
    report = bottleneck_report(fixed(), 2026, DAY, BottleneckFilter(tertial=2))
    assert [(c.theme, c.regions, c.with_open_actions) for c in report.counts] == [(FINANCE, 1, 1)]
    assert [row.region for row in report.rows] == ["AM15"]
    assert tertial_of(dt.date(2026, 4, 30)) == 1 and tertial_of(dt.date(2026, 5, 1)) == 2


def test_filter_by_action_status_and_overdue():
    busy = bottleneck_report(fixed(), 2026, DAY, BottleneckFilter(status="bezig"))
    # Regions 2, 4, 6 and 8 have a busy action.
    assert {row.region for row in busy.rows} == {"AM02", "AM04", "AM06", "AM08"}
    late = [
        narrative("AM01", T3, [(FINANCE,)], (action("open", dt.date(2026, 9, 1)),)),
        narrative("AM02", T3, [(FINANCE,)], (action("klaar", dt.date(2026, 9, 1)),)),
        narrative("AM03", T3, [(FINANCE,)], (action("bezig", dt.date(2026, 10, 1)),)),
    ]
    overdue = bottleneck_report(late, 2026, DAY, BottleneckFilter(status=OVERDUE))
    assert [row.region for row in overdue.rows] == ["AM01"]
    assert overdue.rows[0].overdue_actions == 1


def test_a_period_not_begun_on_the_day_is_not_the_latest():
    report = bottleneck_report(fixed(), 2026, dt.date(2026, 8, 15))
    assert [row.region for row in report.rows] == ["AM15"]


def test_parse_filter_takes_known_values_only():
    assert parse_filter({"thema": [FINANCE], "periode": "T2", "status": "open"}, THEMES) == BottleneckFilter(
        FINANCE, 2, "open"
    )
    assert parse_filter({"thema": "<script>", "periode": "T7", "status": "weg"}, THEMES) == BottleneckFilter()
    assert BottleneckFilter(FINANCE, 3, None).query() == {"thema": FINANCE, "periode": "T3"}


def test_an_overdue_action_says_so_in_words():
    late = action("open", dt.date(2026, 9, 1))
    with use_language("nl"):
        assert (
            action_line(late, DAY)
            == "Gesprek met de gemeente (projectleider, vóór 1 september 2026): open, achterstallig"
        )
        assert action_line(action("open"), DAY).endswith(": open")
    with use_language("en"):
        assert action_line(late, DAY).endswith("open, overdue")


def _texts(component: object) -> list[str]:
    """Every string in a component tree, in order."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, (list, tuple)):
        return [t for child in component for t in _texts(child)]
    children = getattr(component, "children", None)
    return _texts(children) if children is not None else []


def _links(component: object) -> list[tuple[str, str]]:
    from dash import html

    found = []
    if isinstance(component, html.A):
        found.append((" ".join(_texts(component)), component.href))
    children = component if isinstance(component, (list, tuple)) else getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            found += _links(child)
    elif children is not None and not isinstance(children, str):
        found += _links(children)
    return found


def test_the_page_links_each_bottleneck_to_its_region_and_each_theme_to_its_filter():
    from dashboard.reports.view import View
    from layouts.bottlenecks import content

    view = View.parse({"jaar": "2026"}, DAY)
    with use_language("nl"):
        drawn = content(bottleneck_report(fixed(), 2026, DAY, BottleneckFilter(theme=WORKLOAD)), view)
    links = _links(drawn)
    assert (
        "personeel/werkdruk: 10 regio's, 0 met open acties",
        "/knelpunten?jaar=2026&thema=personeel%2Fwerkdruk",
    ) in links
    regions = [href for _text, href in links if href.startswith("/regio/")]
    assert regions == [f"/regio/AM{n}?jaar=2026" for n in range(11, 21)]
    assert "knelpunt 1 van AM11" in _texts(drawn)
    with use_language("nl"):
        empty = content(bottleneck_report([], 2026, DAY), view)
    assert _texts(empty) == ["Geen knelpunten gevonden voor deze keuze."]


def test_trend_marks_sit_on_the_line_at_each_narratives_day():
    import pandas as pd

    from dashboard.text.narrative import trend_marks
    from layouts.figures.theme import PRINT
    from layouts.figures.trend import trend_figure

    monthly = pd.DataFrame({"jaar": [2026] * 9, "maand": list(range(1, 10)), "gestart": [10] * 9})
    stories = [
        narrative("AM09", T1, [(FINANCE,), (EMPLOYERS,)], (action("open"),)),
        narrative("AM09", T3, [(WORKLOAD,)]),
    ]
    with use_language("nl"):
        marks = trend_marks(stories, 2026, dt.date(2026, 9, 15))
    # T1 at its end; T3, still running, at the peildatum.
    assert marks == [
        (dt.date(2026, 4, 30), "verhaal: 2 knelpunten, 1 open actie"),
        (dt.date(2026, 9, 15), "verhaal: 1 knelpunt"),
    ]
    figure = trend_figure(monthly, 2026, dt.date(2026, 9, 15), 120, years=2, medium=PRINT, marks=marks)
    arrows = [a for a in figure.layout.annotations if a.showarrow]
    assert [(round(a.x, 2), round(a.y, 1), a.text) for a in arrows] == [
        (4.0, 40.0, "verhaal: 2 knelpunten, 1 open actie"),
        # The peildatum, halfway through September, is where the line ends (at 90 so far).
        (8.5, 90.0, "verhaal: 1 knelpunt"),
    ]
    # On a screen the same marks are points on the line, their labels in the hover.
    screen = trend_figure(monthly, 2026, dt.date(2026, 9, 15), 120, years=2, marks=marks)
    assert not [a for a in screen.layout.annotations if a.showarrow]
    points = [trace for trace in screen.data if trace.mode == "markers"]
    assert [(list(p.x), list(p.y), list(p.hovertext)) for p in points] == [
        ([4.0, 8.5], [40.0, 90.0], ["verhaal: 2 knelpunten, 1 open actie", "verhaal: 1 knelpunt"])
    ]
    # A mark of another year, or past the line's end, is not drawn.
    other = trend_figure(
        monthly,
        2026,
        dt.date(2026, 9, 15),
        120,
        medium=PRINT,
        marks=[(dt.date(2025, 6, 1), "x"), (dt.date(2026, 10, 1), "y")],
    )
    assert not [a for a in other.layout.annotations if a.showarrow]
