"""Cards of a learner's record: feedback, portfolio entries and guidance moments, as the
timeline and a release show them, each drawn as one string.

A timeline page draws 25 cards. As included templates each card cost some forty template
nodes (a link, two dates, display values, a shortened text, competence tags) and the
cards were the larger half of the page's time. Here each card is written once, in the
markup the templates had, every value escaped as the template escaped it; the page's
template keeps the list around them. ``Cards`` reads what every card of a page shares
(the labels of the kinds, the translated words, the URLs) once per page.
"""

import unicodedata
import uuid as uuidlib
from html import escape  # Django's escape() is this, for a str

from django.utils import timezone
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from begeleid.core.lists import list_date, uuid_url
from begeleid.guidance.models import GuidanceMoment

from .models import Feedback, PortfolioEntry

EXCERPT = 280  # characters of a text a card shows (as ``truncatechars:280``)
_STAND_IN = str(uuidlib.UUID(int=0))


def _labels(model, field) -> dict:
    """The labels ``get_<field>_display`` shows, translated once a page."""
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


def _excerpt(text) -> str:
    """``text|truncatechars:280``, without walking a text that is short enough."""
    normal = unicodedata.normalize("NFC", text)
    return normal if len(normal) <= EXCERPT else Truncator(text).chars(EXCERPT)


def _when(value) -> str:
    """``<time>`` as ``value|list_date`` drew it: in local time, to the minute."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return (
        f'<time datetime="{escape(list_date(local, "c"))}">'
        f"{escape(list_date(local, 'j M Y H:i'))}</time>"
    )


class Cards:
    """Draws the cards of one page, in the language of the request."""

    def __init__(self):
        self.urls = {
            name: uuid_url(name, _STAND_IN)
            for name in ("formative:feedback_detail", "formative:entry_detail")
        }
        self.badges = {}  # competence pk → its badge, escaped once a page

    # Translated when a card first needs them, once a page.
    feedback_kinds = cached_property(lambda self: _labels(Feedback, "kind"))
    entry_kinds = cached_property(lambda self: _labels(PortfolioEntry, "kind"))
    forms = cached_property(lambda self: _labels(GuidanceMoment, "form"))
    statuses = cached_property(lambda self: _labels(GuidanceMoment, "status"))
    competences_label = cached_property(lambda self: escape(gettext("Bekwaamheden")))
    ratings_label = cached_property(lambda self: escape(gettext("Eigen inschatting")))

    def _url(self, name, uuid) -> str:
        return escape(self.urls[name].replace(_STAND_IN, str(uuid)))

    def _display(self, labels, value) -> str:
        """``get_<field>_display``: the label, or the value when it has none."""
        return labels.get(value, value)

    def _tags(self, competences) -> str:
        """As ``formative/_competences.html``: the competences as badges, or nothing."""
        if not competences:
            return ""
        badges = self.badges
        for c in competences:
            if c.pk not in badges:
                badges[c.pk] = f'<span class="badge badge--muted">{escape(str(c))}</span>'
        return (
            f'<p class="competence-tags"><span class="visually-hidden">'
            f"{self.competences_label}: </span>"
            f"{' '.join(badges[c.pk] for c in competences)}</p>\n"
        )

    def feedback(self, f) -> str:
        kind = self._display(self.feedback_kinds, f.kind)
        profession = f.profession_display
        profession = f" ({escape(profession)})" if profession else ""
        return mark_safe(
            '<article class="card">\n'
            f'  <h2 class="timeline__title"><a href="{self._url("formative:feedback_detail", f.uuid)}">'
            f"{escape(kind[:1].upper() + kind[1:])}</a> "
            f'<span class="muted">· {escape(f.author_display)}{profession}</span></h2>\n'
            f'  <p class="muted">{_when(f.recorded_at)}</p>\n'
            f"  <p>{escape(_excerpt(f.narrative))}</p>\n"
            f"  {self._tags(getattr(f, 'tags', ()))}\n"
            "</article>\n"
        )

    def entry(self, e) -> str:
        text = f"<p>{escape(_excerpt(e.text))}</p>" if e.text else ""
        ratings = getattr(e, "ratings", ())
        if ratings:
            rated = " · ".join(
                f"{escape(r.competence.code or r.competence.title)} {localize(r.level)}/5"
                for r in ratings
            )
            ratings = f'<p class="muted">{self.ratings_label}: {rated}</p>'
        else:
            ratings = ""
        return mark_safe(
            '<article class="card">\n'
            f'  <h2 class="timeline__title"><a href="{self._url("formative:entry_detail", e.uuid)}">'
            f"{escape(e.title)}</a> "
            f'<span class="badge">{escape(self._display(self.entry_kinds, e.kind))}</span></h2>\n'
            f'  <p class="muted">{_when(e.recorded_at)} · {escape(e.author.full_name)}</p>\n'
            f"  {text}\n"
            f"  {ratings}\n"
            f"  {self._tags(getattr(e, 'tags', ()))}\n"
            "</article>\n"
        )

    def moment(self, m) -> str:
        return mark_safe(
            '<article class="card">\n'
            f'  <h2 class="timeline__title">{escape(m.title)} '
            f'<span class="badge badge--muted">{escape(self._display(self.forms, m.form))}</span></h2>\n'
            f'  <p class="muted">{_when(m.starts_at)} · {escape(m.created_by.full_name)} · '
            f"{escape(self._display(self.statuses, m.status))}</p>\n"
            "</article>\n"
        )

    def of(self, item) -> str:
        """The card of a timeline ``Item``."""
        return getattr(self, item.source)(item.obj)
