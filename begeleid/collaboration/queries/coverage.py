"""The coverage page: how far the teams put the published vision into practice.

It costs the same for 20 teams or 200: per statement only a count, and the teams one page
at a time, ordered gaps first in the database so only the page's teams are read. The reads
of the first page, the one opened most, are built and compiled once per process
(core.compiled), for either shape of the user's scope."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    IntegerField,
    OuterRef,
    StringAgg,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import LessThan
from django.utils import timezone

from begeleid.core.compiled import CompiledOnce, PreparedQuery
from begeleid.organisations.models import Team
from begeleid.organisations.queries import roles_of

from ..enums import AgreementStatus, VisionStatus, WorkfloorTopic
from ..models import TeamAgreement, VisionStatement
from .scopes import is_organisation_level, scoped_teams, teams_in_scope
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


def _cited_lineages():
    """The statement lineages the active agreements of the outer team cite."""
    return (
        TeamAgreement.statements.through.objects.filter(
            teamagreement__team=OuterRef("pk"), teamagreement__status=AgreementStatus.ACTIVE
        )
        .order_by()
        .values("teamagreement__team")
    )


def _gaps_key(today, organisation):
    """Sorts the team with the most gaps first (ascending).

    Gaps = published statements the team does not put into practice, + 1 when one of its
    active agreements is past its review date, + 1 when its workfloor minimum is
    incomplete. Every team faces the same published statements, so "most gaps first" is
    "fewest covered statements minus those two flags first": no per-request count in it.
    """
    # The organisation as a value, not a reference to the team's: a correlated list of
    # lineages was read again for every cited statement (35 ms at 200 teams on SQLite).
    published = VisionStatement.objects.filter(
        organisation_id=organisation, vision__status=VisionStatus.PUBLISHED
    ).values("lineage")
    covered = _cited_lineages().filter(visionstatement__lineage__in=published)
    active = TeamAgreement.objects.filter(team=OuterRef("pk"), status=AgreementStatus.ACTIVE)
    topics = active.exclude(topic="").order_by().values("team")
    flag = {"default": Value(0), "output_field": IntegerField()}
    return (
        Coalesce(
            Subquery(
                covered.annotate(n=Count("visionstatement__lineage", distinct=True)).values("n")
            ),
            0,
        )
        - Case(When(Exists(active.filter(review_date__lt=today)), then=Value(1)), **flag)
        - Case(
            When(
                LessThan(
                    Coalesce(
                        Subquery(topics.annotate(n=Count("topic", distinct=True)).values("n")), 0
                    ),
                    len(WorkfloorTopic),
                ),
                then=Value(1),
            ),
            **flag,
        )
    )


def _joined_lineages():
    """The lineages the outer team's active agreements cite, joined with commas."""
    return Subquery(
        _cited_lineages()
        .annotate(
            joined=StringAgg(
                Cast("visionstatement__lineage", CharField()), Value(","), distinct=True
            )
        )
        .values("joined")
    )


def _joined_topics():
    """The workfloor topics the outer team's active agreements cover, joined with commas."""
    return Subquery(
        TeamAgreement.objects.filter(team=OuterRef("pk"), status=AgreementStatus.ACTIVE)
        .exclude(topic="")
        .order_by()
        .values("team")
        .annotate(joined=StringAgg("topic", Value(","), distinct=True))
        .values("joined")
    )


# Compiled once per process (core.compiled): building these correlated subqueries with
# the ORM on every request cost more CPU than the rest of the page together.
_GAPS_KEY = CompiledOnce(
    Team, _gaps_key, IntegerField(), today=DateField(), organisation=IntegerField()
)


def _gaps_first(teams, organisation, today):
    """``teams``, the team with the most gaps first (``_gaps_key``), then by name."""
    return (
        teams.only("uuid", "name", "organisation_id")
        .annotate(gaps_key=_GAPS_KEY(today=today, organisation=organisation))
        .order_by("gaps_key", "name", "id")
    )


def teams_gaps_first(user):
    """The teams in scope, the team with the most gaps first (``_gaps_key``), then by
    name. Counted in the database, so a page of them reads only that page's teams."""
    return _gaps_first(teams_in_scope(user), user.organisation_id, timezone.localdate())


