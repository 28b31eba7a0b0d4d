from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    SOCIALISATION = "socialisation", _("socialisatie")
    INSTRUCTION = "instruction", _("instructie")
    EXPLORATION = "exploration", _("exploratie")
    EVALUATION = "evaluation", _("evaluatie")
    CUSTOM = "custom", _("eigen fase")


class GuidanceForm(models.TextChoices):
    INSTRUCTION = "instruction", _("instructie/training")
    COACHING_ON_THE_JOB = "coaching_on_the_job", _("coaching-on-the-job")
    SHADOW_DAY = "shadow_day", _("meeloopdag")
    REFLECTION = "reflection", _("reflectiegesprek")
    INTERVISION = "intervision", _("intervisie")


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("actief")
    PAUSED = "paused", _("gepauzeerd")
    COMPLETED = "completed", _("afgerond")
    STOPPED = "stopped", _("gestopt")


class Capacity(models.TextChoices):
    FIRST_SUPERVISOR = "first_supervisor", _("eerste begeleider")
    SUPERVISOR = "supervisor", _("werkbegeleider")
    SPECIALIST = "specialist", _("vakspecialist")
    PRACTICE_TRAINER = "practice_trainer", _("praktijkopleider")
    ASSESSOR = "assessor", _("beoordelaar")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    PUBLISHED = "published", _("gepubliceerd")
    RETIRED = "retired", _("vervallen")


# Capacities in which someone guides the learner day to day (not the assessor).
GUIDING_CAPACITIES = frozenset(
    {
        Capacity.FIRST_SUPERVISOR,
        Capacity.SUPERVISOR,
        Capacity.SPECIALIST,
        Capacity.PRACTICE_TRAINER,
    }
)

# Entrustment levels of the expected autonomy in a phase (1 observes … 5 supervises others).
AUTONOMY_LEVELS = {
    1: _("kijkt mee"),
    2: _("voert uit onder direct toezicht"),
    3: _("voert uit met toezicht op afstand"),
    4: _("voert zelfstandig uit"),
    5: _("begeleidt anderen"),
}
