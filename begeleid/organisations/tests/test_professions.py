from django.urls import reverse

from begeleid.core.models import AuditEvent
from begeleid.organisations.models import Profession
from tests.factories import PersonFactory, ProfessionFactory

from .helpers import queries_for_get


def test_profession_list_shows_name_code_and_people(cast, login):
    response = login(cast.admin).get(reverse("organisations:professions"))
    assert [(p.name, p.code, p.person_count) for p in response.context["page"]] == [
        ("Fysiotherapeut", "fysiotherapeut", 1),
        ("Verpleegkundige", "verpleegkundige", 10),
    ]


def test_profession_list_query_count_does_not_grow_with_rows(cast, login):
    client = login(cast.admin)
    url = reverse("organisations:professions") + "?q=zoek"
    one_profession = ProfessionFactory(organisation=cast.organisation, name="Zoekberoep 1")
    PersonFactory(organisation=cast.organisation, profession=one_profession)
    one = queries_for_get(client, url)
    ProfessionFactory(organisation=cast.organisation, name="Zoekberoep 2")
    ProfessionFactory(organisation=cast.organisation, name="Zoekberoep 3")
    assert len(client.get(url).context["page"]) == 3
    assert queries_for_get(client, url) == one


def test_profession_list_of_another_organisation_shows_none_of_ours(cast, login):
    theirs = ProfessionFactory(organisation=cast.other_organisation, name="Arts")
    response = login(cast.stranger).get(reverse("organisations:professions"))
    assert list(response.context["page"]) == [theirs]
    assert "Verpleegkundige" not in response.content.decode()


def test_profession_create_adds_and_audits(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:profession_create"), {"name": "Ergotherapeut", "code": "ergo"}
    )
    assert response.status_code == 302
    profession = Profession.objects.get(code="ergo")
    assert profession.organisation == cast.organisation
    assert AuditEvent.objects.get(action="organisations.create_profession").changes == {
        "name": {"old": None, "new": "Ergotherapeut"},
        "code": {"old": None, "new": "ergo"},
    }


def test_profession_create_with_a_code_in_use_keeps_the_input(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:profession_create"),
        {"name": "Verpleegkundige B", "code": "verpleegkundige"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "code": ["Er is al een beroep met deze naam of code in je organisatie."]
    }
    assert 'value="Verpleegkundige B"' in response.content.decode()


def test_profession_create_may_reuse_a_code_of_another_organisation(cast, login):
    ProfessionFactory(organisation=cast.other_organisation, name="Ergotherapeut", code="ergo")
    response = login(cast.admin).post(
        reverse("organisations:profession_create"), {"name": "Ergotherapeut", "code": "ergo"}
    )
    assert response.status_code == 302


def test_profession_edit_saves_and_audits_the_change(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:profession_edit", kwargs={"uuid": cast.nurse.uuid}),
        {"name": "Verpleegkundige (mbo)", "code": "verpleegkundige"},
    )
    assert response.status_code == 302
    cast.nurse.refresh_from_db()
    assert cast.nurse.name == "Verpleegkundige (mbo)"
    assert AuditEvent.objects.get(action="organisations.update_profession").changes == {
        "name": {"old": "Verpleegkundige", "new": "Verpleegkundige (mbo)"}
    }


def test_profession_edit_with_an_invalid_code_keeps_the_input(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:profession_edit", kwargs={"uuid": cast.nurse.uuid}),
        {"name": "Verpleegkundige (mbo)", "code": "met spaties"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["code"]
    assert 'value="met spaties"' in response.content.decode()
    cast.nurse.refresh_from_db()
    assert cast.nurse.code == "verpleegkundige"
