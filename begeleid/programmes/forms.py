from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from begeleid.core.widgets import PlainSelect
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership, Profession, Team

from .enums import AUTONOMY_LEVELS, Capacity, EnrolmentStatus, GuidanceForm, PhaseKind
from .queries import published_versions_for, trainer_team_ids


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _professions(organisation):
    return Profession.objects.filter(organisation=organisation).order_by("name")


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    description = forms.CharField(label=_("Omschrijving"), required=False, widget=forms.Textarea)
    target_professions = forms.ModelMultipleChoiceField(
        label=_("Voor beroepen"),
        queryset=Profession.objects.none(),
        required=False,
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_professions"].queryset = _professions(organisation)


class VersionForm(forms.Form):
    description = forms.CharField(label=_("Omschrijving"), required=False, widget=forms.Textarea)
    target_professions = ProgrammeForm.base_fields["target_professions"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_professions"].queryset = _professions(organisation)


class PhaseForm(forms.Form):
    """A phase and its guidance mix: one count per guidance form (0 = not advised)."""

    name = forms.CharField(label=_("Naam"), max_length=120)
    kind = forms.ChoiceField(
        label=_("Soort fase"),
        choices=PhaseKind.choices,
        help_text=_("Een soort mag vaker voorkomen, bijvoorbeeld een tweede instructiefase."),
    )
    goals = forms.CharField(label=_("Doelen"), required=False, widget=forms.Textarea)
    expected_autonomy = forms.TypedChoiceField(
        label=_("Verwachte zelfstandigheid"),
        choices=[(level, f"{level} – {label}") for level, label in sorted(AUTONOMY_LEVELS.items())],
        coerce=int,
    )
    typical_weeks = forms.IntegerField(
        label=_("Gebruikelijke duur in weken"), min_value=1, max_value=104
    )

    def __init__(self, *args, phase=None, **kwargs):
        if phase is not None and "initial" not in kwargs:
            targets = {t.form: t.per_four_weeks for t in phase.guidance_targets.all()}
            kwargs["initial"] = {
                "name": phase.name,
                "kind": phase.kind,
                "goals": phase.goals,
                "expected_autonomy": phase.expected_autonomy,
                "typical_weeks": phase.typical_weeks,
                **{f"target_{form}": targets.get(form, 0) for form in GuidanceForm.values},
            }
        super().__init__(*args, **kwargs)
        for value, label in GuidanceForm.choices:
            self.fields[f"target_{value}"] = forms.IntegerField(
                label=_("%(form)s per vier weken") % {"form": label},
                min_value=0,
                max_value=40,
                initial=0,
            )

    def phase_data(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": data["kind"],
            "goals": data["goals"],
            "expected_autonomy": data["expected_autonomy"],
            "typical_weeks": data["typical_weeks"],
            "targets": {form: data[f"target_{form}"] for form in GuidanceForm.values},
        }


class EnrolmentFilterForm(forms.Form):
    """GET filters of the enrolment list; invalid input means "no filter"."""

    q = forms.CharField(
        label=_("Lerende"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label=_("Al mijn teams"),
        widget=PlainSelect,
    )
    status = forms.ChoiceField(label=_("Status"), required=False, widget=PlainSelect)
    phase_kind = forms.ChoiceField(label=_("Fase"), required=False, widget=PlainSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The options show the team's name and carry its UUID (``Team.__str__`` is its name).
        self.fields["team"].queryset = (
            Team.objects.filter(organisation_id=user.organisation_id, pk__in=trainer_team_ids(user))
            .only("uuid", "name")
            .order_by("name")
        )
        self.fields["status"].choices = [("", _("Alle statussen")), *EnrolmentStatus.choices]
        self.fields["phase_kind"].choices = [("", _("Alle fasen")), *PhaseKind.choices]

    def filters(self) -> dict:
        if self.is_bound and self.is_valid():
            return {name: value for name, value in self.cleaned_data.items() if value}
        return {}


def _people_with_roles(user, roles, teams=None):
    today = timezone.localdate()
    memberships = Membership.objects.active_on(today).filter(
        organisation_id=user.organisation_id, role__in=list(roles)
    )
    if teams is not None:
        memberships = memberships.filter(team_id__in=teams)
    return (
        get_user_model()
        .objects.filter(
            organisation_id=user.organisation_id,
            is_active=True,
            pk__in=memberships.values("person_id"),
        )
        .order_by("full_name")
    )


GUIDING_ROLES = (Role.SUPERVISOR, Role.SPECIALIST, Role.PRACTICE_TRAINER)


class EnrolForm(forms.Form):
    learner = forms.ModelChoiceField(
        label=_("Lerende"), queryset=Team.objects.none(), to_field_name="uuid"
    )
    version = forms.ModelChoiceField(
        label=_("Opleidingstraject"),
        queryset=Team.objects.none(),
        to_field_name="uuid",
        help_text=_("Alleen gepubliceerde versies."),
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), to_field_name="uuid"
    )
    first_supervisor = forms.ModelChoiceField(
        label=_("Eerste begeleider"), queryset=Team.objects.none(), to_field_name="uuid"
    )
    start_date = forms.DateField(label=_("Startdatum"), widget=DateInput)
    planned_end_date = forms.DateField(label=_("Geplande einddatum"), widget=DateInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        teams = trainer_team_ids(user)
        self.fields["learner"].queryset = _people_with_roles(user, [Role.LEARNER], teams)
        self.fields["version"].queryset = published_versions_for(user)
        self.fields["team"].queryset = Team.objects.filter(
            organisation_id=user.organisation_id, pk__in=teams
        ).order_by("name")
        self.fields["first_supervisor"].queryset = _people_with_roles(user, GUIDING_ROLES, teams)
        if not self.is_bound:
            self.initial.setdefault("start_date", timezone.localdate())

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("planned_end_date")
        if start and end and end < start:
            self.add_error("planned_end_date", _("De geplande einddatum ligt voor de startdatum."))
        learner, supervisor = data.get("learner"), data.get("first_supervisor")
        if learner and supervisor and learner == supervisor:
            self.add_error(
                "first_supervisor", _("Een lerende kan niet de eigen eerste begeleider zijn.")
            )
        return data


class PhaseChangeForm(forms.Form):
    to_phase = forms.ModelChoiceField(
        label=_("Nieuwe fase"), queryset=Team.objects.none(), to_field_name="uuid"
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea,
        help_text=_("Waarom gaat de lerende naar deze fase? Dit komt in de fasegeschiedenis."),
    )

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].queryset = enrolment.version.phases.exclude(
            pk=enrolment.current_phase_id
        ).order_by("position", "id")
        self.fields["to_phase"].label_from_instance = lambda p: f"{p.position}. {p.name}"


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"))
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea)

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in EnrolmentStatus.choices if value != enrolment.status
        ]


class AssignmentForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Medewerker"), queryset=Team.objects.none(), to_field_name="uuid"
    )
    capacity = forms.ChoiceField(
        label=_("Hoedanigheid"),
        choices=Capacity.choices,
        help_text=_("Een nieuwe eerste begeleider beëindigt de huidige eerste begeleider."),
    )
    profession = forms.ModelChoiceField(
        label=_("Beroep"),
        queryset=Profession.objects.none(),
        required=False,
        to_field_name="uuid",
        help_text=_("Leeg laten: het beroep van de medewerker."),
    )
    valid_from = forms.DateField(label=_("Vanaf"), widget=DateInput)

    def __init__(self, *args, user, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            get_user_model()
            .objects.filter(organisation_id=user.organisation_id, is_active=True)
            .exclude(pk=enrolment.learner_id)
            .select_related("profession")
            .order_by("full_name")
        )
        self.fields["person"].label_from_instance = lambda p: (
            f"{p.full_name} ({p.profession})" if p.profession_id else p.full_name
        )
        self.fields["profession"].queryset = _professions(enrolment.organisation)
        if not self.is_bound:
            self.initial.setdefault("valid_from", timezone.localdate())
