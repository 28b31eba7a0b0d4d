"""Every demo persona, through the real login form, over every page their menu offers.

Each page must answer 200, have an h1, fit a phone without sideways scrolling, raise no
Content Security Policy violation or script error, and pass axe-core (WCAG 2.1 AA and
best practices) with zero violations.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from begeleid.demo.personas import PERSONAS

from .conftest import PHONE, axe_scan, horizontal_overflow, login_as, shoot

pytestmark = pytest.mark.browser


def _path(page) -> str:
    return "/" + page.url.split("/", 3)[3]


def _check_page(page, csp, where: str):
    """The checks every page gets in the strict (real CSP) phone-width context."""
    assert page.locator("h1").count() >= 1, f"{where}: the page has no h1"
    assert horizontal_overflow(page) == 0, f"{where}: the page scrolls sideways at phone width"
    csp.assert_clean(where)


def _main_nav_links(page) -> list[str]:
    links = page.locator("nav.main-nav a").evaluate_all(
        "(links) => links.map((a) => a.getAttribute('href'))"
    )
    assert links, "the main navigation shows no links"
    return links


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.email.split("@")[0])
def test_persona_every_menu_page_is_accessible_and_fits_a_phone(demo, page, axe_page, csp, persona):
    key = persona.email.split("@")[0]
    login_as(page, persona.email)

    assert _path(page) == reverse("reports:home"), f"{key} did not land on the home page"
    assert page.locator(".header-user").inner_text() == persona.name
    _check_page(page, csp, f"{key} home")
    shoot(page, f"home-{key}")

    links = _main_nav_links(page)
    assert links[0] == reverse("reports:home")
    pages = [*links, page.locator(".header-user").get_attribute("href")]
    axe = axe_page()
    for href in pages:
        where = f"{key} {href}"
        response = page.goto(href)
        assert response.status == 200, f"{where}: status {response.status}"
        _check_page(page, csp, where)
        shoot(page, f"pages/{key}{href.rstrip('/').replace('/', '-') or '-home'}", ["phone"])
        if href in links:
            current = page.locator("nav.main-nav a[aria-current='page']")
            assert current.evaluate_all("(a) => a.map((l) => l.getAttribute('href'))") == [href]
        axe.goto(href)
        axe_scan(axe)


def test_login_page_is_accessible_at_phone_and_desktop_width(live_server, page, axe_page, csp):
    page.goto(reverse("accounts:login"))
    _check_page(page, csp, "login page")
    shoot(page, "login")

    axe = axe_page()
    axe.goto(reverse("accounts:login"))
    axe_scan(axe)
    axe.set_viewport_size(PHONE)
    axe.reload()
    axe_scan(axe)


def test_login_page_error_state_is_accessible(live_server, page, axe_page, csp):
    login_as(page, "niemand@example.org", "fout")

    alert = page.locator("main [role=alert]")
    assert alert.inner_text() == (
        "Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer het opnieuw."
    )
    _check_page(page, csp, "login page with an error")
    axe = axe_page()
    login_as(axe, "niemand@example.org", "fout")
    axe_scan(axe)


def test_language_switch_to_english_changes_lang_and_text(live_server, page, csp):
    page.goto(reverse("accounts:login"))
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Inloggen"

    with page.expect_navigation():
        page.get_by_role("button", name="English").click()

    with translation.override("en"):
        english_title = translation.gettext("Inloggen")
    assert english_title != "Inloggen", "the English catalogue does not translate “Inloggen”"
    assert _path(page) == reverse("accounts:login")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == english_title
    assert page.get_by_role("button", name="Nederlands").count() == 1
    csp.assert_clean("login page in English")


def test_keyboard_first_tab_reaches_skip_link_which_moves_focus_to_main(live_server, page):
    from tests.factories import PASSWORD, PersonFactory

    person = PersonFactory()
    login_as(page, person.email, PASSWORD)
    assert _path(page) == reverse("reports:home")

    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({cls: document.activeElement.className, href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"cls": "skip-link", "href": "#main"}
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, "the focused skip link is not visible"

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_login_rate_limit_message_after_too_many_wrong_passwords(live_server, page, settings):
    from tests.factories import PASSWORD, PersonFactory

    settings.LOGIN_RATE_LIMIT = 3
    settings.LOGIN_RATE_WINDOW_SECONDS = 900
    person = PersonFactory()
    wrong = (
        "Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer het opnieuw."
    )
    blocked = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."

    for _ in range(3):
        login_as(page, person.email, "niet-het-wachtwoord")
        assert page.locator("main [role=alert]").inner_text() == wrong

    login_as(page, person.email, "niet-het-wachtwoord")
    assert page.locator("main [role=alert]").inner_text() == blocked
    # While blocked even the right password is refused, with the same message.
    login_as(page, person.email, PASSWORD)
    assert _path(page) == reverse("accounts:login")
    assert page.locator("main [role=alert]").inner_text() == blocked
