from django.db import models
from django.utils.translation import gettext_lazy as _


class MomentStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    HELD = "held", _("gehouden")
    CANCELLED = "cancelled", _("geannuleerd")


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", _("elke week")
    BIWEEKLY = "biweekly", _("om de week")


RECURRENCE_INTERVAL_WEEKS = {Recurrence.WEEKLY: 1, Recurrence.BIWEEKLY: 2}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class ExceptionKind(models.TextChoices):
    SKIP = "skip", _("vervalt")
    MOVE = "move", _("verplaatst")
