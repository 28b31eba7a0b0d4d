"""The guidance model's four phases, the starting point of every new programme."""

from django.utils.translation import gettext_lazy as _

from .enums import GuidanceForm, PhaseKind

DEFAULT_PHASES = [
    {
        "kind": PhaseKind.SOCIALISATION,
        "name": _("Socialisatie"),
        "goals": _(
            "Kennismaken met het team, de afdeling, de werkwijze en de cultuur. De lerende "
            "loopt mee, kijkt mee en leert de dagelijkse routines en afspraken kennen."
        ),
        "expected_autonomy": 1,
        "typical_weeks": 4,
        "targets": {
            GuidanceForm.SHADOW_DAY: 4,
            GuidanceForm.COACHING_ON_THE_JOB: 2,
            GuidanceForm.REFLECTION: 1,
        },
    },
    {
        "kind": PhaseKind.INSTRUCTION,
        "name": _("Instructie"),
        "goals": _(
            "Aanleren van de kernhandelingen en protocollen. De werkbegeleider legt uit en "
            "doet voor; de lerende voert uit onder direct toezicht en krijgt direct feedback."
        ),
        "expected_autonomy": 2,
        "typical_weeks": 8,
        "targets": {
            GuidanceForm.INSTRUCTION: 4,
            GuidanceForm.COACHING_ON_THE_JOB: 4,
            GuidanceForm.REFLECTION: 2,
        },
    },
    {
        "kind": PhaseKind.EXPLORATION,
        "name": _("Exploratie"),
        "goals": _(
            "Zelfstandig toepassen in wisselende en complexere situaties, met toezicht op "
            "afstand. De lerende onderzoekt eigen leervragen en reflecteert op het handelen."
        ),
        "expected_autonomy": 3,
        "typical_weeks": 12,
        "targets": {
            GuidanceForm.COACHING_ON_THE_JOB: 2,
            GuidanceForm.REFLECTION: 2,
            GuidanceForm.INTERVISION: 1,
        },
    },
    {
        "kind": PhaseKind.EVALUATION,
        "name": _("Evaluatie"),
        "goals": _(
            "De volledige beroepsrol zelfstandig uitvoeren en de bekwaamheid aantonen. Het "
            "traject wordt geëvalueerd en de lerende helpt nieuwe collega's op weg."
        ),
        "expected_autonomy": 4,
        "typical_weeks": 4,
        "targets": {
            GuidanceForm.REFLECTION: 2,
            GuidanceForm.INTERVISION: 1,
            GuidanceForm.COACHING_ON_THE_JOB: 1,
        },
    },
]
