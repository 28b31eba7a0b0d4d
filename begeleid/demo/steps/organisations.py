"""Organisations, departments, teams, professions, people and their roles."""

import re
from datetime import timedelta

from django.contrib.auth.hashers import make_password

from begeleid.accounts.models import Person
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership, Organisation, Profession, Team

from .. import names
from ..personas import DOMAIN, PERSONAS

PERSONA_KEYS = [
    "learner",
    "supervisor",
    "specialist",
    "practice_trainer",
    "assessor",
    "team_leader",
    "hr",
    "manager",
    "admin",
]
PERSONA_HOME_TEAM = "Verpleegafdeling Chirurgie"


def _slug(text):
    return re.sub(r"[^a-z0-9]+", ".", text.lower()).strip(".")


def _team_names(count):
    """Real-sounding ward names first, numbered teams once those run out."""
    wards = [(dept, ward) for dept, wards in names.DEPARTMENTS.items() for ward in wards]
    for i in range(count):
        if i < len(wards):
            yield wards[i]
        else:
            dept = list(names.DEPARTMENTS)[i % len(names.DEPARTMENTS)]
            yield dept, f"{wards[i % len(wards)][1]} {i // len(wards) + 1}"


def generate(ctx):
    password = make_password("demo")
    for index in range(ctx.profile.organisations):
        name, slug = names.ORGANISATIONS[index]
        org = Organisation.objects.create(name=name, slug=slug)
        ctx.organisations.append(org)
        _organisation(ctx, org, password, personas=ctx.profile.with_personas and index == 0)


def _organisation(ctx, org, password, personas):
    rng = ctx.rng
    professions = Profession.objects.bulk_create(
        [Profession(organisation=org, code=code, name=label) for code, label in names.PROFESSIONS]
    )
    ctx.professions[org.id] = {p.code: p for p in professions}
    wanted = list(_team_names(ctx.profile.teams))
    departments = Team.objects.bulk_create(
        [Team(organisation=org, name=dept) for dept in dict.fromkeys(d for d, _ in wanted)]
    )
    by_name = {d.name: d for d in departments}
    teams = Team.objects.bulk_create(
        [
            Team(organisation=org, name=ward, parent=by_name[dept], code=f"T{i + 1:04d}")
            for i, (dept, ward) in enumerate(wanted)
        ]
    )
    ctx.departments[org.id] = departments
    ctx.teams[org.id] = teams

    start = ctx.today - timedelta(days=3 * 365)
    people, memberships, roles = [], [], {}
    counter = [0]

    def person(full_name, profession, email=None):
        counter[0] += 1
        email = email or f"{_slug(full_name)}.{counter[0]}@{org.slug}.example"
        p = Person(
            organisation=org,
            email=email,
            full_name=full_name,
            profession=ctx.professions[org.id][profession],
            password=password,
            employee_number=f"{counter[0]:06d}",
        )
        people.append(p)
        return p

    def give(p, role, team=None, since=start):
        memberships.append((p, role, team, since))
        roles.setdefault(role, []).append((p, team))

    def random_name():
        return f"{rng.choice(names.FIRST_NAMES)} {rng.choice(names.LAST_NAMES)}"

    if personas:
        home = next(t for t in teams if t.name == PERSONA_HOME_TEAM)
        sister = [t for t in teams if t.parent_id == home.parent_id and t != home]
        professions_for = {"specialist": "fysiotherapeut"}
        for key, persona in zip(PERSONA_KEYS, PERSONAS, strict=True):
            p = person(persona.name, professions_for.get(key, "verpleegkundige"), persona.email)
            ctx.personas[key] = p
            if key in ("hr", "manager", "admin"):
                give(p, key)
            else:
                give(
                    p, key, home, since=ctx.today - timedelta(days=120 if key == "learner" else 900)
                )
            if key == "practice_trainer":
                for team in sister:
                    give(p, key, team)
        assert ctx.personas["admin"].email == f"beheer@{DOMAIN}"

    # Learners are spread unevenly over the teams, as on real wards.
    weights = [rng.paretovariate(1.5) for _ in teams]
    learners_left = ctx.profile.learners - (1 if personas else 0)
    for _ in range(learners_left):
        team = rng.choices(teams, weights=weights)[0]
        profession = rng.choices(
            ["verpleegkundige", "verzorgende", "arts", "fysiotherapeut"], [70, 15, 10, 5]
        )[0]
        since = ctx.today - timedelta(days=rng.randint(7, 700))
        give(person(random_name(), profession), Role.LEARNER, team, since)

    learners_per_team = {}
    for _, team in roles.get(Role.LEARNER, []):
        learners_per_team[team.id] = learners_per_team.get(team.id, 0) + 1
    for team in teams:
        n_learners = learners_per_team.get(team.id, 0)
        for _ in range(max(1, n_learners // 3)):
            give(person(random_name(), "verpleegkundige"), Role.SUPERVISOR, team)
        give(
            person(
                random_name(), rng.choice(["fysiotherapeut", "dietist", "arts", "ergotherapeut"])
            ),
            Role.SPECIALIST,
            team,
        )
        if not (personas and team.name == PERSONA_HOME_TEAM):
            give(person(random_name(), "verpleegkundige"), Role.TEAM_LEADER, team)
            give(person(random_name(), "verpleegkundige"), Role.PRACTICE_TRAINER, team)
        give(person(random_name(), "verpleegkundige"), Role.ASSESSOR, team)
    for role in (Role.HR, Role.MANAGER, Role.ADMIN):
        if not personas:
            give(person(random_name(), "verpleegkundige"), role)

    Person.objects.bulk_create(people, batch_size=2000)
    Membership.objects.bulk_create(
        [
            Membership(organisation=org, person=p, role=role, team=team, valid_from=since)
            for p, role, team, since in memberships
        ],
        batch_size=5000,
    )
    ctx.people[org.id] = roles
