"""Reads about organisations, teams, people and their roles, always scoped to a tenant."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import BigIntegerField, Count, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.core.compiled import CompiledOnce, PreparedQuery
from begeleid.core.models import AccessEvent, AuditEvent

from .models import Membership, Profession, Team

_CACHE_ATTR = "_begeleid_roles"
_MEMBERSHIPS_ATTR = "_begeleid_memberships"
_TEAMS_ATTR = "_begeleid_role_teams"
_FIGURES_ATTR = "_begeleid_person_figures"
_WANTED_ATTR = "_begeleid_wanted_figures"

# Figures about a person that higher apps need on many pages (a menu predicate, the
# home's inbox count), registered in their ``AppConfig.ready()``: name → (function of a
# reference to the person's id giving a query expression, read on every page?). They are
# read as correlated subqueries of the roles read, so they cost no query of their own,
# and are compiled once per process (core.compiled), so they cost little CPU either.
_PERSON_FIGURES: dict[str, tuple[Callable, bool]] = {}
_COMPILED: dict[tuple[str, str], CompiledOnce] = {}


def register_person_figure(name: str, expression: Callable, *, every_page: bool = False):
    """``expression(person_ref)`` → an ``Exists``/``Subquery`` about the person whose id
    is ``person_ref``. ``every_page``: read with the roles on every page (menu
    predicates); otherwise only on pages that ask for it first (``want_person_figures``).
    """
    _PERSON_FIGURES[name] = (expression, every_page)
    for key in [k for k in _COMPILED if k[0] == name]:
        del _COMPILED[key]


def _figure(name, model, person_column):
    """The figure ``name`` as SQL over rows of ``model`` whose ``person_column`` is the
    person's id."""
    if (name, person_column) not in _COMPILED:
        expression = _PERSON_FIGURES[name][0]
        output_field = expression(OuterRef(person_column)).output_field
        _COMPILED[name, person_column] = CompiledOnce(
            model, lambda: expression(OuterRef(person_column)), output_field
        )
    return _COMPILED[name, person_column]()


def want_person_figures(person, *names: str) -> None:
    """Read these figures along with the roles, when the roles are read later on."""
    setattr(person, _WANTED_ATTR, {*getattr(person, _WANTED_ATTR, ()), *names})


def person_figure(person, name: str):
    """A registered figure about the person: from the roles read (one query for the roles
    and every figure), or read alone when the roles read could not carry it."""
    roles_of(person)
    figures = getattr(person, _FIGURES_ATTR, None)
    if figures is None:
        figures = {}
        setattr(person, _FIGURES_ATTR, figures)
    if name not in figures:
        from django.contrib.auth import get_user_model

        model = get_user_model()
        figures[name] = (
            model.objects.filter(pk=person.pk)
            .annotate(figure=_figure(name, model, "pk"))
            .values_list("figure", flat=True)
            .first()
        )
    return figures[name]


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


_ROLE_READS = {}


def _roles_read(names) -> PreparedQuery:
    """The memberships read with these person figures, compiled once per process."""
    read = _ROLE_READS.get(names)
    if read is None:

        def build(person):
            return (
                Membership.objects.filter(person_id=person)
                .select_related("team")
                .order_by("-valid_from", "id")
                .annotate(
                    **{
                        f"figure_{i}": _figure(n, Membership, "person_id")
                        for i, n in enumerate(names)
                    }
                )
            )

        read = _ROLE_READS[names] = PreparedQuery(build, person=BigIntegerField())
    return read