def _counted_statements(teams, organisation):
    """The published statements, each with ``covered``: how many of ``teams`` put it
    into practice (cite it in an active agreement, in this version or an earlier one)."""
    counted = (
        TeamAgreement.statements.through.objects.filter(
            teamagreement__team__in=teams,
            teamagreement__status=AgreementStatus.ACTIVE,
            visionstatement__lineage=OuterRef("lineage"),
        )
        .order_by()
        .values("visionstatement__lineage")
        .annotate(n=Count("teamagreement__team_id", distinct=True))
        .values("n")
    )
    return (
        statements_published_in(organisation)
        .only("vision", "question", "title", "lineage")
        .annotate(covered=Coalesce(Subquery(counted), 0))
    )


def _counted_teams(teams, organisation):
    """How many ``teams`` there are: one row, or none for none."""
    return (
        teams.order_by()
        .values("organisation_id")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )


class _InScope:
    """A read of the teams in a user's scope (``teams_in_scope``), built and compiled
    once per process (core.compiled) for each shape of that scope: every ward of the
    organisation, or a list of teams. ``build(teams, organisation=, **params)``."""

    def __init__(self, build, **params):
        self._wards = PreparedQuery(
            lambda organisation, **values: build(
                scoped_teams(organisation), organisation=organisation, **values
            ),
            organisation=IntegerField(),
            **params,
        )
        self._listed = PreparedQuery(
            lambda organisation, teams, **values: build(
                scoped_teams(organisation, teams), organisation=organisation, **values
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


_STATEMENTS = _InScope(_counted_statements)
_TEAM_COUNT = _InScope(_counted_teams)
_FIRST_PAGE = _InScope(
    lambda teams, organisation, today: _gaps_first(teams, organisation, today)[:TEAMS_PER_PAGE],
    today=DateField(),
)
# Of the teams on the page: the agreements past their review date, and what the active
# agreements cite and cover (the lineages and topics joined).
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
_CITED_AND_COVERED = PreparedQuery(
    lambda teams: (
        Team.objects.filter(pk__in=teams)
        .annotate(cited=_joined_lineages(), topics=_joined_topics())
        .order_by()
        .values_list("pk", "cited", "topics")
    ),
    teams=[IntegerField()],
)


class _TeamsGapsFirst:
    """The teams in scope as ``Paginator`` reads them: counted, then one page; the first
    page, the one opened most, a prepared read."""

    def __init__(self, user, today):
        self.user, self.today = user, today

    def count(self):
        counted = _TEAM_COUNT(self.user)
        return counted[0] if counted else 0

    def __getitem__(self, bounds):
        if bounds.stop == 0:
            return []
        if bounds.start == 0 and bounds.stop <= TEAMS_PER_PAGE:
            return _FIRST_PAGE(self.user, today=self.today)[: bounds.stop]
        return list(
            _gaps_first(teams_in_scope(self.user), self.user.organisation_id, self.today)[bounds]
        )


def coverage_for(user, page=None) -> Coverage:
    """Per published statement how many teams put it into practice; one page of teams
    (``page`` as given in the URL: an invalid number gives the first or the last page)."""
    today = timezone.localdate()
    statements = _STATEMENTS(user)
    paginator = Paginator(_TeamsGapsFirst(user, today), TEAMS_PER_PAGE)
    page = paginator.get_page(page)
    rows = {team.pk: TeamGaps(team=team) for team in page.object_list}
    if rows:
        for agreement in _OVERDUE(teams=list(rows), today=today):
            rows[agreement.team_id].overdue.append(agreement)
        for pk, cited, topics in _CITED_AND_COVERED(teams=list(rows)):
            # Hex without dashes: SQLite stores UUIDs so, PostgreSQL casts them with dashes.
            cited = set((cited or "").replace("-", "").split(","))
            rows[pk].uncovered = [s for s in statements if s.lineage.hex not in cited]
            covered = set((topics or "").split(","))
            rows[pk].missing = [t for t in WorkfloorTopic if t.value not in covered]
    page.object_list = list(rows.values())
    return Coverage(
        statements=[(s, s.covered) for s in statements],
        team_count=paginator.count,
        page=page,
    )
