"""Meetings, action items, cadences and the people of a team."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import BigIntegerField, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.core.compiled import PreparedQuery
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership, Team
from begeleid.organisations.queries import roles_of

from ..models import (
    ActionItem,
    Meeting,
    MeetingCadence,
)
from ..rules import STAFF
from .scopes import _org, is_organisation_level

# ---------------------------------------------------------------- meetings


def meetings_for(user, *, team=None, kind=""):
    meetings = Meeting.objects.filter(**_org(user)).select_related("team")
    if not is_organisation_level(user):
        meetings = meetings.filter(
            Q(team_id__in=roles_of(user).teams_with(*STAFF)) | Q(participants=user)
        ).distinct()
    if team is not None:
        meetings = meetings.filter(team=team)
    if kind:
        meetings = meetings.filter(kind=kind)
    return meetings.order_by("-date", "-id")


def get_meeting_for(user, uuid) -> Meeting:
    return get_object_or_404(
        Meeting.objects.filter(**_org(user)).select_related("team", "learner", "created_by"),
        uuid=uuid,
    )


def meeting_detail(meeting):
    """The participants, action items and signals of one meeting, in three queries."""
    participants = list(meeting.participants.select_related("profession").order_by("full_name"))
    items = list(meeting.action_items.select_related("owner").order_by("status", "due_date"))
    signals = list(meeting.signals.select_related("owner").order_by("-created_at"))
    return participants, items, signals


def learner_names(team) -> list[str]:
    """Names of the team's learners, to hide in an anonymised case discussion."""
    names = (
        Membership.objects.filter(team=team, role=Role.LEARNER)
        .values_list("person__full_name", flat=True)
        .distinct()
    )
    parts = set()
    for name in names:
        parts.add(name)
        first = name.split(" ")[0]
        if len(first) >= 3:
            parts.add(first)
    return sorted(parts, key=len, reverse=True)


def redact(text: str, names, replacement: str) -> str:
    if not text or not names:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")
    return pattern.sub(replacement, text)


def get_action_item_for(user, uuid) -> ActionItem:
    return get_object_or_404(
        ActionItem.objects.filter(**_org(user)).select_related("meeting", "owner"), uuid=uuid
    )


@dataclass
class CadenceStatus:
    team: Team
    kind: str
    kind_label: str
    every_weeks: int
    last_date: object
    next_due: object
    lapsed: bool


def _cadences(teams):
    last = (
        Meeting.objects.filter(team_id=OuterRef("team_id"), kind=OuterRef("kind"))
        .order_by("-date")
        .values("date")[:1]
    )
    return (
        MeetingCadence.objects.filter(team_id__in=teams)
        .select_related("team")
        .annotate(last_date=Subquery(last))
        .order_by("team__name", "kind")
    )


# On every team leader's home: built and compiled once per process (core.compiled).
_CADENCES = PreparedQuery(_cadences, teams=[BigIntegerField()])


def cadence_status(team_ids) -> list[CadenceStatus]:
    """Per cadence: the last meeting of that kind and whether the rhythm has lapsed."""
    today = timezone.localdate()
    result = []
    for c in _CADENCES(teams=list(team_ids)):
        next_due = c.last_date + timedelta(weeks=c.every_weeks) if c.last_date else None
        result.append(
            CadenceStatus(
                team=c.team,
                kind=c.kind,
                kind_label=c.get_kind_display(),
                every_weeks=c.every_weeks,
                last_date=c.last_date,
                next_due=next_due,
                lapsed=next_due is None or next_due < today,
            )
        )
    return result


def cadences_of(team) -> dict:
    return dict(MeetingCadence.objects.filter(team=team).values_list("kind", "every_weeks"))


def team_people(team):
    """People holding a role in the team today (for participant and owner choices)."""
    today = timezone.localdate()
    return (
        people_for_team_ids([team.pk], today)
        .select_related("profession")
        .order_by("full_name", "id")
    )


def team_staff(team):
    """People working in the team today (not as learner): who can own an action item."""
    today = timezone.localdate()
    held = Membership.objects.active_on(today).filter(team=team, role__in=list(STAFF))
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(pk__in=held.values("person_id"), is_active=True)
        .order_by("full_name", "id")
    )


def people_for_team_ids(team_ids, day):
    from django.contrib.auth import get_user_model

    held = Membership.objects.active_on(day).filter(team_id__in=team_ids)
    return get_user_model().objects.filter(pk__in=held.values("person_id"), is_active=True)


def learners_of_team_ids(team_ids, day):
    from django.contrib.auth import get_user_model

    held = Membership.objects.active_on(day).filter(team_id__in=team_ids, role=Role.LEARNER)
    return get_user_model().objects.filter(pk__in=held.values("person_id")).order_by("full_name")


def is_hr(user) -> bool:
    return roles_of(user).has(Role.HR)


def team_learners(team):
    today = timezone.localdate()
    held = Membership.objects.active_on(today).filter(team=team, role=Role.LEARNER)
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk__in=held.values("person_id")).order_by("full_name")
