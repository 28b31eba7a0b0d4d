"""``{% load lists %}``: a row's link and dates, drawn cheaply (``begeleid.core.lists``)."""

from django import template

from begeleid.core import lists

register = template.Library()


@register.filter
def uuid_url(uuid, name):
    """``{{ obj.uuid|uuid_url:"app:name" }}`` is ``{% url "app:name" obj.uuid %}``."""
    return lists.uuid_url(name, uuid)


@register.filter(expects_localtime=True, is_safe=False)
def list_date(value, fmt):
    """``{{ value|list_date:"j M Y" }}`` is ``{{ value|date:"j M Y" }}``."""
    return lists.list_date(value, fmt)
