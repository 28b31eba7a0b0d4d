"""Page bodies kept in the shared cache until what they show changes.

The busiest pages (the home pages and the timeline) are opened again and again by the
same person while nothing in them changed. ``cached_body`` keeps the rendered body of such
a page (the part inside ``<main>``, without the header, the messages or any CSRF token of
its own) under a key of the page, the viewer, the language, the day, the full path and
the viewer's CSRF secret, together with the versions of the scopes it was built from
(``core.freshness``). The next request of the same page by the same person reads the
versions and the body in one cache round trip; when every version is unchanged, the body
is served as it is, without reading the data again.

Changes of data show at once (their writes move the versions); changes of time show at
the next day (the day is in the key) or, within a day, after at most
``PAGE_BODY_TIMEOUT`` seconds. ``PAGE_BODY_CACHE = False`` switches it off; the benchmark
does, so that it keeps measuring what building a page costs.

A view marked with ``keeps_page`` is also kept whole: the response (frame and body) is
kept per session, page, language, day, full path and CSRF secret, with the versions of
the scopes its body declared (``cached_body``) and of ``global``. ``KeptPageMiddleware``
serves it before the view runs, before even the person is read: it was built for this
session after the view's permission check, and whatever that check reads (the person,
roles, memberships, assignments) moves ``global`` when it is written, or one of the
page's scopes. The accesses the view logged (``core.audit.record_access``) are logged
again each time it is served. A request with messages to show is neither served nor
kept.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import DEFAULT_CACHE_ALIAS, cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from . import audit, freshness


def _body_key(request, page: str) -> str:
    private = f"{request.get_full_path()}|{request.META['CSRF_COOKIE']}".encode()
    return ":".join(
        (
            "body",
            page,
            str(request.user.pk),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            hashlib.blake2b(private, digest_size=12).hexdigest(),
        )
    )


def _versions(keys):
    """The current version of each key, creating the ones the cache does not hold."""
    found = cache.get_many(keys)
    missing = [k for k in keys if k not in found]
    if missing:
        for k in missing:
            cache.add(k, freshness.token(), timeout=None)
        found.update(cache.get_many(missing))
    return tuple(found.get(k) for k in keys)


def cached_body(request, page: str, scopes, build) -> SafeString:
    """The body of ``page`` for this request: from the cache when none of ``scopes``
    (plus ``global``) changed since it was built, else ``build()`` (a string of HTML),
    which is then kept."""
    if not settings.PAGE_BODY_CACHE or not request.META.get("CSRF_COOKIE"):
        # Without a CSRF secret yet, a form in the body would get a new one while it is
        # built: such a body is not kept.
        return SafeString(build())
    version_keys = sorted({freshness.key(freshness.GLOBAL), *map(freshness.key, scopes)})
    body_key = _body_key(request, page)
    found = cache.get_many([body_key, *version_keys])
    if all(k in found for k in version_keys):
        versions = tuple(found[k] for k in version_keys)
    else:
        versions = _versions(version_keys)
    # A page kept whole (keeps_page) depends on what its body does, as of before the
    # body was built or read.
    request.page_versions = (version_keys, versions)
    kept = found.get(body_key)
    if kept is not None and kept[0] == versions and kept[1] > time.time():
        return SafeString(kept[2])
    html = str(build())
    timeout = settings.PAGE_BODY_TIMEOUT
    cache.set(body_key, (versions, time.time() + timeout, html), timeout)
    return SafeString(html)


def keeps_page(view):
    """Mark a view whose GET response ``KeptPageMiddleware`` may keep and serve whole.

    The view must declare what its page shows through ``cached_body``; a response of a
    request that did not is not kept."""
    view.keeps_page = True
    return view


# Where the default message storage keeps waiting messages: in a cookie
# (CookieStorage.cookie_name) and, when they do not fit, in the session.
_SESSION_MESSAGES = SessionStorage.session_key


def _page_key(request, session_key: str, csrf_secret: str) -> str:
    """The key of the whole page for this request: of the session, not of the person, so
    that it is known before the person is read (the kept page names its viewer)."""
    private = f"{session_key}|{request.get_full_path()}|{csrf_secret}".encode()
    return ":".join(
        (
            "page",
            request.resolver_match.view_name,
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            hashlib.blake2b(private, digest_size=16).hexdigest(),
        )
    )


def _kept_and_session(key: str, session):
    """The kept page under ``key`` and the session's data, in one cache round trip when
    the sessions are kept in the same cache (``cached_db``, as in production)."""
    session_cache_key = getattr(session, "cache_key", None)
    data = None
    if session_cache_key and settings.SESSION_CACHE_ALIAS == DEFAULT_CACHE_ALIAS:
        found = cache.get_many([key, session_cache_key])
        kept, data = found.get(key), found.get(session_cache_key)
    else:
        kept = cache.get(key)
    if kept is not None and data is None:
        # Not in the cache (or sessions kept elsewhere): read as the session engine does.
        data = {name: session.get(name) for name in (SESSION_KEY, _SESSION_MESSAGES)}
    return kept, data


class KeptPageMiddleware:
    """Serves the pages of ``keeps_page`` views whole while nothing they show changed,
    and keeps them when they are built. Sits after the session, CSRF, authentication and
    messages middleware and before ``LoginRequiredMiddleware`` (a kept page was built
    for a logged-in session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "page_key", None)
        versions = getattr(request, "page_versions", None)
        if (
            key is not None
            and versions is not None
            and response.status_code == 200
            and not response.streaming
            and not len(get_messages(request))
            and request.user.is_authenticated
            and str(request.user.pk) == str(request.session.get(SESSION_KEY))
        ):
            self._keep(request, key, versions, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            not getattr(view_func, "keeps_page", False)
            or request.method != "GET"
            or not settings.PAGE_BODY_CACHE
        ):
            return None
        session = request.session
        csrf_secret = request.META.get("CSRF_COOKIE")
        if (
            not csrf_secret
            or not session.session_key
            or request.COOKIES.get(CookieStorage.cookie_name)
        ):
            return None  # no CSRF secret yet, not logged in, or a message waiting
        key = request.page_key = _page_key(request, session.session_key, csrf_secret)
        kept, data = _kept_and_session(key, session)
        if kept is None or data.get(_SESSION_MESSAGES):
            return None
        viewer, version_keys, versions, expires, content, headers, accesses = kept
        if str(data.get(SESSION_KEY)) != viewer or expires <= time.time():
            return None
        found = cache.get_many(version_keys)
        if tuple(found.get(k) for k in version_keys) != versions:
            return None
        for access in accesses:
            audit.record_access_of(request, viewer, *access)
        return HttpResponse(content, headers=headers)

    @staticmethod
    def _keep(request, key, versions, response):
        timeout = settings.PAGE_BODY_TIMEOUT
        kept = (
            str(request.user.pk),
            *versions,
            time.time() + timeout,
            response.content,
            {name: value for name, value in response.items() if name != "Content-Length"},
            tuple(getattr(request, "recorded_accesses", ())),
        )
        cache.set(key, kept, timeout)
