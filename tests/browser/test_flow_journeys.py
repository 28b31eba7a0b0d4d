"""Issue "Journeys", done when: a practice trainer creates a programme, publishes it,
enrols a learner, assigns a first supervisor and a specialist of another profession and
plans a weekly reflection series; the supervisor records a moment as held; the learner
sees it on "my path" (the home page). Every page on the way passes axe-core."""

import pytest

from begeleid.accounts.models import Person
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Profession, Team
from tests.factories import give_role

from .conftest import shoot
from .flows import Flow, local_date

pytestmark = pytest.mark.browser

PROGRAMME = "Inwerktraject wondzorg"
SERIES = "Wekelijkse reflectie wondzorg"
LEARNER = "Noor Verbeek"


@pytest.fixture
def new_learner(demo):
    """A newly hired nurse on the surgical ward, not yet in any programme."""
    trainer = Person.objects.get(email="praktijkopleider@demo.begeleid.nl")
    organisation = trainer.organisation
    learner = Person.objects.create_user(
        email="noor.verbeek@demo.begeleid.nl",
        password="demo",
        full_name=LEARNER,
        organisation=organisation,
        profession=Profession.objects.get(organisation=organisation, name="Verpleegkundige"),
    )
    give_role(learner, Role.LEARNER, Team.objects.get(organisation=organisation, name=WARD))
    return learner


WARD = "Verpleegafdeling Chirurgie"


def test_journey_from_new_programme_to_a_held_moment_on_the_learners_path(
    demo, new_learner, page, axe_page, csp
):
    flow = Flow(page, csp, axe_page)
    start = local_date(-21)
    # The first occurrence falls two weeks ago: it can be recorded as held today.
    first = local_date(-14)

    # -- The practice trainer creates and publishes a programme ------------------------
    flow.login("praktijkopleider")
    flow.goto("/programmes/")
    flow.follow(flow.link("Nieuw opleidingstraject"))
    page.get_by_label("Naam").fill(PROGRAMME)
    page.get_by_label("Omschrijving").fill("Inwerken op de zorg voor complexe wonden.")
    flow.submit(flow.button("Aanmaken"))
    assert page.locator("h1").inner_text() == f"{PROGRAMME}, versie 1 concept"
    assert page.locator("main .programme-phases h3").all_inner_texts() == [
        "1. Socialisatie socialisatie",
        "2. Instructie instructie",
        "3. Exploratie exploratie",
        "4. Evaluatie evaluatie",
    ]
    flow.submit(flow.button("Publiceren"))
    assert page.locator(".messages").inner_text() == (
        "Versie 1 is gepubliceerd. Nieuwe leertrajecten starten op deze versie."
    )
    assert page.locator("h1 .badge").inner_text() == "gepubliceerd"

    # -- ... enrols the new learner with Mark Jansen as first supervisor ---------------
    flow.goto("/programmes/enrolments/new/")
    page.get_by_label("Lerende").select_option(label=LEARNER)
    page.get_by_label("Opleidingstraject").select_option(label=f"{PROGRAMME} – versie 1")
    page.get_by_label("Team").select_option(label=WARD)
    page.get_by_label("Eerste begeleider").select_option(label="Mark Jansen")
    page.get_by_label("Startdatum").fill(start.isoformat())
    page.get_by_label("Geplande einddatum").fill(local_date(180).isoformat())
    flow.submit(flow.button("Inschrijven"))
    assert page.locator("h1").inner_text() == f"Leertraject van {LEARNER}"
    rows = page.locator("main table.data tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td").nth(0).inner_text() == "Mark Jansen"
    assert rows.first.locator("td").nth(1).inner_text() == "eerste begeleider"

    # -- ... adds a physiotherapist as specialist (another profession) -----------------
    flow.follow(flow.link("Begeleider toevoegen"))
    page.get_by_label("Medewerker").select_option(label="Ayşe Yılmaz (Fysiotherapeut)")
    page.get_by_label("Hoedanigheid").select_option(label="vakspecialist")
    page.get_by_label("Beroep").select_option(label="Fysiotherapeut")
    flow.submit(flow.button("Opslaan"))
    assert page.locator(".messages").inner_text() == "De wijziging is opgeslagen."
    guides = [
        [cell.inner_text() for cell in row.locator("td").all()[:3]]
        for row in page.locator("main table.data tbody tr").all()
    ]
    assert sorted(guides) == [
        ["Ayşe Yılmaz", "vakspecialist", "Fysiotherapeut"],
        ["Mark Jansen", "eerste begeleider", "Verpleegkundige"],
    ]

    # -- ... and plans a weekly reflection series with Mark -----------------------------
    flow.goto("/guidance/series/plan/")
    page.get_by_label(f"{LEARNER} ({WARD})").check()
    page.get_by_label("Begeleidingsvorm").select_option(label="reflectiegesprek")
    page.locator("#id_title").fill(SERIES)
    page.get_by_label("Herhaling").select_option(label="elke week")
    page.locator("#id_weekday").select_option(value=str(first.weekday()))
    page.locator("#id_start_time").fill("15:00")
    page.get_by_label("Duur (minuten)").fill("30")
    page.get_by_label("Plaats").fill("Teamkamer")
    page.get_by_label("Vanaf").fill(first.isoformat())
    page.get_by_label("Tot en met").fill(local_date(41).isoformat())
    page.locator("main fieldset").filter(has_text="Deelnemers").get_by_label(
        "Mark Jansen", exact=True
    ).check()
    flow.submit(flow.button("Reeks inplannen"))
    assert page.locator("h1").inner_text() == SERIES
    shoot(page, "flows/journeys-series", ["phone"])

    # -- The supervisor records the first occurrence as held ---------------------------
    flow.login("begeleider")
    to_record = page.locator("main li").filter(has_text=LEARNER).get_by_role("link", name=SERIES)
    # Two weeks ago and last week (and today's, once 15:00 has passed) are to be recorded.
    assert to_record.count() >= 2, "the past occurrences are not among the moments to record"
    flow.follow(to_record.first)
    assert page.locator("h1").inner_text() == "Vastleggen als gehouden"
    page.get_by_label("Korte aantekeningen").fill("Eerste wondverzorging besproken; goed gegaan.")
    flow.submit(flow.button("Vastleggen"))
    assert page.locator(".messages").inner_text() == "Het moment is vastgelegd als gehouden."
    assert "Eerste wondverzorging besproken; goed gegaan." in flow.main_text()

    # -- The learner sees the programme, the guides and the moments on "my path" -------
    flow.login("noor.verbeek@demo.begeleid.nl")
    path = page.locator("main .guidance-home")
    assert path.count() == 1
    assert path.locator("h3").inner_text() == f"{PROGRAMME} · fase: Socialisatie"
    assert path.locator("dd").nth(2).inner_text() == (
        "Mark Jansen (eerste begeleider, Verpleegkundige), "
        "Ayşe Yılmaz (vakspecialist, Fysiotherapeut)"
    )
    upcoming = page.locator("main h3:text-is('Mijn volgende momenten') + ul li")
    assert upcoming.first.locator("a").inner_text() == SERIES
    shoot(page, "flows/journeys-learner-home", ["phone"])
    flow.follow(path.get_by_role("link", name="Mijn begeleiding en balans"))
    assert page.locator("h1").inner_text() == f"Begeleiding van {LEARNER}"
    held = page.locator("main tr, main li").filter(has_text=SERIES).filter(has_text="gehouden")
    assert held.count() == 1, flow.main_text()
