"""Widgets for the few hot pages where Django's template-per-option rendering shows.

Django draws a ``<select>`` by rendering one template for the select and one more for
every option; on a page with a filter of a few dozen options that was a quarter of the
page's rendering time. ``PlainSelect`` writes the same markup from the same widget
context in Python (every value escaped), so validation, ids, labels and the HTML stay
Django's.
"""

from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe


def _attrs(attrs) -> str:
    """`` name="value"`` pairs as Django's ``attrs.html``: True alone, False left out."""
    parts = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        if value is True:
            parts.append(format_html(" {}", name))
        else:
            parts.append(format_html(' {}="{}"', name, str(value)))
    return "".join(parts)


class PlainSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (str(option["value"]), mark_safe(_attrs(option["attrs"])), option["label"])  # noqa: S308
                    for option in options
                ),
            )
            if group_name:
                rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
            groups.append(rendered)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            mark_safe(_attrs(widget["attrs"])),  # noqa: S308 (escaped in _attrs)
            mark_safe("".join(conditional_escape(g) for g in groups)),  # noqa: S308
        )
