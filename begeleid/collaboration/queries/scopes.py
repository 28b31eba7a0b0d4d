"""Which teams a user reads: organisation level, led teams, teams worked in."""

from begeleid.organisations.enums import Role
from begeleid.organisations.models import Team
from begeleid.organisations.queries import roles_of

from ..rules import LEADS, STAFF

# ---------------------------------------------------------------- scopes


def _org(user):
    return {"organisation_id": user.organisation_id}


def is_organisation_level(user) -> bool:
    return roles_of(user).has(Role.HR, Role.MANAGER)


def teams_in_scope(user):
    """Teams whose agreements, meetings and activities the user oversees."""
    if is_organisation_level(user):
        return scoped_teams(user.organisation_id)
    return scoped_teams(user.organisation_id, roles_of(user).by_team.keys())


def scoped_teams(organisation_id, team_ids=None):
    """The active teams of the organisation among ``team_ids``, or with ``None`` every
    ward (``teams_in_scope``; apart, so a prepared read can take the values)."""
    teams = Team.objects.filter(organisation_id=organisation_id, is_active=True)
    if team_ids is None:
        # Departments that only hold teams have no workfloor of their own: the wards
        # below them are where agreements live.
        return teams.filter(children__isnull=True)
    return teams.filter(pk__in=team_ids)


def teams_led_by(user):
    return Team.objects.filter(**_org(user), pk__in=roles_of(user).teams_with(*LEADS))


def teams_worked_in(user):
    return Team.objects.filter(**_org(user), pk__in=roles_of(user).teams_with(*STAFF))
