"""Who may do what with calibration sessions."""

import rules
from django.db.models import Exists

from begeleid.organisations.enums import Role
from begeleid.organisations.models import Team
from begeleid.organisations.queries import person_figure, roles_of
from begeleid.organisations.rules import is_hr, is_manager, same_organisation

LEADS = (Role.TEAM_LEADER, Role.COORDINATOR)
# Who may sit in a calibration session: the team's staff who guide or assess.
ASSESSING_STAFF = (
    Role.ASSESSOR,
    Role.PRACTICE_TRAINER,
    Role.SUPERVISOR,
    Role.SPECIALIST,
    Role.TEAM_LEADER,
    Role.COORDINATOR,
)

is_organisation_level = is_hr | is_manager


def _team_id(obj):
    return obj.pk if isinstance(obj, Team) else obj.team_id


@rules.predicate
def leads_a_team(user):
    return roles_of(user).has(*LEADS)


@rules.predicate
def leads_team(user, obj):
    return obj is not None and roles_of(user).in_team(_team_id(obj), *LEADS)


@rules.predicate
def is_participant(user, session):
    # Participants are prefetched on the session where it is read (queries.get_session_for).
    return any(p.person_id == user.pk for p in session.participants.all())


@rules.predicate
def is_session_open(user, session):
    return session.is_open


PARTICIPATED = "quality.calibration_participant"


def participated_expression(person_ref):
    """Whether the person took part in a calibration session (a person figure: read with
    the roles on every page, for the menu; registered in ``QualityConfig.ready``)."""
    from .models import CalibrationParticipant

    return Exists(CalibrationParticipant.objects.filter(person_id=person_ref))


@rules.predicate
def has_participated(user):
    return bool(person_figure(user, PARTICIPATED))


authenticated = rules.is_authenticated
in_org = authenticated & same_organisation

rules.add_perm(
    "quality.view_calibration_list",
    authenticated & (leads_a_team | is_organisation_level | has_participated),
)
rules.add_perm("quality.add_calibration_session", in_org & leads_team)
rules.add_perm(
    "quality.view_calibration_session",
    in_org & (is_participant | leads_team | is_organisation_level),
)
rules.add_perm("quality.score_calibration", in_org & is_session_open & is_participant)
rules.add_perm("quality.manage_calibration", in_org & is_session_open & leads_team)
rules.add_perm("quality.view_calibration_trend", in_org & (leads_team | is_organisation_level))

# Dashboards; development, survey, time and budget register their permissions on import.
from . import rules_dashboards, rules_embedding  # noqa: E402, F401
