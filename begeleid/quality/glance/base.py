"""The model at a glance: what every element builder shares (the findings, the elements,
the scope being looked at, and small helpers)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
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


# The permission each linked page checks first (its view's own check), so a finding
# links only for whoever may open the page, decided by rules without running the view.
# None: every signed-in person may open it (the page lists their own rows).
PERMISSIONS = {
    "assessment:assessment_list": None,
    "assessment:policy_detail": "assessment.view_policy",
    "assessment:policy_edit": "assessment.manage_policy",
    "collaboration:activities": "collaboration.view_activity_list",
    "collaboration:activity_add": "collaboration.add_activity",
    "collaboration:activity_team": "collaboration.view_team_interprofessional",
    "collaboration:agreement_add": "collaboration.manage_team_agreements",
    "collaboration:agreement_coverage": "collaboration.view_coverage",
    "collaboration:agreement_edit": "collaboration.manage_team_agreements",
    "collaboration:meeting_add": "collaboration.manage_meeting",
    "collaboration:meetings": "collaboration.view_meeting_list",
    "collaboration:team_agreements": "collaboration.view_team_agreements",
    "collaboration:vision": None,
    "collaboration:vision_versions": "collaboration.manage_vision",
    "guidance:moment_list": None,
    "guidance:moment_plan": "guidance.plan_moments",
    "guidance:team_capacity": "guidance.view_team_capacity",
    "organisations:people": "organisations.manage_organisation",
    "programmes:enrol": "programmes.enrol_learner",
    "programmes:enrolment_list": "programmes.view_enrolment_list",
    "quality:calibration_add": "quality.add_calibration_session",
    "quality:calibration_sessions": "quality.view_calibration_list",
    "quality:calibration_trend": "quality.view_calibration_trend",
    "quality:organisation_dashboard": "quality.view_organisation_dashboard",
    "quality:survey_home": "quality.view_survey_list",
    "quality:team_dashboard": "quality.view_team_dashboard",
}

# In the organisation's glance a finding about many teams names this many of them.
SHOWN_TEAMS = 3


@dataclass(frozen=True)
class Finding:
    """What is in place or missing; with a link to where it is seen or fixed, and the
    permission (and its object) the linked page checks, so the link is shown only to
    whoever may open it (``perm`` empty: everyone signed in)."""

    text: str
    url: str = ""
    perm: str = ""
    obj: object = field(default=None, compare=False, repr=False)


def link(name, *args, obj=None) -> dict:
    """The keyword arguments of a Finding that links to the named page: its URL, the
    permission its view checks and the object it checks it on (a team, a programme)."""
    return {"url": reverse(name, args=args), "perm": PERMISSIONS[name] or "", "obj": obj}


def team_names(teams) -> str:
    """The first few team names, and how many more: 'A, B, C en nog 17'."""
    names = ", ".join(t.name for t in teams[:SHOWN_TEAMS])
    rest = len(teams) - SHOWN_TEAMS
    if rest > 0:
        return _("%(names)s en nog %(n)s") % {"names": names, "n": rest}
    return names


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


def _aware(day):
    """Midnight at the start of the day, in the current time zone."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def _date(day):
    return date_format(day, "j F Y")


def _team_link(name, team, fallback):
    """The team's page for a single team; the organisation's page otherwise."""
    return link(name, team.uuid, obj=team) if team is not None else link(fallback)


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
    def dashboard(self):
        return _team_link("quality:team_dashboard", self.team, "quality:organisation_dashboard")
