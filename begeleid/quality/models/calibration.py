"""Calibration sessions: several assessors score the same anonymised cases with one rubric."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from ..enums import SessionStatus


class CalibrationSession(TenantModel):
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        related_name="calibration_sessions",
        verbose_name=_("team"),
    )
    title = models.CharField(_("titel"), max_length=200)
    held_on = models.DateField(_("datum"))
    rubric_version = models.ForeignKey(
        "assessment.RubricVersion",
        on_delete=models.PROTECT,
        related_name="calibration_sessions",
        verbose_name=_("rubric"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The reading of the rubric the assessors agreed on, tied to this rubric version.
    agreed_reading = models.TextField(_("afgesproken lezing van de rubric"), blank=True)
    # Frozen at closing: agreement figures per criterion and overall, spread, severity.
    results = models.JSONField(_("uitkomsten"), default=dict, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organisation", "team", "-held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=SessionStatus.OPEN) | Q(closed_at__isnull=False),
                name="calibration_closed_has_date",
            ),
        ]
        verbose_name = _("kalibratiesessie")
        verbose_name_plural = _("kalibratiesessies")

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.OPEN


class CalibrationCase(TenantModel):
    session = models.ForeignKey(CalibrationSession, on_delete=models.CASCADE, related_name="cases")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving van de casus"))
    evidence = models.TextField(
        _("bewijs (geanonimiseerd)"),
        help_text=_("Geen namen of andere gegevens waaraan de lerende te herkennen is."),
    )

    class Meta:
        ordering = ["session", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "position"], name="calibration_case_unique_position"
            ),
        ]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")

    def __str__(self):
        return self.title


class CalibrationParticipant(TenantModel):
    session = models.ForeignKey(
        CalibrationSession, on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="calibration_participations",
        verbose_name=_("beoordelaar"),
    )
    declaration = models.ForeignKey(
        "assessment.CompetenceDeclaration",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bekwaamverklaring"),
    )

    class Meta:
        ordering = ["session", "person__full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="calibration_participant_unique"
            ),
        ]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self):
        return str(self.person)


class CalibrationScore(TenantModel):
    """One assessor's independent score of one criterion for one case."""

    session = models.ForeignKey(CalibrationSession, on_delete=models.CASCADE, related_name="scores")
    case = models.ForeignKey(CalibrationCase, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "assessment.Criterion", on_delete=models.PROTECT, related_name="+"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    value = models.PositiveSmallIntegerField(_("niveau"))

    class Meta:
        ordering = ["case", "criterion", "assessor"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "criterion", "assessor"], name="calibration_score_unique"
            ),
        ]
        verbose_name = _("kalibratiescore")
        verbose_name_plural = _("kalibratiescores")
