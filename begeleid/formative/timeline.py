"""One stream per enrolment: feedback, guidance moments and portfolio entries.

Keyset pagination on (timestamp, uuid), newest first: each source is asked for the
rows strictly before the cursor (one query each), the results are merged, and the
cursor of the last row shown is handed to the next page. No OFFSET, so deep pages cost
the same as the first.
"""

import base64
import datetime
import uuid as uuidlib
from dataclasses import dataclass

from django.db.models import BigIntegerField, DateTimeField, Q
from django.utils import timezone

from begeleid.core.compiled import PreparedQuery
from begeleid.guidance.models import GuidanceMoment

from .enums import MOMENT, EntryKind, FeedbackKind
from .links import attach, with_entry_links, with_feedback_links
from .models import Feedback, PortfolioEntry

PAGE_SIZE = 25


@dataclass(frozen=True)
class Item:
    at: datetime.datetime
    uuid: uuidlib.UUID
    source: str  # "feedback", "entry" or "moment"
    obj: object  # drawn by ``cards.Cards``


def kind_choices():
    return [
        *[(k.value, k.label) for k in FeedbackKind],
        *[(k.value, k.label) for k in EntryKind],
        (MOMENT, GuidanceMoment._meta.verbose_name),
    ]


def encode_cursor(item: Item) -> str:
    raw = f"{item.at.isoformat()}|{item.uuid}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str):
    """(timestamp, uuid), or None for a missing or malformed cursor (first page)."""
    if not value:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        at, _, key = raw.partition("|")
        moment = datetime.datetime.fromisoformat(at)
        if timezone.is_naive(moment):
            return None
        return moment, uuidlib.UUID(key)
    except (ValueError, UnicodeDecodeError):
        return None


def _before(field: str, key_field: str, cursor) -> Q:
    if cursor is None:
        return Q()
    at, key = cursor
    return Q(**{f"{field}__lt": at}) | Q(**{field: at, f"{key_field}__lt": key})


def _period(field: str, since, until) -> Q:
    q = Q()
    if since:
        q &= Q(**{f"{field}__date__gte": since})
    if until:
        q &= Q(**{f"{field}__date__lte": until})
    return q


# Each source reads the columns its card shows (``cards.Cards``), and the filters use.


def _feedback_rows(enrolment):
    return with_feedback_links(
        Feedback.objects.filter(enrolment_id=enrolment)
        .select_related("author", "author_profession")
        .only(
            "uuid",
            "kind",
            "narrative",
            "recorded_at",
            "external_name",
            "external_profession",
            "author__full_name",
            "author_profession__name",
        )
    ).order_by("-recorded_at", "-uuid")


def _entry_rows(enrolment):
    return with_entry_links(
        PortfolioEntry.objects.filter(enrolment_id=enrolment)
        .select_related("author")
        .only("uuid", "kind", "title", "text", "recorded_at", "author__full_name")
    ).order_by("-recorded_at", "-uuid")


def _moment_rows(enrolment, now):
    return (
        GuidanceMoment.objects.counting()
        .filter(learners__enrolment_id=enrolment, starts_at__lte=now)
        .select_related("created_by")
        .only("uuid", "title", "form", "status", "starts_at", "created_by__full_name")
        .order_by("-starts_at", "-uuid")
    )


# The first page without filters, the one opened most (after every change of the record):
# its three reads are built and compiled once per process (core.compiled).
_FIRST_FEEDBACK = PreparedQuery(
    lambda enrolment: _feedback_rows(enrolment)[: PAGE_SIZE + 1], enrolment=BigIntegerField()
)
_FIRST_ENTRIES = PreparedQuery(
    lambda enrolment: _entry_rows(enrolment)[: PAGE_SIZE + 1], enrolment=BigIntegerField()
)
_FIRST_MOMENTS = PreparedQuery(
    lambda enrolment, now: _moment_rows(enrolment, now)[: PAGE_SIZE + 1],
    enrolment=BigIntegerField(),
    now=DateTimeField(),
)


def _first_page(enrolment, known_competences):
    items = [
        *(
            Item(f.recorded_at, f.uuid, "feedback", f)
            for f in _FIRST_FEEDBACK(enrolment=enrolment.pk)
        ),
        *(Item(e.recorded_at, e.uuid, "entry", e) for e in _FIRST_ENTRIES(enrolment=enrolment.pk)),
        *(
            Item(m.starts_at, m.uuid, "moment", m)
            for m in _FIRST_MOMENTS(enrolment=enrolment.pk, now=timezone.now())
        ),
    ]
    return _page_of(items, PAGE_SIZE, known_competences)


def _page_of(items, limit, known_competences):
    items.sort(key=lambda i: (i.at, i.uuid), reverse=True)
    page = items[:limit]
    attach([i.obj for i in page if i.source != "moment"], known_competences)
    next_cursor = encode_cursor(page[-1]) if len(items) > limit else None
    return page, next_cursor


def timeline(
    enrolment,
    *,
    kind="",
    profession=None,
    competence=None,
    since=None,
    until=None,
    cursor=None,
    limit=PAGE_SIZE,
    known_competences=(),
):
    """A page of items and the cursor for the next page (None on the last page).

    With ``competence``, only feedback and entries linked to it (guidance moments name
    no competences, so they drop out). Feedback and entries carry ``tags`` and entries
    ``ratings`` (see ``links``), resolved from ``known_competences`` where they can be.
    One query per source, whatever the links."""
    feedback_kinds = {k.value for k in FeedbackKind}
    entry_kinds = {k.value for k in EntryKind}
    want_feedback = not kind or kind in feedback_kinds
    want_entries = not kind or kind in entry_kinds
    want_moments = (not kind or kind == MOMENT) and competence is None
    if not (kind or profession or competence or since or until or cursor) and limit == PAGE_SIZE:
        return _first_page(enrolment, known_competences)
    items = []
    if want_feedback:
        rows = _feedback_rows(enrolment.pk).filter(
            _before("recorded_at", "uuid", cursor), _period("recorded_at", since, until)
        )
        if kind:
            rows = rows.filter(kind=kind)
        if profession is not None:
            rows = rows.filter(author_profession=profession)
        if competence is not None:
            rows = rows.filter(competences=competence)
        items += [Item(f.recorded_at, f.uuid, "feedback", f) for f in rows[: limit + 1]]
    if want_entries:
        rows = _entry_rows(enrolment.pk).filter(
            _before("recorded_at", "uuid", cursor), _period("recorded_at", since, until)
        )
        if kind:
            rows = rows.filter(kind=kind)
        if profession is not None:
            rows = rows.filter(author__profession=profession)
        if competence is not None:
            rows = rows.filter(competences=competence)
        items += [Item(e.recorded_at, e.uuid, "entry", e) for e in rows[: limit + 1]]
    if want_moments:
        rows = _moment_rows(enrolment.pk, timezone.now()).filter(
            _before("starts_at", "uuid", cursor), _period("starts_at", since, until)
        )
        if profession is not None:
            rows = rows.filter(created_by__profession=profession)
        items += [Item(m.starts_at, m.uuid, "moment", m) for m in rows[: limit + 1]]
    return _page_of(items, limit, known_competences)
