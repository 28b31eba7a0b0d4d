from django import forms
from django.utils.translation import gettext_lazy as _

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
