"""Warm every gunicorn worker up before measuring (loadtest/run.sh).

A worker compiles a page's templates and prepared reads the first time it serves the
page (core.compiled); without a warm-up those first requests land in the measured p99.
Requests each page of the load test a few times per worker, as a logged-in user of its
role (the sessions loadtest/export_users.py wrote).

    python loadtest/warm_up.py USERS_JSON BASE_URL WORKERS
"""

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path


def warm_up(users, base_url, workers):
    pages = {}
    for user in users:
        for key, url in user["urls"].items():
            if user.get("session"):
                pages.setdefault((user["role"], key), (url, user["session"]))
    failed = 0
    for url, session in pages.values():
        for _ in range(workers * 3):
            # Only the http:// base URL run.sh gives (loopback).
            request = urllib.request.Request(  # noqa: S310
                base_url + url, headers={"Cookie": f"sessionid={session}"}
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    response.read()
            except urllib.error.URLError:
                failed += 1
    return len(pages), failed


if __name__ == "__main__":
    users_file, base, worker_count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if not base.startswith("http://"):
        sys.exit("BASE_URL must be http://…")
    count, failed = warm_up(json.loads(Path(users_file).read_text()), base, worker_count)
    print(f"== warmed up {count} pages ({failed} requests failed)")
