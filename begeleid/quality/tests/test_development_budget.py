"""Supervisor development, time and budget through the real views, services and queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleid.assessment.models import CompetenceDeclaration
from begeleid.collaboration.enums import MeetingKind
from begeleid.collaboration.models import Meeting
from begeleid.core.models import AuditEvent
from begeleid.guidance.enums import MomentStatus
from begeleid.guidance.models import CapacityReservation, GuidanceMoment, MomentParticipant
from begeleid.organisations.enums import Role
from begeleid.quality import queries_budget, queries_development, services_development
from begeleid.quality.models import SelfAssessment, TrainingRecord
from tests.factories import PersonFactory, give_role
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db


def _person_url(person):
    return reverse("quality:development_person", kwargs={"uuid": person.uuid})


def test_self_assessment_keeps_history_and_shows_latest(client, cast):
    client.force_login(cast.supervisor)
    url = reverse("quality:self_assessment_add", kwargs={"uuid": cast.supervisor.uuid})
    client.post(url, {"assessed_on": "2026-01-10", "skill_coaching": "2", "skill_feedback": "3"})
    response = client.post(url, {"assessed_on": "2026-03-10", "skill_coaching": "4"})
    assert response.url == _person_url(cast.supervisor)
    assert list(
        SelfAssessment.objects.filter(person=cast.supervisor, skill="coaching")
        .order_by("assessed_on")
        .values_list("level", flat=True)
    ) == [2, 4]
    latest = queries_development.latest_self_assessments([cast.supervisor.pk])[cast.supervisor.pk]
    assert {k: v.level for k, v in latest.items()} == {"coaching": 4, "feedback": 3}
    assert AuditEvent.objects.filter(action="quality.record_self_assessment").count() == 2


def test_self_assessment_needs_one_rating_and_keeps_input(client, cast):
    client.force_login(cast.supervisor)
    url = reverse("quality:self_assessment_add", kwargs={"uuid": cast.supervisor.uuid})
    html = client.post(url, {"assessed_on": "2026-01-10", "note": "Eerste keer"}).content.decode()
    assert "Geef voor minstens één vaardigheid een niveau." in html
    assert "Eerste keer" in html
    assert not SelfAssessment.objects.exists()


def test_training_record_by_team_leader_counts_against_budget(client, cast):
    client.force_login(cast.team_leader)
    today = timezone.localdate()
    client.post(
        reverse("quality:training_record_add", kwargs={"uuid": cast.supervisor.uuid}),
        {
            "course": "Feedback geven",
            "provider": "Academie",
            "date": today.isoformat(),
            "hours": "4",
            "cost": "120.50",
            "team": cast.team.pk,
        },
    )
    record = TrainingRecord.objects.get(course="Feedback geven")
    assert (record.person, record.recorded_by, record.cost) == (
        cast.supervisor,
        cast.team_leader,
        Decimal("120.50"),
    )
    summary = queries_budget.budget_summary(team=cast.team, year=today.year)
    # The cast already holds a 450 euro course (30 days ago) and a 5000 euro budget.
    if (today - datetime.timedelta(days=30)).year == today.year:
        assert summary.spent == Decimal("570.50")
    assert summary.amount == Decimal("5000.00")
    assert summary.remaining == summary.amount - summary.spent


def test_recognition_grants_declaration_of_the_erkend_begeleider_competence(client, cast):
    client.force_login(cast.hr)
    client.post(
        reverse("quality:supervisor_recognise", kwargs={"uuid": cast.supervisor.uuid}),
        {"valid_from": "2026-01-15"},
    )
    declaration = CompetenceDeclaration.objects.get(person=cast.supervisor)
    assert declaration.competence.identifier == "begeleid-erkend-begeleider"
    assert declaration.competence.framework.identifier == "begeleid-kwalificaties"
    assert declaration.valid_until == datetime.date(2029, 1, 14)
    day = datetime.date(2026, 6, 1)
    assert queries_development.recognition_of(cast.supervisor, day) == declaration
    assert queries_development.recognition_of(cast.specialist, day) is None


def test_intervision_counts_only_intervision_of_the_last_twelve_months(cast):
    today = timezone.localdate()
    for kind, days in (
        (MeetingKind.INTERVISION, 10),
        (MeetingKind.INTERVISION, 300),
        (MeetingKind.INTERVISION, 400),
        (MeetingKind.LEARNING_CIRCLE, 10),
    ):
        meeting = Meeting.objects.create(
            organisation=cast.organisation,
            team=cast.team,
            kind=kind,
            date=today - datetime.timedelta(days=days),
            title="Overleg",
        )
        meeting.participants.add(cast.supervisor)
    assert queries_development.intervision_counts([cast.supervisor.pk]) == {cast.supervisor.pk: 2}


def test_development_page_shows_own_figures(client, cast):
    client.force_login(cast.supervisor)
    html = client.get(_person_url(cast.supervisor)).content.decode()
    assert "Coachend begeleiden" in html
    assert "Nog niet erkend als begeleider" in html
    assert "Zelfbeoordeling invullen" in html


def _add_supervisor(cast, n):
    person = PersonFactory(organisation=cast.organisation, full_name=f"Extra {n}")
    give_role(person, Role.SUPERVISOR, cast.team)
    services_development.add_training_record(
        person=person,
        team=cast.team,
        course="Cursus",
        provider="X",
        date=timezone.localdate(),
        hours=Decimal("2"),
        cost=Decimal("10"),
        by=cast.hr,
    )
    SelfAssessment.objects.create(
        organisation=cast.organisation,
        person=person,
        skill="coaching",
        level=3,
        assessed_on=timezone.localdate(),
    )


def test_team_development_query_count_does_not_grow(client, cast):
    client.force_login(cast.team_leader)
    url = reverse("quality:team_development", kwargs={"uuid": cast.team.uuid})
    _add_supervisor(cast, 1)
    one = count_queries(client.get, url)
    _add_supervisor(cast, 2)
    _add_supervisor(cast, 3)
    assert count_queries(client.get, url) == one
    assert "Extra 3" in client.get(url).content.decode()


def test_development_isolation_other_organisation(client, cast):
    client.force_login(cast.stranger)
    assert client.get(_person_url(cast.supervisor)).status_code == 404
    assert list(queries_development.development_teams_for(cast.stranger)) == []
    url = reverse("quality:team_development", kwargs={"uuid": cast.team.uuid})
    assert client.get(url).status_code == 404


def _moment(cast, day, minutes, status=MomentStatus.HELD, people=()):
    tz = timezone.get_current_timezone()
    moment = GuidanceMoment.objects.create(
        organisation=cast.organisation,
        team=cast.team,
        form="reflection",
        title="Reflectie",
        starts_at=datetime.datetime.combine(day, datetime.time(10), tzinfo=tz),
        duration_minutes=minutes,
        status=status,
        cancel_reason="ziek" if status == MomentStatus.CANCELLED else "",
        created_by=cast.supervisor,
    )
    for person in people:
        MomentParticipant.objects.create(
            organisation=cast.organisation, moment=moment, person=person
        )


def test_realised_guidance_time_against_reservation(cast):
    start, end = datetime.date(2025, 3, 3), datetime.date(2025, 3, 30)  # four weeks
    CapacityReservation.objects.create(
        organisation=cast.organisation,
        person=cast.supervisor,
        team=cast.team,
        hours_per_week=Decimal("2"),
        valid_from=datetime.date(2025, 1, 1),
    )
    CapacityReservation.objects.create(
        organisation=cast.organisation,
        person=cast.practice_trainer,
        team=cast.team,
        hours_per_week=Decimal("3.5"),
        valid_from=datetime.date(2025, 3, 17),  # two of the four weeks
    )
    _moment(cast, datetime.date(2025, 3, 5), 60, people=[cast.supervisor])
    _moment(cast, datetime.date(2025, 3, 12), 90, people=[cast.supervisor, cast.practice_trainer])
    _moment(cast, datetime.date(2025, 3, 13), 60, status=MomentStatus.CANCELLED)
    _moment(cast, datetime.date(2025, 3, 20), 60, status=MomentStatus.PLANNED)
    _moment(cast, datetime.date(2025, 4, 2), 60, people=[cast.supervisor])
    time = queries_budget.realised_guidance_time(team=cast.team, start=start, end=end)
    assert time.reserved_hours == 15.0
    assert time.realised_hours == 2.5
    assert [(r.person, r.reserved_hours, r.realised_hours) for r in time.people] == [
        (cast.supervisor, 8.0, 2.5),
        (cast.practice_trainer, 7.0, 1.5),
    ]
    assert time.realised_percent == 17


def test_time_budget_page_and_budget_set(client, cast):
    year = timezone.localdate().year
    client.force_login(cast.hr)
    response = client.post(
        reverse("quality:budget_set", kwargs={"uuid": cast.team.uuid}),
        {"year": year, "amount": "7500"},
    )
    url = reverse("quality:team_time_budget", kwargs={"uuid": cast.team.uuid})
    assert response.url == f"{url}?year={year}"
    assert queries_budget.budget_summary(team=cast.team, year=year).amount == Decimal("7500.00")
    assert AuditEvent.objects.filter(action="quality.set_budget").count() == 2
    html = client.get(url).content.decode()
    assert "<dd>€\u00a07.500,00</dd>" in html


def test_time_budget_page_query_count_does_not_grow(client, cast):
    client.force_login(cast.team_leader)
    url = reverse("quality:team_time_budget", kwargs={"uuid": cast.team.uuid})
    today = timezone.localdate()
    _moment(cast, today, 30, people=[cast.supervisor])
    one = count_queries(client.get, url)
    _moment(cast, today, 30, people=[cast.practice_trainer])
    _moment(cast, today, 30, people=[cast.specialist])
    assert count_queries(client.get, url) == one
