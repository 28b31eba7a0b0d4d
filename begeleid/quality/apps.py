from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "begeleid.quality"
    label = "quality"
    verbose_name = _("Kwaliteit")

    def ready(self):
        from begeleid.core.navigation import NavItem, register

        register(
            NavItem(
                label=_("Kalibratie"),
                url_name="quality:calibration_sessions",
                permission="quality.view_calibration_list",
                order=70,
                active_prefix="quality:calibration",
            )
        )
