"""Competence frameworks: hierarchical, versioned lists of competences, EPAs and procedures."""

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from .enums import CompetenceKind, FrameworkStatus


def new_identifier() -> str:
    return str(uuid.uuid4())


class Framework(TenantModel):
    """A competence framework (CASE: CFDocument). ``identifier`` survives export and import."""

    identifier = models.CharField(_("identificatie"), max_length=200, default=new_identifier)
    title = models.CharField(_("titel"), max_length=300)
    version = models.CharField(_("versie"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    description = models.TextField(_("omschrijving"), blank=True)
    creator = models.CharField(_("opgesteld door"), max_length=300, blank=True)
    # The change moment of the content (CASE lastChangeDateTime), kept across import and export.
    changed_at = models.DateTimeField(_("inhoud gewijzigd op"), default=timezone.now)

    class Meta:
        ordering = ["title", "version", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "identifier"], name="framework_unique_identifier"
            ),
        ]
        db_table = "assessment_framework"
        verbose_name = _("bekwaamheidskader")
        verbose_name_plural = _("bekwaamheidskaders")

    def __str__(self):
        return f"{self.title} {self.version}".strip()


class Competence(TenantModel):
    """An item of a framework (CASE: CFItem): a competence, an EPA or a procedure."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="items", verbose_name=_("kader")
    )
    identifier = models.CharField(_("identificatie"), max_length=200, default=new_identifier)
    code = models.CharField(_("code"), max_length=60, blank=True)
    title = models.CharField(_("titel"), max_length=500)
    description = models.TextField(_("toelichting"), blank=True)
    kind = models.CharField(
        _("soort"), max_length=20, choices=CompetenceKind.choices, default=CompetenceKind.COMPETENCE
    )
    is_reserved = models.BooleanField(_("voorbehouden handeling"), default=False)
    is_risky = models.BooleanField(_("risicovolle handeling"), default=False)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("valt onder"),
    )
    sequence = models.PositiveIntegerField(_("volgorde"), default=1)
    changed_at = models.DateTimeField(_("inhoud gewijzigd op"), default=timezone.now)

    class Meta:
        ordering = ["framework", "sequence", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "identifier"], name="competence_unique_identifier"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="competence_not_own_parent"),
        ]
        indexes = [models.Index(fields=["framework", "parent", "sequence"])]
        db_table = "assessment_competence"
        verbose_name = _("bekwaamheid")
        verbose_name_plural = _("bekwaamheden")

    def __str__(self):
        return f"{self.code} {self.title}".strip()


def tree_order(items) -> list:
    """Items depth first, siblings by sequence; each gets ``depth`` (0 for the top)."""
    children: dict = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    for siblings in children.values():
        siblings.sort(key=lambda i: (i.sequence, i.code, i.id or 0))
    ordered = []

    def walk(parent_id, depth):
        for item in children.get(parent_id, []):
            item.depth = depth
            ordered.append(item)
            walk(item.id, depth + 1)

    walk(None, 0)
    return ordered
