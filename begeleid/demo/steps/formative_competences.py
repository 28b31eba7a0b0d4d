"""Competences in the formative record: feedback and portfolio entries name the
competences they are about, and a few learners rated themselves per competence.

Runs after the assessment step (the frameworks exist only then). Feedback is linked by
what it describes (an SBAR handover → "Overdragen volgens SBAR"), most of it but not all,
as supervisors do; the links are bulk-inserted through rows, so the benchmark sizes stay
fast. The persona learner gets two more signed decisions (an EPA and clinical reasoning,
on the entrustment form) so her radar has three axes, and a self-assessment rating those
competences that she released for assessment: the progress page shows both polygons, to
her supervisor always and to the assessor because she released it.
"""

from datetime import timedelta

from django.utils import timezone

from begeleid.assessment.enums import Outcome
from begeleid.assessment.models import Assessment, RubricVersion
from begeleid.assessment.services.decisions import (
    ScoreInput,
    open_assessment,
    record_decision,
    sign_assessment,
)
from begeleid.formative.enums import EntryKind
from begeleid.formative.models import Feedback, PortfolioEntry, Release, SelfRating
from begeleid.frameworks.models import Competence

from .assessment import RATIONALES

# What a piece of feedback or an entry describes → the demo framework's codes.
KEYWORDS = [
    ("SBAR", ("PH.2",)),
    ("overdracht", ("PH.2",)),
    ("wondzorg", ("EPA.1",)),
    ("operatie", ("EPA.1",)),
    ("ontslag", ("EPA.1",)),
    ("EWS", ("PH.1",)),
    ("pijnscore", ("PH.1",)),
    ("visite", ("PH.1",)),
    ("infuus", ("VT.4",)),
    ("katheter", ("VT.3",)),
    ("insuline", ("VT.1",)),
    ("medicatieronde", ("EPA.2",)),
    ("opname", ("EPA.2",)),
    ("planning", ("EPA.2",)),
]
LINKED_SHARE = 0.85  # supervisors tag most feedback, not all
BATCH = 5000
OTHER_SELF_ASSESSED = 5  # learners besides the persona with a self-assessment per competence
# The persona's extra decisions: (code, outcome, entrustment level per criterion).
PERSONA_DECISIONS = [
    ("EPA.1", Outcome.NOT_YET_COMPETENT, [2, 3, 2, 3, 2]),
    ("PH.1", Outcome.COMPETENT, [4, 4, 3, 4, 4]),
]
PERSONA_SELF = {"VT.1": 3, "EPA.1": 3, "PH.1": 3, "PH.2": 3}
PERSONA_EARLIER_SELF = {"VT.1": 2, "EPA.1": 2}


def generate(ctx):
    for org in ctx.organisations:
        _organisation(ctx, org)


def codes_in(text: str) -> list[str]:
    found = []
    for word, codes in KEYWORDS:
        if word.lower() in text.lower():
            found += [c for c in codes if c not in found]
    return found


def _organisation(ctx, org):
    competences = {
        c.code: c
        for c in Competence.objects.filter(
            organisation=org, framework__identifier=f"{org.slug}-verpleegkundige-handelingen"
        )
    }
    if not competences:
        return
    persona = ctx.personas.get("learner")
    if persona is not None:
        _persona(ctx, org, persona, competences)
    _self_assessments(ctx, org, persona)
    _link_feedback(ctx, org, competences)
    _link_entries(org, competences)


def _link_feedback(ctx, org, competences):
    rng = ctx.rng
    through = Feedback.competences.through
    rows = []
    for pk, narrative in (
        Feedback.objects.filter(organisation=org)
        .order_by("id")
        .values_list("id", "narrative")
        .iterator(chunk_size=BATCH)
    ):
        codes = codes_in(narrative)
        if not codes or rng.random() > LINKED_SHARE:
            continue
        rows += [through(feedback_id=pk, competence_id=competences[c].pk) for c in codes]
        if len(rows) >= BATCH:
            through.objects.bulk_create(rows)
            rows = []
    through.objects.bulk_create(rows)


def _link_entries(org, competences):
    """Entries name what they are about; a self-assessment also its rated competences."""
    through = PortfolioEntry.competences.through
    linked = set(through.objects.filter(portfolioentry__organisation=org).values_list(
        "portfolioentry_id", "competence_id"
    ))  # fmt: skip
    rated = SelfRating.objects.filter(organisation=org).values_list("entry_id", "competence_id")
    wanted = set(rated)
    for pk, title, text in PortfolioEntry.objects.filter(organisation=org).values_list(
        "id", "title", "text"
    ):
        wanted |= {(pk, competences[c].pk) for c in codes_in(f"{title} {text}")}
    through.objects.bulk_create(
        [through(portfolioentry_id=e, competence_id=c) for e, c in sorted(wanted - linked)],
        batch_size=BATCH,
    )


