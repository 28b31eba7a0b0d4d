from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormativeConfig(AppConfig):
    name = "begeleid.formative"
    label = "formative"
    verbose_name = _("Formatief")

    def ready(self):
        from begeleid.core.navigation import NavItem, register

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
