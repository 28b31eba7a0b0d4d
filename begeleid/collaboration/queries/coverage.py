"""The coverage page: how far the teams put the published vision into practice.

What each team's active agreements arrange is kept per team (``TeamCoverage``, written
by the services that write an agreement): the page reads one small row per team in
scope, orders the teams gaps first and counts per statement in Python, and reads the
overdue agreements of the page's teams only. It no longer visits every agreement's
statement links of the organisation, which made the page grow with the organisation."""

import uuid as uuidlib
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, CharField, DateField, ExpressionWrapper, IntegerField, Q
from django.db.models.functions import Cast
from django.utils import timezone

from begeleid.core.compiled import PreparedQuery
from begeleid.organisations.models import Team
from begeleid.organisations.queries import roles_of

from ..enums import AgreementStatus, WorkfloorTopic
from ..models import TeamAgreement
from .scopes import is_organisation_level, scoped_teams
from .vision import statements_published_in

TEAMS_PER_PAGE = 25


@dataclass
class TeamGaps:
    """One row of the team table: what a team has not (yet) arranged."""

    team: object
    uncovered: list = field(default_factory=list)  # published statements not put into practice
    overdue: list = field(default_factory=list)  # active agreements past their review date
    missing: list = field(default_factory=list)  # workfloor topics no active agreement covers


@dataclass
class Coverage:
    statements: list  # (statement, number of teams in scope that put it into practice)
    team_count: int  # teams in scope
    page: Page  # of TeamGaps, the teams with the most gaps first


# The UUID as text: converted only for the teams on the page (SQLite gives its hex,
# PostgreSQL its dashed form; uuid.UUID reads both).
_TEAM_VALUES = (
    "pk",
    "uuid_text",
    "name",
    "organisation_id",
    "agreement_coverage__lineages",
    "agreement_coverage__topics",
    "overdue",
)


class _InScope:
    """A read of the teams in a user's scope (``teams_in_scope``), built and compiled
    once per process (core.compiled) for each shape of that scope: every ward of the
    organisation, or a list of teams."""

    def __init__(self, build, **params):
        self._wards = PreparedQuery(
            lambda organisation, **values: build(scoped_teams(organisation), **values),
            organisation=IntegerField(),
            **params,
        )
        self._listed = PreparedQuery(
            lambda organisation, teams, **values: build(
                scoped_teams(organisation, teams), **values
            ),
            organisation=IntegerField(),
            teams=[IntegerField()],
            **params,
        )

    def __call__(self, user, **values) -> list:
        if is_organisation_level(user):
            return self._wards(organisation=user.organisation_id, **values)
        # A prepared read takes no empty list; no team has id 0, so [0] is no team.
        teams = list(roles_of(user).by_team) or [0]
        return self._listed(organisation=user.organisation_id, teams=teams, **values)


# The teams in scope with what their agreements arrange (kept per team).
_TEAMS = _InScope(
    lambda teams, today: (
        teams.order_by()
        .annotate(
            uuid_text=Cast("uuid", CharField()),
            # An active agreement is past its review date.
            overdue=ExpressionWrapper(
                Q(agreement_coverage__earliest_review__lt=today), output_field=BooleanField()
            ),
        )
        .values_list(*_TEAM_VALUES)
    ),
    today=DateField(),
)
_STATEMENTS = PreparedQuery(
    lambda organisation: statements_published_in(organisation).only(
        "vision", "question", "title", "lineage"
    ),
    organisation=IntegerField(),
)
# The agreements past their review date of the teams on the page.
_OVERDUE = PreparedQuery(
    lambda teams, today: (
        TeamAgreement.objects.filter(
            team_id__in=teams, status=AgreementStatus.ACTIVE, review_date__lt=today
        )
        .only("team", "title", "review_date")
        .order_by("review_date", "id")
    ),
    teams=[IntegerField()],
    today=DateField(),
)


class _Kept(NamedTuple):
    """A team in scope with what its active agreements arrange (``TeamCoverage``). A
    tuple: one per team of the organisation on every view, sorted as it stands (the
    gaps key, then the name; the id breaks a tie)."""

    gaps_key: int
    name: str
    pk: int
    uuid_text: str
    organisation_id: int
    cited: frozenset  # the published lineages (hex) its active agreements cite
    topics: frozenset  # the workfloor topics they cover


def _gaps_key(cited, topics, overdue) -> int:
    """Sorts the team with the most gaps first (ascending). Gaps = published statements
    it does not put into practice, + 1 when an active agreement is past its review date,
    + 1 when its workfloor minimum is incomplete; every team faces the same statements,
    so "most gaps first" is "fewest covered, minus those two flags, first"."""
    return len(cited) - overdue - (len(topics) < len(WorkfloorTopic))


def teams_gaps_first(user, statements=None, today=None) -> list:
    """The teams in scope (``_Kept``), the team with the most gaps first, then by name."""
    today = today or timezone.localdate()
    if statements is None:
        statements = _STATEMENTS(organisation=user.organisation_id)
    published = frozenset(s.lineage.hex for s in statements)
    none = frozenset()
    kept = []
    for pk, uuid_text, name, organisation_id, lineages, topics, overdue in _TEAMS(
        user, today=today
    ):
        cited = published.intersection(lineages.split(",")) if lineages else none
        topics = frozenset(topics.split(",")) if topics else none
        key = _gaps_key(cited, topics, bool(overdue))
        kept.append(_Kept(key, name, pk, uuid_text, organisation_id, cited, topics))
    kept.sort()
    return kept


def coverage_for(user, page=None) -> Coverage:
    """Per published statement how many teams put it into practice; one page of teams
    (``page`` as given in the URL: an invalid number gives the first or the last page)."""
    today = timezone.localdate()
    statements = _STATEMENTS(organisation=user.organisation_id)
    teams = teams_gaps_first(user, statements, today)
    page = Paginator(teams, TEAMS_PER_PAGE).get_page(page)
    rows = {}
    for k in page.object_list:
        team = Team(
            pk=k.pk, uuid=uuidlib.UUID(k.uuid_text), name=k.name, organisation_id=k.organisation_id
        )
        rows[k.pk] = TeamGaps(
            team=team,
            uncovered=[s for s in statements if s.lineage.hex not in k.cited],
            missing=[t for t in WorkfloorTopic if t.value not in k.topics],
        )
    if rows:
        for agreement in _OVERDUE(teams=list(rows), today=today):
            rows[agreement.team_id].overdue.append(agreement)
    page.object_list = list(rows.values())
    covering = Counter(lineage for k in teams for lineage in k.cited)
    return Coverage(
        statements=[(s, covering[s.lineage.hex]) for s in statements],
        team_count=len(teams),
        page=page,
    )
