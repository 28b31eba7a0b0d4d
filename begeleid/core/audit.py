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

    Opening your own data is not logged: it is nobody else's access.
    """
    viewer = request.user
    if viewer.pk == subject.pk:
        return None
    return AccessEvent.objects.create(
        organisation_id=subject.organisation_id,
        viewer=viewer,
        subject=subject,
        what=str(what)[:200],
        path=request.path[:300],
        ip_address=client_address(request),
        request_id=getattr(request, "id", ""),
    )
