"""The training budget of a team for one calendar year (set by HR)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel


class Budget(TenantModel):
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.CASCADE,
        related_name="training_budgets",
        verbose_name=_("team"),
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(
        _("budget (euro)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["team", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["team", "year"], name="budget_one_per_team_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_not_negative"),
        ]
        verbose_name = _("scholingsbudget")
        verbose_name_plural = _("scholingsbudgetten")

    def __str__(self):
        return f"{self.team} {self.year}"
