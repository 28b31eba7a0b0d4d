import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from begeleid.organisations.queries import get_team_for

from .. import queries


@require_GET
def register_list(request):
    if not request.user.has_perm("assessment.view_register"):
        raise PermissionDenied
    page = queries.register_page(request.user, request.GET.get("page"))
    return render(request, "assessment/register_list.html", {"page": page})


@require_GET
def team_matrix(request, uuid):
    team = get_team_for(request.user, uuid)
    if not request.user.has_perm("assessment.view_team_matrix", team):
        raise PermissionDenied
    today = timezone.localdate()
    people, competences, cells = queries.team_matrix(team, today)
    for declaration in cells.values():
        declaration.status_today = declaration.status_on(today)
    rows = [(p, [(c, cells.get((p.pk, c.pk))) for c in competences]) for p in people]
    context = {"team": team, "competences": competences, "rows": rows, "today": today}
    return render(request, "assessment/team_matrix.html", context)


@require_GET
def register_export(request):
    if not request.user.has_perm("assessment.export_register"):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bekwaamheidsregister.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(
        ["person", "email", "employee_number", "competence_code", "competence",
         "valid_from", "valid_until", "status", "decision", "revoke_reason"]
    )  # fmt: skip
    today = timezone.localdate()
    for d in queries.declarations_for(request.user).iterator(chunk_size=1000):
        writer.writerow(
            [
                d.person.full_name,
                d.person.email,
                d.person.employee_number,
                d.competence.code,
                d.competence.title,
                d.valid_from.isoformat(),
                d.valid_until.isoformat() if d.valid_until else "",
                d.status_on(today),
                str(d.decision.uuid) if d.decision_id else "",
                d.revoke_reason,
            ]
        )
    return response
