import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from begeleid.core.models import AccessEvent, AuditEvent
from begeleid.organisations.enums import Role
from tests.factories import PersonFactory, ProfessionFactory, give_role

from .helpers import queries_for_get

Person = get_user_model()


def names_in(response):
    return [p.full_name for p in response.context["page"]]


# List, search and filters


def test_people_list_shows_everyone_of_the_organisation_alphabetically(cast, login):
    response = login(cast.admin).get(reverse("organisations:people"))
    assert response.status_code == 200
    assert names_in(response) == sorted(
        p.full_name for p in cast.people.values() if p != cast.stranger
    )
    assert response.context["page"].paginator.count == 11


def test_people_list_searches_name_email_and_employee_number(cast, login):
    cast.learner.employee_number = "E-1001"
    cast.learner.save()
    client = login(cast.admin)
    url = reverse("organisations:people")
    assert names_in(client.get(url, {"q": "lerende"})) == ["Lies Lerende", "Olaf Anderelerende"]
    assert names_in(client.get(url, {"q": "bea"})) == ["Bea Begeleider"]
    assert names_in(client.get(url, {"q": "hr@test.example"})) == ["Hanna HR"]
    assert names_in(client.get(url, {"q": "e-1001"})) == ["Lies Lerende"]


def test_people_list_filters_by_team_and_role_together(cast, login):
    client = login(cast.admin)
    url = reverse("organisations:people")
    response = client.get(url, {"team": str(cast.team.uuid), "role": Role.LEARNER})
    assert names_in(response) == ["Lies Lerende", "Olaf Anderelerende"]
    # The former supervisor's role in the team has ended: not a supervisor there today.
    response = client.get(url, {"team": str(cast.team.uuid), "role": Role.SUPERVISOR})
    assert names_in(response) == ["Bea Begeleider"]
    response = client.get(url, {"team": str(cast.other_team.uuid)})
    assert names_in(response) == ["Otto Buitenstaander"]


def test_people_list_filters_by_status(cast, login):
    cast.hr.is_active = False
    cast.hr.save()
    response = login(cast.admin).get(reverse("organisations:people"), {"status": "inactive"})
    assert names_in(response) == ["Hanna HR"]


def test_people_list_pages_by_25_and_keeps_filters_in_page_links(cast, login):
    for n in range(30):
        PersonFactory(organisation=cast.organisation, full_name=f"Zoë Zoek {n:02d}")
    client = login(cast.admin)
    response = client.get(reverse("organisations:people"), {"q": "zoek"})
    assert len(names_in(response)) == 25
    assert 'href="?q=zoek&amp;page=2"' in response.content.decode()
    second = client.get(reverse("organisations:people"), {"q": "zoek", "page": 2})
    assert names_in(second) == [f"Zoë Zoek {n:02d}" for n in range(25, 30)]


def test_people_list_query_count_does_not_grow_with_rows(cast, login):
    client = login(cast.admin)
    url = reverse("organisations:people") + "?q=zoek"
    first = PersonFactory(organisation=cast.organisation, full_name="Zoek Een")
    give_role(first, Role.LEARNER, cast.team)
    one = queries_for_get(client, url)
    for name in ("Zoek Twee", "Zoek Drie"):
        give_role(
            PersonFactory(organisation=cast.organisation, full_name=name),
            Role.LEARNER,
            cast.other_team,
        )
    assert queries_for_get(client, url) == one


def test_people_list_of_another_organisation_shows_none_of_ours(cast, login):
    response = login(cast.stranger).get(reverse("organisations:people"))
    assert names_in(response) == ["Sven Vreemde"]
    assert "Lies Lerende" not in response.content.decode()
    team_filter = login(cast.stranger).get(
        reverse("organisations:people"), {"team": str(cast.team.uuid)}
    )
    # Our team is not a valid choice for them: the filter is refused, not applied.
    assert team_filter.context["form"].errors
    assert names_in(team_filter) == ["Sven Vreemde"]


# Create


def test_person_create_adds_a_person_without_password_and_sends_nothing(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:person_create"),
        {
            "full_name": "Nina Nieuw",
            "email": "Nina@New.Example",
            "profession": str(cast.physio.uuid),
            "employee_number": "E-77",
        },
    )
    person = Person.objects.get(email="nina@new.example")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "organisations:person_detail", kwargs={"uuid": person.uuid}
    )
    assert person.organisation == cast.organisation
    assert person.profession == cast.physio
    assert person.employee_number == "E-77"
    assert person.has_usable_password() is False
    assert mail.outbox == []
    event = AuditEvent.objects.get(action="organisations.create_person")
    assert event.actor == cast.admin
    assert event.object_uuid == person.uuid
    assert event.changes == {
        "full_name": {"old": None, "new": "Nina Nieuw"},
        "email": {"old": None, "new": "nina@new.example"},
        "profession": {"old": None, "new": "Fysiotherapeut"},
        "employee_number": {"old": None, "new": "E-77"},
    }


