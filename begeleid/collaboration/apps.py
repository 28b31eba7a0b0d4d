from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "begeleid.collaboration"
    label = "collaboration"
    verbose_name = _("Samenwerking")

    def ready(self):
        from begeleid.core.navigation import NavItem, register

        register(
            NavItem(
                label=_("Visie"),
                url_name="collaboration:vision",
                order=60,
                active_prefix="collaboration:vision",
            )
        )
        register(
            NavItem(
                label=_("Teamafspraken"),
                url_name="collaboration:agreements",
                permission="collaboration.view_agreement_overview",
                order=61,
                active_prefix="collaboration:agreement",
            )
        )
        register(
            NavItem(
                label=_("Overleg"),
                url_name="collaboration:meetings",
                permission="collaboration.view_meeting_list",
                order=62,
                active_prefix="collaboration:meeting",
            )
        )
        register(
            NavItem(
                label=_("Signalen"),
                url_name="collaboration:signals",
                order=63,
                active_prefix="collaboration:signal",
            )
        )
        register(
            NavItem(
                label=_("Interprofessioneel"),
                url_name="collaboration:activities",
                permission="collaboration.view_activity_list",
                order=64,
                active_prefix="collaboration:activit",
            )
        )
