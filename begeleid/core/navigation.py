"""Apps register their menu entries here; the menu shows what the user has permission for."""

from dataclasses import dataclass

from django.urls import reverse


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
                "url": reverse(item.url_name),
                "name": item.url_name,
                "active_prefix": item.active_prefix or item.url_name,
            }
        )
    return visible
