"""The demo personas shown on the login page in demo mode.

The demo app registers them; accounts reads them. Nothing here is used outside demo mode.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoPersona:
    email: str
    name: str
    role: str  # a translatable description


_personas: list[DemoPersona] = []


def register_personas(personas) -> None:
    _personas[:] = list(personas)


def personas() -> list[DemoPersona]:
    return list(_personas)
