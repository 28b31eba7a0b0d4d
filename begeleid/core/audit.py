"""Writing the audit and access logs. Callers are services, inside their transaction."""

from django.db import transaction

from .models import AccessEvent, AuditEvent
from .request_context import request_id_var


def record_audit(*, by, action: str, obj, organisation_id=None, changes=None, on_behalf_of=None):
    """Append an audit event for ``obj``; must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_audit must run inside the service's transaction")
    return AuditEvent.objects.create(
        organisation_id=organisation_id or obj.organisation_id,
        actor=by,
        on_behalf_of=on_behalf_of,
        action=action,
        object_type=obj._meta.label_lower,
        object_uuid=getattr(obj, "uuid", None),
        object_repr=str(obj)[:200],
        changes=changes or {},
        request_id=request_id_var.get(),
    )


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def record_access(*, request, subject, what: str):
    """Log that the requesting person opened ``subject``'s learning data (NEN 7513).

    Opening your own data is not logged: it is nobody else's access. A page kept whole
    (``core.pagecache.keeps_page``) logs the same access again each time it is served.
    """
    viewer = request.user
    if viewer.pk == subject.pk:
        return None
    access = (subject.pk, subject.organisation_id, str(what)[:200])
    recorded = getattr(request, "recorded_accesses", None)
    if recorded is None:
        recorded = request.recorded_accesses = []
    recorded.append(access)
    return record_access_of(request, viewer.pk, *access)


def record_access_of(request, viewer_id, subject_id, organisation_id, what: str):
    """``record_access`` by ids: the viewer and subject are not read."""
    return AccessEvent.objects.create(
        organisation_id=organisation_id,
        viewer_id=viewer_id,
        subject_id=subject_id,
        what=what,
        path=request.path[:300],
        ip_address=client_address(request),
        request_id=getattr(request, "id", ""),
    )
