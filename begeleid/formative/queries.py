"""Reads of formative records, scoped to the user's organisation and relationships.

Who sees a record: the learner, the learner's current supervisors (guiding capacities),
and an assessor only for items the learner released to them and has not revoked.
"""

import datetime

from django.db.models import BigIntegerField, Count, DateTimeField, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.core.compiled import PreparedQuery
from begeleid.guidance.models import GuidanceMoment
from begeleid.programmes.enums import GUIDING_CAPACITIES, Capacity
from begeleid.programmes.models import Enrolment, SupervisionAssignment
from begeleid.programmes.queries import (
    get_enrolment_for,
    prepared_enrolment_read,
    with_assignments,
)

from .enums import EntryKind
from .links import attach, with_entry_links, with_feedback_links
from .models import (
    Attachment,
    Feedback,
    FeedbackReaction,
    FeedbackRequest,
    Notification,
    PortfolioEntry,
    Release,
    SelfRating,
)


def _assignments_of(user, capacities):
    return SupervisionAssignment.objects.active().filter(
        person_id=user.pk, capacity__in=list(capacities)
    )


def record_enrolments_for(user):
    """Enrolments whose formative record the user works with: own, or guided now."""
    guided = _assignments_of(user, GUIDING_CAPACITIES).values("enrolment_id")
    return Enrolment.objects.filter(organisation_id=user.organisation_id).filter(
        Q(learner_id=user.pk) | Q(pk__in=guided)
    )


def releases_visible_to(user):
    """Active releases addressed to one of the user's current assessor assignments, or
    released "for assessment" on an enrolment the user currently assesses."""
    mine = _assignments_of(user, [Capacity.ASSESSOR])
    return Release.objects.filter(
        organisation_id=user.organisation_id, revoked_at__isnull=True
    ).filter(
        Q(assignment__in=mine.values("pk"))
        | Q(assignment__isnull=True, enrolment_id__in=mine.values("enrolment_id"))
    )


def feedback_visible_to(user):
    released = Release.feedback.through.objects.filter(
        release__in=releases_visible_to(user)
    ).values("feedback_id")
    return Feedback.objects.filter(organisation_id=user.organisation_id).filter(
        Q(enrolment__in=record_enrolments_for(user)) | Q(pk__in=released)
    )


def entries_visible_to(user):
    released = Release.entries.through.objects.filter(release__in=releases_visible_to(user)).values(
        "portfolioentry_id"
    )
    return PortfolioEntry.objects.filter(organisation_id=user.organisation_id).filter(
        Q(enrolment__in=record_enrolments_for(user)) | Q(pk__in=released)
    )


def get_feedback_for(user, uuid) -> Feedback:
    reactions = FeedbackReaction.objects.select_related("author").order_by("created_at", "id")
    return get_object_or_404(
        feedback_visible_to(user)
        .select_related("author", "author_profession", "phase", "enrolment__learner", "request")
        .prefetch_related(
            Prefetch("reactions", queryset=reactions),
            "revisions__edited_by",
            "revisions__competences",
            "competences",
        ),
        uuid=uuid,
    )


def get_entry_for(user, uuid) -> PortfolioEntry:
    return get_object_or_404(
        entries_visible_to(user)
        .select_related("author", "phase", "enrolment__learner")
        .prefetch_related(
            "attachments",
            "competences",
            Prefetch(
                "self_ratings",
                queryset=SelfRating.objects.select_related("competence").order_by(
                    "competence__sequence", "competence__code", "id"
                ),
            ),
        ),
        uuid=uuid,
    )


def get_attachment_for(user, uuid) -> Attachment:
    return get_object_or_404(
        Attachment.objects.filter(entry__in=entries_visible_to(user)).select_related(
            "entry__enrolment__learner"
        ),
        uuid=uuid,
    )


def get_request_for(user, uuid) -> FeedbackRequest:
    """A request the user sent (as learner) or received (as colleague)."""
    return get_object_or_404(
        FeedbackRequest.objects.filter(organisation_id=user.organisation_id)
        .filter(Q(enrolment__learner_id=user.pk) | Q(recipient_id=user.pk))
        .select_related("enrolment__learner", "recipient"),
        uuid=uuid,
    )


def get_release_for(user, uuid) -> Release:
    return get_object_or_404(
        Release.objects.filter(
            organisation_id=user.organisation_id, enrolment__learner_id=user.pk
        ).select_related("enrolment"),
        uuid=uuid,
    )


def requests_of(enrolment):
    return (
        FeedbackRequest.objects.filter(enrolment=enrolment)
        .select_related("recipient", "response")
        .order_by("-created_at", "-id")
    )


_GIVE_FEEDBACK_READ = prepared_enrolment_read("learner__notification_preference")


def get_enrolment_to_give_feedback(user, uuid) -> Enrolment:
    """Like ``programmes.queries.get_enrolment_for``, with the learner's notification
    preference read along: saving feedback notifies the learner, in the same request."""
    return get_enrolment_for(user, uuid, read=_GIVE_FEEDBACK_READ)


