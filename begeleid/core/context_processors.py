from django.conf import settings

from .navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "DEMO_MODE": settings.DEMO_MODE}
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    items = items_for(user)
    for item in items:
        item["current"] = bool(current) and current.startswith(item["active_prefix"])
    return {"nav_items": items, "DEMO_MODE": settings.DEMO_MODE}
