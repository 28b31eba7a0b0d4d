from django import forms
from django.utils.translation import gettext_lazy as _


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(
        label=_("Budget (euro)"), min_value=0, max_digits=10, decimal_places=2
    )
