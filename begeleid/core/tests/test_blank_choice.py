import pytest
from django import forms
from django.utils import translation

from begeleid.organisations.models import Team

pytestmark = pytest.mark.django_db


class TeamChoice(forms.Form):
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False)


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["parent"]


def test_empty_option_of_a_select_is_dutch_by_default_and_english_second():
    with translation.override("nl"):
        assert '<option value="" selected>- Kies een optie -</option>' in str(TeamChoice())
        assert "- Kies een optie -" in str(TeamForm()["parent"])
    with translation.override("en"):
        assert '<option value="" selected>- Select an option -</option>' in str(TeamChoice())
