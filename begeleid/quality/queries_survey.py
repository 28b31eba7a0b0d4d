"""Reads for the guidance survey (evaluatie begeleiding), behind the anonymity threshold.

Contract for other pages (dashboards, glance, reports) — read survey figures ONLY here:

- Only CLOSED rounds count (closed by hand, or past their last day): an open round's figures
  change with every answer, so two looks a day apart would give one respondent away. While
  a round is open, only its response count is shown (``response_count``).
- Each round has its own threshold k (``SurveyRound.min_responses``, at least 3, fixed once
  the round has responses); new rounds take ``default_min_responses()``
  (settings.GUIDANCE_SURVEY_MIN_RESPONSES, default 5).
- ``survey_results(*, organisation, team=None, supervisor=None, round=None, since=None,
  until=None)`` → ``None`` when nothing may be shown, else a ``SurveyResults``
  (``response_count``, ``means`` {SurveyItem value: float rounded to 0.1}, ``open_answers``
  list of non-empty texts in random order, no dates, no respondents). ``since``/``until``
  select rounds by period: rounds that close on/after ``since`` and open on/before ``until``
  (responses themselves carry no date by design).
- ``survey_results_by_supervisor(*, organisation, team=None, round=None)`` →
  {supervisor_id: SurveyResults} for the supervisors that may be shown only; one query
  whatever the number of supervisors (open answers are not included).
- ``round_breakdown(round)`` → the round's shown rows by name and how many supervisors are
  withheld (a number, never a name).
- ``rounds_not_closed(*, organisation, team=None, since=None, until=None)`` → how many
  rounds of the period are not closed yet (their figures come later).

What may be shown is decided per closed round, on the round's full breakdown by
supervisor, with ``survey_privacy.disclose`` and the round's own k (threshold plus
complementary suppression):

- a figure without a supervisor (a round, a team, the organisation, a period) adds up whole
  rounds, and only rounds that reach their k; narrowing by team, round or period selects
  whole rounds, so a figure never counts part of a round;
- a figure for a supervisor (their row in a round, their figure over time, the filter on a
  round page) adds up only the (round, supervisor) cells that the round's disclosure shows:
  not the cells below k, and not the cells withheld to protect them.

So every figure is a sum of whole closed rounds of at least their k, or of shown cells; a
round's total minus its shown cells is nothing or at least k responses; and no difference
of figures (round total and rows, supervisor over time and per round, team and
organisation, two periods, two days) isolates fewer than k respondents.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404

from begeleid.organisations.enums import Role
from begeleid.organisations.queries import roles_of
from begeleid.programmes.enums import EnrolmentStatus
from begeleid.programmes.models import Enrolment, SupervisionAssignment

from .enums import SurveyItem
from .models import SurveyParticipation, SurveyResponse, SurveyRound
from .models.survey import closed_q
from .rules import LEADS
from .survey_privacy import disclose

ITEMS = [item.value for item in SurveyItem]
# Capacities whose holders a learner rates: the people who actually guide them.
GUIDING_CAPACITIES = ("first_supervisor", "supervisor", "specialist", "practice_trainer")


@dataclass
class SurveyResults:
    response_count: int
    means: dict[str, float]
    open_answers: list[str] = field(default_factory=list)

    @property
    def rows(self):
        """[(SurveyItem, mean)] in item order, for templates."""
        return [(item, self.means.get(item.value)) for item in SurveyItem]


def _responses(*, organisation, team=None, round=None, since=None, until=None):
    """The responses of whole closed rounds: every narrowing here selects rounds, never a
    part, and a round still open (whose figures change as answers come in) adds nothing."""
    responses = SurveyResponse.objects.filter(closed_q(prefix="round__"), organisation=organisation)
    if team is not None:
        responses = responses.filter(round__team=team)
    if round is not None:
        responses = responses.filter(round=round)
    if since is not None:
        responses = responses.filter(round__closes_on__gte=since)
    if until is not None:
        responses = responses.filter(round__opens_on__lte=until)
    return responses


@dataclass(frozen=True)
class _Cell:
    round_id: int
    supervisor_id: int
    k: int  # the round's threshold
    n: int
    sums: dict


def _cells(responses) -> list[_Cell]:
    """One row per (round, supervisor): the round's k, responses and the sum per item.
    One query."""
    rows = (
        responses.order_by()
        .values("round_id", "supervisor_id", "round__min_responses")
        .annotate(n=Count("id"), **{f"sum_{item}": Sum(item) for item in ITEMS})
    )
    return [
        _Cell(
            r["round_id"],
            r["supervisor_id"],
            r["round__min_responses"],
            r["n"],
            {i: r[f"sum_{i}"] for i in ITEMS},
        )
        for r in rows
    ]


def _disclosures(cells) -> dict:
    """{round_id: Disclosure} of each round's breakdown by supervisor, with its own k."""
    per_round = defaultdict(dict)
    k = {}
    for cell in cells:
        per_round[cell.round_id][cell.supervisor_id] = cell.n
        k[cell.round_id] = cell.k
    return {round_id: disclose(counts, k[round_id]) for round_id, counts in per_round.items()}


def _shown_cells(cells, supervisor_id=None) -> list[_Cell]:
    """Whole rounds that reach k (no supervisor), or the supervisor's shown cells."""
    decided = _disclosures(cells)
    if supervisor_id is None:
        return [c for c in cells if decided[c.round_id].total_shown]
    return [
        c
        for c in cells
        if c.supervisor_id == supervisor_id and c.supervisor_id in decided[c.round_id].shown
    ]


