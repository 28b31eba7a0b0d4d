"""Issue "Levels" (roles on three levels), done when: HR publishes a vision; a team leader
writes an agreement that cites a statement and the coverage view shows it; a supervisor
raises a signal, the team leader discusses it in a meeting and resolves it, and the
supervisor sees the resolution. Every page on the way passes axe-core."""

import pytest

from begeleid.accounts.models import Person
from begeleid.organisations.models import Team

from .conftest import shoot
from .flows import Flow, local_date

pytestmark = pytest.mark.browser

WARD = "Verpleegafdeling Chirurgie"
QUESTION = "Zijn fouten een risico of een leerbron?"
STATEMENT = "Een bijna-fout bespreken we als team, zonder schuldvraag"
AGREEMENT = "Bijna-fouten bespreken we in de eerstvolgende teamhuddle"
SIGNAL = "Nabespreken van bijna-fouten schiet er in de nachtdienst bij in"
RESOLUTION = "Besproken in het begeleidersoverleg: de nachtdienst sluit af met een korte huddle."


def _coverage_row(page, statement):
    """The statement's summary: how many teams put it into practice."""
    rows = page.locator("section[aria-labelledby=statements-heading] tbody tr")
    return rows.filter(has_text=statement)


def _team_row(page, team):
    """The team's row in the table of gaps: what it does not yet put into practice."""
    return page.locator("section[aria-labelledby=teams-heading] tbody tr").filter(has_text=team)


def test_vision_to_agreement_coverage_and_a_signal_resolved_through_a_meeting(
    demo, page, axe_page, csp
):
    hr = Person.objects.get(email="hr@demo.begeleid.nl")
    team = Team.objects.get(name=WARD, organisation=hr.organisation)
    flow = Flow(page, csp, axe_page)

    # -- HR adds a statement to a new vision version and publishes it -----------------
    flow.login("hr")
    flow.goto("/collaboration/vision/versions/")
    flow.submit(flow.button("Concept maken of openen"))
    assert page.locator("main").get_by_text("Versie 3 · concept").count() == 1
    flow.follow(page.locator("main a[href$='statements/add/?question=mistakes']"))
    assert page.get_by_label("Vraag").input_value() == "mistakes"
    page.locator("#id_title").fill(STATEMENT)
    page.get_by_label("Toelichting").fill("Niet wie, maar wat en waarom: daar leert iedereen van.")
    if not page.get_by_label("Volgorde").input_value():
        page.get_by_label("Volgorde").fill("3")
    flow.submit(flow.button("Opslaan"))
    flow.submit(flow.button("Publiceren"))
    assert page.locator(".messages").inner_text() == (
        "De visie is gepubliceerd; de vorige versie is gearchiveerd."
    )
    assert STATEMENT in flow.main_text()

    # -- The team leader sees the new statement not yet covered, then covers it -------
    flow.login("teamleider")
    flow.goto("/collaboration/agreements/coverage/")
    row = _coverage_row(page, STATEMENT)
    assert row.count() == 1, flow.main_text()
    summary = row.locator("td").inner_text()
    assert "In praktijk gebracht door 0 van" in summary and "geen enkel team" in summary
    assert STATEMENT in _team_row(page, WARD).locator("td").first.inner_text()

    flow.goto(f"/collaboration/teams/{team.uuid}/agreements/add/")
    page.locator("#id_title").fill(AGREEMENT)
    page.locator("#id_text").fill("De teamleider zet het op de agenda van de huddle.")
    page.locator("#id_owner").select_option(label="Fatima El Amrani (Verpleegkundige)")
    page.locator("#id_review_date").fill(local_date(90).isoformat())
    page.get_by_label(f"{QUESTION} — {STATEMENT}").check()
    flow.submit(flow.button("Opslaan"))
    assert AGREEMENT in flow.main_text()

    flow.goto("/collaboration/agreements/coverage/")
    summary = _coverage_row(page, STATEMENT).locator("td").inner_text()
    assert "In praktijk gebracht door 1 van" in summary and "geen enkel team" not in summary
    assert STATEMENT not in _team_row(page, WARD).locator("td").first.inner_text()
    shoot(page, "flows/levels-coverage", ["phone"])

    # -- A supervisor raises a signal to the team --------------------------------------
    flow.login("begeleider")
    flow.goto("/collaboration/signals/raise/")
    page.locator("input[name=level][value=team]").check()
    page.locator("#id_team").select_option(label=WARD)
    page.locator("#id_title").fill(SIGNAL)
    page.locator("#id_description").fill(
        "Er is na de overdracht geen tijd en niemand vraagt ernaar."
    )
    page.locator("#id_statement").select_option(label=STATEMENT)
    flow.submit(flow.button("Versturen"))

    # -- The team leader discusses it in a supervisors' meeting and resolves it --------
    flow.login("teamleider")
    flow.goto(f"/collaboration/teams/{team.uuid}/meetings/add/")
    page.locator("#id_kind").select_option(label="begeleidersoverleg")
    page.locator("#id_date").fill(local_date().isoformat())
    page.locator("#id_title").fill("Begeleidersoverleg november")
    page.locator("main fieldset").filter(has_text="Deelnemers").get_by_label(
        "Mark Jansen (Verpleegkundige)"
    ).check()
    page.locator("#id_decisions").fill("De nachtdienst sluit af met een korte huddle.")
    page.get_by_label(SIGNAL).check()
    flow.submit(flow.button("Opslaan"))
    assert SIGNAL in flow.main_text()

    flow.goto("/collaboration/signals/")
    flow.follow(page.locator("main").get_by_role("link", name=SIGNAL))
    assert "Begeleidersoverleg november" in flow.main_text()
    flow.follow(flow.link("Behandelen"))
    page.locator("#id_status").select_option(label="afgehandeld")
    page.locator("#id_resolution").fill(RESOLUTION)
    flow.submit(flow.button("Opslaan"))
    assert RESOLUTION in flow.main_text()

    # -- The supervisor sees the resolution ---------------------------------------------
    flow.login("begeleider")
    flow.goto("/collaboration/signals/mine/")
    mine = page.locator("main li, main article, main .card").filter(has_text=SIGNAL).last
    assert "afgehandeld" in mine.inner_text()
    assert f"Afhandeling: {RESOLUTION}" in " ".join(mine.inner_text().split())
    shoot(page, "flows/levels-signal-resolved", ["phone"])
