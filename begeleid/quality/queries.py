"""Reads for calibration sessions, scoped to the user's organisation and relationships."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.assessment.models import Criterion, RubricVersion
from begeleid.assessment.queries import published_rubric_versions_for
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership, Team
from begeleid.organisations.queries import active_today_q, roles_of

from .enums import SessionStatus
from .models import CalibrationCase, CalibrationParticipant, CalibrationScore, CalibrationSession
from .rules import ASSESSING_STAFF, LEADS


def _org_level(user) -> bool:
    return roles_of(user).has(Role.HR, Role.MANAGER)


def sessions_for(user):
    """Sessions the user takes part in or whose team they lead; HR and managers see all."""
    sessions = CalibrationSession.objects.filter(organisation_id=user.organisation_id)
    if not _org_level(user):
        led = roles_of(user).teams_with(*LEADS)
        sessions = sessions.filter(Q(team_id__in=led) | Q(participants__person=user)).distinct()
    return (
        sessions.select_related("team", "rubric_version__rubric")
        .annotate(
            case_count=Count("cases", distinct=True),
            participant_count=Count("participants", distinct=True),
        )
        .order_by("-held_on", "-id")
    )


def get_session_for(user, uuid) -> CalibrationSession:
    return get_object_or_404(
        CalibrationSession.objects.filter(organisation_id=user.organisation_id)
        .select_related("team", "rubric_version__rubric", "rubric_version__scale")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=CalibrationParticipant.objects.select_related("person", "declaration"),
            ),
            "cases",
        ),
        uuid=uuid,
    )


def get_case_for(user, uuid) -> CalibrationCase:
    case = get_object_or_404(
        CalibrationCase.objects.filter(organisation_id=user.organisation_id).select_related(
            "session"
        ),
        uuid=uuid,
    )
    case.session = get_session_for(user, case.session.uuid)
    return case


def teams_led_by(user):
    led = roles_of(user).teams_with(*LEADS)
    return Team.objects.filter(organisation_id=user.organisation_id, pk__in=led).order_by("name")


def eligible_assessors(team):
    """The team's current staff who guide or assess, by name."""
    people = Membership.objects.filter(
        active_today_q(), team=team, role__in=ASSESSING_STAFF
    ).values("person_id")
    return get_user_model().objects.filter(pk__in=people, is_active=True).order_by("full_name")


def rubric_versions_for(user):
    return published_rubric_versions_for(user)


def rubric_with_levels(version: RubricVersion):
    """The rubric's criteria (with descriptors) and scale levels, low to high."""
    levels = list(version.scale.levels.all())
    criteria = list(
        Criterion.objects.filter(version=version)
        .prefetch_related("descriptors")
        .order_by("position", "id")
    )
    for criterion in criteria:
        texts = {d.level_id: d.text for d in criterion.descriptors.all()}
        criterion.cells = [(level, texts.get(level.id, "")) for level in levels]
    return criteria, levels


def progress(session):
    """Per participant, how many scores they gave (never the scores themselves)."""
    counts = dict(
        CalibrationScore.objects.filter(session=session)
        .values("assessor_id")
        .annotate(n=Count("id"))
        .values_list("assessor_id", "n")
    )
    return [(p, counts.get(p.person_id, 0)) for p in session.participants.all()]


def own_scores(session, user) -> dict:
    """{(case_id, criterion_id): value} of the user's own scores."""
    return {
        (case_id, criterion_id): value
        for case_id, criterion_id, value in CalibrationScore.objects.filter(
            session=session, assessor=user
        ).values_list("case_id", "criterion_id", "value")
    }


def cases_with_own_counts(session, user):
    """[(case, how many criteria the user scored)] in case order."""
    counts: dict = {}
    for case_id, _criterion in own_scores(session, user):
        counts[case_id] = counts.get(case_id, 0) + 1
    return [(case, counts.get(case.pk, 0)) for case in session.cases.all()]


def results_for_display(session, criteria):
    """The frozen results with titles and names attached, for the results page."""
    results = session.results or {}
    people = {p.person_id: p.person for p in session.participants.all()}
    titles = {c.pk: c for c in criteria}
    cases = list(session.cases.all())
    rows = []
    for figure in results.get("criteria", []):
        ranges = [(case, span) for case, span in zip(cases, figure.get("ranges", []), strict=False)]
        rows.append({**figure, "criterion": titles.get(figure["id"]), "case_ranges": ranges})
    assessors = [{**a, "person": people.get(a["id"])} for a in results.get("assessors", [])]
    return {"overall": results.get("overall", {}), "criteria": rows, "assessors": assessors}


def trend(team):
    """Closed sessions of the team, oldest first, with their overall agreement."""
    return (
        CalibrationSession.objects.filter(team=team, status=SessionStatus.CLOSED)
        .select_related("rubric_version__rubric")
        .order_by("held_on", "id")
    )


def today():
    return timezone.localdate()
