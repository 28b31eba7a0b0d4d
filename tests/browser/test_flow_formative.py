"""Issue "Formative", done when: on a phone a supervisor records feedback from the home
page in at most five taps besides typing, and the learner sees it; a learner asks someone
without an account for feedback, who answers once through the one-time link in the
e-mail; the used link shows "already used" and a forged link answers 404."""

import re

import pytest

from begeleid.formative.models import Feedback
from begeleid.programmes.models import Enrolment

from .conftest import PHONE, shoot
from .flows import Flow, anonymous_flow, path_of

pytestmark = pytest.mark.browser

NARRATIVE = "Overdracht volgens SBAR was helder en volledig; vraag door bij pijnscores."


def _sanne(demo):
    return Enrolment.objects.get(learner__email="lerende@demo.begeleid.nl", status="active")


def test_supervisor_records_feedback_from_home_on_a_phone_in_five_taps(demo, page, axe_page, csp):
    enrolment = _sanne(demo)
    flow = Flow(page, csp, axe_page)
    flow.login("begeleider")
    assert page.viewport_size == PHONE
    flow.taps = 0  # counting starts on the home page, after opening the app

    quick = page.locator(f"#quick-feedback-{enrolment.uuid}")
    assert quick.inner_text().startswith("Sanne de Vries")
    flow.follow(quick)
    assert page.locator("h1").inner_text() == "Feedback geven"
    # The kind is preselected and the narrative has the focus: typing needs no tap.
    assert page.locator("input[name=kind][value=feedback]").is_checked()
    assert page.evaluate("() => document.activeElement.name") == "narrative"
    shoot(page, "flows/formative-quick-feedback", ["phone"])
    page.keyboard.type(NARRATIVE)
    flow.submit(page.locator("#save-feedback"))

    assert flow.taps <= 5, f"recording feedback took {flow.taps} taps"
    assert flow.taps == 2
    assert page.locator(".messages").inner_text() == "Feedback voor Sanne de Vries is opgeslagen."
    feedback = Feedback.objects.get(enrolment=enrolment, narrative=NARRATIVE)
    assert feedback.author.email == "begeleider@demo.begeleid.nl"
    assert feedback.kind == "feedback"
    assert path_of(page.url) == f"/formative/feedback/{feedback.uuid}/"

    # The learner sees it on the timeline of her learning record.
    flow.login("lerende")
    flow.goto("/formative/")
    flow.follow(page.locator("main").get_by_role("link", name="Tijdlijn").first)
    assert page.locator("h1").inner_text() == "Tijdlijn van Sanne de Vries"
    assert NARRATIVE in flow.main_text()
    flow.goto(f"/formative/feedback/{feedback.uuid}/")
    assert NARRATIVE in flow.main_text()


def test_learner_requests_feedback_by_email_answered_once_through_the_link(
    demo, page, axe_page, csp, browser, live_server, mailoutbox
):
    enrolment = _sanne(demo)
    flow = Flow(page, csp, axe_page)
    flow.login("lerende")
    flow.goto("/formative/")
    flow.follow(page.locator("main").get_by_role("link", name="Feedback vragen").first)
    assert path_of(page.url) == f"/formative/enrolments/{enrolment.uuid}/requests/"
    page.get_by_label("Waarover wil je feedback?").fill("Mijn wondzorg bij de patiënt van kamer 4.")
    page.get_by_label("Naam (zonder account)").fill("Els de Boer")
    page.get_by_label("E-mailadres (zonder account)").fill("els.deboer@example.org")
    flow.submit(flow.button("Verzoek versturen"))
    assert page.locator(".messages").inner_text() == "Je feedbackverzoek is verstuurd."

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["els.deboer@example.org"]
    assert mail.subject == "Sanne de Vries vraagt je om feedback"
    links = re.findall(r"https?://\S+/formative/r/\S+/", mail.body)
    assert len(links) == 1, mail.body
    link = path_of(links[0])
    token = link.rstrip("/").rsplit("/", 1)[1]

    with anonymous_flow(browser, live_server.url) as outside:
        outside.goto(link)
        opened = outside.page
        assert opened.locator("h1").inner_text() == "Sanne de Vries vraagt je om feedback"
        shoot(opened, "flows/formative-external-link", ["phone"])
        opened.get_by_label("Jouw naam").fill("Els de Boer")
        opened.get_by_label("Jouw beroep").fill("wondverpleegkundige")
        opened.get_by_label("Jouw feedback").fill("Mooi aseptisch gewerkt; leg de wond beter vast.")
        outside.submit(outside.button("Feedback versturen"))
        assert opened.locator("h1").inner_text() == "Bedankt voor je feedback"

        # The link worked once: opening it again says so (410 Gone).
        outside.goto(link, status=410)
        assert opened.locator("h1").inner_text() == "Deze link is al gebruikt"
        # A forged token of the same shape is unknown: 404.
        forged = token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB")
        outside.goto(f"/formative/r/{forged}/", status=404)

    answer = Feedback.objects.get(
        enrolment=enrolment, request__recipient_email="els.deboer@example.org"
    )
    assert answer.narrative == "Mooi aseptisch gewerkt; leg de wond beter vast."
    flow.goto(f"/formative/enrolments/{enrolment.uuid}/timeline/")
    assert "Mooi aseptisch gewerkt; leg de wond beter vast." in flow.main_text()
