from django.urls import reverse

from begeleid.core.models import AuditEvent
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Team
from tests.factories import PersonFactory, TeamFactory, give_role

from .helpers import queries_for_get


def rows_of(response):
    return [
        (t.name, t.parent.name if t.parent else None, t.member_count)
        for t in response.context["page"]
    ]


def test_team_list_shows_parent_and_people_with_a_role_today(cast, login):
    response = login(cast.admin).get(reverse("organisations:teams"))
    assert response.status_code == 200
    assert rows_of(response) == [
        ("Cardiologie", "Snijdende specialismen", 1),
        # Seven current roles; the former supervisor's role has ended.
        ("Chirurgie", "Snijdende specialismen", 7),
        ("Snijdende specialismen", None, 0),
    ]


def test_team_list_searches_name_and_code(cast, login):
    cast.other_team.code = "CARD"
    cast.other_team.save()
    client = login(cast.admin)
    assert [
        t.name for t in client.get(reverse("organisations:teams"), {"q": "chir"}).context["page"]
    ] == ["Chirurgie"]
    assert [
        t.name for t in client.get(reverse("organisations:teams"), {"q": "card"}).context["page"]
    ] == ["Cardiologie"]


def test_team_list_query_count_does_not_grow_with_rows(cast, login):
    client = login(cast.admin)
    url = reverse("organisations:teams") + "?q=zoek"
    parent = TeamFactory(organisation=cast.organisation, name="Zoekafdeling")
    one = queries_for_get(client, url)
    for name in ("Zoekteam A", "Zoekteam B"):
        team = TeamFactory(organisation=cast.organisation, name=name, parent=parent)
        give_role(PersonFactory(organisation=cast.organisation), Role.LEARNER, team)
    assert len(client.get(url).context["page"]) == 3
    assert queries_for_get(client, url) == one


def test_team_list_of_another_organisation_shows_none_of_ours(cast, login):
    theirs = TeamFactory(organisation=cast.other_organisation, name="Hun team")
    response = login(cast.stranger).get(reverse("organisations:teams"))
    assert list(response.context["page"]) == [theirs]
    assert "Chirurgie" not in response.content.decode()


def test_team_create_adds_a_team_under_a_department(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:team_create"),
        {"name": "Neurologie", "code": "NEU", "parent": str(cast.department.uuid)},
    )
    assert response.status_code == 302
    team = Team.objects.get(name="Neurologie")
    assert (team.organisation, team.parent, team.code) == (
        cast.organisation,
        cast.department,
        "NEU",
    )
    event = AuditEvent.objects.get(action="organisations.create_team")
    assert event.changes == {
        "name": {"old": None, "new": "Neurologie"},
        "code": {"old": None, "new": "NEU"},
        "parent": {"old": None, "new": "Snijdende specialismen"},
    }


def test_team_create_with_a_name_in_use_keeps_the_input(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:team_create"),
        {"name": "chirurgie", "code": "X1", "description": "Tweede chirurgie"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Er is al een team met deze naam in je organisatie."]
    }
    html = response.content.decode()
    assert 'value="X1"' in html and "Tweede chirurgie" in html


def test_team_create_refuses_a_parent_of_another_organisation(cast, login):
    theirs = TeamFactory(organisation=cast.other_organisation)
    response = login(cast.admin).post(
        reverse("organisations:team_create"), {"name": "Neurologie", "parent": str(theirs.uuid)}
    )
    assert list(response.context["form"].errors) == ["parent"]
    assert not Team.objects.filter(name="Neurologie").exists()


def test_team_edit_prevents_a_cycle_of_parents(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:team_edit", kwargs={"uuid": cast.department.uuid}),
        {"name": "Snijdende specialismen", "parent": str(cast.team.uuid)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "parent": ["Een team kan niet onder zichzelf vallen."]
    }
    cast.department.refresh_from_db()
    assert cast.department.parent is None


def test_team_edit_does_not_offer_the_team_itself_as_parent(cast, login):
    response = login(cast.admin).get(
        reverse("organisations:team_edit", kwargs={"uuid": cast.team.uuid})
    )
    assert list(response.context["form"].fields["parent"].queryset) == [
        cast.other_team,
        cast.department,
    ]


def test_team_edit_saves_and_audits_the_changes(cast, login):
    response = login(cast.admin).post(
        reverse("organisations:team_edit", kwargs={"uuid": cast.team.uuid}),
        {"name": "Chirurgie A", "parent": ""},
    )
    assert response.status_code == 302
    cast.team.refresh_from_db()
    assert (cast.team.name, cast.team.parent) == ("Chirurgie A", None)
    event = AuditEvent.objects.get(action="organisations.update_team")
    assert event.changes == {
        "name": {"old": "Chirurgie", "new": "Chirurgie A"},
        "parent": {"old": "Snijdende specialismen", "new": None},
    }


def test_team_deactivate_and_reactivate(cast, login):
    client = login(cast.admin)
    response = client.post(
        reverse("organisations:team_deactivate", kwargs={"uuid": cast.team.uuid})
    )
    assert response["Location"] == reverse(
        "organisations:team_edit", kwargs={"uuid": cast.team.uuid}
    )
    cast.team.refresh_from_db()
    assert cast.team.is_active is False
    client.post(reverse("organisations:team_reactivate", kwargs={"uuid": cast.team.uuid}))
    cast.team.refresh_from_db()
    assert cast.team.is_active is True
    assert list(
        AuditEvent.objects.filter(object_uuid=cast.team.uuid)
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["organisations.deactivate_team", "organisations.reactivate_team"]
