"""Whether the current user may open an internal URL, for pages that point people to
other pages ("fix it here") which have their own permission checks.

The target view itself is asked, with a GET, inside a savepoint that is always rolled
back: the answer is the view's own (404/403 means no), and nothing it might write stays.
Use it for a handful of links on a page, never in a list of many rows.
"""

import copy

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, QueryDict
from django.urls import Resolver404, resolve


class _Undo(Exception):
    pass


def can_open(request, url: str) -> bool:
    cache = request.__dict__.setdefault("_can_open_cache", {})
    if url in cache:
        return cache[url]
    try:
        match = resolve(url.split("?", 1)[0])
    except Resolver404:
        cache[url] = False
        return False
    probe = copy.copy(request)
    probe.method = "GET"
    probe.path = probe.path_info = url
    probe.GET = QueryDict()
    probe.POST = QueryDict()
    allowed = False
    try:
        with transaction.atomic():
            try:
                response = match.func(probe, *match.args, **match.kwargs)
                allowed = response.status_code < 400
            except (PermissionDenied, Http404):
                allowed = False
            raise _Undo
    except _Undo:
        pass
    cache[url] = allowed
    return allowed
