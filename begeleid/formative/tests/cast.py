"""The cast's formative records: feedback, a reflection, requests, and a one-time link."""

import datetime

from django.utils import timezone

from begeleid.formative.enums import EntryKind, FeedbackKind
from begeleid.formative.models import Feedback, FeedbackRequest, PortfolioEntry
from begeleid.formative.tokens import new_token


def extend(cast):
    org = cast.organisation
    enrolment = cast.extra["enrolment"]
    now = timezone.now()
    cast.extra["feedback"] = Feedback.objects.create(
        organisation=org,
        enrolment=enrolment,
        kind=FeedbackKind.FEEDBACK,
        narrative="Je hebt de overdracht volgens SBAR gedaan.",
        next_step="Let bij de medicatiecontrole op de dubbele check.",
        phase=enrolment.current_phase,
        author=cast.people["supervisor"],
        author_profession=cast.nurse,
    )
    cast.extra["entry"] = PortfolioEntry.objects.create(
        organisation=org,
        enrolment=enrolment,
        kind=EntryKind.REFLECTION,
        title="Mijn eerste week",
        text="Ik heb veel geleerd over de overdracht.",
        phase=enrolment.current_phase,
        author=cast.people["learner"],
    )
    cast.extra["colleague_request"] = FeedbackRequest.objects.create(
        organisation=org,
        enrolment=enrolment,
        question="Hoe ging mijn wondzorg bij kamer 12?",
        recipient=cast.people["supervisor"],
        expires_at=now + datetime.timedelta(days=14),
    )
    token, digest = new_token()
    cast.extra["external_request"] = FeedbackRequest.objects.create(
        organisation=org,
        enrolment=enrolment,
        question="Wil je iets zeggen over mijn voorlichting aan de patiënt?",
        recipient_email="extern@example.org",
        recipient_name="Els Extern",
        token_hash=digest,
        expires_at=now + datetime.timedelta(days=14),
    )
    cast.extra["external_token"] = token
