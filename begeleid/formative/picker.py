"""Choosing competences on formative forms: grouped by framework, only the learner's
organisation's published frameworks, and the self-assessment's level per competence.

Validation is the queryset: a competence of another organisation, of a draft or retired
framework, or a value that is no competence at all, is refused with one clear message.
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from begeleid.frameworks.models import Competence
from begeleid.frameworks.queries import grouped_by_framework, learning_competences
from begeleid.programmes.enums import AUTONOMY_LEVELS

NOT_OURS = _(
    "Kies alleen bekwaamheden uit een vastgesteld kader van de organisatie van de lerende."
)
LEVEL_CHOICES = [("", "—")] + [(k, f"{k} – {v}") for k, v in AUTONOMY_LEVELS.items()]


class CompetencesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple
    default_error_messages = {"invalid_choice": NOT_OURS, "invalid_pk_value": NOT_OURS}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Bekwaamheden"))
        super().__init__(
            queryset=Competence.objects.none(), required=False, to_field_name="uuid", **kwargs
        )


def level_field(label):
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        choices=LEVEL_CHOICES,
        error_messages={"invalid_choice": _("Kies een niveau van 1 tot en met 5.")},
    )


class CompetencePicker:
    """Mixin for a form with a ``competences`` field (a ``CompetencesField``)."""

    def set_competences(self, organisation_id, *, ratings: bool = False):
        """Offer the organisation's published competences; with ``ratings`` also a level
        field per competence, named ``level_<uuid hex>``.

        The list is read (one query) only when it is needed: to draw the picker or the
        rating grid. Saving feedback without competences reads none."""
        field = self.fields["competences"]
        field.queryset = learning_competences(organisation_id)
        field.choices = self._competence_choices  # a callable: evaluated when drawn
        self.rating_names = {}
        if ratings:
            for _framework, items in self.picker_groups:
                for competence in items:
                    name = f"level_{competence.uuid.hex}"
                    self.fields[name] = level_field(str(competence))
                    self.rating_names[name] = competence

    @cached_property
    def picker_groups(self):
        """[(framework, [competence])] in tree order, read once."""
        return grouped_by_framework(list(self.fields["competences"].queryset))

    def _competence_choices(self):
        return [(str(c.uuid), str(c)) for _f, items in self.picker_groups for c in items]

    def competence_groups(self):
        """[(framework, [(competence, checkbox)])] for the template."""
        boxes = iter(self["competences"])
        return [
            (framework, [(c, next(boxes)) for c in items])
            for framework, items in self.picker_groups
        ]

    def rating_groups(self):
        """[(framework, [(competence, level field)])] for the self-assessment grid."""
        fields = {c.pk: self[name] for name, c in self.rating_names.items()}
        return [
            (framework, [(c, fields[c.pk]) for c in items])
            for framework, items in self.picker_groups
        ]

    def chosen_ratings(self) -> dict:
        """{competence: level} of the levels filled in (after validation)."""
        return {
            competence: self.cleaned_data[name]
            for name, competence in self.rating_names.items()
            if self.cleaned_data.get(name)
        }

    @property
    def picker_open(self) -> bool:
        """Something is chosen or wrong, so the collapsed section starts open."""
        return bool(self["competences"].value() or self["competences"].errors)

    @property
    def ratings_open(self) -> bool:
        return any(self[name].value() or self[name].errors for name in self.rating_names)

    def subset(self, *names, errors=True):
        """The named fields only, shaped like a form for ``includes/form_fields.html``."""
        return FieldSubset(self, names, errors)


class FieldSubset:
    def __init__(self, form, names, errors):
        self.form, self.names, self.errors = form, names, errors

    def non_field_errors(self):
        return self.form.non_field_errors() if self.errors else []

    def hidden_fields(self):
        return self.form.hidden_fields() if self.errors else []

    def visible_fields(self):
        return [self.form[name] for name in self.names if name in self.form.fields]
