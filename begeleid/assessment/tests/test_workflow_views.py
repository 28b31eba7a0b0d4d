from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from begeleid.assessment.enums import AssessmentStatus, DecidingRole, Outcome
from begeleid.assessment.models import Assessment, AssessmentPolicy
from begeleid.assessment.services.decisions import open_assessment
from begeleid.core.models import AccessEvent, AuditEvent
from begeleid.organisations.enums import Role
from tests.factories import give_role

from .cast import qualify


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_first_supervisor_gets_a_page_saying_why_they_cannot_decide(cast, login):
    # Even holding the assessor role, the first supervisor does not decide (default policy).
    give_role(cast.supervisor, Role.ASSESSOR, cast.team)

    response = login(cast.supervisor).get(
        reverse("assessment:assessment_decide", kwargs={"uuid": cast.assessment.uuid})
    )

    assert response.status_code == 403
    assert response.context["reason"] == (
        "Je bent de eerste begeleider van deze lerende. Wie begeleidt, beslist niet: "
        "een andere beoordelaar neemt het besluit. Zo blijven begeleiden en beoordelen gescheiden."
    )
    assert "Je kunt hier niet beslissen" in response.content.decode()


def test_first_supervisor_may_decide_when_the_policy_allows_it(cast, login):
    give_role(cast.supervisor, Role.ASSESSOR, cast.team)
    qualify(cast, cast.supervisor)
    AssessmentPolicy.objects.create(
        organisation=cast.organisation, programme=cast.programme, first_supervisor_may_decide=True
    )

    response = login(cast.supervisor).get(
        reverse("assessment:assessment_decide", kwargs={"uuid": cast.assessment.uuid})
    )

    assert response.status_code == 200


def test_practice_trainer_decides_when_the_policy_names_that_role(cast, login):
    qualify(cast, cast.practice_trainer)
    AssessmentPolicy.objects.create(
        organisation=cast.organisation,
        programme=cast.programme,
        deciding_role=DecidingRole.PRACTICE_TRAINER,
    )
    client = login(cast.practice_trainer)

    assert (
        client.get(
            reverse("assessment:assessment_decide", kwargs={"uuid": cast.assessment.uuid})
        ).status_code
        == 200
    )
    assert (
        login(cast.assessor)
        .get(reverse("assessment:assessment_decide", kwargs={"uuid": cast.assessment.uuid}))
        .status_code
        == 403
    )


def test_learner_requests_an_assessment_and_reads_the_policy_first(cast, login):
    client = login(cast.learner)
    url = reverse("assessment:assessment_new", kwargs={"uuid": cast.enrolment.uuid})
    competence = cast.framework.items.get(code="VH")

    page = client.get(url)
    response = client.post(url, {"competence": competence.pk})

    assert "Je eerste begeleider beslist niet" in page.content.decode()
    created = Assessment.objects.get(
        enrolment=cast.enrolment, competence=competence, signed_at=None
    )
    assert response["Location"] == reverse(
        "assessment:assessment_detail", kwargs={"uuid": created.uuid}
    )
    assert (created.status, created.requested_by) == (AssessmentStatus.REQUESTED, cast.learner)
    assert AuditEvent.objects.filter(action="assessment.request", object_uuid=created.uuid).exists()


def test_request_below_the_minimum_keeps_the_form_with_the_reason(cast, login):
    AssessmentPolicy.objects.create(
        organisation=cast.organisation, programme=cast.programme, min_evidence=5
    )
    competence = cast.framework.items.get(code="VH")

    response = login(cast.learner).post(
        reverse("assessment:assessment_new", kwargs={"uuid": cast.enrolment.uuid}),
        {"competence": competence.pk},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Geef eerst minstens 5 bewijsstukken vrij; nu zijn het er 2."
    ]
    assert response.context["form"]["competence"].value() == str(competence.pk)


