"""Writes for the guidance survey: open a round, answer anonymously once per supervisor."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit

from . import queries_survey
from .models import SurveyParticipation, SurveyResponse, SurveyRound


class SurveyError(ValueError):
    """A request the round does not allow; the message is for the user."""


def open_round(*, team, title, opens_on, closes_on, by) -> SurveyRound:
    if closes_on < opens_on:
        raise SurveyError(_("De einddatum ligt voor de begindatum."))
    with transaction.atomic():
        survey_round = SurveyRound.objects.create(
            organisation_id=team.organisation_id,
            team=team,
            title=title,
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=by,
        )
        record_audit(
            by=by,
            action="quality.open_survey_round",
            obj=survey_round,
            changes={"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()},
        )
    return survey_round


def submit_response(*, round, respondent, supervisor, answers: dict, open_answer=""):
    """Store one anonymous answer and mark (separately) that the respondent answered.

    The response holds no respondent and no date; the participation holds no response.
    Not audited: an audit event would tie the respondent to the moment of answering.
    """
    if not round.is_open_on(timezone.localdate()):
        raise SurveyError(_("Deze evaluatieronde is gesloten."))
    if not queries_survey.supervisors_to_rate(respondent, round).filter(pk=supervisor.pk).exists():
        raise SurveyError(_("Je kunt alleen je eigen begeleiders evalueren."))
    try:
        with transaction.atomic():
            SurveyParticipation.objects.create(
                organisation_id=round.organisation_id,
                round=round,
                supervisor=supervisor,
                person=respondent,
            )
            SurveyResponse.objects.create(
                organisation_id=round.organisation_id,
                round=round,
                supervisor=supervisor,
                open_answer=open_answer.strip(),
                **answers,
            )
    except IntegrityError as error:
        raise SurveyError(_("Je hebt deze begeleider in deze ronde al geëvalueerd.")) from error