def _persona(ctx, org, persona, competences):
    enrolment = next(
        (
            e
            for e in ctx.enrolments.get(org.id, [])
            if e.learner_id == persona.pk
            and Assessment.objects.filter(enrolment=e, signed_at__isnull=False).exists()
        ),
        None,
    )
    assessor = ctx.personas.get("assessor")
    if enrolment is None or assessor is None:
        return
    starter = ctx.personas.get("practice_trainer") or assessor
    form = RubricVersion.objects.get(
        organisation=org, rubric__name="EPA-toevertrouwingsformulier", status="published"
    )
    levels = {level.value: level for level in form.scale.levels.all()}
    criteria = list(form.criteria.order_by("position"))
    for code, outcome, values in PERSONA_DECISIONS:
        assessment = open_assessment(
            enrolment=enrolment, competence=competences[code], by=starter, as_learner=False
        )
        record_decision(
            assessment=assessment,
            by=assessor,
            rubric_version=form,
            scores=[ScoreInput(c, levels[v]) for c, v in zip(criteria, values, strict=True)],
            evidence=[],
            outcome=outcome,
            rationale=RATIONALES[outcome][0],
            feedforward=RATIONALES[outcome][1],
        )
        sign_assessment(assessment=assessment, by=assessor)
    now = timezone.now()
    earlier = PortfolioEntry.objects.filter(
        enrolment=enrolment, kind=EntryKind.SELF_ASSESSMENT
    ).first()
    entry = PortfolioEntry.objects.create(
        organisation=org,
        enrolment=enrolment,
        kind=EntryKind.SELF_ASSESSMENT,
        title="Zelfbeoordeling na de eerste beoordelingen",
        prompt="Welke handeling heb je geoefend, en wat lukte al goed?",
        text="Subcutaan injecteren doe ik met toezicht op afstand. Bij de zorg na een "
        "operatie en bij klinisch redeneren vraag ik nog vaak om bevestiging; de "
        "SBAR-overdracht lukt met toezicht op afstand.",
        phase_id=enrolment.current_phase_id,
        author=persona,
        recorded_at=now - timedelta(days=4),
    )
    ratings = [
        SelfRating(organisation=org, entry=entry, competence=competences[c], level=level)
        for c, level in PERSONA_SELF.items()
    ]
    if earlier is not None:
        ratings += [
            SelfRating(organisation=org, entry=earlier, competence=competences[c], level=level)
            for c, level in PERSONA_EARLIER_SELF.items()
        ]
    SelfRating.objects.bulk_create(ratings)
    release = Release.objects.create(
        organisation=org,
        enrolment=enrolment,
        purpose="Mijn eigen inschatting, voor de beoordelingen van dit jaar",
        released_by=persona,
    )
    release.entries.add(entry)


def _self_assessments(ctx, org, persona):
    """A few other assessed learners rated themselves on what they were assessed on."""
    rng, now = ctx.rng, timezone.now()
    assessed: dict = {}
    for enrolment_id, competence_id in (
        Assessment.objects.filter(organisation=org, signed_at__isnull=False)
        .exclude(enrolment__learner=persona)
        .order_by("enrolment_id", "competence_id")
        .values_list("enrolment_id", "competence_id")
    ):
        assessed.setdefault(enrolment_id, set()).add(competence_id)
    chosen = sorted(assessed)[:OTHER_SELF_ASSESSED]
    enrolments = {e.pk: e for e in ctx.enrolments.get(org.id, []) if e.pk in chosen}
    entries = PortfolioEntry.objects.bulk_create(
        [
            PortfolioEntry(
                organisation=org,
                enrolment_id=pk,
                kind=EntryKind.SELF_ASSESSMENT,
                title="Zelfbeoordeling voor mijn voortgangsgesprek",
                prompt="Welke handeling heb je geoefend, en wat lukte al goed?",
                text="De handelingen die zijn beoordeeld doe ik nu meestal met toezicht op "
                "afstand; ik wil ze vaker oefenen voordat ik ze zelfstandig doe.",
                phase_id=enrolments[pk].current_phase_id,
                author_id=enrolments[pk].learner_id,
                recorded_at=now - timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 8)),
            )
            for pk in chosen
            if pk in enrolments
        ]
    )
    SelfRating.objects.bulk_create(
        [
            SelfRating(
                organisation=org, entry=entry, competence_id=competence_id, level=rng.randint(2, 4)
            )
            for entry in entries
            for competence_id in sorted(assessed[entry.enrolment_id])
        ]
    )
