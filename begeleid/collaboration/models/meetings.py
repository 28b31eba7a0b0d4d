from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from ..enums import ActionStatus, MeetingKind


class Meeting(TenantModel):
    """A consultation (overleg): learning circle, supervisor meeting, case discussion, intervision."""

    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("team"),
    )
    kind = models.CharField(_("soort overleg"), max_length=20, choices=MeetingKind.choices)
    date = models.DateField(_("datum"))
    title = models.CharField(_("onderwerp"), max_length=200)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="collaboration_meetings",
        verbose_name=_("deelnemers"),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("verslag"), blank=True)
    decisions = models.TextField(_("besluiten"), blank=True)
    is_anonymised = models.BooleanField(
        _("geanonimiseerd"),
        default=False,
        help_text=_("Namen van lerenden worden in het verslag niet getoond."),
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("besproken lerende"),
    )
    signals = models.ManyToManyField(
        "collaboration.Signal",
        blank=True,
        related_name="meetings",
        verbose_name=_("besproken signalen"),
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
        indexes = [models.Index(fields=["team", "kind", "-date"])]
        constraints = [
            # An anonymised case discussion holds no link to the learner at all.
            models.CheckConstraint(
                condition=Q(is_anonymised=False) | Q(learner__isnull=True),
                name="meeting_anonymised_has_no_learner",
            ),
        ]
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d-%m-%Y}: {self.title}"


class ActionItem(TenantModel):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("overleg")
    )
    description = models.CharField(_("actiepunt"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("eigenaar"),
    )
    due_date = models.DateField(_("uiterlijk op"))
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["owner", "status", "due_date"])]
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")

    def __str__(self):
        return self.description


class MeetingCadence(TenantModel):
    """How often a team holds one kind of consultation: every N weeks."""

    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.CASCADE,
        related_name="meeting_cadences",
        verbose_name=_("team"),
    )
    kind = models.CharField(_("soort overleg"), max_length=20, choices=MeetingKind.choices)
    every_weeks = models.PositiveSmallIntegerField(_("elke zoveel weken"))

    class Meta:
        ordering = ["team", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["team", "kind"], name="cadence_unique_team_kind"),
            models.CheckConstraint(
                condition=Q(every_weeks__gte=1) & Q(every_weeks__lte=52),
                name="cadence_weeks_range",
            ),
        ]
        verbose_name = _("overlegritme")
        verbose_name_plural = _("overlegritmes")

    def __str__(self):
        return f"{self.get_kind_display()} / {self.every_weeks}"
