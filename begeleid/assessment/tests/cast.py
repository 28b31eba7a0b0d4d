"""The assessment part of the shared cast: a nursing framework and the standard rubrics."""

from django.utils import timezone

from begeleid.assessment.enums import RubricStatus
from begeleid.assessment.models import Competence, Framework, RubricVersion
from begeleid.assessment.services.decisions import (
    ScoreInput,
    open_assessment,
    record_decision,
    sign_assessment,
)
from begeleid.assessment.services.qualifications import (
    ASSESSOR_TRAINING,
    ensure_qualification_competences,
    save_signing_requirements,
)
from begeleid.assessment.services.register import declare_competence
from begeleid.assessment.services.rubrics import install_standard_content
from begeleid.formative.models import Release
from begeleid.frameworks.enums import CompetenceKind, FrameworkStatus


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
    # To sign, the organisation asks for assessor training; the cast's assessor has it.
    # (Calibration is not required here, so quality's calibration tests start from nothing.)
    cast.extra["qualifications"] = ensure_qualification_competences(organisation=org)
    save_signing_requirements(
        organisation=org, settings={ASSESSOR_TRAINING: (True, None)}, by=cast.hr
    )
    qualify(cast, cast.assessor)
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


def qualify(cast, person, identifier=ASSESSOR_TRAINING, valid_from=None):
    """Give ``person`` a valid declaration of a qualification (assessor training by default)."""
    return declare_competence(
        person=person,
        competence=cast.qualifications[identifier],
        valid_from=valid_from or timezone.localdate(),
        by=cast.hr,
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
