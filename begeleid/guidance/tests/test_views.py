"""Guidance through the real views: planning, changing, recording, series, feeds."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from begeleid.core.models import AuditEvent
from begeleid.guidance import services
from begeleid.guidance.enums import MomentStatus
from begeleid.guidance.models import CalendarFeed, GuidanceMoment, MomentLearner

from .helpers import at, enrol_learner, plan
from .test_pure import assert_rfc5545_lines, strict_parse

pytestmark = pytest.mark.django_db


def plan_data(cast, **overrides):
    data = {
        "enrolments": [cast.enrolment.pk],
        "participants": [cast.supervisor.pk],
        "form": "reflection",
        "title": "Reflectie op de week",
        "date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        "time": "14:00",
        "duration_minutes": "45",
        "location": "Teamkamer",
    }
    data.update(overrides)
    return data


def test_plan_moment_saves_with_learners_participants_and_audit(cast, login):
    client = login(cast.supervisor)
    response = client.post(reverse("guidance:moment_plan"), plan_data(cast))
    moment = GuidanceMoment.objects.get(title="Reflectie op de week")
    assert response.status_code == 302
    assert response.url == reverse("guidance:moment_detail", kwargs={"uuid": moment.uuid})
    assert [ml.enrolment for ml in moment.learners.all()] == [cast.enrolment]
    assert [p.person for p in moment.participants.all()] == [cast.supervisor]
    assert timezone.localtime(moment.starts_at).time() == datetime.time(14, 0)
    assert moment.team == cast.team
    assert (
        AuditEvent.objects.filter(action="guidance.plan_moment", object_uuid=moment.uuid).count()
        == 1
    )


def test_plan_moment_offers_only_enrolments_the_planner_guides(cast, login):
    response = login(cast.supervisor).get(reverse("guidance:moment_plan"))
    choices = list(response.context["form"].fields["enrolments"].queryset)
    assert choices == [cast.enrolment]
    response = login(cast.supervisor).post(
        reverse("guidance:moment_plan"), plan_data(cast, enrolments=[cast.other_enrolment.pk])
    )
    assert response.status_code == 200
    assert "enrolments" in response.context["form"].errors


def test_plan_moment_warns_for_an_overlap_and_saves_after_confirmation(cast, login):
    existing = cast.moment  # the supervisor's coaching, in two days at 10:00 for an hour
    day = timezone.localtime(existing.starts_at).date().isoformat()
    client = login(cast.supervisor)
    data = plan_data(cast, date=day, time="10:30")
    response = client.post(reverse("guidance:moment_plan"), data)
    assert response.status_code == 200
    assert not GuidanceMoment.objects.filter(title="Reflectie op de week").exists()
    when = date_format(timezone.localtime(existing.starts_at), "D j M H:i")
    assert sorted(response.context["warnings"]) == [
        f"Bea Begeleider heeft dan al een moment: Coaching bij de ochtendzorg ({when}).",
        f"Lies Lerende heeft dan al een moment: Coaching bij de ochtendzorg ({when}).",
    ]
    assert 'name="confirmed" value="on"' in response.content.decode()
    response = client.post(reverse("guidance:moment_plan"), data | {"confirmed": "on"})
    assert response.status_code == 302
    moment = GuidanceMoment.objects.get(title="Reflectie op de week")
    listed = login(cast.supervisor).get(reverse("guidance:moment_list"))
    assert listed.context["overlaps"] == {
        existing.pk: ["Bea Begeleider", "Lies Lerende"],
        moment.pk: ["Bea Begeleider", "Lies Lerende"],
    }


def test_plan_moment_warns_when_the_learner_goes_over_the_weekly_hours(cast, login):
    # Monday in two weeks (clear of the cast's moment): 6 hours planned already.
    monday = (
        timezone.localdate()
        - datetime.timedelta(days=timezone.localdate().weekday())
        + datetime.timedelta(days=14)
    )
    offset = (monday - timezone.localdate()).days
    plan(cast, starts_at=at(offset, 8), minutes=240, participants=[cast.specialist])
    plan(cast, starts_at=at(offset + 1, 8), minutes=120, participants=[cast.specialist])
    data = plan_data(
        cast, date=(monday + datetime.timedelta(days=2)).isoformat(), duration_minutes="60"
    )
    response = login(cast.supervisor).post(reverse("guidance:moment_plan"), data)
    assert response.context["warnings"] == [
        "Dit brengt Lies Lerende op 7 uur begeleiding die week, boven 6."
    ]
    # The other learner, with nothing that week, gets no warning.
    other = plan_data(cast, enrolments=[], date=(monday + datetime.timedelta(days=2)).isoformat())
    own = enrol_learner(cast, "Sanne Nieuw")
    response = login(cast.supervisor).post(
        reverse("guidance:moment_plan"), other | {"enrolments": [own.pk]}
    )
    assert response.status_code == 302


def test_reschedule_cancel_and_record_a_moment(cast, login):
    client = login(cast.supervisor)
    moment = cast.moment
    url = reverse("guidance:moment_reschedule", kwargs={"uuid": moment.uuid})
    new_day = (timezone.localdate() + datetime.timedelta(days=8)).isoformat()
    response = client.post(
        url, {"date": new_day, "time": "09:15", "duration_minutes": "30", "location": "Kamer 2"}
    )
    assert response.status_code == 302
    moment.refresh_from_db()
    assert timezone.localtime(moment.starts_at).strftime("%Y-%m-%d %H:%M") == f"{new_day} 09:15"
    assert (moment.duration_minutes, moment.location) == (30, "Kamer 2")

    cancel = reverse("guidance:moment_cancel", kwargs={"uuid": moment.uuid})
    response = client.post(cancel, {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Dit veld is verplicht."]}
    client.post(cancel, {"reason": "Bezetting te krap."})
    moment.refresh_from_db()
    assert (moment.status, moment.cancel_reason) == (MomentStatus.CANCELLED, "Bezetting te krap.")

    past = plan(cast, starts_at=at(-1), enrolments=[cast.enrolment])
    record = reverse("guidance:moment_record", kwargs={"uuid": past.uuid})
    field = f"attended_{cast.enrolment.uuid.hex}"
    response = client.post(record, {"notes": "Goed voorbereid.", field: "no"})
    assert response.status_code == 302
    past.refresh_from_db()
    assert (past.status, past.notes) == (MomentStatus.HELD, "Goed voorbereid.")
    assert MomentLearner.objects.get(moment=past).attended is False


def test_record_refuses_a_moment_that_has_not_started(cast, login):
    url = reverse("guidance:moment_record", kwargs={"uuid": cast.moment.uuid})
    response = login(cast.supervisor).post(url, {"notes": "Te vroeg"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Een moment kan pas worden vastgelegd als het begonnen is."
    ]
    cast.moment.refresh_from_db()
    assert cast.moment.status == MomentStatus.PLANNED


def test_series_materialises_moments_and_skips_and_moves_single_dates(cast, login):
    client = login(cast.supervisor)
    start = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("guidance:series_plan"),
        {
            "enrolments": [cast.enrolment.pk],
            "participants": [cast.supervisor.pk],
            "form": "reflection",
            "title": "Wekelijkse reflectie",
            "recurrence": "weekly",
            "weekday": str(start.weekday()),
            "start_time": "16:00",
            "duration_minutes": "30",
            "location": "",
            "first_date": start.isoformat(),
            "until": (start + datetime.timedelta(weeks=3)).isoformat(),
        },
    )
    assert response.status_code == 302
    moments = list(GuidanceMoment.objects.filter(title="Wekelijkse reflectie"))
    assert [m.series_date for m in moments] == [
        start + datetime.timedelta(weeks=w) for w in range(4)
    ]
    series = moments[0].series
    url = reverse("guidance:series_detail", kwargs={"uuid": series.uuid})
    client.post(url, {"original_date": moments[1].series_date.isoformat(), "kind": "skip"})
    moved_day = moments[2].series_date + datetime.timedelta(days=1)
    client.post(
        url,
        {
            "original_date": moments[2].series_date.isoformat(),
            "kind": "move",
            "new_date": moved_day.isoformat(),
            "new_time": "08:30",
        },
    )
    statuses = [
        (m.series_date, m.status, timezone.localtime(m.starts_at).strftime("%Y-%m-%d %H:%M"))
        for m in GuidanceMoment.objects.filter(series=series).order_by("series_date")
    ]
    assert statuses == [
        (moments[0].series_date, "planned", f"{moments[0].series_date} 16:00"),
        (moments[1].series_date, "cancelled", f"{moments[1].series_date} 16:00"),
        (moments[2].series_date, "planned", f"{moved_day} 08:30"),
        (moments[3].series_date, "planned", f"{moments[3].series_date} 16:00"),
    ]


# Calendar feeds


def test_feed_of_a_supervisor_has_exactly_one_vevent_per_moment(cast, client):
    second = plan(cast, enrolments=[cast.enrolment], starts_at=at(4, 9))
    # One moment with two learners the supervisor guides: still one event.
    other = enrol_learner(cast, "Sanne Nieuw")
    third = plan(cast, enrolments=[cast.enrolment, other], starts_at=at(6, 9))
    cancelled = plan(cast, starts_at=at(7), status=MomentStatus.CANCELLED)
    plan(cast, participants=[cast.specialist], enrolments=[other], starts_at=at(8))  # not hers
    url = reverse("guidance:feed", kwargs={"token": cast.calendar_token})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert_rfc5545_lines(response.content)
    calendar = strict_parse(response.content)
    uids = sorted(str(e["UID"]) for e in calendar.events)
    expected = [cast.moment, second, third, cancelled]
    assert uids == sorted(f"{m.uuid}@begeleid" for m in expected)
    by_uid = {str(e["UID"]): e for e in calendar.events}
    assert by_uid[f"{cancelled.uuid}@begeleid"]["STATUS"] == "CANCELLED"
    assert by_uid[f"{cast.moment.uuid}@begeleid"]["STATUS"] == "CONFIRMED"
    assert by_uid[f"{cast.moment.uuid}@begeleid"].start == timezone.localtime(cast.moment.starts_at)
    assert b"DTSTART;TZID=Europe/Amsterdam:" in response.content
    assert [z["TZID"] for z in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert all("DTSTAMP" in e for e in calendar.events)


def test_feed_of_a_learner_carries_their_moments(cast, client):
    token = services.renew_calendar_feed(person=cast.learner)
    response = client.get(reverse("guidance:feed", kwargs={"token": token}))
    calendar = strict_parse(response.content)
    assert [str(e["UID"]) for e in calendar.events] == [f"{cast.moment.uuid}@begeleid"]


def test_feed_token_is_stored_only_as_a_hash_and_renewing_revokes_the_old(cast, client, login):
    feed = CalendarFeed.objects.get(person=cast.supervisor)
    assert feed.token_hash == hashlib.sha256(cast.calendar_token.encode()).hexdigest()
    assert cast.calendar_token not in str(CalendarFeed.objects.filter(pk=feed.pk).values().get())
    response = login(cast.supervisor).post(
        reverse("guidance:calendar_settings"), {"action": "renew"}
    )
    new_url = response.context["feed_url"]
    assert new_url.startswith("http://testserver/guidance/calendar/")
    client.logout()
    assert (
        client.get(reverse("guidance:feed", kwargs={"token": cast.calendar_token})).status_code
        == 404
    )
    assert client.get(new_url).status_code == 200


def test_feed_revoked_on_the_settings_page_answers_404(cast, client, login):
    login(cast.supervisor).post(reverse("guidance:calendar_settings"), {"action": "revoke"})
    client.logout()
    assert (
        client.get(reverse("guidance:feed", kwargs={"token": cast.calendar_token})).status_code
        == 404
    )
    assert CalendarFeed.objects.get(person=cast.supervisor).token_hash is None


def test_moment_ics_is_a_single_event_download(cast, login):
    response = login(cast.learner).get(
        reverse("guidance:moment_ics", kwargs={"uuid": cast.moment.uuid})
    )
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="begeleidingsmoment-{cast.moment.uuid}.ics"'
    )
    calendar = strict_parse(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["Coaching bij de ochtendzorg"]
