"""Load test: busy ward staff on the key pages (run through loadtest/run.sh).

Each simulated user logs in once as a generated person (password "demo") from the JSON
that loadtest/export_users.py wrote (``LOAD_USERS``), then clicks through the pages of
their role with a short think time. The mix (also in docs/performance.md):

    user class         weight  tasks (weight)
    supervisor         4       home "my learners" (3), a learner's timeline (3),
                               open the feedback form (2), submit feedback (2)
    learner            4       home (3), own timeline (2)
    practice trainer   1       home, team overview (1)
    team leader        1       home, team overview (1)

Supervisors and learners are most of the people and of the daily use; recording
feedback is the write path that has to stay fast. Think time is short (0.5-1.5 s), so
a few dozen simulated users stand for a few hundred real ones, who wait much longer
between clicks.
"""

import csv
import itertools
import json
import os
import re
import time
from pathlib import Path

import gevent
from locust import FastHttpUser, between, events, task
from requests.cookies import create_cookie

USERS = json.loads(
    Path(os.environ.get("LOAD_USERS", "var/loadtest/users.json")).read_text(encoding="utf-8")
)
PASSWORD = "demo"
_people = {
    role: itertools.cycle([u for u in USERS if u["role"] == role])
    for role in {u["role"] for u in USERS}
}
_csrf_field = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Every request's time, so loadtest/report.py can give exact percentiles for the pages
# alone (without the deliberately slow password hashing of the logins).
SAMPLES = os.environ.get("LOAD_SAMPLES", "")
_samples = []


@events.init.add_listener
def _fresh_clock(**kwargs):
    # gevent's loop caches "now" from when it was created; after a slow start on a busy
    # machine the --run-time timer would otherwise fire at once.
    gevent.get_hub().loop.update_now()


@events.request.add_listener
def _record(request_type, name, response_time, exception, **kwargs):
    _samples.append((time.time(), name, round(response_time, 2), 0 if exception else 1))


@events.quitting.add_listener
def _write_samples(**kwargs):
    if SAMPLES:
        with open(SAMPLES, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["at", "name", "ms", "ok"])
            writer.writerows(_samples)


class StaffUser(FastHttpUser):
    abstract = True
    role = ""
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.person = next(_people[self.role])
        self.urls = self.person["urls"]
        if self.person.get("session"):
            # Logged in at the start of the shift (loadtest/export_users.py, LOAD_SESSIONS).
            host = self.host.split("://", 1)[-1].split(":")[0]
            self.client.cookiejar.set_cookie(
                create_cookie("sessionid", self.person["session"], domain=host)
            )
            return
        page = self.get("/accounts/login/", name="login (form)")
        token = _csrf_field.search(page.text or "")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.person["email"],
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="login",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302 or "/accounts/login/" in response.headers.get(
                "Location", ""
            ):
                response.failure(f"login failed for {self.person['email']}")
        self._plain_cookies()

    def _plain_cookies(self):
        """Production settings mark cookies Secure, which a client only sends over HTTPS;
        this test talks plain HTTP over loopback, so keep sending them."""
        for cookie in self.client.cookiejar:
            cookie.secure = False

    def get(self, url, name):
        # A page must answer 200 itself: a redirect (to the login form) is a failure, not a
        # fast page.
        with self.client.get(
            url, name=name, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                location = response.headers.get("Location", "")
                response.failure(f"answered {response.status_code} {location}".strip())
        self._plain_cookies()
        return response

    def page(self, key, name):
        if key in self.urls:
            self.get(self.urls[key], name=name)


class Supervisor(StaffUser):
    weight = 4
    role = "supervisor"

    @task(3)
    def home(self):
        self.page("home", "supervisor home")

    @task(3)
    def timeline(self):
        self.page("timeline", "learner timeline")

    @task(2)
    def feedback_form(self):
        self.page("feedback", "feedback form")

    @task(2)
    def submit_feedback(self):
        if "feedback" not in self.urls:
            return
        form = self.get(self.urls["feedback"], name="feedback form")
        token = _csrf_field.search(form.text or "")
        with self.client.post(
            self.urls["feedback"],
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "kind": "feedback",
                "narrative": "Je gaf een heldere overdracht volgens SBAR.",
                "went_well": "Rustig en volledig.",
                "to_improve": "Noem de vitale waarden eerder.",
                "next_step": "Morgen de overdracht van twee patiënten.",
            },
            name="feedback submit",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or "/accounts/login/" in location:
                response.failure(f"feedback not saved: {response.status_code} {location}")


class Learner(StaffUser):
    weight = 4
    role = "learner"

    @task(3)
    def home(self):
        self.page("home", "learner home")

    @task(2)
    def timeline(self):
        self.page("timeline", "own timeline")


class PracticeTrainer(StaffUser):
    weight = 1
    role = "practice_trainer"

    @task
    def home(self):
        self.page("home", "practice trainer home")


class TeamLeader(StaffUser):
    weight = 1
    role = "team_leader"

    @task
    def home(self):
        self.page("home", "team leader home")
