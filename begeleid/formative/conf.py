"""Tunable limits of the formative loop, overridable in settings (all have safe defaults)."""

from django.conf import settings


def edit_window_hours() -> int:
    # How long the author of feedback may still correct it; history is kept in revisions.
    return int(getattr(settings, "FEEDBACK_EDIT_WINDOW_HOURS", 24))


def request_valid_days() -> int:
    return int(getattr(settings, "FEEDBACK_REQUEST_VALID_DAYS", 14))


def reminder_after_days() -> int:
    # The one automatic reminder goes out when half of the validity has passed.
    return int(getattr(settings, "FEEDBACK_REQUEST_REMINDER_AFTER_DAYS", 7))


def max_open_external_requests() -> int:
    return int(getattr(settings, "FEEDBACK_REQUEST_MAX_OPEN_EXTERNAL", 10))


def max_requests_per_day() -> int:
    return int(getattr(settings, "FEEDBACK_REQUEST_MAX_PER_DAY", 20))


def max_open_requests_per_address() -> int:
    return int(getattr(settings, "FEEDBACK_REQUEST_MAX_OPEN_PER_ADDRESS", 3))


def upload_max_bytes() -> int:
    return int(getattr(settings, "FORMATIVE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def site_url() -> str:
    # Links in e-mails must be absolute; requests are not available in commands.
    return getattr(settings, "SITE_URL", "http://localhost:8000").rstrip("/")
