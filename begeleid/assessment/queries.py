"""Reads of the assessment app, scoped to the user's organisation."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from begeleid.frameworks.enums import FrameworkStatus
from begeleid.organisations.enums import Role
from begeleid.organisations.queries import roles_of
from begeleid.programmes.models import Programme
from begeleid.programmes.queries import active_enrolments_of, enrolments_visible_to

from .eligibility import eligibility_of
from .enums import AssessmentStatus, RubricStatus
from .models import (
    Assessment,
    Competence,
    Criterion,
    Framework,
    ProcedurePerformance,
    Rubric,
    RubricVersion,
    SigningRequirement,
    tree_order,
)
from .queries_register import (  # noqa: F401 (the register's reads, re-exported)
    REGISTER_ORGANISATION_ROLES,
    REGISTER_OVERSIGHT_TEAM_ROLES,
    REGISTER_TEAM_ROLES,
    FrequencyStatus,
    declarations_for,
    frequency_by_declaration,
    frequency_status,
    register_page,
    team_matrix,
)


def frameworks_for(user):
    return (
        Framework.objects.filter(organisation_id=user.organisation_id)
        .annotate(item_count=Count("items"))
        .order_by("title", "version", "id")
    )


def get_framework_for(user, uuid) -> Framework:
    return get_object_or_404(
        Framework.objects.filter(organisation_id=user.organisation_id).select_related(
            "organisation"
        ),
        uuid=uuid,
    )


def framework_tree(framework) -> list:
    return tree_order(list(framework.items.all()))


def rubrics_for(user):
    versions = RubricVersion.objects.select_related("scale").order_by("-number")
    return (
        Rubric.objects.filter(organisation_id=user.organisation_id)
        .prefetch_related(Prefetch("versions", queryset=versions))
        .order_by("name", "id")
    )


def get_rubric_version_for(user, uuid) -> RubricVersion:
    criteria = Criterion.objects.select_related("competence").prefetch_related("descriptors")
    return get_object_or_404(
        RubricVersion.objects.filter(organisation_id=user.organisation_id)
        .select_related("rubric", "scale", "published_by")
        .prefetch_related("scale__levels", Prefetch("criteria", queryset=criteria)),
        uuid=uuid,
    )


def rubric_grid(version: RubricVersion):
    """Rows of (criterion, [descriptor text per scale level, low to high])."""
    levels = list(version.scale.levels.all())
    rows = []
    for criterion in version.criteria.all():
        texts = {d.level_id: d.text for d in criterion.descriptors.all()}
        rows.append((criterion, [(level, texts.get(level.id, "")) for level in levels]))
    return levels, rows


# --- assessments and the register -----------------------------------------------------


def _visible_assessments(user):
    assessor_teams = roles_of(user).teams_with(Role.ASSESSOR)
    return Assessment.objects.filter(organisation_id=user.organisation_id).filter(
        Q(enrolment__in=enrolments_visible_to(user).values("pk"))
        | Q(enrolment__team_id__in=assessor_teams)
    )


def assessments_for(user):
    return (
        _visible_assessments(user)
        .select_related("enrolment__learner", "enrolment__team", "competence", "assessor")
        .order_by("-created_at", "-id")
    )


def own_enrolments(user):
    """The user's active enrolments, to request an assessment from."""
    return (
        active_enrolments_of(user)
        .filter(organisation_id=user.organisation_id)
        .select_related("version__programme", "team")
        .order_by("-start_date", "id")
    )


def get_assessment_for(user, uuid):
    return get_object_or_404(
        _visible_assessments(user).select_related(
            "enrolment__learner",
            "enrolment__team",
            "enrolment__version__programme",
            "competence__framework",
            "rubric_version__rubric",
            "rubric_version__scale",
            "assessor",
            "second_assessor",
            "requested_by",
            "supersedes",
        ),
        uuid=uuid,
    )


def assessment_scores(assessment):
    return assessment.scores.select_related("criterion", "level").order_by("criterion__position")


def assessment_evidence(assessment):
    return assessment.evidence.prefetch_related("feedback", "entries").order_by("-created_at")


def competences_for(user):
    return (
        Competence.objects.filter(
            organisation_id=user.organisation_id, framework__status=FrameworkStatus.PUBLISHED
        )
        .select_related("framework")
        .order_by("framework__title", "code", "title")
    )


def published_rubric_versions_for(user):
    return (
        RubricVersion.objects.filter(
            organisation_id=user.organisation_id, status=RubricStatus.PUBLISHED
        )
        .select_related("rubric")
        .order_by("rubric__name")
    )


def get_programme_for(user, uuid):
    return get_object_or_404(
        Programme.objects.filter(organisation_id=user.organisation_id), uuid=uuid
    )


