from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from ..enums import InterprofessionalKind


class InterprofessionalActivity(TenantModel):
    """Professionals of at least two professions learning with, from or about each other."""

    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        related_name="interprofessional_activities",
        verbose_name=_("team"),
    )
    kind = models.CharField(_("soort"), max_length=8, choices=InterprofessionalKind.choices)
    date = models.DateField(_("datum"))
    title = models.CharField(_("activiteit"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    learned = models.TextField(_("wat is er geleerd"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="interprofessional_activities",
        verbose_name=_("deelnemers"),
    )
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="interprofessional_learning",
        verbose_name=_("betrokken lerenden"),
    )
    # The participants' professions at the time, so later job changes don't rewrite history.
    professions = models.ManyToManyField(
        "organisations.Profession",
        related_name="interprofessional_activities",
        verbose_name=_("beroepen"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["team", "-date"])]
        verbose_name = _("interprofessionele activiteit")
        verbose_name_plural = _("interprofessionele activiteiten")

    def __str__(self):
        return self.title
