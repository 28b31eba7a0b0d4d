"""The performance log: the nursing programme asks for at least 2 confirmed performances
of a declared procedure in 12 months. The persona learner logged performances of their
declared procedures (some confirmed, one waiting for the persona supervisor); other
declared learners logged a few that their assessor confirmed."""

import datetime
from datetime import timedelta

from django.utils import timezone

from begeleid.assessment.models import (
    AssessmentPolicy,
    CompetenceDeclaration,
    ProcedurePerformance,
)
from begeleid.frameworks.enums import CompetenceKind

from .programmes import NURSING

CONTEXTS = [
    "Avonddienst, postoperatieve zorg",
    "Dagdienst, samen met de werkbegeleider",
    "Nachtdienst, bij een nieuwe opname",
    "Weekenddienst op de afdeling",
]


def generate(ctx):
    for org in ctx.organisations:
        _organisation(ctx, org)


def _organisation(ctx, org):
    nursing = ctx.programmes.get(org.id, {}).get(NURSING)
    if nursing is None:
        return
    AssessmentPolicy.objects.filter(programme=nursing.programme).update(
        min_performances=2, per_months=12
    )
    rng, today = ctx.rng, ctx.today
    now = timezone.now()
    persona, supervisor = ctx.personas.get("learner"), ctx.personas.get("supervisor")
    declarations = (
        CompetenceDeclaration.objects.valid_on(today)
        .filter(
            organisation=org,
            decision__isnull=False,
            competence__kind=CompetenceKind.PROCEDURE,
        )
        .select_related("decision__assessor")
        .order_by("person_id", "competence_id")
    )
    performances = []

    def log(declaration, days_ago, confirmer, confirmed):
        performances.append(
            ProcedurePerformance(
                organisation=org,
                person_id=declaration.person_id,
                competence_id=declaration.competence_id,
                performed_on=today - timedelta(days=days_ago),
                context=rng.choice(CONTEXTS),
                confirmer=confirmer,
                confirmed_by=confirmer if confirmed else None,
                confirmed_at=_at(today - timedelta(days=days_ago - 1), now) if confirmed else None,
            )
        )

    for declaration in declarations:
        is_persona = persona is not None and declaration.person_id == persona.pk
        if is_persona and supervisor is not None:
            log(declaration, 95, supervisor, True)
            log(declaration, 30, supervisor, True)
            log(declaration, 2, supervisor, False)  # waits for the persona supervisor
        elif declaration.decision.assessor_id != declaration.person_id:
            assessor = declaration.decision.assessor
            for _ in range(rng.randint(0, 3)):
                log(declaration, rng.randint(5, 330), assessor, True)
    ProcedurePerformance.objects.bulk_create(performances, batch_size=2000)


def _at(day, now):
    """Noon on ``day``, never later than now."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return min(moment, now)
