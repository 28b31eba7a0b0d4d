"""Writes about programmes, their versions and phases. Each is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit

from ..defaults import DEFAULT_PHASES
from ..enums import PhaseKind, VersionStatus
from ..models import Phase, PhaseGuidanceTarget, Programme, ProgrammeVersion
from .common import locked, plain

PHASE_FIELDS = ("name", "kind", "goals", "expected_autonomy", "typical_weeks")


def _ensure_draft(version):
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            _(
                "Versie %(number)s is gepubliceerd en kan niet meer worden gewijzigd. "
                "Maak een nieuwe versie om iets aan te passen."
            )
            % {"number": version.number}
        )


def _set_targets(phase, targets: dict) -> dict:
    """Replace the phase's guidance mix; a count of 0 (or none) means the form is not advised."""
    wanted = {str(form): int(count) for form, count in targets.items() if count}
    phase.guidance_targets.all().delete()
    PhaseGuidanceTarget.objects.bulk_create(
        [
            PhaseGuidanceTarget(
                organisation_id=phase.organisation_id, phase=phase, form=form, per_four_weeks=count
            )
            for form, count in sorted(wanted.items())
        ]
    )
    return wanted


def _unique_code(organisation, name) -> str:
    base = slugify(name)[:50] or "traject"
    code, n = base, 1
    while Programme.objects.filter(organisation=organisation, code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


# Programmes and versions


@transaction.atomic
def create_programme(*, organisation, name, description="", target_professions=(), by):
    """A new programme with a draft version 1 holding the model's four phases."""
    programme = Programme.objects.create(
        organisation=organisation,
        name=name,
        code=_unique_code(organisation, name),
        description=description,
    )
    version = ProgrammeVersion.objects.create(
        organisation=organisation, programme=programme, number=1, description=description
    )
    version.target_professions.set(target_professions)
    for position, spec in enumerate(DEFAULT_PHASES, start=1):
        phase = Phase.objects.create(
            organisation=organisation,
            version=version,
            position=position,
            kind=spec["kind"],
            name=str(spec["name"]),
            goals=str(spec["goals"]),
            expected_autonomy=spec["expected_autonomy"],
            typical_weeks=spec["typical_weeks"],
        )
        _set_targets(phase, spec["targets"])
    record_audit(
        by=by,
        action="programmes.create_programme",
        obj=programme,
        changes={"name": {"old": None, "new": name}},
    )
    return programme


@transaction.atomic
def update_version(*, version, description, target_professions, by):
    version = locked(ProgrammeVersion, version)
    _ensure_draft(version)
    before = sorted(p.name for p in version.target_professions.all())
    version.description = description
    version.save(update_fields=["description", "updated_at"])
    version.target_professions.set(target_professions)
    after = sorted(p.name for p in target_professions)
    record_audit(
        by=by,
        action="programmes.update_version",
        obj=version,
        changes={"target_professions": {"old": before, "new": after}},
    )
    return version


@transaction.atomic
def publish_version(*, version, by):
    """Freeze a draft; earlier published versions retire (their enrolments keep them)."""
    version = locked(ProgrammeVersion, version)
    _ensure_draft(version)
    if not version.phases.exists():
        raise ValidationError(_("Een versie zonder fasen kan niet worden gepubliceerd."))
    retired = ProgrammeVersion.objects.filter(
        programme_id=version.programme_id, status=VersionStatus.PUBLISHED
    ).exclude(pk=version.pk)
    for old in retired:
        record_audit(
            by=by,
            action="programmes.retire_version",
            obj=old,
            changes={"status": {"old": old.status, "new": VersionStatus.RETIRED}},
        )
    retired.update(status=VersionStatus.RETIRED, updated_at=timezone.now())
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = by
    version.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    record_audit(
        by=by,
        action="programmes.publish_version",
        obj=version,
        changes={"status": {"old": VersionStatus.DRAFT, "new": VersionStatus.PUBLISHED}},
    )
    return version


@transaction.atomic
def draft_new_version(*, programme, by):
    """A draft copy of the latest version (its phases and guidance mix included)."""
    programme = locked(Programme, programme)
    versions = programme.versions.all()
    if versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError(
            _("Er is al een conceptversie van dit traject. Werk die bij of publiceer hem eerst.")
        )
    latest = versions.order_by("-number").first()
    number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = ProgrammeVersion.objects.create(
        organisation_id=programme.organisation_id,
        programme=programme,
        number=number,
        description=latest.description if latest else "",
    )
    if latest is not None:
        draft.target_professions.set(latest.target_professions.all())
        for old in latest.phases.prefetch_related("guidance_targets").order_by("position", "id"):
            phase = Phase.objects.create(
                organisation_id=programme.organisation_id,
                version=draft,
                position=old.position,
                **{name: getattr(old, name) for name in PHASE_FIELDS},
            )
            _set_targets(phase, {t.form: t.per_four_weeks for t in old.guidance_targets.all()})
    record_audit(
        by=by,
        action="programmes.draft_new_version",
        obj=draft,
        changes={"number": {"old": latest.number if latest else None, "new": number}},
    )
    return draft


# Phases of a draft version


def _phase_changes(phase, fields) -> dict:
    changes = {}
    for name in PHASE_FIELDS:
        new = fields[name]
        old = getattr(phase, name)
        if old != new:
            changes[name] = {"old": plain(old), "new": plain(new)}
            setattr(phase, name, new)
    return changes


@transaction.atomic
def update_phase(*, phase, name, kind, goals, expected_autonomy, typical_weeks, targets, by):
    phase = locked(Phase, phase)
    _ensure_draft(phase.version)
    fields = {
        "name": name,
        "kind": kind,
        "goals": goals,
        "expected_autonomy": expected_autonomy,
        "typical_weeks": typical_weeks,
    }
    changes = _phase_changes(phase, fields)
    phase.full_clean(exclude=["version", "organisation"])
    phase.save()
    before = {t.form: t.per_four_weeks for t in phase.guidance_targets.all()}
    after = _set_targets(phase, targets)
    if before != after:
        changes["guidance_targets"] = {"old": before, "new": after}
    record_audit(by=by, action="programmes.update_phase", obj=phase, changes=changes)
    return phase


@transaction.atomic
def add_phase(
    *,
    version,
    name,
    kind=PhaseKind.CUSTOM,
    goals="",
    expected_autonomy,
    typical_weeks,
    targets,
    by,
):
    """A new phase at the end of a draft version (a phase may repeat a kind)."""
    version = locked(ProgrammeVersion, version)
    _ensure_draft(version)
    position = (version.phases.aggregate(n=Max("position"))["n"] or 0) + 1
    phase = Phase(
        organisation_id=version.organisation_id,
        version=version,
        position=position,
        name=name,
        kind=kind,
        goals=goals,
        expected_autonomy=expected_autonomy,
        typical_weeks=typical_weeks,
    )
    phase.full_clean(exclude=["version", "organisation"])
    phase.save()
    _set_targets(phase, targets)
    record_audit(
        by=by,
        action="programmes.add_phase",
        obj=phase,
        changes={"name": {"old": None, "new": name}, "position": {"old": None, "new": position}},
    )
    return phase


def _renumber(version):
    phases = list(version.phases.order_by("position", "id"))
    for position, phase in enumerate(phases, start=1):
        phase.position = position
    Phase.objects.bulk_update(phases, ["position"])
    return phases


@transaction.atomic
def move_phase(*, phase, direction: str, by):
    """Swap the phase with its neighbour above ("up") or below ("down")."""
    if direction not in ("up", "down"):
        raise ValueError(f"unknown direction {direction!r}")
    phase = locked(Phase, phase)
    version = phase.version
    _ensure_draft(version)
    phases = _renumber(version)
    index = next(i for i, p in enumerate(phases) if p.pk == phase.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(phases):
        raise ValidationError(
            _("Deze fase staat al bovenaan.")
            if direction == "up"
            else _("Deze fase staat al onderaan.")
        )
    phases[index], phases[other] = phases[other], phases[index]
    for position, p in enumerate(phases, start=1):
        p.position = position
    Phase.objects.bulk_update(phases, ["position"])
    record_audit(
        by=by,
        action="programmes.move_phase",
        obj=phase,
        changes={"position": {"old": index + 1, "new": other + 1}},
    )
    return phases[other]


@transaction.atomic
def remove_phase(*, phase, by):
    phase = locked(Phase, phase)
    version = phase.version
    _ensure_draft(version)
    if version.phases.count() == 1:
        raise ValidationError(_("Een traject heeft minstens één fase."))
    record_audit(
        by=by,
        action="programmes.remove_phase",
        obj=phase,
        changes={"name": {"old": phase.name, "new": None}},
    )
    phase.delete()
    _renumber(version)
    return version
