import datetime
import uuid
import zoneinfo

import pytest
from django.template import Context, Template
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation

from begeleid.core.lists import list_date, uuid_url

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
FORMATS = ["j M", "j M H:i", "j M Y", "j M Y H:i", "c", "d-m-Y", "d/m/y G:i", "n-j H:i"]
# Every month, the turns of summer time, midnight and a year's last minute, in UTC.
MOMENTS = [
    datetime.datetime(2026, m, 3 + m, 7 + m, 4 * m, tzinfo=datetime.UTC) for m in range(1, 13)
]
MOMENTS += [
    datetime.datetime(2026, 3, 29, 0, 59, tzinfo=datetime.UTC),
    datetime.datetime(2026, 3, 29, 1, 0, tzinfo=datetime.UTC),
    datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC),
    datetime.datetime(2026, 10, 25, 1, 30, tzinfo=datetime.UTC),
    datetime.datetime(2026, 12, 31, 22, 59, tzinfo=datetime.UTC),
    datetime.datetime(2026, 12, 31, 23, 0, tzinfo=datetime.UTC),
]


def _both(value, fmt):
    """What Django's ``date`` filter and ``list_date`` draw for ``value`` in a template."""
    html = Template("{% load lists %}{{ v|date:fmt }}|{{ v|list_date:fmt }}").render(
        Context({"v": value, "fmt": fmt})
    )
    return html.split("|")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_list_date_draws_what_django_draws_for_datetimes_in_local_time(language):
    with translation.override(language), timezone.override(AMSTERDAM):
        for fmt in FORMATS:
            for moment in MOMENTS:
                django, ours = _both(moment, fmt)
                assert ours == django, (fmt, moment)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_list_date_draws_dates_and_leaves_no_value_empty(language):
    with translation.override(language):
        for fmt in ["j M Y", "d-m-Y", "c", "j M"]:
            for day in [datetime.date(2026, 1, 1), datetime.date(2027, 3, 9)]:
                django, ours = _both(day, fmt)
                assert ours == django
        assert _both(None, "j M Y") == ["", ""]
        assert _both("", "j M Y") == ["", ""]


def test_list_date_hands_other_formats_to_django():
    moment = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC)
    with translation.override("nl"), timezone.override(AMSTERDAM):
        django, ours = _both(moment, "l j F Y, \\o\\m H:i")
    assert ours == django == "maandag 4 mei 2026, om 12:00"


def test_month_abbreviations_follow_the_active_language():
    moment = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=AMSTERDAM)
    with translation.override("nl"):
        dutch = list_date(moment, "j M")
    with translation.override("en"):
        english = list_date(moment, "j M")
    assert (dutch, english) == ("10 Mrt", "10 Mar")


def test_uuid_url_is_the_reversed_url_for_each_uuid():
    ids = [uuid.uuid4() for _ in range(3)]
    for name in ["formative:timeline", "formative:feedback_detail", "guidance:enrolment_guidance"]:
        assert [uuid_url(name, i) for i in ids] == [reverse(name, args=[i]) for i in ids]


def test_uuid_url_follows_the_script_prefix():
    some = uuid.uuid4()
    set_script_prefix("/begeleid/")
    try:
        assert (
            uuid_url("formative:timeline", some)
            == f"/begeleid/formative/enrolments/{some}/timeline/"
        )
        assert uuid_url("formative:timeline", some) == reverse("formative:timeline", args=[some])
    finally:
        set_script_prefix("/")
    assert uuid_url("formative:timeline", some) == f"/formative/enrolments/{some}/timeline/"
