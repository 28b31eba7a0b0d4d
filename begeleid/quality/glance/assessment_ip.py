"""Elements 5 and 6 of the model at a glance: assessment policy and who decides;
interprofessional activity and learners' load."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from begeleid.assessment.enums import AssessmentStatus
from begeleid.assessment.models import Assessment, AssessmentPolicy
from begeleid.collaboration.enums import InterprofessionalKind
from begeleid.collaboration.models import InterprofessionalActivity
from begeleid.programmes.enums import Capacity, EnrolmentStatus
from begeleid.programmes.models import Enrolment, Programme, SupervisionAssignment

from .base import (
    Element,
    Finding,
    Scope,
    _aware,
    _team_link,
    link,
)


def assessment(ctx: Scope, e: Element):
    programmes = list(
        Programme.objects.filter(
            organisation=ctx.organisation,
            versions__enrolments__in=Enrolment.objects.filter(
                ctx.scope, status=EnrolmentStatus.ACTIVE
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
                    _("Beoordelingsbeleid vastgelegd voor %(programme)s.") % {"programme": p.name},
                    **link("assessment:policy_detail", p.uuid, obj=p),
                )
            )
        else:
            e.missing.append(
                Finding(
                    _("Geen beoordelingsbeleid vastgelegd voor %(programme)s.")
                    % {"programme": p.name},
                    **link("assessment:policy_edit", p.uuid, obj=p),
                )
            )
    signed = Assessment.objects.filter(
        organisation=ctx.organisation,
        enrolment__team_id__in=ctx.team_ids,
        status=AssessmentStatus.SIGNED,
        signed_at__gte=_aware(ctx.today - datetime.timedelta(days=365)),
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
                _("%(n)s ondertekende besluiten in de afgelopen 12 maanden.") % {"n": row["total"]},
                **link("assessment:assessment_list"),
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
                **link("assessment:assessment_list"),
            )
        )
    elif row["total"]:
        e.in_place.append(
            Finding(_("Geen enkel besluit is genomen door de eigen eerste begeleider."))
        )


def interprofessional(ctx: Scope, e: Element, board):
    kinds = dict(
        InterprofessionalActivity.objects.filter(
            ctx.scope, date__gte=ctx.today - datetime.timedelta(days=365)
        )
        .values("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    seen = _team_link("collaboration:activity_team", ctx.team, "collaboration:activities")
    for kind in InterprofessionalKind:
        if kinds.get(kind.value):
            e.in_place.append(
                Finding(
                    _("%(kind)s: %(n)s activiteiten in de afgelopen 12 maanden.")
                    % {"kind": kind.label, "n": kinds[kind.value]},
                    **seen,
                )
            )
        else:
            e.missing.append(
                Finding(
                    _("Geen activiteit ‘%(kind)s’ in de afgelopen 12 maanden.")
                    % {"kind": kind.label},
                    **link("collaboration:activity_add"),
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
                **link("programmes:enrolment_list"),
            )
        )
    elif board.active_enrolments:
        e.in_place.append(Finding(_("Geen lerende boven de grenzen van belasting.")))
