from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from begeleid.core.formats import euro


def test_euro_groups_thousands_and_shows_cents_in_dutch():
    with translation.override("nl"):
        assert [euro(4500), euro(Decimal("18685.5")), euro("0"), euro(None)] == [
            "€\u00a04.500,00",
            "€\u00a018.685,50",
            "€\u00a00,00",
            "",
        ]


def test_euro_follows_english_separators():
    with translation.override("en"):
        assert euro(Decimal("1234567.891")) == "€\u00a01,234,567.89"


def test_euro_filter_renders_like_the_function():
    with translation.override("nl"):
        html = Template("{% load money %}{{ amount|euro }}").render(Context({"amount": 7500}))
    assert html == "€\u00a07.500,00"
