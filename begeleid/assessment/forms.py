from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from .enums import Outcome
from .models import AssessmentPolicy

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class FrameworkImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("Een CASE-bestand (JSON, versie 1.0 of 1.1) of een CSV-bestand."),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        try:
            self.content = file.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("Het bestand is geen UTF-8-tekst.")) from exc
        return file


class OpenAssessmentForm(forms.Form):
    competence = forms.ModelChoiceField(label=_("Bekwaamheid"), queryset=None)

    def __init__(self, *args, competences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = competences


class RubricChoiceForm(forms.Form):
    rubric = forms.ModelChoiceField(
        label=_("Rubric"), queryset=None, to_field_name="uuid", empty_label=None
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubric"].queryset = versions


class DecisionForm(forms.Form):
    """A radio choice of level per criterion, the evidence, and the decision."""

    def __init__(self, *args, version, levels, criteria, releases, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.levels = {str(level.pk): level for level in levels}
        choices = [(str(level.pk), f"{level.value} – {level.label}") for level in levels]
        for criterion in criteria:
            self.fields[f"level_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.title, choices=choices, widget=forms.RadioSelect
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Toelichting bij: %(c)s") % {"c": criterion.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["evidence"] = forms.ModelMultipleChoiceField(
            label=_("Vrijgegeven bewijs"),
            queryset=releases,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Alleen wat de lerende voor beoordeling heeft vrijgegeven."),
        )
        self.fields["outcome"] = forms.ChoiceField(
            label=_("Besluit"), choices=Outcome.choices, widget=forms.RadioSelect
        )
        self.fields["rationale"] = forms.CharField(
            label=_("Onderbouwing"), widget=forms.Textarea(attrs={"rows": 4})
        )
        self.fields["feedforward"] = forms.CharField(
            label=_("Feedforward: wat is de volgende stap?"),
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def scores(self):
        from .services.decisions import ScoreInput

        return [
            ScoreInput(
                criterion,
                self.levels[self.cleaned_data[f"level_{criterion.pk}"]],
                self.cleaned_data[f"comment_{criterion.pk}"],
            )
            for criterion in self.criteria
        ]


class ConfirmForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label=_("Ben je het eens met het besluit?"),
        choices=[("yes", _("Ja, ik bevestig het besluit")), ("no", _("Nee, ik ben het niet eens"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if data.get("agrees") is False and not data.get("note", "").strip():
            self.add_error("note", _("Leg uit waarom je het niet eens bent."))
        return data


class CommitteeViewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Jouw oordeel"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label=_("Onderbouwing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Na ondertekening van het gezamenlijke besluit verandert je oordeel niet meer."
        ),
    )


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van de correctie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Het oude besluit blijft bewaard; het nieuwe vervangt het."),
    )


class PolicyForm(forms.ModelForm):
    class Meta:
        model = AssessmentPolicy
        fields = [
            "deciding_role",
            "first_supervisor_may_decide",
            "min_evidence",
            "review_mode",
            "consensus_rule",
            "committee_size",
            "validity_months",
            "min_days_between_attempts",
            "min_performances",
            "per_months",
        ]
        labels = {
            "min_performances": _("Frequentie: minimaal aantal bevestigde uitvoeringen"),
            "per_months": _("Frequentie: binnen hoeveel maanden"),
        }
        help_texts = {
            "min_performances": _(
                "Voor een handeling met een bekwaamverklaring: zo vaak voert de medewerker "
                "haar minstens uit, bevestigd door een collega. Leeg: geen frequentieregel."
            ),
            "per_months": _("Bijvoorbeeld 12: minstens zo vaak in de afgelopen 12 maanden."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a committee needs a size; left empty, it keeps the default of two.
        self.fields["committee_size"].required = False
        for name, most in (("min_performances", 100), ("per_months", 120)):
            field = self.fields[name]
            field.min_value, field.max_value = 1, most
            field.widget.attrs.update({"min": 1, "max": most})
            # The model allows 0; the rule needs at least 1 (one message, not two).
            field.validators = [
                v for v in field.validators if not isinstance(v, MinValueValidator)
            ] + [MinValueValidator(1)]
            field.error_messages.update(
                {
                    "min_value": _("Vul een positief getal in (minstens 1), of laat het leeg."),
                    "max_value": _("Vul hoogstens %(limit_value)s in.") % {"limit_value": most},
                    "invalid": _("Vul een heel getal in."),
                }
            )

    def clean_committee_size(self):
        return self.cleaned_data["committee_size"] or 2

    def clean(self):
        data = super().clean()
        times, months = data.get("min_performances"), data.get("per_months")
        if "min_performances" in self.errors or "per_months" in self.errors:
            return data
        if times and not months:
            self.add_error(
                "per_months",
                _("Vul ook in binnen hoeveel maanden, of laat beide frequentievelden leeg."),
            )
        elif months and not times:
            self.add_error(
                "min_performances",
                _("Vul ook het aantal uitvoeringen in, of laat beide frequentievelden leeg."),
            )
        return data


class CriterionForm(forms.Form):
    title = forms.CharField(label=_("Criterium"), max_length=300)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    competence = forms.ModelChoiceField(label=_("Bekwaamheid"), queryset=None, required=False)

    def __init__(self, *args, competences, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = competences
        self.levels = levels
        for level in levels:
            self.fields[f"descriptor_{level.pk}"] = forms.CharField(
                label=_("Beschrijving bij niveau %(value)s – %(label)s")
                % {"value": level.value, "label": level.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def descriptors(self):
        return {level: self.cleaned_data[f"descriptor_{level.pk}"] for level in self.levels}


class NewCriterionForm(forms.Form):
    title = forms.CharField(label=_("Nieuw criterium"), max_length=300)


class SigningRequirementsForm(forms.Form):
    """Per qualification: required to sign or not, and within how many months of issue."""

    def __init__(self, *args, qualifications, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.qualifications = qualifications
        for q in qualifications:
            requirement = current.get(q.identifier)
            key = q.code.lower()
            self.fields[f"active_{key}"] = forms.BooleanField(
                label=_("%(title)s verplicht om te ondertekenen") % {"title": q.title},
                required=False,
                initial=requirement.is_active if requirement else False,
            )
            self.fields[f"months_{key}"] = forms.IntegerField(
                label=_("%(title)s: binnen hoeveel maanden") % {"title": q.title},
                required=False,
                min_value=1,
                max_value=120,
                initial=requirement.within_months if requirement else q.default_months,
                error_messages={
                    "min_value": _("Kies minstens 1 maand, of laat het veld leeg."),
                    "max_value": _("Kies hoogstens 120 maanden."),
                    "invalid": _("Vul een heel aantal maanden in."),
                },
            )

    def rows(self):
        """(qualification, active field, months field) per qualification, for the table."""
        return [
            (q, self[f"active_{q.code.lower()}"], self[f"months_{q.code.lower()}"])
            for q in self.qualifications
        ]

    def settings(self) -> dict:
        data = self.cleaned_data
        return {
            q.identifier: (data[f"active_{q.code.lower()}"], data[f"months_{q.code.lower()}"])
            for q in self.qualifications
        }


class PerformanceForm(forms.Form):
    """Log a performance of a procedure and name the colleague who saw it."""

    competence = forms.ModelChoiceField(label=_("Handeling"), queryset=None, to_field_name="uuid")
    performed_on = forms.DateField(
        label=_("Uitgevoerd op"), widget=forms.DateInput(attrs={"type": "date"})
    )
    confirmer = forms.ModelChoiceField(
        label=_("Collega die bevestigt"),
        queryset=None,
        to_field_name="uuid",
        help_text=_("Een collega die erbij was; die krijgt de vraag om te bevestigen."),
    )
    context = forms.CharField(
        label=_("Context"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld de situatie of afdeling. Geen namen van cliënten."),
    )

    def __init__(self, *args, procedures, colleagues, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["competence"].queryset = procedures
        self.fields["confirmer"].queryset = colleagues

    def clean_performed_on(self):
        performed_on = self.cleaned_data["performed_on"]
        if performed_on > self.today:
            raise forms.ValidationError(_("Een verrichting ligt niet in de toekomst."))
        return performed_on
