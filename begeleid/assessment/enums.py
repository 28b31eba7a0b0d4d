from django.db import models
from django.utils.translation import gettext_lazy as _


class ScaleKind(models.TextChoices):
    ENTRUSTMENT = "entrustment", _("toevertrouwen en supervisie (1–5)")
    NINE_POINT = "nine_point", _("negenpuntsschaal in drie banden")
    BINARY = "binary", _("bekwaam / nog niet bekwaam")
    CUSTOM = "custom", _("eigen schaal")


class RubricKind(models.TextChoices):
    OBSERVATION = "observation", _("observatieformulier (KPB / mini-CEX)")
    ENTRUSTMENT = "entrustment", _("EPA-toevertrouwingsformulier")
    CHECKLIST = "checklist", _("afvinklijst handeling")
    OTHER = "other", _("overig")


class RubricStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    PUBLISHED = "published", _("gepubliceerd")
    RETIRED = "retired", _("vervallen")


class DecidingRole(models.TextChoices):
    ASSESSOR = "assessor", _("beoordelaar")
    PRACTICE_TRAINER = "practice_trainer", _("praktijkopleider")


class ReviewMode(models.TextChoices):
    NONE = "none", _("één beoordelaar beslist")
    SECOND_ASSESSOR = "second_assessor", _("een tweede beoordelaar bevestigt")
    COMMITTEE = "committee", _("een commissie beslist gezamenlijk")


class ConsensusRule(models.TextChoices):
    BOTH_AGREE = "both_agree", _("beide beoordelaars moeten het eens zijn")
    STRICTEST = "strictest", _("bij verschil geldt het strengste oordeel")


class AssessmentStatus(models.TextChoices):
    REQUESTED = "requested", _("aangevraagd")
    IN_PROGRESS = "in_progress", _("in behandeling")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("wacht op tweede beoordelaar")
    SIGNED = "signed", _("ondertekend")


class Outcome(models.TextChoices):
    COMPETENT = "competent", _("bekwaam")
    NOT_YET_COMPETENT = "not_yet_competent", _("nog niet bekwaam")


class DeclarationStatus(models.TextChoices):
    VALID = "valid", _("geldig")
    EXPIRING = "expiring", _("verloopt binnenkort")
    EXPIRED = "expired", _("verlopen")
    REVOKED = "revoked", _("ingetrokken")
    SUPERSEDED = "superseded", _("vervangen")
    NOT_YET_VALID = "not_yet_valid", _("nog niet geldig")
