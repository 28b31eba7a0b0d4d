from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import SurveyItem

DATE = forms.DateInput(attrs={"type": "date"})
SCALE = [
    (1, _("1 – helemaal oneens")),
    (2, _("2 – oneens")),
    (3, _("3 – neutraal")),
    (4, _("4 – eens")),
    (5, _("5 – helemaal eens")),
]


class SurveyRoundForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    opens_on = forms.DateField(label=_("Open vanaf"), initial=timezone.localdate, widget=DATE)
    closes_on = forms.DateField(label=_("Open tot en met"), widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("De einddatum ligt voor de begindatum."))
        return data


class SurveyAnswerForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in SurveyItem:
            self.fields[item.value] = forms.TypedChoiceField(
                label=item.label, choices=SCALE, coerce=int, widget=forms.RadioSelect
            )
        self.fields["open_answer"] = forms.CharField(
            label=_("Wat zou je je begeleider willen meegeven?"),
            required=False,
            max_length=2000,
            help_text=_("Schrijf geen namen of details waaraan jij te herkennen bent."),
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def answers(self) -> dict:
        return {item.value: self.cleaned_data[item.value] for item in SurveyItem}


class ResultsFilterForm(forms.Form):
    supervisor = forms.ModelChoiceField(
        label=_("Begeleider"), queryset=None, required=False, to_field_name="uuid"
    )

    def __init__(self, *args, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
