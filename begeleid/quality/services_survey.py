"""Writes for the guidance survey: open, change and close a round, answer anonymously once
per supervisor."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit

from . import queries_survey
from .models import SurveyParticipation, SurveyResponse, SurveyRound
from .models.survey import ABSOLUTE_MIN_RESPONSES, MAX_MIN_RESPONSES, default_min_responses


class SurveyError(ValueError):
    """A request the round does not allow; the message is for the user."""


def _check_min_responses(min_responses):
    if not ABSOLUTE_MIN_RESPONSES <= min_responses <= MAX_MIN_RESPONSES:
        raise SurveyError(
            _("Het minimum aantal antwoorden ligt tussen %(low)s en %(high)s.")
            % {"low": ABSOLUTE_MIN_RESPONSES, "high": MAX_MIN_RESPONSES}
        )


def open_round(*, team, title, opens_on, closes_on, by, min_responses=None) -> SurveyRound:
    if closes_on < opens_on:
        raise SurveyError(_("De einddatum ligt voor de begindatum."))
    if min_responses is None:
        min_responses = default_min_responses()
    _check_min_responses(min_responses)
    with transaction.atomic():
        survey_round = SurveyRound.objects.create(
            organisation_id=team.organisation_id,
            team=team,
            title=title,
            opens_on=opens_on,
            closes_on=closes_on,
            min_responses=min_responses,
            created_by=by,
        )
        record_audit(
            by=by,
            action="quality.open_survey_round",
            obj=survey_round,
            changes={
                "opens_on": opens_on.isoformat(),
                "closes_on": closes_on.isoformat(),
                "min_responses": min_responses,
            },
        )
    return survey_round


def _locked(round) -> SurveyRound:
    """The round again, locked: answering, changing k and closing never interleave."""
    return SurveyRound.objects.select_for_update().get(pk=round.pk)


def change_round(*, round, title, min_responses, by) -> SurveyRound:
    """Change the title, and the threshold as long as nobody has answered yet: with answers
    in, another k would show other figures of the same answers."""
    _check_min_responses(min_responses)
    with transaction.atomic():
        current = _locked(round)
        changes = {}
        if current.min_responses != min_responses:
            if SurveyResponse.objects.filter(round=current).exists():
                raise SurveyError(
                    _("Het minimum aantal antwoorden ligt vast: in deze ronde is al geantwoord.")
                )
            changes["min_responses"] = [current.min_responses, min_responses]
        if current.title != title:
            changes["title"] = [current.title, title]
        if not changes:
            return current
        current.title = title
        current.min_responses = min_responses
        current.save(update_fields=["title", "min_responses", "updated_at"])
        record_audit(by=by, action="quality.change_survey_round", obj=current, changes=changes)
    return current


def close_round(*, round, by) -> SurveyRound:
    """Close the round now: no more answers, and from now on its figures are shown (those
    that reach the round's threshold). A closed round is not opened again: its figures
    would start to change again."""
    with transaction.atomic():
        current = _locked(round)
        if current.is_closed:
            raise SurveyError(_("Deze evaluatieronde is al gesloten."))
        current.closed_at = timezone.now()
        current.closed_by = by
        current.save(update_fields=["closed_at", "closed_by", "updated_at"])
        record_audit(
            by=by,
            action="quality.close_survey_round",
            obj=current,
            changes={
                "closed_at": current.closed_at.isoformat(),
                "closes_on": current.closes_on.isoformat(),
            },
        )
    return current


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
            if not _locked(round).is_open_on(timezone.localdate()):  # closed meanwhile
                raise SurveyError(_("Deze evaluatieronde is gesloten."))
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
