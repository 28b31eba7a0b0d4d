import datetime
import uuid

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from begeleid.core.widgets import PlainSelect
from begeleid.programmes.enums import GuidanceForm

from .enums import ExceptionKind, Recurrence, Weekday
from .models import CapacityReservation, TeamGuidanceSettings
from .queries import plannable_enrolments, possible_participants

MAX_SERIES_DAYS = 366


class LearnerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.learner.full_name} ({obj.team.name})"


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _aware(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


class WhenFields(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"), min_value=5, max_value=600, initial=60
    )
    location = forms.CharField(label=_("Plaats"), max_length=200, required=False)
    # Set after the planner saw the warnings (overlap, load) and chose to go on.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            data["starts_at"] = _aware(data["date"], data["time"])
        return data


class MomentForm(WhenFields):
    field_order = ["enrolments", "form", "title", "date", "time", "duration_minutes", "location"]

    enrolments = LearnerChoiceField(
        label=_("Lerenden"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    form = forms.ChoiceField(label=_("Begeleidingsvorm"), choices=GuidanceForm.choices)
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten: de begeleidingsvorm wordt de titel."),
    )
    participants = PersonChoiceField(
        label=_("Deelnemers"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, user, *args, preselect=(), **kwargs):
        super().__init__(*args, **kwargs)
        enrolments = plannable_enrolments(user)
        self.fields["enrolments"].queryset = enrolments
        self.fields["participants"].queryset = possible_participants(user)
        wanted = [value for value in preselect if _is_uuid(value)]
        if wanted:
            self.initial["enrolments"] = list(
                enrolments.filter(uuid__in=wanted).values_list("pk", flat=True)
            )
            self.initial["participants"] = [user.pk]

    def clean(self):
        data = super().clean()
        if data.get("form") and not data.get("title"):
            data["title"] = str(GuidanceForm(data["form"]).label).capitalize()
        return data


class RescheduleForm(WhenFields):
    pass


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


ATTENDANCE = [("yes", _("aanwezig")), ("no", _("afwezig")), ("", _("onbekend"))]


class RecordForm(forms.Form):
    notes = forms.CharField(
        label=_("Korte aantekeningen"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )

    def __init__(self, moment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.learners = list(moment.learners.all())
        for ml in self.learners:
            self.fields[f"attended_{ml.enrolment.uuid.hex}"] = forms.ChoiceField(
                label=ml.enrolment.learner.full_name,
                choices=ATTENDANCE,
                widget=forms.RadioSelect,
                required=False,
                initial="yes",
            )

    def attendance(self) -> dict:
        values = {"yes": True, "no": False, "": None}
        return {
            ml.enrolment_id: values[self.cleaned_data[f"attended_{ml.enrolment.uuid.hex}"]]
            for ml in self.learners
        }


class SeriesForm(forms.Form):
    enrolments = LearnerChoiceField(
        label=_("Lerenden"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    form = forms.ChoiceField(
        label=_("Begeleidingsvorm"), choices=GuidanceForm.choices, initial=GuidanceForm.REFLECTION
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    recurrence = forms.ChoiceField(label=_("Herhaling"), choices=Recurrence.choices)
    weekday = forms.TypedChoiceField(label=_("Dag"), choices=Weekday.choices, coerce=int)
    start_time = forms.TimeField(label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"), min_value=5, max_value=600, initial=45
    )
    location = forms.CharField(label=_("Plaats"), max_length=200, required=False)
    first_date = forms.DateField(label=_("Vanaf"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}))
    participants = PersonChoiceField(
        label=_("Deelnemers"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].queryset = plannable_enrolments(user)
        self.fields["participants"].queryset = possible_participants(user)

    def clean(self):
        data = super().clean()
        first, until = data.get("first_date"), data.get("until")
        if first and until:
            if until < first:
                self.add_error("until", _("De einddatum ligt voor de begindatum."))
            elif (until - first).days > MAX_SERIES_DAYS:
                self.add_error("until", _("Een reeks duurt hoogstens een jaar."))
        return data


class OccurrenceForm(forms.Form):
    original_date = forms.TypedChoiceField(
        label=_("Moment"), coerce=datetime.date.fromisoformat, choices=()
    )
    kind = forms.ChoiceField(
        label=_("Wijziging"), choices=ExceptionKind.choices, widget=forms.RadioSelect
    )
    new_date = forms.DateField(
        label=_("Nieuwe datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    new_time = forms.TimeField(
        label=_("Nieuwe tijd"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, dates, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils.formats import date_format

        self.fields["original_date"].choices = [
            (d.isoformat(), date_format(d, "l j F Y")) for d in dates
        ]

    def clean(self):
        data = super().clean()
        if data.get("kind") == ExceptionKind.MOVE:
            if not (data.get("new_date") and data.get("new_time")):
                raise forms.ValidationError(_("Geef de nieuwe datum en tijd."))
            data["moved_to"] = _aware(data["new_date"], data["new_time"])
        return data


class TeamSettingsForm(forms.ModelForm):
    class Meta:
        model = TeamGuidanceSettings
        fields = [
            "balance_window_weeks",
            "dominance_percent",
            "max_supervisors",
            "max_guidance_hours_per_week",
            "max_open_requests",
        ]


# Django's input widgets, rendered from one template (guidance/widgets/input.html): the
# same HTML without the includes of their templates.
class NumberInput(forms.NumberInput):
    template_name = "guidance/widgets/input.html"


class DateInput(forms.DateInput):
    template_name = "guidance/widgets/input.html"


class ReservationForm(forms.ModelForm):
    class Meta:
        model = CapacityReservation
        fields = ["person", "hours_per_week", "valid_from", "valid_until"]
        widgets = {
            "person": PlainSelect,
            "hours_per_week": NumberInput,
            "valid_from": DateInput(attrs={"type": "date"}),
            "valid_until": DateInput(attrs={"type": "date"}),
        }

    def __init__(self, people, *args, **kwargs):
        """``people``: a queryset of the people who may be chosen, or, for a form that is
        only shown (not bound), those people themselves, read with the rest of the page."""
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        if isinstance(people, QuerySet):
            field.queryset = people
            field.label_from_instance = lambda p: p.full_name
        elif self.is_bound:
            raise TypeError("A bound form checks the person against a queryset.")
        else:
            field.choices = [("", field.empty_label), *((p.pk, p.full_name) for p in people)]

    def clean(self):
        data = super().clean()
        if (
            data.get("valid_until")
            and data.get("valid_from")
            and data["valid_until"] < data["valid_from"]
        ):
            self.add_error("valid_until", _("De einddatum ligt voor de begindatum."))
        return data
