"""Writes for the collaboration app. Each runs in one transaction and is audited."""

import hashlib
import hmac
import secrets
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit
from begeleid.core.request_context import request_id_var
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership, Team

from .enums import (
    ActionStatus,
    AgreementStatus,
    SignalLevel,
    SignalStatus,
    VisionQuestion,
    VisionStatus,
)
from .models import (
    ActionItem,
    InterprofessionalActivity,
    Meeting,
    MeetingCadence,
    Signal,
    TeamAgreement,
    TeamCoverage,
    Vision,
    VisionStatement,
)

# ---------------------------------------------------------------- vision


@transaction.atomic
def create_vision_draft(*, organisation, by) -> Vision:
    """The organisation's draft; a new one starts from the published version's statements."""
    existing = Vision.objects.filter(organisation=organisation, status=VisionStatus.DRAFT).first()
    if existing:
        return existing
    published = (
        Vision.objects.filter(organisation=organisation, status=VisionStatus.PUBLISHED)
        .prefetch_related("statements")
        .first()
    )
    last = Vision.objects.filter(organisation=organisation).aggregate(n=Max("number"))["n"] or 0
    draft = Vision.objects.create(
        organisation=organisation,
        number=last + 1,
        title=published.title if published else _("Visie op leren en begeleiden"),
        introduction=published.introduction if published else "",
        created_by=by,
    )
    if published:
        VisionStatement.objects.bulk_create(
            VisionStatement(
                organisation=organisation,
                vision=draft,
                question=s.question,
                position=s.position,
                title=s.title,
                text=s.text,
                lineage=s.lineage,
            )
            for s in published.statements.all()
        )
    record_audit(
        by=by,
        action="collaboration.create_vision_draft",
        obj=draft,
        changes={"from_version": published.number if published else None},
    )
    return draft


def _require_draft(vision):
    if vision.status != VisionStatus.DRAFT:
        raise ValidationError(_("Alleen een conceptversie kan worden gewijzigd."))


@transaction.atomic
def update_vision(*, vision, title, introduction, by) -> Vision:
    _require_draft(vision)
    vision.title, vision.introduction = title, introduction
    vision.save(update_fields=["title", "introduction", "updated_at"])
    record_audit(by=by, action="collaboration.update_vision", obj=vision, changes={"title": title})
    return vision


@transaction.atomic
def save_statement(*, vision, statement=None, question, position, title, text, by):
    _require_draft(vision)
    if statement is None:
        statement = VisionStatement(organisation_id=vision.organisation_id, vision=vision)
    statement.question, statement.position = question, position
    statement.title, statement.text = title, text
    statement.save()
    record_audit(
        by=by,
        action="collaboration.save_statement",
        obj=statement,
        changes={"question": question, "title": title},
    )
    return statement


@transaction.atomic
def delete_statement(*, statement, by) -> None:
    _require_draft(statement.vision)
    record_audit(by=by, action="collaboration.delete_statement", obj=statement)
    statement.delete()


@transaction.atomic
def publish_vision(*, vision, by) -> Vision:
    """Publish a draft; the version published until now is archived."""
    _require_draft(vision)
    answered = set(vision.statements.values_list("question", flat=True))
    missing = [q.label for q in VisionQuestion if q.value not in answered]
    if missing:
        raise ValidationError(
            _("Geef eerst een uitgangspunt bij elke vraag. Nog open: %(questions)s")
            % {"questions": "; ".join(str(m) for m in missing)}
        )
    previous = list(
        Vision.objects.select_for_update().filter(
            organisation_id=vision.organisation_id, status=VisionStatus.PUBLISHED
        )
    )
    for old in previous:
        old.status = VisionStatus.ARCHIVED
        old.save(update_fields=["status", "updated_at"])
        record_audit(by=by, action="collaboration.archive_vision", obj=old)
    vision.status = VisionStatus.PUBLISHED
    vision.published_at, vision.published_by = timezone.now(), by
    vision.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    record_audit(
        by=by,
        action="collaboration.publish_vision",
        obj=vision,
        changes={"archived": [v.number for v in previous]},
    )
    return vision


# ---------------------------------------------------------------- agreements


