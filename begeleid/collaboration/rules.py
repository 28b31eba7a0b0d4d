"""Who may do what with the vision, team agreements, meetings, signals and activities."""

import rules

from begeleid.organisations.enums import Role
from begeleid.organisations.models import Team
from begeleid.organisations.queries import roles_of
from begeleid.organisations.rules import is_hr, is_manager, same_organisation
from begeleid.programmes.rules import (
    is_enrolment_learner,
    is_first_supervisor_of,
    is_team_trainer_of,
)

from .enums import SignalLevel, VisionStatus

LEADS = (Role.TEAM_LEADER, Role.COORDINATOR)
STAFF = (
    Role.SUPERVISOR,
    Role.SPECIALIST,
    Role.PRACTICE_TRAINER,
    Role.ASSESSOR,
    Role.TEAM_LEADER,
    Role.COORDINATOR,
)


def _team_id(obj):
    if obj is None:
        return None
    if isinstance(obj, Team):
        return obj.pk
    if hasattr(obj, "meeting"):  # an action item belongs to its meeting's team
        return obj.meeting.team_id
    return obj.team_id


is_organisation_level = is_hr | is_manager


@rules.predicate
def leads_a_team(user):
    return roles_of(user).has(*LEADS)


@rules.predicate
def works_in_a_team(user):
    return roles_of(user).has(*STAFF)


@rules.predicate
def has_a_team(user):
    return bool(roles_of(user).by_team)


@rules.predicate
def leads_team(user, obj):
    team_id = _team_id(obj)
    return team_id is not None and roles_of(user).in_team(team_id, *LEADS)


@rules.predicate
def works_in_team(user, obj):
    team_id = _team_id(obj)
    return team_id is not None and roles_of(user).in_team(team_id, *STAFF)


@rules.predicate
def member_of_team(user, obj):
    team_id = _team_id(obj)
    return team_id is not None and team_id in roles_of(user).by_team


@rules.predicate
def is_published(user, vision):
    return vision is not None and vision.status == VisionStatus.PUBLISHED


@rules.predicate
def is_draft(user, vision):
    return vision is not None and vision.status == VisionStatus.DRAFT


@rules.predicate
def is_meeting_participant(user, meeting):
    return meeting is not None and meeting.participants.filter(pk=user.pk).exists()


@rules.predicate
def owns_item(user, obj):
    return obj is not None and obj.owner_id == user.pk


@rules.predicate
def raised_signal(user, signal):
    return signal is not None and signal.raised_by_id is not None and signal.raised_by_id == user.pk


@rules.predicate
def is_team_signal(user, signal):
    return signal is not None and signal.level == SignalLevel.TEAM


@rules.predicate
def takes_part_in_activity(user, activity):
    if activity is None:
        return False
    return (
        activity.participants.filter(pk=user.pk).exists()
        or activity.learners.filter(pk=user.pk).exists()
    )


authenticated = rules.is_authenticated
in_org = authenticated & same_organisation

# Vision: everyone reads the published version; HR and managers edit drafts.
rules.add_perm("collaboration.manage_vision", authenticated & is_organisation_level)
rules.add_perm("collaboration.view_vision_version", in_org & (is_published | is_organisation_level))
rules.add_perm("collaboration.edit_vision", in_org & is_organisation_level & is_draft)

# Team agreements: leaders write their team's; HR and managers read all; members read theirs.
rules.add_perm(
    "collaboration.view_agreement_overview", authenticated & (is_organisation_level | has_a_team)
)
rules.add_perm(
    "collaboration.view_team_agreements", in_org & (is_organisation_level | member_of_team)
)
rules.add_perm("collaboration.manage_team_agreements", in_org & leads_team)
rules.add_perm(
    "collaboration.view_coverage", authenticated & (is_organisation_level | leads_a_team)
)

# Consultation.
rules.add_perm(
    "collaboration.view_meeting_list", authenticated & (is_organisation_level | works_in_a_team)
)
rules.add_perm(
    "collaboration.view_meeting",
    in_org & (is_organisation_level | works_in_team | is_meeting_participant),
)
rules.add_perm("collaboration.add_meeting", authenticated & leads_a_team)
rules.add_perm("collaboration.manage_meeting", in_org & leads_team)
rules.add_perm("collaboration.update_action_item", in_org & (owns_item | leads_team))

# Signals: anyone raises; owner, team leader (team level) and HR handle; managers read.
rules.add_perm("collaboration.raise_signal", authenticated)
rules.add_perm(
    "collaboration.view_signal",
    in_org & (raised_signal | owns_item | (is_team_signal & leads_team) | is_organisation_level),
)
rules.add_perm(
    "collaboration.manage_signal", in_org & (owns_item | (is_team_signal & leads_team) | is_hr)
)

# Interprofessional learning.
rules.add_perm(
    "collaboration.view_activity_list", authenticated & (is_organisation_level | has_a_team)
)
rules.add_perm("collaboration.add_activity", authenticated & (is_hr | works_in_a_team))
rules.add_perm(
    "collaboration.view_activity",
    in_org & (is_organisation_level | member_of_team | takes_part_in_activity),
)
rules.add_perm(
    "collaboration.view_team_interprofessional", in_org & (is_organisation_level | works_in_team)
)


# The coordination view per learner: the learner, their first supervisor, the team trainers.
rules.add_perm(
    "collaboration.view_coordination",
    authenticated & (is_first_supervisor_of | is_team_trainer_of | is_enrolment_learner),
)
