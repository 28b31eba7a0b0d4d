from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CalibrationCase


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    held_on = forms.DateField(
        label=_("Datum"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    rubric_version = forms.ModelChoiceField(label=_("Rubric"), queryset=None)
    participants = forms.ModelMultipleChoiceField(
        label=_("Beoordelaars"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    case_title = forms.CharField(label=_("Titel van de eerste casus"), max_length=200)
    case_description = forms.CharField(
        label=_("Beschrijving van de casus"), widget=forms.Textarea(attrs={"rows": 3})
    )
    case_evidence = forms.CharField(
        label=_("Bewijs (geanonimiseerd)"),
        help_text=_("Geen namen of andere gegevens waaraan de lerende te herkennen is."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, rubric_versions, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubric_version"].queryset = rubric_versions
        self.fields["participants"].queryset = people

    def clean_participants(self):
        participants = self.cleaned_data["participants"]
        if len(participants) < 2:
            raise forms.ValidationError(_("Kies minstens twee beoordelaars."))
        return participants


class CaseForm(forms.ModelForm):
    class Meta:
        model = CalibrationCase
        fields = ["title", "description", "evidence"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 6}),
        }


class ScoreForm(forms.Form):
    """One radio group per criterion; each level shows its descriptor for that criterion."""

    def __init__(self, *args, criteria, initial_scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            choices = [
                (level.value, f"{level.value} – {level.label}" + (f": {text}" if text else ""))
                for level, text in criterion.cells
            ]
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                initial=initial_scores.get(criterion.pk),
                error_messages={"required": _("Kies een niveau voor dit criterium.")},
            )

    def values(self) -> dict:
        return {c: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class CloseForm(forms.Form):
    agreed_reading = forms.CharField(
        label=_("Afgesproken lezing van de rubric"),
        help_text=_(
            "Wat hebben jullie afgesproken over hoe de criteria en niveaus gelezen worden? "
            "Dit wordt bij deze rubricversie bewaard."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
