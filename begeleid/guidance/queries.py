"""Reads about guidance moments, balance, load and capacity — each in a fixed number of
queries, whatever the number of learners or moments."""

import datetime
import uuid as uuidlib
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.organisations.enums import Role
from begeleid.organisations.queries import role_teams_of
from begeleid.programmes.enums import GUIDING_CAPACITIES, EnrolmentStatus, GuidanceForm, PhaseKind
from begeleid.programmes.models import Enrolment, PhaseGuidanceTarget, SupervisionAssignment
from begeleid.programmes.queries import (
    enrolments_visible_to,
    supervised_enrolments,
    trainer_team_ids,
    with_assignments,
)

from .balance import Balance, compute_balance
from .enums import MomentStatus
from .load import Capacity, Load, LoadThresholds, compute_load, open_requests_by_learner
from .models import (
    CalendarFeed,
    CapacityReservation,
    GuidanceMoment,
    GuidanceSeries,
    MomentLearner,
    MomentParticipant,
    TeamGuidanceSettings,
)
from .overlaps import Slot, overlapping

# The longest moment allowed; bounds the look-back when searching for overlaps.
MAX_DURATION = datetime.timedelta(minutes=600)
GUIDING_ROLES = (Role.SUPERVISOR, Role.SPECIALIST, Role.PRACTICE_TRAINER)


# Moments


def with_people(moments):
    return moments.select_related("team").prefetch_related(
        Prefetch(
            "learners",
            queryset=MomentLearner.objects.select_related("enrolment__learner").order_by(
                "enrolment__learner__full_name", "id"
            ),
        ),
        Prefetch(
            "participants",
            queryset=MomentParticipant.objects.select_related("person").order_by(
                "person__full_name", "id"
            ),
        ),
    )


def moments_visible_to(user):
    """Moments the user takes part in, planned, or whose learners or team they may see."""
    if not user.is_authenticated:
        return GuidanceMoment.objects.none()
    visible = enrolments_visible_to(user).values("pk")
    return GuidanceMoment.objects.filter(organisation_id=user.organisation_id).filter(
        Q(pk__in=MomentParticipant.objects.filter(person_id=user.pk).values("moment_id"))
        | Q(pk__in=MomentLearner.objects.filter(enrolment__in=visible).values("moment_id"))
        | Q(created_by_id=user.pk)
        | Q(team_id__in=trainer_team_ids(user))
    )


def get_moment_for(user, uuid) -> GuidanceMoment:
    moments = with_people(moments_visible_to(user)).prefetch_related(
        Prefetch(
            "learners__enrolment__assignments",
            queryset=SupervisionAssignment.objects.order_by("valid_from", "id"),
        )
    )
    return get_object_or_404(moments, uuid=uuid)


def own_moments(person):
    """The person's own moments: as participant or as learner."""
    return GuidanceMoment.objects.filter(organisation_id=person.organisation_id).filter(
        Q(pk__in=MomentParticipant.objects.filter(person_id=person.pk).values("moment_id"))
        | Q(
            pk__in=MomentLearner.objects.filter(enrolment__learner_id=person.pk).values("moment_id")
        )
    )


def feed_moments(person, now=None):
    """What the calendar feed carries: the last three months and everything ahead."""
    now = now or timezone.now()
    return own_moments(person).filter(starts_at__gte=now - datetime.timedelta(days=92))


def moments_to_record(user, now=None):
    """Planned moments of the user (participant or planner) that have ended."""
    now = now or timezone.now()
    # Start from the user's own moments (a union of two indexed reads), not from the
    # organisation's past moments: scanning those newest-first for ten of the user's made
    # the page slower as the organisation grew. Participations carry the organisation;
    # moments the user planned are of the user's organisation.
    mine = (
        MomentParticipant.objects.filter(person_id=user.pk, organisation_id=user.organisation_id)
        .values("moment_id")
        .union(GuidanceMoment.objects.filter(created_by_id=user.pk).values("id"))
    )
    # The list names the learners of each moment; nobody reads the participants there.
    return (
        GuidanceMoment.objects.filter(pk__in=mine, status=MomentStatus.PLANNED, starts_at__lt=now)
        .prefetch_related(
            Prefetch(
                "learners",
                queryset=MomentLearner.objects.select_related("enrolment__learner").order_by(
                    "enrolment__learner__full_name", "id"
                ),
            )
        )
        .order_by("-starts_at", "-id")
    )