def _results(cells) -> SurveyResults | None:
    """Figures of shown cells (whole rounds of at least their k, or a supervisor's shown
    cells of at least k each); the check below is only a safeguard."""
    n = sum(c.n for c in cells)
    if not cells or n < min(c.k for c in cells):
        return None
    means = {item: round(sum(c.sums[item] for c in cells) / n, 1) for item in ITEMS}
    return SurveyResults(response_count=n, means=means)


def survey_results(
    *, organisation, team=None, supervisor=None, round=None, since=None, until=None
) -> SurveyResults | None:
    responses = _responses(
        organisation=organisation, team=team, round=round, since=since, until=until
    )
    supervisor_id = supervisor.pk if supervisor is not None else None
    cells = _shown_cells(_cells(responses), supervisor_id)
    results = _results(cells)
    if results is None:
        return None
    answers = responses.filter(round_id__in={c.round_id for c in cells}).exclude(open_answer="")
    if supervisor_id is not None:
        answers = answers.filter(supervisor_id=supervisor_id)
    results.open_answers = list(answers.values_list("open_answer", flat=True))
    random.shuffle(results.open_answers)
    return results


def survey_results_by_supervisor(*, organisation, team=None, round=None) -> dict:
    cells = _cells(_responses(organisation=organisation, team=team, round=round))
    decided = _disclosures(cells)
    per_supervisor = defaultdict(list)
    for cell in cells:
        if cell.supervisor_id in decided[cell.round_id].shown:
            per_supervisor[cell.supervisor_id].append(cell)
    return {
        supervisor_id: results
        for supervisor_id, shown in per_supervisor.items()
        if (results := _results(shown)) is not None
    }


# Rounds and answering --------------------------------------------------------------------


def _org_level(user) -> bool:
    return roles_of(user).has(Role.HR, Role.MANAGER)


def rounds_for(user):
    """Rounds of the teams the user leads; HR and managers see all of the organisation."""
    rounds = SurveyRound.objects.filter(organisation_id=user.organisation_id)
    if not _org_level(user):
        rounds = rounds.filter(team_id__in=roles_of(user).teams_with(*LEADS))
    return rounds.select_related("team").order_by("-opens_on", "-id")


def get_round_for(user, uuid) -> SurveyRound:
    return get_object_or_404(
        SurveyRound.objects.filter(organisation_id=user.organisation_id).select_related(
            "team", "organisation"
        ),
        uuid=uuid,
    )


def active_enrolments_in(learner, team):
    return Enrolment.objects.filter(learner=learner, team=team, status=EnrolmentStatus.ACTIVE)


def supervisors_to_rate(learner, round):
    """The people who guide the learner now on an active enrolment in the round's team."""
    people = (
        SupervisionAssignment.objects.active()
        .filter(
            enrolment__in=active_enrolments_in(learner, round.team),
            capacity__in=GUIDING_CAPACITIES,
        )
        .exclude(person=learner)
    )
    return (
        get_user_model()
        .objects.filter(pk__in=people.values("person_id"))
        .order_by("full_name", "pk")
    )


def answered_supervisor_ids(learner, round) -> set[int]:
    return set(
        SurveyParticipation.objects.filter(round=round, person=learner).values_list(
            "supervisor_id", flat=True
        )
    )


def open_rounds_for_learner(learner, day):
    """Open rounds of teams where the learner has an active enrolment."""
    teams = Enrolment.objects.filter(learner=learner, status=EnrolmentStatus.ACTIVE).values(
        "team_id"
    )
    return (
        SurveyRound.objects.open_on(day)
        .filter(organisation_id=learner.organisation_id, team_id__in=teams)
        .select_related("team")
        .order_by("closes_on", "id")
    )


def response_count(round) -> int:
    """How many answers a round has: the one number shown while the round is open."""
    return SurveyResponse.objects.filter(round=round).count()


def rounds_not_closed(*, organisation, team=None, since=None, until=None) -> int:
    """Rounds of the scope and period that are not closed yet (their figures come later)."""
    rounds = SurveyRound.objects.filter(organisation=organisation).exclude(closed_q())
    if team is not None:
        rounds = rounds.filter(team=team)
    if since is not None:
        rounds = rounds.filter(closes_on__gte=since)
    if until is not None:
        rounds = rounds.filter(opens_on__lte=until)
    return rounds.count()


@dataclass
class RoundBreakdown:
    rows: list  # [(person, SurveyResults)] by name: only the supervisors whose row is shown
    withheld: int  # how many rated supervisors are not shown (a number, never a name)

    @property
    def people(self):
        """The shown supervisors as a queryset (the round page's filter offers only them)."""
        return (
            get_user_model()
            .objects.filter(pk__in=[p.pk for p, _r in self.rows])
            .order_by("full_name", "pk")
        )


def round_breakdown(round) -> RoundBreakdown:
    """The round's rows per supervisor behind its disclosure; nothing while it is open."""
    cells = _cells(_responses(organisation=round.organisation, round=round))
    decided = _disclosures(cells)
    shown = {
        c.supervisor_id: results
        for c in cells
        if c.supervisor_id in decided[c.round_id].shown and (results := _results([c]))
    }
    people = (
        get_user_model().objects.filter(pk__in=shown).order_by("full_name", "pk") if shown else []
    )
    return RoundBreakdown(
        rows=[(p, shown[p.pk]) for p in people],
        withheld=len({c.supervisor_id for c in cells}) - len(shown),
    )


def results_per_supervisor(round):
    """[(person, SurveyResults)] by name, for the supervisors the round's disclosure shows."""
    return round_breakdown(round).rows


def teams_to_open_for(user):
    """Teams the user may open a round for: led teams; every team for HR."""
    from begeleid.organisations.models import Team

    teams = Team.objects.filter(organisation_id=user.organisation_id)
    if not roles_of(user).has(Role.HR):
        teams = teams.filter(pk__in=roles_of(user).teams_with(*LEADS))
    return teams.order_by("name")
