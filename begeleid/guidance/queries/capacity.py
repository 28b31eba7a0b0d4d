"""Reserved and used guidance hours per guiding person of a team."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    BigIntegerField,
    DateField,
    DateTimeField,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.core.compiled import PreparedQuery
from begeleid.organisations.models import Membership

from ..enums import MomentStatus
from ..load import Capacity
from ..models import CapacityReservation, MomentParticipant
from .monitor import week_of
from .planning import GUIDING_ROLES


@dataclass
class CapacityRow:
    person: object
    capacity: Capacity
    held_last_four_weeks: float
    # Holds a guiding role in the team now (one of ``guiding_people_of_team``), rather
    # than only having a reservation there.
    guiding: bool = False


def _active(rows, today):
    return rows.filter(valid_from__lte=today).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )


def _capacity_people(team, organisation, today):
    # From the team's memberships and reservations, not from the organisation's people
    # (an organisation filter on the people made SQLite walk all of them: 9 ms at size M);
    # the organisation is checked inside the two reads.
    same_organisation = {"person__organisation_id": organisation}
    # The same memberships as ``guiding_people_of_team``: the form offers these people.
    members = _active(
        Membership.objects.filter(team_id=team, role__in=list(GUIDING_ROLES), **same_organisation),
        today,
    )
    reservations = _active(CapacityReservation.objects.filter(team_id=team), today)
    return (
        get_user_model()
        .objects.filter(
            pk__in=members.values("person_id").union(
                reservations.filter(**same_organisation).values("person_id")
            )
        )
        .annotate(
            guiding=Exists(members.filter(person_id=OuterRef("pk"))),
            reserved=Subquery(
                reservations.filter(person_id=OuterRef("pk"))
                .order_by()
                .values("person_id")
                .annotate(h=Sum("hours_per_week"))
                .values("h")
            ),
        )
        .only("full_name")
        .order_by("full_name", "id")
    )


def _minutes_of_people(team, people, start, end, held_from):
    # One pass over the team's moments of five weeks for all the people (a subquery per
    # person would walk them once per person).
    minutes = "moment__duration_minutes"
    return (
        MomentParticipant.objects.filter(
            person_id__in=people,
            moment__team_id=team,
            moment__starts_at__gte=held_from,
            moment__starts_at__lt=end,
        )
        .exclude(moment__status=MomentStatus.CANCELLED)
        .order_by()
        .values("person_id")
        .annotate(
            this_week=Sum(minutes, filter=Q(moment__starts_at__gte=start)),
            held=Sum(
                minutes, filter=Q(moment__status=MomentStatus.HELD, moment__starts_at__lt=start)
            ),
        )
        .values_list("person_id", "this_week", "held")
    )


# Opened by team leaders every week: the reads are built and compiled once per process
# (core.compiled.PreparedQuery) and bound per request.
_CAPACITY_PEOPLE = PreparedQuery(
    _capacity_people, team=BigIntegerField(), organisation=BigIntegerField(), today=DateField()
)
_MINUTES_OF_PEOPLE = PreparedQuery(
    _minutes_of_people,
    team=BigIntegerField(),
    people=[BigIntegerField()],
    start=DateTimeField(),
    end=DateTimeField(),
    held_from=DateTimeField(),
)


def team_capacity(team, now=None) -> list[CapacityRow]:
    """Reserved hours this week against planned and held hours, per guiding person: two
    reads (the people with their reserved hours; their minutes)."""
    now = now or timezone.now()
    start, end = week_of(now)
    people = _CAPACITY_PEOPLE(
        team=team.pk, organisation=team.organisation_id, today=timezone.localdate(now)
    )
    minutes = {}
    if people:
        minutes = {
            person: (this_week, held)
            for person, this_week, held in _MINUTES_OF_PEOPLE(
                team=team.pk,
                people=[p.pk for p in people],
                start=start,
                end=end,
                held_from=start - datetime.timedelta(weeks=4),
            )
        }
    rows = []
    for p in people:
        this_week, held = minutes.get(p.pk, (None, None))
        rows.append(
            CapacityRow(
                p,
                Capacity(p.reserved or Decimal(0), (this_week or 0) / 60),
                round((held or 0) / 60 / 4, 1),
                p.guiding,
            )
        )
    return rows


def _team_reservations(team):
    return (
        CapacityReservation.objects.filter(team_id=team)
        .select_related("person")
        .only("uuid", "hours_per_week", "valid_from", "valid_until", "person__full_name")
        .order_by("person__full_name", "-valid_from", "id")
    )


_TEAM_RESERVATIONS = PreparedQuery(_team_reservations, team=BigIntegerField())


def reservations_of_team(team) -> list[CapacityReservation]:
    """The team's reservations, with the person's name: the fields the capacity page shows
    (the others are deferred)."""
    return _TEAM_RESERVATIONS(team=team.pk)


def get_reservation_for(user, uuid) -> CapacityReservation:
    return get_object_or_404(
        CapacityReservation.objects.filter(organisation_id=user.organisation_id).select_related(
            "team", "person"
        ),
        uuid=uuid,
    )
