"""Vision and team agreements: versions, statements, the workfloor minimum."""

from collections import defaultdict

from django.db.models import Prefetch, StringAgg, Value
from django.shortcuts import get_object_or_404

from ..enums import (
    AgreementStatus,
    VisionStatus,
    WorkfloorTopic,
)
from ..models import (
    TeamAgreement,
    Vision,
    VisionStatement,
)
from .scopes import _org

# ---------------------------------------------------------------- vision


def published_vision(user):
    return (
        Vision.objects.filter(**_org(user), status=VisionStatus.PUBLISHED)
        .select_related("published_by")
        .prefetch_related("statements")
        .first()
    )


def vision_versions(user):
    return Vision.objects.filter(**_org(user)).select_related("published_by", "created_by")


def get_vision_for(user, uuid) -> Vision:
    return get_object_or_404(
        Vision.objects.filter(**_org(user))
        .select_related("published_by")
        .prefetch_related("statements"),
        uuid=uuid,
    )


def get_statement_for(user, uuid) -> VisionStatement:
    return get_object_or_404(
        VisionStatement.objects.filter(**_org(user)).select_related("vision"), uuid=uuid
    )


def statements_by_question(statements):
    grouped = defaultdict(list)
    for statement in statements:
        grouped[statement.question].append(statement)
    from ..enums import VisionQuestion

    return [(q, grouped.get(q.value, [])) for q in VisionQuestion]


def published_statements(user):
    return statements_published_in(user.organisation_id)


def statements_published_in(organisation_id):
    return VisionStatement.objects.filter(
        organisation_id=organisation_id, vision__status=VisionStatus.PUBLISHED
    ).order_by("question", "position", "id")


# ---------------------------------------------------------------- agreements


def get_agreement_for(user, uuid) -> TeamAgreement:
    return get_object_or_404(
        TeamAgreement.objects.filter(**_org(user)).select_related("team", "owner"), uuid=uuid
    )


def agreements_of_team(team):
    return (
        TeamAgreement.objects.filter(team=team)
        .select_related("owner")
        .prefetch_related(
            Prefetch("statements", queryset=VisionStatement.objects.select_related("vision"))
        )
        .order_by("status", "topic", "title", "id")
    )


def missing_minimum(team_ids) -> dict[int, list]:
    """Per team id: the workfloor topics no active agreement of the team covers."""
    present = defaultdict(set)
    # One row per team with its topics joined (not one per team and topic).
    rows = (
        TeamAgreement.objects.filter(team_id__in=list(team_ids), status=AgreementStatus.ACTIVE)
        .exclude(topic="")
        .order_by()  # no default ordering: it joined teams and widened the grouping
        .values("team_id")
        .annotate(topics=StringAgg("topic", Value(","), distinct=True))
        .values_list("team_id", "topics")
    )
    for team_id, topics in rows:
        present[team_id] = set(topics.split(","))
    return {
        team_id: [t for t in WorkfloorTopic if t.value not in present[team_id]]
        for team_id in team_ids
    }
