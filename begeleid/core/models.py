"""Plumbing shared by every domain app: base models and the two append-only logs.

core imports no domain app. The organisation and the actor are referenced lazily by
model label, so the tables carry them without an import in Python.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class TenantModel(TimeStampedModel):
    """A domain row: it belongs to exactly one organisation (the shard key)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, verbose_name=_("organisatie")
    )

    class Meta:
        abstract = True


class AppendOnlyQuerySet(models.QuerySet):
    """Logs are written once; the application has no path to change or remove them."""

    def update(self, **kwargs):
        raise TypeError(f"{self.model.__name__} is append-only")

    def delete(self):
        raise TypeError(f"{self.model.__name__} is append-only")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(f"{type(self).__name__} is append-only")


class AuditEvent(AppendOnlyModel):
    """An accountable change: who did what to which object, on whose behalf, when."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("door"),
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("namens"),
    )
    action = models.CharField(_("handeling"), max_length=80, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=80)
    object_uuid = models.UUIDField(_("object"), null=True, blank=True, db_index=True)
    object_repr = models.CharField(_("omschrijving"), max_length=200, blank=True)
    changes = models.JSONField(_("wijzigingen"), default=dict, blank=True)
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"])]
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditlog")


class AccessEvent(AppendOnlyModel):
    """NEN 7513: someone opened another person's learning data."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("wie")
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("van wie"),
    )
    what = models.CharField(_("wat"), max_length=200)
    path = models.CharField(_("pagina"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("vanaf adres"), null=True, blank=True)
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["subject", "-at"]),
        ]
        verbose_name = _("inzagegebeurtenis")
        verbose_name_plural = _("inzagelog")
