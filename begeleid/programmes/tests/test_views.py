import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleid.core.models import AccessEvent
from begeleid.organisations.enums import Role
from begeleid.programmes import services
from begeleid.programmes.enums import Capacity, EnrolmentStatus, PhaseKind, VersionStatus
from begeleid.programmes.queries import enrolments_for_team_overview
from tests.factories import PersonFactory, TeamFactory, give_role
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db


def _enrol(cast, learner, team, supervisor=None):
    return services.enrol_learner(
        learner=learner,
        version=cast.version,
        team=team,
        start_date=timezone.localdate(),
        planned_end_date=timezone.localdate() + datetime.timedelta(days=300),
        first_supervisor=supervisor or cast.supervisor,
        by=cast.practice_trainer,
    )


def test_programme_create_redirects_to_the_draft_version(cast, login):
    response = login(cast.hr).post(
        reverse("programmes:programme_create"),
        {"name": "Inwerkprogramma", "description": "", "target_professions": [cast.nurse.uuid]},
    )
    programme = cast.organisation.programme_set.get(name="Inwerkprogramma")
    version = programme.versions.get()
    assert response.url == reverse(
        "programmes:programme_version_detail", kwargs={"uuid": version.uuid}
    )
    page = login(cast.hr).get(response.url)
    assert page.status_code == 200
    assert page.context["phases"].count() == 4


