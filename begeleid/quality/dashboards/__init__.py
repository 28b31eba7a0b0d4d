"""Team and organisation dashboards: every figure aggregated in the database.

A dashboard covers one team or the whole organisation (``team=None``) over a period.
The number of queries is fixed and small (``reads``): the counts and short series of the
scope in one query of conditional aggregates, the enrolment rows (with what guidance's
``summarise`` reads with them) and their moments, the latest calibration sessions, the
survey through ``queries_survey``, and for the organisation its teams' time and budget.
"""

import datetime
import statistics
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.formative.conf import request_valid_days
from begeleid.guidance.queries import summarise
from begeleid.programmes.enums import EnrolmentStatus, PhaseKind

from .. import charts
from ..enums import SessionStatus
from ..models import CalibrationSession
from ..queries_budget import _overlap_days
from ..queries_survey import survey_results
from . import reads

FEEDBACK_WEEKS = 12
LATEST_SESSIONS = 5
TIME_ROWS_SHOWN = 10
GOOD_ALPHA = 0.8
LOW_ALPHA = 0.667


def default_period(today=None):
    """A dashboard looks back one year; feedback figures cover its last 12 weeks."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=365), today


def _percent(part, whole):
    """``part`` as a whole percentage of ``whole``; None when there is no whole."""
    return round(100 * part / whole) if whole else None


@dataclass
class TimeRow:
    team: object
    reserved_hours: float
    realised_hours: float
    budget: Decimal | None
    spent: Decimal

    @cached_property
    def realised_percent(self):
        return _percent(self.realised_hours, self.reserved_hours)

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

    @cached_property
    def reserved_hours(self):
        return round(sum(r.reserved_hours for r in self.time_rows), 1)

    @cached_property
    def realised_hours(self):
        return round(sum(r.realised_hours for r in self.time_rows), 1)

    @cached_property
    def realised_percent(self):
        return _percent(self.realised_hours, self.reserved_hours)

    @cached_property
    def budget_total(self):
        amounts = [r.budget for r in self.time_rows if r.budget is not None]
        return sum(amounts, Decimal(0)) if amounts else None

    @cached_property
    def spent_total(self):
        return sum((r.spent for r in self.time_rows), Decimal(0))

    @cached_property
    def time_rows_shown(self):
        """The teams to look at first, at most ``TIME_ROWS_SHOWN``: those that realised the
        smallest share of their reserved time (teams without reserved time last). The
        page stays the same size for 20 or 200 teams; the report (CSV/PDF) has them all."""
        rows = sorted(
            self.time_rows,
            key=lambda r: (r.realised_percent is None, r.realised_percent or 0, r.team.name),
        )
        return rows[:TIME_ROWS_SHOWN]

    @cached_property
    def time_rows_hidden(self):
        return max(0, len(self.time_rows) - TIME_ROWS_SHOWN)

    # What the page shows of the time rows: their totals and the teams to look at first.
    PAGE_FIGURES = (
        "reserved_hours",
        "realised_hours",
        "realised_percent",
        "budget_total",
        "spent_total",
        "time_rows_shown",
        "time_rows_hidden",
    )

    def for_page(self):
        """This dashboard as its page shows it, for the snapshot (quality.snapshots): the
        time totals are computed now, over every team, and only the rows shown stay. A
        snapshot is unpickled on every view, so it keeps the page's ten rows, not one per
        team of the organisation; the report (CSV/PDF) builds every row afresh."""
        for name in self.PAGE_FIGURES:
            getattr(self, name)
        self.time_rows = self.time_rows_shown
        return self

    @property
    def time_chart(self):
        return charts.bar_chart(
            _("Gerealiseerde begeleidingstijd (uren)"),
            [(r.team.name, r.realised_hours) for r in self.time_rows],
        )


def _aware(day):
    return reads.aware(day)


def _phases(figures):
    """[(phase label, active learners)] in the order of the four phases."""
    rows = [(kind.label, figures[f"phase_{kind.value}"]) for kind in PhaseKind]
    if figures["phase_none"]:
        rows.append((_("zonder fase"), figures["phase_none"]))
    return rows


def _days_to_competence(rows, start, end):
    """Days from the start of each enrolment to its first signed 'competent' decision (or,
    without one, its completion), for those reaching that point in [start, end]."""
    days = []
    for e in rows:
        if e.first_competent is None and e.status != EnrolmentStatus.COMPLETED:
            continue
        reached = timezone.localdate(e.first_competent or e.updated_at)
        if start <= reached <= end:
            days.append(max(0, (reached - e.start_date).days))
    return days


def _turnaround_hours(answered):
    """Hours from each request to its answer. A request is issued with expiry = issue time
    + the validity; rows created later (imports, the demo) carry their issue time only
    that way, so take the earlier one."""
    valid = datetime.timedelta(days=request_valid_days())
    hours = []
    for created, expires, answered_at in reads.split_rows(answered):
        created, expires = reads.parse_datetime(created), reads.parse_datetime(expires)
        since = min(created, expires - valid)
        seconds = (reads.parse_datetime(answered_at) - since).total_seconds()
        hours.append(max(0.0, seconds / 3600))
    return hours


def _breaches(rows, now):
    """(active enrolments, with a balance warning, with a load breach): guidance's
    ``summarise`` over the active rows (read with their figures), one query more."""
    active = [e for e in rows if e.status == EnrolmentStatus.ACTIVE]
    summaries = summarise(active, now)
    return (
        len(active),
        sum(1 for s in summaries if s.balance.warnings),
        sum(1 for s in summaries if s.load.breaches),
    )


def _reserved_hours(text, start, end):
    return sum(
        float(hours)
        * _overlap_days(
            datetime.date.fromisoformat(valid_from),
            datetime.date.fromisoformat(valid_until) if valid_until else None,
            start,
            end,
        )
        / 7
        for hours, valid_from, valid_until in reads.split_rows(text)
    )


def _time_row(team, figures, start, end):
    return TimeRow(
        team,
        round(_reserved_hours(figures.time_reserved, start, end), 1),
        round((figures.time_held_minutes or 0) / 60, 1),
        figures.time_budget,
        figures.time_spent if figures.time_spent is not None else Decimal("0.00"),
    )


# What a row keeps of its team: its name, its links and the permission checks on them.
# A snapshot (quality.snapshots) is unpickled on every view of the dashboard, so it keeps
# no more of the organisation's teams than that (not their figures or timestamps).
_ROW_TEAM_FIELDS = ("id", "uuid", "name", "organisation_id")


def _row_team(team):
    # from_db takes the values in the order of the model's fields.
    names = [f.attname for f in team._meta.concrete_fields if f.attname in _ROW_TEAM_FIELDS]
    return type(team).from_db(team._state.db, names, [getattr(team, n) for n in names])


def _time_rows(organisation, team, start, end):
    """One row per team: the team of a team dashboard (read with the figures); for the
    organisation, every team with a reservation, held moments, a budget or costs."""
    if team is not None:
        return [_time_row(team, organisation, start, end)]
    return [
        _time_row(_row_team(t), t, start, end)
        for t in reads.time_rows(organisation.pk, start, end)
        if t.time_reserved is not None
        or t.time_held_minutes is not None
        or t.time_budget is not None
        or t.time_spent is not None
    ]


def build_dashboard(
    *, organisation=None, organisation_id=None, team=None, start=None, end=None, now=None
) -> Dashboard:
    """The dashboard of ``team`` or the whole organisation (``organisation``, or only its
    id: the organisation is then read with the figures). Four queries for a team, five for
    the organisation (one less when the scope has no active enrolment), plus the survey's
    (``queries_survey``: one, or two when its figures may be shown)."""
    now = now or timezone.now()
    if start is None or end is None:
        start, end = default_period(timezone.localdate(now))
    feedback_start = max(
        start, end - datetime.timedelta(weeks=FEEDBACK_WEEKS) + datetime.timedelta(days=1)
    )
    organisation_id = organisation.pk if organisation is not None else organisation_id
    read = reads.figures(organisation_id, team, start, end, feedback_start, now)
    board = Dashboard(organisation or read, team, start, end, feedback_start)
    enrolments = read.enrolment_figures
    board.phases = _phases(enrolments)
    board.learner_count = sum(n for _label, n in board.phases)
    board.phase_chart = charts.bar_chart(_("Lerenden per fase"), board.phases)
    rows = reads.enrolment_rows(organisation_id, team, now)
    board.competence_days = _days_to_competence(rows, start, end)
    weeks = reads.weeks_from(feedback_start, end)
    board.feedback_weeks = [(m, read.feedback_figures[f"w{i}"]) for i, m in enumerate(weeks)]
    board.feedback_total = sum(n for _week, n in board.feedback_weeks)
    board.feedback_chart = charts.column_chart(
        _("Feedback per week"),
        [(monday.strftime("%d-%m"), n) for monday, n in board.feedback_weeks],
    )
    board.turnaround_hours = _turnaround_hours(read.request_figures["answered"])
    board.open_requests = read.request_figures["open"]
    board.active_enrolments, board.balance_breaches, board.load_breaches = _breaches(rows, now)
    board.sessions = latest_sessions(organisation_id, team)
    board.survey = survey_results(
        organisation=board.organisation, team=team, since=start, until=end
    )
    board.survey_open_rounds = read.round_figures["n"]
    board.time_rows = _time_rows(read, team, start, end)
    board.retention = Retention(**{f.name: enrolments[f.name] for f in fields(Retention)})
    return board


def latest_sessions(organisation_id, team):
    sessions = (
        CalibrationSession.objects.filter(reads.scope_q(organisation_id, team))
        .filter(status=SessionStatus.CLOSED)
        .select_related("team", "rubric_version__rubric")
        .order_by("-held_on", "-id")[:LATEST_SESSIONS]
    )
    return [(s, (s.results or {}).get("overall", {}).get("alpha")) for s in sessions]
