from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Role
from .models import Membership, Profession, Team
from .queries import teams_for


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class FilterForm(forms.Form):
    """A GET form of list filters: invalid or missing input means "no filter"."""

    def filters(self) -> dict:
        if self.is_bound and self.is_valid():
            return {name: value for name, value in self.cleaned_data.items() if value}
        return {}

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("De einddatum ligt voor de begindatum."))
        return data


class PeopleFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        help_text=_("Naam, e-mailadres of personeelsnummer"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label=_("Alle teams"),
    )
    role = forms.ChoiceField(label=_("Rol"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Actief en inactief")),
            ("active", _("Actief")),
            ("inactive", _("Inactief")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams_for(user).order_by("name")
        self.fields["role"].choices = [("", _("Alle rollen")), *Role.choices]


class TeamFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        help_text=_("Naam of code"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class OrganisationUniqueMixin:
    """Unique-per-organisation fields, checked with a clear message.

    Django skips a UniqueConstraint when one of its fields (here ``organisation``) is not
    on the form, so the check is done here, before the database would refuse it.
    """

    unique_in_organisation: tuple[str, ...] = ()
    unique_message = _("Deze waarde is al in gebruik in je organisatie.")

    def _check_unique(self, name):
        value = self.cleaned_data.get(name)
        if value in (None, ""):
            return value
        rows = type(self.instance)._default_manager.filter(
            organisation_id=self.instance.organisation_id, **{f"{name}__iexact": value}
        )
        if self.instance.pk:
            rows = rows.exclude(pk=self.instance.pk)
        if rows.exists():
            raise forms.ValidationError(self.unique_message, code="unique")
        return value

    def clean(self):
        data = super().clean()
        for name in self.unique_in_organisation:
            if name in data:
                try:
                    self._check_unique(name)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data


class PersonForm(OrganisationUniqueMixin, forms.ModelForm):
    unique_in_organisation = ("employee_number",)
    unique_message = _("Dit personeelsnummer is al in gebruik in je organisatie.")

    class Meta:
        model = get_user_model()
        fields = ["full_name", "email", "profession", "employee_number"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("instance", get_user_model()(organisation=organisation))
        super().__init__(*args, **kwargs)
        self.fields["profession"].queryset = Profession.objects.filter(
            organisation=organisation
        ).order_by("name")
        self.fields["profession"].to_field_name = "uuid"
        self.fields["profession"].empty_label = _("Geen beroep")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = get_user_model().objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Er is al een account met dit e-mailadres."), code="unique"
            )
        return email


class TeamForm(OrganisationUniqueMixin, forms.ModelForm):
    unique_in_organisation = ("name",)
    unique_message = _("Er is al een team met deze naam in je organisatie.")

    class Meta:
        model = Team
        fields = ["name", "code", "parent", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"parent": _("De afdeling waar dit team onder valt, als dat zo is.")}

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("instance", Team(organisation=organisation))
        super().__init__(*args, **kwargs)
        parents = Team.objects.filter(organisation=organisation, is_active=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.order_by("name")
        self.fields["parent"].to_field_name = "uuid"
        self.fields["parent"].empty_label = _("Valt nergens onder")


class ProfessionForm(OrganisationUniqueMixin, forms.ModelForm):
    unique_in_organisation = ("name", "code")
    unique_message = _("Er is al een beroep met deze naam of code in je organisatie.")

    class Meta:
        model = Profession
        fields = ["name", "code"]
        help_texts = {
            "code": _("Kleine letters, cijfers en streepjes, bijvoorbeeld verpleegkundige.")
        }

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("instance", Profession(organisation=organisation))
        super().__init__(*args, **kwargs)


class MembershipForm(forms.ModelForm):
    """A new role for a person; the model's clean() decides whether a team belongs to it."""

    class Meta:
        model = Membership
        fields = ["role", "team", "valid_from", "valid_until"]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}
        help_texts = {
            "team": _(
                "Verplicht voor rollen in een team; leeg voor HR, leidinggevende en "
                "functioneel beheerder."
            ),
            "valid_until": _("Leeg als er (nog) geen einddatum is."),
        }

    def __init__(self, *args, person, **kwargs):
        kwargs.setdefault(
            "instance", Membership(person=person, organisation_id=person.organisation_id)
        )
        kwargs.setdefault("initial", {"valid_from": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(
            organisation_id=person.organisation_id, is_active=True
        ).order_by("name")
        self.fields["team"].to_field_name = "uuid"
        self.fields["team"].empty_label = _("Geen team (hele organisatie)")


class EndMembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["valid_until"]
        widgets = {"valid_until": DateInput()}
        labels = {"valid_until": _("Laatste dag in deze rol")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"valid_until": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].required = True


class AuditLogFilterForm(FilterForm):
    action = forms.ChoiceField(label=_("Handeling"), required=False)
    actor = forms.CharField(
        label=_("Door"),
        required=False,
        help_text=_("Naam of e-mailadres"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    object_type = forms.ChoiceField(label=_("Soort object"), required=False)
    since = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def __init__(self, *args, actions, object_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Alle handelingen")), *((a, a) for a in actions)]
        self.fields["object_type"].choices = [
            ("", _("Alle soorten")),
            *((label, object_type_name(label)) for label in object_types),
        ]


class AccessLogFilterForm(FilterForm):
    viewer = forms.CharField(
        label=_("Wie"),
        required=False,
        help_text=_("Naam of e-mailadres van wie keek"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    subject = forms.CharField(
        label=_("Van wie"),
        required=False,
        help_text=_("Naam of e-mailadres van wiens gegevens"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    since = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())


def object_type_name(label: str) -> str:
    """The readable name of a model label such as ``organisations.team``."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


class PersonPasswordResetForm(PasswordResetForm):
    """Django's reset form, for one known person, also when they never had a password."""

    def __init__(self, person, *args, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)

    def get_users(self, email):
        person = self.person
        if person.is_active and person.email.lower() == email.lower():
            return [person]
        return []

    def clean(self):
        data = super().clean()
        if not list(self.get_users(data.get("email", ""))):
            raise forms.ValidationError(_("Deze medewerker kan geen wachtwoordlink ontvangen."))
        return data
