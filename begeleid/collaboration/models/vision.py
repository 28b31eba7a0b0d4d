import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from ..enums import VisionQuestion, VisionStatus


class Vision(TenantModel):
    """One version of the organisation's vision on learning and guidance."""

    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=12, choices=VisionStatus.choices, default=VisionStatus.DRAFT
    )
    title = models.CharField(_("titel"), max_length=200)
    introduction = models.TextField(_("inleiding"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opgesteld door"),
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gepubliceerd door"),
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="vision_unique_number"),
            # At most one published version per organisation at any time.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="published"),
                name="vision_one_published",
            ),
        ]
        verbose_name = _("visie")
        verbose_name_plural = _("visies")

    def __str__(self):
        return f"{self.title} (v{self.number})"

    @property
    def is_draft(self):
        return self.status == VisionStatus.DRAFT


class VisionStatement(TenantModel):
    """A statement (uitgangspunt) answering one of the model's four questions."""

    vision = models.ForeignKey(
        Vision, on_delete=models.CASCADE, related_name="statements", verbose_name=_("visie")
    )
    question = models.CharField(_("vraag"), max_length=12, choices=VisionQuestion.choices)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    title = models.CharField(_("uitgangspunt"), max_length=200)
    text = models.TextField(_("toelichting"), blank=True)
    # The same statement carried over into a new version keeps its lineage, so agreements
    # citing an earlier version still count as putting it into practice.
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)

    class Meta:
        ordering = ["question", "position", "id"]
        verbose_name = _("uitgangspunt")
        verbose_name_plural = _("uitgangspunten")

    def __str__(self):
        return self.title
