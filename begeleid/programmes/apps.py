from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "begeleid.programmes"
    label = "programmes"
    verbose_name = _("Opleidingstrajecten")

    def ready(self):
        from begeleid.core.navigation import NavItem, register

        register(
            NavItem(
                label=_("Leertrajecten"),
                url_name="programmes:enrolment_list",
                permission="programmes.view_enrolment_list",
                order=30,
                active_prefix="programmes:enrol",
            )
        )
        register(
            NavItem(
                label=_("Opleidingstrajecten"),
                url_name="programmes:programme_list",
                permission="programmes.view_programmes",
                order=40,
                active_prefix="programmes:programme",
            )
        )
