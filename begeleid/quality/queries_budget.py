"""Reads for time and budget of a team.

Contract for other pages (dashboards, glance, reports):

- ``budget_summary(*, team, year)`` → ``BudgetSummary`` with ``amount`` (Decimal, or
  ``None`` when HR set no budget for that year), ``spent`` (Decimal: the sum of the costs of
  the training records booked on the team with a date in that year) and ``remaining``
  (``amount - spent``, or ``None`` without a budget). Two queries.
- ``realised_guidance_time(*, team, start, end)`` → ``GuidanceTime`` for the days
  ``start``..``end`` (inclusive): ``reserved_hours`` (guidance.CapacityReservation of the
  team: hours per week × the weeks of the period the reservation holds, days / 7) and
  ``realised_hours`` (the durations of the team's HELD guidance moments starting in the
  period, each moment once), plus ``people``: per person with a reservation or a held
  moment as participant, ``reserved_hours`` and ``realised_hours`` (held moments of the
  team they took part in). Floats rounded to 0.1. At most four queries.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q, Sum
from django.utils import timezone

from begeleid.guidance.enums import MomentStatus
from begeleid.guidance.models import CapacityReservation, GuidanceMoment, MomentParticipant

from .models import Budget, TrainingRecord


@dataclass
class BudgetSummary:
    team: object
    year: int
    amount: Decimal | None
    spent: Decimal
    remaining: Decimal | None

    @property
    def is_overspent(self) -> bool:
        return self.remaining is not None and self.remaining < 0


def budget_summary(*, team, year) -> BudgetSummary:
    budget = Budget.objects.filter(team=team, year=year).values_list("amount", flat=True).first()
    spent = TrainingRecord.objects.filter(team=team, date__year=year).aggregate(s=Sum("cost"))[
        "s"
    ] or Decimal("0.00")
    remaining = None if budget is None else budget - spent
    return BudgetSummary(team=team, year=year, amount=budget, spent=spent, remaining=remaining)


@dataclass
class PersonTime:
    person: object
    reserved_hours: float = 0.0
    realised_hours: float = 0.0


@dataclass
class GuidanceTime:
    start: datetime.date
    end: datetime.date
    reserved_hours: float
    realised_hours: float
    people: list[PersonTime] = field(default_factory=list)

    @property
    def realised_percent(self) -> int | None:
        if not self.reserved_hours:
            return None
        return round(100 * self.realised_hours / self.reserved_hours)


def _overlap_days(valid_from, valid_until, start, end) -> int:
    first = max(valid_from, start)
    last = min(valid_until or end, end)
    return max(0, (last - first).days + 1)


def _bounds(start, end):
    tz = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return low, high


def realised_guidance_time(*, team, start, end) -> GuidanceTime:
    reservations = CapacityReservation.objects.filter(team=team, valid_from__lte=end).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=start)
    )
    reserved: dict[int, float] = {}
    for person_id, hours, valid_from, valid_until in reservations.values_list(
        "person_id", "hours_per_week", "valid_from", "valid_until"
    ):
        days = _overlap_days(valid_from, valid_until, start, end)
        reserved[person_id] = reserved.get(person_id, 0.0) + float(hours) * days / 7
    low, high = _bounds(start, end)
    held = GuidanceMoment.objects.filter(
        team=team, status=MomentStatus.HELD, starts_at__gte=low, starts_at__lt=high
    )
    total_minutes = held.aggregate(m=Sum("duration_minutes"))["m"] or 0
    realised: dict[int, float] = {}
    for person_id, minutes in (
        MomentParticipant.objects.filter(moment__in=held)
        .values("person_id")
        .annotate(m=Sum("moment__duration_minutes"))
        .values_list("person_id", "m")
    ):
        realised[person_id] = minutes / 60
    ids = set(reserved) | set(realised)
    people = {p.pk: p for p in get_user_model().objects.filter(pk__in=ids)} if ids else {}
    rows = sorted(
        (
            PersonTime(
                person=people[pk],
                reserved_hours=round(reserved.get(pk, 0.0), 1),
                realised_hours=round(realised.get(pk, 0.0), 1),
            )
            for pk in ids
        ),
        key=lambda row: (row.person.full_name, row.person.pk),
    )
    return GuidanceTime(
        start=start,
        end=end,
        reserved_hours=round(sum(reserved.values()), 1),
        realised_hours=round(total_minutes / 60, 1),
        people=rows,
    )
