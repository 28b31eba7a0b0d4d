"""Team settings, balance and load, and the summaries of lists of enrolments: each in a
fixed number of queries, whatever the number of learners or moments."""

import datetime
import operator
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    DateField,
    DateTimeField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from begeleid.core.compiled import CompiledOnce, PreparedQuery
from begeleid.programmes.enums import GUIDING_CAPACITIES, EnrolmentStatus, GuidanceForm
from begeleid.programmes.models import Enrolment, PhaseGuidanceTarget, SupervisionAssignment

from ..balance import Balance, compute_balance
from ..enums import MomentStatus
from ..load import (
    Load,
    LoadThresholds,
    compute_load,
    counters_with_subquery,
    open_request_subqueries,
    open_requests_by_learner,
)
from ..models import MomentLearner, TeamGuidanceSettings

# Team settings, balance and load


def settings_by_team(team_ids) -> dict[int, TeamGuidanceSettings]:
    """Saved settings, or the defaults for teams that never saved theirs (unsaved)."""
    saved = {s.team_id: s for s in TeamGuidanceSettings.objects.filter(team_id__in=set(team_ids))}
    return {tid: saved.get(tid) or TeamGuidanceSettings(team_id=tid) for tid in set(team_ids)}


def settings_for_team(team) -> TeamGuidanceSettings:
    return TeamGuidanceSettings.objects.filter(team=team).first() or TeamGuidanceSettings(
        team=team, organisation_id=team.organisation_id
    )


def thresholds_of(settings: TeamGuidanceSettings) -> LoadThresholds:
    return LoadThresholds(
        settings.max_supervisors, settings.max_guidance_hours_per_week, settings.max_open_requests
    )


def balance_window(enrolment, settings, today):
    """[start, end) of the balance window; see balance.py for why it ends a week ahead."""
    end = today + datetime.timedelta(days=7)
    start = max(end - datetime.timedelta(weeks=settings.balance_window_weeks), enrolment.start_date)
    return start, end


