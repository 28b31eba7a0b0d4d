"""Dashboards and the model at a glance, served from a snapshot.

Their figures aggregate everything in the scope: for a hospital group that is a second of
database work, too much to repeat on every page view, and figures for a quality cycle do
not change by the minute. So each scope's dashboard and glance are built once, kept in the
shared cache with the moment they were computed (``computed_at``, shown on the page), and
served from there for ``QUALITY_SNAPSHOT_SECONDS`` (default ten minutes). The worker's
``manage.py refresh_dashboards`` rebuilds the organisations' snapshots ahead of time, so
HR does not wait; a team's is built at its first view. Anyone who may see a page can ask
for fresh figures ("Nu bijwerken"); a snapshot younger than ``MIN_REFRESH_SECONDS`` is
not rebuilt again.

A snapshot is per scope and per language (the charts carry translated labels). Whether
the viewer may follow a glance finding's link is decided per request, after the snapshot
(``views_dashboards._links_they_can_open``): the snapshot holds every finding.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from .dashboards import build_dashboard
from .glance import build_glance

DEFAULT_SECONDS = 600
MIN_REFRESH_SECONDS = 30
VERSION = 1  # bump when the shape of a dashboard or glance changes


@dataclass
class Snapshot:
    value: object
    computed_at: datetime.datetime

    @property
    def age_seconds(self) -> float:
        return (timezone.now() - self.computed_at).total_seconds()


def max_age() -> int:
    return int(getattr(settings, "QUALITY_SNAPSHOT_SECONDS", DEFAULT_SECONDS))


def _key(kind, organisation_id, team) -> str:
    team_id = team.pk if team is not None else 0
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"quality:snapshot:{VERSION}:{kind}:{organisation_id}:{team_id}:{language}"


def _snapshot(kind, organisation_id, team, build, refresh) -> Snapshot:
    key = _key(kind, organisation_id, team)
    kept = cache.get(key)
    if kept is not None and not (refresh and kept.age_seconds >= MIN_REFRESH_SECONDS):
        return kept
    snapshot = Snapshot(build(), timezone.now())
    cache.set(key, snapshot, max_age())
    return snapshot


def dashboard(*, organisation_id, team=None, refresh=False) -> Snapshot:
    """The dashboard of ``team`` or of the whole organisation, as last computed."""
    return _snapshot(
        "dashboard",
        organisation_id,
        team,
        lambda: build_dashboard(organisation_id=organisation_id, team=team).for_page(),
        refresh,
    )


def glance(*, organisation, team=None, refresh=False) -> Snapshot:
    """The model at a glance of ``team`` or the organisation, as last computed."""
    return _snapshot(
        "glance",
        organisation.pk,
        team,
        lambda: build_glance(organisation=organisation, team=team),
        refresh,
    )


def refresh_organisations(organisations) -> int:
    """Rebuild every organisation's dashboard and glance in every language (the worker)."""
    built = 0
    for organisation in organisations:
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for key in (
                    _key("dashboard", organisation.pk, None),
                    _key("glance", organisation.pk, None),
                ):
                    cache.delete(key)
                dashboard(organisation_id=organisation.pk)
                glance(organisation=organisation)
                built += 2
    return built
