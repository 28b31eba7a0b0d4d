"""Writes: planning, rescheduling, cancelling and recording moments; series; calendar
feeds; team settings and capacity reservations. Each in one transaction, audited."""

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit

from .enums import RECURRENCE_INTERVAL_WEEKS, ExceptionKind, MomentStatus
from .models import (
    CalendarFeed,
    CapacityReservation,
    GuidanceMoment,
    GuidanceSeries,
    MomentLearner,
    MomentParticipant,
    SeriesException,
    TeamGuidanceSettings,
)
from .recurrence import occurrences


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _moment_changes(moment):
    return {
        "title": moment.title,
        "form": moment.form,
        "starts_at": moment.starts_at.isoformat(),
        "duration_minutes": moment.duration_minutes,
        "location": moment.location,
        "status": moment.status,
    }


def _add_people(moment, enrolments, participants):
    MomentLearner.objects.bulk_create(
        [
            MomentLearner(organisation_id=moment.organisation_id, moment=moment, enrolment=e)
            for e in enrolments
        ]
    )
    MomentParticipant.objects.bulk_create(
        [
            MomentParticipant(organisation_id=moment.organisation_id, moment=moment, person=p)
            for p in participants
        ]
    )


def plan_moment(
    *,
    form: str,
    title: str,
    starts_at: datetime.datetime,
    duration_minutes: int,
    location: str,
    enrolments,
    participants,
    by,
) -> GuidanceMoment:
    enrolments = list(enrolments)
    if not enrolments:
        raise ValidationError(_("Kies ten minste één lerende."))
    with transaction.atomic():
        moment = GuidanceMoment.objects.create(
            organisation_id=by.organisation_id,
            team_id=enrolments[0].team_id,
            form=form,
            title=title,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            location=location,
            created_by=by,
        )
        _add_people(moment, enrolments, participants)
        record_audit(
            by=by,
            action="guidance.plan_moment",
            obj=moment,
            changes=_moment_changes(moment)
            | {
                "learners": [str(e.uuid) for e in enrolments],
                "participants": [str(p.uuid) for p in participants],
            },
        )
    return moment


def reschedule_moment(*, moment, starts_at, duration_minutes, location, by) -> GuidanceMoment:
    if moment.status != MomentStatus.PLANNED:
        raise ValidationError(_("Alleen een gepland moment kan worden verzet."))
    with transaction.atomic():
        before = _moment_changes(moment)
        moment.starts_at = starts_at
        moment.duration_minutes = duration_minutes
        moment.location = location
        moment.save(update_fields=["starts_at", "duration_minutes", "location", "updated_at"])
        record_audit(
            by=by,
            action="guidance.reschedule_moment",
            obj=moment,
            changes={"before": before, "after": _moment_changes(moment)},
        )
    return moment


def cancel_moment(*, moment, reason: str, by) -> GuidanceMoment:
    if moment.status != MomentStatus.PLANNED:
        raise ValidationError(_("Alleen een gepland moment kan worden geannuleerd."))
    if not reason.strip():
        raise ValidationError(_("Geef een reden voor het annuleren."))
    with transaction.atomic():
        moment.status = MomentStatus.CANCELLED
        moment.cancel_reason = reason.strip()
        moment.save(update_fields=["status", "cancel_reason", "updated_at"])
        record_audit(by=by, action="guidance.cancel_moment", obj=moment, changes={"reason": reason})
    return moment


def record_moment_held(*, moment, notes: str, attended: dict, by, now=None) -> GuidanceMoment:
    """``attended``: enrolment id → True/False/None for every learner of the moment."""
    now = now or timezone.now()
    if moment.status == MomentStatus.CANCELLED:
        raise ValidationError(_("Een geannuleerd moment kan niet als gehouden worden vastgelegd."))
    if moment.starts_at > now:
        raise ValidationError(_("Een moment kan pas worden vastgelegd als het begonnen is."))
    with transaction.atomic():
        moment.status = MomentStatus.HELD
        moment.notes = notes
        moment.save(update_fields=["status", "notes", "updated_at"])
        learners = list(moment.learners.all())
        for learner in learners:
            learner.attended = attended.get(learner.enrolment_id)
        MomentLearner.objects.bulk_update(learners, ["attended", "updated_at"])
        record_audit(
            by=by,
            action="guidance.record_moment",
            obj=moment,
            changes={"attended": {str(k): v for k, v in attended.items()}},
        )
    return moment


# Series


def plan_series(
    *,
    form,
    title,
    recurrence,
    weekday,
    start_time,
    duration_minutes,
    location,
    first_date,
    until,
    enrolments,
    participants,
    by,
) -> GuidanceSeries:
    enrolments = list(enrolments)
    participants = list(participants)
    if not enrolments:
        raise ValidationError(_("Kies ten minste één lerende."))
    with transaction.atomic():
        series = GuidanceSeries.objects.create(
            organisation_id=by.organisation_id,
            team_id=enrolments[0].team_id,
            form=form,
            title=title,
            recurrence=recurrence,
            weekday=weekday,
            start_time=start_time,
            duration_minutes=duration_minutes,
            location=location,
            first_date=first_date,
            until=until,
            created_by=by,
        )
        series.enrolments.set(enrolments)
        series.participants.set(participants)
        created = materialise_series(series, enrolments=enrolments, participants=participants)
        record_audit(
            by=by,
            action="guidance.plan_series",
            obj=series,
            changes={"recurrence": recurrence, "until": until.isoformat(), "moments": created},
        )
    return series


