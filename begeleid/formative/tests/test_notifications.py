from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from begeleid.formative.enums import NotificationKind
from begeleid.formative.models import Notification, NotificationPreference
from begeleid.formative.services.notifications import notify


def _notify(person, n=1):
    for i in range(n):
        notify(
            recipient=person, kind=NotificationKind.NEW_FEEDBACK, title=f"Melding {i}", url="/x/"
        )


def test_immediate_mode_mails_each_notification_once(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(cast.learner)
    note = Notification.objects.get()
    assert [m.subject for m in mailoutbox] == ["Melding 0"]
    assert note.emailed_at is not None
    call_command("send_digest")
    assert len(mailoutbox) == 1


def test_digest_mails_once_and_is_idempotent(
    cast, login, mailoutbox, django_capture_on_commit_callbacks
):
    login(cast.learner).post(
        reverse("formative:notification_preferences"), {"email_mode": "digest"}
    )
    assert NotificationPreference.objects.get(person=cast.learner).email_mode == "digest"
    with django_capture_on_commit_callbacks(execute=True):
        _notify(cast.learner, 3)
    assert mailoutbox == []
    call_command("send_digest")
    call_command("send_digest")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Je meldingen van vandaag (3)"
    assert "Melding 2" in mailoutbox[0].body
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
    _notify(cast.learner)
    call_command("send_digest")
    assert len(mailoutbox) == 2


def test_list_shows_unread_and_mark_all_read(cast, login):
    _notify(cast.learner, 2)
    client = login(cast.learner)
    page = client.get(reverse("formative:notifications"))
    assert page.context["unread"] == 2
    client.post(reverse("formative:notifications_read"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_notifications_query_count_and_isolation(cast, login):
    client = login(cast.learner)
    url = reverse("formative:notifications")
    _notify(cast.learner, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _notify(cast.learner, 2)
    with CaptureQueriesContext(connection) as three:
        page = client.get(url)
    assert len(one) == len(three)
    assert len(page.context["page"]) == 3
    assert len(login(cast.stranger).get(url).context["page"]) == 0
    assert len(login(cast.supervisor).get(url).context["page"]) == 0
