"""The shared cast of personas (DESIGN.md §7), built on the real database.

Domain apps extend the cast through ``CAST_EXTENSIONS`` (e.g. the learner's enrolment
with the supervisor as first supervisor) so every test sees the same relationships.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from begeleid.organisations.enums import Role

from .factories import OrganisationFactory, PersonFactory, ProfessionFactory, TeamFactory, give_role

PERSONAS = [
    "anonymous",
    "learner",
    "other_learner",
    "supervisor",
    "former_supervisor",
    "specialist",
    "practice_trainer",
    "assessor",
    "team_leader",
    "hr",
    "admin",
    "outsider",
    "stranger",
]


@dataclass
class Cast:
    organisation: object
    department: object
    team: object
    other_team: object
    nurse: object
    physio: object
    people: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # objects domain apps add (enrolments, ...)

    def __getattr__(self, name):
        people = self.__dict__.get("people", {})
        if name in people:
            return people[name]
        extra = self.__dict__.get("extra", {})
        if name in extra:
            return extra[name]
        raise AttributeError(name)


# Callables ``extend(cast)``: each domain app may define ``extend(cast)`` in
# ``begeleid/<app>/tests/cast.py``; they run in INSTALLED_APPS order (lower apps first).
CAST_EXTENSIONS: list = []


def _load_extensions():
    import importlib

    from django.conf import settings

    if CAST_EXTENSIONS:
        return
    for app in settings.INSTALLED_APPS:
        if not app.startswith("begeleid."):
            continue
        try:
            module = importlib.import_module(f"{app}.tests.cast")
        except ModuleNotFoundError:
            continue
        CAST_EXTENSIONS.append(module.extend)


def build_cast() -> Cast:
    org = OrganisationFactory(name="Ziekenhuis Test", slug="test")
    department = TeamFactory(organisation=org, name="Snijdende specialismen")
    team = TeamFactory(organisation=org, name="Chirurgie", parent=department)
    other_team = TeamFactory(organisation=org, name="Cardiologie", parent=department)
    nurse = ProfessionFactory(organisation=org, name="Verpleegkundige", code="verpleegkundige")
    physio = ProfessionFactory(organisation=org, name="Fysiotherapeut", code="fysiotherapeut")
    cast = Cast(org, department, team, other_team, nurse, physio)

    def person(key, name, profession=nurse):
        p = PersonFactory(
            organisation=org, email=f"{key}@test.example", full_name=name, profession=profession
        )
        cast.people[key] = p
        return p

    give_role(person("learner", "Lies Lerende"), Role.LEARNER, team)
    give_role(person("other_learner", "Olaf Anderelerende"), Role.LEARNER, team)
    give_role(person("supervisor", "Bea Begeleider"), Role.SUPERVISOR, team)
    past = timezone.localdate() - datetime.timedelta(days=400)
    give_role(
        person("former_supervisor", "Frits Oudbegeleider"),
        Role.SUPERVISOR,
        team,
        valid_from=past,
        valid_until=timezone.localdate() - datetime.timedelta(days=10),
    )
    give_role(person("specialist", "Vera Vakspecialist", physio), Role.SPECIALIST, team)
    give_role(person("practice_trainer", "Piet Praktijkopleider"), Role.PRACTICE_TRAINER, team)
    give_role(person("assessor", "Bram Beoordelaar"), Role.ASSESSOR, team)
    give_role(person("team_leader", "Tineke Teamleider"), Role.TEAM_LEADER, team)
    give_role(person("hr", "Hanna HR"), Role.HR)
    give_role(person("admin", "Arie Beheerder"), Role.ADMIN)
    give_role(person("outsider", "Otto Buitenstaander"), Role.SUPERVISOR, other_team)

    other_org = OrganisationFactory(name="Ander Ziekenhuis", slug="ander")
    stranger = PersonFactory(
        organisation=other_org, email="stranger@other.example", full_name="Sven Vreemde"
    )
    cast.people["stranger"] = stranger
    # The stranger is admin of their own organisation: even an admin sees nothing of ours.
    give_role(stranger, Role.ADMIN)
    cast.extra["other_organisation"] = other_org

    _load_extensions()
    for extend in CAST_EXTENSIONS:
        extend(cast)
    return cast
