import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from begeleid.core.models import AccessEvent, AuditEvent
from begeleid.formative.models import Feedback, FeedbackReaction, FeedbackRevision, Notification


def test_quick_feedback_path_takes_two_taps_from_home(cast, login):
    """Home → tap the learner (#quick-feedback-<uuid>) → type → tap #save-feedback."""
    client = login(cast.supervisor)
    home = client.get(reverse("reports:home")).content.decode()
    form_url = reverse("formative:feedback_create", kwargs={"uuid": cast.enrolment.uuid})
    assert f'id="quick-feedback-{cast.enrolment.uuid}"' in home
    assert f'href="{form_url}"' in home  # tap 1

    page = client.get(form_url).content.decode()
    assert '<textarea name="narrative"' in page
    assert 'id="id_narrative"' in page and "autofocus" in page
    assert 'value="feedback" required id="id_kind_1" checked' in page
    assert 'id="save-feedback"' in page

    response = client.post(
        form_url, {"kind": "feedback", "narrative": "Goede SBAR-overdracht."}
    )  # tap 2
    feedback = Feedback.objects.get(narrative="Goede SBAR-overdracht.")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "formative:feedback_detail", kwargs={"uuid": feedback.uuid}
    )
    assert (feedback.author, feedback.phase, feedback.author_profession) == (
        cast.supervisor,
        cast.enrolment.current_phase,
        cast.nurse,
    )


def test_quick_form_preselects_kind_and_keeps_input_on_error(cast, login):
    client = login(cast.supervisor)
    url = reverse("formative:feedback_create", kwargs={"uuid": cast.enrolment.uuid})
    response = client.post(url, {"kind": "observation", "narrative": "", "next_step": "Oefenen"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in page
    assert "Oefenen" in page
    assert 'value="observation" required id="id_kind_0" checked' in page


def test_specialist_feedback_carries_their_assignment_profession(cast, login):
    client = login(cast.specialist)
    url = reverse("formative:feedback_create", kwargs={"uuid": cast.enrolment.uuid})
    client.post(url, {"kind": "feedforward", "narrative": "Transfer volgens protocol."})
    assert (
        Feedback.objects.get(narrative="Transfer volgens protocol.").author_profession
        == cast.physio
    )


def test_new_feedback_notifies_learner_and_is_audited(
    cast, login, mailoutbox, django_capture_on_commit_callbacks
):
    client = login(cast.supervisor)
    url = reverse("formative:feedback_create", kwargs={"uuid": cast.enrolment.uuid})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"kind": "feedback", "narrative": "Mooi gedaan."})
    feedback = Feedback.objects.get(narrative="Mooi gedaan.")
    note = Notification.objects.get(recipient=cast.learner)
    assert note.title == "Nieuwe feedback van Bea Begeleider"
    assert note.url == reverse("formative:feedback_detail", kwargs={"uuid": feedback.uuid})
    assert [m.to for m in mailoutbox] == [["learner@test.example"]]
    assert (
        AuditEvent.objects.filter(
            action="formative.record_feedback", object_uuid=feedback.uuid
        ).count()
        == 1
    )


def test_edit_within_window_keeps_revision(cast, login):
    client = login(cast.supervisor)
    feedback = cast.feedback
    url = reverse("formative:feedback_edit", kwargs={"uuid": feedback.uuid})
    response = client.post(url, {"kind": "feedforward", "narrative": "Aangepaste tekst."})
    assert response.status_code == 302
    feedback.refresh_from_db()
    revision = FeedbackRevision.objects.get(feedback=feedback)
    assert (feedback.kind, feedback.narrative) == ("feedforward", "Aangepaste tekst.")
    assert (revision.kind, revision.narrative, revision.edited_by) == (
        "feedback",
        "Je hebt de overdracht volgens SBAR gedaan.",
        cast.supervisor,
    )
    detail = client.get(reverse("formative:feedback_detail", kwargs={"uuid": feedback.uuid}))
    assert "Eerdere versies" in detail.content.decode()


@pytest.mark.parametrize(("hours", "status"), [(23, 200), (25, 403)])
def test_edit_window_follows_setting(cast, login, settings, hours, status):
    settings.FEEDBACK_EDIT_WINDOW_HOURS = 24
    url = reverse("formative:feedback_edit", kwargs={"uuid": cast.feedback.uuid})
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=hours)):
        client = login(cast.supervisor)  # a session lasts one shift: log in after the jump
        assert client.get(url).status_code == status


def test_reaction_thread_learner_and_supervisor(cast, login):
    client = login(cast.learner)
    url = reverse("formative:feedback_react", kwargs={"uuid": cast.feedback.uuid})
    client.post(url, {"text": "Dank je, ik let op de dubbele check."})
    client = login(cast.supervisor)
    client.post(url, {"text": "Top, morgen oefenen we samen."})
    texts = list(FeedbackReaction.objects.order_by("id").values_list("author__full_name", "text"))
    assert texts == [
        ("Lies Lerende", "Dank je, ik let op de dubbele check."),
        ("Bea Begeleider", "Top, morgen oefenen we samen."),
    ]
    assert list(
        Notification.objects.order_by("id").values_list("recipient__full_name", flat=True)
    ) == [
        "Bea Begeleider",
        "Lies Lerende",
    ]


def test_supervisor_opening_feedback_records_access(cast, login):
    client = login(cast.supervisor)
    client.get(reverse("formative:feedback_detail", kwargs={"uuid": cast.feedback.uuid}))
    event = AccessEvent.objects.get()
    assert (event.viewer, event.subject, event.what) == (cast.supervisor, cast.learner, "feedback")


def test_former_supervisor_sees_no_feedback(cast, login):
    client = login(cast.former_supervisor)
    assert (
        client.get(
            reverse("formative:feedback_detail", kwargs={"uuid": cast.feedback.uuid})
        ).status_code
        == 404
    )
    timeline = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    assert client.get(timeline).status_code == 404
