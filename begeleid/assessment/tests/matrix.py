from begeleid.assessment.enums import ReviewMode
from begeleid.assessment.models import AssessmentPolicy
from begeleid.assessment.services.decisions import sign_assessment
from begeleid.organisations.enums import Role
from tests.authz import Case, everyone, only
from tests.factories import give_role

from .cast import decide, qualify

framework = lambda c: {"uuid": c.framework.uuid}  # noqa: E731
published = lambda c: {"uuid": c.rubric_version.uuid}  # noqa: E731
draft = lambda c: {"uuid": c.draft_rubric_version.uuid}  # noqa: E731

CASES = [
    Case("assessment:framework_list", everyone()),
    Case("assessment:framework_detail", everyone(stranger=404), kwargs=framework),
    Case("assessment:framework_import", only("admin", "hr", stranger=200)),
    Case(
        "assessment:framework_import",
        only("admin", "hr", stranger=200),
        method="post",
        data=lambda c: {},
        note="empty form",
    ),
    Case("assessment:framework_export", only("admin", "hr"), kwargs=framework),
    Case("assessment:rubric_list", everyone()),
    Case("assessment:rubric_version_detail", everyone(stranger=404), kwargs=published),
    Case(
        "assessment:rubric_version_publish",
        only("admin", "hr", ok=302),
        kwargs=draft,
        method="post",
    ),
    Case(
        "assessment:rubric_version_new_draft",
        only("admin", "hr", ok=302),
        kwargs=published,
        method="post",
    ),
]


def _decided(cast):
    decide(cast, cast.assessment, cast.assessor)


def _awaiting_confirmation(cast):
    AssessmentPolicy.objects.create(
        organisation=cast.organisation,
        programme=cast.programme,
        review_mode=ReviewMode.SECOND_ASSESSOR,
    )
    give_role(cast.team_leader, Role.ASSESSOR, cast.team)
    qualify(cast, cast.team_leader)
    sign_assessment(assessment=decide(cast, cast.assessment, cast.assessor), by=cast.assessor)


def _committee(cast):
    AssessmentPolicy.objects.create(
        organisation=cast.organisation,
        programme=cast.programme,
        review_mode=ReviewMode.COMMITTEE,
    )
    give_role(cast.team_leader, Role.ASSESSOR, cast.team)
    qualify(cast, cast.team_leader)


enrolment = lambda c: {"uuid": c.enrolment.uuid}  # noqa: E731
assessment = lambda c: {"uuid": c.assessment.uuid}  # noqa: E731
signed = lambda c: {"uuid": c.signed_assessment.uuid}  # noqa: E731
programme = lambda c: {"uuid": c.programme.uuid}  # noqa: E731
# Who sees the enrolment: the learner, whoever is assigned to it now, its team's trainers.
NOT_VISIBLE = dict.fromkeys(["other_learner", "former_supervisor", "hr", "admin", "outsider"], 404)

