"""Committees: each member records their own view; the chair's joint decision follows the
policy's consensus rule; the signed decision carries every view, in its hash too."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from begeleid.assessment.enums import AssessmentStatus, ConsensusRule, Outcome, ReviewMode
from begeleid.assessment.models import Assessment, AssessmentPolicy, CommitteeView
from begeleid.assessment.services import chain
from begeleid.assessment.services.decisions import (
    AssessmentError,
    record_committee_view,
    sign_assessment,
)
from begeleid.core.models import AuditEvent
from begeleid.organisations.enums import Role
from tests.factories import give_role

from .cast import decide, qualify


def _committee(cast, rule=ConsensusRule.BOTH_AGREE, size=2):
    """A committee of the cast's assessor (the chair) and the team leader as a second assessor."""
    give_role(cast.team_leader, Role.ASSESSOR, cast.team)
    qualify(cast, cast.team_leader)
    return AssessmentPolicy.objects.create(
        organisation=cast.organisation,
        programme=cast.programme,
        review_mode=ReviewMode.COMMITTEE,
        consensus_rule=rule,
        committee_size=size,
    )


def _views(cast, chair_outcome, member_outcome):
    record_committee_view(
        assessment=cast.assessment, by=cast.assessor, outcome=chair_outcome, rationale="Voorzitter."
    )
    record_committee_view(
        assessment=cast.assessment,
        by=cast.team_leader,
        outcome=member_outcome,
        rationale="Tweede lid.",
    )


def test_both_agree_signs_the_unanimous_view_and_lists_every_view(cast, login):
    _committee(cast)
    _views(cast, Outcome.COMPETENT, Outcome.COMPETENT)
    signed = sign_assessment(
        assessment=decide(cast, cast.assessment, cast.assessor), by=cast.assessor
    )

    assert (signed.status, signed.outcome) == (AssessmentStatus.SIGNED, Outcome.COMPETENT)
    assert chain.committee(signed) == sorted(
        [str(v.member.uuid), v.outcome, v.rationale, v.recorded_at.isoformat()]
        for v in CommitteeView.objects.filter(assessment=signed)
    )
    page = login(cast.learner).get(
        reverse("assessment:assessment_detail", kwargs={"uuid": signed.uuid})
    )
    assert [(v.member, v.outcome) for v in page.context["committee_views"]] == [
        (cast.assessor, Outcome.COMPETENT),
        (cast.team_leader, Outcome.COMPETENT),
    ]
    html = page.content.decode()
    assert "Oordelen van de commissie" in html
    assert "Bram Beoordelaar" in html and "Tineke Teamleider" in html
    assert "Voorzitter." in html and "Tweede lid." in html


def test_both_agree_refuses_competent_when_the_views_differ_and_says_why(cast, login):
    _committee(cast)
    _views(cast, Outcome.COMPETENT, Outcome.NOT_YET_COMPETENT)
    decide(cast, cast.assessment, cast.assessor, outcome=Outcome.COMPETENT)
    reason = (
        "De commissieleden zijn het niet eens. Volgens het beleid moeten alle "
        "beoordelaars het eens zijn, dus het besluit kan niet „bekwaam” zijn."
    )

    with pytest.raises(AssessmentError) as caught:
        sign_assessment(assessment=cast.assessment, by=cast.assessor)

    assert (
        str(caught.value) == reason + " Pas het gezamenlijke besluit aan naar „nog niet bekwaam”."
    )
    assert Assessment.objects.get(pk=cast.assessment.pk).signed_at is None
    page = login(cast.assessor).get(
        reverse("assessment:assessment_detail", kwargs={"uuid": cast.assessment.uuid})
    )
    assert page.context["verdict"].reason == reason
    assert "De commissieleden zijn het niet eens." in page.content.decode()

    signed = sign_assessment(
        assessment=decide(cast, cast.assessment, cast.assessor, outcome=Outcome.NOT_YET_COMPETENT),
        by=cast.assessor,
    )
    assert (signed.status, signed.outcome) == (AssessmentStatus.SIGNED, Outcome.NOT_YET_COMPETENT)


def test_both_agree_refuses_a_joint_decision_against_the_unanimous_views(cast):
    _committee(cast)
    _views(cast, Outcome.NOT_YET_COMPETENT, Outcome.NOT_YET_COMPETENT)
    decide(cast, cast.assessment, cast.assessor, outcome=Outcome.COMPETENT)

    with pytest.raises(AssessmentError) as caught:
        sign_assessment(assessment=cast.assessment, by=cast.assessor)

    assert str(caught.value) == (
        "Alle commissieleden oordelen „nog niet bekwaam”; het besluit volgt hun oordeel. "
        "Pas het gezamenlijke besluit aan naar „nog niet bekwaam”."
    )


def test_strictest_view_wins_not_the_latest(cast):
    _committee(cast, rule=ConsensusRule.STRICTEST, size=2)
    # The stricter view comes first; the later "competent" view does not overrule it.
    _views(cast, Outcome.NOT_YET_COMPETENT, Outcome.COMPETENT)
    decide(cast, cast.assessment, cast.assessor, outcome=Outcome.COMPETENT)

    with pytest.raises(AssessmentError) as caught:
        sign_assessment(assessment=cast.assessment, by=cast.assessor)
    assert str(caught.value) == (
        "Minstens één commissielid oordeelt „nog niet bekwaam”. Volgens het beleid geldt het "
        "strengste oordeel. Pas het gezamenlijke besluit aan naar „nog niet bekwaam”."
    )

    signed = sign_assessment(
        assessment=decide(cast, cast.assessment, cast.assessor, outcome=Outcome.NOT_YET_COMPETENT),
        by=cast.assessor,
    )
    assert (signed.status, signed.outcome) == (AssessmentStatus.SIGNED, Outcome.NOT_YET_COMPETENT)