def feed_for_token_hash(token_hash: str):
    return (
        CalendarFeed.objects.select_related("person")
        .filter(token_hash=token_hash, revoked_at__isnull=True, person__is_active=True)
        .first()
    )


def calendar_feed_of(person):
    return CalendarFeed.objects.filter(person_id=person.pk).first()


# Overlaps


def _people_of(moment) -> frozenset[int]:
    return frozenset(
        [p.person_id for p in moment.participants.all()]
        + [ml.enrolment.learner_id for ml in moment.learners.all()]
    )


def _slots_near(organisation_id, start, end, people, exclude_ids=()):
    """Counting moments of these people that may overlap [start, end): two queries."""
    if not people:
        return []
    candidates = list(
        GuidanceMoment.objects.counting()
        .filter(
            organisation_id=organisation_id,
            starts_at__lt=end,
            starts_at__gt=start - MAX_DURATION,
        )
        .filter(
            Q(pk__in=MomentParticipant.objects.filter(person_id__in=people).values("moment_id"))
            | Q(
                pk__in=MomentLearner.objects.filter(enrolment__learner_id__in=people).values(
                    "moment_id"
                )
            )
        )
        .exclude(pk__in=list(exclude_ids))
        .values_list("pk", "starts_at", "duration_minutes")
    )
    ids = [pk for pk, _, _ in candidates]
    people_of = defaultdict(set)
    if ids:
        # Participants and learners of the candidates in one read.
        participants = (
            MomentParticipant.objects.filter(moment_id__in=ids)
            .order_by()
            .values_list("moment_id", "person_id")
        )
        learners = (
            MomentLearner.objects.filter(moment_id__in=ids)
            .order_by()
            .values_list("moment_id", "enrolment__learner_id")
        )
        for moment_id, person_id in participants.union(learners, all=True).order_by():
            people_of[moment_id].add(person_id)
    return [
        Slot(pk, starts, starts + datetime.timedelta(minutes=minutes), frozenset(people_of[pk]))
        for pk, starts, minutes in candidates
    ]


def overlap_names(moments) -> dict[int, list[str]]:
    """For listed moments (with people prefetched): moment id → names of people who have
    another moment at the same time. Two queries for the whole list."""
    moments = [m for m in moments if m.status != MomentStatus.CANCELLED]
    if not moments:
        return {}
    names = {}
    own = []
    for moment in moments:
        for p in moment.participants.all():
            names[p.person_id] = p.person.full_name
        for ml in moment.learners.all():
            names[ml.enrolment.learner_id] = ml.enrolment.learner.full_name
        own.append(Slot(moment.pk, moment.starts_at, moment.ends_at, _people_of(moment)))
    start = min(m.starts_at for m in moments)
    end = max(m.ends_at for m in moments)
    people = set().union(*(slot.people for slot in own))
    listed = {m.pk for m in moments}
    others = [
        s
        for s in _slots_near(moments[0].organisation_id, start, end, people)
        if s.moment_id not in listed
    ]
    flagged = overlapping(own + others)
    return {
        moment.pk: sorted(names[p] for p in flagged[moment.pk])
        for moment in moments
        if moment.pk in flagged
    }


def overlaps_for_plan(*, organisation_id, starts_at, duration_minutes, people, exclude_id=None):
    """Conflicts of a moment being planned: [(person id, other moment id)]."""
    end = starts_at + datetime.timedelta(minutes=duration_minutes)
    planned = Slot(None, starts_at, end, frozenset(people))
    others = _slots_near(
        organisation_id, starts_at, end, set(people), [exclude_id] if exclude_id else []
    )
    return sorted(
        (person, other.moment_id)
        for other in others
        if other.start < end and starts_at < other.end
        for person in planned.people & other.people
    )


