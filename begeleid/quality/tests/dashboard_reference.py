"""The dashboard's figures as they were read before the reads were merged (one query
per figure, guidance's batch functions for balance and load): the reference that
``test_dashboard_queries`` compares the merged reads with."""

import datetime
from collections import defaultdict
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
from begeleid.quality.dashboards import Retention, TimeRow
from begeleid.quality.models import Budget, TrainingRecord
from begeleid.quality.queries_budget import (
    _bounds,
    _overlap_days,
    budget_summary,
    realised_guidance_time,
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
