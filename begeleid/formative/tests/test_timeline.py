import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.core.models import AccessEvent
from begeleid.formative.models import Feedback, PortfolioEntry
from begeleid.formative.timeline import decode_cursor, timeline


def _feedback(cast, n, *, days=0, author=None, profession=None, kind="feedback"):
    base = timezone.now() - datetime.timedelta(days=days)
    return Feedback.objects.bulk_create(
        [
            Feedback(
                organisation=cast.organisation,
                enrolment=cast.enrolment,
                kind=kind,
                narrative=f"Feedback {i}",
                author=author or cast.supervisor,
                author_profession=profession or cast.nurse,
                recorded_at=base - datetime.timedelta(minutes=i),
            )
            for i in range(n)
        ]
    )


def test_keyset_pages_cover_every_item_once(cast):
    _feedback(cast, 30, days=1)
    seen, cursor = [], None
    while True:
        items, next_cursor = timeline(cast.enrolment, cursor=decode_cursor(cursor or ""), limit=7)
        seen += [i.uuid for i in items]
        if not next_cursor:
            break
        cursor = next_cursor
    expected = (
        Feedback.objects.filter(enrolment=cast.enrolment).count()
        + PortfolioEntry.objects.filter(enrolment=cast.enrolment).count()
    )
    assert len(seen) == len(set(seen)) == expected == 32


def test_same_timestamp_items_are_split_by_uuid(cast):
    at = timezone.now() - datetime.timedelta(days=2)
    Feedback.objects.bulk_create(
        [
            Feedback(
                organisation=cast.organisation,
                enrolment=cast.enrolment,
                narrative=str(i),
                author=cast.supervisor,
                recorded_at=at,
            )
            for i in range(5)
        ]
    )
    first, cursor = timeline(cast.enrolment, limit=4)
    second, _ = timeline(cast.enrolment, cursor=decode_cursor(cursor), limit=10)
    assert len({i.uuid for i in first} | {i.uuid for i in second}) == 7


def test_filters_kind_profession_period(cast, login):
    _feedback(cast, 2, days=40, kind="observation")
    _feedback(cast, 1, days=1, author=cast.specialist, profession=cast.physio)
    client = login(cast.learner)
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    page = client.get(url, {"kind": "observation"})
    assert [i.obj.kind for i in page.context["items"]] == ["observation", "observation"]
    page = client.get(url, {"profession": str(cast.physio.uuid)})
    assert [i.obj.author for i in page.context["items"]] == [cast.specialist]
    since = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    page = client.get(url, {"since": since, "kind": "feedback"})
    assert len(page.context["items"]) == 2  # the cast's feedback and the specialist's


def test_timeline_query_count_does_not_grow(cast, login):
    cast.entry.delete()  # one item (the cast's feedback), then three
    client = login(cast.supervisor)
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _feedback(cast, 2)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(one) == len(three)


def test_opening_timeline_records_access_but_not_for_learner(cast, login):
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    login(cast.learner).get(url)
    assert AccessEvent.objects.count() == 0
    login(cast.specialist).get(url)
    event = AccessEvent.objects.get()
    assert (event.viewer, event.subject, event.what) == (
        cast.specialist,
        cast.learner,
        "tijdlijn leerdossier",
    )


def test_timeline_of_other_organisation_not_found(cast, login):
    client = login(cast.stranger)
    assert (
        client.get(reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})).status_code
        == 404
    )


def test_malformed_cursor_means_first_page(cast, login):
    client = login(cast.learner)
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    response = client.get(url, {"cursor": "!!nonsense"})
    assert response.status_code == 200
    assert len(response.context["items"]) == 2
