from begeleid.assessment.models import Assessment, CompetenceDeclaration
from begeleid.assessment.services.chain import verify
from begeleid.demo.generator import generate


def test_demo_step_builds_signed_decisions_and_a_register_in_every_state(transactional_db):
    # Transactional like the browser tests' demo fixture: teardown flushes signed decisions.
    ctx = generate("DEMO", seed=2026)
    org = ctx.organisations[0]
    today = ctx.today

    signed = Assessment.objects.filter(organisation=org, signed_at__isnull=False)
    statuses = {d.status_on(today) for d in CompetenceDeclaration.objects.filter(organisation=org)}
    assert signed.count() >= 6
    assert signed.filter(supersedes__isnull=False).count() == 1
    assert {"valid", "expiring", "expired", "revoked"} <= statuses
    assert verify(org.pk) == (signed.count(), [])
    persona = ctx.personas["learner"]
    assert Assessment.objects.filter(enrolment__learner=persona, signed_at__isnull=True).exists()


def test_demo_persona_assessor_may_sign_and_a_colleague_lacks_the_training(db):
    from begeleid.assessment.eligibility import signing_eligibility
    from begeleid.organisations.enums import Role

    ctx = generate("DEMO", seed=2026)
    org = ctx.organisations[0]
    persona = ctx.personas["assessor"]
    home = next(team for person, team in ctx.of(org, Role.ASSESSOR) if person == persona)
    colleague = next(p for p, team in ctx.of(org, Role.ASSESSOR) if team == home and p != persona)

    assert signing_eligibility(persona).may_sign
    assert signing_eligibility(colleague).missing == ["beoordelaarstraining"]


def test_demo_persona_learner_logged_performances_of_declared_procedures(db):
    from begeleid.assessment.models import ProcedurePerformance
    from begeleid.assessment.queries import frequency_by_declaration

    ctx = generate("DEMO", seed=2026)
    persona, supervisor = ctx.personas["learner"], ctx.personas["supervisor"]
    logged = ProcedurePerformance.objects.filter(person=persona)
    declared = CompetenceDeclaration.objects.valid_on(ctx.today).filter(
        person=persona, competence__kind="procedure"
    )

    assert declared.exists()
    assert {p.competence_id for p in logged} == {d.competence_id for d in declared}
    statuses = sorted(p.status for p in logged)
    assert statuses == sorted(["confirmed", "confirmed", "pending"] * len(declared))
    assert {p.confirmer for p in logged} == {supervisor}
    assert {f.met for f in frequency_by_declaration(list(declared), ctx.today).values()} == {True}
