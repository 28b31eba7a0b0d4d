"""Reads of guidance moments and series: who sees which, what is still to record, the
calendar feed."""

import datetime

from django.db.models import OuterRef, Prefetch, Q, StringAgg, Subquery, Value
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.programmes.models import SupervisionAssignment
from begeleid.programmes.queries import enrolments_visible_to, trainer_team_ids

from ..enums import MomentStatus
from ..models import CalendarFeed, GuidanceMoment, GuidanceSeries, MomentLearner, MomentParticipant

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
    """The person's own moments: as participant or as learner.

    From the person's rows (a union of two indexed reads), not from the organisation's
    moments: with an organisation filter on the moments SQLite walked the organisation's
    (organisation, starts_at) index, and the moment list grew with the organisation
    (1.2 ms instead of 0.1 ms per read at size M). Participations carry the organisation;
    the learner's enrolments are in theirs."""
    mine = (
        MomentParticipant.objects.filter(
            person_id=person.pk, organisation_id=person.organisation_id
        )
        .values("moment_id")
        .union(MomentLearner.objects.filter(enrolment__learner_id=person.pk).values("moment_id"))
    )
    return GuidanceMoment.objects.filter(pk__in=mine)


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
