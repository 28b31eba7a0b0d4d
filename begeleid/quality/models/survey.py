"""The guidance survey (evaluatie begeleiding): rounds, anonymous responses, participation.

Anonymity by construction:
- a SurveyResponse holds no respondent, no timestamp and a random primary key, so neither
  a column nor the insertion order links it to a person;
- a SurveyParticipation only marks that a person answered for a supervisor in a round
  (to prevent a second answer) and holds no link to the response.
Figures are shown only once the round is closed, and only from the round's own threshold
(``min_responses``, at least 3) on (queries_survey.survey_results).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

ITEM_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
DEFAULT_MIN_RESPONSES = 5
ABSOLUTE_MIN_RESPONSES = 3
MAX_MIN_RESPONSES = 100


def default_min_responses() -> int:
    """The threshold k for a new round: settings.GUIDANCE_SURVEY_MIN_RESPONSES (default 5),
    never below 3."""
    configured = getattr(settings, "GUIDANCE_SURVEY_MIN_RESPONSES", DEFAULT_MIN_RESPONSES)
    return max(ABSOLUTE_MIN_RESPONSES, int(configured))


class SurveyRoundQuerySet(models.QuerySet):
    def closed(self, day=None):
        return self.filter(closed_q(day))

    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day, closed_at__isnull=True)


def closed_q(day=None, prefix="") -> Q:
    """Closed: closed early by hand, or past the last day (figures are shown only then)."""
    day = day or timezone.localdate()
    return Q(**{f"{prefix}closed_at__isnull": False}) | Q(**{f"{prefix}closes_on__lt": day})


class SurveyRound(TenantModel):
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        related_name="survey_rounds",
        verbose_name=_("team"),
    )
    title = models.CharField(_("titel"), max_length=200)
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("open tot en met"))
    min_responses = models.PositiveSmallIntegerField(
        _("minimum aantal antwoorden"),
        default=default_min_responses,
        validators=[
            MinValueValidator(ABSOLUTE_MIN_RESPONSES),
            MaxValueValidator(MAX_MIN_RESPONSES),
        ],
        help_text=_(
            "Uitkomsten verschijnen pas vanaf dit aantal antwoorden (minstens 3). "
            "Ligt vast zodra er in de ronde is geantwoord."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SurveyRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["organisation", "team", "-opens_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="survey_round_period_order"
            ),
            models.CheckConstraint(
                condition=Q(min_responses__gte=ABSOLUTE_MIN_RESPONSES),
                name="survey_round_min_responses_at_least_3",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, closed_by__isnull=True)
                | Q(closed_at__isnull=False, closed_by__isnull=False),
                name="survey_round_closed_by_with_closed_at",
            ),
        ]
        verbose_name = _("evaluatieronde")
        verbose_name_plural = _("evaluatierondes")

    def __str__(self):
        return self.title

    def is_open_on(self, day) -> bool:
        return self.closed_at is None and self.opens_on <= day <= self.closes_on

    def is_closed_on(self, day) -> bool:
        return self.closed_at is not None or self.closes_on < day

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())

    @property
    def state(self) -> str:
        """'closed', 'open' or 'planned' (not opened yet), for pages."""
        today = timezone.localdate()
        if self.is_closed_on(today):
            return "closed"
        return "open" if self.opens_on <= today else "planned"

    @property
    def is_closed(self) -> bool:
        """Closed rounds no longer change, so only their figures are shown."""
        return self.is_closed_on(timezone.localdate())


class SurveyResponse(TenantModel):
    """One anonymous answer about one supervisor: no respondent, no date, random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = None
    updated_at = None
    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="responses", verbose_name=_("ronde")
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("begeleider"),
    )
    learning_climate = models.PositiveSmallIntegerField(
        _("leerklimaat"), validators=ITEM_VALIDATORS
    )
    feedback = models.PositiveSmallIntegerField(_("feedback"), validators=ITEM_VALIDATORS)
    safety = models.PositiveSmallIntegerField(_("ruimte voor fouten"), validators=ITEM_VALIDATORS)
    open_answer = models.TextField(_("open antwoord"), blank=True)

    class Meta:
        # Random order: the key is random, so nothing shows the order of answering.
        ordering = ["id"]
        indexes = [models.Index(fields=["round", "supervisor"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(learning_climate__gte=1, learning_climate__lte=5)
                & Q(feedback__gte=1, feedback__lte=5)
                & Q(safety__gte=1, safety__lte=5),
                name="survey_response_items_range",
            ),
        ]
        verbose_name = _("antwoord op de evaluatie")
        verbose_name_plural = _("antwoorden op de evaluatie")

    def __str__(self):
        return str(self.round)


class SurveyParticipation(TenantModel):
    """That ``person`` answered about ``supervisor`` in ``round``; never which answer."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="participations")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_participations"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "supervisor", "person"], name="survey_participation_once"
            ),
        ]
        verbose_name = _("deelname aan de evaluatie")
        verbose_name_plural = _("deelnames aan de evaluatie")
