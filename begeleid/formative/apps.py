from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormativeConfig(AppConfig):
    name = "begeleid.formative"
    label = "formative"
    verbose_name = _("Formatief")

    def ready(self):
        from begeleid.core.navigation import NavItem, register
        from begeleid.guidance.load import register_open_request_counter

        from .queries import open_request_counts

        # Open feedback requests count towards a learner's load (guidance element 6).
        register_open_request_counter(open_request_counts)

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
