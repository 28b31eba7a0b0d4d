from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "begeleid.organisations"
    label = "organisations"
    verbose_name = _("Organisaties")

    def ready(self):
        from begeleid.core.navigation import NavItem, register

        register(
            NavItem(
                label=_("Beheer"),
                url_name="organisations:people",
                permission="organisations.manage_organisation",
                order=80,
                active_prefix="organisations:",
            )
        )
