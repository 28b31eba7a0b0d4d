from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "begeleid.core"
    label = "core"
    verbose_name = _("Basis")

    def ready(self):
        from django.contrib.sessions.models import Session
        from django.db.models import fields

        from . import freshness
        from .models import AccessEvent, AuditEvent

        # No cached page body shows these (core.freshness): a session saved, an action or
        # a view logged leaves every page as it was.
        freshness.ignore(Session, AuditEvent, AccessEvent)

        # Django 6.1's empty option of a select ("- Select an option -") has no Dutch
        # translation in Django's own catalogue; Django lets an app replace the label here.
        fields.BLANK_CHOICE_LABEL = _("- Kies een optie -")
