from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "begeleid.assessment"
    label = "assessment"
    verbose_name = _("Beoordelen")

    def ready(self):
        from django.db.backends.signals import connection_created

        from begeleid.core.navigation import NavItem, register

        from . import immutability

        connection_created.connect(immutability.install, dispatch_uid="assessment.flush_permit")

        register(
            NavItem(
                label=_("Beoordelen"),
                url_name="assessment:assessment_list",
                permission="assessment.view_register",
                order=60,
                active_prefix="assessment:",
            )
        )
