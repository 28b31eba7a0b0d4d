"""Reads of guidance moments and series: who sees which, what is still to record, the
calendar feed."""

import datetime

from django.db.models import (
    BigIntegerField,
    Count,
    DateTimeField,
    F,
    OuterRef,
    Prefetch,
    Q,
    StringAgg,
    Subquery,
    Value,
    Window,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.core.compiled import PreparedQuery
from begeleid.programmes.models import SupervisionAssignment
from begeleid.programmes.queries import enrolments_visible_to, trainer_team_ids

from ..enums import MomentStatus
from ..models import CalendarFeed, GuidanceMoment, GuidanceSeries, MomentLearner, MomentParticipant
from .conflicts import overlaps_among

# Moments

# Joins names read with the moment rows: a character no name contains.
NAME_SEPARATOR = "\x1f"


def joined_names(rows, name_field):
    """A subquery joining ``name_field`` of ``rows`` (filtered on the outer moment) into
    one string: lists of moments name their people without a query per list."""
    return Subquery(
        rows.filter(moment_id=OuterRef("pk"))
        .order_by()
        .values("moment_id")
        .annotate(names=StringAgg(name_field, Value(NAME_SEPARATOR)))
        .values("names")
    )


def split_names(joined) -> list[str]:
    """The names of ``joined_names``, by name."""
    return sorted(joined.split(NAME_SEPARATOR)) if joined else []


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


# The columns a list of moments shows (includes/moment_rows.html) and checks for overlaps.
LISTED_FIELDS = (
    "uuid",
    "title",
    "form",
    "location",
    "starts_at",
    "duration_minutes",
    "status",
    "organisation_id",
)


def _people_of_moments(ids):
    """(moment id, person id, name, is learner) of the participants and learners of the
    moments ``ids``, by name (and row) as ``with_people`` orders them."""
    participants = (
        MomentParticipant.objects.filter(moment_id__in=ids)
        .annotate(name=F("person__full_name"), learner=Value(False))
        .order_by()
    )
    learners = (
        MomentLearner.objects.filter(moment_id__in=ids)
        .annotate(name=F("enrolment__learner__full_name"), learner=Value(True))
        .order_by()
    )
    return (
        participants.values_list("moment_id", "person_id", "id", "name", "learner")
        .union(
            learners.values_list("moment_id", "enrolment__learner_id", "id", "name", "learner"),
            all=True,
        )
        .order_by("name", "id")
    )


# Read on every list of moments: built and compiled once per process (core.compiled).
_PEOPLE_OF_MOMENTS = PreparedQuery(_people_of_moments, ids=[BigIntegerField()])


def moment_rows(moments, *, overlaps=True):
    """The moments of a list (read with ``LISTED_FIELDS`` at least) with what
    includes/moment_rows.html shows of their people: ``learner_list`` and
    ``participant_list`` (names, by name, joined with ", ") and ``overlap_list`` (the names
    of ``overlap_names``, joined; ``None`` when there is no overlap or ``overlaps`` is
    false). Returns (moments, ``overlap_names``' mapping or ``{}``).

    One read for the people of the whole list (names, not instances of every learner,
    enrolment and person), and two more for the overlaps."""
    moments = list(moments)
    learners = {m.pk: [] for m in moments}
    participants = {m.pk: [] for m in moments}
    people_of = {m.pk: set() for m in moments}
    names = {}
    if moments:
        for moment_id, person_id, _, name, is_learner in _PEOPLE_OF_MOMENTS(ids=list(learners)):
            (learners if is_learner else participants)[moment_id].append(name)
            people_of[moment_id].add(person_id)
            names[person_id] = name
    found = overlaps_among(moments, people_of, names) if overlaps else {}
    for moment in moments:
        moment.learner_list = ", ".join(learners[moment.pk])
        moment.participant_list = ", ".join(participants[moment.pk])
        overlap = found.get(moment.pk)
        moment.overlap_list = ", ".join(overlap) if overlap else None
    return moments, found


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
    return _own_moments(person.pk, person.organisation_id)


def _own_moments(person, organisation):
    """``own_moments`` of the person with id ``person`` (of ``organisation``).

    From the person's rows (a union of two indexed reads), not from the organisation's
    moments: with an organisation filter on the moments SQLite walked the organisation's
    (organisation, starts_at) index, and the moment list grew with the organisation
    (1.2 ms instead of 0.1 ms per read at size M). Participations carry the organisation;
    the learner's enrolments are in theirs."""
    mine = (
        MomentParticipant.objects.filter(person_id=person, organisation_id=organisation)
        .values("moment_id")
        .union(MomentLearner.objects.filter(enrolment__learner_id=person).values("moment_id"))
    )
    return GuidanceMoment.objects.filter(pk__in=mine)


MOMENT_PAGE_SIZE = 25


def _own_upcoming(person, organisation, moment):
    return _own_moments(person, organisation).filter(starts_at__gte=moment).only(*LISTED_FIELDS)


def _own_past(person, organisation, moment):
    return (
        _own_moments(person, organisation)
        .filter(starts_at__lt=moment)
        .order_by("-starts_at", "-id")
        .only(*LISTED_FIELDS)
    )


def _count(moments):
    # The count as the one row of a read (a prepared read gives rows, not aggregates).
    return moments.order_by().annotate(n=Window(Count("pk"))).values_list("n")[:1]


def _prepared(build):
    return PreparedQuery(
        build, person=BigIntegerField(), organisation=BigIntegerField(), moment=DateTimeField()
    )


# The moment list's count and first page (the one opened most), either way in time:
# built and compiled once per process (core.compiled).
_OWN_LIST = {
    False: (
        _prepared(lambda **values: _count(_own_upcoming(**values))),
        _prepared(lambda **values: _own_upcoming(**values)[:MOMENT_PAGE_SIZE]),
    ),
    True: (
        _prepared(lambda **values: _count(_own_past(**values))),
        _prepared(lambda **values: _own_past(**values)[:MOMENT_PAGE_SIZE]),
    ),
}


class OwnMomentList:
    """The person's own moments from ``moment`` on (``past``: before it, newest first),
    with ``LISTED_FIELDS``, as a ``Paginator`` of ``MOMENT_PAGE_SIZE`` reads them: the
    count and a slice."""

    def __init__(self, person, moment, *, past=False):
        self.values = {
            "person": person.pk,
            "organisation": person.organisation_id,
            "moment": moment,
        }
        self.past = past

    def count(self) -> int:
        counted = _OWN_LIST[self.past][0](**self.values)
        return counted[0][0] if counted else 0

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("A slice of the moments, as a Paginator takes it.")
        if index.start in (0, None) and index.stop <= MOMENT_PAGE_SIZE:
            return _OWN_LIST[self.past][1](**self.values)[: index.stop]
        build = _own_past if self.past else _own_upcoming
        return list(build(**self.values)[index])


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
    # The list names the learners of each moment (``learner_names``, read with the rows);
    # nobody reads the participants there.
    return (
        GuidanceMoment.objects.filter(pk__in=mine, status=MomentStatus.PLANNED, starts_at__lt=now)
        .annotate(
            learner_names=joined_names(MomentLearner.objects.all(), "enrolment__learner__full_name")
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
