"""Quality, embedding: supervisors at different stages of development (self-assessments,
training records with costs, one recognised and one not yet), survey rounds in the persona
ward above and below the anonymity threshold, and training budgets for every team."""

from datetime import timedelta
from decimal import Decimal

from begeleid.organisations.enums import Role
from begeleid.quality import services_development
from begeleid.quality.enums import SupervisorSkill, SurveyItem
from begeleid.quality.models import (
    Budget,
    SelfAssessment,
    SurveyParticipation,
    SurveyResponse,
    SurveyRound,
    TrainingRecord,
)
from begeleid.quality.models.survey import default_min_responses

from .organisations import PERSONA_HOME_TEAM

COURSES = [
    ("Coachend begeleiden op de werkvloer", "Leerhuis Zorg", 16, 695),
    ("Feedback geven en ontvangen", "Academie Praktijkleren", 8, 325),
    ("Reflectie stimuleren bij lerenden", "Leerhuis Zorg", 6, 240),
    ("Observeren en beoordelen met rubrics", "Hogeschool Zorgopleidingen", 12, 480),
    ("Omgaan met verschillen in tempo en niveau", "Academie Praktijkleren", 4, 160),
]
OPEN_ANSWERS = [
    "Neemt de tijd om na de dienst terug te kijken.",
    "Ik zou graag vaker feedback krijgen tijdens de dienst zelf.",
    "Ik voel me veilig om te zeggen dat ik iets nog niet kan.",
    "Legt goed uit waarom iets zo moet.",
    "Soms is er door de drukte weinig tijd voor vragen.",
    "",
]


def generate(ctx):
    for org in ctx.organisations:
        _organisation(ctx, org)


def _supervisors(ctx, org, team):
    return [
        p
        for role in (Role.SUPERVISOR, Role.PRACTICE_TRAINER, Role.SPECIALIST)
        for p, t in ctx.of(org, role)
        if t is not None and t.id == team.id
    ]


def _organisation(ctx, org):
    hr = next((p for p, _t in ctx.of(org, Role.HR)), None)
    teams = ctx.teams[org.id]
    if hr is None or not teams:
        return
    rng = ctx.rng
    home = next((t for t in teams if t.name == PERSONA_HOME_TEAM), teams[0])
    assessments, records, budgets = [], [], []
    for team in teams:
        for year in (ctx.today.year - 1, ctx.today.year):
            amount = Decimal(rng.choice([3000, 4500, 6000, 8000]))
            budgets.append(Budget(organisation=org, team=team, year=year, amount=amount, set_by=hr))
        for index, person in enumerate(_supervisors(ctx, org, team)[:6]):
            stage = index % 3  # 0: starting, 1: developing, 2: experienced
            for months_ago in range(stage + 1):
                day = ctx.today - timedelta(days=30 * 6 * months_ago + rng.randint(0, 20))
                for skill in SupervisorSkill:
                    level = max(1, min(5, 2 + stage - months_ago + rng.randint(-1, 1)))
                    assessments.append(
                        SelfAssessment(
                            organisation=org,
                            person=person,
                            skill=skill,
                            level=level,
                            assessed_on=day,
                        )
                    )
            for course, provider, hours, cost in rng.sample(COURSES, stage + 1):
                records.append(
                    TrainingRecord(
                        organisation=org,
                        person=person,
                        team=team,
                        course=course,
                        provider=provider,
                        date=ctx.today - timedelta(days=rng.randint(10, 330)),
                        hours=Decimal(hours),
                        cost=Decimal(cost),
                        certificate_note="Certificaat in het portfolio" if stage else "",
                        recorded_by=hr,
                    )
                )
    Budget.objects.bulk_create(budgets)
    SelfAssessment.objects.bulk_create(assessments)
    TrainingRecord.objects.bulk_create(records)
    supervisors = _supervisors(ctx, org, home)
    if supervisors:
        # The experienced supervisor is recognised; the others not yet.
        services_development.recognise_supervisor(
            person=supervisors[min(2, len(supervisors) - 1)],
            valid_from=ctx.today - timedelta(days=200),
            by=hr,
        )
    _surveys(ctx, org, home, supervisors[:3], hr)


def _surveys(ctx, org, team, supervisors, hr):
    if not supervisors:
        return
    rng = ctx.rng
    k = default_min_responses()
    learners = [p for p, t in ctx.of(org, Role.LEARNER) if t is not None and t.id == team.id]
    closed = SurveyRound.objects.create(
        organisation=org,
        team=team,
        title="Evaluatie begeleiding voorjaar",
        opens_on=ctx.today - timedelta(days=120),
        closes_on=ctx.today - timedelta(days=90),
        min_responses=k,
        created_by=hr,
    )
    current = SurveyRound.objects.create(
        organisation=org,
        team=team,
        title="Evaluatie begeleiding najaar",
        opens_on=ctx.today - timedelta(days=10),
        closes_on=ctx.today + timedelta(days=20),
        min_responses=k,
        created_by=hr,
    )
    # Closed round (past its last day, so its figures show): the first supervisor well above
    # the threshold, the last one below it. Open round: only its response count shows until
    # it is closed (and it is below the threshold for everyone so far).
    plan = [(closed, supervisors[0], k + 3)]
    if len(supervisors) > 1:
        plan.append((closed, supervisors[1], k))
    plan.append(
        (closed, supervisors[-1], k - 1) if len(supervisors) > 2 else (current, supervisors[0], 2)
    )
    plan.append((current, supervisors[0], k - 2))
    responses, participations = [], []
    for survey_round, supervisor, count in plan:
        for learner in learners[:count]:
            participations.append(
                SurveyParticipation(
                    organisation=org, round=survey_round, supervisor=supervisor, person=learner
                )
            )
        # The ward's learners answered; (demo) answers beyond them stand for former learners.
        for _ in range(count):
            scores = {item.value: rng.choice([3, 4, 4, 5]) for item in SurveyItem}
            responses.append(
                SurveyResponse(
                    organisation=org,
                    round=survey_round,
                    supervisor=supervisor,
                    open_answer=rng.choice(OPEN_ANSWERS),
                    **scores,
                )
            )
    SurveyParticipation.objects.bulk_create(participations, ignore_conflicts=True)
    SurveyResponse.objects.bulk_create(responses)
