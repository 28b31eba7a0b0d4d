"""The named demo personas: one per role, all with password "demo"."""

from django.utils.translation import gettext_lazy as _

from begeleid.core.demo import DemoPersona

DOMAIN = "demo.begeleid.nl"

PERSONAS = [
    DemoPersona(f"lerende@{DOMAIN}", "Sanne de Vries", _("lerende, Verpleegafdeling Chirurgie")),
    DemoPersona(
        f"begeleider@{DOMAIN}", "Mark Jansen", _("werkbegeleider, Verpleegafdeling Chirurgie")
    ),
    DemoPersona(f"vakspecialist@{DOMAIN}", "Ayşe Yılmaz", _("vakspecialist (fysiotherapeut)")),
    DemoPersona(
        f"praktijkopleider@{DOMAIN}", "Ingrid Bakker", _("praktijkopleider, Snijdende specialismen")
    ),
    DemoPersona(
        f"beoordelaar@{DOMAIN}", "Peter van Dijk", _("beoordelaar, Verpleegafdeling Chirurgie")
    ),
    DemoPersona(
        f"teamleider@{DOMAIN}", "Fatima El Amrani", _("teamleider, Verpleegafdeling Chirurgie")
    ),
    DemoPersona(f"hr@{DOMAIN}", "Linda Visser", _("HR / opleidingsadviseur")),
    DemoPersona(f"manager@{DOMAIN}", "Jeroen Smit", _("leidinggevende")),
    DemoPersona(f"beheer@{DOMAIN}", "Kees Mulder", _("functioneel beheerder")),
]
