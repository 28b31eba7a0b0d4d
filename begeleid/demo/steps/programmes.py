"""Programmes (published, with the model's phases) and an enrolment for every learner."""

from datetime import timedelta

from django.utils import timezone

from begeleid.organisations.enums import Role
from begeleid.programmes.defaults import DEFAULT_PHASES
from begeleid.programmes.enums import (
    Capacity,
    EnrolmentStatus,
    GuidanceForm,
    PhaseKind,
    VersionStatus,
)
from begeleid.programmes.models import (
    Enrolment,
    Phase,
    PhaseGuidanceTarget,
    PhaseTransition,
    Programme,
    ProgrammeVersion,
    SupervisionAssignment,
)

NURSING = "inservice-verpleegkunde"
ONBOARDING = "inwerkprogramma"
INTENSIVE_CARE = "vervolgopleiding-ic"


def _phases(code):
    """The phase specs of each demo programme: the model's four, adapted per programme."""
    phases = [
        dict(spec, name=str(spec["name"]), goals=str(spec["goals"])) for spec in DEFAULT_PHASES
    ]
    if code == ONBOARDING:
        for spec, weeks in zip(phases, (2, 3, 4, 2), strict=True):
            spec["typical_weeks"] = weeks
        phases[0]["goals"] = (
            "Wegwijs worden in het huis, de afdeling, de systemen en de collega's. "
            "Meelopen met een vaste collega."
        )
    elif code == INTENSIVE_CARE:
        phases.insert(
            3,
            {
                "kind": PhaseKind.EXPLORATION,
                "name": "Exploratie: complexe IC-zorg",
                "goals": (
                    "Zelfstandig zorgen voor beademde en hemodynamisch instabiele patiënten, "
                    "met toezicht op afstand van een ervaren IC-verpleegkundige."
                ),
                "expected_autonomy": 4,
                "typical_weeks": 16,
                "targets": {
                    GuidanceForm.COACHING_ON_THE_JOB: 2,
                    GuidanceForm.REFLECTION: 2,
                    GuidanceForm.INTERVISION: 2,
                },
            },
        )
        phases[-1]["expected_autonomy"] = 5
    return phases


PROGRAMMES = [
    (
        NURSING,
        "Inservice-opleiding verpleegkunde",
        "De opleiding tot verpleegkundige in de praktijk, in vier fasen van meekijken naar "
        "zelfstandig werken.",
        ["verpleegkundige"],
    ),
    (
        ONBOARDING,
        "Inwerkprogramma nieuwe medewerkers",
        "Het inwerken van nieuwe collega's van alle beroepen op de afdeling.",
        [],
    ),
    (
        INTENSIVE_CARE,
        "Vervolgopleiding IC-verpleegkunde",
        "De vervolgopleiding tot intensive-care-verpleegkundige.",
        ["verpleegkundige"],
    ),
]


def generate(ctx):
    for org in ctx.organisations:
        versions, phases = _programmes(ctx, org)
        ctx.programmes[org.id] = versions
        ctx.enrolments[org.id] = _enrolments(ctx, org, versions, phases)


def _programmes(ctx, org):
    published_at = timezone.now() - timedelta(days=2 * 365)
    hr = ctx.personas.get("hr")
    programmes = Programme.objects.bulk_create(
        [
            Programme(organisation=org, code=code, name=name, description=description)
            for code, name, description, _ in PROGRAMMES
        ]
    )
    versions = ProgrammeVersion.objects.bulk_create(
        [
            ProgrammeVersion(
                organisation=org,
                programme=programme,
                number=1,
                status=VersionStatus.PUBLISHED,
                description=programme.description,
                published_at=published_at,
                published_by=hr if hr is not None and hr.organisation_id == org.id else None,
            )
            for programme in programmes
        ]
    )
    professions = ctx.professions[org.id]
    links = ProgrammeVersion.target_professions.through
    links.objects.bulk_create(
        [
            links(programmeversion_id=version.id, profession_id=professions[code].id)
            for version, (_, _, _, codes) in zip(versions, PROGRAMMES, strict=True)
            for code in codes
            if code in professions
        ]
    )
    phase_rows, specs = [], []
    for version, (code, *_) in zip(versions, PROGRAMMES, strict=True):
        for position, spec in enumerate(_phases(code), start=1):
            phase_rows.append(
                Phase(
                    organisation=org,
                    version=version,
                    position=position,
                    kind=spec["kind"],
                    name=spec["name"],
                    goals=spec["goals"],
                    expected_autonomy=spec["expected_autonomy"],
                    typical_weeks=spec["typical_weeks"],
                )
            )
            specs.append(spec)
    phase_rows = Phase.objects.bulk_create(phase_rows)
    PhaseGuidanceTarget.objects.bulk_create(
        [
            PhaseGuidanceTarget(organisation=org, phase=phase, form=form, per_four_weeks=count)
            for phase, spec in zip(phase_rows, specs, strict=True)
            for form, count in spec["targets"].items()
        ]
    )
    by_code = {code: version for version, (code, *_) in zip(versions, PROGRAMMES, strict=True)}
    phases = {
        code: [p for p in phase_rows if p.version_id == version.id]
        for code, version in by_code.items()
    }
    return by_code, phases


def _by_team(pairs):
    teams = {}
    for person, team in pairs:
        teams.setdefault(team.id, []).append(person)
    return teams


