"""Reflection and self-assessment prompts that fit the phase the learner is in.

Socialisation asks about arriving; instruction about practising; exploration about
the learner's own learning routes; evaluation about readiness and evidence.
"""

from django.utils.translation import gettext_lazy as _

from begeleid.programmes.enums import PhaseKind

PROMPTS = {
    PhaseKind.SOCIALISATION: [
        _("Wat viel je op aan de werkwijze en de afspraken van het team?"),
        _("Bij wie kun je terecht met vragen, en hoe ging dat deze week?"),
        _("Wat wil je in de komende weken vooral zien of meemaken?"),
    ],
    PhaseKind.INSTRUCTION: [
        _("Welke handeling heb je geoefend, en wat lukte al goed?"),
        _("Welke feedback kreeg je, en wat doe je daar de volgende keer mee?"),
        _("Welk protocol vind je nog lastig, en wat heb je nodig om het te leren?"),
    ],
    PhaseKind.EXPLORATION: [
        _("Welke eigen leerroute heb je deze periode gekozen, en waarom?"),
        _("Waar zocht je zelf informatie of een collega op, en wat leverde dat op?"),
        _("Welke situatie pakte je anders aan dan je geleerd had, en wat leerde je daarvan?"),
    ],
    PhaseKind.EVALUATION: [
        _("Waaruit blijkt dat je deze zorg zelfstandig en veilig kunt geven?"),
        _("Welke bewijsstukken laten je groei het beste zien?"),
        _("Wat neem je mee na je opleiding, en waar blijf je aan werken?"),
    ],
}

GENERAL = [
    _("Wat ging goed, wat kan beter, en wat is je volgende stap?"),
]


def prompts_for(phase) -> list[str]:
    kind = getattr(phase, "kind", None)
    return [str(p) for p in PROMPTS.get(kind, GENERAL)]
