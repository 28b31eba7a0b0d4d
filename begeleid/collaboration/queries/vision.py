"""Vision and team agreements: versions, statements, coverage of the vision in agreements."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import CharField, Prefetch, StringAgg, Value
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.utils import timezone

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
from .scopes import _org, teams_in_scope

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
    return VisionStatement.objects.filter(
        **_org(user), vision__status=VisionStatus.PUBLISHED
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


@dataclass
class Coverage:
    statements: list = field(default_factory=list)  # (statement, [covering teams], [others])
    overdue: list = field(default_factory=list)  # (team, [agreements past review date])
    missing: list = field(default_factory=list)  # (team, [workfloor topics])
    team_count: int = 0


def coverage_for(user) -> Coverage:
    """Per published statement which teams put it into practice, per team what is overdue."""
    today = timezone.localdate()
    # The page names every team once per statement, so it grows with the organisation:
    # the teams with only what the page shows, and per statement the covering team ids
    # joined in the database (one row per statement, not one per team and statement).
    teams = list(
        teams_in_scope(user).only("uuid", "name", "organisation_id").order_by("name", "id")
    )
    team_ids = [t.pk for t in teams]
    statements = list(published_statements(user))
    covered = defaultdict(set)
    links = (
        TeamAgreement.statements.through.objects.filter(
            teamagreement__team_id__in=team_ids,
            teamagreement__status=AgreementStatus.ACTIVE,
            visionstatement__lineage__in=[s.lineage for s in statements],
        )
        .values("visionstatement__lineage")
        .annotate(
            teams=StringAgg(Cast("teamagreement__team_id", CharField()), Value(","), distinct=True)
        )
        .values_list("visionstatement__lineage", "teams")
    )
    for lineage, joined in links:
        covered[lineage] = {int(team_id) for team_id in joined.split(",")}
    result = Coverage()
    keyed = list(zip(team_ids, teams, strict=True))
    for statement in statements:
        ids = covered[statement.lineage]
        result.statements.append(
            (
                statement,
                [t for pk, t in keyed if pk in ids],
                [t for pk, t in keyed if pk not in ids],
            )
        )
    overdue = defaultdict(list)
    for agreement in (
        TeamAgreement.objects.filter(
            team_id__in=team_ids, status=AgreementStatus.ACTIVE, review_date__lt=today
        )
        .select_related("owner")
        .order_by("review_date", "id")
    ):
        overdue[agreement.team_id].append(agreement)
    result.overdue = [(t, overdue[t.pk]) for t in teams if overdue[t.pk]]
    result.team_count = len(teams)
    gaps = missing_minimum(team_ids)
    result.missing = [(t, gaps[t.pk]) for t in teams if gaps[t.pk]]
    return result
