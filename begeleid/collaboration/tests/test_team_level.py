"""Team agreements, the workfloor minimum, meetings, cadence and the home sections."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from begeleid.collaboration import queries, services
from begeleid.collaboration.enums import (
    InterprofessionalKind,
    MeetingKind,
    SignalStatus,
    WorkfloorTopic,
)
from begeleid.collaboration.models import ActionItem, Meeting


def test_team_missing_a_workfloor_minimum_is_flagged(cast, client):
    client.force_login(cast.team_leader)
    response = client.get(reverse("collaboration:team_agreements", kwargs={"uuid": cast.team.uuid}))
    assert response.context["missing"] == [
        WorkfloorTopic.GUIDANCE_MOMENTS,
        WorkfloorTopic.FEEDBACK_RECORDING,
        WorkfloorTopic.DEVELOPMENT_REVIEW,
    ]
    assert "Het minimum van de werkvloer is niet compleet." in response.text


def test_archived_agreement_no_longer_counts_for_the_minimum(cast):
    services.archive_agreement(agreement=cast.agreement, by=cast.team_leader)
    assert queries.missing_minimum([cast.team.pk])[cast.team.pk] == list(WorkfloorTopic)


def test_agreement_form_keeps_input_and_explains_errors(cast, client):
    client.force_login(cast.team_leader)
    response = client.post(
        reverse("collaboration:agreement_add", kwargs={"uuid": cast.team.uuid}),
        {"title": "Feedback in het dossier", "owner": cast.team_leader.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["review_date"] == ["Dit veld is verplicht."]
    assert 'value="Feedback in het dossier"' in response.text


def test_coverage_lists_agreements_past_their_review_date(cast, client):
    cast.agreement.review_date = timezone.localdate() - datetime.timedelta(days=1)
    cast.agreement.save()
    client.force_login(cast.hr)
    coverage = client.get(reverse("collaboration:agreement_coverage")).context["coverage"]
    assert [(row.team, row.overdue) for row in coverage.page] == [
        (cast.other_team, []),
        (cast.team, [cast.agreement]),
    ]
    # The department only holds the two wards; it has no workfloor of its own to flag.
    assert [row.team for row in coverage.page if row.missing] == [cast.other_team, cast.team]


def test_anonymised_case_discussion_hides_learner_names_and_links(cast, client):
    client.force_login(cast.team_leader)
    response = client.post(
        reverse("collaboration:meeting_add", kwargs={"uuid": cast.team.uuid}),
        {
            "kind": "case_discussion",
            "date": timezone.localdate().isoformat(),
            "title": "Casus overdracht",
            "participants": [cast.supervisor.pk, cast.specialist.pk],
            "notes": "Lies Lerende twijfelde bij de overdracht; Lies vroeg om hulp.",
            "decisions": "Lies oefent de SBAR-overdracht.",
            "is_anonymised": "on",
        },
    )
    meeting = Meeting.objects.get(title="Casus overdracht")
    assert response.url == reverse("collaboration:meeting_detail", kwargs={"uuid": meeting.uuid})
    assert meeting.learner_id is None
    response = client.get(response.url)
    assert (
        response.context["notes"]
        == "[lerende] twijfelde bij de overdracht; [lerende] vroeg om hulp."
    )
    assert response.context["decisions"] == "[lerende] oefent de SBAR-overdracht."
    assert "Lies" not in response.text


def test_anonymised_case_discussion_refuses_a_learner_link(cast, client):
    client.force_login(cast.team_leader)
    response = client.post(
        reverse("collaboration:meeting_add", kwargs={"uuid": cast.team.uuid}),
        {
            "kind": "case_discussion",
            "date": timezone.localdate().isoformat(),
            "title": "Casus",
            "is_anonymised": "on",
            "learner": cast.learner.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["learner"] == [
        "Een geanonimiseerde casusbespreking legt geen koppeling met de lerende."
    ]


def test_cadence_lapses_when_no_meeting_within_the_rhythm(cast):
    services.set_cadences(
        team=cast.team,
        weeks_by_kind={MeetingKind.SUPERVISOR_MEETING: 6, MeetingKind.INTERVISION: 4},
        by=cast.team_leader,
    )
    status = {c.kind: c for c in queries.cadence_status([cast.team.pk])}
    meeting_day = cast.meeting.date
    assert status["supervisor_meeting"].last_date == meeting_day
    assert status["supervisor_meeting"].next_due == meeting_day + datetime.timedelta(weeks=6)
    assert status["supervisor_meeting"].lapsed is False
    assert (status["intervision"].last_date, status["intervision"].lapsed) == (None, True)


def test_action_item_owner_marks_it_done(cast, client):
    client.force_login(cast.supervisor)
    client.post(
        reverse("collaboration:meeting_action_item_status", kwargs={"uuid": cast.action_item.uuid}),
        {"status": "done"},
    )
    item = ActionItem.objects.get(pk=cast.action_item.pk)
    assert item.status == "done"
    assert item.completed_at is not None


def test_team_leader_home_shows_what_needs_attention(cast, client):
    services.set_cadences(
        team=cast.team, weeks_by_kind={MeetingKind.INTERVISION: 4}, by=cast.team_leader
    )
    client.force_login(cast.team_leader)
    response = client.get(reverse("reports:home"))
    home = response.context["collaboration_team"]
    assert home.signals == [cast.signal]
    assert home.action_items == [cast.action_item]
    assert home.missing == [
        (
            cast.team,
            [
                WorkfloorTopic.GUIDANCE_MOMENTS,
                WorkfloorTopic.FEEDBACK_RECORDING,
                WorkfloorTopic.DEVELOPMENT_REVIEW,
            ],
        )
    ]
    assert [(c.kind, c.lapsed) for c in home.cadences] == [("intervision", True)]
    assert "ritme verlopen" in response.text


def test_hr_home_shows_vision_coverage_and_organisation_signals(cast, client):
    signal, _ = services.raise_signal(
        person=cast.learner,
        level="organisation",
        team=None,
        title="Scholing begeleiden vol",
        description="x",
    )
    client.force_login(cast.hr)
    home = client.get(reverse("reports:home")).context["collaboration_org"]
    assert home.signals == [signal]
    assert signal.owner == cast.hr
    coverage = {s.title: (covered, total) for s, covered, total in home.coverage}
    # Two wards count; their department is not a workfloor of its own.
    assert coverage["Leren is professionele ontwikkeling, niet alleen kennisoverdracht"] == (1, 2)
    assert coverage["Fouten zijn een leerbron die we samen bespreken"] == (0, 2)


def test_interprofessional_activity_needs_two_professions(cast):
    try:
        services.record_activity(
            team=cast.team,
            kind=InterprofessionalKind.WITH,
            date=timezone.localdate(),
            title="Alleen verpleegkundigen",
            description="",
            learned="x",
            participants=[cast.supervisor, cast.team_leader],
            learners=[],
            by=cast.supervisor,
        )
    except ValidationError as error:
        assert error.message_dict == {
            "participants": ["Kies deelnemers van minstens twee verschillende beroepen."]
        }
    else:
        raise AssertionError("one profession was accepted")


def test_team_interprofessional_counts_pairs_of_professions_per_month(cast, client):
    client.force_login(cast.team_leader)
    response = client.get(reverse("collaboration:activity_team", kwargs={"uuid": cast.team.uuid}))
    rows = response.context["rows"]
    assert [(r.label, r.total, r.counts[-1]) for r in rows] == [
        ("Fysiotherapeut – Verpleegkundige", 1, 1)
    ] or [(r.label, r.total, r.counts[-1]) for r in rows] == [
        ("Verpleegkundige – Fysiotherapeut", 1, 1)
    ]
    assert "<svg" in response.text


def test_first_supervisor_sees_who_guides_what(cast, client):
    client.force_login(cast.supervisor)
    response = client.get(
        reverse("collaboration:activity_coordination", kwargs={"uuid": cast.enrolment.uuid})
    )
    rows = {r.profession: r for r in response.context["rows"]}
    assert [(p.full_name, c) for p, c in rows["Fysiotherapeut"].guides] == [
        ("Vera Vakspecialist", "vakspecialist")
    ]
    assert [a.title for a in rows["Fysiotherapeut"].activities] == [
        "Samen mobiliseren na een heupoperatie"
    ]
    nurses = {p.full_name for p, _ in rows["Verpleegkundige"].guides}
    assert {"Bea Begeleider", "Piet Praktijkopleider"} <= nurses
    assert "Frits Oudbegeleider" not in nurses


def test_meeting_puts_open_signal_in_discussion_once(cast):
    services.save_meeting(
        team=cast.team,
        meeting=cast.meeting,
        fields={},
        participants=[cast.supervisor],
        signals=[cast.signal],
        by=cast.team_leader,
    )
    cast.signal.refresh_from_db()
    assert cast.signal.status == SignalStatus.IN_DISCUSSION


def test_activities_page_links_only_team_overviews_the_person_may_open(cast, client):
    team_page = reverse("collaboration:activity_team", args=[cast.team.uuid])
    client.force_login(cast.learner)
    assert client.get(team_page).status_code == 403
    assert team_page not in client.get(reverse("collaboration:activities")).content.decode()
    client.force_login(cast.team_leader)
    assert team_page in client.get(reverse("collaboration:activities")).content.decode()


def test_meeting_links_a_discussed_signal_only_for_those_who_may_open_it(cast, client):
    meeting, signal = cast.meeting, cast.signal
    meeting.signals.add(signal)
    page = reverse("collaboration:meeting_detail", args=[meeting.uuid])
    link = reverse("collaboration:signal_detail", args=[signal.uuid])
    answers = set()
    for person in (cast.team_leader, cast.supervisor, cast.specialist, cast.assessor):
        client.force_login(person)
        may_open = client.get(link).status_code == 200
        html = client.get(page).content.decode()
        if client.get(page).status_code == 200:
            assert (link in html) == may_open
            assert signal.title in html
            answers.add(may_open)
    assert answers == {True, False}