# Planning choices


def plannable_enrolments(user):
    """Active enrolments the user may plan for: guided now, or of a team they train."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    guided = supervised_enrolments(user, GUIDING_CAPACITIES).values("pk")
    return (
        Enrolment.objects.filter(
            organisation_id=user.organisation_id, status=EnrolmentStatus.ACTIVE
        )
        .filter(Q(pk__in=guided) | Q(team_id__in=trainer_team_ids(user)))
        .exclude(learner_id=user.pk)
        .select_related("learner", "team")
        .order_by("learner__full_name", "id")
    )


def possible_participants(user):
    """Who can be asked to take part: the people guiding the plannable enrolments, the
    guiding roles of their teams, and the planner."""
    today = timezone.localdate()
    enrolments = plannable_enrolments(user)
    guiding = SupervisionAssignment.objects.active(today).filter(
        enrolment__in=enrolments.values("pk"), capacity__in=list(GUIDING_CAPACITIES)
    )
    from begeleid.organisations.models import Membership

    members = Membership.objects.active_on(today).filter(
        team_id__in=enrolments.values("team_id"), role__in=list(GUIDING_ROLES)
    )
    return (
        get_user_model()
        .objects.filter(organisation_id=user.organisation_id, is_active=True)
        .filter(
            Q(pk=user.pk)
            | Q(pk__in=guiding.values("person_id"))
            | Q(pk__in=members.values("person_id"))
        )
        .order_by("full_name", "id")
    )


def get_series_for(user, uuid) -> GuidanceSeries:
    visible = enrolments_visible_to(user).values("pk")
    series = GuidanceSeries.objects.filter(organisation_id=user.organisation_id).filter(
        Q(created_by_id=user.pk)
        | Q(participants=user)
        | Q(enrolments__in=visible)
        | Q(team_id__in=trainer_team_ids(user))
    )
    return get_object_or_404(
        series.distinct()
        .select_related("team", "created_by")
        .prefetch_related(
            "enrolments__learner", "enrolments__assignments", "participants", "exceptions"
        ),
        uuid=uuid,
    )


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
    """phase id → {form: per four weeks}; no query when the rows came with the current
    phase's targets prefetched (the learner home does, to show them)."""
    targets = defaultdict(dict)
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
    earliest = _aware_midnight(min(start for start, _ in windows.values()))
    end = _aware_midnight(today + datetime.timedelta(days=7))
    counts = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for enrolment_id, form, status, starts_at in rows:
        if enrolment_id not in windows or not earliest <= starts_at < end:
            continue
        if timezone.localdate(starts_at) < windows[enrolment_id][0]:
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


def _loads(enrolments, settings_map, now, minutes, supervisors=None) -> dict[int, Load]:
    """Load per enrolment, given the learners' counting minutes of now ± 7 days (and the
    number of people guiding each learner, when known)."""
    learner_ids = {e.learner_id for e in enrolments}
    if supervisors is None:
        supervisors = _guiding_people_by_learner(learner_ids, now)
    requests = open_requests_by_learner(learner_ids)
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


