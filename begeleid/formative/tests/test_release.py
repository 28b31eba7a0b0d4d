from django.urls import reverse

from begeleid.formative.models import Release
from begeleid.programmes.enums import Capacity


def _release(client, cast, assignment="all"):
    url = reverse("formative:visibility", kwargs={"uuid": cast.enrolment.uuid})
    return client.post(
        url,
        {
            "assignment": assignment,
            "purpose": "Beoordeling instructiefase",
            "feedback": [str(cast.feedback.uuid)],
            "entries": [str(cast.entry.uuid)],
        },
    )


def test_assessor_sees_nothing_until_released_then_not_after_revoke(unreleased, login):
    cast = unreleased
    feedback_url = reverse("formative:feedback_detail", kwargs={"uuid": cast.feedback.uuid})
    entry_url = reverse("formative:entry_detail", kwargs={"uuid": cast.entry.uuid})
    assessor = login(cast.assessor)
    assert assessor.get(feedback_url).status_code == 404
    assert assessor.get(entry_url).status_code == 404
    assert (
        assessor.get(
            reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
        ).status_code
        == 403
    )
    assert "Aan mij vrijgegeven" not in assessor.get(reverse("formative:overview")).content.decode()

    assignment = cast.enrolment.assignments.get(capacity=Capacity.ASSESSOR)
    assert _release(login(cast.learner), cast, str(assignment.uuid)).status_code == 302
    release = Release.objects.get(revoked_at__isnull=True)
    assert release.assignment == assignment

    assessor = login(cast.assessor)
    assert assessor.get(feedback_url).status_code == 200
    assert assessor.get(entry_url).status_code == 200
    page = assessor.get(reverse("formative:release_detail", kwargs={"uuid": release.uuid}))
    assert "Je hebt de overdracht volgens SBAR gedaan." in page.content.decode()
    assert "Mijn eerste week" in page.content.decode()

    login(cast.learner).post(reverse("formative:release_revoke", kwargs={"uuid": release.uuid}))
    assessor = login(cast.assessor)
    assert assessor.get(feedback_url).status_code == 404
    assert (
        assessor.get(reverse("formative:release_detail", kwargs={"uuid": release.uuid})).status_code
        == 404
    )


def test_release_shows_only_released_items(unreleased, login):
    cast = unreleased
    from begeleid.formative.models import Feedback

    other = Feedback.objects.create(
        organisation=cast.organisation,
        enrolment=cast.enrolment,
        narrative="Niet vrijgegeven.",
        author=cast.supervisor,
    )
    _release(login(cast.learner), cast)
    assessor = login(cast.assessor)
    assert (
        assessor.get(reverse("formative:feedback_detail", kwargs={"uuid": other.uuid})).status_code
        == 404
    )


def test_who_can_see_what_lists_supervisors_and_releases(cast, login):
    client = login(cast.learner)
    _release(client, cast)
    page = client.get(
        reverse("formative:visibility", kwargs={"uuid": cast.enrolment.uuid})
    ).content.decode()
    assert (
        "Bea Begeleider" in page
        and "Vera Vakspecialist" in page
        and "Piet Praktijkopleider" in page
    )
    assert "Frits Oudbegeleider" not in page.split("Vrijgegeven aan een beoordelaar")[0]
    assert "alle beoordelaars van je traject" in page
    assert "Beoordeling instructiefase" in page


def test_release_requires_an_item(cast, login):
    client = login(cast.learner)
    url = reverse("formative:visibility", kwargs={"uuid": cast.enrolment.uuid})
    response = client.post(url, {"assignment": "all", "purpose": "Beoordeling"})
    assert response.status_code == 200
    assert "Kies ten minste één item om vrij te geven." in response.content.decode()
    assert Release.objects.filter(purpose="Beoordeling").count() == 0


def test_released_entry_links_the_timeline_only_for_those_who_may_open_it(cast, login):
    """The assessor reads a released entry but not the learner's timeline (403): no link."""
    url = reverse("formative:entry_detail", kwargs={"uuid": cast.entry.uuid})
    timeline = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    assert f'href="{timeline}"' not in login(cast.assessor).get(url).content.decode()
    assert f'href="{timeline}"' in login(cast.supervisor).get(url).content.decode()
