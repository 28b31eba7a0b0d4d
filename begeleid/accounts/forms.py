import math

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from begeleid.core.audit import client_address

from . import ratelimit


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer het opnieuw."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met de functioneel beheerder."),
    }

    def clean(self):
        email = self.data.get("username", "")
        address = client_address(self.request) if self.request else None
        wait = ratelimit.seconds_blocked(email, address)
        if wait:
            minutes = max(1, math.ceil(wait / 60))
            raise forms.ValidationError(
                ngettext(
                    "Te veel mislukte pogingen. Probeer het over %(minutes)d minuut opnieuw.",
                    "Te veel mislukte pogingen. Probeer het over %(minutes)d minuten opnieuw.",
                    minutes,
                )
                % {"minutes": minutes},
                code="rate_limited",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            ratelimit.register_failure(email, address)
            raise
        ratelimit.clear(email)
        return cleaned
