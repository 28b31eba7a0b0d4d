"""Apps register their menu entries here; the menu shows what the user has permission for."""

from dataclasses import dataclass

from django.urls import get_script_prefix, get_urlconf, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None
    section: str = "main"
    order: int = 100
    # The view names (by prefix) for which this entry is highlighted as the current page.
    active_prefix: str = ""


_items: list[NavItem] = []
# A menu URL depends only on its name, the urlconf and the script prefix: resolved once,
# not on every page (reverse() is a noticeable part of a small page's cost).
_urls: dict[tuple, str] = {}


def _url(name: str) -> str:
    key = (get_urlconf(), get_script_prefix(), name)
    if key not in _urls:
        _urls[key] = reverse(name)
    return _urls[key]


def register(item: NavItem) -> None:
    if item not in _items:
        _items.append(item)


def items_for(user, section: str = "main"):
    visible = []
    for item in sorted(_items, key=lambda i: i.order):
        if item.section != section:
            continue
        if item.permission and not user.has_perm(item.permission):
            continue
        visible.append(
            {
                "label": item.label,
                "url": _url(item.url_name),
                "name": item.url_name,
                "active_prefix": item.active_prefix or item.url_name,
            }
        )
    return visible
