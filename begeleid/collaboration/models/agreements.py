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
