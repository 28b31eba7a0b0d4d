from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("afgesloten")


class SupervisorSkill(models.TextChoices):
    """The five skills of a good supervisor in the guidance model (element 4)."""

    COACHING = "coaching", _("coachende gesprekken voeren")
    FEEDBACK = "feedback", _("constructieve feedback geven")
    REFLECTION = "reflection", _("reflectie stimuleren")
    OBSERVING = "observing", _("observeren en beoordelen")
    DIFFERENCES = "differences", _("omgaan met verschillen in tempo en niveau")


class SurveyItem(models.TextChoices):
    """The closed items of the guidance survey, each answered 1 (oneens) to 5 (eens)."""

    LEARNING_CLIMATE = "learning_climate", _("Het leerklimaat in het team helpt mij te leren.")
    FEEDBACK = "feedback", _("Mijn begeleider geeft bruikbare feedback.")
    SAFETY = "safety", _("Ik durf fouten te maken en daarover te praten.")
