"""Scales and rubrics as data. A published rubric version never changes (services refuse)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from ..enums import RubricKind, RubricStatus, ScaleKind


class Scale(TenantModel):
    """A rating scale: entrustment-supervision, nine points in bands, binary or custom."""

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=ScaleKind.choices)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="scale_unique_name"),
        ]
        verbose_name = _("schaal")
        verbose_name_plural = _("schalen")

    def __str__(self):
        return self.name


class ScaleLevel(TenantModel):
    """One point of a scale, low to high; ``band`` groups points (onvoldoende/voldoende/goed)."""

    scale = models.ForeignKey(
        Scale, on_delete=models.CASCADE, related_name="levels", verbose_name=_("schaal")
    )
    value = models.PositiveSmallIntegerField(_("waarde"))
    label = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    band = models.CharField(_("band"), max_length=60, blank=True)

    class Meta:
        ordering = ["scale", "value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "value"], name="scale_level_unique_value"),
        ]
        verbose_name = _("niveau")
        verbose_name_plural = _("niveaus")

    def __str__(self):
        return f"{self.value} – {self.label}"


class Rubric(TenantModel):
    """A form assessors score (observation form, EPA entrustment form, checklist)."""

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=RubricKind.choices)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="rubric_unique_name"),
        ]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def __str__(self):
        return self.name


class RubricVersion(TenantModel):
    rubric = models.ForeignKey(
        Rubric, on_delete=models.CASCADE, related_name="versions", verbose_name=_("rubric")
    )
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=20, choices=RubricStatus.choices, default=RubricStatus.DRAFT
    )
    scale = models.ForeignKey(
        Scale, on_delete=models.PROTECT, related_name="rubric_versions", verbose_name=_("schaal")
    )
    instructions = models.TextField(_("instructie voor de beoordelaar"), blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gepubliceerd door"),
    )

    class Meta:
        ordering = ["rubric", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "number"], name="rubric_version_unique"),
            models.CheckConstraint(
                condition=Q(status=RubricStatus.DRAFT) | Q(published_at__isnull=False),
                name="rubric_version_published_has_date",
            ),
        ]
        verbose_name = _("rubricversie")
        verbose_name_plural = _("rubricversies")

    def __str__(self):
        return f"{self.rubric} – {_('versie')} {self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.status != RubricStatus.DRAFT


class Criterion(TenantModel):
    """What is scored, tied to the competence it gives evidence for."""

    version = models.ForeignKey(
        RubricVersion, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("versie")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    title = models.CharField(_("criterium"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    competence = models.ForeignKey(
        "frameworks.Competence",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="criteria",
        verbose_name=_("bekwaamheid"),
    )

    class Meta:
        ordering = ["version", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="criterion_unique_position"
            ),
        ]
        verbose_name = _("criterium")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.title


class Descriptor(TenantModel):
    """What a level looks like for one criterion (a cell of the rubric)."""

    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="descriptors", verbose_name=_("criterium")
    )
    level = models.ForeignKey(
        ScaleLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("niveau")
    )
    text = models.TextField(_("beschrijving"))

    class Meta:
        ordering = ["criterion", "level__value"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "level"], name="descriptor_unique_cell"),
        ]
        verbose_name = _("niveaubeschrijving")
        verbose_name_plural = _("niveaubeschrijvingen")

    def __str__(self):
        return self.text[:60]
