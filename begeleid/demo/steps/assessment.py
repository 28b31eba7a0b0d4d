"""A nursing competence framework with reserved procedures, the standard rubrics, an
assessment policy, signed decisions (one corrected) and a register of declarations that
are valid, expiring and expired."""

from datetime import timedelta

from django.utils import timezone

from begeleid.assessment.enums import Outcome
from begeleid.assessment.models import (
    AssessmentPolicy,
    Competence,
    CompetenceDeclaration,
    Framework,
    RubricVersion,
)
from begeleid.assessment.services.decisions import (
    ScoreInput,
    correct_assessment,
    open_assessment,
    record_decision,
    sign_assessment,
)
from begeleid.assessment.services.qualifications import (
    ASSESSOR_TRAINING,
    CALIBRATION,
    ensure_qualification_competences,
    save_signing_requirements,
)
from begeleid.assessment.services.register import validity_end
from begeleid.assessment.services.rubrics import install_standard_content
from begeleid.frameworks.enums import CompetenceKind, FrameworkStatus
from begeleid.organisations.enums import Role
from begeleid.programmes.enums import EnrolmentStatus

from .organisations import PERSONA_HOME_TEAM
from .programmes import NURSING

# (code, title, kind, reserved, risky, parent code)
FRAMEWORK = [
    ("VT", "Verpleegtechnische handelingen", CompetenceKind.COMPETENCE, False, False, None),
    ("VT.1", "Subcutaan injecteren", CompetenceKind.PROCEDURE, True, True, "VT"),
    ("VT.2", "Intramusculair injecteren", CompetenceKind.PROCEDURE, True, True, "VT"),
    ("VT.3", "Blaaskatheter inbrengen", CompetenceKind.PROCEDURE, True, True, "VT"),
    ("VT.4", "Perifeer infuus aansluiten en bewaken", CompetenceKind.PROCEDURE, False, True, "VT"),
    ("VT.5", "Medicatie toedienen via een maagsonde", CompetenceKind.PROCEDURE, False, True, "VT"),
    ("EPA", "Toevertrouwbare beroepsactiviteiten", CompetenceKind.COMPETENCE, False, False, None),
    (
        "EPA.1",
        "Zorg verlenen aan een patiënt na een operatie",
        CompetenceKind.EPA,
        False,
        False,
        "EPA",
    ),
    (
        "EPA.2",
        "Zelfstandig een dienst draaien op de afdeling",
        CompetenceKind.EPA,
        False,
        False,
        "EPA",
    ),
    ("PH", "Professioneel handelen", CompetenceKind.COMPETENCE, False, False, None),
    ("PH.1", "Klinisch redeneren", CompetenceKind.COMPETENCE, False, False, "PH"),
    ("PH.2", "Overdragen volgens SBAR", CompetenceKind.COMPETENCE, False, False, "PH"),
]
VALIDITY_MONTHS = 24
RATIONALES = {
    Outcome.COMPETENT: (
        "Drie keer zelfstandig en volgens protocol uitgevoerd; controleert en rapporteert "
        "zorgvuldig.",
        "Blijf de dubbele controle hardop benoemen en leer het een nieuwe collega aan.",
    ),
    Outcome.NOT_YET_COMPETENT: (
        "De hygiënestappen gingen twee keer niet volgens protocol.",
        "Oefen de handeling in het skillslab en vraag je werkbegeleider om twee observaties.",
    ),
}


def generate(ctx):
    for org in ctx.organisations:
        _organisation(ctx, org)


def _organisation(ctx, org):
    framework = Framework.objects.create(
        organisation=org,
        identifier=f"{org.slug}-verpleegkundige-handelingen",
        title="Verpleegkundige handelingen en EPA's",
        version="2026",
        status=FrameworkStatus.PUBLISHED,
        creator=org.name,
    )
    items = {}
    for sequence, (code, title, kind, reserved, risky, parent) in enumerate(FRAMEWORK, 1):
        items[code] = Competence.objects.create(
            organisation=org,
            framework=framework,
            identifier=f"{framework.identifier}-{code.lower()}",
            code=code,
            title=title,
            kind=kind,
            is_reserved=reserved,
            is_risky=risky,
            parent=items.get(parent),
            sequence=sequence,
        )
    install_standard_content(organisation=org)
    _qualifications(ctx, org)
    procedures = [c for c in items.values() if c.kind == CompetenceKind.PROCEDURE]
    checklist = RubricVersion.objects.get(
        organisation=org, rubric__name__startswith="Afvinklijst", status="published"
    )
    nursing = ctx.programmes.get(org.id, {}).get(NURSING)
    if nursing is not None:
        AssessmentPolicy.objects.create(
            organisation=org,
            programme=nursing.programme,
            min_evidence=0,
            validity_months=VALIDITY_MONTHS,
            min_days_between_attempts=14,
        )
        _decisions(ctx, org, nursing, procedures, checklist)
    _staff_register(ctx, org, procedures)


