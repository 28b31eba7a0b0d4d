"""Figures of the formative loop as query expressions, so that other apps read them along
with their own rows instead of in a query of their own (registered in
``FormativeConfig.ready``)."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

UNREAD_NOTIFICATIONS = "formative.unread_notifications"


def unread_notifications(person_ref):
    """The number of unread notifications of the person whose id is ``person_ref``."""
    from .models import Notification

    unread = (
        Notification.objects.filter(recipient_id=person_ref, read_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(unread), Value(0), output_field=IntegerField())


def open_requests_of_learner(learner_ref=None):
    """Open (unanswered, not withdrawn, not expired) requests to the learner whose id is
    ``learner_ref`` (default: the outer row's ``learner_id``); the subquery form of
    ``queries.open_request_counts``."""
    from .models import FeedbackRequest

    learner_ref = learner_ref if learner_ref is not None else OuterRef("learner_id")
    open_requests = (
        FeedbackRequest.objects.filter(
            enrolment__learner_id=learner_ref,
            answered_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by()
        .values("enrolment__learner_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(open_requests), Value(0), output_field=IntegerField())
