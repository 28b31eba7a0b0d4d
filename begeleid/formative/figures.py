"""Figures of the formative loop as query expressions, so that other apps read them along
with their own rows instead of in a query of their own (registered in
``FormativeConfig.ready``)."""

from django.db.models import Count, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce

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


def open_requests_of_learner(learner_ref, now):
    """Requests to the learner whose id is ``learner_ref`` open at ``now`` (unanswered,
    not withdrawn, not expired): the subquery form of ``queries.open_request_counts``."""
    from .models import FeedbackRequest

    open_requests = (
        FeedbackRequest.objects.filter(
            enrolment__learner_id=learner_ref,
            answered_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=now,
        )
        .order_by()
        .values("enrolment__learner_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(open_requests), Value(0), output_field=IntegerField())