def test_programme_create_keeps_input_on_error(cast, login):
    response = login(cast.hr).post(
        reverse("programmes:programme_create"), {"name": "", "description": "Mijn tekst"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Dit veld is verplicht."]
    assert "Mijn tekst" in response.content.decode()


def test_phase_edit_of_published_version_shows_the_frozen_error(cast, login):
    phase = cast.phases[PhaseKind.INSTRUCTION]
    url = reverse("programmes:programme_phase_edit", kwargs={"uuid": phase.uuid})
    data = {
        "name": "Anders",
        "kind": "instruction",
        "goals": "",
        "expected_autonomy": "2",
        "typical_weeks": "8",
        "target_instruction": "1",
        "target_coaching_on_the_job": "0",
        "target_shadow_day": "0",
        "target_reflection": "0",
        "target_intervision": "0",
    }
    response = login(cast.practice_trainer).post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Versie 1 is gepubliceerd en kan niet meer worden gewijzigd. Maak een nieuwe versie "
        "om iets aan te passen."
    ]
    phase.refresh_from_db()
    assert phase.name == "Instructie"


def test_version_publish_and_new_version_through_the_pages(cast, login):
    client = login(cast.practice_trainer)
    client.post(reverse("programmes:programme_version_new", kwargs={"uuid": cast.programme.uuid}))
    draft = cast.programme.versions.get(number=2)
    response = client.post(
        reverse("programmes:programme_version_publish", kwargs={"uuid": draft.uuid})
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED


def test_enrolment_detail_shows_phase_and_guides_and_logs_access(cast, login):
    response = login(cast.supervisor).get(
        reverse("programmes:enrolment_detail", kwargs={"uuid": cast.enrolment.uuid})
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Fase: Instructie" in body
    assert "Vera Vakspecialist" in body and "Fysiotherapeut" in body
    event = AccessEvent.objects.get()
    assert (event.viewer, event.subject, event.what) == (
        cast.supervisor,
        cast.learner,
        "leertraject",
    )


def test_enrolment_detail_of_own_enrolment_logs_no_access(cast, login):
    response = login(cast.learner).get(
        reverse("programmes:enrolment_detail", kwargs={"uuid": cast.enrolment.uuid})
    )
    assert response.status_code == 200
    assert "Mijn leertraject" in response.content.decode()
    assert AccessEvent.objects.count() == 0


def test_enrol_page_enrols_a_learner(cast, login):
    learner = PersonFactory(organisation=cast.organisation, full_name="Nina Nieuw")
    give_role(learner, Role.LEARNER, cast.team)
    today = timezone.localdate()
    response = login(cast.team_leader).post(
        reverse("programmes:enrol"),
        {
            "learner": learner.uuid,
            "version": cast.version.uuid,
            "team": cast.team.uuid,
            "first_supervisor": cast.supervisor.uuid,
            "start_date": today.isoformat(),
            "planned_end_date": (today + datetime.timedelta(days=100)).isoformat(),
        },
    )
    enrolment = learner.enrolments.get()
    assert response.url == reverse("programmes:enrolment_detail", kwargs={"uuid": enrolment.uuid})
    assert enrolment.first_supervisor == cast.supervisor


def test_enrolment_phase_and_status_forms_change_the_enrolment(cast, login):
    client = login(cast.practice_trainer)
    uuid = cast.enrolment.uuid
    client.post(
        reverse("programmes:enrolment_phase", kwargs={"uuid": uuid}),
        {"to_phase": cast.phases[PhaseKind.EXPLORATION].uuid, "reason": "Zelfstandiger."},
    )
    client.post(
        reverse("programmes:enrolment_status", kwargs={"uuid": uuid}),
        {"status": "paused", "reason": "Verlof."},
    )
    cast.enrolment.refresh_from_db()
    assert cast.enrolment.current_phase.kind == PhaseKind.EXPLORATION
    assert (cast.enrolment.status, cast.enrolment.status_reason) == (
        EnrolmentStatus.PAUSED,
        "Verlof.",
    )


def test_status_form_requires_a_reason(cast, login):
    response = login(cast.practice_trainer).post(
        reverse("programmes:enrolment_status", kwargs={"uuid": cast.enrolment.uuid}),
        {"status": "paused", "reason": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Dit veld is verplicht."]


def test_assignment_add_of_first_supervisor_replaces_the_current(cast, login):
    login(cast.team_leader).post(
        reverse("programmes:assignment_add", kwargs={"uuid": cast.enrolment.uuid}),
        {
            "person": cast.outsider.uuid,
            "capacity": Capacity.FIRST_SUPERVISOR,
            "valid_from": timezone.localdate().isoformat(),
        },
    )
    assert cast.enrolment.first_supervisor == cast.outsider
    assert (
        cast.enrolment.assignments.filter(
            capacity=Capacity.FIRST_SUPERVISOR, valid_until__isnull=True
        ).count()
        == 1
    )


def test_enrolment_list_filters_by_status_and_phase(cast, login):
    services.change_enrolment_status(
        enrolment=cast.other_enrolment, status="paused", reason="Verlof.", by=cast.team_leader
    )
    client = login(cast.team_leader)
    url = reverse("programmes:enrolment_list")
    rows = lambda **q: [  # noqa: E731
        row["uuid"] for row in client.get(url, q).context["page"].object_list
    ]
    assert rows() == [cast.enrolment.uuid, cast.other_enrolment.uuid]
    assert rows(status="paused") == [cast.other_enrolment.uuid]
    assert rows(phase_kind="instruction") == [cast.enrolment.uuid]
    assert rows(team=cast.team.uuid, q="Lies") == [cast.enrolment.uuid]


def _add_enrolments(cast, team, trainer, n):
    for _ in range(n):
        learner = PersonFactory(organisation=cast.organisation, profession=cast.nurse)
        enrolment = _enrol(cast, learner, team, supervisor=trainer)
        services.assign_supervisor(
            enrolment=enrolment,
            person=cast.specialist,
            capacity=Capacity.SPECIALIST,
            profession=cast.physio,
            by=trainer,
        )


def _new_team_with_trainer(cast):
    team = TeamFactory(organisation=cast.organisation, name="Longziekten")
    trainer = PersonFactory(organisation=cast.organisation)
    give_role(trainer, Role.PRACTICE_TRAINER, team)
    return team, trainer


def test_enrolment_list_query_count_is_the_same_for_1_and_3(cast, client):
    team, trainer = _new_team_with_trainer(cast)
    client.force_login(trainer)
    url = reverse("programmes:enrolment_list")
    _add_enrolments(cast, team, trainer, 1)
    one = count_queries(client.get, url)
    _add_enrolments(cast, team, trainer, 2)
    three = count_queries(client.get, url)
    assert len(client.get(url).context["page"].object_list) == 3
    assert one == three


def test_team_overview_query_count_is_the_same_for_1_and_3(cast, django_assert_num_queries):
    team, trainer = _new_team_with_trainer(cast)

    def overview():
        return list(enrolments_for_team_overview(trainer, {}))

    _add_enrolments(cast, team, trainer, 1)
    overview()  # roles of the trainer are read once and kept
    with django_assert_num_queries(1):
        assert len(overview()) == 1
    _add_enrolments(cast, team, trainer, 2)
    with django_assert_num_queries(1):
        rows = overview()
    assert len(rows) == 3
    assert {row["first_supervisor"] for row in rows} == {trainer.full_name}


def test_team_overview_rows_carry_what_the_list_shows(cast):
    """Each row: the enrolment's names and status, and the first supervisor assigned
    today (as ``Enrolment.first_supervisor``), or None."""
    rows = {row["uuid"]: row for row in enrolments_for_team_overview(cast.team_leader, {})}
    row = rows[cast.enrolment.uuid]
    enrolment = cast.enrolment
    assert row == {
        "uuid": enrolment.uuid,
        "status": enrolment.status,
        "learner_name": enrolment.learner.full_name,
        "profession_id": enrolment.learner.profession_id,
        "profession": enrolment.learner.profession.name,
        "team_name": enrolment.team.name,
        "programme_name": enrolment.version.programme.name,
        "version_number": enrolment.version.number,
        "phase_name": enrolment.current_phase.name,
        "first_supervisor": enrolment.first_supervisor.full_name,
    }
    services.assign_supervisor(
        enrolment=enrolment,
        person=cast.outsider,
        capacity=Capacity.FIRST_SUPERVISOR,
        by=cast.team_leader,
    )
    rows = {row["uuid"]: row for row in enrolments_for_team_overview(cast.team_leader, {})}
    assert rows[enrolment.uuid]["first_supervisor"] == cast.outsider.full_name
    enrolment.assignments.filter(capacity=Capacity.FIRST_SUPERVISOR).update(
        valid_until=timezone.localdate()
    )
    rows = {row["uuid"]: row for row in enrolments_for_team_overview(cast.team_leader, {})}
    assert rows[enrolment.uuid]["first_supervisor"] is None


def test_enrolment_list_draws_its_filter_selects_as_django_does(cast):
    """The filter form's selects are drawn in Python (core.widgets.PlainSelect): the same
    HTML as Django's ``Select``."""
    from django import forms as django_forms
    from django.test.html import parse_html

    from begeleid.programmes.forms import EnrolmentFilterForm

    for data in (None, {"team": str(cast.team.uuid), "status": "paused", "phase_kind": "x"}):
        form = EnrolmentFilterForm(data, user=cast.team_leader)
        for name in ("team", "status", "phase_kind"):
            ours = str(form[name])
            form.fields[name].widget = django_forms.Select(choices=form.fields[name].choices)
            assert parse_html(ours) == parse_html(str(form[name]))
            assert "<option" in ours


def test_programme_list_query_count_is_the_same_for_1_and_3(cast, client):
    client.force_login(cast.hr)
    url = reverse("programmes:programme_list")
    one = count_queries(client.get, url)
    for name in ("Inwerken", "IC-opleiding"):
        services.create_programme(organisation=cast.organisation, name=name, by=cast.hr)
    three = count_queries(client.get, url)
    assert len(client.get(url).context["programmes"]) == 3
    assert one == three


def test_person_of_another_organisation_sees_none_of_our_enrolments(cast, client):
    other_org = cast.other_organisation
    team = TeamFactory(organisation=other_org, name="Chirurgie")
    trainer = PersonFactory(organisation=other_org)
    give_role(trainer, Role.PRACTICE_TRAINER, team)
    client.force_login(trainer)
    assert list(enrolments_for_team_overview(trainer, {})) == []
    assert list(client.get(reverse("programmes:enrolment_list")).context["page"].object_list) == []
    assert list(client.get(reverse("programmes:programme_list")).context["programmes"]) == []
    detail = reverse("programmes:enrolment_detail", kwargs={"uuid": cast.enrolment.uuid})
    assert client.get(detail).status_code == 404
    version = reverse("programmes:programme_version_detail", kwargs={"uuid": cast.version.uuid})
    assert client.get(version).status_code == 404


def test_team_overview_page_is_what_the_paginator_gives(cast, django_assert_num_queries):
    """The list's page reads its rows with their count (the first page without filters
    as a prepared read): the same page, rows and count as the paginator over the rows."""
    from django.core.paginator import Paginator

    from begeleid.programmes.queries import team_overview_page

    team, trainer = _new_team_with_trainer(cast)
    _add_enrolments(cast, team, trainer, 3)
    every = list(enrolments_for_team_overview(trainer, {}))

    def shown(page):
        return (
            page.number,
            page.paginator.count,
            page.paginator.num_pages,
            [row["uuid"] for row in page.object_list],
        )

    def expected(rows, number, per_page):
        return shown(Paginator(rows, per_page).get_page(number))

    team_overview_page(trainer, {}, None)  # roles of the trainer are read once and kept
    with django_assert_num_queries(1):
        first = team_overview_page(trainer, {}, None)
    assert shown(first) == expected(every, 1, 25)
    assert [row["status_label"] for row in first.object_list] == ["actief"] * 3
    for number in (None, "", "1", "2", "3", "4", "99", "0", "-1", "x"):
        assert shown(team_overview_page(trainer, {}, number, per_page=1)) == expected(
            every, number, 1
        )
    with django_assert_num_queries(1):
        second = team_overview_page(trainer, {}, "2", per_page=1)
    assert second.object_list[0]["uuid"] == every[1]["uuid"]
    # The last name in order is part of no other: the names all start alike, so a name
    # containing another starts with it and sorts after it.
    named = every[-1]["learner_name"]
    assert shown(team_overview_page(trainer, {"q": named}, "1")) == (
        1,
        1,
        1,
        [every[-1]["uuid"]],
    )
    nobody = team_overview_page(trainer, {"q": "Niemand heet zo"}, None)
    assert shown(nobody) == (1, 0, 1, [])
