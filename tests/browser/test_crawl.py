"""Every page a demo persona can reach by following links passes axe, fits a phone and
keeps the CSP.

Each persona logs in through the real form and follows same-origin links breadth first
(GET only). Every URL is resolved to its url_name; each url_name is scanned once over
the whole crawl, by the first persona that reaches it: exactly one h1, no sideways
scrolling at 390×844, no CSP violation or script error in the strict context, and zero
axe-core violations (WCAG 2.1 AA + best practices) at phone width.

The crawl must reach at least 80% of the project's GET pages (url_names some logged-in
persona of the authorization matrix may open): a page no link leads to is a navigation
bug, not something to scan by typing its address.
"""

import time
from collections import deque
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from begeleid.demo.personas import PERSONAS
from tests.test_authorization_matrix import CASES

from .conftest import PHONE, axe_scan, horizontal_overflow, login_as

# Files and feeds a browser downloads instead of showing, and the session's end.
SKIP_NAMES = {
    "accounts:logout",
    "formative:attachment_download",
    "guidance:moment_ics",
    "guidance:feed",
    "quality:report_download",
    "quality:survey_round_export",
    "assessment:register_export",
    "assessment:framework_export",
}
SKIP_SUFFIXES = (".ics", ".csv", ".pdf", ".xlsx", ".zip")
SKIP_PARTS = ("/download/", "/export/", "/feed", "logout")
NEW_PER_PERSONA = 60  # new url_names scanned per persona
VISITS_PER_PERSONA = 75  # pages opened per persona (scanned or only followed)
REACH = 0.8


def _get_pages() -> set[str]:
    """The project's GET pages: a GET matrix case lets some logged-in persona see 200."""
    pages = set()
    for case in CASES:
        if case.method != "get":
            continue
        if any(status == 200 for who, status in case.expect.items() if who != "anonymous"):
            pages.add(case.url_name)
    return pages - SKIP_NAMES


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _links(page, origin: str) -> list[str]:
    hrefs = page.locator("a[href]").evaluate_all("(links) => links.map((a) => a.href)")
    paths = []
    for href in hrefs:
        href, _fragment = urldefrag(href)
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue  # external, mailto:, tel:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        lowered = parts.path.lower()
        if lowered.endswith(SKIP_SUFFIXES) or any(part in lowered for part in SKIP_PARTS):
            continue
        paths.append(path)
    return paths


def test_every_reachable_page_passes_axe_and_fits_a_phone(demo, live_server, page, axe_page, csp):
    started = time.monotonic()
    origin = live_server.url
    scanned: dict[str, str] = {}  # url_name -> "persona path"
    failures: list[str] = []
    broken_links: list[str] = []

    for persona in PERSONAS:
        key = persona.email.split("@")[0]
        page.context.clear_cookies()
        login_as(page, persona.email)
        axe = axe_page()
        axe.set_viewport_size(PHONE)

        start = urlsplit(page.url).path
        queue = deque([(start, "login")])
        seen_names: set[str] = set()
        new = visits = 0
        while queue and visits < VISITS_PER_PERSONA and new < NEW_PER_PERSONA:
            path, source = queue.popleft()
            name = _url_name(urlsplit(path).path)
            if name is None or name in SKIP_NAMES or name in seen_names:
                continue
            seen_names.add(name)
            visits += 1
            where = f"{key} {path} ({name})"
            try:
                response = page.goto(path)
            except PlaywrightError as error:
                if "Download is starting" not in str(error):
                    raise
                broken_links.append(f"{where}: a download, add it to SKIP_NAMES")
                continue
            if response is None or response.status != 200:
                status = response.status if response else "no response"
                broken_links.append(f"{where}: {status}, linked from {source}")
                csp.problems = []
                continue
            if name not in scanned:
                new += 1
                scanned[name] = f"{key} {path}"
                failures.extend(_check(page, axe, csp, path, where))
            else:
                csp.problems = []
            queue.extend((link, path) for link in _links(page, origin))

    elapsed = time.monotonic() - started
    print(f"\nscanned {len(scanned)} url_names in {elapsed:.0f}s:")
    for name, first in sorted(scanned.items()):
        print(f"  {name:45} {first}")

    pages = _get_pages()
    reached = pages & set(scanned)
    unreached = sorted(pages - reached)
    print(f"reached {len(reached)} of {len(pages)} GET pages; not reached: {unreached}")
    report = []
    if broken_links:
        report.append("links that do not answer 200:\n  " + "\n  ".join(broken_links))
    report.extend(failures)
    if len(reached) < REACH * len(pages):
        report.append(
            f"the crawl reached {len(reached)} of {len(pages)} GET pages "
            f"({len(reached) / len(pages):.0%}); no link leads to:\n  " + "\n  ".join(unreached)
        )
    assert report == [], "\n\n".join(report)


def _check(page, axe, csp, path: str, where: str) -> list[str]:
    """The strict page's checks and an axe scan of the same URL; problems as text."""
    problems = []
    h1s = page.locator("h1").count()
    if h1s != 1:
        problems.append(f"{where}: {h1s} h1 elements, expected exactly 1")
    overflow = horizontal_overflow(page)
    if overflow:
        problems.append(f"{where}: {overflow}px wider than a phone screen")
    try:
        csp.assert_clean(where)
    except AssertionError as error:
        problems.append(str(error))
    response = axe.goto(path)
    if response is None or response.status != 200:
        problems.append(f"{where}: the axe context got {response.status if response else None}")
        return problems
    try:
        axe_scan(axe)
    except AssertionError as error:
        problems.append(f"{where}: {error}")
    return problems
