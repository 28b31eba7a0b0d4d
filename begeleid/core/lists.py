"""Formatting for templates that draw many rows: the same output as Django's ``date``
filter and ``{% url %}`` tag, for a fraction of their cost per row.

A home page or timeline draws 25 to 50 rows, each with a link and a date or two. Django's
``{% url %}`` resolves the pattern again for every row, and its ``date`` filter builds a
``DateFormat`` and looks up translated month names for every value: together a third of
the time of the team table (docs/performance.md, fourth round). Here:

- ``uuid_url(name, uuid)`` reverses ``name`` once per URL configuration and script
  prefix, with a stand-in UUID, and puts each row's UUID in its place;
- ``list_date(value, fmt)`` formats with the few format characters rows use (``j d n m
  M Y y G H i`` and ``c``), reading Django's own month abbreviations once per language,
  and hands any other format to Django.

Both are tested against Django's own output (``core/tests/test_lists.py``).
"""

import datetime
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import dateformat
from django.utils.translation import get_language

_STAND_IN = "00000000-0000-0000-0000-000000000000"


@lru_cache(maxsize=256)
def _url_with_stand_in(name, prefix, urlconf):
    url = reverse(name, urlconf=urlconf, args=[_STAND_IN])
    if url.count(_STAND_IN) != 1:  # pragma: no cover - a pattern that repeats its argument
        raise ValueError(f"URL {name!r} does not take one UUID")
    return url


def uuid_url(name, uuid) -> str:
    """``reverse(name, args=[uuid])`` for a URL whose one argument is a UUID."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _url_with_stand_in(name, get_script_prefix(), urlconf).replace(_STAND_IN, str(uuid))


def _month_abbreviations(language):
    return _MONTHS.get(language) or _MONTHS.setdefault(
        language,
        [""] + [dateformat.format(datetime.date(2000, m, 1), "M") for m in range(1, 13)],
    )


_MONTHS = {}

_DATE_PARTS = {
    "j": lambda v, months: str(v.day),
    "d": lambda v, months: f"{v.day:02d}",
    "n": lambda v, months: str(v.month),
    "m": lambda v, months: f"{v.month:02d}",
    "M": lambda v, months: months[v.month],
    "Y": lambda v, months: f"{v.year:04d}",
    "y": lambda v, months: f"{v.year % 100:02d}",
}
_TIME_PARTS = {
    "G": lambda v, months: str(v.hour),
    "H": lambda v, months: f"{v.hour:02d}",
    "i": lambda v, months: f"{v.minute:02d}",
}


@lru_cache(maxsize=64)
def _compiled(fmt):
    """The format as a list of parts (a function or a literal), and whether it needs a
    time of day; None when it uses a character this module does not draw."""
    parts, needs_time = [], False
    for char in fmt:
        if char in _DATE_PARTS:
            parts.append(_DATE_PARTS[char])
        elif char in _TIME_PARTS:
            parts.append(_TIME_PARTS[char])
            needs_time = True
        elif char.isalpha() or char == "\\":
            return None
        else:
            parts.append(char)
    return parts, needs_time


def list_date(value, fmt) -> str:
    """``value|date:fmt`` for a value already in local time (as the template engine
    passes it to a filter with ``expects_localtime``); "" for no value."""
    if value in (None, ""):
        return ""
    if fmt == "c" and isinstance(value, datetime.date):
        return value.isoformat()
    compiled = _compiled(fmt)
    is_datetime = isinstance(value, datetime.datetime)
    if (
        compiled is None
        or not isinstance(value, datetime.date)
        or (compiled[1] and not is_datetime)
    ):
        from django.template.defaultfilters import date

        return date(value, fmt)
    months = _month_abbreviations(get_language())
    return "".join(p if isinstance(p, str) else p(value, months) for p in compiled[0])


class CountedRows:
    """The rows of one page standing in for the whole list, for ``Paginator``: its
    length is ``total`` (the list's number of rows, read with the page's rows) and a
    slice from ``offset`` gives the rows read. A list then costs one read per page, not
    a count and a read."""

    def __init__(self, rows, offset, total):
        self.rows, self.offset, self.total = rows, offset, total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        start = index.start - self.offset
        return self.rows[start : start + (index.stop - index.start)]
