"""Interprofessional activities and who learned with whom."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.organisations.models import Profession
from begeleid.organisations.queries import roles_of

from ..models import (
    InterprofessionalActivity,
)
from .scopes import _org, is_organisation_level

# ---------------------------------------------------------------- interprofessional


def activities_for(user, *, team=None):
    activities = InterprofessionalActivity.objects.filter(**_org(user)).select_related("team")
    if not is_organisation_level(user):
        activities = activities.filter(
            Q(team_id__in=roles_of(user).by_team.keys()) | Q(participants=user) | Q(learners=user)
        ).distinct()
    if team is not None:
        activities = activities.filter(team=team)
    return activities.prefetch_related("professions").order_by("-date", "-id")


def get_activity_for(user, uuid) -> InterprofessionalActivity:
    return get_object_or_404(
        InterprofessionalActivity.objects.filter(**_org(user)).select_related("team"), uuid=uuid
    )


def activity_people(activity):
    participants = list(activity.participants.select_related("profession").order_by("full_name"))
    learners = list(activity.learners.order_by("full_name"))
    return participants, learners


def months_back(today, count):
    """The first days of the last ``count`` months, oldest first."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(today.replace(year=year, month=month, day=1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


@dataclass
class PairRow:
    pair: tuple
    label: str
    counts: list
    total: int
    points: str  # SVG polyline points for a small trend line


def interprofessional_by_pair(team, months=12) -> tuple[list, list[PairRow]]:
    """Per pair of professions: how many activities they shared, per month."""
    today = timezone.localdate()
    columns = months_back(today, months)
    through = InterprofessionalActivity.professions.through
    rows = through.objects.filter(
        interprofessionalactivity__team=team,
        interprofessionalactivity__date__gte=columns[0],
        interprofessionalactivity__date__lte=today,
    ).values_list(
        "interprofessionalactivity_id", "interprofessionalactivity__date", "profession_id"
    )
    by_activity = defaultdict(lambda: [None, set()])
    for activity_id, date, profession_id in rows:
        by_activity[activity_id][0] = date
        by_activity[activity_id][1].add(profession_id)
    index = {(m.year, m.month): i for i, m in enumerate(columns)}
    counts = defaultdict(lambda: [0] * len(columns))
    profession_ids = set()
    for date, professions in by_activity.values():
        ordered = sorted(professions)
        profession_ids.update(ordered)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                counts[(a, b)][index[(date.year, date.month)]] += 1
    names = dict(Profession.objects.filter(pk__in=profession_ids).values_list("pk", "name"))
    result = []
    for pair, values in counts.items():
        peak = max(values) or 1
        step = 100 / max(len(values) - 1, 1)
        points = " ".join(f"{i * step:.1f},{28 - 26 * v / peak:.1f}" for i, v in enumerate(values))
        label = f"{names.get(pair[0], '?')} – {names.get(pair[1], '?')}"
        result.append(PairRow(pair, label, values, sum(values), points))
    result.sort(key=lambda r: (-r.total, r.label))
    return columns, result
