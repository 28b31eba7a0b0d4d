"""Reserved and used guidance hours per guiding person of a team."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

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


def team_capacity(team, now=None) -> list[CapacityRow]:
    """Reserved hours this week against planned and held hours, per guiding person."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    start, end = week_of(now)
    members = Membership.objects.filter(
        team=team, role__in=list(GUIDING_ROLES), valid_from__lte=today
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    reservations = CapacityReservation.objects.filter(team=team, valid_from__lte=today).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    # From the team's memberships and reservations, not from the organisation's people
    # (an organisation filter on the people made SQLite walk all of them: 9 ms at size M);
    # the organisation is checked inside the two reads.
    same_organisation = {"person__organisation_id": team.organisation_id}
    people = list(
        get_user_model()
        .objects.filter(
            pk__in=members.filter(**same_organisation)
            .values("person_id")
            .union(reservations.filter(**same_organisation).values("person_id"))
        )
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
