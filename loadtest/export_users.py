"""Write the people the load test logs in as, with the URLs each of them uses, as JSON.

Run after ``generate_data`` against the same database:
``DATABASE_URL=... .venv/bin/python loadtest/export_users.py var/loadtest/users.json``.
Every generated person has the password "demo". The sample is deterministic: every
``step``-th holder of a role, by id, so the load spreads over teams of every size.

With ``LOAD_SESSIONS=1`` each exported person also gets a session, made here as a login
would make it (``session``: its key), so that the simulated users start logged in: a
ward logs in once per shift, and a few hundred PBKDF2 hashes (about a second of CPU
each) would otherwise take the first minutes of the run on two cores.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from begeleid.accounts.models import Person  # noqa: E402
from begeleid.organisations.enums import Role  # noqa: E402
from begeleid.organisations.models import Membership  # noqa: E402

# How many people of each role the load test uses (at most).
SAMPLE = {
    Role.LEARNER: 200,
    Role.SUPERVISOR: 200,
    Role.PRACTICE_TRAINER: 40,
    Role.TEAM_LEADER: 40,
}


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _holders(role, wanted):
    ids = sorted(
        set(
            Membership.objects.filter(role=role)
            .active_on(timezone.localdate())
            .values_list("person_id", flat=True)
        )
    )
    step = max(1, len(ids) // wanted)
    return ids[::step][:wanted]


def _learner_enrolment(person_id):
    from begeleid.programmes.models import Enrolment

    return Enrolment.objects.filter(learner_id=person_id).order_by("id").first()


def _supervised_enrolment(person_id):
    from begeleid.programmes.models import SupervisionAssignment

    assignment = (
        SupervisionAssignment.objects.active()
        .filter(person_id=person_id)
        .select_related("enrolment")
        .order_by("id")
        .first()
    )
    return assignment.enrolment if assignment else None


def _session(person):
    """A session as ``django.contrib.auth.login`` leaves it, for ``person``."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(person.pk)
    store[BACKEND_SESSION_KEY] = "begeleid.accounts.backends.EmailBackend"
    store[HASH_SESSION_KEY] = person.get_session_auth_hash()
    store.save()
    return store.session_key


def export(sessions=False):
    emails = dict(Person.objects.values_list("id", "email"))
    users = []
    for role, wanted in SAMPLE.items():
        for person_id in _holders(role, wanted):
            urls = {"home": reverse("reports:home")}
            enrolment = None
            if role == Role.LEARNER:
                enrolment = _learner_enrolment(person_id)
            elif role == Role.SUPERVISOR:
                enrolment = _supervised_enrolment(person_id)
            if enrolment is not None:
                urls["timeline"] = _url("formative:timeline", enrolment.uuid)
                if role == Role.SUPERVISOR:
                    urls["feedback"] = _url("formative:feedback_create", enrolment.uuid)
            urls = {name: url for name, url in urls.items() if url}
            user = {"email": emails[person_id], "role": str(role), "urls": urls}
            if sessions:
                user["session"] = _session(Person.objects.get(pk=person_id))
            users.append(user)
    return users


if __name__ == "__main__":
    users = export(sessions=os.environ.get("LOAD_SESSIONS", "0") == "1")
    Path(sys.argv[1]).write_text(json.dumps(users, indent=1) + "\n")
    counts = {}
    for user in users:
        counts[user["role"]] = counts.get(user["role"], 0) + 1
    print(f"exported {len(users)} users: {counts}")
