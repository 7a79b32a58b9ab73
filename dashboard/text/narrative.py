"""Narratives in words: theme counts, actions with their state, periods, in the current language.

Shared by the bottleneck page, presentation screens, presenter notes and the meeting pack, so an
action reads the same everywhere. *Achterstallig* is always written, never shown by colour alone.
"""

from __future__ import annotations

import datetime as dt

from dashboard.i18n import N_, _, ngettext
from dashboard.reports.bottlenecks import ThemeCount
from dashboard.reports.narrative import Action, Narrative, Period
from dashboard.text import format as fmt
from dashboard.text.markup import to_plain

# What each goal's explanation is called, in the order of ``narrative.GOALS``.
GOAL_NAMES = {
    "gestart": N_("Trajecten gestart"),
    "duurzaam": N_("Duurzame uitstroom"),
    "leer": N_("Leerbijeenkomsten"),
    "casus": N_("Casusbesprekingen"),
}


def theme_line(count: ThemeCount) -> str:
    """``financiering/inkoop: 14 regio's, 9 met open acties``."""
    regions = ngettext("{n} regio", "{n} regio's", count.regions).format(n=count.regions)
    return _("{thema}: {regios}, {n} met open acties").format(
        thema=_(count.theme), regios=regions, n=count.with_open_actions
    )


def themes_text(themes: tuple[str, ...]) -> str:
    """``werkgevers, samenwerking``: a bottleneck's themes, translated."""
    return ", ".join(_(theme) for theme in themes)


def period_label(period: Period) -> str:
    """``stuurgroep 19 juni 2026`` or ``1 mei – 31 augustus 2026``."""
    if period.steering_group is not None:
        return _("stuurgroep {datum}").format(datum=fmt.date(period.steering_group))
    return f"{fmt.date(period.start)} – {fmt.date(period.end)}"


def action_state(action: Action, day: dt.date) -> str:
    """``open``, ``bezig``, … and ``achterstallig`` beside it when past its due date."""
    state = _(action.status)
    if action.overdue(day):
        return _("{status}, achterstallig").format(status=state)
    return state


def action_line(action: Action, day: dt.date) -> str:
    """``Werkgeversdag organiseren (UWV, vóór 1 juli 2026): open, achterstallig``."""
    return _("{actie} ({eigenaar}, vóór {datum}): {stand}").format(
        actie=to_plain(action.text).replace("\n", " "),
        eigenaar=action.owner,
        datum=fmt.date(action.due),
        stand=action_state(action, day),
    )


def explanation_lines(narrative: Narrative) -> list[str]:
    """``Trajecten gestart: …`` per goal that has an explanation, in plain text."""
    return [
        f"{_(name)}: {to_plain(narrative.explanations[goal]).replace(chr(10), ' ')}"
        for goal, name in GOAL_NAMES.items()
        if narrative.explanations.get(goal, "").strip()
    ]


def mark_day(narrative: Narrative, peildatum: dt.date) -> dt.date:
    """The day a narrative is marked at on the trend line: its period's end, at most the peildatum.

    The period's end (the stuurgroep it was written for, or the tertial's last day) rather than the
    moment of saving: the narrative explains the figures up to that meeting, and a later correction
    of a typo must not move the mark. A period still running is marked at the peildatum, the end of
    the line, where its figures stand now.
    """
    return min(narrative.period.end, peildatum)


def trend_marks(narratives: list[Narrative], year: int, peildatum: dt.date) -> list[tuple[dt.date, str]]:
    """(day, short label) per narrative of ``year``: ``verhaal: 2 knelpunten, 1 open actie``."""
    marks = []
    for narrative in narratives:
        day = mark_day(narrative, peildatum)
        if day.year != year or narrative.period.start > peildatum:
            continue
        count = len(narrative.bottlenecks)
        opened = len(narrative.open_actions())
        parts = [ngettext("{n} knelpunt", "{n} knelpunten", count).format(n=count)]
        if opened:
            parts.append(ngettext("{n} open actie", "{n} open acties", opened).format(n=opened))
        marks.append((day, _("verhaal: {wat}").format(wat=", ".join(parts))))
    return marks


def story_notes(narrative: Narrative, day: dt.date) -> list[str]:
    """The presenter's notes of a narrative, whole: explanations per goal, bottlenecks, open actions."""
    notes = explanation_lines(narrative)
    notes += [
        _("Knelpunt: {knelpunt} ({themas})").format(
            knelpunt=to_plain(b.text).replace("\n", " "), themas=themes_text(b.themes)
        )
        for b in narrative.bottlenecks
    ]
    notes += [_("Open actie: {actie}").format(actie=action_line(a, day)) for a in narrative.open_actions()]
    return notes
