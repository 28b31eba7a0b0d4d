"""The dashboard's reads: a fixed handful of queries, whatever the size of the scope.

- ``figures``: one row (the organisation) with every count and small series of the scope
  as scalar subqueries, each one JSON object of conditional aggregates over one table:
  learners per phase and retention (enrolments), feedback per week, the feedback requests
  (answered in the period, as a string aggregate, and still open), the survey rounds not
  closed yet, and for a single team its time and budget.
- ``enrolment_rows``: the scope's active enrolments (with what guidance's ``summarise``
  reads with the rows) and those that reached competence or completed.
- ``time_rows`` (the whole organisation only): one row per team with its time and budget.

The subqueries of ``figures`` and ``time_rows`` are compiled once per process
(``core.compiled``): building them with the ORM on every request cost more CPU than the
database needs to run them.

Survey figures are not read here: they come from ``queries_survey`` (behind its
disclosure rules); only the number of rounds not closed yet is counted here, with the
same filter as ``queries_survey.rounds_not_closed``.
"""

import datetime

from django.db.models import (
    CharField,
    Count,
    DateField,
    DateTimeField,
    IntegerField,
    JSONField,
    Min,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    Sum,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, JSONObject
from django.utils import timezone

from begeleid.assessment.enums import AssessmentStatus, Outcome
from begeleid.assessment.models import Assessment
from begeleid.core.compiled import CompiledOnce
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


# Every value the figures depend on, by name, with its field: the subqueries are built
# and compiled once per process (core.compiled) with these as parameters, per scope (team
# or organisation) and number of weeks; a request pays for binding its values only.
_FIELDS = {
    "org": IntegerField(),
    "team": IntegerField(),
    "year": IntegerField(),
    **{name: DateField() for name in ("start", "end", "today", "year_first", "year_last")},
}
_DATETIME = DateTimeField()
_COMPILED = {}


def _values(organisation_id, team, start, end, feedback_start, now):
    stop = aware(end + datetime.timedelta(days=1))
    low, high = _bounds(start, end)
    values = {
        "org": organisation_id,
        "start": start,
        "end": end,
        "today": timezone.localdate(),  # rounds closed as of today, as queries_survey
        "now": now,
        "feedback_low": aware(feedback_start),
        "feedback_high": stop,
        "moments_low": low,
        "moments_high": high,
        "year": end.year,
        "year_first": datetime.date(end.year, 1, 1),
        "year_last": datetime.date(end.year, 12, 31),
    }
    if team is not None:
        values["team"] = team.pk
    for i, monday in enumerate(weeks_from(feedback_start, end)):
        values[f"w{i}_low"] = aware(max(monday, feedback_start))
        values[f"w{i}_high"] = min(aware(monday + datetime.timedelta(days=7)), stop)
    return values


def _compiled(model, name, build, output_field, values, using):
    """``build(params)`` compiled once per (model, name, value names): see ``_FIELDS``."""
    key = (model, name, tuple(values))
    if key not in _COMPILED:
        fields = {n: _FIELDS.get(n, _DATETIME) for n in values}
        _COMPILED[key] = CompiledOnce(model, lambda **p: build(p), output_field, **fields)
    return _COMPILED[key](using, **values)


def _scope(v, prefix=""):
    q = Q(**{f"{prefix}organisation_id": v["org"]})
    if "team" in v:
        q &= Q(**{f"{prefix}team_id": v["team"]})
    return q


def _enrolment_figures(v):
    active = Q(status=EnrolmentStatus.ACTIVE)
    completed = Q(status=EnrolmentStatus.COMPLETED)
    phases = {
        f"phase_{kind.value}": Count("id", filter=active & Q(current_phase__kind=kind.value))
        for kind in PhaseKind
    }
    return _over(
        Enrolment.objects.filter(_scope(v)),
        **phases,
        phase_none=Count("id", filter=active & Q(current_phase__kind__isnull=True)),
        intake=Count("id", filter=Q(start_date__gte=v["start"], start_date__lte=v["end"])),
        active=Count("id", filter=active),
        completed=Count("id", filter=completed),
        stopped=Count("id", filter=Q(status=EnrolmentStatus.STOPPED)),
        still_employed=Count("id", filter=completed & Q(learner__is_active=True)),
    )


def _feedback_figures(v):
    """Feedback recorded per week (local weeks, as TruncWeek) in the feedback period."""
    weeks = {
        name[:-4]: Count(
            "id", filter=Q(recorded_at__gte=v[name], recorded_at__lt=v[f"{name[:-4]}_high"])
        )
        for name in v
        if name.startswith("w") and name.endswith("_low")
    }
    return _over(
        Feedback.objects.filter(
            _scope(v, "enrolment__"),
            recorded_at__gte=v["feedback_low"],
            recorded_at__lt=v["feedback_high"],
        ),
        **weeks,
    )


def _request_figures(v):
    """The requests answered in the feedback period (created|expires|answered) and those
    still open now."""
    answered = Q(answered_at__gte=v["feedback_low"], answered_at__lt=v["feedback_high"])
    still_open = Q(answered_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=v["now"])
    return _over(
        FeedbackRequest.objects.filter(_scope(v, "enrolment__")),
        answered=_joined("created_at", "expires_at", "answered_at", filter=answered),
        open=Count("id", filter=still_open),
    )


def _rounds_not_closed(v):
    """As ``queries_survey.rounds_not_closed``: rounds of the period not closed yet."""
    rounds = SurveyRound.objects.filter(_scope(v)).exclude(closed_q(v["today"]))
    return _over(rounds.filter(closes_on__gte=v["start"], opens_on__lte=v["end"]), n=Count("id"))


def _per_team(queryset, aggregate):
    """A scalar subquery: ``aggregate`` over the rows of one team (NULL without rows)."""
    return Subquery(queryset.order_by().values("team_id").annotate(value=aggregate).values("value"))


_TIME = {  # name → (output field, subquery for one team: NULL when it has no such rows)
    # reservations overlapping the period, as hours|from|until
    "time_reserved": (
        TextField(),
        lambda v, team: _per_team(
            CapacityReservation.objects.filter(
                Q(valid_until__isnull=True) | Q(valid_until__gte=v["start"]),
                organisation_id=v["org"],
                team_id=team,
                valid_from__lte=v["end"],
            ),
            _joined("hours_per_week", "valid_from", "valid_until"),
        ),
    ),
    # the minutes of the moments held in the period
    "time_held_minutes": (
        IntegerField(),
        lambda v, team: _per_team(
            GuidanceMoment.objects.filter(
                organisation_id=v["org"],
                team_id=team,
                status=MomentStatus.HELD,
                starts_at__gte=v["moments_low"],
                starts_at__lt=v["moments_high"],
            ),
            Sum("duration_minutes"),
        ),
    ),
    # the budget of the year
    "time_budget": (
        Budget._meta.get_field("amount"),
        lambda v, team: Subquery(
            Budget.objects.filter(organisation_id=v["org"], team_id=team, year=v["year"])
            .order_by()
            .values("amount")[:1]
        ),
    ),
    # the training costs of the year
    "time_spent": (
        TrainingRecord._meta.get_field("cost"),
        lambda v, team: _per_team(
            TrainingRecord.objects.filter(
                organisation_id=v["org"],
                team_id=team,
                date__gte=v["year_first"],
                date__lte=v["year_last"],
            ),
            Sum("cost"),
        ),
    ),
}
_FIGURES = {
    "enrolment_figures": _enrolment_figures,
    "feedback_figures": _feedback_figures,
    "request_figures": _request_figures,
    "round_figures": _rounds_not_closed,
}


def figures(organisation_id, team, start, end, feedback_start, now):
    """The organisation, with every figure of the scope (see the module); for a team, its
    time and budget too (``time_*``). One query."""
    values = _values(organisation_id, team, start, end, feedback_start, now)
    rows = Organisation.objects.filter(pk=organisation_id)
    annotations = {
        name: _compiled(Organisation, name, build, JSONField(), values, rows.db)
        for name, build in _FIGURES.items()
    }
    if team is not None:
        for name, (field, build) in _TIME.items():
            annotations[name] = _compiled(
                Organisation, name, lambda v, b=build: b(v, v["team"]), field, values, rows.db
            )
    return rows.annotate(**annotations).get()


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
    """The organisation's teams, by name, each with its time and budget (``_TIME``). One
    query."""
    values = _values(organisation_id, None, start, end, end, timezone.now())
    values = {
        k: values[k]
        for k in (
            "org",
            "start",
            "end",
            "moments_low",
            "moments_high",
            "year",
            "year_first",
            "year_last",
        )
    }
    rows = Team.objects.filter(organisation_id=organisation_id)
    annotations = {
        name: _compiled(Team, name, lambda v, b=build: b(v, OuterRef("pk")), field, values, rows.db)
        for name, (field, build) in _TIME.items()
    }
    return list(rows.annotate(**annotations).order_by("name", "id"))