def materialise_series(series, *, enrolments=None, participants=None, now=None) -> int:
    """Bring the series' moments in line with its rule and exceptions.

    Missing occurrences get a moment; moved ones are rescheduled; skipped ones are
    cancelled (so calendars show them as cancelled). Held or cancelled moments and
    moments in the past are never touched. Returns the number of moments created."""
    now = now or timezone.now()
    enrolments = list(enrolments if enrolments is not None else series.enrolments.all())
    participants = list(participants if participants is not None else series.participants.all())
    exceptions = list(SeriesException.objects.filter(series=series))
    skipped = {x.original_date for x in exceptions if x.kind == ExceptionKind.SKIP}
    moved = {x.original_date: x.moved_to for x in exceptions if x.kind == ExceptionKind.MOVE}
    wanted = occurrences(
        first_date=series.first_date,
        until=series.until,
        weekday=series.weekday,
        interval_weeks=RECURRENCE_INTERVAL_WEEKS[series.recurrence],
        start_time=series.start_time,
        tz=timezone.get_current_timezone(),
        skipped=skipped,
        moved=moved,
    )
    existing = {m.series_date: m for m in GuidanceMoment.objects.filter(series=series)}
    new = [
        GuidanceMoment(
            organisation_id=series.organisation_id,
            team_id=series.team_id,
            form=series.form,
            title=series.title,
            starts_at=occ.starts_at,
            duration_minutes=series.duration_minutes,
            location=series.location,
            series=series,
            series_date=occ.original_date,
            created_by_id=series.created_by_id,
        )
        for occ in wanted
        if occ.original_date not in existing
    ]
    GuidanceMoment.objects.bulk_create(new)
    new = list(
        GuidanceMoment.objects.filter(series=series, series_date__in=[m.series_date for m in new])
    )
    MomentLearner.objects.bulk_create(
        [
            MomentLearner(organisation_id=series.organisation_id, moment=m, enrolment=e)
            for m in new
            for e in enrolments
        ]
    )
    MomentParticipant.objects.bulk_create(
        [
            MomentParticipant(organisation_id=series.organisation_id, moment=m, person=p)
            for m in new
            for p in participants
        ]
    )
    for occ in wanted:
        moment = existing.get(occ.original_date)
        if moment and moment.status == MomentStatus.PLANNED and moment.starts_at != occ.starts_at:
            moment.starts_at = occ.starts_at
            moment.save(update_fields=["starts_at", "updated_at"])
    for day in skipped:
        moment = existing.get(day)
        if moment and moment.status == MomentStatus.PLANNED and moment.starts_at >= now:
            moment.status = MomentStatus.CANCELLED
            moment.cancel_reason = _("Vervalt in de reeks.")
            moment.save(update_fields=["status", "cancel_reason", "updated_at"])
    return len(new)


def change_occurrence(*, series, original_date, kind, moved_to=None, by) -> SeriesException:
    """Skip one occurrence, or move it to another time."""
    with transaction.atomic():
        exception, _created = SeriesException.objects.update_or_create(
            series=series,
            original_date=original_date,
            defaults={
                "organisation_id": series.organisation_id,
                "kind": kind,
                "moved_to": moved_to if kind == ExceptionKind.MOVE else None,
            },
        )
        materialise_series(series)
        record_audit(
            by=by,
            action=f"guidance.{kind}_occurrence",
            obj=series,
            changes={
                "date": original_date.isoformat(),
                "moved_to": moved_to.isoformat() if moved_to else None,
            },
        )
    return exception


# Calendar feeds


def renew_calendar_feed(*, person) -> str:
    """A new secret link; the old one stops working. Returns the secret (shown once)."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.update_or_create(
            person=person,
            defaults={
                "organisation_id": person.organisation_id,
                "token_hash": hash_token(token),
                "revoked_at": None,
            },
        )
        record_audit(by=person, action="guidance.renew_calendar_feed", obj=feed)
    return token


def revoke_calendar_feed(*, person) -> None:
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(person=person).first()
        if feed is None or not feed.token_hash:
            return
        feed.token_hash = None
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["token_hash", "revoked_at", "updated_at"])
        record_audit(by=person, action="guidance.revoke_calendar_feed", obj=feed)


# Team settings and capacity


SETTING_FIELDS = [
    "balance_window_weeks",
    "dominance_percent",
    "max_supervisors",
    "max_guidance_hours_per_week",
    "max_open_requests",
]


def save_team_settings(*, team, values: dict, by) -> TeamGuidanceSettings:
    with transaction.atomic():
        settings, _created = TeamGuidanceSettings.objects.get_or_create(
            team=team, defaults={"organisation_id": team.organisation_id}
        )
        before = {f: getattr(settings, f) for f in SETTING_FIELDS}
        for name in SETTING_FIELDS:
            setattr(settings, name, values[name])
        settings.full_clean()
        settings.save()
        record_audit(
            by=by,
            action="guidance.save_team_settings",
            obj=settings,
            changes={"before": before, "after": {f: values[f] for f in SETTING_FIELDS}},
        )
    return settings


def reserve_capacity(*, team, person, hours_per_week, valid_from, valid_until, by):
    with transaction.atomic():
        reservation = CapacityReservation(
            organisation_id=team.organisation_id,
            team=team,
            person=person,
            hours_per_week=hours_per_week,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        reservation.full_clean()
        reservation.save()
        record_audit(
            by=by,
            action="guidance.reserve_capacity",
            obj=reservation,
            changes={
                "person": str(person.uuid),
                "hours_per_week": str(hours_per_week),
                "valid_from": valid_from.isoformat(),
                "valid_until": valid_until.isoformat() if valid_until else None,
            },
        )
    return reservation


def remove_reservation(*, reservation, by) -> None:
    with transaction.atomic():
        record_audit(
            by=by,
            action="guidance.remove_reservation",
            obj=reservation,
            changes={
                "person": str(reservation.person.uuid),
                "hours_per_week": str(reservation.hours_per_week),
            },
        )
        reservation.delete()
