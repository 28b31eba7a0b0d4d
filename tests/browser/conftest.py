"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's own browser download is not used (the network reaches only localhost), so
the browser is the system ``chromium``. Every page is visited twice over: a *strict*
context that keeps the real Content Security Policy and records what the console reports,
and an *axe* context that bypasses the CSP only so axe-core can be injected.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in the main thread; the ORM calls the tests
# make there (loading the demo data) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "demo"
# Every page is local and server-rendered: waiting longer than this only hides a failure.
TIMEOUT_MS = 10_000
# The WCAG 2.1 AA rules plus axe's best practices (landmarks, heading order, ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed: run `make browser` (scripts/ensure-chromium)")
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make assets` (npm ci)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class CspRecorder:
    """Collects CSP violations, uncaught script errors and failed static files (a
    stylesheet answering 404 leaves an unstyled page that still 'works')."""

    def __init__(self):
        self.problems: list[str] = []

    def attach(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("response", self._response)

    def _response(self, response):
        if response.status >= 400 and "/static/" in response.url:
            self.problems.append(f"{response.status} for {response.url}")

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.problems.append(f"{message.type}: {message.text}")

    def assert_clean(self, where: str):
        problems, self.problems = self.problems, []
        assert problems == [], f"{where}: the browser reported\n" + "\n".join(problems)


@pytest.fixture
def csp(browser):
    return CspRecorder()


@pytest.fixture
def page(browser, live_server, csp):
    """The strict page: phone width, the real CSP enforced and watched."""
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    csp.attach(page)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser, live_server, page):
    """Opens a desktop-width page that shares the strict page's cookies (session, language)
    and bypasses the CSP so axe-core can be injected. Call it after logging in."""
    contexts = []

    def _open():
        context = browser.new_context(
            viewport=DESKTOP,
            base_url=live_server.url,
            bypass_csp=True,
            storage_state=page.context.storage_state(),
            locale="nl-NL",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def demo(transactional_db, live_server):
    """The real demo hospital (the same data `make demo` shows), in the live server's DB."""
    from begeleid.demo.generator import generate

    return generate("DEMO", seed=2026)


def login_as(page, email: str, password: str = DEMO_PASSWORD):
    """Logs in through the real login form and waits for the page that follows."""
    page.goto("/accounts/login/")
    form = page.locator("main form.form")
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").click()
    response = navigation.value
    assert response is not None and response.status == 200, (
        f"logging in as {email}: {response.status if response else 'no'} response at {page.url}"
    )


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['failureSummary']}".replace("\n", " "))
    return "\n".join(lines)


def axe_scan(page) -> list[dict]:
    """Runs axe-core on the page and asserts zero violations, listing each one readably.
    Returns the (empty) violation list. The page must bypass the CSP (``axe_page``)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        AXE_TAGS,
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "helpUrl": v["helpUrl"],
            "nodes": [
                {"target": n["target"], "failureSummary": n.get("failureSummary", "")}
                for n in v["nodes"]
            ],
        }
        for v in result["violations"]
    ]
    assert violations == [], _format_violations(page.url, violations)
    return violations


def shoot(page, name: str, sizes=("phone", "desktop")) -> list[Path]:
    """Saves full-page screenshots at phone and desktop width as
    test-artifacts/screenshots/<name>-phone.png and <name>-desktop.png."""
    original = page.viewport_size
    paths = []
    for label in sizes:
        page.set_viewport_size({"phone": PHONE, "desktop": DESKTOP}[label])
        path = SCREENSHOTS / f"{name}-{label}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        paths.append(path)
    if original:
        page.set_viewport_size(original)
    return paths


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )
