from django.test import RequestFactory
from django.urls import reverse

from begeleid.core.links import can_open
from begeleid.core.models import AccessEvent


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    request.session = {}
    return request


def test_can_open_follows_the_target_views_own_permission_checks(cast):
    assert can_open(_request(cast.learner), reverse("reports:home")) is True
    assert can_open(_request(cast.learner), reverse("organisations:people")) is False
    assert can_open(_request(cast.admin), reverse("organisations:people")) is True
    assert can_open(_request(cast.learner), "/no/such/page/") is False


def test_can_open_leaves_nothing_behind(cast):
    enrolment_page = reverse("programmes:enrolment_detail", args=[cast.enrolment.uuid])
    assert can_open(_request(cast.supervisor), enrolment_page) is True
    # Opening the enrolment for real logs an access event; asking whether one may does not.
    assert AccessEvent.objects.count() == 0
