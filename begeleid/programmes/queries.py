"""Reads about programmes and enrolments, always scoped to the user's organisation."""

from django.core.paginator import Page, Paginator
from django.db.models import (
    BigIntegerField,
    Count,
    DateField,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    UUIDField,
    Window,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.core.compiled import PreparedQuery
from begeleid.core.lists import CountedRows
from begeleid.organisations.enums import Role
from begeleid.organisations.queries import roles_of

from .enums import Capacity, EnrolmentStatus, VersionStatus
from .models import (
    Enrolment,
    Phase,
    PhaseTransition,
    Programme,
    ProgrammeVersion,
    SupervisionAssignment,
)

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
    return Enrolment.objects.filter(organisation_id=user.organisation_id).filter(
        _visible(user.pk, timezone.localdate(), trainer_team_ids(user))
    )


def _visible(person, today, teams) -> Q:
    """Own, guided or assessed on ``today``, or in one of the ``teams`` trained."""
    supervised = active_assignments(today).filter(person_id=person).values("enrolment_id")
    return Q(learner_id=person) | Q(pk__in=supervised) | Q(team_id__in=teams)


def with_assignments(queryset):
    """Enrolments with all their assignments (and people, professions) in one query."""
    return queryset.prefetch_related(
        Prefetch(
            "assignments",
            queryset=SupervisionAssignment.objects.select_related("person", "profession").order_by(
                "valid_from", "id"
            ),
        )
    )


_ENROLMENT_PAGE_RELATED = (
    "learner",
    "learner__profession",
    "team",
    "version__programme",
    "current_phase",
)


def _visible_enrolment(uuid, organisation, person, today, teams, related=()):
    """The enrolment ``uuid`` if ``enrolments_visible_to`` the person would list it."""
    return (
        Enrolment.objects.filter(organisation_id=organisation, uuid=uuid)
        .filter(_visible(person, today, teams))
        .select_related(*_ENROLMENT_PAGE_RELATED, *related)
    )


def _assignments_of(enrolment):
    return (
        SupervisionAssignment.objects.filter(enrolment_id=enrolment)
        .select_related("person", "profession")
        .order_by("valid_from", "id")
    )


_ASSIGNMENTS = PreparedQuery(_assignments_of, enrolment=BigIntegerField())


def _attach_assignments(enrolment):
    """``enrolment.assignments.all()`` as ``with_assignments`` prefetches it, through a
    prepared read: Django builds a prefetch's queryset anew on every call, which cost a
    page about a millisecond."""
    rows = _ASSIGNMENTS(enrolment=enrolment.pk)
    for row in rows:
        row.enrolment = enrolment  # as the prefetch does: no query back to the enrolment
    related = enrolment.assignments.all()
    related._result_cache = rows
    related._prefetch_done = True
    cache = getattr(enrolment, "_prefetched_objects_cache", {})
    enrolment._prefetched_objects_cache = {**cache, "assignments": related}
    return enrolment


# Every page about one enrolment starts here (timeline, feedback form, guidance page):
# built and compiled once per process (core.compiled), bound per request.
_VISIBLE_ENROLMENT = PreparedQuery(
    _visible_enrolment,
    uuid=UUIDField(),
    organisation=BigIntegerField(),
    person=BigIntegerField(),
    today=DateField(),
    teams=[BigIntegerField()],
)


def prepared_enrolment_read(*related) -> PreparedQuery:
    """``get_enrolment_for``'s read with more related objects selected along (for a page
    that needs them), prepared like it: pass it as ``read``."""
    return PreparedQuery(
        lambda **params: _visible_enrolment(**params, related=related),
        uuid=UUIDField(),
        organisation=BigIntegerField(),
        person=BigIntegerField(),
        today=DateField(),
        teams=[BigIntegerField()],
    )


def get_enrolment_for(user, uuid, read=_VISIBLE_ENROLMENT) -> Enrolment:
    """The enrolment ``uuid`` with its people and assignments, if the user may see it
    (``enrolments_visible_to``); otherwise 404."""
    if user.is_authenticated:
        found = read(
            uuid=uuid,
            organisation=user.organisation_id,
            person=user.pk,
            today=timezone.localdate(),
            teams=sorted(trainer_team_ids(user)),
        )
        if found:
            return _attach_assignments(found[0])
    raise Http404("No enrolment matches the given query.")


def supervised_enrolments(user, capacities=None, today=None):
    """Enrolments on which the user holds an assignment active ``today`` (by default the
    local date), optionally in ``capacities``."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    assignments = active_assignments(today).filter(person_id=user.pk)
    if capacities:
        assignments = assignments.filter(capacity__in=list(capacities))
    return Enrolment.objects.filter(
        organisation_id=user.organisation_id, pk__in=assignments.values("enrolment_id")
    )


def enrolments_for_team_overview(user, filters=None):
    """All enrolments of the teams the user trains (practice trainer, team leader,
    coordinator), as the team's list shows them: one dictionary per enrolment, in one
    query for 1 or 1,000 rows (no model instances, only the columns the list shows):
    ``uuid``, ``status``, ``learner_name``, ``profession_id`` and ``profession`` (the
    learner's, or None), ``team_name``, ``programme_name``, ``version_number``,
    ``phase_name`` and ``first_supervisor`` (the full name of the first supervisor
    assigned today, as ``Enrolment.first_supervisor``; None if there is none).

    ``filters``: ``team`` (a Team), ``status`` (EnrolmentStatus value), ``phase_kind``
    (PhaseKind value), ``q`` (part of the learner's name)."""
    filters = filters or {}
    rows = Enrolment.objects.filter(
        organisation_id=user.organisation_id, team_id__in=trainer_team_ids(user)
    )
    if filters.get("team") is not None:
        rows = rows.filter(team=filters["team"])
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    if filters.get("phase_kind"):
        rows = rows.filter(current_phase__kind=filters["phase_kind"])
    if filters.get("q"):
        rows = rows.filter(learner__full_name__icontains=filters["q"])
    return _overview_rows(rows, timezone.localdate())


def _overview_rows(enrolments, today):
    first_supervisor = (
        active_assignments(today)
        .filter(enrolment_id=OuterRef("pk"), capacity=Capacity.FIRST_SUPERVISOR)
        .order_by("valid_from", "id")
        .values("person__full_name")[:1]
    )
    return enrolments.order_by("learner__full_name", "id").values(
        "uuid",
        "status",
        learner_name=F("learner__full_name"),
        profession_id=F("learner__profession_id"),
        profession=F("learner__profession__name"),
        team_name=F("team__name"),
        programme_name=F("version__programme__name"),
        version_number=F("version__number"),
        phase_name=F("current_phase__name"),
        first_supervisor=Subquery(first_supervisor),
    )


TEAM_OVERVIEW_PAGE_SIZE = 25


def _counted(rows):
    """``rows`` with the number of rows in the whole list (a window count)."""
    return rows.annotate(rows_in_list=Window(Count("pk")))


def _overview_first_page(organisation, teams, today):
    """The first page of the list without filters, counted (``team_overview_page``)."""
    enrolments = Enrolment.objects.filter(organisation_id=organisation, team_id__in=teams)
    return _counted(_overview_rows(enrolments, today))[:TEAM_OVERVIEW_PAGE_SIZE]


# What a practice trainer or team leader sees on opening the list: built and compiled
# once per process (core.compiled), bound per request.
_OVERVIEW_FIRST_PAGE = PreparedQuery(
    _overview_first_page,
    shape=lambda: TEAM_OVERVIEW_PAGE_SIZE,
    organisation=BigIntegerField(),
    teams=[BigIntegerField()],
    today=DateField(),
)


def team_overview_page(user, filters, number, per_page=TEAM_OVERVIEW_PAGE_SIZE) -> Page:
    """Page ``number`` of ``enrolments_for_team_overview(user, filters)`` (with
    ``with_status_labels``), as ``Paginator(rows, per_page).get_page(number)`` gives it,
    with the number of rows read with the page's rows (a window count over the whole
    list) instead of by a COUNT query of its own; the first page without filters is a
    prepared read. A page past the end or a number that is not one goes through the
    paginator as usual."""
    try:
        wanted = int(number or 1)
    except (TypeError, ValueError):
        wanted = 0
    if wanted >= 1:
        offset = (wanted - 1) * per_page
        if wanted == 1 and not filters and per_page == TEAM_OVERVIEW_PAGE_SIZE:
            found = _OVERVIEW_FIRST_PAGE(
                organisation=user.organisation_id,
                teams=sorted(trainer_team_ids(user)),
                today=timezone.localdate(),
            )
        else:
            rows = _counted(enrolments_for_team_overview(user, filters))
            found = list(rows[offset : offset + per_page])
        if found or wanted == 1:
            total = found[0]["rows_in_list"] if found else 0
            page = Paginator(CountedRows(found, offset, total), per_page).get_page(wanted)
            page.object_list = with_status_labels(page.object_list)
            return page
    page = Paginator(enrolments_for_team_overview(user, filters), per_page).get_page(number)
    page.object_list = with_status_labels(page.object_list)
    return page


def with_status_labels(rows) -> list[dict]:
    """``rows`` of ``enrolments_for_team_overview`` with ``status_label``, the status as
    ``get_status_display`` names it."""
    labels = dict(EnrolmentStatus.choices)
    rows = list(rows)
    for row in rows:
        row["status_label"] = labels.get(row["status"], row["status"])
    return rows


def phase_history(enrolment):
    return (
        PhaseTransition.objects.filter(enrolment=enrolment)
        .select_related("from_phase", "to_phase", "by")
        .order_by("-at", "-id")
    )


def phases_of(version):
    return version.phases.prefetch_related("guidance_targets").order_by("position", "id")


# Programmes


def programmes_for(user):
    return Programme.objects.filter(organisation_id=user.organisation_id)


def programme_list_for(user):
    """Programmes with their versions (newest first) loaded in one more query."""
    return (
        programmes_for(user)
        .prefetch_related(
            Prefetch("versions", queryset=ProgrammeVersion.objects.order_by("-number"))
        )
        .order_by("name", "id")
    )


def get_programme_for(user, uuid) -> Programme:
    return get_object_or_404(programme_list_for(user), uuid=uuid)


def get_version_for(user, uuid) -> ProgrammeVersion:
    return get_object_or_404(
        ProgrammeVersion.objects.filter(organisation_id=user.organisation_id)
        .select_related("programme", "published_by")
        .prefetch_related("target_professions"),
        uuid=uuid,
    )


def get_phase_for(user, uuid) -> Phase:
    return get_object_or_404(
        Phase.objects.filter(organisation_id=user.organisation_id)
        .select_related("version__programme")
        .prefetch_related("guidance_targets"),
        uuid=uuid,
    )


def published_versions_for(user):
    return (
        ProgrammeVersion.objects.filter(
            organisation_id=user.organisation_id, status=VersionStatus.PUBLISHED
        )
        .select_related("programme")
        .order_by("programme__name", "-number")
    )


def get_assignment_for(user, uuid) -> SupervisionAssignment:
    """An assignment of an enrolment the user may see (404 otherwise)."""
    return get_object_or_404(
        SupervisionAssignment.objects.filter(
            enrolment__in=enrolments_visible_to(user)
        ).select_related("enrolment", "person"),
        uuid=uuid,
    )


def active_enrolments_of(learner):
    return Enrolment.objects.filter(learner=learner, status=EnrolmentStatus.ACTIVE)
