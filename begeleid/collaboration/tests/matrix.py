"""Authorization matrix for the collaboration app: every URL, every persona, GET and POST."""

import datetime

from django.utils import timezone

from tests.authz import Case, everyone, expect, only, public

TEAM_MEMBERS = (
    "learner",
    "other_learner",
    "supervisor",
    "specialist",
    "practice_trainer",
    "assessor",
    "team_leader",
)
TEAM_STAFF = ("supervisor", "specialist", "practice_trainer", "assessor", "team_leader")


def _uuid(name):
    return lambda c: {"uuid": getattr(c, name).uuid}


def _future(days=60):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _agreement_data(c):
    return {
        "title": "Feedback leggen we dezelfde dienst vast",
        "topic": "feedback_recording",
        "text": "",
        "owner": c.team_leader.pk,
        "review_date": _future(),
        "statements": [c.statement.pk],
    }


def _meeting_data(c):
    return {
        "kind": "learning_circle",
        "date": timezone.localdate().isoformat(),
        "title": "Leercirkel",
        "participants": [c.supervisor.pk],
        "agenda": "",
        "notes": "",
        "decisions": "",
        "signals": [c.signal.pk],
    }


def _activity_data(c):
    return {
        "team": c.team.pk,
        "kind": "from",
        "date": timezone.localdate().isoformat(),
        "title": "Slikscreening door de logopedist",
        "description": "",
        "learned": "Hoe de slikscreening werkt.",
        "participants": [c.supervisor.pk, c.specialist.pk],
    }


def _signal_data(anonymous=False):
    def data(c):
        payload = {
            "level": "organisation",
            "title": "Scholing begeleiden vaak vol",
            "description": "De training coachend begeleiden is maanden vooruit volgeboekt.",
        }
        if anonymous:
            payload["anonymous"] = "on"
        return payload

    return data


HR_ONLY = {"stranger": 403}
NOT_ADMIN = {"former_supervisor": 403, "admin": 403, "stranger": 403}

