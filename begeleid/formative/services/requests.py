"""Feedback requests: to a colleague, or by one-time link to someone without an account."""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit

from .. import conf
from ..enums import FeedbackKind, NotificationKind, RequestState
from ..models import Feedback, FeedbackRequest
from ..tokens import hash_token, looks_like_token, new_token
from .notifications import notify


class RequestClosed(Exception):
    """The request can no longer be answered: answered, withdrawn or expired."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


def _open_q(now):
    return Q(answered_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now)


def check_limits(*, enrolment, email: str = "", now=None) -> None:
    """Refuse with a clear message when a learner (or an address) gets too many requests."""
    now = now or timezone.now()
    mine = FeedbackRequest.objects.filter(enrolment__learner_id=enrolment.learner_id)
    per_day = conf.max_requests_per_day()
    if mine.filter(created_at__gte=now - datetime.timedelta(days=1)).count() >= per_day:
        raise ValidationError(
            _(
                "Je hebt de afgelopen 24 uur al %(n)d verzoeken verstuurd. Probeer het morgen opnieuw."
            )
            % {"n": per_day},
            code="per_day",
        )
    if not email:
        return
    max_external = conf.max_open_external_requests()
    if mine.filter(_open_q(now), recipient__isnull=True).count() >= max_external:
        raise ValidationError(
            _(
                "Je hebt al %(n)d open verzoeken aan mensen zonder account. Wacht op antwoord "
                "of trek er een in."
            )
            % {"n": max_external},
            code="open_external",
        )
    per_address = conf.max_open_requests_per_address()
    to_address = FeedbackRequest.objects.filter(
        _open_q(now), organisation_id=enrolment.organisation_id, recipient_email__iexact=email
    )
    if to_address.count() >= per_address:
        raise ValidationError(
            _("Er staan al %(n)d open verzoeken uit naar %(email)s. Wacht tot die beantwoord zijn.")
            % {"n": per_address, "email": email},
            code="per_address",
        )


def _link(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + reverse("formative:external_respond", kwargs={"token": token})


def _send_link(request_obj, token: str, base_url: str, template: str) -> None:
    body = render_to_string(
        template,
        {
            "request": request_obj,
            "learner": request_obj.enrolment.learner,
            "link": _link(base_url, token),
        },
    )
    subject = _("%(name)s vraagt je om feedback") % {
        "name": request_obj.enrolment.learner.full_name
    }
    send_mail(subject, body, None, [request_obj.recipient_email])


@transaction.atomic
def request_feedback(
    *, enrolment, by, question: str, recipient=None, email: str = "", name: str = "", base_url: str
) -> FeedbackRequest:
    email = (email or "").strip().lower()
    if recipient is not None:
        email = ""
    check_limits(enrolment=enrolment, email=email)
    token = token_hash = None
    if recipient is None:
        token, token_hash = new_token()
    request_obj = FeedbackRequest.objects.create(
        organisation_id=enrolment.organisation_id,
        enrolment=enrolment,
        question=question,
        recipient=recipient,
        recipient_email=email,
        recipient_name=name if recipient is None else "",
        token_hash=token_hash,
        expires_at=timezone.now() + datetime.timedelta(days=conf.request_valid_days()),
    )
    record_audit(
        by=by,
        action="formative.request_feedback",
        obj=request_obj,
        changes={"external": recipient is None},
    )
    if recipient is not None:
        notify(
            recipient=recipient,
            kind=NotificationKind.NEW_REQUEST,
            title=_("%(name)s vraagt je om feedback") % {"name": by.full_name},
            body=question[:300],
            url=reverse("formative:request_respond", kwargs={"uuid": request_obj.uuid}),
        )
    else:
        transaction.on_commit(
            lambda: _send_link(request_obj, token, base_url, "formative/email/request_external.txt")
        )
    return request_obj


@transaction.atomic
def withdraw_request(*, request_obj, by) -> FeedbackRequest:
    request_obj.withdrawn_at = timezone.now()
    request_obj.save(update_fields=["withdrawn_at", "updated_at"])
    record_audit(by=by, action="formative.withdraw_request", obj=request_obj)
    return request_obj


def find_by_token(token: str) -> FeedbackRequest:
    """The request a one-time link belongs to; an unknown or forged token is a 404."""
    if not looks_like_token(token):
        raise Http404
    digest = hash_token(token)
    request_obj = (
        FeedbackRequest.objects.filter(Q(token_hash=digest) | Q(reminder_token_hash=digest))
        .select_related("enrolment__learner", "enrolment__organisation")
        .first()
    )
    if request_obj is None:
        raise Http404
    return request_obj


@transaction.atomic
def respond_to_request(
    *,
    request_obj,
    by=None,
    narrative: str,
    went_well: str = "",
    to_improve: str = "",
    next_step: str = "",
    external_name: str = "",
    external_profession: str = "",
) -> Feedback:
    """Answer once. Claiming the request and writing the answer happen in one transaction,
    so two simultaneous answers cannot both succeed."""
    now = timezone.now()
    claimed = FeedbackRequest.objects.filter(_open_q(now), pk=request_obj.pk).update(
        answered_at=now, updated_at=now
    )
    if not claimed:
        request_obj.refresh_from_db()
        raise RequestClosed(request_obj.state(now))
    enrolment = request_obj.enrolment
    feedback = Feedback.objects.create(
        organisation_id=request_obj.organisation_id,
        enrolment=enrolment,
        kind=FeedbackKind.FEEDBACK,
        narrative=narrative,
        went_well=went_well,
        to_improve=to_improve,
        next_step=next_step,
        phase_id=enrolment.current_phase_id,
        author=by,
        author_profession_id=by.profession_id if by else None,
        external_name=external_name if by is None else "",
        external_profession=external_profession if by is None else "",
        request=request_obj,
    )
    record_audit(
        by=by,
        action="formative.answer_request",
        obj=feedback,
        organisation_id=request_obj.organisation_id,
        changes={"request": str(request_obj.uuid), "external": by is None},
    )
    responder = by.full_name if by else external_name
    notify(
        recipient=enrolment.learner,
        kind=NotificationKind.NEW_FEEDBACK,
        title=_("%(name)s heeft je feedbackverzoek beantwoord") % {"name": responder},
        body=narrative[:300],
        url=reverse("formative:feedback_detail", kwargs={"uuid": feedback.uuid}),
    )
    return feedback


def send_reminders(*, now=None, base_url: str | None = None) -> int:
    """Remind once about open requests that are older than the reminder delay.

    Idempotent: each request is claimed by setting ``reminded_at`` where it was empty,
    and only the run that claimed it sends the reminder.
    """
    now = now or timezone.now()
    base_url = base_url or conf.site_url()
    due = FeedbackRequest.objects.filter(
        _open_q(now),
        reminded_at__isnull=True,
        created_at__lte=now - datetime.timedelta(days=conf.reminder_after_days()),
    ).values_list("pk", "recipient_id")
    sent = 0
    for pk, recipient_id in due:
        token = digest = None
        fields = {"reminded_at": now}
        if recipient_id is None:
            token, digest = new_token()
            fields["reminder_token_hash"] = digest
        with transaction.atomic():
            if not FeedbackRequest.objects.filter(pk=pk, reminded_at__isnull=True).update(**fields):
                continue
            request_obj = FeedbackRequest.objects.select_related(
                "enrolment__learner", "recipient"
            ).get(pk=pk)
            if recipient_id is None:
                transaction.on_commit(
                    lambda r=request_obj, t=token: _send_link(
                        r, t, base_url, "formative/email/reminder_external.txt"
                    )
                )
            else:
                notify(
                    recipient=request_obj.recipient,
                    kind=NotificationKind.REMINDER,
                    title=_("Herinnering: %(name)s wacht op je feedback")
                    % {"name": request_obj.enrolment.learner.full_name},
                    body=request_obj.question[:300],
                    url=reverse("formative:request_respond", kwargs={"uuid": request_obj.uuid}),
                )
        sent += 1
    return sent


def state_of(request_obj) -> str:
    return request_obj.state()


CLOSED_STATES = (RequestState.ANSWERED, RequestState.WITHDRAWN, RequestState.EXPIRED)
