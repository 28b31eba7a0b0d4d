"""Reads about organisations, teams, people and their roles, always scoped to a tenant."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .enums import Role
from .models import Membership, Profession, Team

_CACHE_ATTR = "_begeleid_roles"


@dataclass
class RoleSet:
    """The roles a person holds today: organisation-wide, and per team (by team id)."""

    organisation: set[str] = field(default_factory=set)
    by_team: dict[int, set[str]] = field(default_factory=dict)

    def has(self, *roles: str) -> bool:
        wanted = set(roles)
        return bool(self.organisation & wanted) or any(r & wanted for r in self.by_team.values())

    def in_team(self, team_id: int, *roles: str) -> bool:
        return bool(self.by_team.get(team_id, set()) & set(roles))

    def teams_with(self, *roles: str) -> set[int]:
        wanted = set(roles)
        return {team for team, held in self.by_team.items() if held & wanted}

    @property
    def all(self) -> set[str]:
        held = set(self.organisation)
        for roles in self.by_team.values():
            held |= roles
        return held


def roles_of(person) -> RoleSet:
    """The person's roles today, read once per request and kept on the object."""
    cached = getattr(person, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roles = RoleSet()
    if person.is_authenticated and person.is_active:
        today = timezone.localdate()
        rows = (
            Membership.objects.filter(person_id=person.pk)
            .active_on(today)
            .values_list("team_id", "role")
        )
        for team_id, role in rows:
            if team_id is None:
                roles.organisation.add(role)
            else:
                roles.by_team.setdefault(team_id, set()).add(role)
    setattr(person, _CACHE_ATTR, roles)
    return roles


def forget_roles(person) -> None:
    if hasattr(person, _CACHE_ATTR):
        delattr(person, _CACHE_ATTR)


def teams_for(user):
    return Team.objects.filter(organisation_id=user.organisation_id)


def get_team_for(user, uuid) -> Team:
    return get_object_or_404(teams_for(user).select_related("parent"), uuid=uuid)


def professions_for(user):
    return Profession.objects.filter(organisation_id=user.organisation_id)


def get_profession_for(user, uuid) -> Profession:
    return get_object_or_404(professions_for(user), uuid=uuid)


def people_for(user):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(organisation_id=user.organisation_id)


def get_person_for(user, uuid):
    return get_object_or_404(people_for(user).select_related("profession"), uuid=uuid)


def get_membership_for(user, uuid) -> Membership:
    return get_object_or_404(
        Membership.objects.filter(organisation_id=user.organisation_id).select_related(
            "person", "team"
        ),
        uuid=uuid,
    )


def search_people(user, query: str = "", team=None, role: str = ""):
    people = people_for(user).select_related("profession")
    if query:
        people = people.filter(
            Q(full_name__icontains=query) | Q(email__icontains=query) | Q(employee_number=query)
        )
    if team is not None:
        people = people.filter(memberships__team=team).distinct()
    if role in Role.values:
        people = people.filter(memberships__role=role).distinct()
    return people.order_by("full_name", "id")


def search_teams(user, query: str = ""):
    teams = teams_for(user).select_related("parent")
    if query:
        teams = teams.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return teams.order_by("name", "id")


def memberships_of(person):
    return (
        Membership.objects.filter(person=person)
        .select_related("team")
        .order_by("-valid_from", "id")
    )