CASES = [
    # Vision
    Case("collaboration:vision", everyone()),
    Case("collaboration:vision_versions", only("hr", **HR_ONLY)),
    Case("collaboration:vision_create_draft", only("hr", ok=302, **HR_ONLY), method="post"),
    Case("collaboration:vision_detail", expect(200, stranger=404), kwargs=_uuid("vision")),
    Case("collaboration:vision_detail", only("hr"), kwargs=_uuid("draft_vision"), note="draft"),
    Case("collaboration:vision_edit", only("hr"), kwargs=_uuid("draft_vision")),
    Case(
        "collaboration:vision_edit",
        only("hr", ok=302),
        kwargs=_uuid("draft_vision"),
        method="post",
        data=lambda c: {"title": "Visie 2027", "introduction": ""},
    ),
    Case(
        "collaboration:vision_edit",
        only(others=403),
        kwargs=_uuid("vision"),
        note="published is not editable",
    ),
    Case(
        "collaboration:vision_publish",
        only("hr", ok=302),
        kwargs=_uuid("draft_vision"),
        method="post",
    ),
    Case("collaboration:vision_statement_add", only("hr"), kwargs=_uuid("draft_vision")),
    Case(
        "collaboration:vision_statement_add",
        only("hr", ok=302),
        kwargs=_uuid("draft_vision"),
        method="post",
        data=lambda c: {"question": "mistakes", "title": "Fouten melden is veilig", "position": 2},
    ),
    Case("collaboration:vision_statement_edit", only("hr"), kwargs=_uuid("draft_statement")),
    Case(
        "collaboration:vision_statement_edit",
        only("hr", ok=302),
        kwargs=_uuid("draft_statement"),
        method="post",
        data=lambda c: {"question": "learning", "title": "Leren is ontwikkelen", "position": 1},
    ),
    Case(
        "collaboration:vision_statement_delete",
        only("hr", ok=302),
        kwargs=_uuid("draft_statement"),
        method="post",
    ),
    # Team agreements
    Case(
        "collaboration:agreements",
        only(*TEAM_MEMBERS, "hr", "outsider", others=403, stranger=403),
    ),
    Case("collaboration:agreement_coverage", only("hr", "team_leader", stranger=403)),
    Case(
        "collaboration:team_agreements",
        only(*TEAM_MEMBERS, "hr"),
        kwargs=lambda c: {"uuid": c.team.uuid},
    ),
    Case(
        "collaboration:agreement_add", only("team_leader"), kwargs=lambda c: {"uuid": c.team.uuid}
    ),
    Case(
        "collaboration:agreement_add",
        only("team_leader", ok=302),
        kwargs=lambda c: {"uuid": c.team.uuid},
        method="post",
        data=_agreement_data,
    ),
    Case("collaboration:agreement_edit", only("team_leader"), kwargs=_uuid("agreement")),
    Case(
        "collaboration:agreement_edit",
        only("team_leader", ok=302),
        kwargs=_uuid("agreement"),
        method="post",
        data=_agreement_data,
    ),
    Case(
        "collaboration:agreement_archive",
        only("team_leader", ok=302),
        kwargs=_uuid("agreement"),
        method="post",
    ),
    # Consultation
    Case("collaboration:meetings", only(*TEAM_STAFF, "hr", "outsider", stranger=403)),
    Case("collaboration:meeting_add", only("team_leader"), kwargs=lambda c: {"uuid": c.team.uuid}),
    Case(
        "collaboration:meeting_add",
        only("team_leader", ok=302),
        kwargs=lambda c: {"uuid": c.team.uuid},
        method="post",
        data=_meeting_data,
    ),
    Case(
        "collaboration:meeting_cadences",
        only("team_leader"),
        kwargs=lambda c: {"uuid": c.team.uuid},
    ),
    Case(
        "collaboration:meeting_cadences",
        only("team_leader", ok=302),
        kwargs=lambda c: {"uuid": c.team.uuid},
        method="post",
        data=lambda c: {"supervisor_meeting": 4},
    ),
    Case("collaboration:meeting_detail", only(*TEAM_STAFF, "hr"), kwargs=_uuid("meeting")),
    Case("collaboration:meeting_edit", only("team_leader"), kwargs=_uuid("meeting")),
    Case(
        "collaboration:meeting_edit",
        only("team_leader", ok=302),
        kwargs=_uuid("meeting"),
        method="post",
        data=_meeting_data,
    ),
    Case(
        "collaboration:meeting_action_item_add",
        only("team_leader", ok=302),
        kwargs=_uuid("meeting"),
        method="post",
        data=lambda c: {
            "description": "Nabespreken agenderen",
            "owner": c.supervisor.pk,
            "due_date": _future(7),
        },
    ),
    Case(
        "collaboration:meeting_action_item_status",
        only("supervisor", "team_leader", ok=302),
        kwargs=_uuid("action_item"),
        method="post",
        data=lambda c: {"status": "done"},
    ),
    # Signals
    Case("collaboration:signals", everyone()),
    Case("collaboration:signal_mine", everyone()),
    Case("collaboration:signal_raise", everyone()),
    Case(
        "collaboration:signal_raise",
        everyone(302),
        method="post",
        data=_signal_data(),
        note="by name",
    ),
    Case(
        "collaboration:signal_raise",
        everyone(200),
        method="post",
        data=_signal_data(anonymous=True),
        note="anonymously shows the code",
    ),
    Case("collaboration:signal_follow_up", public()),
    Case(
        "collaboration:signal_follow_up",
        public(),
        method="post",
        data=lambda c: {"code": "AAAA-BBBB-CCCC-DDDD"},
    ),
    Case(
        "collaboration:signal_detail",
        only("supervisor", "team_leader", "hr"),
        kwargs=_uuid("signal"),
    ),
    Case("collaboration:signal_manage", only("team_leader", "hr"), kwargs=_uuid("signal")),
    Case(
        "collaboration:signal_manage",
        only("team_leader", "hr", ok=302),
        kwargs=_uuid("signal"),
        method="post",
        data=lambda c: {
            "owner": c.team_leader.pk,
            "status": "resolved",
            "resolution": "Nabespreektijd staat nu in het rooster.",
        },
    ),
    # Interprofessional learning
    Case(
        "collaboration:activities",
        only(*TEAM_MEMBERS, "hr", "outsider", stranger=403),
    ),
    Case("collaboration:activity_add", only(*TEAM_STAFF, "hr", "outsider", stranger=403)),
    Case(
        "collaboration:activity_add",
        only(*TEAM_STAFF, "hr", ok=302, outsider=200, stranger=403),
        method="post",
        data=_activity_data,
        note="outsider cannot choose another team",
    ),
    Case("collaboration:activity_detail", only(*TEAM_MEMBERS, "hr"), kwargs=_uuid("activity")),
    Case(
        "collaboration:activity_team",
        only(*TEAM_STAFF, "hr"),
        kwargs=lambda c: {"uuid": c.team.uuid},
    ),
    Case(
        "collaboration:activity_coordination",
        only(
            "learner",
            "supervisor",
            "practice_trainer",
            "team_leader",
            others=404,
            specialist=403,
            assessor=403,
        ),
        kwargs=lambda c: {"uuid": c.enrolment.uuid},
    ),
]
