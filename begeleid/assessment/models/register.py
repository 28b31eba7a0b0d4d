"""The competence register: who is declared competent for what, from when until when.

Status is derived from the dates each time it is read, never stored: a declaration is
expired the day after ``valid_until`` without any job running.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.db.models.lookups import IsNull
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from ..enums import DeclarationStatus

EXPIRING_DAYS = 60


def _not_replaced():
    # Nearly no declaration is replaced, so "superseded_by_id IS NULL" holds for almost
    # every row; SQLite's planner, without statistics, takes it for a selective use of the
    # foreign key's index and reads the whole table through it (0.9 ms for a team's matrix
    # at M, 0.02 through the (person, competence) index). The same test on an expression
    # of the column keeps that index out of the plan.
    replaced_by = ExpressionWrapper(
        F("superseded_by_id") + 0, output_field=models.BigIntegerField()
    )
    return IsNull(replaced_by, True)


class DeclarationQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        """Valid on ``day``: started, not ended, not revoked, not replaced."""
        return self.filter(
            Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            _not_replaced(),
            revoked_at__isnull=True,
        )


def declaration_status(
    valid_from, valid_until, revoked_at, superseded_by_id, day, expiring_days=EXPIRING_DAYS
) -> DeclarationStatus:
    """The status on ``day`` of a declaration with these dates and links (``status_on``),
    for rows read as values."""
    if revoked_at is not None:
        return DeclarationStatus.REVOKED
    if superseded_by_id is not None:
        return DeclarationStatus.SUPERSEDED
    if day < valid_from:
        return DeclarationStatus.NOT_YET_VALID
    if valid_until is None:
        return DeclarationStatus.VALID
    if day > valid_until:
        return DeclarationStatus.EXPIRED
    if (valid_until - day).days <= expiring_days:
        return DeclarationStatus.EXPIRING
    return DeclarationStatus.VALID


class CompetenceDeclaration(TenantModel):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="competence_declarations",
        verbose_name=_("medewerker"),
    )
    competence = models.ForeignKey(
        "frameworks.Competence",
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("bekwaamheid"),
    )
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    decision = models.ForeignKey(
        "assessment.Assessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("besluit"),
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoke_reason = models.TextField(_("reden van intrekking"), blank=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vervangen door"),
    )
    reminded_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["person", "competence", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="declaration_period_order",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="declaration_revocation_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "competence", "valid_until"]),
            models.Index(fields=["person", "competence"]),
        ]
        verbose_name = _("bekwaamverklaring")
        verbose_name_plural = _("bekwaamverklaringen")

    def __str__(self):
        return f"{self.person} – {self.competence}"

    def status_on(self, day: datetime.date, expiring_days: int = EXPIRING_DAYS) -> str:
        return declaration_status(
            self.valid_from,
            self.valid_until,
            self.revoked_at,
            self.superseded_by_id,
            day,
            expiring_days,
        )

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return DeclarationStatus(self.status).label
