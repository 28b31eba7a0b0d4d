from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "begeleid.guidance"
    label = "guidance"
    verbose_name = _("Begeleiding")

    def ready(self):
        from begeleid.core.navigation import NavItem, register

        register(
            NavItem(
                label=_("Begeleidingsmomenten"),
                url_name="guidance:moment_list",
                order=30,
                active_prefix="guidance:",
            )
        )
