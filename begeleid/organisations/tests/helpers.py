"""Small helpers shared by the organisations tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for_get(client, url) -> int:
    """The number of database queries one GET of ``url`` costs (and it must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)
