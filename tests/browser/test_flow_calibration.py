"""Issue "Calibration", done when: a team leader runs a calibration session with three
assessors; the agreement per criterion, the outlier assessor and the written agreed
reading appear when the session closes, not before. Every page passes axe-core."""

import pytest

from .conftest import shoot
from .flows import Flow, local_date, path_of

pytestmark = pytest.mark.browser

WARD = "Verpleegafdeling Chirurgie"
SESSION = "Kalibratie EPA-formulier winter"
CASES = ["Avondmedicatie bij een nieuwe patiënt", "Overdracht na een valincident"]
READING = "Niveau 4 alleen als de lerende zelf op het juiste moment hulp inschakelt."
CRITERIA = [
    "Veiligheid voor de patiënt",
    "Kennis en klinisch redeneren",
    "Handelingsvaardigheid",
    "Samenwerking en overdracht",
    "Betrouwbaarheid: kent de eigen grenzen",
]
# Levels per case and criterion: Peter and Ingrid read the rubric alike, Mark is milder.
SCORES = {
    "beoordelaar": [[3, 3, 2, 3, 3], [4, 3, 4, 4, 3]],
    "praktijkopleider": [[3, 3, 3, 3, 2], [4, 4, 4, 3, 3]],
    "begeleider": [[5, 5, 5, 5, 5], [5, 5, 5, 5, 5]],
}
RESULTS = ["Uitkomsten", "Overeenstemming en spreiding per criterium", "Afgesproken lezing"]


def _no_results(flow):
    text = flow.main_text()
    for heading in RESULTS:
        assert heading not in text, f"{heading!r} shows before the session is closed"
    assert READING not in text
    assert "wijkt af" not in text


def test_calibration_results_appear_when_the_session_closes_not_before(demo, page, axe_page, csp):
    flow = Flow(page, csp, axe_page)

    # -- The team leader sets up the session with three assessors and two cases -------
    flow.login("teamleider")
    flow.goto("/quality/calibration/")
    flow.follow(flow.link(f"Sessie opzetten ({WARD})"))
    page.locator("#id_title").fill(SESSION)
    page.locator("#id_held_on").fill(local_date().isoformat())
    page.locator("#id_rubric_version").select_option(
        label="EPA-toevertrouwingsformulier – versie 1"
    )
    for name in ("Peter van Dijk", "Ingrid Bakker", "Mark Jansen"):
        page.locator("main fieldset").filter(has_text="Beoordelaars").get_by_label(
            name, exact=True
        ).check()
    page.locator("#id_case_title").fill(CASES[0])
    page.locator("#id_case_description").fill("Lerende in de exploratiefase deelt uit.")
    page.locator("#id_case_evidence").fill("Controleert de dubbele check niet bij insuline.")
    flow.submit(flow.button("Sessie opzetten"))
    assert page.locator("h1").inner_text() == SESSION
    session_url = path_of(page.url)

    flow.follow(flow.link("Casus toevoegen"))
    page.locator("main input[type=text]").first.fill(CASES[1])
    textareas = page.locator("main textarea")
    textareas.nth(0).fill("Lerende in de instructiefase draagt over aan de arts.")
    textareas.nth(1).fill("Overdracht volgens SBAR, de valrisicoscore ontbreekt.")
    flow.submit(page.locator("main form button[type=submit]").first)
    assert page.locator("main ol li").all_inner_texts()[:2] == [CASES[0], CASES[1]]
    _no_results(flow)

    # -- Each assessor scores both cases independently ---------------------------------
    for persona, per_case in SCORES.items():
        flow.login(persona)
        flow.goto(session_url)
        for case, levels in zip(CASES, per_case, strict=True):
            case_item = page.locator("main ol li").filter(has_text=case)
            flow.follow(case_item.get_by_role("link", name="Scoren"))
            for criterion, level in zip(CRITERIA, levels, strict=True):
                group = page.locator("main fieldset").filter(
                    has=page.locator("legend", has_text=criterion)
                )
                group.locator(f"input[type=radio][value='{level}']").check()
            flow.submit(flow.button("Scores opslaan"))
            flow.goto(session_url)
        assert page.locator("main ol li").filter(has_text="5 van 5 criteria").count() == 2
        # Open: an assessor sees only their own scores, no figures, no outlier.
        _no_results(flow)

    # -- Before closing, the team leader sees progress only; then closes the session --
    flow.login("teamleider")
    flow.goto(session_url)
    _no_results(flow)
    flow.follow(flow.link("Sessie afsluiten"))
    page.locator("#id_agreed_reading").fill(READING)
    flow.submit(flow.button("Afsluiten en uitkomsten berekenen"))
    assert path_of(page.url) == session_url
    text = flow.main_text()
    for heading in RESULTS:
        assert heading in text

    per_criterion = page.locator("main table").filter(has_text="Spreiding per casus")
    rows = per_criterion.locator("tbody tr")
    assert [row.locator("th, td").first.inner_text() for row in rows.all()] == CRITERIA
    severity = page.locator("main table").filter(has_text="Afwijking")
    outliers = severity.locator("tbody tr").filter(has=page.locator(".badge--danger"))
    assert outliers.count() == 1
    assert outliers.locator("th, td").first.inner_text() == "Mark Jansen"
    assert outliers.locator(".badge--danger").inner_text() == "wijkt af: milder"
    assert READING in text
    shoot(page, "flows/calibration-closed", ["phone"])

    # The participants see the outcomes too once it is closed.
    flow.login("beoordelaar")
    flow.goto(session_url)
    assert READING in flow.main_text()
    assert "wijkt af: milder" in flow.main_text()


@pytest.mark.parametrize(
    ("persona", "pages"),
    [
        (
            "teamleider",
            [
                "Dashboard Verpleegafdeling Chirurgie",
                "Begeleidingsmodel Verpleegafdeling Chirurgie",
            ],
        ),
        (
            "hr",
            [
                "Dashboard van de organisatie",
                "Ons begeleidingsmodel",
                "Dashboard Verpleegafdeling Chirurgie",
            ],
        ),
        ("manager", ["Dashboard van de organisatie", "Ons begeleidingsmodel"]),
    ],
)
def test_quality_dashboards_and_model_at_a_glance_pass_axe_for_who_sees_them(
    demo, page, axe_page, csp, persona, pages
):
    flow = Flow(page, csp, axe_page)
    flow.login(persona)
    flow.goto("/quality/")
    for name in pages:
        flow.follow(flow.link(name))
        assert page.locator("h1").count() == 1
        # Charts carry a text alternative: every SVG is labelled or hidden.
        for svg in page.locator("main svg").all():
            labelled = svg.evaluate(
                "s => s.getAttribute('aria-hidden') === 'true' || !!s.getAttribute('aria-label')"
                " || !!s.getAttribute('aria-labelledby') || !!s.querySelector('title')"
            )
            assert labelled, f"{name}: an SVG chart without a text alternative"
        slug = name.lower().replace(" ", "-")
        shoot(page, f"flows/quality-{persona}-{slug}", ["phone"])
        flow.goto("/quality/")
