"""Calibration sessions through the real views and services."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleid.assessment.models import CompetenceDeclaration
from begeleid.core.models import AuditEvent
from begeleid.organisations.enums import Role
from begeleid.quality import services
from begeleid.quality.enums import SessionStatus
from begeleid.quality.models import CalibrationSession
from tests.factories import PersonFactory, give_role
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db


def _detail(cast):
    return reverse("quality:calibration_detail", kwargs={"uuid": cast.calibration_session.uuid})


def _close(client, cast, reading="Niveau 3: de begeleider controleert achteraf."):
    client.force_login(cast.team_leader)
    return client.post(
        reverse("quality:calibration_close", kwargs={"uuid": cast.calibration_session.uuid}),
        {"agreed_reading": reading},
    )


def test_calibration_setup_creates_session_participants_and_first_case(client, cast):
    client.force_login(cast.team_leader)
    response = client.post(
        reverse("quality:calibration_add", kwargs={"uuid": cast.team.uuid}),
        {
            "title": "Kalibratie overdracht",
            "held_on": "2025-03-04",
            "rubric_version": cast.epa_version.pk,
            "participants": [cast.assessor.pk, cast.supervisor.pk],
            "case_title": "Casus B",
            "case_description": "Overdracht.",
            "case_evidence": "Verslag zonder namen.",
        },
    )
    session = CalibrationSession.objects.get(title="Kalibratie overdracht")
    assert response.url == reverse("quality:calibration_detail", kwargs={"uuid": session.uuid})
    assert session.team == cast.team
    assert session.held_on == datetime.date(2025, 3, 4)
    assert {p.person for p in session.participants.all()} == {cast.assessor, cast.supervisor}
    assert list(session.cases.values_list("position", "title")) == [(1, "Casus B")]
    assert AuditEvent.objects.filter(
        action="quality.create_calibration_session", object_uuid=session.uuid
    ).exists()


def test_calibration_setup_needs_two_assessors_and_keeps_input(client, cast):
    client.force_login(cast.team_leader)
    response = client.post(
        reverse("quality:calibration_add", kwargs={"uuid": cast.team.uuid}),
        {"title": "Te klein", "held_on": "2025-03-04", "participants": [cast.assessor.pk]},
    )
    assert response.status_code == 200
    assert "Kies minstens twee beoordelaars." in response.content.decode()
    assert 'value="Te klein"' in response.content.decode()
    assert not CalibrationSession.objects.filter(title="Te klein").exists()


def test_calibration_scores_stay_hidden_until_the_session_closes(client, cast):
    client.force_login(cast.assessor)
    html = client.get(_detail(cast)).content.decode()
    assert "Uitkomsten" not in html
    assert "Je ziet alleen je eigen scores" in html
    # The score page shows the assessor's own level checked, never the colleague's (4).
    case_url = reverse("quality:calibration_score", kwargs={"uuid": cast.calibration_case.uuid})
    form = client.get(case_url).context["form"]
    assert set(form.initial.values()) | {f.initial for f in form.fields.values()} == {3}


def test_calibration_close_computes_agreement_and_grants_declarations(client, cast):
    response = _close(client, cast)
    assert response.status_code == 302
    session = CalibrationSession.objects.get(pk=cast.calibration_session.pk)
    assert session.status == SessionStatus.CLOSED
    assert session.agreed_reading == "Niveau 3: de begeleider controleert achteraf."
    # Two raters, one case, five criteria: 3 against 4 everywhere.
    assert session.results["overall"]["cohen"] == 0.0
    assert [c["ranges"] for c in session.results["criteria"]] == [[[3, 4]]] * 5
    assert {a["id"]: a["deviation"] for a in session.results["assessors"]} == {
        cast.assessor.pk: -0.5,
        cast.practice_trainer.pk: 0.5,
    }
    declarations = CompetenceDeclaration.objects.filter(
        competence__identifier=services.CALIBRATION_COMPETENCE
    )
    assert {d.person for d in declarations} == {cast.assessor, cast.practice_trainer}
    first = declarations.first()
    assert first.valid_from == session.held_on
    assert first.valid_until == services.validity_end(session.held_on, 12)
    assert first.competence.framework.identifier == services.QUALIFICATIONS_FRAMEWORK
    assert AuditEvent.objects.filter(action="quality.close_calibration_session").count() == 1
    assert (
        AuditEvent.objects.filter(
            action="assessment.declare_competence",
            object_uuid__in=[d.uuid for d in declarations],
        ).count()
        == 2
    )
    client.force_login(cast.assessor)
    html = client.get(_detail(cast)).content.decode()
    assert "Uitkomsten" in html
    assert "Niveau 3: de begeleider controleert achteraf." in html
    assert "gekalibreerd" in html


def test_calibration_close_grants_nothing_to_who_did_not_score_every_case(client, cast):
    services.add_case(
        session=cast.calibration_session,
        title="Casus B",
        description="Tweede casus.",
        evidence="Zonder namen.",
        by=cast.team_leader,
    )
    case_b = cast.calibration_session.cases.get(position=2)
    services.record_scores(
        case=case_b,
        assessor=cast.assessor,
        values={c: 2 for c in cast.epa_version.criteria.all()},
        by=cast.assessor,
    )
    _close(client, cast)
    declared = CompetenceDeclaration.objects.filter(
        competence__identifier=services.CALIBRATION_COMPETENCE
    ).values_list("person", flat=True)
    assert list(declared) == [cast.assessor.pk]


def test_calibration_close_needs_two_raters_and_a_reading(client, cast):
    cast.calibration_session.scores.filter(assessor=cast.practice_trainer).delete()
    response = _close(client, cast)
    assert response.status_code == 200
    assert "Er zijn scores van minstens twee beoordelaars nodig." in response.content.decode()
    response = _close(client, cast, reading="  ")
    assert response.status_code == 200
    assert CalibrationSession.objects.get(pk=cast.calibration_session.pk).is_open


def test_calibration_scores_are_frozen_after_closing(client, cast):
    _close(client, cast)
    client.force_login(cast.assessor)
    url = reverse("quality:calibration_score", kwargs={"uuid": cast.calibration_case.uuid})
    assert client.get(url).status_code == 403
    with pytest.raises(services.CalibrationError):
        services.record_scores(
            case=cast.calibration_case,
            assessor=cast.assessor,
            values={c: 1 for c in cast.epa_version.criteria.all()},
            by=cast.assessor,
        )


def test_calibration_score_form_requires_every_criterion(client, cast):
    client.force_login(cast.assessor)
    url = reverse("quality:calibration_score", kwargs={"uuid": cast.calibration_case.uuid})
    first = cast.epa_version.criteria.order_by("position").first()
    response = client.post(url, {f"criterion_{first.pk}": 5})
    assert response.status_code == 200
    assert "Kies een niveau voor dit criterium." in response.content.decode()
    assert cast.calibration_session.scores.filter(assessor=cast.assessor, value=5).count() == 0


def _closed_sessions(cast, n):
    for i in range(n):
        session = services.create_session(
            team=cast.team,
            title=f"Sessie {i}",
            held_on=timezone.localdate() - datetime.timedelta(days=30 * (i + 1)),
            rubric_version=cast.epa_version,
            participants=[cast.assessor, cast.supervisor],
            case={"title": "Casus", "description": "Omschrijving.", "evidence": "Bewijs."},
            by=cast.team_leader,
        )
        for person, value in ((cast.assessor, 2), (cast.supervisor, 2 + i % 2)):
            services.record_scores(
                case=session.cases.get(),
                assessor=person,
                values={c: value for c in cast.epa_version.criteria.all()},
                by=person,
            )
        services.close_session(session=session, agreed_reading="Afspraak.", by=cast.team_leader)


@pytest.mark.parametrize("url_name", ["quality:calibration_sessions", "quality:calibration_trend"])
def test_calibration_lists_query_count_does_not_grow(client, cast, url_name):
    client.force_login(cast.team_leader)
    kwargs = {"uuid": cast.team.uuid} if url_name.endswith("trend") else None
    url = reverse(url_name, kwargs=kwargs)
    _closed_sessions(cast, 1)
    one = count_queries(client.get, url)
    _closed_sessions(cast, 2)
    three = count_queries(client.get, url)
    assert one == three


def test_calibration_detail_query_count_does_not_grow_with_cases(client, cast):
    _close(client, cast)
    client.force_login(cast.assessor)
    one = count_queries(client.get, _detail(cast))
    session = CalibrationSession.objects.get(pk=cast.calibration_session.pk)
    for position in (2, 3):
        session.cases.create(
            organisation=cast.organisation,
            position=position,
            title=f"Casus {position}",
            description="x",
            evidence="y",
        )
    assert count_queries(client.get, _detail(cast)) == one


def test_calibration_trend_lists_closed_sessions_oldest_first(client, cast):
    _closed_sessions(cast, 2)
    client.force_login(cast.team_leader)
    response = client.get(reverse("quality:calibration_trend", kwargs={"uuid": cast.team.uuid}))
    assert [s.title for s in response.context["sessions"]] == ["Sessie 1", "Sessie 0"]


def test_calibration_is_invisible_to_another_team_and_organisation(client, cast):
    give_role(cast.outsider, Role.TEAM_LEADER, cast.other_team)
    client.force_login(cast.outsider)
    response = client.get(reverse("quality:calibration_sessions"))
    assert list(response.context["page"]) == []
    assert client.get(_detail(cast)).status_code == 403
    foreign_hr = PersonFactory(organisation=cast.other_organisation, email="hr@other.example")
    give_role(foreign_hr, Role.HR)
    client.force_login(foreign_hr)
    assert list(client.get(reverse("quality:calibration_sessions")).context["page"]) == []
    assert client.get(_detail(cast)).status_code == 404
