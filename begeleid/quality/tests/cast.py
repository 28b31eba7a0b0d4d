"""The cast's calibration session: the EPA form, two assessors, one case scored by both."""

from begeleid.assessment.models import RubricVersion
from begeleid.quality import services


def extend(cast):
    version = RubricVersion.objects.get(
        organisation=cast.organisation, rubric__name="EPA-toevertrouwingsformulier"
    )
    session = services.create_session(
        team=cast.team,
        title="Kalibratie EPA medicatie",
        held_on=cast.team.created_at.date(),
        rubric_version=version,
        participants=[cast.assessor, cast.practice_trainer],
        case={
            "title": "Casus A",
            "description": "Lerende in de exploratiefase dient medicatie toe op de avonddienst.",
            "evidence": "Observatie: controleert de toedienlijst, vergeet de allergiecheck.",
        },
        by=cast.team_leader,
    )
    case = session.cases.get()
    for person, value in ((cast.assessor, 3), (cast.practice_trainer, 4)):
        services.record_scores(
            case=case,
            assessor=person,
            values={c: value for c in version.criteria.all()},
            by=person,
        )
    cast.extra["epa_version"] = version
    cast.extra["calibration_session"] = session
    cast.extra["calibration_case"] = case

    from .cast_embedding import extend as extend_embedding

    extend_embedding(cast)
