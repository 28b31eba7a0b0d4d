import json
import logging

import pytest
from django.db import transaction
from django.test import RequestFactory

from begeleid.core.audit import record_access, record_audit
from begeleid.core.logformat import JsonFormatter, RequestIdFilter
from begeleid.core.models import AccessEvent, AuditEvent
from begeleid.core.request_context import request_id_var
from tests.querycount import count_queries


def test_audit_event_records_actor_object_and_request_id(cast):
    token = request_id_var.set("req-42")
    try:
        with transaction.atomic():
            event = record_audit(
                by=cast.admin,
                action="organisations.update_team",
                obj=cast.team,
                changes={"name": ["A", "B"]},
            )
    finally:
        request_id_var.reset(token)
    event.refresh_from_db()
    assert event.actor == cast.admin
    assert event.organisation_id == cast.organisation.id
    assert event.object_uuid == cast.team.uuid
    assert event.object_type == "organisations.team"
    assert event.changes == {"name": ["A", "B"]}
    assert event.request_id == "req-42"


@pytest.mark.django_db(transaction=True)
def test_audit_event_must_be_written_inside_the_service_transaction():
    from tests.cast import build_cast

    cast = build_cast()
    with pytest.raises(RuntimeError):
        record_audit(by=cast.admin, action="x", obj=cast.team)


def test_audit_events_cannot_be_changed_or_deleted(cast):
    with transaction.atomic():
        event = record_audit(by=cast.admin, action="x", obj=cast.team)
    event.action = "forged"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "x"


def test_access_event_is_recorded_for_someone_else_and_not_for_yourself(cast):
    request = RequestFactory().get("/programmes/x/", REMOTE_ADDR="10.1.2.3")
    request.user = cast.supervisor
    request.id = "r1"
    event = record_access(request=request, subject=cast.learner, what="leertraject")
    assert (event.viewer, event.subject, event.what, event.ip_address) == (
        cast.supervisor,
        cast.learner,
        "leertraject",
        "10.1.2.3",
    )
    request.user = cast.learner
    assert record_access(request=request, subject=cast.learner, what="leertraject") is None
    assert AccessEvent.objects.count() == 1
    with pytest.raises(TypeError):
        AccessEvent.objects.all().delete()


def test_my_access_log_lists_who_viewed_my_data_and_only_mine(cast, login):
    request = RequestFactory().get("/x/", REMOTE_ADDR="10.0.0.9")
    request.user = cast.supervisor
    record_access(request=request, subject=cast.learner, what="tijdlijn")
    record_access(request=request, subject=cast.other_learner, what="portfolio")
    response = login(cast.learner).get("/accounts/profile/access-log/")
    assert response.status_code == 200
    rows = list(response.context["page"])
    assert [(e.viewer, e.what) for e in rows] == [(cast.supervisor, "tijdlijn")]


def test_my_access_log_query_count_does_not_grow(cast, login):
    request = RequestFactory().get("/x/")
    request.user = cast.supervisor
    client = login(cast.learner)
    record_access(request=request, subject=cast.learner, what="a")
    one = count_queries(client.get, "/accounts/profile/access-log/")
    for _ in range(2):
        record_access(request=request, subject=cast.learner, what="b")
    assert count_queries(client.get, "/accounts/profile/access-log/") == one


def test_log_lines_are_json_with_the_request_id():
    record = logging.LogRecord("begeleid", logging.INFO, __file__, 1, "hallo %s", ("wereld",), None)
    token = request_id_var.set("abc")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "hallo wereld"
    assert line["level"] == "INFO"
    assert line["request_id"] == "abc"
