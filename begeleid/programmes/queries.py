"""Reads about programmes and enrolments, always scoped to the user's organisation."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from begeleid.organisations.enums import Role
from begeleid.organisations.queries import roles_of

from .models import Enrolment, SupervisionAssignment

# Roles that run the training of a team: they see and manage all its enrolments.
TEAM_TRAINER_ROLES = (Role.PRACTICE_TRAINER, Role.TEAM_LEADER, Role.COORDINATOR)


def trainer_team_ids(user) -> set[int]:
    """Teams in which the user is practice trainer, team leader or coordinator today."""
    return roles_of(user).teams_with(*TEAM_TRAINER_ROLES)


def active_assignments(day=None):
    return SupervisionAssignment.objects.active(day)


def enrolments_visible_to(user):
    """The learner's own enrolments, those the user guides or assesses now, and all
    enrolments of the teams the user trains (practice trainer, team leader, coordinator).
    Nobody else: not HR, not the administrator, not the manager."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    supervised = active_assignments().filter(person_id=user.pk).values("enrolment_id")
    return Enrolment.objects.filter(organisation_id=user.organisation_id).filter(
        Q(learner_id=user.pk) | Q(pk__in=supervised) | Q(team_id__in=trainer_team_ids(user))
    )


def with_assignments(queryset):
    """Enrolments with their assignments (and people, professions) loaded in one query."""
    return queryset.prefetch_related(
        Prefetch(
            "assignments",
            queryset=SupervisionAssignment.objects.select_related("person", "profession").order_by(
                "valid_from", "id"
            ),
        )
    )


def get_enrolment_for(user, uuid) -> Enrolment:
    return get_object_or_404(
        with_assignments(
            enrolments_visible_to(user).select_related(
                "learner", "learner__profession", "team", "version__programme", "current_phase"
            )
        ),
        uuid=uuid,
    )


def supervised_enrolments(user, capacities=None):
    """Enrolments on which the user holds an active assignment (optionally in ``capacities``)."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    assignments = active_assignments().filter(person_id=user.pk)
    if capacities:
        assignments = assignments.filter(capacity__in=list(capacities))
    return Enrolment.objects.filter(
        organisation_id=user.organisation_id, pk__in=assignments.values("enrolment_id")
    )
