"""iCalendar (RFC 5545) output of guidance moments, through the ``icalendar`` package.

Pure: it takes plain event data and returns bytes, so it is tested without a database.
The library escapes text, folds lines at 75 octets and ends lines with CRLF; we add the
VTIMEZONE for Europe/Amsterdam and give DTSTART/DTEND in that zone (TZID), because
calendar clients show floating or UTC times wrongly around the change to summer time.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar
from django.utils.translation import gettext as _

TIMEZONE = ZoneInfo("Europe/Amsterdam")
PRODID = "-//begeleid//begeleidingsmomenten//NL"
UID_DOMAIN = "begeleid"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: datetime.datetime  # aware
    end: datetime.datetime  # aware
    location: str = ""
    description: str = ""
    cancelled: bool = False
    last_modified: datetime.datetime | None = None


def event_uid(moment_uuid) -> str:
    return f"{moment_uuid}@{UID_DOMAIN}"


def _event(item: CalendarEvent, stamp: datetime.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("dtstart", item.start.astimezone(TIMEZONE))
    event.add("dtend", item.end.astimezone(TIMEZONE))
    event.add("summary", item.summary)
    if item.location:
        event.add("location", item.location)
    if item.description:
        event.add("description", item.description)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.last_modified:
        event.add("last-modified", item.last_modified.astimezone(datetime.UTC))
    return event


def calendar_bytes(events: list[CalendarEvent], *, name: str, stamp: datetime.datetime) -> bytes:
    """A complete VCALENDAR with one VEVENT per event and the VTIMEZONE they use."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE.key)
    calendar.add_component(amsterdam_vtimezone())
    for item in events:
        calendar.add_component(_event(item, stamp))
    return calendar.to_ical()


def amsterdam_vtimezone() -> icalendar.Timezone:
    """Europe/Amsterdam by its EU rule (last Sunday of March and October).

    A rule instead of listed dates keeps the feed small and stays right after 2037.
    """
    zone = icalendar.Timezone()
    zone.add("tzid", TIMEZONE.key)
    for kind, name, start, month, offset_from, offset_to in (
        (icalendar.TimezoneDaylight, "CEST", datetime.datetime(1981, 3, 29, 2), 3, 1, 2),
        (icalendar.TimezoneStandard, "CET", datetime.datetime(1996, 10, 27, 3), 10, 2, 1),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", datetime.timedelta(hours=offset_from))
        part.add("tzoffsetto", datetime.timedelta(hours=offset_to))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        zone.add_component(part)
    return zone


def moment_event(moment, *, url: str = "") -> CalendarEvent:
    """A moment (with learners and participants loaded) as calendar data. Notes stay out:
    a feed link is a bearer secret, so it carries no more than a calendar needs."""
    learners = ", ".join(ml.enrolment.learner.full_name for ml in moment.learners.all())
    people = ", ".join(p.person.full_name for p in moment.participants.all())
    lines = [str(moment.get_form_display())]
    if learners:
        lines.append(_("Lerenden: %(names)s") % {"names": learners})
    if people:
        lines.append(_("Deelnemers: %(names)s") % {"names": people})
    if moment.cancel_reason:
        lines.append(_("Geannuleerd: %(reason)s") % {"reason": moment.cancel_reason})
    if url:
        lines.append(url)
    return CalendarEvent(
        uid=event_uid(moment.uuid),
        summary=moment.title,
        start=moment.starts_at,
        end=moment.ends_at,
        location=moment.location,
        description="\n".join(lines),
        cancelled=moment.status == "cancelled",
        last_modified=moment.updated_at,
    )
