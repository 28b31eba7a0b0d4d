from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackKind(models.TextChoices):
    OBSERVATION = "observation", _("observatie")
    FEEDBACK = "feedback", _("feedback")
    FEEDFORWARD = "feedforward", _("feedforward")
    COACHING_NOTE = "coaching_note", _("coachingsnotitie")


class EntryKind(models.TextChoices):
    REFLECTION = "reflection", _("reflectie")
    EVIDENCE = "evidence", _("bewijsstuk")
    CERTIFICATE = "certificate", _("certificaat")
    SELF_ASSESSMENT = "self_assessment", _("zelfbeoordeling")


class RequestState(models.TextChoices):
    OPEN = "open", _("open")
    ANSWERED = "answered", _("beantwoord")
    WITHDRAWN = "withdrawn", _("ingetrokken")
    EXPIRED = "expired", _("verlopen")


class NotificationKind(models.TextChoices):
    NEW_FEEDBACK = "new_feedback", _("nieuwe feedback")
    NEW_REQUEST = "new_request", _("nieuw feedbackverzoek")
    REMINDER = "reminder", _("herinnering")
    REACTION = "reaction", _("reactie op feedback")


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("direct per melding")
    DIGEST = "digest", _("één keer per dag een overzicht")


# Timeline filter values: every feedback kind and entry kind, plus guidance moments.
MOMENT = "moment"
