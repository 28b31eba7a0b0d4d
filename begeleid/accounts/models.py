from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel


class PersonManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required")
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class Person(TenantModel, AbstractBaseUser, PermissionsMixin):
    """A member of staff (medewerker). Logs in with an e-mail address."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=200)
    profession = models.ForeignKey(
        "organisations.Profession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("beroep"),
    )
    employee_number = models.CharField(_("personeelsnummer"), max_length=40, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    # Django's own admin site is not installed; is_staff only satisfies the auth API.
    is_staff = models.BooleanField(default=False, editable=False)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        indexes = [models.Index(fields=["organisation", "full_name"])]
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")

    def __str__(self):
        return self.full_name

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0]
