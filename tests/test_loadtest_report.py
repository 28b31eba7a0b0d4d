"""The load test's report (loadtest/report.py): what counts as the steady state."""

import csv
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("load_report", ROOT / "loadtest" / "report.py")
report = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(report)


def _samples(path, rows):
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["at", "name", "ms", "ok"])
        writer.writerows(rows)
    return path


def test_the_start_is_reported_apart_from_the_steady_state(tmp_path):
    # 30 s of one page a second: slow in the first 10 s (every page built), fast after.
    rows = [(1000 + t, "learner home", 900 if t < 10 else 10, 1) for t in range(31)]
    summary = report.report(_samples(tmp_path / "s.csv", rows), settle=10)
    assert summary["start_pages"]["requests"] == 11
    assert summary["steady_pages"]["requests"] == 20
    assert summary["steady_pages"]["p95_ms"] == 10
    assert summary["start_pages"]["p50_ms"] == 900
    assert summary["pages"]["requests"] == 31
    assert summary["steady_s"] == 20
    lines = "\n".join(report.lines(summary))
    assert "START PAGES" in lines and "the first 10 s" in lines


def test_without_settling_the_steady_state_starts_after_the_last_login(tmp_path):
    rows = [(1000, "login", 800, 1), (1001, "learner home", 20, 1), (1002, "own timeline", 30, 0)]
    summary = report.report(_samples(tmp_path / "s.csv", rows))
    assert summary["steady_pages"]["requests"] == 2
    assert summary["steady_pages"]["errors"] == 1
    assert summary["all"]["requests"] == 3
    assert "START PAGES" not in "\n".join(report.lines(summary))
