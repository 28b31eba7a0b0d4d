import uuid as uuidlib
from html import escape  # Django's escape() is this, for a str
from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import IntegerField
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from begeleid.core.compiled import PreparedQuery
from begeleid.core.widgets import PlainSelect
from begeleid.frameworks.queries import grouped_by_framework, learning_competences
from begeleid.organisations.queries import professions_for
from begeleid.programmes.enums import AUTONOMY_LEVELS

from .enums import EmailMode, EntryKind, FeedbackKind
from .picker import CompetencePicker, CompetencesField
from .prompts import prompts_for
from .uploads import check_upload


class FeedbackForm(CompetencePicker, forms.Form):
    """Narrative first: the quick path needs only the text; the rest is optional."""

    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=FeedbackKind.choices,
        initial=FeedbackKind.FEEDBACK,
        widget=forms.RadioSelect,
    )
    narrative = forms.CharField(
        label=_("Wat zag je?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "autofocus": True}),
    )
    went_well = forms.CharField(
        label=_("Wat ging goed"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    to_improve = forms.CharField(
        label=_("Wat kan beter"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_step = forms.CharField(
        label=_("Volgende stap"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    moment = forms.ModelChoiceField(
        label=_("Bij begeleidingsmoment"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        empty_label=_("Geen"),
    )
    competences = CompetencesField()

    def __init__(self, *args, organisation_id, moments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_competences(organisation_id)
        if moments is None:
            del self.fields["moment"]
        else:
            self.fields["moment"].queryset = moments
            self.fields["moment"].label_from_instance = lambda m: (
                f"{m.starts_at:%d-%m %H:%M} · {m.title}"
            )


class ReactionForm(forms.Form):
    text = forms.CharField(
        label=_("Jouw reactie"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FeedbackRequestForm(forms.Form):
    question = forms.CharField(
        label=_("Waarover wil je feedback?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: mijn overdracht volgens SBAR tijdens de avonddienst."),
    )
    recipient = forms.ModelChoiceField(
        label=_("Collega"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        help_text=_(
            "Kies een collega, of vul hieronder naam en e-mailadres in van iemand zonder account."
        ),
    )
    name = forms.CharField(label=_("Naam (zonder account)"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mailadres (zonder account)"), required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = people

    def clean(self):
        data = super().clean()
        recipient, email, name = data.get("recipient"), data.get("email"), data.get("name")
        if recipient and (email or name):
            raise ValidationError(
                _("Kies een collega óf vul naam en e-mailadres in, niet allebei.")
            )
        if not recipient and not email and "email" not in self.errors:
            raise ValidationError(_("Kies een collega of vul een e-mailadres in."))
        if email and not name:
            self.add_error("name", _("Vul de naam in van degene aan wie je het vraagt."))
        return data


class ExternalResponseForm(forms.Form):
    name = forms.CharField(label=_("Jouw naam"), max_length=200)
    profession = forms.CharField(
        label=_("Jouw beroep"), max_length=120, help_text=_("Bijvoorbeeld: verpleegkundige, arts.")
    )
    narrative = forms.CharField(
        label=_("Jouw feedback"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    went_well = forms.CharField(
        label=_("Wat ging goed"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    to_improve = forms.CharField(
        label=_("Wat kan beter"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_step = forms.CharField(
        label=_("Volgende stap"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class EntryForm(CompetencePicker, forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=EntryKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Titel"), max_length=200)
    prompt = forms.ChoiceField(label=_("Vraag om over na te denken"), required=False)
    text = forms.CharField(
        label=_("Tekst"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    self_rating = forms.TypedChoiceField(
        label=_("Hoe zelfstandig doe je dit nu?"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(k, f"{k} – {v}") for k, v in AUTONOMY_LEVELS.items()],
        help_text=_("Alleen bij een zelfbeoordeling."),
    )
    competences = CompetencesField(help_text=_("Waar gaat dit item over? Kies er een of meer."))
    files = MultipleFileField(
        label=_("Bestanden"),
        required=False,
        help_text=_("PDF, PNG, JPEG, DOCX, XLSX of TXT, elk hoogstens 10 MB."),
    )

    def __init__(self, *args, organisation_id, phase=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_competences(organisation_id, ratings=True)
        prompts = prompts_for(phase)
        self.fields["prompt"].choices = [("", _("Geen vaste vraag"))] + [(p, p) for p in prompts]

    def clean_files(self):
        checked, errors = [], []
        for uploaded in self.cleaned_data.get("files") or []:
            try:
                checked.append((uploaded, check_upload(uploaded)))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        ratings = self.chosen_ratings()
        if kind != EntryKind.SELF_ASSESSMENT:
            if data.get("self_rating"):
                self.add_error(
                    "self_rating", _("Een eigen inschatting hoort bij een zelfbeoordeling.")
                )
            for name, competence in self.rating_names.items():
                if competence in ratings:
                    self.add_error(name, _("Een eigen inschatting hoort bij een zelfbeoordeling."))
        elif not data.get("self_rating") and not ratings and not self._rating_errors():
            self.add_error(
                "self_rating",
                _("Geef aan hoe zelfstandig je dit nu doet: in het algemeen of per bekwaamheid."),
            )
        if (
            kind in (EntryKind.EVIDENCE, EntryKind.CERTIFICATE)
            and not data.get("files")
            and "files" not in self.errors
        ) and not data.get("text"):
            self.add_error("files", _("Voeg een bestand toe of beschrijf het bewijs in de tekst."))
        if kind in (EntryKind.REFLECTION, EntryKind.SELF_ASSESSMENT) and not data.get("text"):
            self.add_error("text", _("Schrijf je reflectie op."))
        return data

    def head(self):
        return self.subset("kind", "title", "prompt", "text", "self_rating")

    def tail(self):
        return self.subset("files", errors=False)

    def _rating_errors(self) -> bool:
        return any(name in self.errors for name in self.rating_names)


class ReleaseForm(forms.Form):
    assignment = forms.ChoiceField(label=_("Aan wie"))
    purpose = forms.CharField(
        label=_("Waarvoor geef je dit vrij?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: voor de beoordeling van de instructiefase."),
    )
    feedback = forms.ModelMultipleChoiceField(
        label=_("Feedback"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
    )
    entries = forms.ModelMultipleChoiceField(
        label=_("Portfolio-items"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, assessors, feedback, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessors = {str(a.uuid): a for a in assessors}
        self.fields["assignment"].choices = [
            ("all", _("Voor beoordeling (alle beoordelaars van mijn traject)"))
        ] + [(str(a.uuid), a.person.full_name) for a in assessors]
        self.fields["feedback"].queryset = feedback
        self.fields["feedback"].label_from_instance = lambda f: (
            f"{f.recorded_at:%d-%m-%Y} · {f.get_kind_display()} · {f.author_display}"
        )
        self.fields["entries"].queryset = entries
        self.fields["entries"].label_from_instance = lambda e: (
            f"{e.recorded_at:%d-%m-%Y} · {e.get_kind_display()} · {e.title}"
        )

    def clean(self):
        data = super().clean()
        if not data.get("feedback") and not data.get("entries"):
            raise ValidationError(_("Kies ten minste één item om vrij te geven."))
        data["assignment_obj"] = self.assessors.get(data.get("assignment"))
        return data


class PreferenceForm(forms.Form):
    email_mode = forms.ChoiceField(
        label=_("E-mail over meldingen"), choices=EmailMode.choices, widget=forms.RadioSelect
    )


def _attrs(attrs) -> str:
    """The attributes as Django's ``attrs.html`` writes them (True alone, False left out)."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class PlainDateInput(forms.DateInput):
    """``<input type="date">`` with the markup of Django's ``input.html``, written without
    its two templates (like ``core.widgets.PlainSelect`` for a select)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = widget["value"]
        value = "" if value is None else f' value="{escape(str(value))}"'
        return mark_safe(
            f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
            f"{value}{_attrs(widget['attrs'])}>"
        )


class ReadChoiceField(forms.ChoiceField):
    """A choice among objects the form has read, by UUID; the cleaned value is the object.

    What a ``ModelChoiceField`` over them accepts and refuses, checked against the list
    rather than with one more query: ``offer()`` the objects and their choices."""

    def __init__(self, *, empty_label, **kwargs):
        super().__init__(required=False, widget=PlainSelect, **kwargs)
        self.empty_label = empty_label
        self.objects = {}

    def offer(self, objects, choices):
        self.objects = {o.uuid: o for o in objects}
        self.choices = [("", self.empty_label), *choices]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.objects[uuidlib.UUID(str(value))]
        except (ValueError, KeyError):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None

    def validate(self, value):
        forms.Field.validate(self, value)  # the choice is checked: it is an object read


# The filter's two lists, each read as SQL built and compiled once per process
# (core.compiled), with the columns the choices, the timeline's tags and the filtering use.
_COMPETENCES = PreparedQuery(
    lambda organisation: learning_competences(organisation).only(
        "uuid", "code", "title", "parent", "sequence", "framework__title", "framework__version"
    ),
    organisation=IntegerField(),
)
# ``professions_for`` reads no more of the user than the organisation.
_PROFESSIONS = PreparedQuery(
    lambda organisation: professions_for(SimpleNamespace(organisation_id=organisation)).only(
        "uuid", "name"
    ),
    organisation=IntegerField(),
)


def timeline_professions(user) -> list:
    """The professions the timeline filters by: those of the user's organisation."""
    return _PROFESSIONS(organisation=user.organisation_id)


class TimelineFilterForm(forms.Form):
    # PlainSelect: the same markup without a template per option (core.widgets).
    kind = forms.ChoiceField(label=_("Soort"), required=False, widget=PlainSelect)
    profession = ReadChoiceField(
        label=_("Beroep van de auteur"),
        empty_label=_("Alle beroepen"),
        error_messages={
            "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]
        },
    )
    since = forms.DateField(
        label=_("Vanaf"), required=False, widget=PlainDateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Tot en met"), required=False, widget=PlainDateInput(attrs={"type": "date"})
    )

    competence = ReadChoiceField(
        label=_("Bekwaamheid"),
        empty_label=_("Alle bekwaamheden"),
        error_messages={"invalid_choice": _("Kies een bekwaamheid uit de lijst.")},
    )

    def __init__(self, *args, professions, kinds, organisation_id, **kwargs):
        """``professions``: the list to offer (``timeline_professions``)."""
        super().__init__(*args, **kwargs)
        self.fields["profession"].offer(professions, [(str(p.uuid), str(p)) for p in professions])
        self.fields["kind"].choices = [("", _("Alles"))] + list(kinds)
        # Read once: the choices, and the timeline's tags resolve against it too.
        self.competences = _COMPETENCES(organisation=organisation_id)
        # Grouped per framework (optgroups).
        self.fields["competence"].offer(
            self.competences,
            [
                (str(framework), [(str(c.uuid), str(c)) for c in items])
                for framework, items in grouped_by_framework(self.competences)
            ],
        )