def _qualifications(ctx, org):
    """Signing needs assessor training and a calibration in the last 12 months. Every
    assessor has both, except one colleague of the persona assessor who has not had the
    training yet (the quality step calibrates them both), so the demo shows a refusal too."""
    competences = ensure_qualification_competences(organisation=org, by=ctx.personas.get("hr"))
    save_signing_requirements(
        organisation=org,
        settings={ASSESSOR_TRAINING: (True, None), CALIBRATION: (True, 12)},
        by=ctx.personas.get("hr"),
    )
    persona = ctx.personas.get("assessor")
    untrained = next(
        (
            p
            for p, team in ctx.of(org, Role.ASSESSOR)
            if persona is not None and team.name == PERSONA_HOME_TEAM and p != persona
        ),
        None,
    )
    # Decisions below are signed now, and signing is checked against today's date, which
    # for the benchmark sizes need not be ``ctx.today``.
    rng, today = ctx.rng, timezone.localdate()
    declarations = []
    for person, _team in ctx.of(org, Role.ASSESSOR):
        trained = today - timedelta(days=rng.randint(200, 900))
        calibrated = today - timedelta(days=rng.randint(20, 250))
        for identifier, valid_from, months in (
            (ASSESSOR_TRAINING, trained, None),
            (CALIBRATION, calibrated, 12),
        ):
            if person == untrained and identifier == ASSESSOR_TRAINING:
                continue
            declarations.append(
                CompetenceDeclaration(
                    organisation=org,
                    person=person,
                    competence=competences[identifier],
                    valid_from=valid_from,
                    valid_until=validity_end(valid_from, months),
                )
            )
    CompetenceDeclaration.objects.bulk_create(declarations, batch_size=2000)


def _assessor_for(ctx, org, enrolment, by_team):
    if ctx.personas.get("learner") and enrolment.learner_id == ctx.personas["learner"].pk:
        return ctx.personas["assessor"]
    return (by_team.get(enrolment.team_id) or [None])[0]


def _decide(assessment, assessor, checklist, outcome, levels):
    record_decision(
        assessment=assessment,
        by=assessor,
        rubric_version=checklist,
        scores=[
            ScoreInput(c, levels[1 if outcome == Outcome.COMPETENT else 0])
            for c in checklist.criteria.all()
        ],
        evidence=[],
        outcome=outcome,
        rationale=RATIONALES[outcome][0],
        feedforward=RATIONALES[outcome][1],
    )
    return sign_assessment(assessment=assessment, by=assessor)


def _decisions(ctx, org, nursing, procedures, checklist):
    rng = ctx.rng
    by_team = {}
    for person, team in ctx.of(org, Role.ASSESSOR):
        by_team.setdefault(team.id, []).append(person)
    trainers = {}
    for person, team in ctx.of(org, Role.PRACTICE_TRAINER):
        trainers.setdefault(team.id, person)
    levels = list(checklist.scale.levels.all())
    enrolments = [
        e
        for e in ctx.enrolments.get(org.id, [])
        if e.version_id == nursing.pk and e.status == EnrolmentStatus.ACTIVE
    ]
    persona = ctx.personas.get("learner")
    enrolments.sort(key=lambda e: (persona is None or e.learner_id != persona.pk, e.pk))
    count = min(len(enrolments), max(6, min(150, ctx.profile.learners // 10)))
    signed = []
    for enrolment in enrolments[:count]:
        assessor = _assessor_for(ctx, org, enrolment, by_team)
        starter = trainers.get(enrolment.team_id) or assessor
        if assessor is None:
            continue
        is_persona = persona is not None and enrolment.learner_id == persona.pk
        chosen = procedures[:1] if is_persona else rng.sample(procedures, k=2)
        for competence in chosen:
            outcome = Outcome.COMPETENT if rng.random() < 0.8 else Outcome.NOT_YET_COMPETENT
            assessment = open_assessment(
                enrolment=enrolment, competence=competence, by=starter, as_learner=False
            )
            signed.append(_decide(assessment, assessor, checklist, outcome, levels))
        if is_persona:
            # Something for the assessor persona to decide.
            open_assessment(
                enrolment=enrolment, competence=procedures[2], by=persona, as_learner=True
            )
    first = next((s for s in signed if s.outcome == Outcome.COMPETENT), None)
    if first is not None:
        correction = correct_assessment(
            assessment=first,
            by=first.assessor,
            reason="Verkeerde handeling aangevinkt; opnieuw vastgelegd met de juiste scores.",
        )
        _decide(correction, first.assessor, checklist, Outcome.COMPETENT, levels)


def _staff_register(ctx, org, procedures):
    """Declarations of the ward nurses: most valid, some expiring, some expired."""
    rng, today = ctx.rng, ctx.today
    days = VALIDITY_MONTHS * 30
    declarations = []
    for person, _team in ctx.of(org, Role.SUPERVISOR):
        for competence in rng.sample(procedures, k=3):
            age = rng.choice([rng.randint(30, days - 90), rng.randint(days - 50, days - 1),
                              rng.randint(days + 1, days + 120)])  # fmt: skip
            valid_from = today - timedelta(days=age)
            declarations.append(
                CompetenceDeclaration(
                    organisation=org,
                    person=person,
                    competence=competence,
                    valid_from=valid_from,
                    valid_until=valid_from + timedelta(days=days - 1),
                )
            )
    CompetenceDeclaration.objects.bulk_create(declarations, batch_size=2000)
