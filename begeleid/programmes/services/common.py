"""Small helpers shared by the programme and enrolment writes."""

import datetime


def plain(value):
    """A value as it goes into an audit event's ``changes``."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def locked(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)
