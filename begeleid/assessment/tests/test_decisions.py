import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from begeleid.assessment.enums import AssessmentStatus, ConsensusRule, Outcome, ReviewMode
from begeleid.assessment.models import Assessment, AssessmentPolicy, CompetenceDeclaration
from begeleid.assessment.policy import plain_dutch
from begeleid.assessment.services import chain
from begeleid.assessment.services.decisions import (
    AssessmentError,
    confirm_assessment,
    correct_assessment,
    open_assessment,
    sign_assessment,
)
from begeleid.core.models import AuditEvent

from .cast import decide, qualify


def _policy(cast, **fields):
    return AssessmentPolicy.objects.create(
        organisation=cast.organisation, programme=cast.programme, **fields
    )


def _raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_signing_chains_the_hash_and_declares_the_learner_competent(cast):
    first = cast.signed_assessment
    second = sign_assessment(
        assessment=decide(cast, cast.assessment, cast.assessor), by=cast.assessor
    )

    assert (second.status, len(second.hash)) == (AssessmentStatus.SIGNED, 64)
    assert first.previous_hash == ""
    assert second.previous_hash == first.hash
    assert second.hash == chain.compute_hash(Assessment.objects.get(pk=second.pk))
    declaration = CompetenceDeclaration.objects.get(decision=second)
    assert (declaration.person, declaration.competence, declaration.valid_until) == (
        cast.learner,
        cast.competence,
        None,
    )
    assert AuditEvent.objects.filter(action="assessment.sign", object_uuid=second.uuid).exists()


def test_signed_decision_refuses_update_and_delete_in_the_database(cast):
    signed = cast.signed_assessment

    with pytest.raises(IntegrityError):
        _raw("UPDATE assessment_assessment SET rationale = 'anders' WHERE id = %s", [signed.pk])
    with pytest.raises(IntegrityError):
        _raw("DELETE FROM assessment_assessment WHERE id = %s", [signed.pk])
    with pytest.raises(IntegrityError):
        _raw("DELETE FROM assessment_score WHERE assessment_id = %s", [signed.pk])
    with pytest.raises(IntegrityError):
        _raw("DELETE FROM assessment_assessment_evidence WHERE assessment_id = %s", [signed.pk])

    signed.refresh_from_db()
    assert signed.rationale == "Voert de handeling volgens protocol uit."
    assert signed.scores.count() == 5


def test_signed_decision_refuses_changes_through_the_orm(cast):
    signed = cast.signed_assessment
    signed.rationale = "anders"

    with pytest.raises(TypeError):
        signed.save()
    with pytest.raises(TypeError):
        signed.delete()
    with pytest.raises(AssessmentError):
        sign_assessment(assessment=signed, by=cast.assessor)


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_signed_decisions_on_teardown():
    # A transactional test: its teardown flushes every table (DELETE on SQLite, TRUNCATE
    # on PostgreSQL) while the signed decision of the cast exists.
    from tests.cast import build_cast

    cast = build_cast()
    assert Assessment.objects.filter(pk=cast.signed_assessment.pk, signed_at__isnull=False).exists()

    call_command("flush", verbosity=0, interactive=False)

    assert Assessment.objects.count() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM assessment_assessment")
        assert cursor.fetchone() == (0,)


def test_verify_decisions_reports_an_intact_chain(cast, capsys):
    sign_assessment(assessment=decide(cast, cast.assessment, cast.assessor), by=cast.assessor)

    call_command("verify_decisions")

    assert capsys.readouterr().out == "OK: 2 signed decision(s), chain intact.\n"


def test_verify_decisions_detects_a_row_altered_behind_the_triggers(cast, capsys):
    signed = cast.signed_assessment
    drop = {
        "sqlite": "DROP TRIGGER assessment_signed_no_update",
        "postgresql": "DROP TRIGGER assessment_signed_immutable ON assessment_assessment",
    }[connection.vendor]
    _raw(drop)
    _raw(
        "UPDATE assessment_assessment SET outcome = %s WHERE id = %s",
        ["not_yet_competent", signed.pk],
    )

    with pytest.raises(CommandError) as caught:
        call_command("verify_decisions")

    assert capsys.readouterr().out == (
        f"BREAK organisation {cast.organisation.pk}, decision {signed.uuid}: "
        "content does not match its stored hash\n"
    )
    assert str(caught.value) == "1 break(s) in 1 signed decision(s)."


def test_verify_decisions_detects_a_changed_stored_hash(cast):
    second = sign_assessment(
        assessment=decide(cast, cast.assessment, cast.assessor), by=cast.assessor
    )
    drop = {
        "sqlite": "DROP TRIGGER assessment_signed_no_update",
        "postgresql": "DROP TRIGGER assessment_signed_immutable ON assessment_assessment",
    }[connection.vendor]
    _raw(drop)
    _raw(
        "UPDATE assessment_assessment SET hash = %s WHERE id = %s",
        ["0" * 64, cast.signed_assessment.pk],
    )

    checked, breaks = chain.verify()

    assert checked == 2
    assert [(b.assessment_uuid, b.problem) for b in breaks] == [
        (str(cast.signed_assessment.uuid), "content does not match its stored hash"),
        (
            str(second.uuid),
            f"previous hash {cast.signed_assessment.hash[:12]} does not match the decision "
            "signed before it (000000000000)",
        ),
    ]


