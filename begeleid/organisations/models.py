import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from .enums import ORGANISATION_ROLES, Role

# Sorted, so the constraint (and its migration) is the same on every run.
_ORGANISATION_ROLE_VALUES = sorted(r.value for r in ORGANISATION_ROLES)


class Organisation(models.Model):
    """The tenant. Every domain row belongs to exactly one."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name


class Team(TenantModel):
    """A unit: a department holds teams through ``parent``."""

    name = models.CharField(_("naam"), max_length=200)
    code = models.CharField(_("code"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("valt onder"),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="team_not_own_parent"),
        ]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name

    def clean(self):
        node, seen = self.parent, set()
        while node is not None:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"parent": _("Een team kan niet onder zichzelf vallen.")})
            seen.add(node.pk)
            node = node.parent
        if self.parent and self.parent.organisation_id != self.organisation_id:
            raise ValidationError({"parent": _("Kies een afdeling van de eigen organisatie.")})


class Profession(TenantModel):
    name = models.CharField(_("naam"), max_length=120)
    code = models.SlugField(_("code"), max_length=40)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="profession_unique_code"),
            models.UniqueConstraint(fields=["organisation", "name"], name="profession_unique_name"),
        ]
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(
            Q(valid_from__lte=day), Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class Membership(TenantModel):
    """A person holds a role, in a team (or the whole organisation), for a period."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("medewerker"),
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("team"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="membership_period_order",
            ),
            models.CheckConstraint(
                condition=(Q(role__in=_ORGANISATION_ROLE_VALUES) & Q(team__isnull=True))
                | (~Q(role__in=_ORGANISATION_ROLE_VALUES) & Q(team__isnull=False)),
                name="membership_team_matches_role_level",
            ),
        ]
        indexes = [models.Index(fields=["person", "role"]), models.Index(fields=["team", "role"])]
        verbose_name = _("rol in team")
        verbose_name_plural = _("rollen in teams")

    def __str__(self):
        where = self.team.name if self.team_id else _("organisatie")
        return f"{self.get_role_display()} – {where}"

    def clean(self):
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("De einddatum ligt voor de begindatum.")})
        if self.role in ORGANISATION_ROLES and self.team_id:
            raise ValidationError(
                {"team": _("Deze rol geldt voor de hele organisatie, niet voor één team.")}
            )
        if self.role and self.role not in ORGANISATION_ROLES and not self.team_id:
            raise ValidationError({"team": _("Kies het team waarin deze rol geldt.")})
