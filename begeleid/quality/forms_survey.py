from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import SurveyItem
from .models.survey import ABSOLUTE_MIN_RESPONSES, MAX_MIN_RESPONSES, default_min_responses

DATE = forms.DateInput(attrs={"type": "date"})
SCALE = [
    (1, _("1 – helemaal oneens")),
    (2, _("2 – oneens")),
    (3, _("3 – neutraal")),
    (4, _("4 – eens")),
    (5, _("5 – helemaal eens")),
]


def _min_responses_field(required):
    return forms.IntegerField(
        label=_("Minimum aantal antwoorden"),
        required=required,
        min_value=ABSOLUTE_MIN_RESPONSES,
        max_value=MAX_MIN_RESPONSES,
        initial=default_min_responses,
        help_text=_(
            "Uitkomsten van een begeleider of van de ronde verschijnen pas vanaf dit aantal "
            "antwoorden, en pas als de ronde gesloten is. Minstens 3. Ligt vast zodra er in "
            "de ronde is geantwoord."
        ),
        error_messages={
            "min_value": _(
                "Kies minstens %(limit_value)s: met minder antwoorden is te herleiden wie wat "
                "heeft geantwoord."
            ),
            "max_value": _("Kies hoogstens %(limit_value)s."),
        },
    )


class SurveyRoundForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    opens_on = forms.DateField(label=_("Open vanaf"), initial=timezone.localdate, widget=DATE)
    closes_on = forms.DateField(label=_("Open tot en met"), widget=DATE)
    min_responses = _min_responses_field(required=False)  # empty: the default

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("De einddatum ligt voor de begindatum."))
        return data


class SurveyRoundChangeForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    min_responses = _min_responses_field(required=True)


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
    """Narrow a closed round's figures to one supervisor: only those whose row is shown."""

    supervisor = forms.ModelChoiceField(
        label=_("Begeleider"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        empty_label=_("Alle begeleiders"),  # Django's own '- Select an option -' is English
        error_messages={
            "invalid_choice": _("Kies een begeleider uit de lijst."),
        },
    )

    def __init__(self, *args, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
