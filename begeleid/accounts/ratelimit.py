"""Failed-login counting per e-mail address and per client address (cache based)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-fail:{kind}:{digest}"


def _keys(email: str, address: str | None):
    keys = [_key("email", email)] if email else []
    if address:
        keys.append(_key("ip", address))
    return keys


def seconds_blocked(email: str, address: str | None) -> int:
    """How long this e-mail address or client must still wait; 0 when it may try."""
    now = time.time()
    waits = []
    for key in _keys(email, address):
        failures = [t for t in cache.get(key, []) if now - t < settings.LOGIN_RATE_WINDOW_SECONDS]
        if len(failures) >= settings.LOGIN_RATE_LIMIT:
            waits.append(int(failures[0] + settings.LOGIN_RATE_WINDOW_SECONDS - now) + 1)
    return max(waits, default=0)


def register_failure(email: str, address: str | None) -> None:
    now = time.time()
    for key in _keys(email, address):
        failures = [t for t in cache.get(key, []) if now - t < settings.LOGIN_RATE_WINDOW_SECONDS]
        failures.append(now)
        cache.set(key, failures[-settings.LOGIN_RATE_LIMIT :], settings.LOGIN_RATE_WINDOW_SECONDS)


def clear(email: str) -> None:
    cache.delete(_key("email", email))
