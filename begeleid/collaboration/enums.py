from django.db import models
from django.utils.translation import gettext_lazy as _


class VisionStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    PUBLISHED = "published", _("gepubliceerd")
    ARCHIVED = "archived", _("gearchiveerd")


class VisionQuestion(models.TextChoices):
    """The four questions of the model's first element (visie op leren en begeleiden)."""

    LEARNING = "learning", _("Is leren kennisoverdracht of professionele ontwikkeling?")
    MISTAKES = "mistakes", _("Zijn fouten een risico of een leerbron?")
    COMPETENCE = "competence", _("Wanneer is iemand bekwaam?")
    AUTONOMY = "autonomy", _("Hoeveel autonomie krijgt een lerende per fase?")


class WorkfloorTopic(models.TextChoices):
    """What the model says must at least be clear on the workfloor (element 7)."""

    FIRST_SUPERVISOR = "first_supervisor", _("Wie de eerste begeleider is")
    GUIDANCE_MOMENTS = "guidance_moments", _("Wanneer de begeleidingsmomenten zijn")
    FEEDBACK_RECORDING = "feedback_recording", _("Hoe feedback gegeven en vastgelegd wordt")
    DEVELOPMENT_REVIEW = "development_review", _("Wanneer de ontwikkeling besproken wordt")


class AgreementStatus(models.TextChoices):
    ACTIVE = "active", _("geldend")
    ARCHIVED = "archived", _("vervallen")


class MeetingKind(models.TextChoices):
    LEARNING_CIRCLE = "learning_circle", _("leercirkel")
    SUPERVISOR_MEETING = "supervisor_meeting", _("begeleidersoverleg")
    CASE_DISCUSSION = "case_discussion", _("multidisciplinaire casusbespreking")
    INTERVISION = "intervision", _("intervisie")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("afgerond")


class SignalLevel(models.TextChoices):
    TEAM = "team", _("team")
    ORGANISATION = "organisation", _("organisatie")


class SignalStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_DISCUSSION = "in_discussion", _("in bespreking")
    RESOLVED = "resolved", _("afgehandeld")


class InterprofessionalKind(models.TextChoices):
    WITH = "with", _("met elkaar leren")
    FROM = "from", _("van elkaar leren")
    ABOUT = "about", _("over elkaar leren")
