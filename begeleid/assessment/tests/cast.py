"""The assessment part of the shared cast: a nursing framework and the standard rubrics."""

from begeleid.assessment.enums import CompetenceKind, FrameworkStatus, RubricStatus
from begeleid.assessment.models import Competence, Framework, RubricVersion
from begeleid.assessment.services.decisions import (
    ScoreInput,
    open_assessment,
    record_decision,
    sign_assessment,
)
from begeleid.assessment.services.rubrics import install_standard_content
from begeleid.formative.models import Release


def extend(cast):
    org = cast.organisation
    framework = Framework.objects.create(
        organisation=org,
        identifier="kader-vpk",
        title="Verpleegkundige bekwaamheden",
        version="2025",
        status=FrameworkStatus.PUBLISHED,
    )
    care = Competence.objects.create(
        organisation=org, framework=framework, code="VH", title="Verpleegtechnische handelingen"
    )
    injecting = Competence.objects.create(
        organisation=org,
        framework=framework,
        parent=care,
        code="VH.1",
        title="Subcutaan injecteren",
        kind=CompetenceKind.PROCEDURE,
        is_reserved=True,
        is_risky=True,
        sequence=1,
    )
    install_standard_content(organisation=org)
    cast.extra["framework"] = framework
    cast.extra["competence"] = injecting
    cast.extra["rubric_version"] = RubricVersion.objects.get(
        organisation=org, rubric__name="Afvinklijst verpleegtechnische handeling"
    )
    cast.extra["draft_rubric_version"] = RubricVersion.objects.create(
        organisation=org,
        rubric=cast.rubric_version.rubric,
        number=2,
        scale=cast.rubric_version.scale,
        status=RubricStatus.DRAFT,
    )
    cast.draft_rubric_version.criteria.create(organisation=org, position=1, title="Protocol")
    release = Release.objects.create(
        organisation=org,
        enrolment=cast.enrolment,
        purpose="Voor mijn beoordeling subcutaan injecteren",
        released_by=cast.learner,
    )
    release.feedback.set([cast.feedback])
    release.entries.set([cast.entry])
    cast.extra["release"] = release
    cast.extra["assessment"] = open_assessment(
        enrolment=cast.enrolment, competence=injecting, by=cast.learner, as_learner=True
    )
    signed = open_assessment(
        enrolment=cast.enrolment, competence=care, by=cast.practice_trainer, as_learner=False
    )
    cast.extra["signed_assessment"] = sign_assessment(
        assessment=decide(cast, signed, cast.assessor), by=cast.assessor
    )
    cast.extra["other_framework"] = Framework.objects.create(
        organisation=cast.other_organisation, identifier="kader-ander", title="Ander kader"
    )


def decide(cast, assessment, by, outcome="competent"):
    """Score every criterion of the cast's checklist at the top level and decide."""
    version = cast.rubric_version
    top = version.scale.levels.order_by("-value").first()
    return record_decision(
        assessment=assessment,
        by=by,
        rubric_version=version,
        scores=[ScoreInput(c, top, "") for c in version.criteria.all()],
        evidence=[cast.release],
        outcome=outcome,
        rationale="Voert de handeling volgens protocol uit.",
        feedforward="Blijf de dubbele controle hardop benoemen.",
    )
