from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from ..enums import AgreementStatus, WorkfloorTopic


class TeamAgreement(TenantModel):
    """A team agreement (teamafspraak): how the team puts the vision into practice."""

    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("team"),
    )
    title = models.CharField(_("afspraak"), max_length=200)
    text = models.TextField(_("uitwerking"), blank=True)
    topic = models.CharField(
        _("onderwerp"),
        max_length=20,
        choices=WorkfloorTopic.choices,
        blank=True,
        help_text=_("Kies het minimum van de werkvloer dat deze afspraak regelt, als dat zo is."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_agreements",
        verbose_name=_("eigenaar"),
    )
    review_date = models.DateField(_("evalueren op"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AgreementStatus.choices,
        default=AgreementStatus.ACTIVE,
    )
    statements = models.ManyToManyField(
        "collaboration.VisionStatement",
        blank=True,
        related_name="agreements",
        verbose_name=_("uitgangspunten van de visie"),
    )

    class Meta:
        ordering = ["team", "topic", "title"]
        indexes = [
            models.Index(fields=["team", "status", "review_date"]),
            # What the coverage page counts per team: the topics its active agreements cover.
            models.Index(fields=["team", "status", "topic"]),
        ]
        verbose_name = _("teamafspraak")
        verbose_name_plural = _("teamafspraken")

    def __str__(self):
        return self.title


class TeamCoverage(models.Model):
    """What a team's active agreements arrange, kept for the coverage page.

    The page orders every team in scope by its gaps and counts per statement how many
    teams put it into practice. Derived from the agreements on every view, that visited
    every active agreement's statement links of the organisation (it grew with the
    organisation); kept here, it is one small row per team. Written only by
    ``services.refresh_coverage``, which the services that write an agreement call (and
    the data generator). Which of the cited lineages are published is read with the page:
    publishing a vision changes no row here.
    """

    team = models.OneToOneField(
        "organisations.Team",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="agreement_coverage",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    # The vision statement lineages its active agreements cite (hex, comma-separated).
    lineages = models.TextField(blank=True, default="")
    # The workfloor topics its active agreements cover (comma-separated).
    topics = models.CharField(max_length=200, blank=True, default="")
    # The earliest review date of its active agreements (None without any).
    earliest_review = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("dekking van een team")
        verbose_name_plural = _("dekking van teams")

    def __str__(self):
        return str(self.team_id)
