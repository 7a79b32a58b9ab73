"""Two versions of a narrative side by side: what changed, field by field, as readable lines."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from dashboard.i18n import N_
from dashboard.reports.narrative import GOALS, Narrative

EXPLANATION_TITLES = {
    "gestart": N_("Uitleg bij gestarte trajecten"),
    "duurzaam": N_("Uitleg bij duurzame uitstroom"),
    "leer": N_("Uitleg bij leerbijeenkomsten"),
    "casus": N_("Uitleg bij casusbesprekingen"),
}


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its Dutch title (translate where shown) and diff lines.

    Each line starts with ``-`` (only in the older version), ``+`` (only in the newer) or a
    space (in both, shown for context).
    """

    title: str
    lines: tuple[str, ...]


def _fields(narrative: Narrative) -> list[tuple[str, list[str]]]:
    fields = [(EXPLANATION_TITLES[g], narrative.explanations.get(g, "").splitlines()) for g in GOALS]
    fields.append((N_("Knelpunten"), [f"{b.text} [{', '.join(b.themes)}]" for b in narrative.bottlenecks]))
    fields.append(
        (
            N_("Acties"),
            [f"{a.text} | {a.owner} | {a.due.isoformat()} | {a.status}" for a in narrative.actions],
        )
    )
    fields.append((N_("Succesfactoren"), narrative.success_factors.splitlines()))
    fields.append((N_("Ontwikkelpunten"), narrative.development_points.splitlines()))
    fields.append((N_("Openbaar"), [N_("ja") if narrative.public else N_("nee")]))
    return fields


def compare(older: Narrative, newer: Narrative) -> list[FieldChange]:
    """The fields that differ between ``older`` and ``newer``, in the order of the form."""
    changes = []
    for (title, before), (_same, after) in zip(_fields(older), _fields(newer), strict=True):
        if before == after:
            continue
        lines = tuple(
            line for line in difflib.ndiff(before, after) if line[:1] in "-+ " and not line.startswith("? ")
        )
        changes.append(FieldChange(title, lines))
    return changes
