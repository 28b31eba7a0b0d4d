from django import template

from begeleid.core import formats

register = template.Library()


@register.filter
def euro(value):
    """``{{ amount|euro }}``: see ``begeleid.core.formats.euro``."""
    return formats.euro(value)
