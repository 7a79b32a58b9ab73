"""A region's narrative page of the pack: its story, its actions and what changed since the stuurgroep.

Pure: drawn from one ``Narrative`` and the region report's ``changes``, so the pack says what the
region page and the presentation say. Texts go in as plain text (the markup is for screens).
"""

from __future__ import annotations

import datetime as dt

from dashboard.documents.pack.model import PackSection, PackTable
from dashboard.i18n import _
from dashboard.reports.narrative import GOALS, Narrative
from dashboard.reports.since import RegionChanges
from dashboard.text import format as fmt
from dashboard.text.changes import change_line, changes_sentence, rank_line
from dashboard.text.markup import to_plain
from dashboard.text.narrative import GOAL_NAMES, action_state, explanation_lines, period_label, themes_text


def _block(heading: str, lines: list[str]) -> str:
    # A block of the PDF is one paragraph: its heading, then a line per item.
    return "\n".join([heading, *lines]) if lines else ""


def narrative_text(narrative: Narrative | None, changes: RegionChanges) -> str:
    """The page's text: what changed, then the explanations, bottlenecks and what works and what not."""
    changed = _block(_("Sinds de laatste stuurgroep"), [changes_sentence(changes)])
    if narrative is None:
        return "\n\n".join([_("Voor deze periode is nog geen verhaal vastgelegd."), changed])
    heading = _("Verhaal over {periode} (versie {versie} van {datum})").format(
        periode=period_label(narrative.period),
        versie=narrative.version,
        datum=fmt.date(narrative.saved_at.date()),
    )
    bottlenecks = [
        "• "
        + _("{knelpunt} (thema's: {themas})").format(
            knelpunt=to_plain(b.text).replace("\n", " "), themas=themes_text(b.themes)
        )
        for b in narrative.bottlenecks
    ]
    blocks = [
        heading,
        changed,
        _block(_("Toelichting per doel"), explanation_lines(narrative)),
        _block(_("Knelpunten"), bottlenecks),
        _block(_("Succesfactoren"), to_plain(narrative.success_factors).splitlines()),
        _block(_("Ontwikkelpunten"), to_plain(narrative.development_points).splitlines()),
    ]
    return "\n\n".join(block for block in blocks if block)


def actions_table(narrative: Narrative, day: dt.date) -> PackTable:
    """Every action of the period: what, who, by when and how far, *achterstallig* in words."""
    rows = [
        [
            to_plain(action.text).replace("\n", " "),
            action.owner,
            fmt.date(action.due),
            action_state(action, day),
        ]
        for action in sorted(narrative.actions, key=lambda a: (a.due, a.uid))
    ]
    return PackTable(
        _("Acties ({periode})").format(periode=period_label(narrative.period)),
        [_("Actie"), _("Eigenaar"), _("Vóór"), _("Status")],
        rows,
    )


def changes_table(changes: RegionChanges) -> PackTable:
    """Per goal the change since the comparison day, as the gauges write it (arrow, sign, then → now)."""
    rows = [
        [_(GOAL_NAMES[goal]), change_line(changes.goal(goal), changes.comparison) or "–"] for goal in GOALS
    ]
    rank = rank_line(changes.rank, changes.comparison)
    if rank:
        rows.append([_("Rangorde"), rank])
    return PackTable(_("Veranderingen sinds de laatste stuurgroep"), [_("Doel"), _("Verandering")], rows)


def narrative_section(
    name: str, narrative: Narrative | None, changes: RegionChanges, day: dt.date
) -> PackSection:
    """The region's narrative page: text, actions table (when there are actions) and changes table."""
    tables = [changes_table(changes)]
    if narrative is not None and narrative.actions:
        tables.insert(0, actions_table(narrative, day))
    return PackSection(
        _("Regio {regio}: verhaal en acties").format(regio=name),
        narrative_text(narrative, changes),
        [],
        tables,
    )
