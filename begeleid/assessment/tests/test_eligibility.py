"""Who may sign summative decisions: requirements as data, checked from the register."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleid.assessment.eligibility import signing_eligibility
from begeleid.assessment.enums import AssessmentStatus
from begeleid.assessment.models import Assessment, Competence, Framework, SigningRequirement
from begeleid.assessment.services.decisions import NotEligibleToSign, sign_assessment
from begeleid.assessment.services.qualifications import (
    ASSESSOR_TRAINING,
    CALIBRATION,
    QUALIFICATIONS_FRAMEWORK,
    RECOGNISED_SUPERVISOR,
    ensure_qualification_competences,
    save_signing_requirements,
)
from begeleid.assessment.services.register import add_months, revoke_declaration
from begeleid.core.models import AuditEvent
from tests.factories import OrganisationFactory

from .cast import decide, qualify

pytestmark = pytest.mark.django_db


def _require_calibration(cast, months=12):
    save_signing_requirements(
        organisation=cast.organisation,
        settings={ASSESSOR_TRAINING: (True, None), CALIBRATION: (True, months)},
        by=cast.hr,
    )


def _sign_url(cast):
    return reverse("assessment:assessment_sign", kwargs={"uuid": cast.assessment.uuid})


def test_qualification_competences_are_created_once_per_organisation_and_audited(cast):
    org = OrganisationFactory(name="Nieuw Ziekenhuis", slug="nieuw")

    first = ensure_qualification_competences(organisation=org, by=None)
    again = ensure_qualification_competences(organisation=org, by=None)

    assert first == again
    framework = Framework.objects.get(organisation=org, identifier=QUALIFICATIONS_FRAMEWORK)
    assert list(framework.items.order_by("sequence").values_list("identifier", "code")) == [
        (ASSESSOR_TRAINING, "BT"),
        (CALIBRATION, "KAL"),
        (RECOGNISED_SUPERVISOR, "ERK"),
    ]
    assert (
        AuditEvent.objects.filter(
            organisation_id=org.pk, action="assessment.create_qualification"
        ).count()
        == 3
    )
    # The cast organisation's framework is its own; nothing leaks across organisations.
    assert Competence.objects.filter(identifier=CALIBRATION).count() == 2


def test_eligibility_needs_a_valid_declaration_of_every_active_requirement(cast):
    assert signing_eligibility(cast.assessor).may_sign
    _require_calibration(cast)

    missing = signing_eligibility(cast.assessor)

    assert missing.missing == ["kalibratiesessie in de afgelopen 12 maanden"]
    assert missing.reason == "Je mist: kalibratiesessie in de afgelopen 12 maanden."
    assert signing_eligibility(cast.supervisor).missing == [
        "beoordelaarstraining",
        "kalibratiesessie in de afgelopen 12 maanden",
    ]


def test_eligibility_counts_an_issue_within_the_months_and_not_one_day_older(cast):
    _require_calibration(cast)
    today = timezone.localdate()
    oldest = add_months(today, -12) + datetime.timedelta(days=1)

    qualify(cast, cast.assessor, CALIBRATION, valid_from=oldest)
    assert signing_eligibility(cast.assessor).may_sign
    qualify(cast, cast.assessor, CALIBRATION, valid_from=oldest - datetime.timedelta(days=1))
    assert signing_eligibility(cast.assessor).missing == [
        "kalibratiesessie in de afgelopen 12 maanden"
    ]


def test_eligibility_ignores_revoked_expired_and_inactive(cast):
    training = cast.assessor.competence_declarations.get(competence__identifier=ASSESSOR_TRAINING)
    revoke_declaration(declaration=training, reason="Training niet afgerond", by=cast.hr)
    assert signing_eligibility(cast.assessor).missing == ["beoordelaarstraining"]

    past = timezone.localdate() - datetime.timedelta(days=400)
    expired = qualify(cast, cast.assessor, valid_from=past)
    expired.valid_until = past + datetime.timedelta(days=30)
    expired.save()
    assert signing_eligibility(cast.assessor).missing == ["beoordelaarstraining"]

    save_signing_requirements(
        organisation=cast.organisation, settings={ASSESSOR_TRAINING: (False, None)}, by=cast.hr
    )
    assert signing_eligibility(cast.assessor).may_sign


def test_sign_without_calibration_answers_403_naming_what_is_missing(cast, login):
    decide(cast, cast.assessment, cast.assessor)
    _require_calibration(cast)

    response = login(cast.assessor).post(_sign_url(cast))

    assert response.status_code == 403
    assert response.context["reason"] == (
        "Je organisatie vraagt bepaalde kwalificaties om summatieve besluiten te nemen. "
        "Je mist: kalibratiesessie in de afgelopen 12 maanden."
    )
    assert "Je mist: kalibratiesessie in de afgelopen 12 maanden." in response.content.decode()
    cast.assessment.refresh_from_db()
    assert (cast.assessment.status, cast.assessment.signed_at) == (
        AssessmentStatus.IN_PROGRESS,
        None,
    )


def test_decide_page_refuses_an_assessor_without_the_requirements(cast, login):
    _require_calibration(cast)

    response = login(cast.assessor).get(
        reverse("assessment:assessment_decide", kwargs={"uuid": cast.assessment.uuid})
    )

    assert response.status_code == 403
    assert "Je mist: kalibratiesessie in de afgelopen 12 maanden." in response.content.decode()


def test_sign_service_refuses_too_whatever_the_caller(cast):
    decided = decide(cast, cast.assessment, cast.assessor)
    _require_calibration(cast, months=6)

    with pytest.raises(NotEligibleToSign, match="kalibratiesessie in de afgelopen 6 maanden"):
        sign_assessment(assessment=decided, by=cast.assessor)

    qualify(cast, cast.assessor, CALIBRATION)
    signed = sign_assessment(assessment=decided, by=cast.assessor)
    assert signed.status == AssessmentStatus.SIGNED


def test_assessment_list_tells_the_assessor_up_front_whether_they_may_sign(cast, login):
    url = reverse("assessment:assessment_list")
    assert "Je mag summatieve besluiten ondertekenen." in (
        login(cast.assessor).get(url).content.decode()
    )
    _require_calibration(cast)

    html = login(cast.assessor).get(url).content.decode()

    assert "Je mag nog geen summatieve besluiten ondertekenen." in html
    assert "Je mist: kalibratiesessie in de afgelopen 12 maanden." in html
    # Not an assessor: no statement about signing at all.
    assert "summatieve besluiten ondertekenen" not in login(cast.learner).get(url).content.decode()


def test_signing_requirements_page_saves_toggles_and_months_audited(cast, login):
    client = login(cast.hr)
    url = reverse("assessment:signing_requirements")
    page = client.get(url).content.decode()
    assert "Gekalibreerd beoordelen" in page
    assert 'name="months_kal"' in page
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()

    response = client.post(
        url, {"active_bt": "on", "months_bt": "", "active_kal": "on", "months_kal": "12"}
    )

    assert response.status_code == 302
    rows = {
        r.competence.identifier: (r.is_active, r.within_months)
        for r in SigningRequirement.objects.filter(organisation=cast.organisation)
    }
    assert rows == {
        ASSESSOR_TRAINING: (True, None),
        CALIBRATION: (True, 12),
        RECOGNISED_SUPERVISOR: (False, None),
    }
    events = AuditEvent.objects.filter(
        action="assessment.save_signing_requirement", actor=cast.hr, id__gt=before
    )
    # Training was already required: only calibration and recognition changed.
    assert sorted(e.changes["qualification"] for e in events) == [
        RECOGNISED_SUPERVISOR,
        CALIBRATION,
    ]


def test_signing_requirements_page_keeps_input_on_an_invalid_number(cast, login):
    response = login(cast.admin).post(
        reverse("assessment:signing_requirements"),
        {"active_kal": "on", "months_kal": "0", "months_bt": "7"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies minstens 1 maand, of laat het veld leeg." in html
    assert 'name="months_bt" value="7"' in html
    assert not SigningRequirement.objects.filter(
        organisation=cast.organisation, competence__identifier=CALIBRATION
    ).exists()


def test_signing_requirements_of_another_organisation_stay_theirs(cast, login):
    login(cast.stranger).post(
        reverse("assessment:signing_requirements"), {"active_kal": "on", "months_kal": "3"}
    )

    theirs = SigningRequirement.objects.get(competence__identifier=CALIBRATION)
    assert theirs.organisation == cast.other_organisation
    assert signing_eligibility(cast.assessor).may_sign
    assert Assessment.objects.filter(organisation=cast.organisation).count() == 2
