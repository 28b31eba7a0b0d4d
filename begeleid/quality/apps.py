from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "begeleid.quality"
    label = "quality"
    verbose_name = _("Kwaliteit")

    def ready(self):
        from begeleid.core.navigation import NavItem, register
        from begeleid.organisations.queries import register_person_figure

        from .rules import PARTICIPATED, participated_expression

        # The calibration menu entry asks it on every page: read with the roles.
        register_person_figure(PARTICIPATED, participated_expression, every_page=True)

        register(
            NavItem(
                label=_("Kalibratie"),
                url_name="quality:calibration_sessions",
                permission="quality.view_calibration_list",
                order=70,
                active_prefix="quality:calibration",
            )
        )
        register(
            NavItem(
                label=_("Ontwikkeling begeleiders"),
                url_name="quality:development_home",
                permission="quality.view_development_list",
                order=71,
                active_prefix="quality:development",
            )
        )
        register(
            NavItem(
                label=_("Evaluatie begeleiding"),
                url_name="quality:survey_home",
                permission="quality.view_survey_list",
                order=72,
                active_prefix="quality:survey",
            )
        )
        register(
            NavItem(
                label=_("Kwaliteit"),
                url_name="quality:dashboards",
                permission="quality.view_dashboards",
                order=69,
                # The least specific prefix: the dashboards, the model and the reports.
                active_prefix="quality:",
            )
        )