def test_assessor_scores_links_released_evidence_decides_and_signs(cast, login):
    client = login(cast.assessor)
    url = reverse("assessment:assessment_decide", kwargs={"uuid": cast.assessment.uuid})
    version = cast.rubric_version
    top = version.scale.levels.get(value=2)

    chooser = client.get(url)
    form_page = client.get(url, {"rubric": version.uuid})
    data = {f"level_{c.pk}": top.pk for c in version.criteria.all()}
    data |= {
        "evidence": [cast.release.pk],
        "outcome": Outcome.COMPETENT,
        "rationale": "Drie keer zelfstandig en veilig uitgevoerd.",
        "feedforward": "Leer nu een collega de dubbele controle aan.",
    }
    saved = client.post(f"{url}?rubric={version.uuid}", data)
    signed = client.post(
        reverse("assessment:assessment_sign", kwargs={"uuid": cast.assessment.uuid})
    )

    assert "rubric" in chooser.context["chooser"].fields
    assert list(form_page.context["form"].fields["evidence"].queryset) == [cast.release]
    assert saved.status_code == 302 and signed.status_code == 302
    assessment = Assessment.objects.get(pk=cast.assessment.pk)
    assert (assessment.status, assessment.outcome, assessment.assessor) == (
        AssessmentStatus.SIGNED,
        Outcome.COMPETENT,
        cast.assessor,
    )
    assert list(assessment.evidence.all()) == [cast.release]
    assert assessment.scores.count() == 5


def test_decide_form_keeps_input_when_rationale_is_missing(cast, login):
    version = cast.rubric_version
    url = reverse("assessment:assessment_decide", kwargs={"uuid": cast.assessment.uuid})
    data = {f"level_{c.pk}": version.scale.levels.first().pk for c in version.criteria.all()}
    data |= {"outcome": Outcome.NOT_YET_COMPETENT, "feedforward": "Oefen nog twee keer."}

    response = login(cast.assessor).post(f"{url}?rubric={version.uuid}", data)

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["rationale"] == ["Dit veld is verplicht."]
    assert form["feedforward"].value() == "Oefen nog twee keer."


def test_assessment_detail_logs_access_by_someone_else(cast, login):
    login(cast.assessor).get(
        reverse("assessment:assessment_detail", kwargs={"uuid": cast.signed_assessment.uuid})
    )

    event = AccessEvent.objects.get(viewer=cast.assessor)
    assert event.subject == cast.learner


def test_correction_page_starts_a_new_decision_that_supersedes(cast, login):
    response = login(cast.assessor).post(
        reverse("assessment:assessment_correct", kwargs={"uuid": cast.signed_assessment.uuid}),
        {"reason": "Verkeerde bekwaamheid gescoord"},
    )

    correction = Assessment.objects.get(supersedes=cast.signed_assessment)
    assert response["Location"] == reverse(
        "assessment:assessment_decide", kwargs={"uuid": correction.uuid}
    )
    assert correction.correction_reason == "Verkeerde bekwaamheid gescoord"


def test_assessment_list_query_count_does_not_grow(cast, login):
    client = login(cast.assessor)
    url = reverse("assessment:assessment_list")
    Assessment.objects.filter(pk=cast.assessment.pk).delete()
    one = _count(client, url)
    for code in ("VH",):
        open_assessment(
            enrolment=cast.other_enrolment,
            competence=cast.framework.items.get(code=code),
            by=cast.practice_trainer,
            as_learner=False,
        )
    open_assessment(
        enrolment=cast.other_enrolment,
        competence=cast.competence,
        by=cast.practice_trainer,
        as_learner=False,
    )
    assert Assessment.objects.count() == 3
    assert _count(client, url) == one


def test_assessment_list_of_another_organisation_is_empty(cast, login):
    response = login(cast.stranger).get(reverse("assessment:assessment_list"))

    assert list(response.context["page"]) == []


def test_assessment_list_shows_the_learner_only_their_own(cast, login):
    open_assessment(
        enrolment=cast.other_enrolment,
        competence=cast.competence,
        by=cast.practice_trainer,
        as_learner=False,
    )

    response = login(cast.learner).get(reverse("assessment:assessment_list"))

    assert {a.enrolment.learner for a in response.context["page"]} == {cast.learner}


def test_policy_edit_saves_and_shows_the_policy_in_plain_dutch(cast, login):
    client = login(cast.hr)
    data = {
        "deciding_role": "assessor",
        "min_evidence": 2,
        "review_mode": "none",
        "consensus_rule": "both_agree",
        "validity_months": 12,
        "min_days_between_attempts": 0,
    }

    response = client.post(
        reverse("assessment:policy_edit", kwargs={"uuid": cast.programme.uuid}), data
    )
    page = login(cast.learner).get(
        reverse("assessment:policy_detail", kwargs={"uuid": cast.programme.uuid})
    )

    assert response.status_code == 302
    assert page.context["lines"][2:] == [
        "Je kunt een beoordeling aanvragen als je minstens 2 bewijsstukken hebt vrijgegeven.",
        "Een bekwaamverklaring is 12 maanden geldig; daarna word je opnieuw beoordeeld.",
    ]
    assert AuditEvent.objects.filter(action="assessment.save_policy", actor=cast.hr).exists()
