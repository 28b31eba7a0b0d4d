import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models.reports import ReportFormat, ReportKind


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rapport"), choices=ReportKind.choices)
    output = forms.ChoiceField(
        label=_("Formaat"),
        choices=ReportFormat.choices,
        help_text=_("Ons begeleidingsmodel is er alleen als PDF."),
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=None, required=False, to_field_name="uuid"
    )
    start = forms.DateField(label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, teams, organisation_level, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_level = organisation_level
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = _("De hele organisatie") if organisation_level else None
        self.fields["team"].required = not organisation_level
        today = timezone.localdate()
        self.fields["start"].initial = today - datetime.timedelta(days=365)
        self.fields["end"].initial = today

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("De einddatum ligt voor de begindatum."))
        if data.get("kind") == ReportKind.MODEL and data.get("output") == ReportFormat.CSV:
            self.add_error("output", _("Ons begeleidingsmodel is er alleen als PDF."))
        return data
