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
