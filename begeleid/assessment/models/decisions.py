"""Assessment policy per programme, and the summative assessment (the decision).

A signed assessment is immutable: the services refuse, the model refuses, and database
triggers (migration 0002) refuse. Each signed decision carries a SHA-256 hash chained to
the previous signed decision of its organisation (see ``services.chain``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from ..enums import AssessmentStatus, ConsensusRule, DecidingRole, Outcome, ReviewMode


class AssessmentPolicy(TenantModel):
    """How a programme decides competence; shown to learners in plain Dutch."""

    programme = models.OneToOneField(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="assessment_policy",
        verbose_name=_("opleidingstraject"),
    )
    deciding_role = models.CharField(
        _("wie beslist"), max_length=20, choices=DecidingRole.choices, default=DecidingRole.ASSESSOR
    )
    first_supervisor_may_decide = models.BooleanField(
        _("de eerste begeleider mag zelf beslissen"), default=False
    )
    min_evidence = models.PositiveSmallIntegerField(
        _("minimaal aantal vrijgegeven bewijsstukken voor een aanvraag"),
        default=1,
        validators=[MaxValueValidator(50)],
    )
    review_mode = models.CharField(
        _("tweede oordeel"), max_length=20, choices=ReviewMode.choices, default=ReviewMode.NONE
    )
    consensus_rule = models.CharField(
        _("regel bij verschil van oordeel"),
        max_length=20,
        choices=ConsensusRule.choices,
        default=ConsensusRule.BOTH_AGREE,
    )
    committee_size = models.PositiveSmallIntegerField(
        _("aantal commissieleden"),
        default=2,
        help_text=_("Alleen bij een commissie: zoveel leden geven elk hun oordeel (minstens 2)."),
        validators=[MinValueValidator(2), MaxValueValidator(9)],
    )
    validity_months = models.PositiveSmallIntegerField(
        _("geldigheid in maanden"),
        null=True,
        blank=True,
        help_text=_("Leeg: de bekwaamverklaring verloopt niet."),
        validators=[MaxValueValidator(120)],
    )
    min_days_between_attempts = models.PositiveSmallIntegerField(
        _("minimaal aantal dagen tussen twee beoordelingen van dezelfde bekwaamheid"),
        default=0,
        validators=[MaxValueValidator(365)],
    )
    # The frequency rule: at least ``min_performances`` confirmed performances of a
    # declared procedure in the last ``per_months`` months. Empty: no rule.
    min_performances = models.PositiveSmallIntegerField(
        _("minimaal aantal bevestigde verrichtingen"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    per_months = models.PositiveSmallIntegerField(
        _("in de afgelopen maanden"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
    )

    class Meta:
        verbose_name = _("beoordelingsbeleid")
        verbose_name_plural = _("beoordelingsbeleid")

    def __str__(self):
        return f"{_('Beoordelingsbeleid')} – {self.programme}"


class Assessment(TenantModel):
    """One summative assessment of one competence of one learner: scores, evidence, decision."""

    enrolment = models.ForeignKey(
        "programmes.Enrolment",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("leertraject"),
    )
    competence = models.ForeignKey(
        "frameworks.Competence",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("bekwaamheid"),
    )
    rubric_version = models.ForeignKey(
        "assessment.RubricVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("rubric"),
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.REQUESTED,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments_decided",
        verbose_name=_("beoordelaar"),
    )
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices, blank=True)
    rationale = models.TextField(_("onderbouwing"), blank=True)
    feedforward = models.TextField(_("feedforward"), blank=True)
    evidence = models.ManyToManyField(
        "formative.Release", blank=True, related_name="assessments", verbose_name=_("bewijs")
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    second_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments_confirmed",
        verbose_name=_("tweede beoordelaar"),
    )
    second_note = models.TextField(_("toelichting tweede beoordelaar"), blank=True)
    signed_at = models.DateTimeField(_("ondertekend op"), null=True, blank=True)
    hash = models.CharField(_("vingerafdruk"), max_length=64, blank=True)
    previous_hash = models.CharField(_("vorige vingerafdruk"), max_length=64, blank=True)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("corrigeert"),
    )
    correction_reason = models.TextField(_("reden van de correctie"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True)
                | (~Q(outcome="") & ~Q(hash="") & Q(assessor__isnull=False)),
                name="assessment_signed_is_complete",
            ),
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(correction_reason=""),
                name="assessment_correction_has_reason",
            ),
            # One chain per organisation: no two signed decisions follow the same one.
            models.UniqueConstraint(
                fields=["organisation", "previous_hash"],
                condition=Q(signed_at__isnull=False),
                name="assessment_chain_no_fork",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "signed_at"]),
            models.Index(fields=["enrolment", "competence"]),
        ]
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")

    def __str__(self):
        return f"{self.competence} – {self.enrolment.learner}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def save(self, *args, **kwargs):
        # The triggers are the last line; this is the first, with a clearer message.
        if self.pk and type(self).objects.filter(pk=self.pk, signed_at__isnull=False).exists():
            raise TypeError("A signed assessment is immutable; record a correction instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.signed_at is not None:
            raise TypeError("A signed assessment is never deleted")
        return super().delete(*args, **kwargs)


class Score(TenantModel):
    """The level an assessor gave on one criterion of the rubric."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("beoordeling")
    )
    criterion = models.ForeignKey(
        "assessment.Criterion", on_delete=models.PROTECT, related_name="+"
    )
    level = models.ForeignKey("assessment.ScaleLevel", on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["assessment", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="score_unique"),
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self):
        return f"{self.criterion}: {self.level}"


class CommitteeView(TenantModel):
    """One committee member's own view on an assessment, before the chair's joint decision.

    One per member; immutable once the joint decision is signed (model, services and
    database triggers of migration 0006 refuse).
    """

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="committee_views",
        verbose_name=_("beoordeling"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commissielid"),
    )
    outcome = models.CharField(_("oordeel"), max_length=20, choices=Outcome.choices)
    rationale = models.TextField(_("onderbouwing"))
    recorded_at = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        ordering = ["assessment", "recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "member"], name="committee_view_one_per_member"
            ),
        ]
        verbose_name = _("oordeel van een commissielid")
        verbose_name_plural = _("oordelen van commissieleden")

    def __str__(self):
        return f"{self.member}: {self.get_outcome_display()}"

    def _assessment_signed(self) -> bool:
        return Assessment.objects.filter(pk=self.assessment_id, signed_at__isnull=False).exists()

    def save(self, *args, **kwargs):
        if self._assessment_signed():
            raise TypeError("A committee view of a signed assessment is immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._assessment_signed():
            raise TypeError("A committee view of a signed assessment is never deleted")
        return super().delete(*args, **kwargs)
