"""The coverage page: how far the teams put the published vision into practice.

It costs the same for 20 teams or 200: per statement only a count, and the teams one page
at a time, ordered gaps first in the database so only the page's teams are read."""

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
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import LessThan
from django.utils import timezone

from begeleid.core.compiled import CompiledOnce
from begeleid.organisations.models import Team

from ..enums import AgreementStatus, VisionStatus, WorkfloorTopic
from ..models import TeamAgreement, VisionStatement
from .scopes import teams_in_scope
from .vision import missing_minimum, published_statements

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


# Compiled once per process (core.compiled): building these correlated subqueries with
# the ORM on every request cost more CPU than the rest of the page together.
_GAPS_KEY = CompiledOnce(
    Team, _gaps_key, IntegerField(), today=DateField(), organisation=IntegerField()
)
_CITED = CompiledOnce(Team, _joined_lineages, TextField())


def teams_gaps_first(user):
    """The teams in scope, the team with the most gaps first (``_gaps_key``), then by
    name. Counted in the database, so a page of them reads only that page's teams; each
    carries ``cited_lineages`` (joined) for the statements it does not yet cover."""
    return (
        teams_in_scope(user)
        .only("uuid", "name", "organisation_id")
        .annotate(
            gaps_key=_GAPS_KEY(today=timezone.localdate(), organisation=user.organisation_id),
            cited_lineages=_CITED(),
        )
        .order_by("gaps_key", "name", "id")
    )


def _statement_counts(user, statements) -> dict:
    """Per statement lineage: how many teams in scope put it into practice (one query)."""
    if not statements:
        return {}
    return dict(
        TeamAgreement.statements.through.objects.filter(
            teamagreement__team__in=teams_in_scope(user),
            teamagreement__status=AgreementStatus.ACTIVE,
            visionstatement__lineage__in=[s.lineage for s in statements],
        )
        .values("visionstatement__lineage")
        .annotate(n=Count("teamagreement__team_id", distinct=True))
        .values_list("visionstatement__lineage", "n")
    )


def coverage_for(user, page=None) -> Coverage:
    """Per published statement how many teams put it into practice; one page of teams
    (``page`` as given in the URL: an invalid number gives the first or the last page)."""
    statements = list(published_statements(user))
    counts = _statement_counts(user, statements)
    paginator = Paginator(teams_gaps_first(user), TEAMS_PER_PAGE)
    page = paginator.get_page(page)
    teams = list(page.object_list)
    team_ids = [t.pk for t in teams]
    overdue = {pk: [] for pk in team_ids}
    if teams:
        for agreement in TeamAgreement.objects.filter(
            team_id__in=team_ids,
            status=AgreementStatus.ACTIVE,
            review_date__lt=timezone.localdate(),
        ).order_by("review_date", "id"):
            overdue[agreement.team_id].append(agreement)
    missing = missing_minimum(team_ids) if teams else {}
    rows = []
    for team in teams:
        # Hex without dashes: SQLite stores UUIDs so, PostgreSQL casts them with dashes.
        cited = set((team.cited_lineages or "").replace("-", "").split(","))
        rows.append(
            TeamGaps(
                team=team,
                uncovered=[s for s in statements if s.lineage.hex not in cited],
                overdue=overdue[team.pk],
                missing=missing[team.pk],
            )
        )
    page.object_list = rows
    return Coverage(
        statements=[(s, counts.get(s.lineage, 0)) for s in statements],
        team_count=paginator.count,
        page=page,
    )
