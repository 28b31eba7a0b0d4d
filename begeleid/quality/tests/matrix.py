"""Authorization matrix for the quality app: every URL, every persona, GET and POST."""

from django.utils import timezone

from tests.authz import Case, only

PARTICIPANTS = ("assessor", "practice_trainer")


def _uuid(name):
    return lambda c: {"uuid": getattr(c, name).uuid}


def _team(c):
    return {"uuid": c.team.uuid}


def _session_data(c):
    return {
        "title": "Kalibratie overdracht",
        "held_on": timezone.localdate().isoformat(),
        "rubric_version": c.epa_version.pk,
        "participants": [c.assessor.pk, c.supervisor.pk],
        "case_title": "Casus B",
        "case_description": "Overdracht aan het eind van de dienst.",
        "case_evidence": "Verslag van de overdracht zonder namen.",
    }


def _case_data(c):
    return {"title": "Casus C", "description": "Wondzorg.", "evidence": "Foto-omschrijving."}


def _score_data(c):
    return {f"criterion_{x.pk}": 2 for x in c.epa_version.criteria.all()}


CASES = [
    Case(
        "quality:calibration_sessions",
        only("team_leader", "hr", *PARTICIPANTS, stranger=403),
        note="list",
    ),
    Case("quality:calibration_add", only("team_leader"), kwargs=_team),
    Case(
        "quality:calibration_add",
        only("team_leader", ok=302),
        kwargs=_team,
        method="post",
        data=_session_data,
    ),
    Case("quality:calibration_trend", only("team_leader", "hr"), kwargs=_team),
    Case(
        "quality:calibration_detail",
        only("team_leader", "hr", *PARTICIPANTS),
        kwargs=_uuid("calibration_session"),
    ),
    Case(
        "quality:calibration_case_add",
        only("team_leader"),
        kwargs=_uuid("calibration_session"),
    ),
    Case(
        "quality:calibration_case_add",
        only("team_leader", ok=302),
        kwargs=_uuid("calibration_session"),
        method="post",
        data=_case_data,
    ),
    Case("quality:calibration_close", only("team_leader"), kwargs=_uuid("calibration_session")),
    Case(
        "quality:calibration_close",
        only("team_leader", ok=302),
        kwargs=_uuid("calibration_session"),
        method="post",
        data=lambda c: {"agreed_reading": "Niveau 3 betekent: controle achteraf."},
    ),
    Case("quality:calibration_score", only(*PARTICIPANTS), kwargs=_uuid("calibration_case")),
    Case(
        "quality:calibration_score",
        only(*PARTICIPANTS, ok=302),
        kwargs=_uuid("calibration_case"),
        method="post",
        data=_score_data,
    ),
]
