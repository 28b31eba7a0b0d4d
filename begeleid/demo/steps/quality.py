"""Quality: two closed calibration sessions on the EPA form in the persona ward (the first
with poor agreement on handover), and an open session the persona assessor can score."""

import random
from datetime import timedelta

from begeleid.assessment.models import RubricVersion
from begeleid.organisations.enums import Role
from begeleid.quality import services

from .organisations import PERSONA_HOME_TEAM

CASES = [
    (
        "Medicatieronde avonddienst",
        "Lerende in de exploratiefase deelt de medicatie uit op een afdeling met twaalf bedden.",
        "Observatie: controleert de toedienlijst en de identiteit; vraagt bij één patiënt na "
        "of een extra dosis pijnstilling mag. De overdracht aan de nachtdienst is kort.",
    ),
    (
        "Postoperatieve zorg na een heupoperatie",
        "Lerende in de instructiefase verzorgt een patiënt op de eerste dag na de operatie.",
        "Observatie: meet de vitale functies volgens protocol, herkent de beginnende "
        "koorts niet zelf. Overdracht aan de arts volgens SBAR na een hint van de begeleider.",
    ),
    (
        "Ontslaggesprek",
        "Lerende in de evaluatiefase bereidt het ontslag voor van een oudere patiënt.",
        "Observatie: legt de medicatie begrijpelijk uit, regelt de thuiszorg zelfstandig "
        "en draagt volledig over aan de wijkverpleging.",
    ),
]


def generate(ctx):
    for org in ctx.organisations:
        _organisation(ctx, org)


def _staff(ctx, org, team):
    def of(role):
        return [p for p, t in ctx.of(org, role) if t is not None and t.id == team.id]

    leaders = of(Role.TEAM_LEADER)
    assessors = of(Role.ASSESSOR) + of(Role.PRACTICE_TRAINER) + of(Role.SUPERVISOR)
    return (leaders[0] if leaders else None), assessors[:4]


def _organisation(ctx, org):
    teams = ctx.teams[org.id]
    team = next((t for t in teams if t.name == PERSONA_HOME_TEAM), teams[0])
    leader, assessors = _staff(ctx, org, team)
    version = RubricVersion.objects.filter(
        organisation=org, rubric__name="EPA-toevertrouwingsformulier"
    ).first()
    if leader is None or len(assessors) < 3 or version is None:
        return
    criteria = list(version.criteria.order_by("position"))
    handover = next((c for c in criteria if "overdracht" in c.title.lower()), criteria[-1])
    # A stream of its own, so steps added before this one don't change the calibration story.
    rng = random.Random(f"calibration:{org.slug}")
    plan = [
        (
            "Kalibratie EPA-formulier voorjaar",
            120,
            True,
            "Bij 'Samenwerking en overdracht' "
            "lazen we niveau 3 verschillend. Afgesproken: niveau 3 = draagt volledig over volgens "
            "SBAR, de begeleider hoeft niets aan te vullen.",
        ),
        (
            "Kalibratie EPA-formulier najaar",
            30,
            False,
            "Overdracht nu eenduidig gelezen. "
            "Niveau 4 alleen als de lerende ook zelf hulp inschakelt op het juiste moment.",
        ),
    ]
    for title, days_ago, poor_handover, reading in plan:
        session = _session(ctx, org, team, leader, assessors, version, title, days_ago)
        truth = {case.pk: rng.randint(2, 4) for case in session.cases.all()}
        for index, person in enumerate(assessors):
            for case in session.cases.all():
                values = {}
                for criterion in criteria:
                    value = truth[case.pk] + rng.choice((0, 0, 0, 0, 1, -1))
                    if criterion == handover and poor_handover:
                        value = truth[case.pk] + (index % 3) - 1 + rng.choice((-1, 0, 1))
                    values[criterion] = max(1, min(5, value))
                services.record_scores(case=case, assessor=person, values=values, by=person)
        services.close_session(session=session, agreed_reading=reading, by=leader)
    open_session = _session(
        ctx, org, team, leader, assessors, version, "Kalibratie EPA-formulier (lopend)", -7
    )
    first = open_session.cases.order_by("position").first()
    services.record_scores(
        case=first,
        assessor=assessors[-1],
        values={c: 3 for c in criteria},
        by=assessors[-1],
    )


def _session(ctx, org, team, leader, assessors, version, title, days_ago):
    held_on = ctx.today - timedelta(days=days_ago)
    first, *others = CASES
    session = services.create_session(
        team=team,
        title=title,
        held_on=held_on,
        rubric_version=version,
        participants=assessors,
        case=dict(zip(("title", "description", "evidence"), first, strict=True)),
        by=leader,
    )
    for case_title, description, evidence in others:
        services.add_case(
            session=session, title=case_title, description=description, evidence=evidence, by=leader
        )
    return session