def test_person_create_with_a_taken_email_keeps_the_input(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:person_create"),
        {"full_name": "Nina Nieuw", "email": "LEARNER@test.example", "employee_number": "E-9"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["Er is al een account met dit e-mailadres."]
    }
    html = response.content.decode()
    assert 'value="Nina Nieuw"' in html
    assert 'value="E-9"' in html
    assert not Person.objects.filter(full_name="Nina Nieuw").exists()


def test_person_create_refuses_a_profession_of_another_organisation(cast, login):
    theirs = ProfessionFactory(organisation=cast.other_organisation)
    response = login(cast.admin).post(
        reverse("organisations:person_create"),
        {"full_name": "Nina Nieuw", "email": "nina@new.example", "profession": str(theirs.uuid)},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["profession"]


def test_person_create_refuses_an_employee_number_in_use(cast, login):
    cast.learner.employee_number = "E-1"
    cast.learner.save()
    response = login(cast.admin).post(
        reverse("organisations:person_create"),
        {"full_name": "Nina Nieuw", "email": "nina@new.example", "employee_number": "E-1"},
    )
    assert response.context["form"].errors == {
        "employee_number": ["Dit personeelsnummer is al in gebruik in je organisatie."]
    }


# Detail and access log


def test_person_detail_shows_roles_and_records_the_access(cast, login):
    response = login(cast.admin).get(
        reverse("organisations:person_detail", kwargs={"uuid": cast.learner.uuid})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lies Lerende" in html
    assert "lerende" in html and "Chirurgie" in html
    event = AccessEvent.objects.get(viewer=cast.admin)
    assert (event.viewer, event.subject, event.what) == (
        cast.admin,
        cast.learner,
        "profiel en rollen",
    )
    assert event.path == f"/organisation/people/{cast.learner.uuid}/"


def test_person_detail_access_appears_on_the_subjects_who_viewed_my_data_page(cast, client):
    client.force_login(cast.admin)
    client.get(reverse("organisations:person_detail", kwargs={"uuid": cast.learner.uuid}))
    client.force_login(cast.learner)
    response = client.get(reverse("accounts:my_access_log"))
    events = list(response.context["page"])
    assert [(e.viewer, e.what) for e in events] == [(cast.admin, "profiel en rollen")]
    assert "Arie Beheerder" in response.content.decode()


def test_person_detail_of_yourself_records_no_access(cast, login):
    login(cast.admin).get(reverse("organisations:person_detail", kwargs={"uuid": cast.admin.uuid}))
    assert AccessEvent.objects.filter(viewer=cast.admin).count() == 0


# Edit, deactivate, password link


def test_person_edit_saves_and_audits_only_what_changed(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:person_edit", kwargs={"uuid": cast.learner.uuid}),
        {
            "full_name": "Lies de Vries",
            "email": cast.learner.email,
            "profession": str(cast.nurse.uuid),
            "employee_number": "",
        },
    )
    assert response.status_code == 302
    cast.learner.refresh_from_db()
    assert cast.learner.full_name == "Lies de Vries"
    event = AuditEvent.objects.get(action="organisations.update_person")
    assert event.changes == {"full_name": {"old": "Lies Lerende", "new": "Lies de Vries"}}
    assert event.object_repr == "Lies de Vries"


def test_person_edit_with_errors_keeps_input_and_saves_nothing(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:person_edit", kwargs={"uuid": cast.learner.uuid}),
        {"full_name": "Lies de Vries", "email": "not-an-address"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert 'value="Lies de Vries"' in response.content.decode()
    cast.learner.refresh_from_db()
    assert cast.learner.full_name == "Lies Lerende"
    assert not AuditEvent.objects.filter(action__startswith="organisations.").exists()


def test_person_deactivate_and_reactivate_are_audited(cast, login):
    client = login(cast.admin)
    client.post(reverse("organisations:person_deactivate", kwargs={"uuid": cast.learner.uuid}))
    cast.learner.refresh_from_db()
    assert cast.learner.is_active is False
    client.post(reverse("organisations:person_reactivate", kwargs={"uuid": cast.learner.uuid}))
    cast.learner.refresh_from_db()
    assert cast.learner.is_active is True
    events = AuditEvent.objects.filter(action__startswith="organisations.").order_by("id")
    assert [(e.action, e.changes) for e in events] == [
        ("organisations.deactivate_person", {"is_active": {"old": True, "new": False}}),
        ("organisations.reactivate_person", {"is_active": {"old": False, "new": True}}),
    ]


def test_person_deactivate_of_yourself_is_forbidden(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:person_deactivate", kwargs={"uuid": cast.admin.uuid})
    )
    assert response.status_code == 403
    cast.admin.refresh_from_db()
    assert cast.admin.is_active is True


def test_person_password_reset_lets_a_new_person_choose_a_password(cast, client):
    client.force_login(cast.admin)
    client.post(
        reverse("organisations:person_create"),
        {"full_name": "Nina Nieuw", "email": "nina@new.example"},
    )
    nina = Person.objects.get(email="nina@new.example")
    response = client.post(
        reverse("organisations:person_password_reset", kwargs={"uuid": nina.uuid})
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@new.example"]
    assert message.subject == "Kies je wachtwoord voor begeleid (Ziekenhuis Test)"
    assert "Arie Beheerder (functioneel beheerder van Ziekenhuis Test)" in message.body
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)
    assert (
        AuditEvent.objects.filter(
            action="organisations.send_password_reset", object_uuid=nina.uuid
        ).count()
        == 1
    )

    client.logout()
    form_url = client.get(link)["Location"]
    done = client.post(
        form_url, {"new_password1": "Zonnebloem-1984!", "new_password2": "Zonnebloem-1984!"}
    )
    assert done.status_code == 302
    nina.refresh_from_db()
    assert nina.check_password("Zonnebloem-1984!")


def test_person_password_reset_for_an_inactive_person_is_forbidden(cast, login):
    cast.learner.is_active = False
    cast.learner.save()
    response = login(cast.admin).post(
        reverse("organisations:person_password_reset", kwargs={"uuid": cast.learner.uuid})
    )
    assert response.status_code == 403
    assert mail.outbox == []


def test_person_detail_hides_actions_the_admin_may_not_take(cast, login):
    html = (
        login(cast.admin)
        .get(reverse("organisations:person_detail", kwargs={"uuid": cast.admin.uuid}))
        .content.decode()
    )
    assert reverse("organisations:person_deactivate", kwargs={"uuid": cast.admin.uuid}) not in html
    assert "Je kunt je eigen account niet deactiveren." in html
