"""The guidance survey (evaluatie begeleiding): rounds, anonymous responses, participation.

Anonymity by construction:
- a SurveyResponse holds no respondent, no timestamp and a random primary key, so neither
  a column nor the insertion order links it to a person;
- a SurveyParticipation only marks that a person answered for a supervisor in a round
  (to prevent a second answer) and holds no link to the response.
Figures are shown only from the threshold on (queries_survey.survey_results).
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["organisation", "team", "-opens_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="survey_round_period_order"
            ),
        ]
        verbose_name = _("evaluatieronde")
        verbose_name_plural = _("evaluatierondes")

    def __str__(self):
        return self.title

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())


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
