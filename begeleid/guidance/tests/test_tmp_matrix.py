import pytest
from django.urls import reverse

from tests.cast import PERSONAS

from .matrix import CASES


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_matrix(case, persona, cast, client):
    if case.setup:
        case.setup(cast)
    if persona != "anonymous":
        client.force_login(cast.people[persona])
    url = reverse(case.url_name, kwargs=case.kwargs(cast) if case.kwargs else None)
    if case.method == "get":
        response = client.get(url)
    else:
        response = client.post(url, case.data(cast) if case.data else {})
    assert response.status_code == case.expect[persona]
