"""What a narrative save may hold: the typed input of a save and the checks it passes first.

Every check runs before anything is written, so a refused save changes nothing. Messages are
Dutch (translated where shown), say which field and where, and never repeat the offending text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dashboard.i18n import N_, LazyText, UserError
from dashboard.importing.personal import personal_data
from dashboard.reports.narrative import ACTION_STATUSES, GOALS
from dashboard.text.markup import MAX_LENGTH, too_long

# The longest owner: an organisation or a role fits in a line.
OWNER_LENGTH = 200

EXPLANATION_LABELS = {
    "gestart": N_("Uitleg bij gestarte trajecten"),
    "duurzaam": N_("Uitleg bij duurzame uitstroom"),
    "leer": N_("Uitleg bij leerbijeenkomsten"),
    "casus": N_("Uitleg bij casusbesprekingen"),
}
SUCCESS_LABEL = N_("Succesfactoren")
DEVELOPMENT_LABEL = N_("Ontwikkelpunten")


class NarrativeError(UserError, ValueError):
    """A save that cannot be stored as sent; the message says what to change."""


@dataclass(frozen=True)
class BottleneckInput:
    """A knelpunt as the form sends it."""

    text: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class ActionInput:
    """An action as the form sends it; ``uid`` is empty for a new action."""

    text: str
    owner: str
    due: dt.date | None
    status: str
    uid: str = ""


@dataclass(frozen=True)
class NarrativeInput:
    """Everything one save of a narrative holds (the account, region and period come separately)."""

    explanations: dict[str, str] = field(default_factory=dict)
    bottlenecks: tuple[BottleneckInput, ...] = ()
    actions: tuple[ActionInput, ...] = ()
    success_factors: str = ""
    development_points: str = ""
    public: bool = False


def _text(label: object, source: str, limit: int = MAX_LENGTH) -> str:
    text = (source or "").replace("\r\n", "\n").strip()
    if too_long(text) or len(text) > limit:
        raise NarrativeError(
            N_("{veld} is te lang: {lengte} tekens, ten hoogste {maximum}. Niets is opgeslagen."),
            veld=label,
            lengte=len(text),
            maximum=limit,
        )
    for number, line in enumerate(text.splitlines(), start=1):
        kind = personal_data(line)
        if kind:
            # The text itself is not repeated: field and line are enough to find it.
            raise NarrativeError(
                N_(
                    "{veld}, regel {regel}, bevat {soort}. Persoonsgegevens horen niet in het verhaal: "
                    "haal het weg. Niets is opgeslagen."
                ),
                veld=label,
                regel=number,
                soort=LazyText(kind),
            )
    return text


def _bottleneck(number: int, found: BottleneckInput, known: set[str]) -> BottleneckInput:
    label = LazyText(N_("Knelpunt {nummer}"), nummer=number)
    text = _text(label, found.text)
    themes = tuple(dict.fromkeys(t.strip() for t in found.themes if t and t.strip()))
    if not themes:
        raise NarrativeError(N_("{veld} heeft geen thema: kies er minstens één."), veld=label)
    unknown = [t for t in themes if t not in known]
    if unknown:
        raise NarrativeError(N_("{veld}: onbekend thema '{thema}'."), veld=label, thema=unknown[0][:80])
    return BottleneckInput(text, themes)


def _action(number: int, found: ActionInput) -> ActionInput:
    label = LazyText(N_("Actie {nummer}"), nummer=number)
    text = _text(label, found.text)
    owner = _text(LazyText(N_("Eigenaar van actie {nummer}"), nummer=number), found.owner, OWNER_LENGTH)
    if not owner:
        raise NarrativeError(N_("{veld} heeft geen eigenaar (een organisatie of rol)."), veld=label)
    if found.due is None:
        raise NarrativeError(N_("{veld} heeft geen geldige deadline."), veld=label)
    if found.status not in ACTION_STATUSES:
        raise NarrativeError(N_("{veld} heeft een onbekende status."), veld=label)
    uid = (found.uid or "").strip()
    if len(uid) > 32 or not uid.replace("-", "").isalnum() and uid:
        raise NarrativeError(N_("{veld} is niet te herkennen."), veld=label)
    return ActionInput(text, owner, found.due, found.status, uid)


def checked(content: NarrativeInput, known_themes: set[str]) -> NarrativeInput:
    """``content`` trimmed and checked; rows left wholly empty in the form are dropped.

    Raises:
        NarrativeError: a field too long, holding personal data, a bottleneck without a known
            theme, an action without owner, due date or valid status.
    """
    explanations = {
        goal: _text(EXPLANATION_LABELS[goal], content.explanations.get(goal, "")) for goal in GOALS
    }
    bottlenecks = tuple(
        _bottleneck(number, found, known_themes)
        for number, found in enumerate(content.bottlenecks, start=1)
        if (found.text or "").strip() or found.themes
    )
    actions = tuple(
        _action(number, found)
        for number, found in enumerate(content.actions, start=1)
        if (found.text or "").strip() or (found.owner or "").strip()
    )
    uids = [a.uid for a in actions if a.uid]
    if len(uids) != len(set(uids)):
        raise NarrativeError(N_("Dezelfde actie staat twee keer in het verhaal."))
    return NarrativeInput(
        explanations=explanations,
        bottlenecks=bottlenecks,
        actions=actions,
        success_factors=_text(SUCCESS_LABEL, content.success_factors),
        development_points=_text(DEVELOPMENT_LABEL, content.development_points),
        public=bool(content.public),
    )
