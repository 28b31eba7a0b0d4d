"""Lists and dashboards: query counts that do not grow with the data, and isolation."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleid.collaboration import services
from begeleid.collaboration.enums import InterprofessionalKind, MeetingKind, SignalLevel
from tests.querycount import count_queries


def _more(cast, n):
    """``n`` more of everything the lists show, in the cast's team."""
    today = timezone.localdate()
    for i in range(n):
        agreement = services.save_agreement(
            team=cast.team,
            fields={
                "title": f"Afspraak {i}",
                "topic": "",
                "text": "",
                "owner": cast.team_leader,
                "review_date": today - datetime.timedelta(days=1 + i),
            },
            statements=[cast.statement],
            by=cast.team_leader,
        )
        signal, _ = services.raise_signal(
            person=cast.supervisor,
            level=SignalLevel.TEAM,
            team=cast.team,
            title=f"Signaal {i}",
            description="x",
            agreement=agreement,
        )
        services.raise_signal(
            person=cast.learner,
            level=SignalLevel.ORGANISATION,
            team=None,
            title=f"Organisatiesignaal {i}",
            description="x",
        )
        meeting = services.save_meeting(
            team=cast.team,
            fields={"kind": MeetingKind.LEARNING_CIRCLE, "date": today, "title": f"Overleg {i}"},
            participants=[cast.supervisor],
            signals=[signal],
            by=cast.team_leader,
        )
        services.add_action_item(
            meeting=meeting,
            description=f"Actie {i}",
            owner=cast.supervisor,
            due_date=today,
            by=cast.team_leader,
        )
        services.set_cadences(
            team=cast.team, weeks_by_kind={MeetingKind.INTERVISION: 6}, by=cast.team_leader
        )
        services.record_activity(
            team=cast.team,
            kind=InterprofessionalKind.ABOUT,
            date=today - datetime.timedelta(days=40 * i),
            title=f"Activiteit {i}",
            description="",
            learned="x",
            participants=[cast.supervisor, cast.specialist],
            learners=[cast.learner],
            by=cast.supervisor,
        )


PAGES = [
    ("collaboration:vision", None, "learner"),
    ("collaboration:vision_versions", None, "hr"),
    ("collaboration:agreements", None, "hr"),
    ("collaboration:agreement_coverage", None, "hr"),
    ("collaboration:team_agreements", "team", "team_leader"),
    ("collaboration:meetings", None, "team_leader"),
    ("collaboration:meeting_detail", "meeting", "team_leader"),
    ("collaboration:signals", None, "hr"),
    ("collaboration:signals", None, "team_leader"),
    ("collaboration:signal_mine", None, "supervisor"),
    ("collaboration:activities", None, "hr"),
    ("collaboration:activity_team", "team", "team_leader"),
    ("collaboration:activity_coordination", "enrolment", "supervisor"),
    ("reports:home", None, "team_leader"),
    ("reports:home", None, "hr"),
]


@pytest.mark.usefixtures("build_pages")
@pytest.mark.parametrize(("url_name", "obj", "persona"), PAGES)
def test_page_query_count_does_not_grow_with_the_data(cast, client, url_name, obj, persona):
    client.force_login(cast.people[persona])
    url = reverse(url_name, kwargs={"uuid": getattr(cast, obj).uuid} if obj else None)
    client.get(url)  # warm up sessions and caches
    _more(cast, 1)
    one = count_queries(client.get, url)
    _more(cast, 2)
    three = count_queries(client.get, url)
    assert one == three


@pytest.mark.parametrize(
    "url_name",
    [
        "collaboration:vision",
        "collaboration:signals",
        "collaboration:signal_mine",
        "collaboration:vision_versions",
        "collaboration:agreements",
        "collaboration:agreement_coverage",
        "collaboration:meetings",
        "collaboration:activities",
    ],
)
def test_person_of_another_organisation_sees_none_of_it(cast, client, url_name):
    _more(cast, 1)
    from begeleid.organisations.enums import Role
    from tests.factories import give_role

    # The stranger is HR in their own organisation: they see their own (empty) world.
    give_role(cast.stranger, Role.HR)
    client.force_login(cast.stranger)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    text = response.text
    for ours in ("Chirurgie", "Fouten zijn een leerbron", "Signaal 0", "Overleg 0", "Activiteit 0"):
        assert ours not in text


def test_person_of_another_organisation_gets_404_on_our_objects(cast, client):
    client.force_login(cast.stranger)
    for url_name, obj in [
        ("collaboration:vision_detail", cast.vision),
        ("collaboration:team_agreements", cast.team),
        ("collaboration:meeting_detail", cast.meeting),
        ("collaboration:signal_detail", cast.signal),
        ("collaboration:activity_detail", cast.activity),
        ("collaboration:activity_team", cast.team),
    ]:
        response = client.get(reverse(url_name, kwargs={"uuid": obj.uuid}))
        assert (url_name, response.status_code) == (url_name, 404)
