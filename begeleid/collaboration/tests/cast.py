"""The cast's vision, team agreement, meeting, signals and interprofessional activity."""

import datetime

from django.db import transaction
from django.utils import timezone

from begeleid.collaboration import services
from begeleid.collaboration.enums import (
    InterprofessionalKind,
    MeetingKind,
    SignalLevel,
    VisionQuestion,
    WorkfloorTopic,
)

STATEMENTS = {
    VisionQuestion.LEARNING: "Leren is professionele ontwikkeling, niet alleen kennisoverdracht",
    VisionQuestion.MISTAKES: "Fouten zijn een leerbron die we samen bespreken",
    VisionQuestion.COMPETENCE: "Bekwaam is wie het handelen laat zien en kan verantwoorden",
    VisionQuestion.AUTONOMY: "Autonomie groeit per fase, in afspraak met de begeleider",
}


@transaction.atomic
def extend(cast):
    org, hr, today = cast.organisation, cast.hr, timezone.localdate()
    vision = services.create_vision_draft(organisation=org, by=hr)
    statements = {}
    for position, (question, title) in enumerate(STATEMENTS.items(), start=1):
        statements[question] = services.save_statement(
            vision=vision, question=question, position=position, title=title, text="", by=hr
        )
    services.publish_vision(vision=vision, by=hr)
    draft = services.create_vision_draft(organisation=org, by=hr)
    cast.extra["vision"] = vision
    cast.extra["statement"] = statements[VisionQuestion.MISTAKES]
    cast.extra["draft_vision"] = draft
    cast.extra["draft_statement"] = draft.statements.order_by("id").first()

    cast.extra["agreement"] = services.save_agreement(
        team=cast.team,
        fields={
            "title": "Elke lerende heeft op dag één een eerste begeleider",
            "topic": WorkfloorTopic.FIRST_SUPERVISOR,
            "text": "",
            "owner": cast.team_leader,
            "review_date": today + datetime.timedelta(days=90),
        },
        statements=[statements[VisionQuestion.LEARNING]],
        by=cast.team_leader,
    )
    signal, _ = services.raise_signal(
        person=cast.supervisor,
        level=SignalLevel.TEAM,
        team=cast.team,
        title="Geen tijd voor nabespreken na incidenten",
        description="Na een incident is er in de avonddienst geen ruimte om met de lerende na te bespreken.",
        statement=statements[VisionQuestion.MISTAKES],
    )
    cast.extra["signal"] = signal
    meeting = services.save_meeting(
        team=cast.team,
        fields={
            "kind": MeetingKind.SUPERVISOR_MEETING,
            "date": today - datetime.timedelta(days=7),
            "title": "Begeleidersoverleg",
            "agenda": "Voortgang lerenden",
            "notes": "",
            "decisions": "",
            "is_anonymised": False,
            "learner": None,
        },
        participants=[cast.supervisor, cast.team_leader],
        signals=[],
        by=cast.team_leader,
    )
    cast.extra["meeting"] = meeting
    cast.extra["action_item"] = services.add_action_item(
        meeting=meeting,
        description="Rooster nabespreektijd voorstellen",
        owner=cast.supervisor,
        due_date=today + datetime.timedelta(days=14),
        by=cast.team_leader,
    )
    cast.extra["activity"] = services.record_activity(
        team=cast.team,
        kind=InterprofessionalKind.WITH,
        date=today - datetime.timedelta(days=3),
        title="Samen mobiliseren na een heupoperatie",
        description="",
        learned="Wanneer de fysiotherapeut de mobilisatie overneemt.",
        participants=[cast.supervisor, cast.specialist],
        learners=[cast.learner],
        by=cast.supervisor,
    )
