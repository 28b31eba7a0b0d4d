"""Home page pieces of the formative loop, for the reports app's home sections."""

from django import template

from begeleid.organisations.queries import person_figure

from ..figures import UNREAD_NOTIFICATIONS
from ..queries import home_requests_for, quick_feedback_enrolments

register = template.Library()


@register.simple_tag
def quick_feedback_learners(user, guided=None):
    """The learners for the fast feedback path (one query, or none when the page already
    read every enrolment the user guides now: ``guidance.queries.guided_enrolments``)."""
    if isinstance(guided, list):
        return [e for e in guided if e.learner_id != user.pk]
    return list(quick_feedback_enrolments(user))


@register.simple_tag
def formative_inbox(user):
    """Unread notifications and open feedback requests addressed to the user: one query
    (the unread count comes with the roles when the page asked for it first, as the home
    does: ``want_person_figures``; otherwise it is a query of its own)."""
    return {
        "unread": person_figure(user, UNREAD_NOTIFICATIONS),
        "requests": home_requests_for(user),
    }
