"""Who may sign summative decisions: the organisation's requirements, as data.

A requirement names a qualification competence (assessor training, calibration, ...).
An assessor signs only while holding a valid declaration of every active requirement,
issued within ``within_months`` when that is set (see ``assessment.eligibility``).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel


class SigningRequirement(TenantModel):
    competence = models.ForeignKey(
        "frameworks.Competence",
        on_delete=models.PROTECT,
        related_name="signing_requirements",
        verbose_name=_("kwalificatie"),
    )
    within_months = models.PositiveSmallIntegerField(
        _("binnen hoeveel maanden"),
        null=True,
        blank=True,
        help_text=_("Leeg: elke geldige verklaring telt, hoe oud ook."),
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    is_active = models.BooleanField(_("verplicht om te ondertekenen"), default=False)

    class Meta:
        ordering = ["competence__code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "competence"], name="signing_requirement_unique"
            ),
        ]
        verbose_name = _("eis om te ondertekenen")
        verbose_name_plural = _("eisen om te ondertekenen")

    def __str__(self):
        return str(self.competence)
