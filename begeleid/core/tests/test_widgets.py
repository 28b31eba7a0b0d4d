"""PlainSelect draws what Django's Select draws (the same HTML, parsed), without a
template per option."""

import pytest
from django import forms
from django.test.html import parse_html

from begeleid.core.widgets import PlainSelect

CHOICES = [
    ("", "Alles"),
    ("Groep A & B", [("a", "Één <script>"), ("b", 'Twee "quotes"')]),
    ("c", "Drie"),
]


@pytest.mark.parametrize("value", [None, "", "a", "c", "onbekend"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_kind", "required": True, "disabled": False, "data-x": "1 < 2"}]
)
def test_plain_select_draws_the_same_html_as_django(value, attrs):
    plain = PlainSelect(choices=CHOICES).render("kind", value, attrs)
    django = forms.Select(choices=CHOICES).render("kind", value, attrs)
    assert parse_html(plain) == parse_html(django)
    assert "<script>" not in plain
    assert "&lt;script&gt;" in plain


def test_plain_select_in_a_form_keeps_the_choice_and_the_label(db):
    class Filter(forms.Form):
        kind = forms.ChoiceField(choices=CHOICES, required=False, widget=PlainSelect)

    form = Filter({"kind": "b"})
    assert form.is_valid()
    html = str(form["kind"])
    assert '<option value="b" selected>' in html
    assert '<optgroup label="Groep A &amp; B">' in html
    assert 'id="id_kind"' in html
