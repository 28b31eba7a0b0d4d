"""Reads of the assessment app, scoped to the user's organisation."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import BigIntegerField, Count, DateField, F, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from begeleid.core.compiled import PreparedQuery
from begeleid.frameworks.enums import FrameworkStatus
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership
from begeleid.organisations.queries import roles_of
from begeleid.programmes.models import Programme
from begeleid.programmes.queries import active_enrolments_of, enrolments_visible_to

from .eligibility import eligibility_of
from .enums import AssessmentStatus, RubricStatus
from .models import (
    Assessment,
    AssessmentPolicy,
    Competence,
    CompetenceDeclaration,
    Criterion,
    Framework,
    ProcedurePerformance,
    Rubric,
    RubricVersion,
    SigningRequirement,
    tree_order,
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


REGISTER_ORGANISATION_ROLES = (Role.HR, Role.MANAGER, Role.ADMIN)
REGISTER_TEAM_ROLES = (
    Role.SUPERVISOR,
    Role.SPECIALIST,
    Role.PRACTICE_TRAINER,
    Role.ASSESSOR,
    Role.TEAM_LEADER,
    Role.COORDINATOR,
)
REGISTER_OVERSIGHT_TEAM_ROLES = (Role.PRACTICE_TRAINER, Role.TEAM_LEADER, Role.COORDINATOR)


def declarations_for(user):
    """Own declarations; those of the people in teams the user trains or leads; all for
    HR, managers and administrators."""
    declarations = CompetenceDeclaration.objects.filter(organisation_id=user.organisation_id)
    roles = roles_of(user)
    if not roles.organisation & set(REGISTER_ORGANISATION_ROLES):
        teams = roles.teams_with(*REGISTER_OVERSIGHT_TEAM_ROLES)
        members = Membership.objects.active_on(_today()).filter(team_id__in=teams)
        declarations = declarations.filter(
            Q(person_id=user.pk) | Q(person_id__in=members.values("person_id"))
        )
    return declarations.select_related("person", "competence__framework", "decision").order_by(
        "person__full_name", "competence__code", "-valid_from", "id"
    )


def _today():
    return timezone.localdate()


def team_matrix(team, day):
    """Who in ``team`` may do which reserved or risky procedure on ``day``.

    Returns (people, competences, cells) where cells[(person_id, competence_id)] is the
    declaration valid that day (with its derived status), in a fixed number of queries.
    """
    member_ids = Membership.objects.active_on(day).filter(team=team).values("person_id")
    people = list(
        get_user_model()
        .objects.filter(pk__in=member_ids, is_active=True)
        .order_by("full_name", "id")
    )
    competences = list(
        Competence.objects.filter(
            organisation_id=team.organisation_id, framework__status=FrameworkStatus.PUBLISHED
        )
        .filter(Q(is_reserved=True) | Q(is_risky=True))
        .order_by("framework__title", "code", "title")
    )
    cells = {
        (d.person_id, d.competence_id): d
        for d in CompetenceDeclaration.objects.valid_on(day).filter(
            person_id__in=[p.pk for p in people], competence__in=competences
        )
    }
    return people, competences, cells


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


# --- the performance log and the frequency rule ------------------------------------------


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


@dataclass(frozen=True)
class FrequencyStatus:
    """Whether the frequency rule is met: ``count`` confirmed performances in the window."""

    met: bool
    count: int
    required: int
    months: int

    @property
    def message(self) -> str:
        months = ngettext(
            "in de afgelopen %(months)s maand", "in de afgelopen %(months)s maanden", self.months
        ) % {"months": self.months}
        times = ngettext("%(n)s keer", "%(n)s keer", self.count) % {"n": self.count}
        if self.met:
            return _("Frequentie gehaald: %(times)s %(months)s") % {
                "times": times,
                "months": months,
            }
        return _("Frequentie niet gehaald: %(count)s van de %(required)s keer %(months)s") % {
            "count": self.count,
            "required": self.required,
            "months": months,
        }


def _has_rule(policy) -> bool:
    return bool(policy and policy.min_performances and policy.per_months)


def _window_start(policy, day):
    from .services.register import add_months

    return add_months(day, -policy.per_months)


def frequency_status(person, competence, policy, day=None) -> FrequencyStatus | None:
    """Met or not: at least ``min_performances`` CONFIRMED performances of ``competence``
    by ``person`` in the last ``per_months`` months up to ``day``. None without a rule."""
    if not _has_rule(policy):
        return None
    day = day or _today()
    count = ProcedurePerformance.objects.filter(
        person=person,
        competence=competence,
        confirmed_at__isnull=False,
        performed_on__gt=_window_start(policy, day),
        performed_on__lte=day,
    ).count()
    return FrequencyStatus(
        count >= policy.min_performances, count, policy.min_performances, policy.per_months
    )


_DECISION_PATH = "programme__versions__enrolments__assessments__pk"
# The register's page reads these two for its rows: built and compiled once per process
# (core.compiled), bound per request.
_POLICIES_OF_DECISIONS = PreparedQuery(
    lambda decisions: AssessmentPolicy.objects.filter(
        **{f"{_DECISION_PATH}__in": decisions},
        min_performances__isnull=False,
        per_months__isnull=False,
    ).annotate(decision_pk=F(_DECISION_PATH)),
    decisions=[BigIntegerField()],
)
_CONFIRMED_PERFORMANCES = PreparedQuery(
    lambda people, competences, since, day: ProcedurePerformance.objects.filter(
        person_id__in=people,
        competence_id__in=competences,
        confirmed_at__isnull=False,
        performed_on__gt=since,
        performed_on__lte=day,
    ).values_list("person_id", "competence_id", "performed_on"),
    people=[BigIntegerField()],
    competences=[BigIntegerField()],
    since=DateField(),
    day=DateField(),
)


def frequency_by_declaration(declarations, day=None) -> dict:
    """{declaration id: FrequencyStatus} for the valid declarations among ``declarations``
    whose decision's programme has a frequency rule. At most two queries, whatever the
    number of declarations."""
    from .enums import DeclarationStatus

    day = day or _today()
    valid = [
        d
        for d in declarations
        if d.decision_id
        and d.status_on(day) in (DeclarationStatus.VALID, DeclarationStatus.EXPIRING)
    ]
    if not valid:
        return {}
    policies = {
        p.decision_pk: p
        for p in _POLICIES_OF_DECISIONS(decisions=sorted({d.decision_id for d in valid}))
    }
    ruled = [(d, policies[d.decision_id]) for d in valid if d.decision_id in policies]
    if not ruled:
        return {}
    starts = {d.pk: _window_start(p, day) for d, p in ruled}
    done = _CONFIRMED_PERFORMANCES(
        people=sorted({d.person_id for d, _p in ruled}),
        competences=sorted({d.competence_id for d, _p in ruled}),
        since=min(starts.values()),
        day=day,
    )
    # The people and competences cross: group the dates per pair once, rather than scan
    # every performance read for every declaration.
    dates = defaultdict(list)
    for person_id, competence_id, on in done:
        dates[person_id, competence_id].append(on)
    result = {}
    for d, p in ruled:
        count = sum(1 for on in dates[d.person_id, d.competence_id] if on > starts[d.pk])
        result[d.pk] = FrequencyStatus(
            count >= p.min_performances, count, p.min_performances, p.per_months
        )
    return result
