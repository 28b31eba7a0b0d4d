from functools import partial

from django.conf import settings

from .navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "DEMO_MODE": settings.DEMO_MODE}
    # A callable: the template engine calls it where a template shows the menu, so a
    # page body drawn on its own (core.pagecache) does not compute it, and the frame
    # of the same request computes it once.
    return {"nav_items": partial(_nav_items, request), "DEMO_MODE": settings.DEMO_MODE}


def _nav_items(request):
    items = getattr(request, "_nav_items", None)
    if items is not None:
        return items
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    items = items_for(request.user)
    # Only the most specific matching entry is the current page: "formative:notification"
    # wins over "formative:" so that one link, not two, carries aria-current.
    matching = [
        i["active_prefix"] for i in items if current and current.startswith(i["active_prefix"])
    ]
    best = max(matching, key=len, default=None)
    for item in items:
        item["current"] = best is not None and item["active_prefix"] == best
    request._nav_items = items
    return items