def roles_of(person) -> RoleSet:
    """The person's roles today, read once per request and kept on the object."""
    cached = getattr(person, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roles = RoleSet()
    figures = {}
    if person.is_authenticated and person.is_active:
        today = timezone.localdate()
        # All of the person's memberships with their teams, in one query: today's give the
        # roles, and pages that list them (home, profile) use the same rows. The person
        # figures ride along on every row (they are about the person, not the row).
        wanted = getattr(person, _WANTED_ATTR, ())
        names = [n for n, (_, every) in _PERSON_FIGURES.items() if every or n in wanted]
        memberships = _roles_read(tuple(names))(person=person.pk)
        if memberships:
            figures = {n: getattr(memberships[0], f"figure_{i}") for i, n in enumerate(names)}
        for m in memberships:
            if m.valid_from <= today and (m.valid_until is None or m.valid_until >= today):
                if m.team_id is None:
                    roles.organisation.add(m.role)
                else:
                    roles.by_team.setdefault(m.team_id, set()).add(m.role)
        setattr(person, _MEMBERSHIPS_ATTR, memberships)
    setattr(person, _FIGURES_ATTR, figures)
    setattr(person, _CACHE_ATTR, roles)
    return roles


def role_teams_of(person) -> list[Team]:
    """The teams in which the person holds a role today, by name: from the roles read
    (which brings the teams along), kept on the object like the roles, so that several
    sections of a page share it."""
    cached = getattr(person, _TEAMS_ATTR, None)
    if cached is None:
        held = roles_of(person).by_team.keys()
        memberships = getattr(person, _MEMBERSHIPS_ATTR, None)
        if memberships is not None:
            # The roles read brought the teams along.
            teams = {
                m.team_id: m.team
                for m in memberships
                if m.team_id in held and m.team.organisation_id == person.organisation_id
            }
            cached = sorted(teams.values(), key=lambda t: (t.name, t.pk))
        else:
            cached = list(
                Team.objects.filter(organisation_id=person.organisation_id, pk__in=held).order_by(
                    "name", "id"
                )
            )
        setattr(person, _TEAMS_ATTR, cached)
    return cached


def forget_roles(person) -> None:
    for attr in (_CACHE_ATTR, _MEMBERSHIPS_ATTR, _TEAMS_ATTR, _FIGURES_ATTR):
        if hasattr(person, attr):
            delattr(person, attr)


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


def search_people(user, query: str = "", team=None, role: str = "", status: str = ""):
    """People of the user's organisation, with the roles they hold today prefetched.

    ``team`` and ``role`` match one and the same membership that is valid today.
    """
    today = timezone.localdate()
    people = people_for(user).select_related("profession")
    query = query.strip()
    if query:
        people = people.filter(
            Q(full_name__icontains=query)
            | Q(email__icontains=query)
            | Q(employee_number__iexact=query)
        )
    if team is not None or role:
        held = Membership.objects.active_on(today)
        if team is not None:
            held = held.filter(team=team)
        if role:
            held = held.filter(role=role)
        people = people.filter(pk__in=held.values("person_id"))
    if status == "active":
        people = people.filter(is_active=True)
    elif status == "inactive":
        people = people.filter(is_active=False)
    current = Membership.objects.active_on(today).select_related("team").order_by("role", "id")
    return people.prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    ).order_by("full_name", "id")


def active_today_q(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}valid_from__lte": today}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": today})
    )


def search_teams(user, query: str = ""):
    """Teams with their parent and the number of people holding a role in them today."""
    teams = teams_for(user).select_related("parent")
    query = query.strip()
    if query:
        teams = teams.filter(Q(name__icontains=query) | Q(code__icontains=query))
    members = Count("memberships__person", filter=active_today_q("memberships__"), distinct=True)
    return teams.annotate(member_count=members).order_by("name", "id")


def search_professions(user, query: str = ""):
    professions = professions_for(user)
    query = query.strip()
    if query:
        professions = professions.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return professions.annotate(person_count=Count("people")).order_by("name", "id")


def audit_events_for(
    user, *, action: str = "", actor: str = "", object_type: str = "", since=None, until=None
):
    """The organisation's audit log, newest first, filtered."""
    events = AuditEvent.objects.filter(organisation_id=user.organisation_id).select_related(
        "actor", "on_behalf_of"
    )
    if action:
        events = events.filter(action=action)
    actor = actor.strip()
    if actor:
        events = events.filter(
            Q(actor__full_name__icontains=actor) | Q(actor__email__icontains=actor)
        )
    if object_type:
        events = events.filter(object_type=object_type)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events.order_by("-at", "-id")


def audit_actions_for(user) -> list[str]:
    return list(
        AuditEvent.objects.filter(organisation_id=user.organisation_id)
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )


def audit_object_types_for(user) -> list[str]:
    return list(
        AuditEvent.objects.filter(organisation_id=user.organisation_id)
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )


def access_events_for(user, *, viewer: str = "", subject: str = "", since=None, until=None):
    """The organisation's access log (NEN 7513), newest first, filtered."""
    events = AccessEvent.objects.filter(organisation_id=user.organisation_id).select_related(
        "viewer", "subject"
    )
    viewer = viewer.strip()
    if viewer:
        events = events.filter(
            Q(viewer__full_name__icontains=viewer) | Q(viewer__email__icontains=viewer)
        )
    subject = subject.strip()
    if subject:
        events = events.filter(
            Q(subject__full_name__icontains=subject) | Q(subject__email__icontains=subject)
        )
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events.order_by("-at", "-id")


def _memberships(person):
    return (
        Membership.objects.filter(person_id=person.pk)
        .select_related("team")
        .order_by("-valid_from", "id")
    )


def memberships_of(person):
    """Every membership of the person (past, current, future), newest first; read along
    with the roles (``roles_of``) when those were read for this same object."""
    cached = getattr(person, _MEMBERSHIPS_ATTR, None)
    if cached is not None:
        return cached
    return _memberships(person)
