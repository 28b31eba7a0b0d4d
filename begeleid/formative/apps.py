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

        from .figures import UNREAD_NOTIFICATIONS, open_requests_of_learner, unread_notifications
        from .models import Feedback, Notification
        from .queries import open_request_counts

        # The daily writes move only the pages that show them (core.freshness): feedback
        # its record's pages (the timeline); a notification its recipient's home. No home
        # shows feedback, only the notifications about it (the guard:
        # core/tests/test_keptpage.py); a page that starts to show feedback across
        # records must depend on a scope this moves.
        def feedback_scopes(feedback):
            return [f"enrolment:{feedback.enrolment_id}"]

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