@transaction.atomic
def save_agreement(*, team, agreement=None, fields: dict, statements, by) -> TeamAgreement:
    creating = agreement is None
    if creating:
        agreement = TeamAgreement(organisation_id=team.organisation_id, team=team)
    for name, value in fields.items():
        setattr(agreement, name, value)
    agreement.save()
    agreement.statements.set(statements)
    refresh_coverage([agreement.team_id])
    record_audit(
        by=by,
        action="collaboration.add_agreement" if creating else "collaboration.update_agreement",
        obj=agreement,
        changes={
            "title": agreement.title,
            "topic": agreement.topic,
            "review_date": agreement.review_date.isoformat(),
            "statements": [str(s.uuid) for s in statements],
        },
    )
    return agreement


@transaction.atomic
def archive_agreement(*, agreement, by) -> TeamAgreement:
    agreement.status = AgreementStatus.ARCHIVED
    agreement.save(update_fields=["status", "updated_at"])
    refresh_coverage([agreement.team_id])
    record_audit(by=by, action="collaboration.archive_agreement", obj=agreement)
    return agreement


def refresh_coverage(team_ids) -> None:
    """Keep what the active agreements of these teams arrange (``TeamCoverage``): the
    lineages they cite, the workfloor topics they cover, their earliest review date.
    Every write of an agreement or of its statements calls this for its team."""
    team_ids = sorted(set(team_ids))
    if not team_ids:
        return
    active = TeamAgreement.objects.filter(team_id__in=team_ids, status=AgreementStatus.ACTIVE)
    cited, topics, earliest = defaultdict(set), defaultdict(set), {}
    for team_id, lineage in (
        TeamAgreement.statements.through.objects.filter(teamagreement__in=active)
        .order_by()
        .values_list("teamagreement__team_id", "visionstatement__lineage")
    ):
        cited[team_id].add(lineage.hex)
    for team_id, topic, review in active.order_by().values_list("team_id", "topic", "review_date"):
        if topic:
            topics[team_id].add(topic)
        earliest[team_id] = min(review, earliest.get(team_id, review))
    organisations = dict(Team.objects.filter(pk__in=team_ids).values_list("pk", "organisation_id"))
    TeamCoverage.objects.filter(team_id__in=team_ids).delete()
    TeamCoverage.objects.bulk_create(
        [
            TeamCoverage(
                team_id=team_id,
                organisation_id=organisation_id,
                lineages=",".join(sorted(cited[team_id])),
                topics=",".join(sorted(topics[team_id])),
                earliest_review=earliest.get(team_id),
            )
            for team_id, organisation_id in organisations.items()
        ],
        batch_size=2000,
    )


# ---------------------------------------------------------------- meetings


@transaction.atomic
def save_meeting(*, team, meeting=None, fields: dict, participants, signals, by) -> Meeting:
    """Record a meeting; signals newly put on its agenda go into discussion."""
    creating = meeting is None
    if creating:
        meeting = Meeting(organisation_id=team.organisation_id, team=team, created_by=by)
    for name, value in fields.items():
        setattr(meeting, name, value)
    if meeting.is_anonymised:
        meeting.learner = None
    meeting.save()
    meeting.participants.set(participants)
    before = set(meeting.signals.values_list("pk", flat=True)) if not creating else set()
    meeting.signals.set(signals)
    for signal in signals:
        if signal.pk not in before and signal.status == SignalStatus.OPEN:
            signal.status = SignalStatus.IN_DISCUSSION
            signal.save(update_fields=["status", "updated_at"])
            record_audit(
                by=by,
                action="collaboration.discuss_signal",
                obj=signal,
                changes={"meeting": str(meeting.uuid)},
            )
    record_audit(
        by=by,
        action="collaboration.add_meeting" if creating else "collaboration.update_meeting",
        obj=meeting,
        changes={"kind": meeting.kind, "date": meeting.date.isoformat()},
    )
    return meeting


@transaction.atomic
def add_action_item(*, meeting, description, owner, due_date, by) -> ActionItem:
    item = ActionItem.objects.create(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        description=description,
        owner=owner,
        due_date=due_date,
    )
    record_audit(
        by=by,
        action="collaboration.add_action_item",
        obj=item,
        changes={"owner": str(owner.uuid), "due_date": due_date.isoformat()},
    )
    return item


@transaction.atomic
def set_action_item_status(*, item, status, by) -> ActionItem:
    item.status = status
    item.completed_at = timezone.now() if status == ActionStatus.DONE else None
    item.save(update_fields=["status", "completed_at", "updated_at"])
    record_audit(
        by=by, action="collaboration.set_action_item_status", obj=item, changes={"status": status}
    )
    return item


