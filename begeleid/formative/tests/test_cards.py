"""The cards of the record (formative.cards): the markup the timeline and a release draw,
every value escaped, long texts shortened as ``truncatechars:280`` does."""

import datetime

from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.text import Truncator

from begeleid.formative.cards import Cards
from begeleid.formative.links import Rating
from begeleid.formative.models import Feedback
from begeleid.guidance.models import GuidanceMoment


def _at():
    return timezone.make_aware(datetime.datetime(2026, 3, 4, 9, 5))


def test_feedback_card_of_an_outsider_escapes_and_shortens(cast):
    narrative = "Goed <b>gedaan</b> & " + "x" * 300
    feedback = Feedback(
        organisation=cast.organisation,
        enrolment=cast.enrolment,
        kind="observation",
        narrative=narrative,
        external_name="Piet <Poort>",
        external_profession="Arts & co",
        recorded_at=_at(),
    )
    feedback.tags = [cast.competence]

    card = Cards().feedback(feedback)

    url = f"/formative/feedback/{feedback.uuid}/"
    excerpt = Truncator(narrative).chars(280).replace("&", "&amp;").replace("<", "&lt;")
    excerpt = excerpt.replace(">", "&gt;")
    assert card == (
        '<article class="card">\n'
        f'  <h2 class="timeline__title"><a href="{url}">Observatie</a> '
        '<span class="muted">· Piet &lt;Poort&gt; (Arts &amp; co)</span></h2>\n'
        f'  <p class="muted"><time datetime="2026-03-04T09:05:00+01:00">'
        f"{date_filter(_at(), 'j M Y H:i')}</time></p>\n"
        f"  <p>{excerpt}</p>\n"
        '  <p class="competence-tags"><span class="visually-hidden">Bekwaamheden: </span>'
        f'<span class="badge badge--muted">{cast.competence}</span></p>\n'
        "\n"
        "</article>\n"
    )
    assert excerpt.endswith("…")


def test_feedback_card_without_a_profession_or_tags(cast):
    cast.feedback.tags = []
    cast.feedback.author_profession = None
    card = Cards().feedback(cast.feedback)
    assert f'<span class="muted">· {cast.supervisor.full_name}</span></h2>' in card
    assert "<p>Je hebt de overdracht volgens SBAR gedaan.</p>\n  \n</article>\n" in card


def test_entry_card_lists_the_self_ratings(cast):
    entry = cast.entry
    entry.text = ""
    entry.tags = []
    entry.ratings = [Rating(cast.competence.parent, 5), Rating(cast.competence, 3)]
    card = Cards().entry(entry)
    parent = cast.competence.parent
    assert card.endswith(
        "  \n"
        f'  <p class="muted">Eigen inschatting: {parent.code or parent.title} 5/5 · '
        f"{cast.competence.code} 3/5</p>\n"
        "  \n"
        "</article>\n"
    )
    assert f'<a href="/formative/portfolio/{entry.uuid}/">Mijn eerste week</a>' in card
    assert '<span class="badge">reflectie</span>' in card


def test_moment_card(cast):
    moment = GuidanceMoment(
        title="Oefenen <SBAR>", form="coaching_on_the_job", status="held", starts_at=_at()
    )
    moment.created_by = cast.supervisor
    card = Cards().moment(moment)
    assert card == (
        '<article class="card">\n'
        '  <h2 class="timeline__title">Oefenen &lt;SBAR&gt; <span class="badge badge--muted">'
        f"{moment.get_form_display()}</span></h2>\n"
        f'  <p class="muted"><time datetime="2026-03-04T09:05:00+01:00">'
        f"{date_filter(_at(), 'j M Y H:i')}</time> · {cast.supervisor.full_name} · "
        f"{moment.get_status_display()}</p>\n"
        "</article>\n"
    )
