from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "begeleid.demo"
    label = "demo"
    verbose_name = _("Demodata")

    def ready(self):
        from begeleid.core.demo import register_personas

        from .personas import PERSONAS

        register_personas(PERSONAS)