@transaction.atomic
def set_cadences(*, team, weeks_by_kind: dict, by) -> None:
    """Set every N weeks per kind of meeting; None removes the cadence for that kind."""
    for kind, weeks in weeks_by_kind.items():
        if weeks:
            MeetingCadence.objects.update_or_create(
                team=team,
                kind=kind,
                defaults={"every_weeks": weeks, "organisation_id": team.organisation_id},
            )
        else:
            MeetingCadence.objects.filter(team=team, kind=kind).delete()
    record_audit(
        by=by,
        action="collaboration.set_cadences",
        obj=team,
        changes={str(k): v for k, v in weeks_by_kind.items()},
    )


# ---------------------------------------------------------------- signals


def hash_follow_up_code(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud safely


def new_follow_up_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def default_signal_owner(*, organisation_id, level, team):
    """The team leader (or coordinator) of the team; HR for the organisation."""
    today = timezone.localdate()
    if level == SignalLevel.TEAM:
        held = Membership.objects.active_on(today).filter(
            team=team, role__in=[Role.TEAM_LEADER, Role.COORDINATOR]
        )
    else:
        held = Membership.objects.active_on(today).filter(
            organisation_id=organisation_id, team__isnull=True, role=Role.HR
        )
    first = (
        held.filter(person__is_active=True)
        .order_by("role", "valid_from", "id")
        .select_related("person")
        .first()
    )
    return first.person if first else None


@transaction.atomic
def raise_signal(
    *,
    person,
    level,
    team,
    title,
    description,
    statement=None,
    agreement=None,
    anonymous=False,
) -> tuple[Signal, str | None]:
    """Raise a signal. Anonymously, nothing stored or logged points back to ``person``:
    no raiser on the row, no actor on the audit event, no request id linking the event
    to request logs. The returned follow-up code is shown once and only its hash kept.
    """
    signal = Signal(
        organisation_id=person.organisation_id,
        level=level,
        team=team if level == SignalLevel.TEAM else None,
        title=title,
        description=description,
        statement=statement,
        agreement=agreement,
        is_anonymous=anonymous,
        raised_by=None if anonymous else person,
        owner=default_signal_owner(organisation_id=person.organisation_id, level=level, team=team),
    )
    code = None
    if anonymous:
        code = new_follow_up_code()
        signal.follow_up_code_hash = hash_follow_up_code(code)
    signal.save()
    changes = {"level": level, "anonymous": anonymous}
    if anonymous:
        token = request_id_var.set("")
        try:
            record_audit(by=None, action="collaboration.raise_signal", obj=signal, changes=changes)
        finally:
            request_id_var.reset(token)
    else:
        record_audit(by=person, action="collaboration.raise_signal", obj=signal, changes=changes)
    return signal, code


@transaction.atomic
def update_signal(*, signal, owner, status, resolution, by) -> Signal:
    if status == SignalStatus.RESOLVED and not resolution.strip():
        raise ValidationError(
            {"resolution": _("Beschrijf hoe het signaal is afgehandeld; de melder ziet dit.")}
        )
    changes = {}
    if owner != signal.owner:
        changes["owner"] = str(owner.uuid) if owner else None
    if status != signal.status:
        changes["status"] = status
    if resolution != signal.resolution:
        changes["resolution"] = True
    signal.owner, signal.status, signal.resolution = owner, status, resolution
    if status == SignalStatus.RESOLVED and signal.resolved_at is None:
        signal.resolved_at = timezone.now()
    elif status != SignalStatus.RESOLVED:
        signal.resolved_at = None
    signal.save(update_fields=["owner", "status", "resolution", "resolved_at", "updated_at"])
    record_audit(by=by, action="collaboration.update_signal", obj=signal, changes=changes)
    return signal


# ---------------------------------------------------------------- interprofessional


@transaction.atomic
def record_activity(
    *, team, kind, date, title, description, learned, participants, learners, by
) -> InterprofessionalActivity:
    professions = {p.profession_id for p in participants if p.profession_id}
    if len(professions) < 2:
        raise ValidationError(
            {"participants": _("Kies deelnemers van minstens twee verschillende beroepen.")}
        )
    activity = InterprofessionalActivity.objects.create(
        organisation_id=team.organisation_id,
        team=team,
        kind=kind,
        date=date,
        title=title,
        description=description,
        learned=learned,
        created_by=by,
    )
    activity.participants.set(participants)
    activity.learners.set(learners)
    activity.professions.set(professions)
    record_audit(
        by=by,
        action="collaboration.record_activity",
        obj=activity,
        changes={"kind": kind, "professions": len(professions)},
    )
    return activity
