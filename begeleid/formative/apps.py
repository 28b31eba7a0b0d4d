from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormativeConfig(AppConfig):
    name = "begeleid.formative"
    label = "formative"
    verbose_name = _("Formatief")

    def ready(self):
        from begeleid.core import freshness
        from begeleid.core.navigation import NavItem, register
        from begeleid.guidance.load import register_open_request_counter
        from begeleid.organisations.queries import register_person_figure
        from begeleid.programmes.queries import enrolment_scopes

        from .figures import UNREAD_NOTIFICATIONS, open_requests_of_learner, unread_notifications
        from .models import Feedback, Notification
        from .queries import open_request_counts

        # The daily writes move only the pages that show them (core.freshness): feedback
        # its record's pages and its team's and organisation's; a notification its
        # recipient's home (the homes show no feedback, only the notifications about it).
        def feedback_scopes(feedback):
            # Read once per object: its save and its competences' change name the same.
            if not hasattr(feedback, "_freshness_scopes"):
                # The enrolment as the request read it, if it did.
                known = Feedback.enrolment.is_cached(feedback) and feedback.enrolment
                feedback._freshness_scopes = enrolment_scopes(feedback.enrolment_id, known or None)
            return feedback._freshness_scopes

        freshness.track(Feedback, feedback_scopes, m2m=("competences",))
        freshness.track(Notification, lambda n: [f"person:{n.recipient_id}"])

        # Open feedback requests count towards a learner's load (guidance element 6); lists
        # of enrolments read them with their rows through the subquery form.
        register_open_request_counter(open_request_counts, subquery=open_requests_of_learner)
        # The home's inbox count, read with the roles on the pages that ask for it.
        register_person_figure(UNREAD_NOTIFICATIONS, unread_notifications)

        register(
            NavItem(
                label=_("Leerdossier"),
                url_name="formative:overview",
                order=40,
                active_prefix="formative:",
            )
        )
        register(
            NavItem(
                label=_("Meldingen"),
                url_name="formative:notifications",
                order=90,
                active_prefix="formative:notification",
            )
        )