def get_criterion_for(user, uuid):
    return get_object_or_404(
        Criterion.objects.filter(organisation_id=user.organisation_id).select_related(
            "version__rubric", "version__scale", "competence"
        ),
        uuid=uuid,
    )


# --- signing eligibility and the assessor's home ----------------------------------------


def signing_requirements_for(user) -> dict:
    """The organisation's requirements on its qualification competences, by identifier."""
    from .services.qualifications import QUALIFICATIONS_FRAMEWORK

    return {
        r.competence.identifier: r
        for r in SigningRequirement.objects.filter(
            organisation_id=user.organisation_id,
            competence__framework__identifier=QUALIFICATIONS_FRAMEWORK,
        ).select_related("competence")
    }


HOME_AWAITING = 10
HOME_SIGNED = 5


def awaiting_decision_of(user):
    """Open assessments in teams where the user assesses, or on enrolments they are assigned
    to as assessor: undecided or decided by them and not signed yet; or waiting for a second
    assessor who is not the one who decided. Never their own enrolments."""
    from begeleid.programmes.enums import Capacity
    from begeleid.programmes.models import SupervisionAssignment

    assigned = SupervisionAssignment.objects.active().filter(
        person_id=user.pk, capacity=Capacity.ASSESSOR
    )
    mine = Q(assessor__isnull=True) | Q(assessor_id=user.pk)
    return (
        Assessment.objects.filter(organisation_id=user.organisation_id)
        .filter(
            Q(enrolment__team_id__in=roles_of(user).teams_with(Role.ASSESSOR))
            | Q(enrolment__in=assigned.values("enrolment_id"))
        )
        .filter(
            Q(status__in=[AssessmentStatus.REQUESTED, AssessmentStatus.IN_PROGRESS]) & mine
            | Q(status=AssessmentStatus.AWAITING_CONFIRMATION) & ~Q(assessor_id=user.pk)
        )
        .exclude(enrolment__learner_id=user.pk)
        .select_related("enrolment__learner", "enrolment__team", "competence")
        .order_by("created_at", "id")
    )


def recently_signed_by(user):
    return (
        Assessment.objects.filter(organisation_id=user.organisation_id, signed_at__isnull=False)
        .filter(Q(assessor_id=user.pk) | Q(second_assessor_id=user.pk))
        .select_related("enrolment__learner", "competence")
        .order_by("-signed_at", "-id")
    )


def assessor_home(user) -> dict:
    """The assessor's home section: what waits for my decision, whether I may sign, and my
    latest signed decisions. A fixed number of queries, whatever the numbers."""
    awaiting = list(awaiting_decision_of(user)[: HOME_AWAITING + 1])
    return {
        "awaiting": awaiting[:HOME_AWAITING],
        "more_awaiting": len(awaiting) > HOME_AWAITING,
        "eligibility": eligibility_of(user),
        "signed": list(recently_signed_by(user)[:HOME_SIGNED]),
    }


def home_context(user, sections) -> dict:
    return {"assessment_home": assessor_home(user)} if "assessor" in sections else {}


def own_eligibility(user):
    """For people who assess: may they sign, and if not, what is missing. Else None."""
    return eligibility_of(user) if roles_of(user).has(Role.ASSESSOR) else None


# --- the performance log (its frequency rule: queries_register) ---------------------------


def procedures_for(user):
    """The procedures of the organisation's published frameworks, to log a performance of."""
    from begeleid.frameworks.enums import CompetenceKind

    return competences_for(user).filter(kind=CompetenceKind.PROCEDURE)


def colleagues_for(user):
    """Active colleagues of the user's organisation who can confirm a performance."""
    return (
        get_user_model()
        .objects.filter(organisation_id=user.organisation_id, is_active=True)
        .exclude(pk=user.pk)
        .order_by("full_name", "id")
    )


def own_performances(user):
    return (
        ProcedurePerformance.objects.filter(organisation_id=user.organisation_id, person=user)
        .select_related("competence", "confirmer", "confirmed_by")
        .order_by("-performed_on", "-id")
    )


def performances_to_confirm(user):
    """Performances a colleague asked the user to confirm, not yet answered."""
    return (
        ProcedurePerformance.objects.filter(
            organisation_id=user.organisation_id,
            confirmer=user,
            confirmed_at__isnull=True,
            declined_at__isnull=True,
        )
        .exclude(person=user)
        .select_related("person", "competence")
        .order_by("performed_on", "id")
    )


def get_performance_for(user, uuid):
    """A performance the user logged or was asked to confirm; else 404."""
    return get_object_or_404(
        ProcedurePerformance.objects.filter(organisation_id=user.organisation_id)
        .filter(Q(person=user) | Q(confirmer=user))
        .select_related("person", "competence", "confirmer"),
        uuid=uuid,
    )
