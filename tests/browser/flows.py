"""Helpers for the flow tests: a visitor that checks every page it reaches.

Every page a flow visits gets the checks of ``test_roles``: an h1, no sideways scrolling
at phone width, no CSP violation or script error, and an axe-core scan (zero violations)
of the same URL in a desktop-width, CSP-bypassing context that shares the session.
"""

import datetime
import re
from contextlib import contextmanager

from django.utils import timezone

from .conftest import (
    DEMO_PASSWORD,
    DESKTOP,
    PHONE,
    TIMEOUT_MS,
    CspRecorder,
    axe_scan,
    horizontal_overflow,
    login_as,
)

DOMAIN = "demo.begeleid.nl"


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def local_date(days: int = 0) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class Flow:
    """Drives the strict (phone-width, real CSP) page and scans each page it visits.

    ``taps`` counts every click or tap made through :meth:`tap` and :meth:`submit`;
    typing (``fill``, ``select_option``, ``check``) is not counted."""

    def __init__(self, page, csp, axe_page):
        self.page = page
        self.csp = csp
        self._axe_page = axe_page
        self.axe = None
        self.taps = 0
        self.visited: list[str] = []

    # -- sessions -------------------------------------------------------------------

    def login(self, who: str, password: str = DEMO_PASSWORD):
        """Logs in as a demo persona (``begeleider``) or any e-mail address, through the
        real form, and opens an axe context sharing the new session."""
        email = who if "@" in who else f"{who}@{DOMAIN}"
        self.page.context.clear_cookies()
        login_as(self.page, email, password)
        self.axe = self._axe_page()
        self.check(f"{email} home")

    # -- navigation -----------------------------------------------------------------

    def goto(self, url: str, status: int = 200):
        response = self.page.goto(url)
        assert response is not None and response.status == status, (
            f"GET {url}: {response.status if response else 'no'} response, expected {status}"
        )
        self.check(url, status=status)
        return response

    def tap(self, locator):
        """A click that does not navigate (a disclosure, a radio, a tab)."""
        self.taps += 1
        locator.click()

    def follow(self, locator, status: int | None = 200):
        """Clicks a link or submit button and checks the page it leads to (any status
        when ``status`` is None)."""
        self.taps += 1
        with self.page.expect_navigation() as navigation:
            locator.click()
        response = navigation.value
        assert response is not None, f"no response at {self.page.url}"
        if status is None:  # the caller looks at the status itself
            status = response.status
        assert response.status == status, (
            f"{response.status} response at {self.page.url}, expected {status}"
        )
        # A POST answered with a page (a form error, a thank-you) cannot be fetched again:
        # axe scans a copy of what the strict page shows.
        posted = response.request.method == "POST"
        self.check(path_of(self.page.url), status=status, snapshot=posted)
        return response

    submit = follow

    def button(self, name: str, scope: str = "main"):
        return self.page.locator(scope).get_by_role("button", name=name, exact=True)

    def link(self, name: str, scope: str = "main"):
        return self.page.locator(scope).get_by_role("link", name=name, exact=True)

    # -- checks ---------------------------------------------------------------------

    def check(self, where: str, status: int = 200, snapshot: bool = False):
        """The strict page's checks, then an axe scan of the same URL (or, with
        ``snapshot``, of the strict page's document loaded into the axe context)."""
        page = self.page
        assert page.locator("h1").count() >= 1, f"{where}: the page has no h1"
        assert horizontal_overflow(page) == 0, f"{where}: the page scrolls sideways on a phone"
        self.csp.assert_clean(where)
        url = path_of(page.url)
        self.visited.append(url)
        if snapshot:
            # Any page of the site gives the copy the right base URL for its stylesheets.
            self.axe.goto("/accounts/login/")
            self.axe.set_content(page.content())
        else:
            response = self.axe.goto(url)
            assert response.status == status, f"axe context: GET {url} gave {response.status}"
        axe_scan(self.axe)

    def main_text(self) -> str:
        return normalise(self.page.locator("main").inner_text())

    def alert_text(self) -> str:
        return normalise(" ".join(self.page.locator("main .alert, .messages").all_inner_texts()))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@contextmanager
def anonymous_flow(browser, base_url: str):
    """A fresh browser (no cookies, no session) with its own strict page and axe context,
    for someone without an account opening a link from an e-mail."""
    contexts = []

    def _context(**options):
        context = browser.new_context(base_url=base_url, locale="nl-NL", **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    page = _context(viewport=PHONE).new_page()
    csp = CspRecorder()
    csp.attach(page)
    flow = Flow(page, csp, lambda: _context(viewport=DESKTOP, bypass_csp=True).new_page())
    flow.axe = flow._axe_page()
    try:
        yield flow
    finally:
        for context in contexts:
            context.close()
