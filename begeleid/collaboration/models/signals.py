from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from ..enums import SignalLevel, SignalStatus


class Signal(TenantModel):
    """Feedback from the workfloor up to the team or the organisation (the loop back up).

    An anonymous signal stores no raiser at all: ``raised_by`` is NULL and nothing else
    points to the person. The raiser follows it up with a one-time code whose hash is
    kept in ``follow_up_code_hash``; the code itself is never stored.
    """

    level = models.CharField(_("gericht aan"), max_length=12, choices=SignalLevel.choices)
    team = models.ForeignKey(
        "organisations.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collaboration_signals",
        verbose_name=_("team"),
    )
    title = models.CharField(_("signaal"), max_length=200)
    description = models.TextField(_("toelichting"))
    statement = models.ForeignKey(
        "collaboration.VisionStatement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
        verbose_name=_("uitgangspunt van de visie"),
    )
    agreement = models.ForeignKey(
        "collaboration.TeamAgreement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
        verbose_name=_("teamafspraak"),
    )
    is_anonymous = models.BooleanField(_("anoniem"), default=False)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="raised_signals",
        verbose_name=_("gemeld door"),
    )
    follow_up_code_hash = models.CharField(max_length=64, blank=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_signals",
        verbose_name=_("eigenaar"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SignalStatus.choices, default=SignalStatus.OPEN
    )
    resolution = models.TextField(_("afhandeling"), blank=True)
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "level", "status"]),
            models.Index(fields=["team", "status"]),
            models.Index(fields=["follow_up_code_hash"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(raised_by__isnull=True),
                name="signal_anonymous_has_no_raiser",
            ),
            models.CheckConstraint(
                condition=(Q(level="team") & Q(team__isnull=False))
                | (Q(level="organisation") & Q(team__isnull=True)),
                name="signal_team_matches_level",
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved") | ~Q(resolution=""),
                name="signal_resolved_has_resolution",
            ),
        ]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")

    def __str__(self):
        return self.title
