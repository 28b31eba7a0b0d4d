from django.conf import settings

from .navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "DEMO_MODE": settings.DEMO_MODE}
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    items = items_for(user)
    # Only the most specific matching entry is the current page: "formative:notification"
    # wins over "formative:" so that one link, not two, carries aria-current.
    matching = [
        i["active_prefix"] for i in items if current and current.startswith(i["active_prefix"])
    ]
    best = max(matching, key=len, default=None)
    for item in items:
        item["current"] = best is not None and item["active_prefix"] == best
    return {"nav_items": items, "DEMO_MODE": settings.DEMO_MODE}
