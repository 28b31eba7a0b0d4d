from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("afgesloten")
