"""The assessment part of the shared cast: a nursing framework and the standard rubrics."""

from begeleid.assessment.enums import CompetenceKind, FrameworkStatus, RubricStatus
from begeleid.assessment.models import Competence, Framework, RubricVersion
from begeleid.assessment.services.rubrics import install_standard_content


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
    cast.extra["other_framework"] = Framework.objects.create(
        organisation=cast.other_organisation, identifier="kader-ander", title="Ander kader"
    )
