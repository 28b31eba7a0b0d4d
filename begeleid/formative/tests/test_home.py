import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.formative.models import FeedbackRequest
from begeleid.programmes.enums import Capacity
from begeleid.programmes.models import SupervisionAssignment


def test_home_quick_list_shows_only_current_learners(cast, login):
    page = login(cast.supervisor).get(reverse("reports:home")).content.decode()
    assert f'id="quick-feedback-{cast.enrolment.uuid}"' in page
    assert f'id="quick-feedback-{cast.other_enrolment.uuid}"' not in page
    page = login(cast.former_supervisor).get(reverse("reports:home")).content.decode()
    assert "quick-feedback-" not in page


def _requests(cast, n):
    FeedbackRequest.objects.bulk_create(
        [
            FeedbackRequest(
                organisation=cast.organisation,
                enrolment=cast.enrolment,
                question=f"Vraag {i}",
                recipient=cast.supervisor,
                expires_at=timezone.now() + datetime.timedelta(days=5),
            )
            for i in range(n)
        ]
    )


@pytest.mark.usefixtures("build_pages")
def test_home_formative_sections_query_count_does_not_grow(cast, login):
    client = login(cast.supervisor)
    url = reverse("reports:home")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _requests(cast, 2)  # the cast's request + 2
    SupervisionAssignment.objects.create(
        organisation=cast.organisation,
        enrolment=cast.other_enrolment,
        person=cast.supervisor,
        capacity=Capacity.SUPERVISOR,
        valid_from=timezone.localdate(),
    )
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()
    assert len(one) == len(three)
    assert page.count("Vraag ") == 2 and "Hoe ging mijn wondzorg" in page


def test_home_inbox_of_other_organisation_is_empty(cast, login):
    page = login(cast.stranger).get(reverse("reports:home")).content.decode()
    assert "Feedbackverzoeken aan jou" not in page
    assert "0 ongelezen meldingen" in page
