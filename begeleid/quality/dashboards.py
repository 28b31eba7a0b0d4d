"""Team and organisation dashboards: every figure aggregated in the database.

A dashboard covers one team or the whole organisation (``team=None``) over a period.
The number of queries is fixed: nothing here loops queries over teams or learners
(balance and load come from guidance's batch functions, a fixed number of queries).
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.assessment.enums import AssessmentStatus, Outcome
from begeleid.formative.conf import request_valid_days
from begeleid.formative.models import Feedback, FeedbackRequest
from begeleid.guidance.enums import MomentStatus
from begeleid.guidance.models import CapacityReservation, GuidanceMoment
from begeleid.guidance.queries import balance_for_enrolments, load_for_enrolments, settings_by_team
from begeleid.organisations.models import Team
from begeleid.programmes.enums import EnrolmentStatus, PhaseKind
from begeleid.programmes.models import Enrolment

from . import charts
from .enums import SessionStatus
from .models import Budget, CalibrationSession, TrainingRecord
from .queries_budget import _bounds, _overlap_days, budget_summary, realised_guidance_time
from .queries_survey import rounds_not_closed, survey_results

FEEDBACK_WEEKS = 12
LATEST_SESSIONS = 5
GOOD_ALPHA = 0.8
LOW_ALPHA = 0.667


def default_period(today=None):
    """A dashboard looks back one year; feedback figures cover its last 12 weeks."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=365), today


@dataclass
class TimeRow:
    team: object
    reserved_hours: float
    realised_hours: float
    budget: Decimal | None
    spent: Decimal

    @property
    def realised_percent(self):
        if not self.reserved_hours:
            return None
        return round(100 * self.realised_hours / self.reserved_hours)

    @property
    def remaining(self):
        return None if self.budget is None else self.budget - self.spent


@dataclass
class Retention:
    intake: int = 0
    active: int = 0
    completed: int = 0
    stopped: int = 0
    still_employed: int = 0

    @property
    def retention_percent(self):
        if not self.completed:
            return None
        return round(100 * self.still_employed / self.completed)


@dataclass
class Dashboard:
    organisation: object
    team: object  # None: the whole organisation
    start: datetime.date
    end: datetime.date
    feedback_start: datetime.date
    phases: list = field(default_factory=list)  # [(label, count)]
    phase_chart: object = None
    learner_count: int = 0
    competence_days: list = field(default_factory=list)
    feedback_weeks: list = field(default_factory=list)  # [(monday, count)]
    feedback_chart: object = None
    feedback_total: int = 0
    turnaround_hours: list = field(default_factory=list)
    open_requests: int = 0
    balance_breaches: int = 0
    load_breaches: int = 0
    active_enrolments: int = 0
    sessions: list = field(default_factory=list)  # [(session, alpha or None)]
    survey: object = None
    survey_open_rounds: int = 0  # rounds of the period not closed yet: no figures so far
    time_rows: list = field(default_factory=list)
    retention: Retention = field(default_factory=Retention)

    @property
    def scope_name(self):
        return self.team.name if self.team else self.organisation.name

    @property
    def median_days_to_competence(self):
        return round(statistics.median(self.competence_days)) if self.competence_days else None

    @property
    def median_turnaround_hours(self):
        if not self.turnaround_hours:
            return None
        return round(statistics.median(self.turnaround_hours), 1)

    @property
    def latest_alpha(self):
        for _session, alpha in self.sessions:
            if alpha is not None:
                return alpha
        return None

    @property
    def reserved_hours(self):
        return round(sum(r.reserved_hours for r in self.time_rows), 1)

    @property
    def realised_hours(self):
        return round(sum(r.realised_hours for r in self.time_rows), 1)

    @property
    def realised_percent(self):
        if not self.reserved_hours:
            return None
        return round(100 * self.realised_hours / self.reserved_hours)

    @property
    def budget_total(self):
        amounts = [r.budget for r in self.time_rows if r.budget is not None]
        return sum(amounts, Decimal(0)) if amounts else None

    @property
    def spent_total(self):
        return sum((r.spent for r in self.time_rows), Decimal(0))

    @property
    def time_chart(self):
        return charts.bar_chart(
            _("Gerealiseerde begeleidingstijd (uren)"),
            [(r.team.name, r.realised_hours) for r in self.time_rows],
        )


def _scope(organisation, team, prefix=""):
    q = Q(**{f"{prefix}organisation_id": organisation.pk})
    if team is not None:
        q &= Q(**{f"{prefix}team_id": team.pk})
    return q


