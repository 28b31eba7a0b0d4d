"""Saving feedback reads the learner's notification preference with the enrolment
(docs/performance.md), and still honours it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from begeleid.formative.enums import EmailMode
from begeleid.formative.models import Notification
from begeleid.formative.services.notifications import set_email_mode

DATA = {"kind": "feedback", "narrative": "Heldere overdracht volgens SBAR."}


def _submit(cast, login, capture):
    client = login(cast.supervisor)
    url = reverse("formative:feedback_create", kwargs={"uuid": cast.enrolment.uuid})
    with CaptureQueriesContext(connection) as ctx, capture(execute=True):
        response = client.post(url, DATA)
    assert response.status_code == 302
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("mode", [None, EmailMode.IMMEDIATE, EmailMode.DIGEST])
def test_feedback_submit_honours_the_preference_read_with_the_enrolment(
    cast, login, mailoutbox, django_capture_on_commit_callbacks, mode
):
    if mode is not None:
        set_email_mode(person=cast.learner, email_mode=mode)
    sqls = _submit(cast, login, django_capture_on_commit_callbacks)
    note = Notification.objects.get(recipient=cast.learner, kind="new_feedback")
    if mode == EmailMode.DIGEST:
        assert (mailoutbox, note.emailed_at) == ([], None)
    else:
        assert [m.to for m in mailoutbox] == [[cast.learner.email]]
        assert note.emailed_at is not None
    assert not [s for s in sqls if 'FROM "formative_notificationpreference"' in s.split("WHERE")[0]]


def test_feedback_submit_without_competences_reads_no_competence_list(
    cast, login, django_capture_on_commit_callbacks
):
    sqls = _submit(cast, login, django_capture_on_commit_callbacks)
    assert [s for s in sqls if 'FROM "assessment_competence"' in s.split("WHERE")[0]] == []


def test_feedback_form_still_offers_the_competences_when_drawn(cast, login):
    client = login(cast.supervisor)
    url = reverse("formative:feedback_create", kwargs={"uuid": cast.enrolment.uuid})
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(url).content.decode()
    competence_reads = [
        q["sql"] for q in ctx.captured_queries if 'FROM "assessment_competence"' in q["sql"]
    ]
    assert len(competence_reads) == 1
    assert 'name="competences"' in html
