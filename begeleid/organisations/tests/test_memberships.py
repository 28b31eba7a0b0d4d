import datetime

from django.urls import reverse
from django.utils import timezone

from begeleid.core.models import AuditEvent
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership
from tests.factories import TeamFactory

TODAY = timezone.localdate


def add_role(client, person, **data):
    return client.post(
        reverse("organisations:membership_create", kwargs={"uuid": person.uuid}), data
    )


def test_membership_create_adds_a_team_role_and_audits_it(cast, login):
    response = add_role(
        login(cast.admin),
        cast.learner,
        role=Role.SUPERVISOR,
        team=str(cast.other_team.uuid),
        valid_from="2026-01-01",
        valid_until="2026-12-31",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "organisations:person_detail", kwargs={"uuid": cast.learner.uuid}
    )
    membership = Membership.objects.get(person=cast.learner, role=Role.SUPERVISOR)
    assert membership.team == cast.other_team
    assert (membership.valid_from, membership.valid_until) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
    )
    event = AuditEvent.objects.get(action="organisations.add_membership")
    assert event.object_uuid == membership.uuid
    assert event.changes == {
        "role": {"old": None, "new": "supervisor"},
        "team": {"old": None, "new": "Cardiologie"},
        "valid_from": {"old": None, "new": "2026-01-01"},
        "valid_until": {"old": None, "new": "2026-12-31"},
        "person": {"old": None, "new": "Lies Lerende"},
    }


def test_membership_create_adds_an_organisation_role_without_team(cast, login):
    add_role(login(cast.admin), cast.learner, role=Role.HR, valid_from=TODAY().isoformat())
    membership = Membership.objects.get(person=cast.learner, role=Role.HR)
    assert membership.team is None


def test_membership_create_for_a_team_role_without_team_shows_the_rule(cast, login):
    response = add_role(
        login(cast.admin), cast.learner, role=Role.ASSESSOR, valid_from="2026-03-01"
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"team": ["Kies het team waarin deze rol geldt."]}
    html = response.content.decode()
    assert '<option value="assessor" selected>' in html
    assert 'value="2026-03-01"' in html
    assert not Membership.objects.filter(role=Role.ASSESSOR, person=cast.learner).exists()


def test_membership_create_for_an_organisation_role_with_a_team_shows_the_rule(cast, login):
    response = add_role(
        login(cast.admin),
        cast.learner,
        role=Role.MANAGER,
        team=str(cast.team.uuid),
        valid_from="2026-03-01",
    )
    assert response.context["form"].errors == {
        "team": ["Deze rol geldt voor de hele organisatie, niet voor één team."]
    }


def test_membership_create_with_the_end_before_the_start_shows_the_rule(cast, login):
    response = add_role(
        login(cast.admin),
        cast.learner,
        role=Role.SUPERVISOR,
        team=str(cast.team.uuid),
        valid_from="2026-03-01",
        valid_until="2026-02-01",
    )
    assert response.context["form"].errors == {
        "valid_until": ["De einddatum ligt voor de begindatum."]
    }


def test_membership_create_offers_only_active_teams_of_the_organisation(cast, login):
    cast.other_team.is_active = False
    cast.other_team.save()
    theirs = TeamFactory(organisation=cast.other_organisation, name="Hun team")
    response = login(cast.admin).get(
        reverse("organisations:membership_create", kwargs={"uuid": cast.learner.uuid})
    )
    teams = list(response.context["form"].fields["team"].queryset)
    assert teams == [cast.team, cast.department]
    refused = add_role(
        login(cast.admin),
        cast.learner,
        role=Role.SUPERVISOR,
        team=str(theirs.uuid),
        valid_from="2026-03-01",
    )
    assert list(refused.context["form"].errors) == ["team"]


def test_membership_end_sets_the_last_day_and_audits_it(cast, login):
    membership = cast.learner.memberships.get()
    response = login(cast.admin).post(
        reverse("organisations:membership_end", kwargs={"uuid": membership.uuid}),
        {"valid_until": TODAY().isoformat()},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_until == TODAY()
    event = AuditEvent.objects.get(action="organisations.end_membership")
    assert event.changes == {
        "valid_until": {"old": None, "new": TODAY().isoformat()},
        "person": {"old": "Lies Lerende", "new": "Lies Lerende"},
    }


def test_membership_end_before_the_start_shows_the_rule_and_keeps_input(cast, login):
    membership = cast.learner.memberships.get()
    too_early = (membership.valid_from - datetime.timedelta(days=1)).isoformat()
    response = login(cast.admin).post(
        reverse("organisations:membership_end", kwargs={"uuid": membership.uuid}),
        {"valid_until": too_early},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "valid_until": ["De einddatum ligt voor de begindatum."]
    }
    assert f'value="{too_early}"' in response.content.decode()
    membership.refresh_from_db()
    assert membership.valid_until is None


def test_membership_end_requires_a_date(cast, login):
    membership = cast.learner.memberships.get()
    response = login(cast.admin).post(
        reverse("organisations:membership_end", kwargs={"uuid": membership.uuid}),
        {"valid_until": ""},
    )
    assert list(response.context["form"].errors) == ["valid_until"]


def test_membership_end_of_your_own_admin_role_is_forbidden(cast, login):
    own = cast.admin.memberships.get()
    response = login(cast.admin).post(
        reverse("organisations:membership_end", kwargs={"uuid": own.uuid}),
        {"valid_until": TODAY().isoformat()},
    )
    assert response.status_code == 403


def test_membership_end_of_an_ended_role_is_forbidden(cast, login):
    ended = cast.former_supervisor.memberships.get()
    response = login(cast.admin).get(
        reverse("organisations:membership_end", kwargs={"uuid": ended.uuid})
    )
    assert response.status_code == 403


def test_person_detail_offers_end_only_for_current_roles(cast, login):
    ended = cast.former_supervisor.memberships.get()
    html = (
        login(cast.admin)
        .get(reverse("organisations:person_detail", kwargs={"uuid": cast.former_supervisor.uuid}))
        .content.decode()
    )
    assert reverse("organisations:membership_end", kwargs={"uuid": ended.uuid}) not in html
    current = cast.learner.memberships.get()
    html = (
        login(cast.admin)
        .get(reverse("organisations:person_detail", kwargs={"uuid": cast.learner.uuid}))
        .content.decode()
    )
    assert reverse("organisations:membership_end", kwargs={"uuid": current.uuid}) in html
