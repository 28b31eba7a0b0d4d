"""Reads for the guidance survey (evaluatie begeleiding), behind the anonymity threshold.

Contract for other pages (dashboards, glance, reports) — read survey figures ONLY here:

- ``min_responses()`` → k: settings.GUIDANCE_SURVEY_MIN_RESPONSES (default 5), never below 3.
- ``survey_results(*, organisation, team=None, supervisor=None, round=None, since=None,
  until=None)`` → ``None`` when the selection holds fewer than k responses, else a
  ``SurveyResults`` (``response_count``, ``means`` {SurveyItem value: float rounded to 0.1},
  ``open_answers`` list of non-empty texts in random order, no dates, no respondents).
  ``since``/``until`` select rounds by period: rounds that close on/after ``since`` and
  open on/before ``until`` (responses themselves carry no date by design).
- ``survey_results_by_supervisor(*, organisation, team=None, round=None)`` →
  {supervisor_id: SurveyResults} for the supervisors with at least k responses only;
  two queries whatever the number of supervisors (open answers are not included).

Every narrowing (team, supervisor, round, period) is applied before counting, so a filter
that narrows below k yields nothing. A figure over several rounds (a team, the organisation,
a period, a supervisor over time) counts only the rounds that reach k on their own, with the
same narrowing: otherwise a round below k could be read off as the difference between two
figures that are shown (the period with and without it, or the total and a round's page).
"""

import random
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, OuterRef, Subquery
from django.shortcuts import get_object_or_404

from begeleid.organisations.enums import Role
from begeleid.organisations.queries import roles_of
from begeleid.programmes.enums import EnrolmentStatus
from begeleid.programmes.models import Enrolment, SupervisionAssignment

from .enums import SurveyItem
from .models import SurveyParticipation, SurveyResponse, SurveyRound
from .rules import LEADS

DEFAULT_MIN_RESPONSES = 5
ABSOLUTE_MIN_RESPONSES = 3
ITEMS = [item.value for item in SurveyItem]
# Capacities whose holders a learner rates: the people who actually guide them.
GUIDING_CAPACITIES = ("first_supervisor", "supervisor", "specialist", "practice_trainer")


def min_responses() -> int:
    configured = getattr(settings, "GUIDANCE_SURVEY_MIN_RESPONSES", DEFAULT_MIN_RESPONSES)
    return max(ABSOLUTE_MIN_RESPONSES, int(configured))


@dataclass
class SurveyResults:
    response_count: int
    means: dict[str, float]
    open_answers: list[str] = field(default_factory=list)

    @property
    def rows(self):
        """[(SurveyItem, mean)] in item order, for templates."""
        return [(item, self.means.get(item.value)) for item in SurveyItem]


def _responses(*, organisation, team=None, supervisor=None, round=None, since=None, until=None):
    responses = SurveyResponse.objects.filter(organisation=organisation)
    if team is not None:
        responses = responses.filter(round__team=team)
    if supervisor is not None:
        responses = responses.filter(supervisor=supervisor)
    if round is not None:
        responses = responses.filter(round=round)
    if since is not None:
        responses = responses.filter(round__closes_on__gte=since)
    if until is not None:
        responses = responses.filter(round__opens_on__lte=until)
    return responses


def _rounds_reaching_k(responses):
    """Only the rounds whose responses (as narrowed) reach k on their own."""
    rounds = (
        responses.order_by()
        .values("round_id")
        .annotate(n=Count("id"))
        .filter(n__gte=min_responses())
        .values("round_id")
    )
    return responses.filter(round_id__in=rounds)


def _pairs_reaching_k(responses):
    """Only the (round, supervisor) pairs whose responses (as narrowed) reach k on their own."""
    pair_count = (
        responses.filter(round_id=OuterRef("round_id"), supervisor_id=OuterRef("supervisor_id"))
        .order_by()
        .values("round_id", "supervisor_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return responses.alias(pair_n=Subquery(pair_count)).filter(pair_n__gte=min_responses())


def _aggregates():
    return {"n": Count("id"), **{item: Avg(item) for item in ITEMS}}


def _means(row) -> dict[str, float]:
    return {item: round(float(row[item]), 1) for item in ITEMS}


def survey_results(
    *, organisation, team=None, supervisor=None, round=None, since=None, until=None
) -> SurveyResults | None:
    responses = _rounds_reaching_k(
        _responses(
            organisation=organisation,
            team=team,
            supervisor=supervisor,
            round=round,
            since=since,
            until=until,
        )
    )
    row = responses.aggregate(**_aggregates())
    if row["n"] < min_responses():
        return None
    answers = [a for a in responses.exclude(open_answer="").values_list("open_answer", flat=True)]
    random.shuffle(answers)
    return SurveyResults(response_count=row["n"], means=_means(row), open_answers=answers)


def survey_results_by_supervisor(*, organisation, team=None, round=None) -> dict:
    rows = (
        _pairs_reaching_k(_responses(organisation=organisation, team=team, round=round))
        .values("supervisor_id")
        .annotate(**_aggregates())
        .order_by()
    )
    k = min_responses()
    return {
        row["supervisor_id"]: SurveyResults(response_count=row["n"], means=_means(row))
        for row in rows
        if row["n"] >= k
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
    from django.contrib.auth import get_user_model

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
        SurveyRound.objects.filter(
            organisation_id=learner.organisation_id,
            team_id__in=teams,
            opens_on__lte=day,
            closes_on__gte=day,
        )
        .select_related("team")
        .order_by("closes_on", "id")
    )


def supervisors_in_round(round):
    """People rated in the round, by name (names only; the figures stay behind k)."""
    from django.contrib.auth import get_user_model

    ids = SurveyResponse.objects.filter(round=round).values("supervisor_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("full_name", "pk")


def results_per_supervisor(round):
    """[(person, SurveyResults)] by name, for supervisors with at least k responses only."""
    from django.contrib.auth import get_user_model

    results = survey_results_by_supervisor(organisation=round.organisation, round=round)
    people = get_user_model().objects.filter(pk__in=results).order_by("full_name", "pk")
    return [(p, results[p.pk]) for p in people] if results else []


def teams_to_open_for(user):
    """Teams the user may open a round for: led teams; every team for HR."""
    from begeleid.organisations.models import Team

    teams = Team.objects.filter(organisation_id=user.organisation_id)
    if not roles_of(user).has(Role.HR):
        teams = teams.filter(pk__in=roles_of(user).teams_with(*LEADS))
    return teams.order_by("name")
