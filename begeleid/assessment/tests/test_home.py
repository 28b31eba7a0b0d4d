"""The assessor's home section: awaiting my decision, may I sign, recently signed."""

import pytest
from django.urls import reverse

from begeleid.assessment.models import Competence
from begeleid.assessment.services.decisions import open_assessment
from begeleid.assessment.services.qualifications import (
    ASSESSOR_TRAINING,
    CALIBRATION,
    save_signing_requirements,
)
from begeleid.organisations.enums import Role
from tests.factories import TeamFactory, give_role
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db


def _open_more(cast, n):
    for i in range(n):
        competence = Competence.objects.create(
            organisation=cast.organisation,
            framework=cast.framework,
            code=f"VH.{i + 2}",
            title=f"Handeling {i + 2}",
        )
        open_assessment(
            enrolment=cast.enrolment,
            competence=competence,
            by=cast.practice_trainer,
            as_learner=False,
        )


def test_assessor_home_lists_what_awaits_my_decision_and_what_i_signed(cast, login):
    response = login(cast.assessor).get(reverse("reports:home"))

    home = response.context["assessment_home"]
    assert home["awaiting"] == [cast.assessment]
    assert home["signed"] == [cast.signed_assessment]
    assert home["eligibility"].may_sign
    html = response.content.decode()
    assert "Wachten op mijn besluit" in html
    assert reverse("assessment:assessment_detail", kwargs={"uuid": cast.assessment.uuid}) in html
    assert "Je mag summatieve besluiten ondertekenen." in html


def test_assessor_home_says_what_is_missing_to_sign(cast, login):
    save_signing_requirements(
        organisation=cast.organisation,
        settings={ASSESSOR_TRAINING: (True, None), CALIBRATION: (True, 12)},
        by=cast.hr,
    )

    html = login(cast.assessor).get(reverse("reports:home")).content.decode()

    assert "Je mag nog geen summatieve besluiten ondertekenen." in html
    assert "Je mist: kalibratiesessie in de afgelopen 12 maanden." in html


def test_assessor_home_has_no_assessment_section_for_others(cast, login):
    response = login(cast.supervisor).get(reverse("reports:home"))

    assert "assessment_home" not in response.context


@pytest.mark.usefixtures("build_pages")
def test_assessor_home_query_count_does_not_grow_with_assessments(cast, login):
    client = login(cast.assessor)
    url = reverse("reports:home")
    one = count_queries(client.get, url)

    _open_more(cast, 2)

    assert len(client.get(url).context["assessment_home"]["awaiting"]) == 3
    assert count_queries(client.get, url) == one


def test_assessor_home_of_another_organisation_shows_nothing_of_ours(cast, login):
    team = TeamFactory(organisation=cast.other_organisation, name="Ander team")
    give_role(cast.stranger, Role.ASSESSOR, team)

    home = login(cast.stranger).get(reverse("reports:home")).context["assessment_home"]

    assert (home["awaiting"], home["signed"]) == ([], [])


def test_assessor_home_leaves_out_assessments_of_teams_i_do_not_assess(cast, login):
    give_role(cast.outsider, Role.ASSESSOR, cast.other_team)

    home = login(cast.outsider).get(reverse("reports:home")).context["assessment_home"]

    assert (home["awaiting"], home["signed"]) == ([], [])
