"""Example narratives for the demo: a few regions, their last two periods, saved as the demo account.

Marked as example data (``voorbeeld``) like the demo's imports. The same ``today`` always gives the
same texts, themes, actions and action uids; AM09 carries one open action over from its previous
period, and one that is past its due date.
"""

from __future__ import annotations

import datetime as dt

from dashboard.auth.viewer import ADMIN, Viewer
from dashboard.data.narrative_checks import ActionInput, BottleneckInput, NarrativeInput
from dashboard.data.narrative_periods import periods_for
from dashboard.data.narratives import save_narrative
from dashboard.infra.db import Database

DEMO_WRITER = Viewer("voorbeelddata", ADMIN)

_EARLIER = {
    "AM09": NarrativeInput(
        explanations={
            "gestart": "De instroom liep begin dit jaar achter: twee **ggz-teams** hadden een vacature.",
            "casus": "Casusbesprekingen schoven door de vakantie; ze staan weer elke zes weken in de agenda.",
        },
        bottlenecks=(
            BottleneckInput("Wachttijd voor een intake bij de ggz loopt op.", ("capaciteit ggz",)),
            BottleneckInput(
                "Financiering van jobcoaching na het eerste jaar is onzeker.", ("financiering/inkoop",)
            ),
        ),
        actions=(
            ActionInput(
                "Afspraken met gemeenten over inkoop jobcoaching",
                "Gemeente (W&I)",
                None,
                "open",
                "demo-am09-1",
            ),
            ActionInput(
                "Werkgeversontbijt met de werkgeversservicepunten", "WSP", None, "open", "demo-am09-2"
            ),
            ActionInput("Vaste contactpersoon UWV per ggz-team", "UWV", None, "klaar", "demo-am09-3"),
        ),
        success_factors="- Vaste jobcoach per team\n- Korte lijnen tussen UWV en ggz",
        development_points="Management en uitvoering kiezen nog niet dezelfde prioriteiten.",
        public=True,
    ),
    "AM01": NarrativeInput(
        explanations={"duurzaam": "Uitstroom blijft achter door **tijdelijke contracten** bij werkgevers."},
        bottlenecks=(BottleneckInput("Werkgevers bieden vooral tijdelijke contracten.", ("werkgevers",)),),
        actions=(ActionInput("Werkgeverskring opzetten", "Projectleider", None, "bezig", "demo-am01-1"),),
        success_factors="Goede samenwerking met de werkgeversservicepunten.",
        public=True,
    ),
}
_CURRENT = {
    "AM09": NarrativeInput(
        explanations={
            "gestart": "Met de nieuwe ggz-aanbieder loopt de instroom weer op tempo.",
            "duurzaam": "Het startcohort is nog jong; de eerste plaatsingen houden stand.",
            "leer": "De tweede leerbijeenkomst ging over werkgeversbenadering.",
        },
        bottlenecks=(
            BottleneckInput("Werkdruk in de werkgroepen is hoog.", ("personeel/werkdruk",)),
            BottleneckInput(
                "Regels rond re-integratie en uitkering schuren.", ("wet- en regelgeving", "samenwerking")
            ),
        ),
        success_factors="Casusbesprekingen met werkgevers aan tafel.",
        development_points="Meer aandacht voor behoud van werk na plaatsing.",
        public=True,
    ),
    "AM12": NarrativeInput(
        explanations={"casus": "Casusbesprekingen liggen stil sinds het vertrek van de voorzitter."},
        bottlenecks=(
            BottleneckInput("Geen vaste voorzitter voor de casusbesprekingen.", ("personeel/werkdruk",)),
        ),
        actions=(ActionInput("Nieuwe voorzitter aanwijzen", "Stuurgroep", None, "open", "demo-am12-1"),),
    ),
    "AM20": NarrativeInput(
        bottlenecks=(
            BottleneckInput("Inkoop bij de gemeenten loopt per gemeente anders.", ("financiering/inkoop",)),
        ),
        actions=(
            ActionInput("Eén inkoopafspraak voor de regio", "Centrumgemeente", None, "open", "demo-am20-1"),
        ),
        success_factors="Werkgevers in de zorg denken actief mee.",
        public=True,
    ),
}
# Days after the start of a period each action is due: the first of AM09 lies before the demo's
# last day (overdue), the second after it.
_DUE_AFTER = {"demo-am09-1": 30, "demo-am09-2": 400, "demo-am09-3": 60, "demo-am01-1": 200}


def _dated(content: NarrativeInput, start: dt.date) -> NarrativeInput:
    actions = tuple(
        ActionInput(a.text, a.owner, start + dt.timedelta(days=_DUE_AFTER.get(a.uid, 90)), a.status, a.uid)
        for a in content.actions
    )
    return NarrativeInput(**{**content.__dict__, "actions": actions})


def load_demo_narratives(db: Database, today: dt.date) -> int:
    """Save the example narratives for the periods around ``today``; returns how many were saved."""
    saved = 0
    for contents, back in ((_EARLIER, 1), (_CURRENT, 0)):
        for region, content in contents.items():
            periods = [*periods_for(db, region, today.year - 1), *periods_for(db, region, today.year)]
            now = next(i for i, p in enumerate(periods) if p.start <= today <= p.end)
            period = periods[now - back]
            save_narrative(db, DEMO_WRITER, region, period.key, _dated(content, period.start), demo=True)
            saved += 1
    return saved