def _guiding_assignments(now):
    """Assignments guiding a learner on an active enrolment today (for the load)."""
    return SupervisionAssignment.objects.active(timezone.localdate(now)).filter(
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


def with_summary_figures(queryset, now):
    """Enrolments with what ``summarise(…, now)`` would otherwise read in two more
    queries: the last and next moment and the number of people guiding the learner, as
    correlated subqueries over the row's own enrolment and learner (indexed)."""
    counting = MomentLearner.objects.filter(enrolment_id=OuterRef("pk")).exclude(
        moment__status=MomentStatus.CANCELLED
    )
    guiding = (
        _guiding_assignments(now)
        .filter(enrolment__learner_id=OuterRef("learner_id"))
        .values("enrolment__learner_id")
        .annotate(n=Count("person_id", distinct=True))
        .values("n")
    )
    return queryset.annotate(
        summary_last=Subquery(
            counting.filter(moment__starts_at__lt=now)
            .order_by("-moment__starts_at")
            .values("moment__starts_at")[:1]
        ),
        summary_next=Subquery(
            counting.filter(moment__starts_at__gte=now, moment__status=MomentStatus.PLANNED)
            .order_by("moment__starts_at")
            .values("moment__starts_at")[:1]
        ),
        summary_guiding=Coalesce(Subquery(guiding), 0),
        summary_at=Value(now.isoformat()),
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
    guides: list = field(default_factory=list)

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
    rows = list(
        MomentLearner.objects.filter(
            enrolment__learner_id__in=list(learner_ids),
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
    if all(getattr(e, "summary_at", None) == now.isoformat() for e in enrolments):
        # Read with the rows (with_summary_figures) for this same moment.
        supervisors = {e.learner_id: e.summary_guiding for e in enrolments}
        loads = _loads(enrolments, settings_map, now, minutes, supervisors)
        moments = {e.pk: (e.summary_last, e.summary_next) for e in enrolments}
    else:
        loads = _loads(enrolments, settings_map, now, minutes)
        moments = _last_and_next(ids, now)
    summaries = []
    for e in enrolments:
        cache = getattr(e, "_prefetched_objects_cache", {})
        guides = [
            a
            for a in cache.get("assignments", [])
            if a.is_active(today) and a.capacity in GUIDING_CAPACITIES
        ]
        last, upcoming = moments.get(e.pk, (None, None))
        summaries.append(EnrolmentSummary(e, balances[e.pk], loads[e.pk], last, upcoming, guides))
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


def _enrolment_rows(queryset):
    return with_assignments(
        queryset.select_related(
            "learner", "team__guidance_settings", "current_phase", "version__programme"
        )
    )


def learner_home(user, now=None):
    now = now or timezone.now()
    enrolments = list(
        with_summary_figures(
            _enrolment_rows(
                Enrolment.objects.filter(
                    organisation_id=user.organisation_id,
                    learner_id=user.pk,
                    status=EnrolmentStatus.ACTIVE,
                )
            ).prefetch_related("current_phase__guidance_targets"),
            now,
        )
    )
    # The home lists the next moments with who takes part (not the learners: that is me).
    # From the learner's own moments (participant or learner), not by scanning the
    # organisation's future moments for five of the learner's.
    mine = (
        MomentParticipant.objects.filter(person_id=user.pk, organisation_id=user.organisation_id)
        .values("moment_id")
        .union(
            # Not filtered on its organisation column: SQLite then walks that index (every
            # learner row of the organisation); the learner's enrolments are in theirs.
            MomentLearner.objects.filter(enrolment__learner_id=user.pk).values("moment_id")
        )
    )
    upcoming = list(
        GuidanceMoment.objects.filter(pk__in=mine, starts_at__gte=now, status=MomentStatus.PLANNED)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=MomentParticipant.objects.select_related("person").order_by(
                    "person__full_name", "id"
                ),
            )
        )
        .order_by("starts_at", "id")[:5]
    )
    return {"summaries": summarise(enrolments, now), "upcoming": upcoming}


def guided_enrolments(user, now=None):
    """Every enrolment the user guides now (any status), by learner: the supervisor home
    shows the active ones, the quick-feedback list those of others than the user."""
    rows = _enrolment_rows(supervised_enrolments(user, GUIDING_CAPACITIES))
    if now is not None:
        rows = with_summary_figures(rows, now)
    return rows.order_by("learner__full_name", "id")


def supervisor_home(user, now=None, summaries=None):
    now = now or timezone.now()
    if summaries is None:
        enrolments = [e for e in guided_enrolments(user) if e.status == EnrolmentStatus.ACTIVE]
        summaries = summarise(enrolments, now)
    return {"summaries": summaries, "to_record": list(moments_to_record(user, now)[:10])}


TEAM_PAGE_SIZE = 25


def team_enrolments(user, *, team_uuid="", phase_kind="", query=""):
    enrolments = Enrolment.objects.filter(
        organisation_id=user.organisation_id,
        team_id__in=trainer_team_ids(user),
        status=EnrolmentStatus.ACTIVE,
    )
    if team_uuid:
        enrolments = enrolments.filter(team__uuid=team_uuid)
    if phase_kind:
        enrolments = enrolments.filter(current_phase__kind=phase_kind)
    if query:
        enrolments = enrolments.filter(learner__full_name__icontains=query)
    return _enrolment_rows(enrolments).order_by("team__name", "learner__full_name", "id")


def _is_uuid(value: str) -> bool:
    try:
        uuidlib.UUID(value)
    except ValueError:
        return False
    return True


def _summarise_together(groups, now):
    """One ``summarise`` for several lists of enrolments: the summaries per list."""
    unique = {}
    for group in groups:
        for e in group:
            unique.setdefault(e.pk, e)
    by_pk = {s.enrolment.pk: s for s in summarise(unique.values(), now)}
    return [[by_pk[e.pk] for e in group] for group in groups]


def team_home(user, params, now=None, also=None):
    """Filtered enrolments of the user's teams, one page, with their warnings.

    ``also``: more enrolments to summarise in the same queries (the practice trainer's own
    learners); their summaries come back as ``also``."""
    from django.core.paginator import Paginator

    now = now or timezone.now()
    also = list(also or [])
    filters = {
        "team_uuid": params.get("team", ""),
        "phase_kind": params.get("phase", ""),
        "query": params.get("q", "").strip(),
    }
    if not _is_uuid(filters["team_uuid"]):
        filters["team_uuid"] = ""
    enrolments = with_summary_figures(team_enrolments(user, **filters), now)
    if params.get("warnings"):
        # Warnings are computed, not stored: summarise the whole (filtered) team list in a
        # fixed number of queries, then page through the enrolments that have a warning.
        every, also_summaries = _summarise_together([list(enrolments), also], now)
        flagged = [s for s in every if s.warning_count]
        page = Paginator(flagged, TEAM_PAGE_SIZE).get_page(params.get("page"))
        summaries = list(page.object_list)
    else:
        page = Paginator(enrolments, TEAM_PAGE_SIZE).get_page(params.get("page"))
        summaries, also_summaries = _summarise_together([list(page.object_list), also], now)
    trained = trainer_team_ids(user)
    teams = [t for t in role_teams_of(user) if t.pk in trained]
    return {
        "page": page,
        "summaries": summaries,
        "teams": teams,
        "filters": filters,
        "phase_kinds": PhaseKind.choices,
        "also": also_summaries,
        "warnings_only": bool(params.get("warnings")),
        "query_string": urlencode(
            {
                k: v
                for k, v in {
                    "team": filters["team_uuid"],
                    "phase": filters["phase_kind"],
                    "q": filters["query"],
                    "warnings": "1" if params.get("warnings") else "",
                }.items()
                if v
            }
        ),
    }


# Capacity


@dataclass
class CapacityRow:
    person: object
    capacity: Capacity
    held_last_four_weeks: float


def team_capacity(team, now=None) -> list[CapacityRow]:
    """Reserved hours this week against planned and held hours, per guiding person."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    start, end = week_of(now)
    members = (
        Q(memberships__team=team, memberships__role__in=list(GUIDING_ROLES))
        & Q(memberships__valid_from__lte=today)
        & (Q(memberships__valid_until__isnull=True) | Q(memberships__valid_until__gte=today))
    )
    reservations = CapacityReservation.objects.filter(team=team, valid_from__lte=today).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    people = list(
        get_user_model()
        .objects.filter(organisation_id=team.organisation_id)
        .filter(members | Q(pk__in=reservations.values("person_id")))
        .distinct()
        .order_by("full_name", "id")
    )
    ids = [p.pk for p in people]
    reserved = dict(
        reservations.filter(person_id__in=ids)
        .values("person_id")
        .annotate(h=Sum("hours_per_week"))
        .values_list("person_id", "h")
    )
    participations = MomentParticipant.objects.filter(person_id__in=ids, moment__team=team).exclude(
        moment__status=MomentStatus.CANCELLED
    )
    this_week = dict(
        participations.filter(moment__starts_at__gte=start, moment__starts_at__lt=end)
        .values("person_id")
        .annotate(m=Sum("moment__duration_minutes"))
        .values_list("person_id", "m")
    )
    held = dict(
        participations.filter(
            moment__status=MomentStatus.HELD,
            moment__starts_at__gte=start - datetime.timedelta(weeks=4),
            moment__starts_at__lt=start,
        )
        .values("person_id")
        .annotate(m=Sum("moment__duration_minutes"))
        .values_list("person_id", "m")
    )
    from decimal import Decimal

    return [
        CapacityRow(
            p,
            Capacity(reserved.get(p.pk) or Decimal(0), (this_week.get(p.pk) or 0) / 60),
            round((held.get(p.pk) or 0) / 60 / 4, 1),
        )
        for p in people
    ]


def reservations_of_team(team):
    return (
        CapacityReservation.objects.filter(team=team)
        .select_related("person")
        .order_by("person__full_name", "-valid_from", "id")
    )


def get_reservation_for(user, uuid) -> CapacityReservation:
    return get_object_or_404(
        CapacityReservation.objects.filter(organisation_id=user.organisation_id).select_related(
            "team", "person"
        ),
        uuid=uuid,
    )


def home_context(user, sections, params) -> dict:
    """What the home page sections of this app need, only for the sections shown."""
    now = timezone.now()
    context = {}
    if "learner" in sections:
        context["guidance_learner"] = learner_home(user, now)
    supervising = "supervisor" in sections or "practice_trainer" in sections
    guided = list(guided_enrolments(user, now)) if supervising else []
    active = [e for e in guided if e.status == EnrolmentStatus.ACTIVE]
    if "supervisor" in sections:
        # The formative quick-feedback list is drawn from the same rows.
        context["guided_enrolments"] = guided
    summaries = None
    if "practice_trainer" in sections or "team_leader" in sections:
        # The practice trainer's own learners are summarised with the team page.
        context["guidance_team"] = team_home(user, params, now, also=active)
        summaries = context["guidance_team"].pop("also")
    if supervising:
        if summaries is None:
            summaries = summarise(active, now)
        context["guidance_supervisor"] = supervisor_home(user, now, summaries)
    return context


def guiding_people_of_team(team):
    from begeleid.organisations.models import Membership

    members = Membership.objects.active_on(timezone.localdate()).filter(
        team=team, role__in=list(GUIDING_ROLES)
    )
    return (
        get_user_model()
        .objects.filter(organisation_id=team.organisation_id, pk__in=members.values("person_id"))
        .order_by("full_name", "id")
    )


def planning_warnings(
    *, organisation_id, starts_at, duration_minutes, enrolments, participants, exclude_id=None
):
    """Warnings shown before saving a plan: overlaps per person and load per learner."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from .load import planning_hours_warning

    enrolments = list(enrolments)
    names = {e.learner_id: e.learner.full_name for e in enrolments}
    names.update({p.pk: p.full_name for p in participants})
    conflicts = overlaps_for_plan(
        organisation_id=organisation_id,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        people=set(names),
        exclude_id=exclude_id,
    )
    others = GuidanceMoment.objects.in_bulk({moment_id for _, moment_id in conflicts})
    warnings = []
    for person_id, moment_id in conflicts:
        other = others[moment_id]
        warnings.append(
            _("%(name)s heeft dan al een moment: %(title)s (%(when)s).")
            % {
                "name": names[person_id],
                "title": other.title,
                "when": date_format(timezone.localtime(other.starts_at), "D j M H:i"),
            }
        )
    settings_map = settings_by_team({e.team_id for e in enrolments})
    minutes = learner_minutes_in_week(
        set(names) & {e.learner_id for e in enrolments}, starts_at, exclude_id
    )
    for e in enrolments:
        message = planning_hours_warning(
            learner_name=e.learner.full_name,
            minutes_that_week=minutes.get(e.learner_id, 0),
            new_minutes=duration_minutes,
            limit_hours=settings_map[e.team_id].max_guidance_hours_per_week,
        )
        if message:
            warnings.append(message)
    return warnings
