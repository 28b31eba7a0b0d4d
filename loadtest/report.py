"""Summarise a load-test run from the per-request samples the locustfile wrote.

``python loadtest/report.py SAMPLES.csv [SUMMARY.json]`` prints requests/s, p50/p95/p99
and errors per page, for all pages (everything but logging in), for all requests, and
for the steady state: the pages requested after the last user had logged in and after
the start (``LOAD_SETTLE`` seconds from the first request, default 0), in which the users
are started one after the other and each opens their pages for the first time.
"""

import csv
import json
import os
import statistics
import sys
from pathlib import Path

LOGIN = ("login", "login (form)")


def percentile(values, pct):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def summarise(rows, duration):
    times = sorted(float(r["ms"]) for r in rows)
    if not times:
        return None
    return {
        "requests": len(times),
        "rps": round(len(times) / duration, 1),
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "p99_ms": round(percentile(times, 99), 1),
        "errors": sum(1 for r in rows if r["ok"] != "1"),
    }


def report(samples_path, settle=0.0):
    with Path(samples_path).open(encoding="utf-8") as samples:
        rows = list(csv.DictReader(samples))
    if not rows:
        raise SystemExit("no requests were made")
    at = [float(r["at"]) for r in rows]
    end = max(at)
    duration = max(end - min(at), 1.0)
    pages = [r for r in rows if r["name"] not in LOGIN]
    # Logging in hashes the password on purpose (about a second of CPU each); a shift logs
    # in once. The headline is the steady state: pages requested after the last login.
    last_login = max((float(r["at"]) for r in rows if r["name"] in LOGIN), default=min(at))
    steady_from = max(last_login, min(at) + settle)
    steady = [r for r in pages if float(r["at"]) > steady_from]
    start = [r for r in pages if float(r["at"]) <= steady_from]
    summary = {
        "duration_s": round(duration, 1),
        "steady_s": round(end - steady_from, 1),
        "settle_s": settle,
        "start_pages": summarise(start, max(steady_from - min(at), 1.0)),
        "steady_pages": summarise(steady, max(end - steady_from, 1.0)),
        "pages": summarise(pages, duration),
        "all": summarise(rows, duration),
        "per_page": {
            name: summarise([r for r in rows if r["name"] == name], duration)
            for name in sorted({r["name"] for r in rows})
        },
    }
    return summary


def lines(summary):
    head = f"{'':<24} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}"
    out = [head]

    def row(label, s):
        out.append(
            f"{label[:24]:<24} {s['requests']:>8} {s['rps']:>7} {s['p50_ms']:>7} "
            f"{s['p95_ms']:>7} {s['p99_ms']:>7} {s['errors']:>6}"
        )

    for name, s in summary["per_page"].items():
        row(name, s)
    if summary["pages"]:
        row("ALL PAGES (no login)", summary["pages"])
    row("ALL REQUESTS", summary["all"])
    if summary["settle_s"] and summary["start_pages"]:
        row("START PAGES", summary["start_pages"])
    if summary["steady_pages"]:
        row("STEADY PAGES", summary["steady_pages"])
        out.append(
            f"(steady: the {summary['steady_s']} s after the last login and the first "
            f"{summary['settle_s']:g} s, of {summary['duration_s']} s)"
        )
    return out


if __name__ == "__main__":
    result = report(sys.argv[1], settle=float(os.environ.get("LOAD_SETTLE", "0")))
    print("\n".join(lines(result)))
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
