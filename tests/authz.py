"""The authorization matrix: every URL × persona × method → expected status.

Each app lists its cases in ``begeleid/<app>/tests/matrix.py`` as ``CASES``. The matrix
test collects them all, and fails when a URL of the project has no case.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .cast import PERSONAS

LOGIN = 302  # anonymous users are sent to the login page


@dataclass
class Case:
    url_name: str
    expect: dict[str, int]
    kwargs: Callable | None = None  # cast -> URL kwargs
    method: str = "get"
    data: Callable | None = None  # cast -> POST data
    note: str = ""
    htmx: bool = False
    setup: Callable | None = None  # cast -> None, extra objects for this case
    extra_kwargs: dict = field(default_factory=dict)

    @property
    def id(self):
        return f"{self.method.upper()} {self.url_name}{' ' + self.note if self.note else ''}"


def expect(default: int, anonymous: int = LOGIN, **statuses: int) -> dict[str, int]:
    """Every persona gets ``default`` unless named; anonymous is sent to login."""
    table = dict.fromkeys(PERSONAS, default)
    table["anonymous"] = anonymous
    unknown = set(statuses) - set(PERSONAS)
    if unknown:
        raise ValueError(f"unknown personas: {unknown}")
    table.update(statuses)
    return table


def only(*personas: str, ok: int = 200, others: int = 403, stranger: int = 404, **statuses: int):
    """``ok`` for the named personas, ``others`` for the rest of the organisation,
    404 for the person of another organisation (not theirs), login for anonymous."""
    table = expect(others, stranger=stranger)
    for persona in personas:
        table[persona] = ok
    table.update(statuses)
    return table


def everyone(ok: int = 200, **statuses: int):
    return expect(ok, **statuses)


def public(ok: int = 200, **statuses: int):
    """Reachable without logging in."""
    table = expect(ok, anonymous=ok)
    table.update(statuses)
    return table
