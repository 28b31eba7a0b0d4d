"""The loop through the three levels, end to end through the real views."""

import datetime

from django.urls import reverse
from django.utils import timezone

from begeleid.collaboration.enums import SignalStatus, VisionQuestion, VisionStatus
from begeleid.collaboration.models import Signal, TeamAgreement, Vision


def test_vision_to_agreement_to_signal_and_back_resolves_for_the_raiser(cast, client):
    today = timezone.localdate()
    # HR opens a draft from the published version, adds a statement and publishes it.
    client.force_login(cast.hr)
    response = client.post(reverse("collaboration:vision_create_draft"))
    draft = Vision.objects.get(organisation=cast.organisation, status=VisionStatus.DRAFT)
    assert response.url == reverse("collaboration:vision_detail", kwargs={"uuid": draft.uuid})
    client.post(
        reverse("collaboration:vision_statement_add", kwargs={"uuid": draft.uuid}),
        {"question": "autonomy", "title": "Zelfstandig werken na de exploratiefase", "position": 5},
    )
    response = client.post(reverse("collaboration:vision_publish", kwargs={"uuid": draft.uuid}))
    assert response.status_code == 302
    draft.refresh_from_db()
    cast.vision.refresh_from_db()
    assert (draft.status, cast.vision.status) == (VisionStatus.PUBLISHED, VisionStatus.ARCHIVED)
    new_statement = draft.statements.get(title="Zelfstandig werken na de exploratiefase")

    # The team leader writes an agreement citing the new statement.
    client.force_login(cast.team_leader)
    response = client.post(
        reverse("collaboration:agreement_add", kwargs={"uuid": cast.team.uuid}),
        {
            "title": "Na de exploratiefase werkt de lerende zelfstandig met nabespreking",
            "topic": "",
            "text": "",
            "owner": cast.team_leader.pk,
            "review_date": (today + datetime.timedelta(days=120)).isoformat(),
            "statements": [new_statement.pk],
        },
    )
    assert response.status_code == 302
    agreement = TeamAgreement.objects.get(title__startswith="Na de exploratiefase")
    assert list(agreement.statements.all()) == [new_statement]

    # Coverage counts the team for that statement, and the other team not.
    title = "Zelfstandig werken na de exploratiefase"
    coverage = client.get(reverse("collaboration:agreement_coverage")).context["coverage"]
    assert {s.title: n for s, n in coverage.statements}[title] == 1
    # The team leader oversees only their own team, which puts the statement into practice.
    assert coverage.team_count == 1
    [row] = coverage.page
    assert row.team == cast.team
    assert title not in [s.title for s in row.uncovered]
    client.force_login(cast.hr)
    coverage = client.get(reverse("collaboration:agreement_coverage")).context["coverage"]
    assert {s.title: n for s, n in coverage.statements}[title] == 1
    assert coverage.team_count == 2
    uncovered = {row.team: [s.title for s in row.uncovered] for row in coverage.page}
    assert title not in uncovered[cast.team]
    assert title in uncovered[cast.other_team]

    # A supervisor raises a signal to the team about the statement.
    client.force_login(cast.supervisor)
    response = client.post(
        reverse("collaboration:signal_raise"),
        {
            "level": "team",
            "team": cast.team.pk,
            "title": "Zelfstandig werken lukt niet in het weekend",
            "description": "In het weekend is er geen begeleider om na te bespreken.",
            "statement": new_statement.pk,
        },
    )
    signal = Signal.objects.get(title="Zelfstandig werken lukt niet in het weekend")
    assert response.url == reverse("collaboration:signal_detail", kwargs={"uuid": signal.uuid})
    assert (signal.raised_by, signal.owner, signal.status) == (
        cast.supervisor,
        cast.team_leader,
        SignalStatus.OPEN,
    )

    # The team leader discusses it in a meeting, then resolves it.
    client.force_login(cast.team_leader)
    response = client.post(
        reverse("collaboration:meeting_add", kwargs={"uuid": cast.team.uuid}),
        {
            "kind": "supervisor_meeting",
            "date": today.isoformat(),
            "title": "Begeleidersoverleg juni",
            "participants": [cast.supervisor.pk, cast.team_leader.pk],
            "decisions": "Weekendrooster krijgt een vaste begeleider.",
            "signals": [signal.pk],
        },
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.IN_DISCUSSION
    assert [m.title for m in signal.meetings.all()] == ["Begeleidersoverleg juni"]
    client.post(
        reverse("collaboration:signal_manage", kwargs={"uuid": signal.uuid}),
        {
            "owner": cast.team_leader.pk,
            "status": "resolved",
            "resolution": "Vanaf juli staat er in elk weekend een vaste begeleider op het rooster.",
        },
    )

    # The supervisor sees the resolution in "my signals".
    client.force_login(cast.supervisor)
    response = client.get(reverse("collaboration:signal_mine"))
    assert list(response.context["signals"]) == [signal, cast.signal]
    assert "Vanaf juli staat er in elk weekend een vaste begeleider" in response.text
    assert "afgehandeld" in response.text


def test_publish_requires_a_statement_for_every_question(cast, client):
    client.force_login(cast.hr)
    cast.draft_vision.statements.filter(question=VisionQuestion.AUTONOMY).delete()
    response = client.post(
        reverse("collaboration:vision_publish", kwargs={"uuid": cast.draft_vision.uuid}),
        follow=True,
    )
    cast.draft_vision.refresh_from_db()
    assert cast.draft_vision.status == VisionStatus.DRAFT
    assert "Hoeveel autonomie krijgt een lerende per fase?" in response.text


def test_new_draft_carries_statements_over_with_their_lineage(cast):
    published = {s.lineage: s.title for s in cast.vision.statements.all()}
    drafted = {s.lineage: s.title for s in cast.draft_vision.statements.all()}
    assert drafted == published
    assert cast.draft_vision.number == cast.vision.number + 1


def test_everyone_reads_the_published_vision_grouped_by_question(cast, client):
    client.force_login(cast.learner)
    response = client.get(reverse("collaboration:vision"))
    assert response.context["vision"] == cast.vision
    groups = {
        q.value: [s.title for s in statements] for q, statements in response.context["groups"]
    }
    assert groups["mistakes"] == ["Fouten zijn een leerbron die we samen bespreken"]
    assert len(groups) == 4
