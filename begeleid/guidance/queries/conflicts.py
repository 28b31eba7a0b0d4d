"""Overlapping moments and the warnings shown before a plan is saved: a fixed number of
queries for a whole list of moments."""

import datetime
from collections import defaultdict

from django.db.models import BigIntegerField, DateTimeField
from django.utils import timezone

from begeleid.core.compiled import PreparedQuery

from ..enums import MomentStatus
from ..models import GuidanceMoment, MomentLearner, MomentParticipant
from ..overlaps import Slot, overlapping
from .monitor import learner_minutes_in_week, settings_by_team

# The longest moment allowed; bounds the look-back when searching for overlaps.
MAX_DURATION = datetime.timedelta(minutes=600)


def _people_of(moment) -> frozenset[int]:
    return frozenset(
        [p.person_id for p in moment.participants.all()]
        + [ml.enrolment.learner_id for ml in moment.learners.all()]
    )


def _slots_near(organisation_id, start, end, people, exclude_ids=()):
    """Counting moments of these people that may overlap [start, end), but for
    ``exclude_ids``: two queries."""
    if not people:
        return []
    exclude_ids = set(exclude_ids)
    # Excluded in Python, on the rows read: the read stays one compiled query
    # (_CANDIDATES) whatever is excluded.
    candidates = [
        (pk, starts, minutes)
        for pk, starts, minutes, organisation in _CANDIDATES(
            people=list(people), start=start - MAX_DURATION, end=end
        )
        if organisation == organisation_id and pk not in exclude_ids
    ]
    ids = [pk for pk, _, _ in candidates]
    people_of = defaultdict(set)
    if ids:
        for moment_id, person_id in _PEOPLE_OF_CANDIDATES(ids=ids):
            people_of[moment_id].add(person_id)
    return [
        Slot(pk, starts, starts + datetime.timedelta(minutes=minutes), frozenset(people_of[pk]))
        for pk, starts, minutes in candidates
    ]


def _candidates(people, start, end):
    # From these people's moments (a union of two indexed reads), not from the
    # organisation's moments in the window: those grow with the organisation. With an
    # organisation filter in the SQL, SQLite walks the organisation's moments (or
    # participations) again, so the organisation is checked on the rows read.
    theirs = (
        MomentParticipant.objects.filter(person_id__in=people)
        .values("moment_id")
        .union(MomentLearner.objects.filter(enrolment__learner_id__in=people).values("moment_id"))
    )
    return (
        GuidanceMoment.objects.counting()
        .filter(pk__in=theirs, starts_at__lt=end, starts_at__gt=start)
        .values_list("pk", "starts_at", "duration_minutes", "organisation_id")
    )


def _people_of_candidates(ids):
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
    return participants.union(learners, all=True).order_by()


# Read for every list of moments and every plan: built and compiled once per process
# (core.compiled.PreparedQuery), bound per call.
_CANDIDATES = PreparedQuery(
    _candidates, people=[BigIntegerField()], start=DateTimeField(), end=DateTimeField()
)
_PEOPLE_OF_CANDIDATES = PreparedQuery(_people_of_candidates, ids=[BigIntegerField()])


def overlap_names(moments) -> dict[int, list[str]]:
    """For listed moments (with people prefetched): moment id → names of people who have
    another moment at the same time. Two queries for the whole list."""
    moments = list(moments)
    names = {}
    people_of = {}
    for moment in moments:
        if moment.status == MomentStatus.CANCELLED:
            continue
        for p in moment.participants.all():
            names[p.person_id] = p.person.full_name
        for ml in moment.learners.all():
            names[ml.enrolment.learner_id] = ml.enrolment.learner.full_name
        people_of[moment.pk] = _people_of(moment)
    return overlaps_among(moments, people_of, names)


def overlaps_among(moments, people_of, names) -> dict[int, list[str]]:
    """``overlap_names`` of listed moments whose people are known: ``people_of`` (moment id
    → person ids) and ``names`` (person id → name). Two queries for the whole list."""
    moments = [m for m in moments if m.status != MomentStatus.CANCELLED]
    if not moments:
        return {}
    own = [Slot(m.pk, m.starts_at, m.ends_at, frozenset(people_of[m.pk])) for m in moments]
    start = min(m.starts_at for m in moments)
    end = max(m.ends_at for m in moments)
    people = set().union(*(slot.people for slot in own))
    # The listed moments are in ``own`` already.
    others = _slots_near(
        moments[0].organisation_id, start, end, people, exclude_ids={m.pk for m in moments}
    )
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


def planning_warnings(
    *, organisation_id, starts_at, duration_minutes, enrolments, participants, exclude_id=None
):
    """Warnings shown before saving a plan: overlaps per person and load per learner."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from ..load import planning_hours_warning

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