def test_chair_cannot_sign_before_every_member_gave_a_view(cast):
    _committee(cast, size=2)
    record_committee_view(
        assessment=cast.assessment, by=cast.assessor, outcome=Outcome.COMPETENT, rationale="Ja."
    )
    decide(cast, cast.assessment, cast.assessor)

    with pytest.raises(AssessmentError) as caught:
        sign_assessment(assessment=cast.assessment, by=cast.assessor)

    assert str(caught.value) == "Nog 1 van de 2 commissieleden moet een oordeel geven."


def test_signing_checks_every_members_eligibility(cast):
    _committee(cast)
    _views(cast, Outcome.COMPETENT, Outcome.COMPETENT)
    decide(cast, cast.assessment, cast.assessor)
    cast.team_leader.competence_declarations.update(
        revoked_at=timezone.now(), revoke_reason="Training verlopen."
    )

    with pytest.raises(AssessmentError) as caught:
        sign_assessment(assessment=cast.assessment, by=cast.assessor)

    assert str(caught.value).startswith(
        "Commissielid Tineke Teamleider mag nu geen summatieve besluiten ondertekenen: "
    )


def test_a_member_cannot_record_twice(cast):
    _committee(cast, size=3)
    record_committee_view(
        assessment=cast.assessment, by=cast.assessor, outcome=Outcome.COMPETENT, rationale="Ja."
    )

    with pytest.raises(AssessmentError) as caught:
        record_committee_view(
            assessment=cast.assessment,
            by=cast.assessor,
            outcome=Outcome.NOT_YET_COMPETENT,
            rationale="Toch niet.",
        )

    assert str(caught.value) == "Je hebt je oordeel al gegeven; dat verandert niet meer."
    assert list(CommitteeView.objects.values_list("member", "outcome")) == [
        (cast.assessor.pk, Outcome.COMPETENT)
    ]
    assert AuditEvent.objects.filter(action="assessment.record_committee_view").count() == 1


def test_views_are_immutable_after_signing(cast):
    _committee(cast)
    _views(cast, Outcome.COMPETENT, Outcome.COMPETENT)
    sign_assessment(assessment=decide(cast, cast.assessment, cast.assessor), by=cast.assessor)
    view = CommitteeView.objects.get(member=cast.team_leader)

    view.rationale = "anders"
    with pytest.raises(TypeError):
        view.save()
    with pytest.raises(TypeError):
        view.delete()
    for sql in (
        "UPDATE assessment_committeeview SET outcome = 'not_yet_competent' WHERE id = %s",
        "DELETE FROM assessment_committeeview WHERE id = %s",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [view.pk])
    with pytest.raises(AssessmentError):
        record_committee_view(
            assessment=cast.assessment, by=cast.practice_trainer, outcome="competent", rationale="x"
        )
    view.refresh_from_db()
    assert (view.outcome, view.rationale) == (Outcome.COMPETENT, "Tweede lid.")


def test_verify_decisions_passes_on_a_chain_with_a_committee_decision(cast, capsys):
    _committee(cast)
    _views(cast, Outcome.COMPETENT, Outcome.COMPETENT)
    signed = sign_assessment(
        assessment=decide(cast, cast.assessment, cast.assessor), by=cast.assessor
    )

    call_command("verify_decisions")

    assert capsys.readouterr().out == "OK: 2 signed decision(s), chain intact.\n"
    assert signed.previous_hash == cast.signed_assessment.hash
    # The views are part of the signed content: without them the hash differs.
    assert chain.compute_hash(signed) == signed.hash
    assert "committee" not in chain.canonical(signed)


def test_member_records_a_view_through_the_page(cast, login):
    _committee(cast)
    url = reverse("assessment:committee_view_record", kwargs={"uuid": cast.assessment.uuid})
    client = login(cast.team_leader)

    kept = client.post(url, {"outcome": "competent", "rationale": ""})
    response = client.post(url, {"outcome": "competent", "rationale": "Zorgvuldig."})
    again = client.post(url, {"outcome": "not_yet_competent", "rationale": "Toch niet."})

    assert kept.status_code == 200
    assert kept.context["form"].data["outcome"] == "competent"
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "assessment:assessment_detail", kwargs={"uuid": cast.assessment.uuid}
    )
    assert again.status_code == 200
    assert again.context["form"].non_field_errors() == [
        "Je hebt je oordeel al gegeven; dat verandert niet meer."
    ]
    assert list(CommitteeView.objects.values_list("member", "outcome", "rationale")) == [
        (cast.team_leader.pk, "competent", "Zorgvuldig.")
    ]


def test_non_member_gets_403_with_the_reason(cast, login):
    _committee(cast)
    url = reverse("assessment:committee_view_record", kwargs={"uuid": cast.assessment.uuid})

    response = login(cast.practice_trainer).post(
        url, {"outcome": "competent", "rationale": "Ik wil meebeslissen."}
    )

    assert response.status_code == 403
    assert response.context["reason"] == (
        "Volgens het beoordelingsbeleid beslist een beoordelaar; die rol heb je hier niet."
    )
    assert not CommitteeView.objects.exists()


def test_committee_page_is_refused_when_the_policy_has_no_committee(cast, login):
    url = reverse("assessment:committee_view_record", kwargs={"uuid": cast.assessment.uuid})

    assert login(cast.assessor).get(url).status_code == 403