def _aware(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def _monday(day):
    return day - datetime.timedelta(days=day.weekday())


def learners_per_phase(organisation, team):
    """[(phase label, active learners)] in the order of the four phases. One query."""
    counts = dict(
        Enrolment.objects.filter(_scope(organisation, team), status=EnrolmentStatus.ACTIVE)
        .values("current_phase__kind")
        .annotate(n=Count("id"))
        .values_list("current_phase__kind", "n")
    )
    rows = [(kind.label, counts.get(kind.value, 0)) for kind in PhaseKind]
    if counts.get(None):
        rows.append((_("zonder fase"), counts[None]))
    return rows


def days_to_competence(organisation, team, start, end):
    """Days from the start of each enrolment to its first signed 'competent' decision (or,
    without one, its completion), for those reaching that point in [start, end]. One query."""
    rows = (
        Enrolment.objects.filter(_scope(organisation, team))
        .annotate(
            first_competent=Min(
                "assessments__decided_at",
                filter=Q(
                    assessments__outcome=Outcome.COMPETENT,
                    assessments__status=AssessmentStatus.SIGNED,
                ),
            )
        )
        .filter(Q(first_competent__isnull=False) | Q(status=EnrolmentStatus.COMPLETED))
        .values_list("start_date", "first_competent", "updated_at")
    )
    days = []
    for start_date, first, updated in rows:
        reached = timezone.localdate(first or updated)
        if start <= reached <= end:
            days.append(max(0, (reached - start_date).days))
    return days


def feedback_per_week(organisation, team, start, end):
    """[(monday, feedback recorded that week)] for every week from ``start`` to ``end``."""
    counts = {
        timezone.localdate(week) if isinstance(week, datetime.datetime) else week: n
        for week, n in Feedback.objects.filter(
            _scope(organisation, team, "enrolment__"),
            recorded_at__gte=_aware(start),
            recorded_at__lt=_aware(end + datetime.timedelta(days=1)),
        )
        .annotate(week=TruncWeek("recorded_at"))
        .values("week")
        .annotate(n=Count("id"))
        .values_list("week", "n")
    }
    weeks = []
    monday = _monday(start)
    while monday <= end:
        weeks.append((monday, counts.get(monday, 0)))
        monday += datetime.timedelta(days=7)
    return weeks


def turnaround(organisation, team, start, end):
    """Hours from each request to its answer (answered in the period), and the number of
    requests still open now. Two queries."""
    requests = FeedbackRequest.objects.filter(_scope(organisation, team, "enrolment__"))
    # A request is issued with expiry = issue time + the validity; rows created later
    # (imports, the demo) carry their issue time only that way, so take the earlier one.
    valid = datetime.timedelta(days=request_valid_days())
    hours = [
        max(0.0, (answered - min(created, expires - valid)).total_seconds() / 3600)
        for created, expires, answered in requests.filter(
            answered_at__gte=_aware(start),
            answered_at__lt=_aware(end + datetime.timedelta(days=1)),
        ).values_list("created_at", "expires_at", "answered_at")
    ]
    still_open = requests.filter(
        answered_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    ).count()
    return hours, still_open


def breaches(organisation, team, now=None):
    """(active enrolments, with a balance warning, with a load breach): guidance's batch
    functions, a fixed number of queries for any number of learners."""
    now = now or timezone.now()
    enrolments = list(
        Enrolment.objects.filter(_scope(organisation, team), status=EnrolmentStatus.ACTIVE).only(
            "id", "organisation_id", "team_id", "learner_id", "current_phase_id", "start_date"
        )
    )
    if not enrolments:
        return 0, 0, 0
    settings_map = settings_by_team({e.team_id for e in enrolments})
    balances = balance_for_enrolments(enrolments, settings_map, timezone.localdate(now))
    loads = load_for_enrolments(enrolments, settings_map, now)
    return (
        len(enrolments),
        sum(1 for b in balances.values() if b.warnings),
        sum(1 for load in loads.values() if load.breaches),
    )


def latest_sessions(organisation, team):
    sessions = (
        CalibrationSession.objects.filter(_scope(organisation, team), status=SessionStatus.CLOSED)
        .select_related("team", "rubric_version__rubric")
        .order_by("-held_on", "-id")[:LATEST_SESSIONS]
    )
    return [(s, (s.results or {}).get("overall", {}).get("alpha")) for s in sessions]


def time_and_budget(organisation, team, start, end):
    """One row per team. A single team uses the budget reads of this app; the whole
    organisation gets the same figures grouped by team in four queries."""
    if team is not None:
        time = realised_guidance_time(team=team, start=start, end=end)
        budget = budget_summary(team=team, year=end.year)
        return [
            TimeRow(team, time.reserved_hours, time.realised_hours, budget.amount, budget.spent)
        ]
    reserved = defaultdict(float)
    for team_id, hours, valid_from, valid_until in (
        CapacityReservation.objects.filter(organisation_id=organisation.pk, valid_from__lte=end)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=start))
        .values_list("team_id", "hours_per_week", "valid_from", "valid_until")
    ):
        reserved[team_id] += float(hours) * _overlap_days(valid_from, valid_until, start, end) / 7
    low, high = _bounds(start, end)
    realised = dict(
        GuidanceMoment.objects.filter(
            organisation_id=organisation.pk,
            status=MomentStatus.HELD,
            starts_at__gte=low,
            starts_at__lt=high,
        )
        .values("team_id")
        .annotate(m=Sum("duration_minutes"))
        .values_list("team_id", "m")
    )
    budgets = dict(
        Budget.objects.filter(organisation_id=organisation.pk, year=end.year).values_list(
            "team_id", "amount"
        )
    )
    spent = dict(
        TrainingRecord.objects.filter(organisation_id=organisation.pk, date__year=end.year)
        .values("team_id")
        .annotate(s=Sum("cost"))
        .values_list("team_id", "s")
    )
    ids = set(reserved) | set(realised) | set(budgets) | set(spent)
    teams = Team.objects.filter(pk__in=ids).order_by("name", "id") if ids else []
    return [
        TimeRow(
            t,
            round(reserved.get(t.pk, 0.0), 1),
            round((realised.get(t.pk) or 0) / 60, 1),
            budgets.get(t.pk),
            spent.get(t.pk) or Decimal("0.00"),
        )
        for t in teams
    ]


