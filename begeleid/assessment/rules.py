"""Who may do what with frameworks, rubrics, assessments and the competence register."""

import rules
from django.utils.translation import gettext_lazy as _

from begeleid.organisations.enums import Role
from begeleid.organisations.queries import roles_of
from begeleid.organisations.rules import is_hr, is_org_admin, same_organisation
from begeleid.programmes.rules import (
    is_assigned_to,
    is_enrolment_learner,
    is_first_supervisor_of,
    is_team_trainer_of,
)

from .eligibility import eligibility_of
from .enums import AssessmentStatus, DecidingRole, ReviewMode
from .policy import policy_for

# Frameworks and rubrics are the organisation's shared reference: every member reads them.
rules.add_perm("assessment.view_frameworks", rules.is_authenticated)
rules.add_perm("assessment.view_framework", rules.is_authenticated & same_organisation)
rules.add_perm("assessment.manage_frameworks", rules.is_authenticated & (is_org_admin | is_hr))
rules.add_perm(
    "assessment.export_framework",
    rules.is_authenticated & (is_org_admin | is_hr) & same_organisation,
)
rules.add_perm("assessment.view_rubrics", rules.is_authenticated)
rules.add_perm("assessment.view_rubric", rules.is_authenticated & same_organisation)
rules.add_perm(
    "assessment.manage_rubric", rules.is_authenticated & (is_org_admin | is_hr) & same_organisation
)


# --- assessments ---------------------------------------------------------------------

ROLE_FOR = {
    DecidingRole.ASSESSOR: Role.ASSESSOR,
    DecidingRole.PRACTICE_TRAINER: Role.PRACTICE_TRAINER,
}


def _enrolment(obj):
    return getattr(obj, "enrolment", obj)


def _holds_deciding_role(user, enrolment) -> bool:
    """The policy's deciding role, as an assignment on the enrolment or a role in its team."""
    role = policy_for(enrolment).deciding_role
    if roles_of(user).in_team(enrolment.team_id, ROLE_FOR[role]):
        return True
    return enrolment.assignments.active().filter(person_id=user.pk, capacity=role).exists()


def refusal_to_decide(user, assessment):
    """Why ``user`` may not decide ``assessment`` (a Dutch sentence), or None when they may."""
    enrolment = assessment.enrolment
    if not user.is_authenticated or enrolment.organisation_id != user.organisation_id:
        return _("Je hoort niet bij deze organisatie.")
    if enrolment.learner_id == user.pk:
        return _("Je kunt niet over je eigen bekwaamheid beslissen.")
    policy = policy_for(enrolment)
    if not policy.first_supervisor_may_decide and is_first_supervisor_of(user, enrolment):
        return _(
            "Je bent de eerste begeleider van deze lerende. Wie begeleidt, beslist niet: "
            "een andere beoordelaar neemt het besluit. Zo blijven begeleiden en beoordelen gescheiden."
        )
    if not _holds_deciding_role(user, enrolment):
        return _(
            "Volgens het beoordelingsbeleid beslist een %(role)s; die rol heb je hier niet."
        ) % {"role": DecidingRole(policy.deciding_role).label}
    # The organisation's qualifications to sign (assessor training, recent calibration).
    eligibility = eligibility_of(user)
    if not eligibility.may_sign:
        return (
            _("Je organisatie vraagt bepaalde kwalificaties om summatieve besluiten te nemen.")
            + " "
            + eligibility.reason
        )
    return None


@rules.predicate
def may_decide(user, assessment):
    return assessment is not None and refusal_to_decide(user, assessment) is None


@rules.predicate
def is_open(user, assessment):
    return assessment is not None and assessment.status in (
        AssessmentStatus.REQUESTED,
        AssessmentStatus.IN_PROGRESS,
    )


@rules.predicate
def decided_by_committee(user, assessment):
    return (
        assessment is not None
        and policy_for(assessment.enrolment).review_mode == ReviewMode.COMMITTEE
    )


@rules.predicate
def is_own_decision(user, assessment):
    return assessment is not None and assessment.assessor_id == user.pk


@rules.predicate
def awaits_confirmation(user, assessment):
    return assessment is not None and assessment.status == AssessmentStatus.AWAITING_CONFIRMATION


@rules.predicate
def is_signed(user, assessment):
    return assessment is not None and assessment.signed_at is not None


