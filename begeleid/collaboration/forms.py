from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import MeetingKind, SignalLevel, SignalStatus
from .models import (
    InterprofessionalActivity,
    Meeting,
    Signal,
    TeamAgreement,
    Vision,
    VisionStatement,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.profession})" if obj.profession_id else obj.full_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.profession})" if obj.profession_id else obj.full_name


class StatementChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_question_display()} — {obj.title}"


class VisionForm(forms.ModelForm):
    class Meta:
        model = Vision
        fields = ["title", "introduction"]


class StatementForm(forms.ModelForm):
    class Meta:
        model = VisionStatement
        fields = ["question", "title", "text", "position"]


class AgreementForm(forms.ModelForm):
    statements = StatementChoiceField(
        queryset=VisionStatement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Welke uitgangspunten van de visie brengt deze afspraak in praktijk?"),
    )
    owner = PersonChoiceField(queryset=None, label=_("Eigenaar"))

    class Meta:
        model = TeamAgreement
        fields = ["title", "topic", "text", "owner", "review_date", "statements"]
        widgets = {"review_date": DATE}

    def __init__(self, *args, people, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["statements"].queryset = statements
        self.fields["topic"].choices = [("", _("Ander onderwerp"))] + list(
            self.fields["topic"].choices
        )[1:]


class MeetingForm(forms.ModelForm):
    participants = PeopleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label=_("Deelnemers")
    )
    learner = PersonChoiceField(
        queryset=None,
        required=False,
        label=_("Besproken lerende"),
        help_text=_("Alleen bij een casusbespreking die niet geanonimiseerd is."),
    )
    signals = forms.ModelMultipleChoiceField(
        queryset=Signal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Besproken signalen"),
    )

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "date",
            "title",
            "participants",
            "agenda",
            "notes",
            "decisions",
            "is_anonymised",
            "learner",
            "signals",
        ]
        widgets = {"date": DATE}

    def __init__(self, *args, people, learners, signals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = people
        self.fields["learner"].queryset = learners
        self.fields["signals"].queryset = signals

    def clean(self):
        data = super().clean()
        if data.get("is_anonymised") and data.get("learner"):
            self.add_error(
                "learner",
                _("Een geanonimiseerde casusbespreking legt geen koppeling met de lerende."),
            )
        if data.get("learner") and data.get("kind") != MeetingKind.CASE_DISCUSSION:
            self.add_error("learner", _("Koppel alleen bij een casusbespreking een lerende."))
        return data


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("Actiepunt"), max_length=300)
    owner = PersonChoiceField(queryset=None, label=_("Eigenaar"))
    due_date = forms.DateField(label=_("Uiterlijk op"), widget=DATE)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people


class CadenceForm(forms.Form):
    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in MeetingKind:
            self.fields[kind.value] = forms.IntegerField(
                label=kind.label,
                required=False,
                min_value=1,
                max_value=52,
                initial=current.get(kind.value),
                help_text=_("Elke zoveel weken; leeg laten als dit overleg geen vast ritme heeft."),
            )

    def weeks_by_kind(self):
        return {kind: self.cleaned_data.get(kind.value) for kind in MeetingKind}


class SignalForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Aan wie richt je het signaal?"),
        choices=SignalLevel.choices,
        widget=forms.RadioSelect,
    )
    team = forms.ModelChoiceField(queryset=None, required=False, label=_("Team"))
    title = forms.CharField(label=_("Signaal in één zin"), max_length=200)
    description = forms.CharField(label=_("Toelichting"), widget=forms.Textarea)
    statement = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Gaat over uitgangspunt van de visie")
    )
    agreement = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Gaat over teamafspraak")
    )
    anonymous = forms.BooleanField(
        label=_("Anoniem melden"),
        required=False,
        help_text=_(
            "Je naam wordt nergens opgeslagen. Je krijgt eenmalig een code waarmee je de "
            "afhandeling kunt opzoeken."
        ),
    )

    def __init__(self, *args, teams, statements, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["statement"].queryset = statements
        self.fields["agreement"].queryset = agreements

    def clean(self):
        data = super().clean()
        if data.get("level") == SignalLevel.TEAM and not data.get("team"):
            self.add_error("team", _("Kies het team waaraan je het signaal richt."))
        agreement = data.get("agreement")
        team = data.get("team")
        if (
            agreement
            and data.get("level") == SignalLevel.TEAM
            and team
            and agreement.team_id != team.pk
        ):
            self.add_error("agreement", _("Kies een afspraak van het gekozen team."))
        return data


class SignalManageForm(forms.Form):
    owner = PersonChoiceField(queryset=None, label=_("Eigenaar"))
    status = forms.ChoiceField(label=_("Status"), choices=SignalStatus.choices)
    resolution = forms.CharField(
        label=_("Afhandeling"),
        required=False,
        widget=forms.Textarea,
        help_text=_("De melder ziet deze tekst."),
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class FollowUpForm(forms.Form):
    code = forms.CharField(label=_("Opvolgcode"), max_length=40)


class ActivityForm(forms.ModelForm):
    team = forms.ModelChoiceField(queryset=None, label=_("Team"))
    participants = PeopleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=_("Deelnemers"),
        help_text=_("Minstens twee verschillende beroepen."),
    )
    learners = PeopleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Betrokken lerenden"),
    )

    class Meta:
        model = InterprofessionalActivity
        fields = ["team", "kind", "date", "title", "description", "learned", "participants"]
        widgets = {"date": DATE, "kind": forms.RadioSelect}

    def __init__(self, *args, teams, people, learners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["participants"].queryset = people
        self.fields["learners"].queryset = learners

    def clean(self):
        data = super().clean()
        participants = data.get("participants") or []
        if participants and len({p.profession_id for p in participants if p.profession_id}) < 2:
            self.add_error(
                "participants", _("Kies deelnemers van minstens twee verschillende beroepen.")
            )
        return data
