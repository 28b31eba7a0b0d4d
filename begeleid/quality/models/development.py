"""Supervisor development: self-assessments of the five skills and training records.

Intervision attendance is read from collaboration's meetings and the formal recognition
of the supervisor role is an assessment CompetenceDeclaration; neither is stored here.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from ..enums import SupervisorSkill


class SelfAssessment(TenantModel):
    """A supervisor's own rating of one skill on one date; earlier ratings stay as history."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="supervisor_self_assessments",
        verbose_name=_("begeleider"),
    )
    skill = models.CharField(_("vaardigheid"), max_length=20, choices=SupervisorSkill.choices)
    level = models.PositiveSmallIntegerField(
        _("niveau"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    assessed_on = models.DateField(_("datum"))
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["person", "skill", "-assessed_on", "-id"]
        indexes = [models.Index(fields=["person", "skill", "-assessed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="self_assessment_level_range"
            ),
        ]
        verbose_name = _("zelfbeoordeling")
        verbose_name_plural = _("zelfbeoordelingen")

    def __str__(self):
        return f"{self.get_skill_display()}: {self.level}"


class TrainingRecord(TenantModel):
    """A course a supervisor followed; its cost counts against the team's budget."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_records",
        verbose_name=_("begeleider"),
    )
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        related_name="training_records",
        verbose_name=_("team (budget)"),
    )
    course = models.CharField(_("scholing"), max_length=200)
    provider = models.CharField(_("aanbieder"), max_length=200)
    date = models.DateField(_("datum"))
    hours = models.DecimalField(
        _("uren"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    cost = models.DecimalField(
        _("kosten (euro)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    certificate_note = models.CharField(_("certificaat"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["person", "-date"]),
            models.Index(fields=["team", "date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(cost__gte=0), name="training_record_not_negative"
            ),
        ]
        verbose_name = _("scholing")
        verbose_name_plural = _("scholingen")

    def __str__(self):
        return self.course
