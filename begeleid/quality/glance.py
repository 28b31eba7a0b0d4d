"""'Ons begeleidingsmodel' at a glance: the seven elements, each with what is in place
according to live data, what is missing or out of date, and where it is fixed.

One organisation or one team; a fixed number of queries whatever its size.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from begeleid.assessment.enums import AssessmentStatus
from begeleid.assessment.models import Assessment, AssessmentPolicy
from begeleid.collaboration.enums import AgreementStatus, InterprofessionalKind, VisionStatus
from begeleid.collaboration.models import InterprofessionalActivity, TeamAgreement, Vision
from begeleid.collaboration.queries import cadence_status, missing_minimum
from begeleid.guidance.enums import MomentStatus
from begeleid.guidance.models import GuidanceMoment
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership, Team
from begeleid.organisations.queries import active_today_q
from begeleid.programmes.enums import Capacity, EnrolmentStatus, GuidanceForm
from begeleid.programmes.models import Enrolment, Programme, SupervisionAssignment

from . import dashboards
from .enums import SessionStatus
from .models import CalibrationSession
from .queries_development import SUPERVISING_ROLES, _recognitions

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


class _Builder:
    def __init__(self, organisation, team, today, now):
        self.organisation = organisation
        self.team = team
        self.today = today
        self.now = now
        self.teams = _teams(organisation, team)
        self.team_ids = [t.pk for t in self.teams]
        self.scope = Q(organisation_id=organisation.pk, team_id__in=self.team_ids)
        self.since = today - datetime.timedelta(weeks=RECENT_WEEKS)

    # 1 ----------------------------------------------------------------- vision
    def vision(self, e: Element):
        vision = (
            Vision.objects.filter(organisation=self.organisation, status=VisionStatus.PUBLISHED)
            .prefetch_related("statements")
            .first()
        )
        if vision is None:
            e.missing.append(
                Finding(_("Er is geen gepubliceerde visie."), _url("collaboration:vision_versions"))
            )
        else:
            statements = list(vision.statements.all())
            e.in_place.append(
                Finding(
                    _(
                        "Visie ‘%(title)s’ (versie %(n)s) gepubliceerd op %(date)s, %(count)s uitgangspunten."
                    )
                    % {
                        "title": vision.title,
                        "n": vision.number,
                        "date": _date(timezone.localdate(vision.published_at)),
                        "count": len(statements),
                    },
                    _url("collaboration:vision"),
                )
            )
            covered = set(
                TeamAgreement.statements.through.objects.filter(
                    teamagreement__team_id__in=self.team_ids,
                    teamagreement__status=AgreementStatus.ACTIVE,
                    visionstatement__lineage__in=[s.lineage for s in statements],
                ).values_list("visionstatement__lineage", flat=True)
            )
            fix = _team_url(
                "collaboration:team_agreements", self.team, "collaboration:agreement_coverage"
            )
            done = [s for s in statements if s.lineage in covered]
            if done:
                e.in_place.append(
                    Finding(
                        _("%(done)s van %(all)s uitgangspunten zijn uitgewerkt in teamafspraken.")
                        % {"done": len(done), "all": len(statements)},
                        fix,
                    )
                )
            for s in statements:
                if s.lineage not in covered:
                    e.missing.append(
                        Finding(
                            _("Uitgangspunt ‘%(title)s’ staat in geen geldende teamafspraak.")
                            % {"title": s.title},
                            fix,
                        )
                    )
        overdue = list(
            TeamAgreement.objects.filter(
                team_id__in=self.team_ids, status=AgreementStatus.ACTIVE, review_date__lt=self.today
            )
            .select_related("team")
            .order_by("review_date", "id")
        )
        for agreement in overdue:
            e.missing.append(
                Finding(
                    _(
                        "Teamafspraak ‘%(title)s’ (%(team)s) had op %(date)s geëvalueerd moeten worden."
                    )
                    % {
                        "title": agreement.title,
                        "team": agreement.team.name,
                        "date": _date(agreement.review_date),
                    },
                    _url("collaboration:agreement_edit", agreement.uuid),
                )
            )

    # 2 ----------------------------------------------------------------- roles
    def roles(self, e: Element):
        led = set(
            Membership.objects.filter(
                active_today_q(),
                team_id__in=self.team_ids,
                role__in=[Role.TEAM_LEADER, Role.COORDINATOR],
            ).values_list("team_id", flat=True)
        )
        if led:
            e.in_place.append(
                Finding(
                    ngettext(
                        "%(n)s team heeft een teamleider of coördinator.",
                        "%(n)s teams hebben een teamleider of coördinator.",
                        len(led),
                    )
                    % {"n": len(led)}
                )
            )
        for t in self.teams:
            if t.pk not in led:
                e.missing.append(
                    Finding(
                        _("%(team)s heeft geen teamleider of coördinator.") % {"team": t.name},
                        _url("organisations:people"),
                    )
                )
        first = SupervisionAssignment.objects.active(self.today).filter(
            enrolment=OuterRef("pk"), capacity=Capacity.FIRST_SUPERVISOR
        )
        row = (
            Enrolment.objects.filter(self.scope, status=EnrolmentStatus.ACTIVE)
            .annotate(has_first=Exists(first))
            .aggregate(total=Count("id"), with_first=Count("id", filter=Q(has_first=True)))
        )
        enrolments_url = _url("programmes:enrolment_list")
        if row["with_first"]:
            e.in_place.append(
                Finding(
                    _("%(n)s van %(all)s actieve leertrajecten hebben een eerste begeleider.")
                    % {"n": row["with_first"], "all": row["total"]},
                    enrolments_url,
                )
            )
        if row["total"] - row["with_first"]:
            e.missing.append(
                Finding(
                    ngettext(
                        "%(n)s actief leertraject heeft geen eerste begeleider.",
                        "%(n)s actieve leertrajecten hebben geen eerste begeleider.",
                        row["total"] - row["with_first"],
                    )
                    % {"n": row["total"] - row["with_first"]},
                    enrolments_url,
                )
            )
        gaps = missing_minimum(self.team_ids)
        complete = [t for t in self.teams if not gaps[t.pk]]
        if complete:
            e.in_place.append(
                Finding(
                    ngettext(
                        "%(n)s team heeft de werkvloer-minimumafspraken compleet.",
                        "%(n)s teams hebben de werkvloer-minimumafspraken compleet.",
                        len(complete),
                    )
                    % {"n": len(complete)}
                )
            )
        for t in self.teams:
            if gaps[t.pk]:
                e.missing.append(
                    Finding(
                        _("%(team)s: geen afspraak over %(topics)s.")
                        % {
                            "team": t.name,
                            "topics": "; ".join(str(x.label).lower() for x in gaps[t.pk]),
                        },
                        _url("collaboration:agreement_add", t.uuid),
                    )
                )
        for c in cadence_status(self.team_ids):
            if c.lapsed:
                e.missing.append(
                    Finding(
                        _(
                            "%(team)s: %(kind)s is niet gehouden in het afgesproken ritme van %(weeks)s weken."
                        )
                        % {"team": c.team.name, "kind": c.kind_label, "weeks": c.every_weeks},
                        _url("collaboration:meeting_add", c.team.uuid),
                    )
                )
            else:
                e.in_place.append(
                    Finding(
                        _("%(team)s: %(kind)s volgens ritme, laatst op %(date)s.")
                        % {"team": c.team.name, "kind": c.kind_label, "date": _date(c.last_date)},
                        _url("collaboration:meetings"),
                    )
                )

    # 3 ----------------------------------------------------------------- phases
    def phases(self, e: Element, board):
        in_use = [(label, n) for label, n in board.phases if n]
        if in_use:
            e.in_place.append(
                Finding(
                    _("Lerenden per fase: %(phases)s.")
                    % {"phases": ", ".join(f"{label} {n}" for label, n in in_use)},
                    _url("programmes:enrolment_list"),
                )
            )
        else:
            e.missing.append(
                Finding(_("Er zijn geen actieve leertrajecten."), _url("programmes:enrol"))
            )
        balanced = board.active_enrolments - board.balance_breaches
        if board.active_enrolments and balanced:
            e.in_place.append(
                Finding(
                    _(
                        "%(n)s van %(all)s leertrajecten hebben een evenwichtige mix van begeleiding."
                    )
                    % {"n": balanced, "all": board.active_enrolments},
                    _url("programmes:enrolment_list"),
                )
            )
        if board.balance_breaches:
            e.missing.append(
                Finding(
                    ngettext(
                        "%(n)s leertraject is uit balans (een vorm ontbreekt of overheerst).",
                        "%(n)s leertrajecten zijn uit balans (een vorm ontbreekt of overheerst).",
                        board.balance_breaches,
                    )
                    % {"n": board.balance_breaches},
                    _url("programmes:enrolment_list"),
                )
            )

    # 4 ----------------------------------------------------------------- forms
    def forms(self, e: Element):
        per_team = defaultdict(dict)
        for team_id, form, n in (
            GuidanceMoment.objects.filter(
                self.scope,
                starts_at__gte=dashboards._aware(self.since),
                starts_at__lt=dashboards._aware(self.today + datetime.timedelta(days=1)),
            )
            .exclude(status=MomentStatus.CANCELLED)
            .values("team_id", "form")
            .annotate(n=Count("id"))
            .values_list("team_id", "form", "n")
        ):
            per_team[team_id][form] = n
        for form in GuidanceForm:
            total = sum(forms.get(form.value, 0) for forms in per_team.values())
            if total:
                e.in_place.append(
                    Finding(
                        _("%(form)s: %(n)s momenten in de afgelopen %(weeks)s weken.")
                        % {"form": form.label, "n": total, "weeks": RECENT_WEEKS},
                        _url("guidance:moment_list"),
                    )
                )
        for t in self.teams:
            absent = [f.label for f in GuidanceForm if not per_team[t.pk].get(f.value)]
            if absent:
                e.missing.append(
                    Finding(
                        _("%(team)s: geen %(forms)s in de afgelopen %(weeks)s weken.")
                        % {
                            "team": t.name,
                            "forms": ", ".join(map(str, absent)),
                            "weeks": RECENT_WEEKS,
                        },
                        _url("guidance:moment_plan"),
                    )
                )

    # 5 ----------------------------------------------------------------- assessment
    def assessment(self, e: Element):
        programmes = list(
            Programme.objects.filter(
                organisation=self.organisation,
                versions__enrolments__in=Enrolment.objects.filter(
                    self.scope, status=EnrolmentStatus.ACTIVE
                ),
            )
            .annotate(has_policy=Exists(AssessmentPolicy.objects.filter(programme=OuterRef("pk"))))
            .distinct()
            .order_by("name", "id")
        )
        for p in programmes:
            if p.has_policy:
                e.in_place.append(
                    Finding(
                        _("Beoordelingsbeleid vastgelegd voor %(programme)s.")
                        % {"programme": p.name},
                        _url("assessment:policy_detail", p.uuid),
                    )
                )
            else:
                e.missing.append(
                    Finding(
                        _("Geen beoordelingsbeleid vastgelegd voor %(programme)s.")
                        % {"programme": p.name},
                        _url("assessment:policy_edit", p.uuid),
                    )
                )
        signed = Assessment.objects.filter(
            organisation=self.organisation,
            enrolment__team_id__in=self.team_ids,
            status=AssessmentStatus.SIGNED,
            signed_at__gte=dashboards._aware(self.today - datetime.timedelta(days=365)),
        )
        own_supervisor = Exists(
            SupervisionAssignment.objects.filter(
                enrolment=OuterRef("enrolment"),
                person=OuterRef("assessor"),
                capacity=Capacity.FIRST_SUPERVISOR,
            )
        )
        row = signed.annotate(by_own=own_supervisor).aggregate(
            total=Count("id"),
            breaches=Count(
                "id",
                filter=Q(by_own=True)
                & ~Q(
                    enrolment__version__programme__assessment_policy__first_supervisor_may_decide=True
                ),
            ),
        )
        if row["total"]:
            e.in_place.append(
                Finding(
                    _("%(n)s ondertekende besluiten in de afgelopen 12 maanden.")
                    % {"n": row["total"]},
                    _url("assessment:assessment_list"),
                )
            )
        if row["breaches"]:
            e.missing.append(
                Finding(
                    ngettext(
                        "%(n)s besluit is genomen door de eigen eerste begeleider, tegen het beleid in.",
                        "%(n)s besluiten zijn genomen door de eigen eerste begeleider, tegen het beleid in.",
                        row["breaches"],
                    )
                    % {"n": row["breaches"]},
                    _url("assessment:assessment_list"),
                )
            )
        elif row["total"]:
            e.in_place.append(
                Finding(_("Geen enkel besluit is genomen door de eigen eerste begeleider."))
            )

    # 6 ----------------------------------------------------------------- interprofessional
    def interprofessional(self, e: Element, board):
        kinds = dict(
            InterprofessionalActivity.objects.filter(
                self.scope, date__gte=self.today - datetime.timedelta(days=365)
            )
            .values("kind")
            .annotate(n=Count("id"))
            .values_list("kind", "n")
        )
        url = _team_url("collaboration:activity_team", self.team, "collaboration:activities")
        for kind in InterprofessionalKind:
            if kinds.get(kind.value):
                e.in_place.append(
                    Finding(
                        _("%(kind)s: %(n)s activiteiten in de afgelopen 12 maanden.")
                        % {"kind": kind.label, "n": kinds[kind.value]},
                        url,
                    )
                )
            else:
                e.missing.append(
                    Finding(
                        _("Geen activiteit ‘%(kind)s’ in de afgelopen 12 maanden.")
                        % {"kind": kind.label},
                        _url("collaboration:activity_add"),
                    )
                )
        if board.load_breaches:
            e.missing.append(
                Finding(
                    ngettext(
                        "%(n)s lerende wordt overvraagd (te veel begeleiders, uren of verzoeken).",
                        "%(n)s lerenden worden overvraagd (te veel begeleiders, uren of verzoeken).",
                        board.load_breaches,
                    )
                    % {"n": board.load_breaches},
                    _url("programmes:enrolment_list"),
                )
            )
        elif board.active_enrolments:
            e.in_place.append(Finding(_("Geen lerende boven de grenzen van belasting.")))

    # 7 ----------------------------------------------------------------- professionalisation
    def professionalisation(self, e: Element, board):
        supervisors = set(
            Membership.objects.filter(
                active_today_q(), team_id__in=self.team_ids, role__in=list(SUPERVISING_ROLES)
            ).values_list("person_id", flat=True)
        )
        recognised = set(_recognitions(supervisors, self.today).values_list("person_id", flat=True))
        if recognised:
            e.in_place.append(
                Finding(
                    _("%(n)s van %(all)s begeleiders zijn erkend begeleider.")
                    % {"n": len(recognised), "all": len(supervisors)}
                )
            )
        if len(supervisors) - len(recognised):
            e.missing.append(
                Finding(
                    ngettext(
                        "%(n)s begeleider is nog niet erkend.",
                        "%(n)s begeleiders zijn nog niet erkend.",
                        len(supervisors) - len(recognised),
                    )
                    % {"n": len(supervisors) - len(recognised)}
                )
            )
        last = dict(
            CalibrationSession.objects.filter(self.scope, status=SessionStatus.CLOSED)
            .values("team_id")
            .annotate(last=Max("held_on"))
            .values_list("team_id", "last")
        )
        recent = self.today - datetime.timedelta(days=365 * CALIBRATION_MONTHS // 12)
        for t in self.teams:
            if last.get(t.pk) and last[t.pk] >= recent:
                e.in_place.append(
                    Finding(
                        _("%(team)s: laatste kalibratiesessie op %(date)s.")
                        % {"team": t.name, "date": _date(last[t.pk])},
                        _url("quality:calibration_trend", t.uuid),
                    )
                )
            else:
                e.missing.append(
                    Finding(
                        _("%(team)s: geen kalibratiesessie in de afgelopen 12 maanden.")
                        % {"team": t.name},
                        _url("quality:calibration_add", t.uuid),
                    )
                )
        if board.survey is not None:
            e.in_place.append(
                Finding(
                    _("Evaluatie begeleiding: %(n)s reacties in het afgelopen jaar.")
                    % {"n": board.survey.response_count},
                    self.dashboard_url,
                )
            )
        else:
            e.missing.append(
                Finding(
                    _("Evaluatie begeleiding: te weinig reacties (minder dan %(k)s) om te tonen.")
                    % {"k": board.survey_threshold},
                    self.dashboard_url,
                )
            )
        for row in board.time_rows:
            capacity = _url("guidance:team_capacity", row.team.uuid)
            if not row.reserved_hours:
                e.missing.append(
                    Finding(
                        _("%(team)s: geen begeleidingstijd gereserveerd.")
                        % {"team": row.team.name},
                        capacity,
                    )
                )
            elif (row.realised_percent or 0) < MIN_REALISED_PERCENT:
                e.missing.append(
                    Finding(
                        _("%(team)s: %(pct)s%% van de gereserveerde begeleidingstijd gerealiseerd.")
                        % {"team": row.team.name, "pct": row.realised_percent},
                        capacity,
                    )
                )
            else:
                e.in_place.append(
                    Finding(
                        _("%(team)s: %(pct)s%% van de gereserveerde begeleidingstijd gerealiseerd.")
                        % {"team": row.team.name, "pct": row.realised_percent},
                        capacity,
                    )
                )
        with_budget = {r.team.pk: r for r in board.time_rows if r.budget is not None}
        for t in self.teams:
            row = with_budget.get(t.pk)
            if row is None:
                e.missing.append(
                    Finding(
                        _("%(team)s: geen scholingsbudget voor %(year)s.")
                        % {"team": t.name, "year": self.today.year},
                        self.dashboard_url,
                    )
                )
            elif row.remaining is not None and row.remaining < 0:
                e.missing.append(
                    Finding(
                        _("%(team)s: scholingsbudget %(year)s overschreden.")
                        % {"team": t.name, "year": self.today.year},
                        self.dashboard_url,
                    )
                )
            else:
                e.in_place.append(
                    Finding(
                        _("%(team)s: scholingsbudget %(year)s vastgesteld, € %(left)s over.")
                        % {"team": t.name, "year": self.today.year, "left": row.remaining},
                        self.dashboard_url,
                    )
                )

    @property
    def dashboard_url(self):
        if self.team is not None:
            return _url("quality:team_dashboard", self.team.uuid)
        return _url("quality:organisation_dashboard")


def build_glance(*, organisation, team=None, now=None) -> Glance:
    now = now or timezone.now()
    today = timezone.localdate(now)
    builder = _Builder(organisation, team, today, now)
    board = dashboards.build_dashboard(organisation=organisation, team=team, now=now)
    elements = [
        Element(i + 1, str(title), str(summary)) for i, (title, summary) in enumerate(ELEMENTS)
    ]
    builder.vision(elements[0])
    builder.roles(elements[1])
    builder.phases(elements[2], board)
    builder.forms(elements[3])
    builder.assessment(elements[4])
    builder.interprofessional(elements[5], board)
    builder.professionalisation(elements[6], board)
    return Glance(organisation, team, today, elements)
