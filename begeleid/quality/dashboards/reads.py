"""The dashboard's reads: a fixed handful of queries, whatever the size of the scope.

- ``figures``: one row (the organisation) with every count and small series of the scope
  as scalar subqueries, each one JSON object of conditional aggregates over one table:
  learners per phase and retention (enrolments), feedback per week, the feedback requests
  (answered in the period, as a string aggregate, and still open), the survey rounds not
  closed yet, and for a single team its time and budget.
- ``enrolment_rows``: the scope's active enrolments (with what guidance's ``summarise``
  reads with the rows) and those that reached competence or completed.
- ``time_rows`` (the whole organisation only): one row per team with its time and budget.

Survey figures are not read here: they come from ``queries_survey`` (behind its
disclosure rules); only the number of rounds not closed yet is counted here, with the
same filter as ``queries_survey.rounds_not_closed``.
"""

import datetime

from django.db.models import (
    CharField,
    Count,
    JSONField,
    Min,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, JSONObject
from django.utils import timezone

from begeleid.assessment.enums import AssessmentStatus, Outcome
from begeleid.assessment.models import Assessment
from begeleid.formative.models import Feedback, FeedbackRequest
from begeleid.guidance.enums import MomentStatus
from begeleid.guidance.models import CapacityReservation, GuidanceMoment
from begeleid.guidance.queries import with_summary_figures
from begeleid.organisations.models import Organisation, Team
from begeleid.programmes.enums import EnrolmentStatus, PhaseKind
from begeleid.programmes.models import Enrolment

from ..models import Budget, SurveyRound, TrainingRecord
from ..models.survey import closed_q
from ..queries_budget import _bounds

SEP = "|"  # between the fields of one row of a string aggregate
ROW_SEP = ";"  # between its rows


def scope_q(organisation_id, team, prefix=""):
    q = Q(**{f"{prefix}organisation_id": organisation_id})
    if team is not None:
        q &= Q(**{f"{prefix}team_id": team.pk})
    return q


def aware(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def _over(queryset, **aggregates):
    """A scalar subquery: ``aggregates`` over every row of ``queryset`` as one JSON object
    (grouped by a constant, so there is exactly one row, also without rows)."""
    return Subquery(
        queryset.order_by()
        .annotate(whole=Value(1))
        .values("whole")
        .annotate(figures=JSONObject(**aggregates))
        .values("figures"),
        output_field=JSONField(),
    )


def _text(field):
    return Coalesce(Cast(field, CharField()), Value(""))


def _joined(*fields, filter=None):
    """The rows' ``fields`` as text: "a|b|c;a|b|c" (dates and datetimes in ISO form)."""
    parts = []
    for f in fields:
        parts += [_text(f), Value(SEP)]
    return StringAgg(Concat(*parts[:-1]), Value(ROW_SEP), filter=filter)


def split_rows(text):
    return [row.split(SEP) for row in (text or "").split(ROW_SEP) if row]


def parse_datetime(text):
    """A datetime cast to text: naive UTC on SQLite, with its offset on PostgreSQL."""
    value = datetime.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


def weeks_from(start, end):
    """The Mondays of the weeks from ``start`` to ``end``."""
    monday = start - datetime.timedelta(days=start.weekday())
    mondays = []
    while monday <= end:
        mondays.append(monday)
        monday += datetime.timedelta(days=7)
    return mondays


def _enrolment_figures(organisation_id, team, start, end):
    active = Q(status=EnrolmentStatus.ACTIVE)
    completed = Q(status=EnrolmentStatus.COMPLETED)
    phases = {
        f"phase_{kind.value}": Count("id", filter=active & Q(current_phase__kind=kind.value))
        for kind in PhaseKind
    }
    return _over(
        Enrolment.objects.filter(scope_q(organisation_id, team)),
        **phases,
        phase_none=Count("id", filter=active & Q(current_phase__kind__isnull=True)),
        intake=Count("id", filter=Q(start_date__gte=start, start_date__lte=end)),
        active=Count("id", filter=active),
        completed=Count("id", filter=completed),
        stopped=Count("id", filter=Q(status=EnrolmentStatus.STOPPED)),
        still_employed=Count("id", filter=completed & Q(learner__is_active=True)),
    )


def _feedback_figures(organisation_id, team, start, end):
    """Feedback recorded per week from ``start`` to ``end`` (local weeks, as TruncWeek)."""
    stop = aware(end + datetime.timedelta(days=1))
    weeks = {}
    for i, monday in enumerate(weeks_from(start, end)):
        low = aware(max(monday, start))
        high = min(aware(monday + datetime.timedelta(days=7)), stop)
        weeks[f"w{i}"] = Count("id", filter=Q(recorded_at__gte=low, recorded_at__lt=high))
    return _over(
        Feedback.objects.filter(
            scope_q(organisation_id, team, "enrolment__"),
            recorded_at__gte=aware(start),
            recorded_at__lt=stop,
        ),
        **weeks,
    )


def _request_figures(organisation_id, team, start, end, now):
    """The requests answered in the period (created, expires, answered) and those open."""
    answered = Q(
        answered_at__gte=aware(start), answered_at__lt=aware(end + datetime.timedelta(days=1))
    )
    still_open = Q(answered_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now)
    return _over(
        FeedbackRequest.objects.filter(scope_q(organisation_id, team, "enrolment__")),
        answered=_joined("created_at", "expires_at", "answered_at", filter=answered),
        open=Count("id", filter=still_open),
    )


def _rounds_not_closed(organisation_id, team, start, end):
    """As ``queries_survey.rounds_not_closed``: rounds of the period not closed yet."""
    rounds = SurveyRound.objects.filter(organisation_id=organisation_id).exclude(closed_q())
    if team is not None:
        rounds = rounds.filter(team_id=team.pk)
    return _over(rounds.filter(closes_on__gte=start, opens_on__lte=end), n=Count("id"))


def _per_team(queryset, aggregate):
    """A scalar subquery: ``aggregate`` over the rows of one team (NULL without rows)."""
    return Subquery(queryset.order_by().values("team_id").annotate(value=aggregate).values("value"))


def _time_figures(organisation_id, team_ref, start, end):
    """Subqueries for one team (``team_ref``: an id or ``OuterRef("pk")``), each NULL when
    the team has no such rows: reservations overlapping the period (hours|from|until), the
    minutes of held moments, the budget of the year and the training costs of the year."""
    low, high = _bounds(start, end)
    team = {"organisation_id": organisation_id, "team_id": team_ref}
    reservations = CapacityReservation.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=start), valid_from__lte=end, **team
    )
    held = GuidanceMoment.objects.filter(
        status=MomentStatus.HELD, starts_at__gte=low, starts_at__lt=high, **team
    )
    return {
        "time_reserved": _per_team(
            reservations, _joined("hours_per_week", "valid_from", "valid_until")
        ),
        "time_held_minutes": _per_team(held, Sum("duration_minutes")),
        "time_budget": Subquery(
            Budget.objects.filter(year=end.year, **team).order_by().values("amount")[:1]
        ),
        "time_spent": _per_team(
            TrainingRecord.objects.filter(date__year=end.year, **team), Sum("cost")
        ),
    }