def retention(organisation, team, start, end) -> Retention:
    """Intake in the period; over all enrolments of the scope: active, completed, stopped,
    and completed learners still employed (their account is still active). One query."""
    row = Enrolment.objects.filter(_scope(organisation, team)).aggregate(
        intake=Count("id", filter=Q(start_date__gte=start, start_date__lte=end)),
        active=Count("id", filter=Q(status=EnrolmentStatus.ACTIVE)),
        completed=Count("id", filter=Q(status=EnrolmentStatus.COMPLETED)),
        stopped=Count("id", filter=Q(status=EnrolmentStatus.STOPPED)),
        still_employed=Count(
            "id", filter=Q(status=EnrolmentStatus.COMPLETED, learner__is_active=True)
        ),
    )
    return Retention(**row)


def build_dashboard(*, organisation, team=None, start=None, end=None, now=None) -> Dashboard:
    now = now or timezone.now()
    if start is None or end is None:
        start, end = default_period(timezone.localdate(now))
    feedback_start = max(
        start, end - datetime.timedelta(weeks=FEEDBACK_WEEKS) + datetime.timedelta(days=1)
    )
    board = Dashboard(organisation, team, start, end, feedback_start)
    board.phases = learners_per_phase(organisation, team)
    board.learner_count = sum(n for _label, n in board.phases)
    board.phase_chart = charts.bar_chart(_("Lerenden per fase"), board.phases)
    board.competence_days = days_to_competence(organisation, team, start, end)
    board.feedback_weeks = feedback_per_week(organisation, team, feedback_start, end)
    board.feedback_total = sum(n for _week, n in board.feedback_weeks)
    board.feedback_chart = charts.column_chart(
        _("Feedback per week"),
        [(monday.strftime("%d-%m"), n) for monday, n in board.feedback_weeks],
    )
    board.turnaround_hours, board.open_requests = turnaround(
        organisation, team, feedback_start, end
    )
    board.active_enrolments, board.balance_breaches, board.load_breaches = breaches(
        organisation, team, now
    )
    board.sessions = latest_sessions(organisation, team)
    board.survey = survey_results(organisation=organisation, team=team, since=start, until=end)
    board.survey_open_rounds = rounds_not_closed(
        organisation=organisation, team=team, since=start, until=end
    )
    board.time_rows = time_and_budget(organisation, team, start, end)
    board.retention = retention(organisation, team, start, end)
    return board
