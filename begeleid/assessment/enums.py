from django.db import models
from django.utils.translation import gettext_lazy as _


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    PUBLISHED = "published", _("vastgesteld")
    RETIRED = "retired", _("vervallen")


class CompetenceKind(models.TextChoices):
    COMPETENCE = "competence", _("bekwaamheid")
    EPA = "epa", _("EPA (toevertrouwbare beroepsactiviteit)")
    PROCEDURE = "procedure", _("handeling")


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
