"""The collaboration parts of the home pages."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import BigIntegerField, Count, DateField, Q
from django.utils import timezone

from begeleid.core.compiled import PreparedQuery
from begeleid.organisations.queries import role_teams_of, roles_of

from ..enums import (
    ActionStatus,
    AgreementStatus,
    SignalLevel,
    SignalStatus,
    VisionStatus,
    WorkfloorTopic,
)
from ..models import (
    ActionItem,
    Signal,
    TeamAgreement,
    Vision,
)
from ..rules import LEADS
from .meetings import cadence_status
from .scopes import _org, teams_in_scope
from .vision import published_statements

DUE_SOON_DAYS = 30

# ---------------------------------------------------------------- home pages


@dataclass
class TeamLeaderHome:
    agreements_due: list
    missing: list  # (team, [topics])
    signals: list
    action_items: list
    cadences: list
    today: object


# The team leader's home is opened many times a day: its four reads are built and
# compiled once per process (core.compiled.PreparedQuery) and bound per request.
_ACTIVE_AGREEMENTS = PreparedQuery(
    lambda teams, soon: (
        TeamAgreement.objects.filter(team_id__in=teams, status=AgreementStatus.ACTIVE)
        .filter(Q(review_date__lte=soon) | ~Q(topic=""))
        .only("uuid", "title", "review_date", "team_id", "topic")
        .order_by("review_date", "id")
    ),
    teams=[BigIntegerField()],
    soon=DateField(),
)
_OPEN_SIGNALS = PreparedQuery(
    lambda teams, owner, organisation: (
        Signal.objects.filter(
            Q(team_id__in=teams) | Q(owner_id=owner), organisation_id=organisation
        )
        .exclude(status=SignalStatus.RESOLVED)
        .select_related("team")
        .order_by("created_at", "id")[:10]
    ),
    teams=[BigIntegerField()],
    owner=BigIntegerField(),
    organisation=BigIntegerField(),
)
_OPEN_ACTION_ITEMS = PreparedQuery(
    lambda teams, owner, organisation: (
        ActionItem.objects.filter(
            Q(meeting__team_id__in=teams) | Q(owner_id=owner),
            organisation_id=organisation,
            status=ActionStatus.OPEN,
        )
        .select_related("owner", "meeting")
        .order_by("due_date", "id")[:10]
    ),
    teams=[BigIntegerField()],
    owner=BigIntegerField(),
    organisation=BigIntegerField(),
)


def team_leader_home(user) -> TeamLeaderHome:
    today = timezone.localdate()
    led = roles_of(user).teams_with(*LEADS)
    teams = [t for t in role_teams_of(user) if t.pk in led]  # shared with other sections
    team_ids = [t.pk for t in teams]
    by_id = {t.pk: t for t in teams}
    # One read for both: the active agreements due soon (the first ten are listed) and
    # those with a workfloor topic (which topics the team covers).
    soon = today + timedelta(days=DUE_SOON_DAYS)
    active = _ACTIVE_AGREEMENTS(teams=team_ids, soon=soon)
    due = [a for a in active if a.review_date <= soon][:10]
    for a in due:
        a.team = by_id[a.team_id]
    present = defaultdict(set)
    for a in active:
        if a.topic:
            present[a.team_id].add(a.topic)
    gaps = {tid: [t for t in WorkfloorTopic if t.value not in present[tid]] for tid in team_ids}
    mine = {"teams": team_ids, "owner": user.pk, "organisation": user.organisation_id}
    return TeamLeaderHome(
        agreements_due=due,
        missing=[(t, gaps[t.pk]) for t in teams if gaps[t.pk]],
        signals=_OPEN_SIGNALS(**mine),
        action_items=_OPEN_ACTION_ITEMS(**mine),
        cadences=cadence_status(team_ids),
        today=today,
    )


@dataclass
class OrganisationHome:
    vision: object
    coverage: list  # (statement, covered count, team count)
    team_count: int
    signals: list


def organisation_home(user) -> OrganisationHome:
    vision = Vision.objects.filter(**_org(user), status=VisionStatus.PUBLISHED).first()
    # Only the counts of the coverage page, counted in the database: no team rows,
    # overdue or minimum reads.
    scope = teams_in_scope(user)
    team_count = scope.count()
    statements = list(published_statements(user))
    covered = dict(
        TeamAgreement.statements.through.objects.filter(
            teamagreement__team__in=scope,
            teamagreement__status=AgreementStatus.ACTIVE,
            visionstatement__lineage__in=[s.lineage for s in statements],
        )
        .values("visionstatement__lineage")
        .annotate(n=Count("teamagreement__team_id", distinct=True))
        .values_list("visionstatement__lineage", "n")
    )
    signals = list(
        Signal.objects.filter(**_org(user), level=SignalLevel.ORGANISATION)
        .exclude(status=SignalStatus.RESOLVED)
        .select_related("owner")
        .order_by("created_at", "id")[:10]
    )
    return OrganisationHome(
        vision=vision,
        coverage=[(s, covered.get(s.lineage, 0), team_count) for s in statements],
        team_count=team_count,
        signals=signals,
    )


def home_context(user, sections) -> dict:
    """What the team leader's and the organisation's home sections show of collaboration."""
    context = {}
    if "team_leader" in sections:
        context["collaboration_team"] = team_leader_home(user)
    if "organisation" in sections:
        context["collaboration_org"] = organisation_home(user)
    return context
