import pytest

from tests.cast import build_cast


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing strength is Django's concern; tests only need the real code path, fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def build_pages(settings):
    """Every request builds its page, none is served from the page body cache
    (core.pagecache): for tests that count what building a page costs."""
    settings.PAGE_BODY_CACHE = False


@pytest.fixture
def cast(db):
    """The shared personas of DESIGN.md §7 in one organisation, plus a stranger of another."""
    return build_cast()


@pytest.fixture
def login(client):
    """Log the client in as a person: ``login(cast.learner)``."""

    def _login(person):
        client.force_login(person)
        return client

    return _login
