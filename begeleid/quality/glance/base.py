"""The model at a glance: what every element builder shares (the findings, the elements,
the scope being looked at, and small helpers)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from begeleid.organisations.models import Team

RECENT_WEEKS = 12
CALIBRATION_MONTHS = 12
MIN_REALISED_PERCENT = 80

# The seven elements of the seed model, in its order, with one line on what each asks.
ELEMENTS = [
    (
        gettext_lazy("Visie op leren en begeleiden"),
        gettext_lazy("Een gedeelde visie, vertaald naar teamafspraken."),
    ),
    (
        gettext_lazy("Rollen en verantwoordelijkheden"),
        gettext_lazy("Wie begeleidt wie, wat er op de werkvloer minimaal helder is, en overleg."),
    ),
    (
        gettext_lazy("Fasen van leren"),
        gettext_lazy("Socialisatie, instructie, exploratie en evaluatie, in balans."),
    ),
    (
        gettext_lazy("Vormen van begeleiding"),
        gettext_lazy(
            "Een mix van instructie, coaching-on-the-job, meeloopdagen, reflectie en intervisie."
        ),
    ),
    (
        gettext_lazy("Begeleiden en beoordelen"),
        gettext_lazy("Vastgelegd beoordelingsbeleid, en wie begeleidt beslist niet zelf."),
    ),
    (
        gettext_lazy("Interprofessioneel opleiden"),
        gettext_lazy("Met, van en over elkaar leren, zonder lerenden te overvragen."),
    ),
    (
        gettext_lazy("Professionalisering en borging"),
        gettext_lazy("Erkende begeleiders, kalibratie, evaluatie, tijd en budget."),
    ),
]


@dataclass(frozen=True)
class Finding:
    text: str
    url: str = ""


@dataclass
class Element:
    number: int
    title: str
    summary: str
    in_place: list[Finding] = field(default_factory=list)
    missing: list[Finding] = field(default_factory=list)


@dataclass
class Glance:
    organisation: object
    team: object
    today: datetime.date
    elements: list[Element]

    @property
    def scope_name(self):
        return self.team.name if self.team else self.organisation.name


def _teams(organisation, team):
    """The workfloor teams of the scope (departments that only hold wards are left out)."""
    if team is not None:
        return [team]
    return list(
        Team.objects.filter(
            organisation=organisation, is_active=True, children__isnull=True
        ).order_by("name", "id")
    )


def _url(name, *args):
    return reverse(name, args=args)


def _date(day):
    return date_format(day, "j F Y")


def _team_url(name, team, fallback):
    return _url(name, team.uuid) if team is not None else _url(fallback)


class Scope:
    """What the element builders look at: one organisation, or one team of it, on a day."""

    def __init__(self, organisation, team, today, now):
        self.organisation = organisation
        self.team = team
        self.today = today
        self.now = now
        self.teams = _teams(organisation, team)
        self.team_ids = [t.pk for t in self.teams]
        self.scope = Q(organisation_id=organisation.pk, team_id__in=self.team_ids)
        self.since = today - datetime.timedelta(weeks=RECENT_WEEKS)

    @property
    def dashboard_url(self):
        if self.team is not None:
            return _url("quality:team_dashboard", self.team.uuid)
        return _url("quality:organisation_dashboard")
