"""In-app notifications and their e-mail: immediately, or once a day as a digest.

Each notification is e-mailed at most once: a run first claims it by setting
``emailed_at`` where it was still empty, and only then sends.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from begeleid.core import freshness

from .. import conf
from ..enums import EmailMode
from ..models import Notification, NotificationPreference

logger = logging.getLogger(__name__)


def email_mode_of(person) -> str:
    cache = person._state.fields_cache
    if "notification_preference" in cache:
        # Read along with the person (queries.get_enrolment_to_give_feedback).
        pref = cache["notification_preference"]
    else:
        pref = NotificationPreference.objects.filter(person_id=person.pk).first()
    return pref.email_mode if pref else EmailMode.IMMEDIATE


def notify(*, recipient, kind: str, title: str, body: str = "", url: str = "") -> Notification:
    """Add a notification; e-mail it after commit when the person wants it immediately."""
    notification = Notification.objects.create(
        organisation_id=recipient.organisation_id,
        recipient=recipient,
        kind=kind,
        title=str(title)[:200],
        body=str(body),
        url=url,
    )
    if email_mode_of(recipient) == EmailMode.IMMEDIATE:
        transaction.on_commit(lambda: send_immediately(notification.pk, notification))
    return notification


def send_immediately(pk: int, notification: Notification | None = None) -> bool:
    """E-mail one notification if nobody did yet. ``notification``: the object as just
    created (with its recipient), so that the claim is the only read."""
    now = timezone.now()
    # No page that is kept in the cache shows when a notification was e-mailed.
    with freshness.writes(Notification):
        claimed = Notification.objects.filter(pk=pk, emailed_at__isnull=True).update(emailed_at=now)
    if not claimed:
        return False
    if notification is None:
        notification = Notification.objects.select_related("recipient").get(pk=pk)
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "formative/email/notification.txt",
            {"notification": notification, "site_url": conf.site_url()},
        )
        try:
            send_mail(notification.title, body, None, [notification.recipient.email])
        except Exception:
            # Leave it unsent rather than pretend; the in-app notification is still there.
            with freshness.writes(Notification):
                Notification.objects.filter(pk=pk).update(emailed_at=None)
            logger.exception("notification e-mail failed")
            return False
    return True


def send_digests(now=None) -> int:
    """One e-mail per person who chose the daily digest and has unsent notifications.

    Safe to run again: notifications already e-mailed are never sent twice.
    """
    now = now or timezone.now()
    sent = 0
    prefs = NotificationPreference.objects.filter(email_mode=EmailMode.DIGEST).select_related(
        "person"
    )
    for pref in prefs:
        pending = list(
            Notification.objects.filter(
                recipient_id=pref.person_id, emailed_at__isnull=True
            ).values_list("pk", flat=True)
        )
        if not pending:
            continue
        with freshness.writes(Notification):
            claimed = Notification.objects.filter(pk__in=pending, emailed_at__isnull=True).update(
                emailed_at=now
            )
        if not claimed:
            continue
        items = list(
            Notification.objects.filter(
                recipient_id=pref.person_id, pk__in=pending, emailed_at=now
            ).order_by("created_at", "id")
        )
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "formative/email/digest.txt",
                {"person": pref.person, "items": items, "site_url": conf.site_url()},
            )
            subject = _("Je meldingen van vandaag (%(count)d)") % {"count": len(items)}
            send_mail(subject, body, None, [pref.person.email])
        NotificationPreference.objects.filter(pk=pref.pk).update(last_digest_at=now)
        sent += 1
    return sent


def mark_all_read(*, person) -> int:
    # The unread count on the person's home changes, nobody else's page.
    with freshness.writes(Notification, f"person:{person.pk}"):
        return Notification.objects.filter(recipient_id=person.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def set_email_mode(*, person, email_mode: str) -> NotificationPreference:
    pref, _created = NotificationPreference.objects.update_or_create(
        person=person,
        defaults={"email_mode": email_mode, "organisation_id": person.organisation_id},
    )
    return pref