def _open_requests_to(organisation, recipient, now):
    return (
        FeedbackRequest.objects.filter(
            organisation_id=organisation,
            recipient_id=recipient,
            answered_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=now,
        )
        .select_related("enrolment__learner")
        .order_by("expires_at", "id")
    )


# On every home page: built and compiled once per process (core.compiled).
_HOME_REQUESTS = PreparedQuery(
    lambda organisation, recipient, now: _open_requests_to(organisation, recipient, now)[:20],
    organisation=BigIntegerField(),
    recipient=BigIntegerField(),
    now=DateTimeField(),
)


def home_requests_for(user) -> list:
    """Tasks on the home page: the first 20 requests addressed to the user, still
    answerable."""
    return _HOME_REQUESTS(organisation=user.organisation_id, recipient=user.pk, now=timezone.now())


def quick_feedback_enrolments(user):
    """The learners the user can record feedback for right now, for the fast path."""
    guided = _assignments_of(user, GUIDING_CAPACITIES).values("enrolment_id")
    return (
        Enrolment.objects.filter(organisation_id=user.organisation_id, pk__in=guided)
        .exclude(learner_id=user.pk)
        .select_related("learner", "current_phase")
        .order_by("learner__full_name", "id")
    )


def overview_for(user):
    """The three lists of the formative overview page."""
    own = (
        Enrolment.objects.filter(organisation_id=user.organisation_id, learner_id=user.pk)
        .select_related("version__programme", "current_phase", "team")
        .order_by("-start_date", "id")
    )
    released = (
        releases_visible_to(user)
        .select_related("enrolment__learner")
        .annotate(
            n_feedback=Count("feedback", distinct=True), n_entries=Count("entries", distinct=True)
        )
        .order_by("-created_at", "-id")
    )
    return {"own": own, "guided": quick_feedback_enrolments(user), "released": released}


def released_items(release):
    """The released feedback and entries, with their competence tags and self-ratings
    (``links.attach``): a fixed number of queries however many items and links."""
    feedback = with_feedback_links(
        release.feedback.select_related("author", "author_profession")
    ).order_by("-recorded_at", "-uuid")
    entries = with_entry_links(
        release.entries.select_related("author").prefetch_related("attachments")
    ).order_by("-recorded_at", "-uuid")
    feedback, entries = list(feedback), list(entries)
    attach(feedback + entries)
    return feedback, entries


def visibility_overview(enrolment):
    """For "who can see what": current supervisors (everything) and every release."""
    enrolment = with_assignments(Enrolment.objects.filter(pk=enrolment.pk)).get()
    today = timezone.localdate()
    supervisors = [
        a
        for a in enrolment.assignments.all()
        if a.capacity in GUIDING_CAPACITIES and a.is_active(today)
    ]
    assessors = [
        a
        for a in enrolment.assignments.all()
        if a.capacity == Capacity.ASSESSOR and a.is_active(today)
    ]
    releases = (
        Release.objects.filter(enrolment=enrolment)
        .select_related("assignment__person")
        .prefetch_related("feedback__author", "entries")
        .order_by("-created_at", "-id")
    )
    return {"supervisors": supervisors, "assessors": assessors, "releases": releases}


def releasable_items(enrolment):
    feedback = (
        Feedback.objects.filter(enrolment=enrolment)
        .select_related("author")
        .order_by("-recorded_at", "-uuid")
    )
    entries = PortfolioEntry.objects.filter(enrolment=enrolment).order_by("-recorded_at", "-uuid")
    return feedback, entries


def notifications_of(user):
    return Notification.objects.filter(recipient_id=user.pk).order_by("-created_at", "-id")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def entry_kinds_for_learner():
    return [
        EntryKind.REFLECTION,
        EntryKind.SELF_ASSESSMENT,
        EntryKind.EVIDENCE,
        EntryKind.CERTIFICATE,
    ]


def recent_moments(enrolment, days: int = 30):
    """Guidance moments of the enrolment that feedback can be tied to: the last weeks'."""
    now = timezone.now()
    return (
        GuidanceMoment.objects.counting()
        .filter(
            learners__enrolment=enrolment,
            starts_at__lte=now + datetime.timedelta(hours=12),
            starts_at__gte=now - datetime.timedelta(days=days),
        )
        .order_by("-starts_at", "-id")
    )


def open_request_counts(learner_ids) -> dict[int, int]:
    """Open (unanswered, not withdrawn, not expired) requests per learner id, in one query.

    Registered with the guidance app's learner-load monitor in ``FormativeConfig.ready``.
    """
    from django.db.models import Count
    from django.utils import timezone

    from .models import FeedbackRequest

    rows = (
        FeedbackRequest.objects.filter(
            enrolment__learner_id__in=list(learner_ids),
            answered_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .values("enrolment__learner_id")
        .annotate(n=Count("id"))
    )
    return {row["enrolment__learner_id"]: row["n"] for row in rows}
