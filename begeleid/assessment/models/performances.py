"""The performance log: how often a person performed a procedure, confirmed by a colleague.

A person logs a performance and names a colleague of the same organisation who saw it.
That colleague confirms or declines; only confirmed performances count for the frequency
rule of the assessment policy. Nobody confirms their own performance.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel


class PerformanceStatus(models.TextChoices):
    PENDING = "pending", _("wacht op bevestiging")
    CONFIRMED = "confirmed", _("bevestigd")
    DECLINED = "declined", _("niet bevestigd")


class ProcedurePerformance(TenantModel):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="procedure_performances",
        verbose_name=_("medewerker"),
    )
    competence = models.ForeignKey(
        "frameworks.Competence",
        on_delete=models.PROTECT,
        related_name="performances",
        verbose_name=_("handeling"),
    )
    performed_on = models.DateField(_("uitgevoerd op"))
    context = models.TextField(_("context"), blank=True)
    confirmer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="performances_to_confirm",
        verbose_name=_("collega die bevestigt"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="performances_confirmed",
        verbose_name=_("bevestigd door"),
    )
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    declined_at = models.DateTimeField(_("niet bevestigd op"), null=True, blank=True)

    class Meta:
        ordering = ["-performed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(confirmer=F("person")), name="performance_not_own_confirmer"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("person")),
                name="performance_not_confirmed_by_self",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True, confirmed_at__isnull=True)
                | Q(confirmed_by__isnull=False, confirmed_at__isnull=False),
                name="performance_confirmation_complete",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(declined_at__isnull=True),
                name="performance_confirmed_or_declined",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "competence", "performed_on"]),
            models.Index(fields=["confirmer", "confirmed_at"]),
        ]
        verbose_name = _("verrichting")
        verbose_name_plural = _("verrichtingen")

    def __str__(self):
        return f"{self.competence} – {self.person} ({self.performed_on})"

    @property
    def status(self) -> str:
        if self.confirmed_at is not None:
            return PerformanceStatus.CONFIRMED
        if self.declined_at is not None:
            return PerformanceStatus.DECLINED
        return PerformanceStatus.PENDING

    def get_status_display(self) -> str:
        return PerformanceStatus(self.status).label
