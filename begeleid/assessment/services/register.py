"""The competence register: declaring, revoking, and reminding before expiry."""

import calendar
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit

from ..models import CompetenceDeclaration


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def validity_end(valid_from: datetime.date, months: int | None) -> datetime.date | None:
    """``months`` of validity, the last day included: 12 months from 15 Jan end on 14 Jan."""
    if not months:
        return None
    return add_months(valid_from, months) - datetime.timedelta(days=1)


def declare_competence(
    *, person, competence, valid_from, valid_until=None, decision=None, by
) -> CompetenceDeclaration:
    """Register a declaration; it replaces the person's current one for that competence."""
    if competence.organisation_id != person.organisation_id:
        raise ValueError("competence and person belong to different organisations")
    with transaction.atomic():
        declaration = CompetenceDeclaration.objects.create(
            organisation_id=person.organisation_id,
            person=person,
            competence=competence,
            valid_from=valid_from,
            valid_until=valid_until,
            decision=decision,
        )
        replaced = (
            CompetenceDeclaration.objects.filter(
                person=person,
                competence=competence,
                revoked_at__isnull=True,
                superseded_by__isnull=True,
            )
            .exclude(pk=declaration.pk)
            .update(superseded_by=declaration, updated_at=timezone.now())
        )
        record_audit(
            by=by,
            action="assessment.declare_competence",
            obj=declaration,
            changes={
                "valid_from": valid_from.isoformat(),
                "valid_until": valid_until.isoformat() if valid_until else None,
                "replaced": replaced,
            },
        )
    return declaration


def revoke_declaration(*, declaration: CompetenceDeclaration, reason: str, by):
    if not reason.strip():
        raise ValueError("a revocation needs a reason")
    with transaction.atomic():
        declaration = CompetenceDeclaration.objects.select_for_update().get(pk=declaration.pk)
        if declaration.revoked_at is not None:
            return declaration
        declaration.revoked_at = timezone.now()
        declaration.revoke_reason = reason
        declaration.save(update_fields=["revoked_at", "revoke_reason", "updated_at"])
        record_audit(
            by=by,
            action="assessment.revoke_declaration",
            obj=declaration,
            changes={"reason": reason},
        )
    return declaration


def send_expiry_reminders(*, today: datetime.date, days: int) -> int:
    """Notify people whose declaration ends within ``days``; once per declaration."""
    from begeleid.formative.enums import NotificationKind
    from begeleid.formative.services.notifications import notify

    due = (
        CompetenceDeclaration.objects.valid_on(today)
        .filter(valid_until__lte=today + datetime.timedelta(days=days), reminded_at__isnull=True)
        .select_related("person", "competence")
        .order_by("valid_until", "id")
    )
    sent = 0
    for declaration in due:
        with transaction.atomic():
            claimed = CompetenceDeclaration.objects.filter(
                pk=declaration.pk, reminded_at__isnull=True
            ).update(reminded_at=timezone.now())
            if not claimed:
                continue
            notify(
                recipient=declaration.person,
                kind=NotificationKind.REMINDER,
                title=_("Je bekwaamverklaring voor %(competence)s verloopt op %(date)s")
                % {
                    "competence": declaration.competence.title,
                    "date": declaration.valid_until.strftime("%d-%m-%Y"),
                },
                body=_("Vraag op tijd een nieuwe beoordeling aan."),
            )
            sent += 1
    return sent