def figures(organisation_id, team, start, end, feedback_start, now):
    """The organisation, with every figure of the scope (see the module). One query."""
    annotations = {
        "enrolment_figures": _enrolment_figures(organisation_id, team, start, end),
        "feedback_figures": _feedback_figures(organisation_id, team, feedback_start, end),
        "request_figures": _request_figures(organisation_id, team, feedback_start, end, now),
        "round_figures": _rounds_not_closed(organisation_id, team, start, end),
    }
    if team is not None:
        annotations.update(_time_figures(organisation_id, team.pk, start, end))
    return Organisation.objects.annotate(**annotations).get(pk=organisation_id)


def enrolment_rows(organisation_id, team, now):
    """Active enrolments (with guidance's summary figures read with them), and those that
    have a first signed 'competent' decision or completed (``first_competent``). One query."""
    first_competent = Subquery(
        Assessment.objects.filter(
            enrolment_id=OuterRef("pk"), outcome=Outcome.COMPETENT, status=AssessmentStatus.SIGNED
        )
        .order_by()
        .values("enrolment_id")
        .annotate(first=Min("decided_at"))
        .values("first")
    )
    rows = (
        Enrolment.objects.filter(scope_q(organisation_id, team))
        .annotate(first_competent=first_competent)
        .filter(
            Q(status__in=[EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED])
            | Q(first_competent__isnull=False)
        )
        .select_related("team__guidance_settings")
    )
    return list(with_summary_figures(rows, now))


def time_rows(organisation_id, start, end):
    """The organisation's teams, by name, each with ``_time_figures``. One query."""
    figures = _time_figures(organisation_id, OuterRef("pk"), start, end)
    return list(
        Team.objects.filter(organisation_id=organisation_id)
        .annotate(**figures)
        .order_by("name", "id")
    )
