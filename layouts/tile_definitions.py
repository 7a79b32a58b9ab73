"""What each national tile's measure means, written for a reader who does not know the programme."""

from __future__ import annotations

from dashboard.i18n import N_

# What each measure means, for a reader who does not know the programme (from the domain's
# definitions, in plain words). Translated where shown.
DEFINITIONS = {
    "tile-trajecten": N_(
        "Wat betekent dit? Het aantal mensen dat dit jaar, tot en met de peildatum, met een traject "
        "naar betaald werk is begonnen. Elke regio streeft naar een eigen aantal per jaar (meestal "
        "100); het landelijke doel is de som daarvan. Het tempo is het aantal dat er nu zou zijn als "
        "het jaardoel gelijkmatig over het jaar wordt gehaald. Het doel is een inspanning, geen norm."
    ),
    "tile-duurzaam": N_(
        "Wat betekent dit? Het deel van de mensen die in één jaar (het startcohort) aan een traject "
        "begonnen, dat minstens zes maanden betaald werk heeft. Het doel is meestal 40 % of meer. Wie "
        "minder dan zes maanden geleden begon, kan dat nog niet gehaald hebben: zo'n cohort is nog niet "
        "uitontwikkeld en wordt nog niet met het doel vergeleken."
    ),
    "tile-regios": N_(
        "Wat betekent dit? Het aantal van de 35 arbeidsmarktregio's dat met de gestarte trajecten op "
        "of boven het tempo naar het eigen jaardoel ligt."
    ),
    "tile-leer": N_(
        "Wat betekent dit? Bijeenkomsten waarin professionals uit de ggz en van werk en inkomen samen "
        "leren. Elke regio streeft naar 3 per jaar; het landelijke doel is de som daarvan."
    ),
    "tile-casus": N_(
        "Wat betekent dit? Regionale besprekingen van de situatie van een deelnemer, ongeveer één per "
        "maand. Elke regio streeft naar 10 per jaar; het landelijke doel is de som daarvan."
    ),
}
