"""Issues 4 and 5, competences on the formative record: on a phone a supervisor tags
feedback with a competence from the collapsed picker (still at most five taps), the
timeline filters by competence, a learner rates herself per competence, and the progress
radar shows her self-rating beside the assessors' view — to the assessor only because she
released that self-assessment."""

import re

import pytest

from begeleid.formative.models import Feedback, PortfolioEntry
from begeleid.programmes.models import Enrolment

from .conftest import PHONE, axe_scan, shoot
from .flows import Flow, path_of

pytestmark = pytest.mark.browser

NARRATIVE = "Heldere SBAR-overdracht aan de arts; je noemde ook de openstaande acties."
SBAR = "PH.2 Overdragen volgens SBAR"


def _sanne(demo):
    return Enrolment.objects.get(learner__email="lerende@demo.begeleid.nl", status="active")


def _scan_with_details_open(flow):
    """The axe context loads the page with every <details> closed; open them and scan."""
    flow.axe.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    axe_scan(flow.axe)


def test_supervisor_tags_feedback_with_a_competence_and_filters_the_timeline(
    demo, page, axe_page, csp
):
    enrolment = _sanne(demo)
    flow = Flow(page, csp, axe_page)
    flow.login("begeleider")
    flow.taps = 0

    flow.follow(page.locator(f"#quick-feedback-{enrolment.uuid}"))
    assert page.locator("h1").inner_text() == "Feedback geven"
    _scan_with_details_open(flow)
    page.keyboard.type(NARRATIVE)
    flow.tap(page.locator("details.competence-picker summary"))
    flow.tap(page.get_by_label(SBAR, exact=True))
    assert page.get_by_label(SBAR, exact=True).is_checked()
    shoot(page, "flows/formative-feedback-competence-picker", ["phone"])
    flow.submit(page.locator("#save-feedback"))

    assert flow.taps <= 5, f"recording tagged feedback took {flow.taps} taps"
    assert flow.taps == 4
    feedback = Feedback.objects.get(enrolment=enrolment, narrative=NARRATIVE)
    assert [str(c) for c in feedback.competences.all()] == [SBAR]
    assert path_of(page.url) == f"/formative/feedback/{feedback.uuid}/"
    assert SBAR in page.locator("main .competence-tags").inner_text()

    # The timeline, filtered by that competence: only items linked to it.
    flow.goto(f"/formative/enrolments/{enrolment.uuid}/timeline/")
    page.get_by_label("Bekwaamheid", exact=True).select_option(label=SBAR)
    flow.follow(flow.button("Filteren"))
    assert f"competence={feedback.competences.get().uuid}" in page.url
    cards = page.locator("main ol.timeline > li")
    assert cards.count() >= 2
    for i in range(cards.count()):
        assert SBAR in cards.nth(i).inner_text(), cards.nth(i).inner_text()
    assert NARRATIVE in flow.main_text()
    older = page.locator("main nav.pagination a")
    if older.count():
        assert f"competence={feedback.competences.get().uuid}" in older.get_attribute("href")
    shoot(page, "flows/formative-timeline-competence-filter", ["phone"])


def test_learner_rates_herself_and_the_radar_shows_both_views(demo, page, axe_page, csp):
    enrolment = _sanne(demo)
    flow = Flow(page, csp, axe_page)
    flow.login("lerende")

    flow.goto(f"/formative/enrolments/{enrolment.uuid}/portfolio/new/?kind=self_assessment")
    _scan_with_details_open(flow)
    page.get_by_label("Titel").fill("Inschatting overdracht")
    page.get_by_label("Tekst").fill("De SBAR-overdracht doe ik nu zelfstandig.")
    flow.tap(page.locator("details.self-ratings summary"))
    page.locator("details.self-ratings").get_by_label(SBAR, exact=True).select_option("4")
    shoot(page, "flows/formative-self-assessment-grid", ["phone"])
    flow.submit(flow.button("Opslaan"))
    entry = PortfolioEntry.objects.get(enrolment=enrolment, title="Inschatting overdracht")
    assert [(str(r.competence), r.level) for r in entry.self_ratings.all()] == [(SBAR, 4)]
    assert "4 / 5 · voert zelfstandig uit" in flow.main_text()

    progress = f"/assessment/enrolments/{enrolment.uuid}/progress/"
    flow.goto(progress)
    radar = page.locator("main section.progress-profile svg.chart")
    assert radar.locator("polygon").count() == 2
    assert radar.locator("polygon[stroke-dasharray='7 5']").count() == 1
    table = flow.page.locator("main section.progress-profile table").inner_text()
    assert re.search(r"Overdragen volgens SBAR\s+nog niet beoordeeld\s+4 / 5", table), table
    page.set_viewport_size(PHONE)
    radar.scroll_into_view_if_needed()
    shoot(page, "flows/progress-radar-self-rating", ["phone"])

    # The assessor sees the self-ratings she released for assessment, not the new one.
    flow.login("beoordelaar")
    flow.goto(progress)
    radar = page.locator("main section.progress-profile svg.chart")
    assert radar.locator("polygon").count() == 2
    table = page.locator("main section.progress-profile table").inner_text()
    assert "Overdragen volgens SBAR" in table
    assert not re.search(r"Overdragen volgens SBAR\s+nog niet beoordeeld\s+4 / 5", table), table
    assert "Eigen inschattingen zijn formatief" in flow.main_text()
