"""Who may do what with supervisor development, the guidance survey and time and budget.

Imported by quality.rules, so django-rules' autodiscovery registers these too.
"""

import rules
from django.utils import timezone

from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership
from begeleid.organisations.queries import active_today_q, roles_of
from begeleid.organisations.rules import is_hr, is_learner, same_organisation

from .rules import LEADS, is_organisation_level, leads_a_team, leads_team

SUPERVISING_ROLES = (Role.SUPERVISOR, Role.SPECIALIST, Role.PRACTICE_TRAINER)


@rules.predicate
def is_supervising(user):
    return roles_of(user).has(*SUPERVISING_ROLES)


@rules.predicate
def is_self(user, person):
    return person is not None and person.pk == user.pk


@rules.predicate
def leads_persons_team(user, person):
    led = roles_of(user).teams_with(*LEADS)
    if person is None or not led:
        return False
    return Membership.objects.filter(active_today_q(), person=person, team_id__in=led).exists()


@rules.predicate
def is_round_open(user, round):
    return round.is_open_on(timezone.localdate())


@rules.predicate
def is_round_closed(user, round):
    return round.is_closed


@rules.predicate
def enrolled_in_round_team(user, round):
    from begeleid.programmes.enums import EnrolmentStatus
    from begeleid.programmes.models import Enrolment

    return Enrolment.objects.filter(
        learner_id=user.pk, team_id=round.team_id, status=EnrolmentStatus.ACTIVE
    ).exists()


authenticated = rules.is_authenticated
in_org = authenticated & same_organisation
own_page = is_self & is_supervising

# Supervisor development
rules.add_perm(
    "quality.view_development_list",
    authenticated & (is_supervising | leads_a_team | is_organisation_level),
)
rules.add_perm(
    "quality.view_development", in_org & (own_page | leads_persons_team | is_organisation_level)
)
rules.add_perm("quality.edit_self_assessment", in_org & own_page)
rules.add_perm("quality.add_training_record", in_org & (own_page | leads_persons_team | is_hr))
rules.add_perm("quality.recognise_supervisor", in_org & is_hr)
rules.add_perm("quality.view_team_development", in_org & (leads_team | is_organisation_level))

# Guidance survey
rules.add_perm(
    "quality.view_survey_list", authenticated & (is_learner | leads_a_team | is_organisation_level)
)
rules.add_perm("quality.open_survey_round", in_org & (leads_team | is_hr))
rules.add_perm("quality.change_survey_round", in_org & (leads_team | is_hr))
rules.add_perm("quality.close_survey_round", in_org & (leads_team | is_hr) & ~is_round_closed)
rules.add_perm("quality.view_survey_round", in_org & (leads_team | is_organisation_level))
rules.add_perm("quality.answer_survey", in_org & is_round_open & enrolled_in_round_team)

# Time and budget
rules.add_perm("quality.view_time_budget", in_org & (leads_team | is_organisation_level))
rules.add_perm("quality.set_budget", in_org & is_hr)
