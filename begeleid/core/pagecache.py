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
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from . import freshness


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
    kept = found.get(body_key)
    if kept is not None and kept[0] == versions and kept[1] > time.time():
        return SafeString(kept[2])
    html = str(build())
    timeout = settings.PAGE_BODY_TIMEOUT
    cache.set(body_key, (versions, time.time() + timeout, html), timeout)
    return SafeString(html)