CASES += [
    Case(
        "assessment:criterion_add",
        only("admin", "hr", ok=302),
        kwargs=draft,
        method="post",
        data=lambda c: {"title": "Rapporteert in het dossier"},
    ),
    Case(
        "assessment:criterion_edit",
        only("admin", "hr"),
        kwargs=lambda c: {"uuid": c.draft_rubric_version.criteria.get().uuid},
    ),
    Case("assessment:assessment_list", everyone()),
    Case(
        "assessment:assessment_new",
        only("learner", "practice_trainer", "team_leader", **NOT_VISIBLE),
        kwargs=enrolment,
    ),
    Case(
        "assessment:assessment_new",
        only("learner", "practice_trainer", "team_leader", ok=302, **NOT_VISIBLE),
        kwargs=enrolment,
        method="post",
        data=lambda c: {"competence": c.framework.items.get(code="VH").pk},
    ),
    Case(
        "assessment:assessment_detail",
        only(
            "learner",
            "supervisor",
            "specialist",
            "practice_trainer",
            "assessor",
            "team_leader",
            **NOT_VISIBLE,
        ),
        kwargs=assessment,
    ),
    Case("assessment:assessment_decide", only("assessor", **NOT_VISIBLE), kwargs=assessment),
    Case(
        "assessment:assessment_sign",
        only("assessor", ok=302, **NOT_VISIBLE),
        kwargs=assessment,
        method="post",
        setup=_decided,
    ),
    Case(
        "assessment:assessment_confirm",
        only("team_leader", **NOT_VISIBLE),
        kwargs=assessment,
        setup=_awaiting_confirmation,
        note="second assessor",
    ),
    Case(
        "assessment:committee_view_record",
        only("assessor", "team_leader", **NOT_VISIBLE),
        kwargs=assessment,
        setup=_committee,
        note="committee member",
    ),
    Case(
        "assessment:committee_view_record",
        only("assessor", "team_leader", ok=302, **NOT_VISIBLE),
        kwargs=assessment,
        method="post",
        data=lambda c: {"outcome": "competent", "rationale": "Zorgvuldig uitgevoerd."},
        setup=_committee,
        note="committee member",
    ),
    Case("assessment:assessment_correct", only("assessor", **NOT_VISIBLE), kwargs=signed),
    Case("assessment:policy_detail", everyone(stranger=404), kwargs=programme),
    Case("assessment:policy_edit", only("admin", "hr"), kwargs=programme),
    Case("assessment:register_list", everyone()),
    Case("assessment:register_export", only("admin", "hr", stranger=200)),
    Case(
        "assessment:team_matrix",
        only(
            "supervisor",
            "specialist",
            "practice_trainer",
            "assessor",
            "team_leader",
            "hr",
            "admin",
        ),
        kwargs=lambda c: {"uuid": c.team.uuid},
    ),
]

CASES += [
    # HR and administrators set the organisation's own requirements (the stranger theirs).
    Case("assessment:signing_requirements", only("admin", "hr", stranger=200)),
    Case(
        "assessment:signing_requirements",
        only("admin", "hr", ok=302, stranger=302),
        method="post",
        data=lambda c: {"active_bt": "on", "months_bt": "", "months_kal": "12", "months_erk": ""},
    ),
]


# --- the performance log ----------------------------------------------------------------


def _performance_to_confirm(cast):
    from begeleid.assessment.services.performances import log_performance

    cast.extra["performance"] = log_performance(
        person=cast.learner,
        competence=cast.competence,
        performed_on=cast.assessment.created_at.date(),
        confirmer=cast.supervisor,
        by=cast.learner,
    )


CASES += [
    Case("assessment:performance_list", everyone()),
    Case(
        "assessment:performance_list",
        everyone(),
        method="post",
        data=lambda c: {},
        note="empty form",
    ),
    Case(
        "assessment:performance_list",
        # Nobody names themselves; the stranger cannot choose our procedure or colleague.
        everyone(ok=302, team_leader=200, stranger=200),
        method="post",
        data=lambda c: {
            "competence": c.competence.uuid,
            "performed_on": c.assessment.created_at.date().isoformat(),
            "confirmer": c.team_leader.uuid,
        },
        note="valid",
    ),
    Case("assessment:performance_confirmations", everyone()),
    Case(
        "assessment:performance_answer",
        only("supervisor", ok=302, others=404, learner=403),
        kwargs=lambda c: {"uuid": c.performance.uuid},
        method="post",
        data=lambda c: {"answer": "confirm"},
        setup=_performance_to_confirm,
    ),
]

# Progress pictures: the learner, whoever guides or assesses them now, the trainers of
# their team (self-ratings on it stay formative: test_progress_self). The cohort: those
# who train a team.
CASES += [
    Case(
        "assessment:learner_progress",
        only(
            "learner",
            "supervisor",
            "specialist",
            "practice_trainer",
            "assessor",
            "team_leader",
            **NOT_VISIBLE,
        ),
        kwargs=enrolment,
    ),
    Case("assessment:cohort_progress", only("practice_trainer", "team_leader"), kwargs=programme),
]
