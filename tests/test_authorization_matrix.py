"""One authorization matrix for the whole project (DESIGN.md §7)."""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import begeleid

from .cast import PERSONAS


def _collect_cases():
    cases = []
    for module in pkgutil.iter_modules(begeleid.__path__):
        try:
            matrix = importlib.import_module(f"begeleid.{module.name}.tests.matrix")
        except ModuleNotFoundError:
            continue
        cases.extend(matrix.CASES)
    return cases


CASES = _collect_cases()


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            yield from _url_names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_matrix():
    covered = {case.url_name for case in CASES}
    missing = sorted(set(_url_names()) - covered)
    assert missing == [], f"URLs without an authorization matrix case: {missing}"


def test_every_case_names_every_persona():
    incomplete = [case.id for case in CASES if set(case.expect) != set(PERSONAS)]
    assert incomplete == []


class _Undo(Exception):
    """Raised to roll a persona's request back, so the next persona starts clean."""


def _status_as(persona, case, cast, client):
    from django.core.cache import cache

    cache.clear()
    client.logout()
    if case.setup:
        case.setup(cast)
    if persona != "anonymous":
        client.force_login(cast.people[persona])
    url = reverse(case.url_name, kwargs=case.kwargs(cast) if case.kwargs else None)
    headers = {"HX-Request": "true"} if case.htmx else {}
    if case.method == "get":
        return client.get(url, headers=headers).status_code
    data = case.data(cast) if case.data else {}
    return getattr(client, case.method)(url, data, headers=headers).status_code


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_authorization_matrix(case, cast, client):
    """Every persona in turn, each inside a savepoint that is rolled back afterwards: one
    cast per case, and a POST by one persona never changes what the next one finds."""
    wrong = []
    for persona in PERSONAS:
        try:
            with transaction.atomic():
                status = _status_as(persona, case, cast, client)
                raise _Undo
        except _Undo:
            pass
        if status != case.expect[persona]:
            wrong.append(f"{persona}: expected {case.expect[persona]}, got {status}")
    assert wrong == [], f"{case.id}: " + "; ".join(wrong)
