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


# Supervisor development, guidance survey, time and budget ---------------------------------


def _supervisor(c):
    return {"uuid": c.supervisor.uuid}


def _round(c):
    return {"uuid": c.survey_round.uuid}


def _training_data(c):
    return {
        "course": "Feedback geven",
        "provider": "Academie",
        "date": timezone.localdate().isoformat(),
        "hours": "4",
        "cost": "120.00",
        "team": c.team.pk,
    }


def _answer_data(c):
    return {"learning_climate": 4, "feedback": 5, "safety": 3, "open_answer": "Fijne uitleg."}


SUPERVISING = ("supervisor", "specialist", "practice_trainer", "outsider")

CASES += [
    Case(
        "quality:development_home",
        only(*SUPERVISING, "team_leader", "hr", stranger=403),
        note="development",
    ),
    Case("quality:development_person", only("supervisor", "team_leader", "hr"), kwargs=_supervisor),
    Case("quality:self_assessment_add", only("supervisor"), kwargs=_supervisor),
    Case(
        "quality:self_assessment_add",
        only("supervisor", ok=302),
        kwargs=_supervisor,
        method="post",
        data=lambda c: {"assessed_on": timezone.localdate().isoformat(), "skill_coaching": "3"},
    ),
    Case(
        "quality:training_record_add", only("supervisor", "team_leader", "hr"), kwargs=_supervisor
    ),
    Case(
        "quality:training_record_add",
        only("supervisor", "team_leader", "hr", ok=302),
        kwargs=_supervisor,
        method="post",
        data=_training_data,
    ),
    Case("quality:supervisor_recognise", only("hr"), kwargs=_supervisor),
    Case(
        "quality:supervisor_recognise",
        only("hr", ok=302),
        kwargs=_supervisor,
        method="post",
        data=lambda c: {"valid_from": timezone.localdate().isoformat()},
    ),
    Case("quality:team_development", only("team_leader", "hr"), kwargs=_team),
    Case(
        "quality:survey_home",
        only("learner", "other_learner", "team_leader", "hr", stranger=403),
        note="survey",
    ),
    Case("quality:survey_round_add", only("team_leader", "hr"), kwargs=_team),
    Case(
        "quality:survey_round_add",
        only("team_leader", "hr", ok=302),
        kwargs=_team,
        method="post",
        data=lambda c: {
            "title": "Evaluatie najaar",
            "opens_on": timezone.localdate().isoformat(),
            "closes_on": timezone.localdate().isoformat(),
        },
    ),
    Case("quality:survey_round_detail", only("team_leader", "hr"), kwargs=_round),
    Case("quality:survey_round_change", only("team_leader", "hr"), kwargs=_round),
    Case(
        "quality:survey_round_change",
        only("team_leader", "hr", ok=302),
        kwargs=_round,
        method="post",
        data=lambda c: {"title": "Evaluatie voorjaar", "min_responses": 4},
    ),
    Case("quality:survey_round_close", only("team_leader", "hr"), kwargs=_round),
    Case(
        "quality:survey_round_close",
        only("team_leader", "hr", ok=302),
        kwargs=_round,
        method="post",
    ),
    Case("quality:survey_round_export", only("team_leader", "hr"), kwargs=_round),
    Case("quality:survey_answer_list", only("learner", "other_learner"), kwargs=_round),
    Case(
        "quality:survey_answer",
        only("learner", other_learner=404),
        kwargs=lambda c: {"uuid": c.survey_round.uuid, "person": c.supervisor.uuid},
    ),
    Case(
        "quality:survey_answer",
        only("learner", ok=302, other_learner=404),
        kwargs=lambda c: {"uuid": c.survey_round.uuid, "person": c.supervisor.uuid},
        method="post",
        data=_answer_data,
    ),
    Case("quality:team_time_budget", only("team_leader", "hr"), kwargs=_team),
    Case("quality:budget_set", only("hr"), kwargs=_team),
    Case(
        "quality:budget_set",
        only("hr", ok=302),
        kwargs=_team,
        method="post",
        data=lambda c: {"year": timezone.localdate().year, "amount": "6000"},
    ),
]


# Dashboards, the model at a glance, quality reports -------------------------------


def _report_job(c, with_file=False):
    from django.core.files.base import ContentFile

    from begeleid.quality.models import ReportJob
    from begeleid.quality.models.reports import JobStatus, ReportFormat, ReportKind

    job = ReportJob.objects.filter(organisation=c.organisation).first()
    if job is None:
        job = ReportJob.objects.create(
            organisation=c.organisation,
            kind=ReportKind.QUALITY_CYCLE,
            output=ReportFormat.CSV,
            requested_by=c.hr,
            status=JobStatus.DONE,
            progress=100,
        )
        job.file.save("matrix.csv", ContentFile(b"a;b\n"), save=True)
    return {"uuid": job.uuid}


def _report_data(c):
    today = timezone.localdate()
    return {
        "kind": "quality_cycle",
        "output": "csv",
        "team": c.team.uuid,
        "start": today.replace(day=1).isoformat(),
        "end": today.isoformat(),
    }


CASES += [
    Case("quality:dashboards", only("team_leader", "hr", stranger=403)),
    Case("quality:organisation_dashboard", only("hr", stranger=403)),
    Case("quality:team_dashboard", only("team_leader", "hr"), kwargs=_team),
    Case("quality:organisation_glance", only("hr", stranger=403)),
    Case("quality:team_glance", only("team_leader", "hr"), kwargs=_team),
    # "Nu bijwerken": fresh figures, then the page again.
    Case("quality:organisation_dashboard", only("hr", ok=302, stranger=403), method="post"),
    Case("quality:team_dashboard", only("team_leader", "hr", ok=302), kwargs=_team, method="post"),
    Case("quality:organisation_glance", only("hr", ok=302, stranger=403), method="post"),
    Case("quality:team_glance", only("team_leader", "hr", ok=302), kwargs=_team, method="post"),
    Case("quality:report_new", only("team_leader", "hr", stranger=403)),
    Case(
        "quality:report_new",
        only("team_leader", "hr", ok=302, stranger=403),
        method="post",
        data=_report_data,
    ),
    Case("quality:report_job", only("hr"), kwargs=_report_job),
    Case("quality:report_download", only("hr"), kwargs=_report_job),
]