@rules.predicate
def is_team_assessor_of(user, obj):
    enrolment = _enrolment(obj)
    return (
        enrolment is not None
        and enrolment.organisation_id == user.organisation_id
        and roles_of(user).in_team(enrolment.team_id, Role.ASSESSOR)
    )


@rules.predicate
def is_learner_of(user, obj):
    return is_enrolment_learner(user, _enrolment(obj))


@rules.predicate
def is_assigned_to_enrolment_of(user, obj):
    return is_assigned_to(user, _enrolment(obj))


@rules.predicate
def is_trainer_of_enrolment_of(user, obj):
    return is_team_trainer_of(user, _enrolment(obj))


can_see_enrolment = (
    is_learner_of | is_assigned_to_enrolment_of | is_trainer_of_enrolment_of | is_team_assessor_of
)
rules.add_perm("assessment.view_assessment", rules.is_authenticated & can_see_enrolment)
rules.add_perm("assessment.request_assessment", rules.is_authenticated & is_learner_of)
rules.add_perm("assessment.start_assessment", rules.is_authenticated & is_trainer_of_enrolment_of)
rules.add_perm("assessment.decide", rules.is_authenticated & is_open & may_decide)
rules.add_perm(
    "assessment.confirm",
    rules.is_authenticated & awaits_confirmation & may_decide & ~is_own_decision,
)
# A committee member: whoever may decide (the same test as for a second assessor).
rules.add_perm(
    "assessment.record_committee_view",
    rules.is_authenticated & is_open & decided_by_committee & may_decide,
)
rules.add_perm("assessment.correct", rules.is_authenticated & is_signed & may_decide)
rules.add_perm("assessment.view_policy", rules.is_authenticated & same_organisation)
rules.add_perm(
    "assessment.manage_policy", rules.is_authenticated & (is_org_admin | is_hr) & same_organisation
)
# The organisation's requirements to sign summative decisions (qualifications).
rules.add_perm(
    "assessment.manage_signing_requirements", rules.is_authenticated & (is_org_admin | is_hr)
)


# --- the register ---------------------------------------------------------------------


@rules.predicate
def is_register_overseer(user):
    return roles_of(user).has(Role.HR, Role.MANAGER, Role.ADMIN)


@rules.predicate
def works_in_team(user, team):
    from .queries import REGISTER_TEAM_ROLES

    return team is not None and roles_of(user).in_team(team.pk, *REGISTER_TEAM_ROLES)


rules.add_perm("assessment.view_register", rules.is_authenticated)
rules.add_perm(
    "assessment.view_team_matrix",
    rules.is_authenticated & same_organisation & (is_register_overseer | works_in_team),
)
rules.add_perm("assessment.export_register", rules.is_authenticated & is_register_overseer)


# --- the performance log --------------------------------------------------------------


@rules.predicate
def is_named_confirmer(user, performance):
    return (
        performance is not None
        and performance.organisation_id == user.organisation_id
        and performance.confirmer_id == user.pk
        and performance.person_id != user.pk
    )


@rules.predicate
def is_unanswered(user, performance):
    return (
        performance is not None
        and performance.confirmed_at is None
        and performance.declined_at is None
    )


# Everyone logs their own performances and sees what colleagues ask them to confirm.
rules.add_perm("assessment.log_performance", rules.is_authenticated)
rules.add_perm(
    "assessment.answer_performance",
    rules.is_authenticated & is_named_confirmer & is_unanswered,
)


# --- progress pictures ----------------------------------------------------------------
from begeleid.programmes.rules import is_current_supervisor_of, is_team_trainer  # noqa: E402

# The learner, whoever guides or assesses them now (an assignment, or an assessor of
# their team: a committee member), and the trainers of their team. Signed levels are
# summative; the self-ratings on the page stay formative (progress.data.self_ratings_for).
rules.add_perm(
    "assessment.view_progress",
    rules.is_authenticated
    & (
        is_enrolment_learner
        | is_current_supervisor_of
        | is_team_trainer_of
        | is_assigned_to
        | is_team_assessor_of
    ),
)
# The cohort of a programme, for those who train teams (scoped to their own teams).
rules.add_perm(
    "assessment.view_cohort_progress", rules.is_authenticated & same_organisation & is_team_trainer
)
