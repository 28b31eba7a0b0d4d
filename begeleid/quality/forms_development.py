from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import SupervisorSkill

LEVELS = [(str(n), str(n)) for n in range(1, 6)]
DATE = forms.DateInput(attrs={"type": "date"})


class SelfAssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Datum"), initial=timezone.localdate, widget=DATE)
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for skill in SupervisorSkill:
            self.fields[f"skill_{skill.value}"] = forms.TypedChoiceField(
                label=skill.label.capitalize(),
                choices=LEVELS,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                help_text=_("1 = daar wil ik nog veel in leren, 5 = daar ben ik sterk in"),
            )

    def ratings(self) -> dict:
        return {s.value: self.cleaned_data.get(f"skill_{s.value}") for s in SupervisorSkill}

    def clean(self):
        data = super().clean()
        if not any(v is not None for v in self.ratings().values()):
            raise forms.ValidationError(_("Geef voor minstens één vaardigheid een niveau."))
        return data


class TrainingRecordForm(forms.Form):
    course = forms.CharField(label=_("Scholing"), max_length=200)
    provider = forms.CharField(label=_("Aanbieder"), max_length=200)
    date = forms.DateField(label=_("Datum"), widget=DATE)
    hours = forms.DecimalField(label=_("Uren"), min_value=0, max_digits=5, decimal_places=1)
    cost = forms.DecimalField(label=_("Kosten (euro)"), min_value=0, max_digits=9, decimal_places=2)
    team = forms.ModelChoiceField(label=_("Team (budget)"), queryset=None)
    certificate_note = forms.CharField(
        label=_("Certificaat"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld het nummer of waar het certificaat bewaard is."),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        only = list(teams[:2])
        if len(only) == 1:
            self.fields["team"].initial = only[0].pk


class RecognitionForm(forms.Form):
    valid_from = forms.DateField(label=_("Erkend vanaf"), initial=timezone.localdate, widget=DATE)
