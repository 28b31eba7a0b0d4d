"""The coverage page's two tables, each row's cells drawn as one string.

The team table lists per team the statements it does not put into practice, its overdue
agreements and its missing workfloor topics: drawn by template nodes that was a dozen
nodes per cell and most of the page's time. Here each row is written once, in the same
markup, every value escaped as the template escaped it; the template keeps the tables,
their captions and their headers (``labels``, so a header and its cells' ``data-label``
say the same)."""

import uuid as uuidlib
from html import escape  # Django's escape() is this, for a str

from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from begeleid.core.lists import list_date, uuid_url

from ..enums import VisionQuestion, WorkfloorTopic


def labels() -> dict:
    return {
        "statement": gettext("Uitgangspunt"),
        "coverage": gettext("Dekking"),
        "team": gettext("Team"),
        "uncovered": gettext("Nog niet in praktijk"),
        "overdue": gettext("Voorbij de evaluatiedatum"),
        "missing": gettext("Minimum van de werkvloer ontbreekt"),
    }


def statement_rows(coverage, labels) -> list:
    """Per published statement the cells of its row: the statement and how many teams
    put it into practice (a meter, and a warning when none does)."""
    statement, covered_label = escape(labels["statement"]), escape(labels["coverage"])
    questions = {q.value: escape(str(q.label)) for q in VisionQuestion}
    total = localize(coverage.team_count)
    # As {% blocktranslate count %} did: the catalogue's text, the numbers put in.
    text = ngettext(
        "In praktijk gebracht door %(n)s van %(counter)s team",
        "In praktijk gebracht door %(n)s van %(counter)s teams",
        coverage.team_count,
    )
    none = escape(gettext("geen enkel team"))
    rows = []
    for number, (s, covered) in enumerate(coverage.statements, 1):
        n = localize(covered)
        meter = (
            f'<br><meter min="0" max="{total}" value="{n}" aria-labelledby="covered-{number}">'
            f"{n}/{total}</meter>"
            if coverage.team_count
            else ""
        )
        badge = "" if covered else f'<span class="badge badge--danger">{none}</span>'
        rows.append(
            mark_safe(
                f'<th scope="row" data-label="{statement}">{escape(s.title)}<br>'
                f'<span class="muted">{questions.get(s.question) or escape(s.question)}</span></th>\n'
                f'      <td data-label="{covered_label}">\n'
                f'        <span id="covered-{number}">{text % {"n": n, "counter": total}}</span>\n'
                f"        {meter}\n"
                f"        {badge}\n"
                f"      </td>"
            )
        )
    return rows


def team_rows(coverage, labels) -> list:
    """Per team on the page the cells of its row: the team (a link to its agreements)
    and what it has not arranged yet, each a list or a dash."""
    team, uncovered, overdue, missing = (
        escape(labels[key]) for key in ("team", "uncovered", "overdue", "missing")
    )
    # Every row names the same few statements and topics: each escaped once.
    statements = {s.pk: f"<li>{escape(s.title)}</li>" for s, _covered in coverage.statements}
    topics = {t: f"<li>{escape(str(t.label))}</li>" for t in WorkfloorTopic}
    # One URL, each team's UUID put in its place.
    stand_in = str(uuidlib.UUID(int=0))
    link = uuid_url("collaboration:team_agreements", stand_in)
    rows = []
    for row in coverage.page:
        url = escape(link.replace(stand_in, str(row.team.uuid)))
        late = (
            f"<li>{escape(a.title)} ({escape(list_date(a.review_date, 'j M Y'))})</li>"
            for a in row.overdue
        )
        rows.append(
            mark_safe(
                f'<th scope="row" data-label="{team}"><a href="{url}">{escape(row.team.name)}</a></th>\n'
                f'      <td data-label="{uncovered}">{_listed(statements[s.pk] for s in row.uncovered)}</td>\n'
                f'      <td data-label="{overdue}">{_listed(late)}</td>\n'
                f'      <td data-label="{missing}">{_listed(topics[t] for t in row.missing)}</td>'
            )
        )
    return rows


def _listed(items) -> str:
    html = "".join(items)
    return f'<ul class="list-compact">{html}</ul>' if html else "–"
