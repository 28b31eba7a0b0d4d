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
    teams = Team.objects.filter(**_org(user), is_active=True)
    if is_organisation_level(user):
        # Departments that only hold teams have no workfloor of their own: the wards
        # below them are where agreements live.
        return teams.filter(children__isnull=True)
    return teams.filter(pk__in=roles_of(user).by_team.keys())


def teams_led_by(user):
    return Team.objects.filter(**_org(user), pk__in=roles_of(user).teams_with(*LEADS))


def teams_worked_in(user):
    return Team.objects.filter(**_org(user), pk__in=roles_of(user).teams_with(*STAFF))
