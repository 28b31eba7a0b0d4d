from django.utils import timezone

from tests.authz import Case, only

# Lists and create pages: the stranger is an admin of another organisation, so they
# manage their own organisation there (their rows only; see test_isolation.py).
LIST = only("admin", stranger=200)
CREATED = only("admin", ok=302, stranger=302)
# Our objects: the admin may, the rest of our organisation may not (403), the
# stranger does not see them at all (404).
OBJECT = only("admin")
CHANGED = only("admin", ok=302)


def _person(c):
    return {"uuid": c.learner.uuid}


def _team(c):
    return {"uuid": c.team.uuid}


def _profession(c):
    return {"uuid": c.nurse.uuid}


def _learner_role(c):
    return {"uuid": c.learner.memberships.get().uuid}


def _today():
    return timezone.localdate().isoformat()


CASES = [
    Case("organisations:people", LIST),
    Case("organisations:person_create", LIST),
    Case(
        "organisations:person_create",
        CREATED,
        method="post",
        data=lambda c: {"full_name": "Nina Nieuw", "email": "nina@new.example"},
    ),
    Case("organisations:person_detail", OBJECT, kwargs=_person),
    Case("organisations:person_edit", OBJECT, kwargs=_person),
    Case(
        "organisations:person_edit",
        CHANGED,
        kwargs=_person,
        method="post",
        data=lambda c: {"full_name": "Lies Lerende-de Vries", "email": c.learner.email},
    ),
    Case("organisations:person_deactivate", CHANGED, kwargs=_person, method="post"),
    Case("organisations:person_reactivate", CHANGED, kwargs=_person, method="post"),
    Case("organisations:person_password_reset", CHANGED, kwargs=_person, method="post"),
    Case("organisations:membership_create", OBJECT, kwargs=_person),
    Case(
        "organisations:membership_create",
        CHANGED,
        kwargs=_person,
        method="post",
        data=lambda c: {
            "role": "supervisor",
            "team": str(c.other_team.uuid),
            "valid_from": _today(),
        },
    ),
    Case("organisations:membership_end", OBJECT, kwargs=_learner_role),
    Case(
        "organisations:membership_end",
        CHANGED,
        kwargs=_learner_role,
        method="post",
        data=lambda c: {"valid_until": _today()},
    ),
    Case("organisations:teams", LIST),
    Case("organisations:team_create", LIST),
    Case(
        "organisations:team_create",
        CREATED,
        method="post",
        data=lambda c: {"name": "Neurologie"},
    ),
    Case("organisations:team_edit", OBJECT, kwargs=_team),
    Case(
        "organisations:team_edit",
        CHANGED,
        kwargs=_team,
        method="post",
        data=lambda c: {"name": "Chirurgie A", "parent": str(c.department.uuid)},
    ),
    Case("organisations:team_deactivate", CHANGED, kwargs=_team, method="post"),
    Case("organisations:team_reactivate", CHANGED, kwargs=_team, method="post"),
    Case("organisations:professions", LIST),
    Case("organisations:profession_create", LIST),
    Case(
        "organisations:profession_create",
        CREATED,
        method="post",
        data=lambda c: {"name": "Ergotherapeut", "code": "ergotherapeut"},
    ),
    Case("organisations:profession_edit", OBJECT, kwargs=_profession),
    Case(
        "organisations:profession_edit",
        CHANGED,
        kwargs=_profession,
        method="post",
        data=lambda c: {"name": "Verpleegkundige (mbo)", "code": "verpleegkundige"},
    ),
    Case("organisations:audit_log", LIST),
    Case("organisations:access_log", LIST),
]
