"""What changed since the comparison day, in words: arrow lines and the sentence of a region.

Read from ``dashboard.reports.since`` objects, in the current language. Every change carries its
sign and an arrow in text (▲ ▼ =), never in colour alone.
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard.i18n import _, ngettext
from dashboard.reports.since import (
    CHOSEN_DAY,
    LAST_STEERING_GROUP,
    NO_COMPARISON,
    Comparison,
    GoalChange,
    RankMove,
    RegionChanges,
)
from dashboard.text import format as fmt
from dashboard.text.rounding import rounded

UP, DOWN, SAME = "▲", "▼", "="


def comparison_label(comparison: Comparison) -> str:
    """``laatste stuurgroep (3 september 2026)``: the comparison day and where it came from."""
    if comparison.day is None:
        return _(NO_COMPARISON)
    return _("{bron} ({datum})").format(bron=_(comparison.source), datum=fmt.date(comparison.day))


def since_phrase(comparison: Comparison) -> str:
    """``sinds de stuurgroep van 3 september 2026``, ``sinds 15 september 2026`` or a year earlier."""
    day = fmt.date(comparison.day)
    if comparison.source == LAST_STEERING_GROUP:
        return _("sinds de stuurgroep van {datum}").format(datum=day)
    if comparison.source == CHOSEN_DAY:
        return _("sinds {datum}").format(datum=day)
    return _("vergeleken met een jaar eerder ({datum})").format(datum=day)


def _signed(difference: float, decimals: int) -> tuple[str, str]:
    """The arrow and the signed number of a difference, as it is shown after rounding."""
    shown = rounded(abs(difference), decimals)
    if not shown:
        return SAME, "±" + fmt.number(0, decimals)
    if difference > 0:
        return UP, "+" + fmt.number(abs(difference), decimals)
    return DOWN, "−" + fmt.number(abs(difference), decimals)


def _value(change: GoalChange, value: float | None) -> str:
    return fmt.percentage(value) if change.percent else fmt.number(value)


def change_line(change: GoalChange, comparison: Comparison) -> str:
    """``▲ +12 sinds de stuurgroep van 3 september 2026 (36 → 48)``; empty without a difference."""
    difference = change.difference
    if difference is None or comparison.day is None:
        return ""
    arrow, signed = _signed(difference, 1 if change.percent else 0)
    if change.percent:
        signed = _("{verschil} procentpunt").format(verschil=signed)
    return _("{pijl} {verschil} {sinds} ({toen} → {nu})").format(
        pijl=arrow,
        verschil=signed,
        sinds=since_phrase(comparison),
        toen=_value(change, change.then),
        nu=_value(change, change.now),
    )


def rank_words(move: RankMove) -> str:
    """``▲ 2 plaatsen gestegen in de rangorde``; empty when a place is unknown."""
    places = move.places
    if places is None or move.now is None:
        return ""
    if places > 0:
        return f"{UP} " + ngettext(
            "{n} plaats gestegen in de rangorde", "{n} plaatsen gestegen in de rangorde", places
        ).format(n=places)
    if places < 0:
        return f"{DOWN} " + ngettext(
            "{n} plaats gedaald in de rangorde", "{n} plaatsen gedaald in de rangorde", -places
        ).format(n=-places)
    return f"{SAME} " + _("gelijk gebleven in de rangorde (plaats {plaats})").format(plaats=move.now.place)


def rank_line(move: RankMove, comparison: Comparison) -> str:
    """``▲ 2 plaatsen gestegen in de rangorde sinds … (van 14 naar 12 van 35)``; empty when unknown."""
    words = rank_words(move)
    if not words or move.then is None or move.now is None or comparison.day is None:
        return ""
    return _("{woorden} {sinds} (van plaats {toen} naar {nu} van {totaal})").format(
        woorden=words,
        sinds=since_phrase(comparison),
        toen=move.then.place,
        nu=move.now.place,
        totaal=move.now.total,
    )


def _count(change: GoalChange, label: str, none: str, counted: Callable[[int], str]) -> str:
    """``14 trajecten gestart`` (``counted`` writes the number in singular or plural), ``none`` for 0."""
    if change.now is None:
        return _("{wat}: geen gegevens").format(wat=label)
    difference = change.difference
    if difference is None:
        return ""
    n = int(rounded(difference, 0))
    if n == 0:
        return none
    shown = fmt.number(n) if n > 0 else "−" + fmt.number(-n)
    return counted(abs(n)).format(n=shown)


def _started(change: GoalChange) -> str:
    text = _count(
        change,
        _("trajecten gestart"),
        _("geen trajecten gestart"),
        lambda n: ngettext("{n} traject gestart", "{n} trajecten gestart", n),
    )
    if change.now is None or not text:
        return text
    return _("{gestart} (nu {nu} van {doel})").format(
        gestart=text, nu=fmt.number(change.now), doel=fmt.number(change.target)
    )


def _outflow(change: GoalChange) -> str:
    if change.now is None or change.difference is None:
        return ""
    _arrow, signed = _signed(change.difference, 1)
    return _("duurzame uitstroom {verschil} procentpunt (nu {nu})").format(
        verschil=signed, nu=fmt.percentage(change.now)
    )


def _signed_goal(label: str, change: GoalChange) -> str:
    if change.now is None:
        return _("{wat}: geen gegevens").format(wat=label)
    if change.difference is None:
        return ""
    _arrow, signed = _signed(change.difference, 1 if change.percent else 0)
    if change.percent:
        signed = _("{verschil} procentpunt").format(verschil=signed)
    return _("{wat} {verschil} (nu {nu})").format(wat=label, verschil=signed, nu=_value(change, change.now))


def changes_sentence(changes: RegionChanges) -> str:
    """What changed in a region since its comparison day, in one sentence, from the report only.

    ``Sinds de stuurgroep van 3 september 2026: 14 trajecten gestart (nu 48 van 100), duurzame
    uitstroom +2,0 procentpunt (nu 38 %), geen leerbijeenkomst, 1 casusbespreking; 2 plaatsen
    gestegen in de rangorde.`` Against a year earlier the goals are compared, not counted since.
    """
    compared = changes.comparison
    if compared.day is None:
        return _("Er is nog geen eerdere stuurgroep om mee te vergelijken.")
    if compared.same_year:
        head = since_phrase(compared)
        parts = [
            _started(changes.goal("gestart")),
            _outflow(changes.goal("duurzaam")),
            _count(
                changes.goal("leer"),
                _("leerbijeenkomsten"),
                _("geen leerbijeenkomst"),
                lambda n: ngettext("{n} leerbijeenkomst", "{n} leerbijeenkomsten", n),
            ),
            _count(
                changes.goal("casus"),
                _("casusbesprekingen"),
                _("geen casusbespreking"),
                lambda n: ngettext("{n} casusbespreking", "{n} casusbesprekingen", n),
            ),
        ]
    else:
        head = _("vergeleken met dezelfde datum een jaar eerder ({datum})").format(
            datum=fmt.date(compared.day)
        )
        parts = [
            _signed_goal(_("trajecten gestart"), changes.goal("gestart")),
            _signed_goal(_("duurzame uitstroom"), changes.goal("duurzaam")),
            _signed_goal(_("leerbijeenkomsten"), changes.goal("leer")),
            _signed_goal(_("casusbesprekingen"), changes.goal("casus")),
        ]
    # Without data on the comparison day (none delivered yet) there is no change to tell.
    text = ", ".join(p for p in parts if p) or _("toen nog geen gegevens")
    rank = rank_words(changes.rank)
    if rank:
        # The arrow belongs to lines and tiles; in a sentence the words say it.
        text += "; " + rank[2:]
    return _("{kop}: {wat}.").format(kop=head[:1].upper() + head[1:], wat=text)


def difference_phrase(comparison: Comparison) -> str:
    """``verschil sinds de stuurgroep van 3 september 2026``: a screen's line naming its comparison."""
    day = fmt.date(comparison.day)
    if comparison.source == LAST_STEERING_GROUP:
        return _("verschil sinds de stuurgroep van {datum}").format(datum=day)
    if comparison.source == CHOSEN_DAY:
        return _("verschil sinds {date}").format(date=day)
    return _("verschil met een jaar eerder ({datum})").format(datum=day)


def rank_mark(move: RankMove) -> str:
    """``▲2``, ``▼1`` or ``=``: the places a region moved, beside its value; empty when unknown."""
    places = move.places
    if places is None:
        return ""
    if places > 0:
        return f"{UP}{places}"
    if places < 0:
        return f"{DOWN}{-places}"
    return SAME


def value_mark(difference: float | None) -> str:
    """``▲ +12``, ``▼ −3`` or ``= ±0``: a change rounded as shown (whole numbers or points)."""
    if difference is None:
        return ""
    arrow, signed = _signed(difference, 0)
    return f"{arrow} {signed}"
