"""Counting queries for the 'does not grow with the data' tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fn, *args, **kwargs) -> int:
    """Run ``fn`` and return how many SQL queries it made (asserting a 2xx/3xx answer)."""
    with CaptureQueriesContext(connection) as context:
        result = fn(*args, **kwargs)
    status = getattr(result, "status_code", 200)
    assert status < 400, f"request failed with {status}"
    return len(context.captured_queries)
