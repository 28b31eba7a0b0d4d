"""Writes about people, teams, professions and roles. Each one is audited."""

import datetime

from django.contrib.auth import get_user_model
from django.db import models, transaction

from begeleid.core.audit import record_audit

from .forms import PersonPasswordResetForm
from .models import Membership, Profession, Team

PERSON_FIELDS = ("full_name", "email", "profession", "employee_number")
TEAM_FIELDS = ("name", "code", "parent", "description")
PROFESSION_FIELDS = ("name", "code")
MEMBERSHIP_FIELDS = ("role", "team", "valid_from", "valid_until")


def _plain(value):
    """A JSON-safe, readable value for the audit log."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def _created(obj, fields) -> dict:
    changes = {}
    for name in fields:
        value = getattr(obj, name)
        if value not in (None, ""):
            changes[name] = {"old": None, "new": _plain(value)}
    return changes


def _apply(obj, fields: dict, allowed) -> dict:
    """Set ``fields`` on ``obj`` and return what changed as {field: {old, new}}."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)}")
    changes = {}
    for name, new in fields.items():
        old = getattr(obj, name)
        if old != new:
            changes[name] = {"old": _plain(old), "new": _plain(new)}
            setattr(obj, name, new)
    return changes


def _locked(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


# People


@transaction.atomic
def create_person(
    *, organisation, full_name: str, email: str, profession=None, employee_number="", by
):
    """Add a person. No e-mail is sent; they cannot log in until they set a password."""
    person = get_user_model()(
        organisation=organisation,
        full_name=full_name,
        email=get_user_model().objects.normalize_email(email).lower(),
        profession=profession,
        employee_number=employee_number,
    )
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    record_audit(
        by=by,
        action="organisations.create_person",
        obj=person,
        changes=_created(person, PERSON_FIELDS),
    )
    return person


@transaction.atomic
def update_person(*, person, by, **fields):
    current = _locked(get_user_model(), person)
    if "email" in fields:
        fields["email"] = fields["email"].lower()
    changes = _apply(current, fields, PERSON_FIELDS)
    if changes:
        current.full_clean(exclude=["password"])
        current.save()
        record_audit(by=by, action="organisations.update_person", obj=current, changes=changes)
    return current


@transaction.atomic
def set_person_active(*, person, active: bool, by):
    """Deactivate (no login, no new roles) or reactivate a person."""
    current = _locked(get_user_model(), person)
    changes = _apply(current, {"is_active": active}, ("is_active",))
    if changes:
        current.save(update_fields=["is_active", "updated_at"])
        action = "organisations.reactivate_person" if active else "organisations.deactivate_person"
        record_audit(by=by, action=action, obj=current, changes=changes)
    return current


@transaction.atomic
def send_password_reset(*, person, by, request):
    """E-mail the person a one-time link to choose a (new) password."""
    form = PersonPasswordResetForm(person, data={"email": person.email})
    if not form.is_valid():
        raise ValueError("the person cannot receive a password link")
    record_audit(
        by=by,
        action="organisations.send_password_reset",
        obj=person,
        changes={"email": {"old": None, "new": person.email}},
    )
    # The event records that the admin sent the link; Django's form logs (and does not
    # raise) a failing mail server, so the admin may be asked to send it again.
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name="organisations/email/password_set_subject.txt",
        email_template_name="organisations/email/password_set.txt",
        extra_email_context={"organisation": person.organisation, "sender": by},
    )


# Roles


@transaction.atomic
def add_membership(*, person, role: str, team=None, valid_from, valid_until=None, by):
    membership = Membership(
        organisation_id=person.organisation_id,
        person=person,
        role=role,
        team=team,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    membership.full_clean()
    membership.save()
    changes = _created(membership, MEMBERSHIP_FIELDS)
    changes["person"] = {"old": None, "new": person.full_name}
    record_audit(by=by, action="organisations.add_membership", obj=membership, changes=changes)
    return membership


@transaction.atomic
def end_membership(*, membership, valid_until: datetime.date, by):
    """End a role: it is valid up to and including ``valid_until``."""
    current = _locked(Membership, membership)
    changes = _apply(current, {"valid_until": valid_until}, ("valid_until",))
    if changes:
        current.full_clean()
        current.save(update_fields=["valid_until", "updated_at"])
        changes["person"] = {"old": current.person.full_name, "new": current.person.full_name}
        record_audit(by=by, action="organisations.end_membership", obj=current, changes=changes)
    return current


# Teams


@transaction.atomic
def create_team(*, organisation, name: str, code="", parent=None, description="", by):
    team = Team(
        organisation=organisation, name=name, code=code, parent=parent, description=description
    )
    team.full_clean()
    team.save()
    record_audit(
        by=by, action="organisations.create_team", obj=team, changes=_created(team, TEAM_FIELDS)
    )
    return team


@transaction.atomic
def update_team(*, team, by, **fields):
    current = _locked(Team, team)
    changes = _apply(current, fields, TEAM_FIELDS)
    if changes:
        current.full_clean()
        current.save()
        record_audit(by=by, action="organisations.update_team", obj=current, changes=changes)
    return current


@transaction.atomic
def set_team_active(*, team, active: bool, by):
    current = _locked(Team, team)
    changes = _apply(current, {"is_active": active}, ("is_active",))
    if changes:
        current.save(update_fields=["is_active", "updated_at"])
        action = "organisations.reactivate_team" if active else "organisations.deactivate_team"
        record_audit(by=by, action=action, obj=current, changes=changes)
    return current


# Professions


@transaction.atomic
def create_profession(*, organisation, name: str, code: str, by):
    profession = Profession(organisation=organisation, name=name, code=code)
    profession.full_clean()
    profession.save()
    record_audit(
        by=by,
        action="organisations.create_profession",
        obj=profession,
        changes=_created(profession, PROFESSION_FIELDS),
    )
    return profession


@transaction.atomic
def update_profession(*, profession, by, **fields):
    current = _locked(Profession, profession)
    changes = _apply(current, fields, PROFESSION_FIELDS)
    if changes:
        current.full_clean()
        current.save()
        record_audit(by=by, action="organisations.update_profession", obj=current, changes=changes)
    return current
