import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership
from begeleid.organisations.queries import roles_of
from tests.factories import TeamFactory, give_role


def test_roles_of_reads_only_roles_valid_today(cast):
    assert roles_of(cast.supervisor).by_team == {cast.team.id: {"supervisor"}}
    assert roles_of(cast.former_supervisor).all == set()
    assert roles_of(cast.admin).organisation == {"admin"}


def test_a_person_can_hold_several_roles_in_several_teams(cast):
    give_role(cast.supervisor, Role.ASSESSOR, cast.other_team)
    roles = roles_of(type(cast.supervisor).objects.get(pk=cast.supervisor.pk))
    assert roles.in_team(cast.team.id, Role.SUPERVISOR)
    assert roles.in_team(cast.other_team.id, Role.ASSESSOR)
    assert not roles.in_team(cast.team.id, Role.ASSESSOR)


def test_a_future_role_does_not_count_yet(cast):
    give_role(
        cast.learner,
        Role.SUPERVISOR,
        cast.team,
        valid_from=timezone.localdate() + datetime.timedelta(days=3),
    )
    assert roles_of(cast.learner).all == {"learner"}


def test_organisation_roles_have_no_team_and_team_roles_need_one(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            organisation=cast.organisation,
            person=cast.learner,
            role=Role.HR,
            team=cast.team,
            valid_from=timezone.localdate(),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            organisation=cast.organisation,
            person=cast.learner,
            role=Role.SUPERVISOR,
            valid_from=timezone.localdate(),
        )
    membership = Membership(
        organisation=cast.organisation,
        person=cast.learner,
        role=Role.SUPERVISOR,
        valid_from=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as error:
        membership.clean()
    assert error.value.message_dict == {"team": ["Kies het team waarin deze rol geldt."]}


def test_a_period_cannot_end_before_it_starts(cast):
    today = timezone.localdate()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            organisation=cast.organisation,
            person=cast.learner,
            role=Role.SUPERVISOR,
            team=cast.team,
            valid_from=today,
            valid_until=today - datetime.timedelta(days=1),
        )


def test_a_team_cannot_sit_below_itself(cast):
    ward = TeamFactory(organisation=cast.organisation, name="Unit", parent=cast.team)
    cast.team.parent = ward
    with pytest.raises(ValidationError) as error:
        cast.team.clean()
    assert error.value.message_dict == {"parent": ["Een team kan niet onder zichzelf vallen."]}