def _enrolments(ctx, org, versions, phases):
    rng, today = ctx.rng, ctx.today
    now = timezone.now()
    supervisors = _by_team(ctx.of(org, Role.SUPERVISOR))
    specialists = _by_team(ctx.of(org, Role.SPECIALIST))
    trainers = _by_team(ctx.of(org, Role.PRACTICE_TRAINER))
    # Some supervisors guide many learners, most a few: one fixed weight per supervisor.
    weight = {p.pk: rng.paretovariate(1.2) for people in supervisors.values() for p in people}
    persona_learner = ctx.personas.get("learner")
    persona_learner = (
        persona_learner
        if persona_learner is not None and persona_learner.organisation_id == org.id
        else None
    )

    enrolments, plans = [], []
    for learner, team in ctx.of(org, Role.LEARNER):
        is_persona = persona_learner is not None and learner.pk == persona_learner.pk
        if is_persona:
            code, index, status = NURSING, 2, EnrolmentStatus.ACTIVE
        else:
            profession = learner.profession.code if learner.profession else ""
            if profession == "verpleegkundige":
                code = rng.choices([NURSING, ONBOARDING, INTENSIVE_CARE], [60, 25, 15])[0]
            else:
                code = ONBOARDING
            index = rng.randrange(len(phases[code]))
            status = rng.choices(
                [EnrolmentStatus.ACTIVE, EnrolmentStatus.PAUSED, EnrolmentStatus.STOPPED],
                [92, 5, 3],
            )[0]
            if index == len(phases[code]) - 1 and rng.random() < 0.3:
                status = EnrolmentStatus.COMPLETED
        path = phases[code]
        # Start far enough back to have passed the earlier phases, plus some of this one.
        weeks_before = sum(p.typical_weeks for p in path[:index])
        weeks_in = rng.randint(0, max(0, path[index].typical_weeks - 1))
        start = today - timedelta(weeks=weeks_before + weeks_in, days=rng.randint(0, 6))
        planned_end = start + timedelta(weeks=sum(p.typical_weeks for p in path) + 2)
        reason = {
            EnrolmentStatus.PAUSED: "Tijdelijk afwezig wegens ziekte.",
            EnrolmentStatus.STOPPED: "Andere functie buiten de afdeling aanvaard.",
            EnrolmentStatus.COMPLETED: "Alle fasen doorlopen en bekwaam verklaard.",
        }.get(status, "")
        enrolments.append(
            Enrolment(
                organisation=org,
                learner=learner,
                version=versions[code],
                team=team,
                start_date=start,
                planned_end_date=planned_end,
                status=status,
                status_reason=reason,
                current_phase=path[index],
            )
        )
        plans.append((path, index, start, is_persona))
    enrolments = Enrolment.objects.bulk_create(enrolments, batch_size=2000)

    transitions, assignments = [], []
    for enrolment, (path, index, start, is_persona) in zip(enrolments, plans, strict=True):
        trainer = (trainers.get(enrolment.team_id) or [None])[0]
        moment = start
        for i in range(index + 1):
            if i:
                moment = moment + timedelta(weeks=path[i - 1].typical_weeks)
            transitions.append(
                PhaseTransition(
                    organisation=org,
                    enrolment=enrolment,
                    from_phase=path[i - 1] if i else None,
                    to_phase=path[i],
                    at=min(now, now - timedelta(days=(today - moment).days)),
                    by=trainer,
                    reason=(
                        "Start van het leertraject."
                        if not i
                        else f"Doelen van de fase {path[i - 1].name.lower()} behaald."
                    ),
                )
            )
        ended = enrolment.status in (EnrolmentStatus.COMPLETED, EnrolmentStatus.STOPPED)
        until = today - timedelta(days=rng.randint(1, 20)) if ended else None
        until = max(until, start) if until else None

        def assign(person, capacity, enrolment=enrolment, start=start, until=until):
            assignments.append(
                SupervisionAssignment(
                    organisation=org,
                    enrolment=enrolment,
                    person=person,
                    capacity=capacity,
                    profession=person.profession,
                    valid_from=start,
                    valid_until=until,
                )
            )

        if is_persona:
            personas = ctx.personas
            assign(personas["supervisor"], Capacity.FIRST_SUPERVISOR)
            assign(personas["specialist"], Capacity.SPECIALIST)
            assign(personas["practice_trainer"], Capacity.PRACTICE_TRAINER)
            assign(personas["assessor"], Capacity.ASSESSOR)
            continue
        team_supervisors = supervisors.get(enrolment.team_id) or [trainer]
        if team_supervisors[0] is not None:
            first = rng.choices(
                team_supervisors, [weight.get(p.pk, 1.0) for p in team_supervisors]
            )[0]
            assign(first, Capacity.FIRST_SUPERVISOR)
        team_specialists = specialists.get(enrolment.team_id) or []
        if team_specialists and rng.random() < 0.3:
            specialist = rng.choice(team_specialists)
            if specialist.profession_id != enrolment.learner.profession_id:
                assign(specialist, Capacity.SPECIALIST)
    PhaseTransition.objects.bulk_create(transitions, batch_size=5000)
    SupervisionAssignment.objects.bulk_create(assignments, batch_size=5000)
    return enrolments
