"""Signals: handled, raised, by follow-up code."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership
from begeleid.organisations.queries import roles_of

from ..enums import (
    SignalLevel,
    SignalStatus,
)
from ..models import (
    Signal,
)
from ..rules import LEADS
from .scopes import _org, is_organisation_level

# ---------------------------------------------------------------- signals


def signals_handled_by(user):
    """Signals the user owns or oversees: their own, their teams', and all for HR/managers."""
    signals = Signal.objects.filter(**_org(user)).select_related("team", "owner")
    if is_organisation_level(user):
        return signals.order_by("status", "-created_at", "-id")
    led = roles_of(user).teams_with(*LEADS)
    return signals.filter(Q(owner=user) | Q(level=SignalLevel.TEAM, team_id__in=led)).order_by(
        "status", "-created_at", "-id"
    )


def signals_raised_by(user):
    return (
        Signal.objects.filter(**_org(user), raised_by=user)
        .select_related("team", "owner")
        .order_by("-created_at", "-id")
    )


def get_signal_for(user, uuid) -> Signal:
    return get_object_or_404(
        Signal.objects.filter(**_org(user)).select_related(
            "team", "owner", "raised_by", "statement", "agreement"
        ),
        uuid=uuid,
    )


def signal_by_follow_up_code(code: str):
    from ..services import hash_follow_up_code

    if not code.strip():
        return None
    return (
        Signal.objects.filter(follow_up_code_hash=hash_follow_up_code(code), is_anonymous=True)
        .select_related("team")
        .first()
    )


def signal_owner_candidates(signal):
    """Who can own a signal: team leaders/coordinators of its team, HR and managers."""
    today = timezone.localdate()
    roles = Q(team__isnull=True, role__in=[Role.HR, Role.MANAGER])
    if signal.team_id:
        roles |= Q(team_id=signal.team_id, role__in=list(LEADS))
    held = Membership.objects.active_on(today).filter(roles, organisation_id=signal.organisation_id)
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk__in=held.values("person_id"), is_active=True)


def open_signals_of_team(team):
    return Signal.objects.filter(team=team).exclude(status=SignalStatus.RESOLVED)