def test_learner_cannot_request_below_the_policy_minimum(cast):
    _policy(cast, min_evidence=3)
    other = cast.framework.items.get(code="VH")

    with pytest.raises(AssessmentError) as caught:
        open_assessment(
            enrolment=cast.enrolment, competence=other, by=cast.learner, as_learner=True
        )

    assert str(caught.value) == "Geef eerst minstens 3 bewijsstukken vrij; nu zijn het er 2."


def test_a_new_attempt_waits_for_the_policy_frequency(cast, time_machine):
    _policy(cast, min_days_between_attempts=14)
    signed_day = cast.signed_assessment.signed_at

    with pytest.raises(AssessmentError):
        open_assessment(
            enrolment=cast.enrolment,
            competence=cast.signed_assessment.competence,
            by=cast.practice_trainer,
            as_learner=False,
        )
    time_machine.move_to(signed_day + datetime.timedelta(days=14, seconds=1))
    again = open_assessment(
        enrolment=cast.enrolment,
        competence=cast.signed_assessment.competence,
        by=cast.practice_trainer,
        as_learner=False,
    )

    assert again.status == AssessmentStatus.REQUESTED


def test_correction_supersedes_the_decision_and_revokes_its_declaration(cast):
    old = cast.signed_assessment
    correction = correct_assessment(assessment=old, by=cast.assessor, reason="Verkeerde rubric")
    decide(cast, correction, cast.assessor, outcome=Outcome.NOT_YET_COMPETENT)
    signed = sign_assessment(assessment=correction, by=cast.assessor)

    old_declaration = CompetenceDeclaration.objects.get(decision=old)
    assert signed.supersedes == old
    assert old.superseded_by == signed
    assert (old_declaration.status, old_declaration.revoke_reason) == (
        "revoked",
        "Verkeerde rubric",
    )
    assert not CompetenceDeclaration.objects.filter(decision=signed).exists()
    with pytest.raises(AssessmentError):
        correct_assessment(assessment=old, by=cast.assessor, reason="Nog eens")


def test_second_assessor_confirms_before_the_decision_is_signed(cast):
    qualify(cast, cast.practice_trainer)  # the second assessor is qualified to sign
    _policy(cast, review_mode=ReviewMode.SECOND_ASSESSOR)
    assessment = sign_assessment(
        assessment=decide(cast, cast.assessment, cast.assessor), by=cast.assessor
    )
    assert (assessment.status, assessment.signed_at) == (
        AssessmentStatus.AWAITING_CONFIRMATION,
        None,
    )

    with pytest.raises(AssessmentError):
        confirm_assessment(assessment=assessment, by=cast.assessor, agrees=True, note="")
    signed = confirm_assessment(
        assessment=assessment, by=cast.practice_trainer, agrees=True, note="Eens."
    )

    assert (signed.status, signed.second_assessor) == (
        AssessmentStatus.SIGNED,
        cast.practice_trainer,
    )


def test_disagreement_returns_the_decision_when_both_must_agree(cast):
    qualify(cast, cast.practice_trainer)  # the second assessor is qualified to sign
    _policy(cast, review_mode=ReviewMode.SECOND_ASSESSOR, consensus_rule=ConsensusRule.BOTH_AGREE)
    assessment = sign_assessment(
        assessment=decide(cast, cast.assessment, cast.assessor), by=cast.assessor
    )

    back = confirm_assessment(
        assessment=assessment, by=cast.practice_trainer, agrees=False, note="Te weinig bewijs."
    )

    assert (back.status, back.signed_at, back.second_note) == (
        AssessmentStatus.IN_PROGRESS,
        None,
        "Te weinig bewijs.",
    )


def test_disagreement_signs_the_strictest_outcome_under_that_rule(cast):
    qualify(cast, cast.practice_trainer)  # the second assessor is qualified to sign
    _policy(cast, review_mode=ReviewMode.SECOND_ASSESSOR, consensus_rule=ConsensusRule.STRICTEST)
    assessment = sign_assessment(
        assessment=decide(cast, cast.assessment, cast.assessor), by=cast.assessor
    )

    signed = confirm_assessment(
        assessment=assessment, by=cast.practice_trainer, agrees=False, note="Nog niet."
    )

    assert (signed.status, signed.outcome) == (AssessmentStatus.SIGNED, Outcome.NOT_YET_COMPETENT)
    assert not CompetenceDeclaration.objects.filter(decision=signed).exists()


def test_policy_reads_as_plain_dutch(cast):
    policy = _policy(
        cast,
        min_evidence=3,
        validity_months=24,
        review_mode=ReviewMode.SECOND_ASSESSOR,
        min_days_between_attempts=14,
    )

    assert plain_dutch(policy) == [
        "Een beoordelaar neemt het besluit of je bekwaam bent.",
        "Je eerste begeleider beslist niet: wie je begeleidt, beoordeelt je niet.",
        "Je kunt een beoordeling aanvragen als je minstens 3 bewijsstukken hebt vrijgegeven.",
        "Een tweede beoordelaar bevestigt het besluit. "
        "Zijn ze het niet eens, dan overleggen ze tot ze het eens zijn.",
        "Een bekwaamverklaring is 24 maanden geldig; daarna word je opnieuw beoordeeld.",
        "Tussen twee beoordelingen van dezelfde bekwaamheid zitten minstens 14 dagen.",
    ]
