import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from begeleid.formative.models import Feedback, FeedbackRequest
from begeleid.formative.tokens import hash_token


def _ask_external(client, cast, email="karin@example.org", name="Karin"):
    url = reverse("formative:request_list", kwargs={"uuid": cast.enrolment.uuid})
    return client.post(url, {"question": "Mijn voorlichting?", "email": email, "name": name})


def _token_from(mail):
    return re.search(r"/formative/r/([A-Za-z0-9_-]{43})/", mail.body).group(1)


def _answer(client, token, **extra):
    data = {
        "name": "Karin Jansen",
        "profession": "wijkverpleegkundige",
        "narrative": "Heel duidelijk.",
    }
    data.update(extra)
    return client.post(reverse("formative:external_respond", kwargs={"token": token}), data)


def test_external_request_mails_link_and_stores_only_hash(
    cast, login, mailoutbox, django_capture_on_commit_callbacks
):
    client = login(cast.learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask_external(client, cast)
    assert response.status_code == 302
    token = _token_from(mailoutbox[0])
    request_obj = FeedbackRequest.objects.get(recipient_email="karin@example.org")
    assert mailoutbox[0].to == ["karin@example.org"]
    assert mailoutbox[0].subject == "Lies Lerende vraagt je om feedback"
    assert request_obj.token_hash == hash_token(token)
    assert token not in str(FeedbackRequest.objects.filter(pk=request_obj.pk).values().get())


def test_one_time_link_works_once_then_gone(cast, client):
    first = _answer(client, cast.external_token)
    feedback = Feedback.objects.get(request=cast.external_request)
    assert first.status_code == 200
    assert "Bedankt voor je feedback" in first.content.decode()
    assert (feedback.author, feedback.external_name, feedback.external_profession) == (
        None,
        "Karin Jansen",
        "wijkverpleegkundige",
    )
    again = client.get(reverse("formative:external_respond", kwargs={"token": cast.external_token}))
    assert again.status_code == 410
    assert "Deze link is al gebruikt" in again.content.decode()
    second = _answer(client, cast.external_token, narrative="Nog een keer")
    assert second.status_code == 410
    assert Feedback.objects.filter(request=cast.external_request).count() == 1


def test_expired_link_is_gone(cast, client):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        response = client.get(
            reverse("formative:external_respond", kwargs={"token": cast.external_token})
        )
    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()


def test_withdrawn_link_is_gone(cast, login, client):
    login(cast.learner).post(
        reverse("formative:request_withdraw", kwargs={"uuid": cast.external_request.uuid})
    )
    client.logout()
    response = client.get(
        reverse("formative:external_respond", kwargs={"token": cast.external_token})
    )
    assert response.status_code == 410
    assert "Dit verzoek is ingetrokken" in response.content.decode()


@pytest.mark.parametrize("token", ["x" * 43, "kort", "A" * 42 + "!"])
def test_forged_token_is_not_found(cast, client, token):
    assert (
        client.get(reverse("formative:external_respond", kwargs={"token": token})).status_code
        == 404
    )


def test_colleague_request_appears_on_home_and_is_answered(cast, login):
    client = login(cast.learner)
    url = reverse("formative:request_list", kwargs={"uuid": cast.enrolment.uuid})
    client.post(
        url, {"question": "Mijn transfer met de tillift?", "recipient": str(cast.specialist.uuid)}
    )
    request_obj = FeedbackRequest.objects.get(question="Mijn transfer met de tillift?")
    client = login(cast.specialist)
    respond = reverse("formative:request_respond", kwargs={"uuid": request_obj.uuid})
    assert f'href="{respond}"' in client.get(reverse("reports:home")).content.decode()
    response = client.post(respond, {"narrative": "Veilig en rustig."})
    assert response.status_code == 302
    feedback = Feedback.objects.get(request=request_obj)
    assert (feedback.author, feedback.narrative) == (cast.specialist, "Veilig en rustig.")
    assert client.get(respond).status_code == 410


def test_limits_per_address_and_open_external(cast, login, settings):
    settings.FEEDBACK_REQUEST_MAX_OPEN_EXTERNAL = 3
    client = login(cast.learner)
    for i in range(2):
        assert _ask_external(client, cast, email="zelfde@example.org").status_code == 302
    response = _ask_external(client, cast, email="zelfde@example.org")
    # cast already has one open external request; 3 open external now
    assert response.status_code == 200
    assert "Je hebt al 3 open verzoeken aan mensen zonder account." in response.content.decode()
    settings.FEEDBACK_REQUEST_MAX_OPEN_EXTERNAL = 10
    _ask_external(client, cast, email="zelfde@example.org")
    response = _ask_external(client, cast, email="zelfde@example.org")
    assert "Er staan al 3 open verzoeken uit naar zelfde@example.org." in response.content.decode()
    assert FeedbackRequest.objects.filter(recipient_email="zelfde@example.org").count() == 3


def test_limit_per_day(cast, login, settings):
    settings.FEEDBACK_REQUEST_MAX_PER_DAY = 3  # the cast holds two requests already
    client = login(cast.learner)
    assert _ask_external(client, cast, email="a@example.org").status_code == 302
    response = _ask_external(client, cast, email="b@example.org")
    assert "Je hebt de afgelopen 24 uur al 3 verzoeken verstuurd." in response.content.decode()
    assert "b@example.org" in response.content.decode()  # input kept


def test_reminder_sent_once_and_new_link_works(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    later = timezone.now() + datetime.timedelta(days=8)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
        call_command("send_reminders")
    external = [m for m in mailoutbox if m.to == ["extern@example.org"]]
    colleague = [m for m in mailoutbox if m.to == ["supervisor@test.example"]]
    assert (len(external), len(colleague)) == (1, 1)
    assert "Dit is de enige herinnering" in external[0].body
    cast.external_request.refresh_from_db()
    assert cast.external_request.reminded_at is not None
    token = _token_from(external[0])
    assert token != cast.external_token
    with time_machine.travel(later):
        assert _answer(Client(), token).status_code == 200


def test_reminder_skips_answered_and_young_requests(cast, client, mailoutbox):
    _answer(client, cast.external_token)
    call_command("send_reminders")
    assert mailoutbox == []


def test_open_requests_count_towards_the_learners_load(cast):
    from begeleid.guidance.load import open_requests_by_learner

    open_before = open_requests_by_learner([cast.learner.id, cast.other_learner.id])
    FeedbackRequest.objects.filter(pk=cast.external_request.pk).update(answered_at=timezone.now())
    open_after = open_requests_by_learner([cast.learner.id, cast.other_learner.id])
    assert open_before[cast.learner.id] == open_after[cast.learner.id] + 1
    assert open_after[cast.other_learner.id] == open_before[cast.other_learner.id]