def _aware_midnight(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def _targets_by_phase(enrolments):
    """phase id → {form: per four weeks}; no query when the rows came with their phase's
    targets (``with_summary_figures``) or with the targets prefetched."""
    targets = defaultdict(dict)
    if all(hasattr(e, "summary_targets") for e in enrolments):
        for e in enrolments:
            for pair in filter(None, (e.summary_targets or "").split(";")):
                form, count = pair.split("=")
                targets[e.current_phase_id][form] = int(count)
        return targets
    phases = [e.current_phase for e in enrolments if "current_phase" in e._state.fields_cache]
    if len(phases) == len(enrolments) and all(
        "guidance_targets" in getattr(p, "_prefetched_objects_cache", {}) for p in phases
    ):
        for phase in phases:
            for t in phase.guidance_targets.all():
                targets[phase.pk][t.form] = t.per_four_weeks
        return targets
    for phase_id, form, count in PhaseGuidanceTarget.objects.filter(
        phase_id__in={e.current_phase_id for e in enrolments}
    ).values_list("phase_id", "form", "per_four_weeks"):
        targets[phase_id][form] = count
    return targets


def _balances(enrolments, settings_map, today, targets, rows) -> dict[int, Balance]:
    """Balance per enrolment from ``rows`` of (enrolment id, form, status, starts_at): the
    counting moments of (at least) these enrolments between their earliest window start and
    the end of the windows."""
    windows = {e.pk: balance_window(e, settings_map[e.team_id], today) for e in enrolments}
    # A moment is in its enrolment's window when it starts from the window's first local
    # midnight until the end: compared as instants, not by converting every moment's
    # start to a local date.
    starts = {pk: _aware_midnight(start) for pk, (start, _) in windows.items()}
    end = _aware_midnight(today + datetime.timedelta(days=7))
    counts = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for enrolment_id, form, status, starts_at in rows:
        start = starts.get(enrolment_id)
        if start is None or not start <= starts_at < end:
            continue
        counts[enrolment_id][form][0 if status == MomentStatus.PLANNED else 1] += 1
    labels = {k: str(v) for k, v in GuidanceForm.choices}
    result = {}
    for e in enrolments:
        start, stop = windows[e.pk]
        result[e.pk] = compute_balance(
            counts={form: tuple(pair) for form, pair in counts[e.pk].items()},
            targets=targets[e.current_phase_id],
            labels=labels,
            window_days=(stop - start).days,
            dominance_percent=settings_map[e.team_id].dominance_percent,
        )
    return result


def balance_for_enrolments(enrolments, settings_map, today=None) -> dict[int, Balance]:
    """Two queries for any number of enrolments."""
    today = today or timezone.localdate()
    if not enrolments:
        return {}
    targets = _targets_by_phase(enrolments)
    windows = [balance_window(e, settings_map[e.team_id], today) for e in enrolments]
    earliest = min(start for start, _ in windows)
    end = today + datetime.timedelta(days=7)
    rows = (
        MomentLearner.objects.filter(
            enrolment_id__in=[e.pk for e in enrolments],
            moment__starts_at__gte=_aware_midnight(earliest),
            moment__starts_at__lt=_aware_midnight(end),
        )
        .exclude(moment__status=MomentStatus.CANCELLED)
        .values_list("enrolment_id", "moment__form", "moment__status", "moment__starts_at")
    )
    return _balances(enrolments, settings_map, today, targets, rows)


def _minutes_by_learner(learner_ids, start, end):
    """learner id → {moment id: minutes} of counting moments starting in [start, end)."""
    minutes = defaultdict(dict)
    rows = (
        MomentLearner.objects.filter(
            enrolment__learner_id__in=list(learner_ids),
            moment__starts_at__gte=start,
            moment__starts_at__lt=end,
        )
        .exclude(moment__status=MomentStatus.CANCELLED)
        .values_list(
            "enrolment__learner_id", "moment_id", "moment__starts_at", "moment__duration_minutes"
        )
    )
    for learner_id, moment_id, starts_at, duration in rows:
        minutes[learner_id][moment_id] = (starts_at, duration)
    return minutes


def load_for_enrolments(enrolments, settings_map, now=None) -> dict[int, Load]:
    """Per enrolment, the load of its learner: two queries (plus any request counter)."""
    now = now or timezone.now()
    if not enrolments:
        return {}
    week = datetime.timedelta(days=7)
    learner_ids = {e.learner_id for e in enrolments}
    minutes = _minutes_by_learner(learner_ids, now - week, now + week)
    return _loads(enrolments, settings_map, now, minutes)


def _loads(enrolments, settings_map, now, minutes, supervisors=None, read=None) -> dict:
    """Load per enrolment, given the learners' counting minutes of now ± 7 days (and the
    number of people guiding each learner and the open requests read with the rows, when
    known: ``read`` is ({learner id: open requests}, the counters they cover))."""
    learner_ids = {e.learner_id for e in enrolments}
    if supervisors is None:
        supervisors = _guiding_people_by_learner(learner_ids, now)
    requests = open_requests_by_learner(learner_ids, skip=read[1] if read else ())
    if read:
        for learner_id, count in read[0].items():
            requests[learner_id] = requests.get(learner_id, 0) + count
    result = {}
    for e in enrolments:
        own = minutes.get(e.learner_id, {}).values()
        last = sum(minutes for starts, minutes in own if starts < now)
        upcoming = sum(minutes for starts, minutes in own if starts >= now)
        result[e.pk] = compute_load(
            supervisors=supervisors.get(e.learner_id, 0),
            hours_per_week=max(last, upcoming) / 60,
            open_requests=requests.get(e.learner_id, 0),
            thresholds=thresholds_of(settings_map[e.team_id]),
        )
    return result


def _guiding_assignments(now=None, today=None):
    """Assignments guiding a learner on an active enrolment today (for the load)."""
    return SupervisionAssignment.objects.active(today or timezone.localdate(now)).filter(
        enrolment__status=EnrolmentStatus.ACTIVE, capacity__in=list(GUIDING_CAPACITIES)
    )


def _guiding_people_by_learner(learner_ids, now) -> dict[int, int]:
    return dict(
        _guiding_assignments(now)
        .filter(enrolment__learner_id__in=list(learner_ids))
        .values("enrolment__learner_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("enrolment__learner_id", "n")
    )


def _target_pairs():
    """The current phase's targets as "form=count;…" (read with the enrolment row)."""
    pair = Concat("form", Value("="), Cast("per_four_weeks", CharField()))
    return Subquery(
        PhaseGuidanceTarget.objects.filter(phase_id=OuterRef("current_phase_id"))
        .order_by()
        .values("phase_id")
        .annotate(pairs=StringAgg(pair, Value(";")))
        .values("pairs")
    )


def _counting_moments():
    return MomentLearner.objects.filter(enrolment_id=OuterRef("pk")).exclude(
        moment__status=MomentStatus.CANCELLED
    )


def _guiding_count(today):
    guiding = (
        _guiding_assignments(today=today)
        .filter(enrolment__learner_id=OuterRef("learner_id"))
        .values("enrolment__learner_id")
        .annotate(n=Count("person_id", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(guiding), 0)


# The figures of with_summary_figures, compiled once per process (core.compiled): building
# these subqueries with the ORM on every request cost more CPU than the rest of the page's
# reads together.
_LAST_MOMENT = CompiledOnce(
    Enrolment,
    lambda now: Subquery(
        _counting_moments()
        .filter(moment__starts_at__lt=now)
        .order_by("-moment__starts_at")
        .values("moment__starts_at")[:1]
    ),
    DateTimeField(),
    now=DateTimeField(),
)
_NEXT_MOMENT = CompiledOnce(
    Enrolment,
    lambda now: Subquery(
        _counting_moments()
        .filter(moment__starts_at__gte=now, moment__status=MomentStatus.PLANNED)
        .order_by("moment__starts_at")
        .values("moment__starts_at")[:1]
    ),
    DateTimeField(),
    now=DateTimeField(),
)
_GUIDING = CompiledOnce(Enrolment, _guiding_count, IntegerField(), today=DateField())
_TARGETS = CompiledOnce(Enrolment, _target_pairs, TextField())
_REQUESTS = {}  # the counters with a subquery form → their sum, compiled once


def _open_requests_figure(now):
    covered = counters_with_subquery()
    if not covered:
        return Value(0)
    if covered not in _REQUESTS:
        _REQUESTS[covered] = CompiledOnce(
            Enrolment,
            lambda now: reduce(
                operator.add, open_request_subqueries(OuterRef("learner_id"), now)[0]
            ),
            IntegerField(),
            now=DateTimeField(),
        )
    return _REQUESTS[covered](now=now)


def with_summary_figures(queryset, now, *, today=None, now_text=None):
    """Enrolments with what ``summarise(…, now)`` would otherwise read in more queries:
    the last and next moment, the number of people guiding the learner, the learner's
    open requests (of the counters with a subquery form) and the phase's targets, as
    correlated subqueries over the row's own enrolment, learner and phase (indexed).

    In a ``PreparedQuery``'s build, ``now``, ``today`` (the local date of ``now``) and
    ``now_text`` (its ISO text) are its params."""
    using = queryset.db
    if today is None:
        today = timezone.localdate(now)
    if now_text is None:
        now_text = Value(now.isoformat())
    return queryset.annotate(
        summary_last=_LAST_MOMENT(using, now=now),
        summary_next=_NEXT_MOMENT(using, now=now),
        summary_guiding=_GUIDING(using, today=today),
        summary_requests=_open_requests_figure(now),
        summary_targets=_TARGETS(using),
        summary_at=now_text,
    )


def week_of(moment_start):
    """[Monday 00:00, next Monday 00:00) in local time around ``moment_start``."""
    day = timezone.localdate(moment_start)
    monday = day - datetime.timedelta(days=day.weekday())
    return _aware_midnight(monday), _aware_midnight(monday + datetime.timedelta(days=7))


def learner_minutes_in_week(learner_ids, starts_at, exclude_id=None) -> dict[int, int]:
    start, end = week_of(starts_at)
    minutes = _minutes_by_learner(learner_ids, start, end)
    return {
        learner_id: sum(
            d for mid, (_, d) in minutes.get(learner_id, {}).items() if mid != exclude_id
        )
        for learner_id in learner_ids
    }


# Summaries for lists and home pages


@dataclass
class EnrolmentSummary:
    enrolment: Enrolment
    balance: Balance
    load: Load
    last_moment: datetime.datetime | None = None
    next_moment: datetime.datetime | None = None
    # The assignments guiding the learner now (when the rows came with their assignments).
    guides: list = field(default_factory=list)
    # The phase's recommended mix: (form label, per four weeks), by form.
    targets: list = field(default_factory=list)

    @property
    def warning_count(self) -> int:
        return len(self.balance.warnings) + len(self.load.breaches)


def _settings_of(enrolments) -> dict[int, TeamGuidanceSettings]:
    """Like ``settings_by_team``, without a query when the rows came with their team's
    settings (``_enrolment_rows`` selects them)."""
    teams = {e.team_id: e.team for e in enrolments if "team" in e._state.fields_cache}
    if len(teams) < len({e.team_id for e in enrolments}) or not all(
        "guidance_settings" in t._state.fields_cache for t in teams.values()
    ):
        return settings_by_team({e.team_id for e in enrolments})
    return {
        tid: team._state.fields_cache["guidance_settings"] or TeamGuidanceSettings(team_id=tid)
        for tid, team in teams.items()
    }


def _moments_of_learners(learners, start, end):
    """(enrolment, learner, moment, form, status, start, minutes) of the counting moments
    of the ``learners`` starting in [start, end)."""
    return (
        MomentLearner.objects.filter(
            enrolment__learner_id__in=learners,
            moment__starts_at__gte=start,
            moment__starts_at__lt=end,
        )
        .exclude(moment__status=MomentStatus.CANCELLED)
        .order_by()
        .values_list(
            "enrolment_id",
            "enrolment__learner_id",
            "moment_id",
            "moment__form",
            "moment__status",
            "moment__starts_at",
            "moment__duration_minutes",
        )
    )


# The read of every summary (each home, the dashboards), built and compiled once per
# process (core.compiled), bound per call.
_MOMENTS_OF_LEARNERS = PreparedQuery(
    _moments_of_learners,
    learners=[BigIntegerField()],
    start=DateTimeField(),
    end=DateTimeField(),
)


def summarise(enrolments, now=None) -> list[EnrolmentSummary]:
    """Phase, balance, load, last and next moment for each enrolment: fixed queries.

    Reads only rows of these enrolments' learners: their moments in the balance and load
    windows (one query), the last and next moment (one query), guiding assignments and
    open requests of these learners, and the phases' targets.
    """
    now = now or timezone.now()
    enrolments = list(enrolments)
    if not enrolments:
        return []
    today = timezone.localdate(now)
    settings_map = _settings_of(enrolments)
    targets = _targets_by_phase(enrolments)
    ids = [e.pk for e in enrolments]
    learner_ids = {e.learner_id for e in enrolments}
    week = datetime.timedelta(days=7)
    earliest = min(balance_window(e, settings_map[e.team_id], today)[0] for e in enrolments)
    start = min(_aware_midnight(earliest), now - week)
    end = max(_aware_midnight(today + week), now + week)
    # One read for both windows: the balance of these enrolments and the load of their
    # learners (which counts the learners' other enrolments too).
    rows = _MOMENTS_OF_LEARNERS(learners=sorted(learner_ids), start=start, end=end)
    balances = _balances(
        enrolments,
        settings_map,
        today,
        targets,
        ((eid, form, status, at) for eid, _, _, form, status, at, _ in rows),
    )
    minutes = defaultdict(dict)
    for _, learner_id, moment_id, _, _, starts_at, duration in rows:
        if now - week <= starts_at < now + week:
            minutes[learner_id][moment_id] = (starts_at, duration)
    now_text = now.isoformat()
    if all(getattr(e, "summary_at", None) == now_text for e in enrolments):
        # Read with the rows (with_summary_figures) for this same moment.
        supervisors = {e.learner_id: e.summary_guiding for e in enrolments}
        read = ({e.learner_id: e.summary_requests for e in enrolments}, counters_with_subquery())
        loads = _loads(enrolments, settings_map, now, minutes, supervisors, read)
        moments = {e.pk: (e.summary_last, e.summary_next) for e in enrolments}
    else:
        loads = _loads(enrolments, settings_map, now, minutes)
        moments = _last_and_next(ids, now)
    form_labels = dict(GuidanceForm.choices)
    summaries = []
    for e in enrolments:
        cache = getattr(e, "_prefetched_objects_cache", {})
        guides = [
            a
            for a in cache.get("assignments", [])
            if a.is_active(today) and a.capacity in GUIDING_CAPACITIES
        ]
        last, upcoming = moments.get(e.pk, (None, None))
        mix = [
            (form_labels[form], count)
            for form, count in sorted(targets[e.current_phase_id].items())
        ]
        summaries.append(
            EnrolmentSummary(e, balances[e.pk], loads[e.pk], last, upcoming, guides, mix)
        )
    return summaries


def _last_and_next(ids, now):
    return {
        enrolment_id: (last, upcoming)
        for enrolment_id, last, upcoming in MomentLearner.objects.filter(enrolment_id__in=ids)
        .exclude(moment__status=MomentStatus.CANCELLED)
        .values("enrolment_id")
        .annotate(
            last=Max("moment__starts_at", filter=Q(moment__starts_at__lt=now)),
            upcoming=Min(
                "moment__starts_at",
                filter=Q(moment__starts_at__gte=now, moment__status=MomentStatus.PLANNED),
            ),
        )
        .values_list("enrolment_id", "last", "upcoming")
    }
