"""Exports write numbers as the page does: 4,2 in Dutch, 4.2 in English.

The round's CSV follows the language of whoever downloads it. The quality-cycle report and
the model document are written in Dutch (labels and numbers alike, whatever the requester's
language), so their CSV and PDF use the Dutch decimal comma, as the Dutch pages do.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader
from reportlab.graphics import renderPDF

from begeleid.guidance import services as guidance
from begeleid.quality import charts, jobs, pdf, services_survey
from begeleid.quality.models import SurveyResponse
from begeleid.quality.models.reports import ReportFormat, ReportKind
from begeleid.quality.numbers import compact, number

pytestmark = pytest.mark.django_db

# learning_climate, feedback, safety per answer: means 4,2 / 2,4 / 5,0.
ANSWERS = [(4, 2, 5), (4, 3, 5), (4, 2, 5), (5, 3, 5), (4, 2, 5)]
# A decimal point (4.2), not the Dutch thousands separator of an amount (5.000,00).
DOT_DECIMAL = re.compile(r"\d\.\d+(?![\d,])")


def _answers(cast):
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            organisation=cast.organisation,
            round=cast.survey_round,
            supervisor=cast.supervisor,
            learning_climate=a,
            feedback=b,
            safety=c,
        )
        for a, b, c in ANSWERS
    )
    services_survey.close_round(round=cast.survey_round, by=cast.team_leader)  # figures show


def _reserve(cast):
    """1,5 hours a week since long before the period: 78,4 hours reserved in a year."""
    guidance.reserve_capacity(
        team=cast.team,
        person=cast.supervisor,
        hours_per_week=Decimal("1.5"),
        valid_from=timezone.localdate() - datetime.timedelta(days=800),
        valid_until=None,
        by=cast.team_leader,
    )


def _report(cast, output, kind=ReportKind.QUALITY_CYCLE):
    today = timezone.localdate()
    job = jobs.request_report(
        organisation=cast.organisation,
        team=cast.team,
        kind=kind,
        output=output,
        start=today - datetime.timedelta(days=365),
        end=today,
        by=cast.hr,
    )
    return job.file.read()


def _pdf_text(content):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def test_number_follows_the_active_language():
    with translation.override("nl"):
        assert [number(4.2, 1), number(5, 1), number(0.6666, 3), number(Decimal("4550.00"))] == [
            "4,2",
            "5,0",
            "0,667",
            "4550,00",
        ]
        assert [number(78.4), number(12), number("n.v.t."), number(None)] == [
            "78,4",
            "12",
            "n.v.t.",
            "",
        ]
        assert [compact(12.0), compact(12.5), compact(None)] == ["12", "12,5", "0"]
    with translation.override("en"):
        assert [number(4.2, 1), number(Decimal("4550.00")), compact(12.5)] == [
            "4.2",
            "4550.00",
            "12.5",
        ]


def test_number_format_round_csv_follows_the_language_of_the_download(client, cast):
    _answers(cast)
    client.force_login(cast.team_leader)
    url = reverse("quality:survey_round_export", args=[cast.survey_round.uuid])
    assert client.get(url).content.decode().splitlines()[1:] == [
        ";5;4,2;2,4;5,0",
        "Bea Begeleider;5;4,2;2,4;5,0",
    ]
    page = client.get(reverse("quality:survey_round_detail", args=[cast.survey_round.uuid]))
    assert '<td data-label="Het leerklimaat in het team helpt mij te leren.">4,2</td>' in (
        page.content.decode()
    )
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(url).content.decode().splitlines()[1:] == [
        ";5;4.2;2.4;5.0",
        "Bea Begeleider;5;4.2;2.4;5.0",
    ]


def test_number_format_quality_cycle_csv_and_pdf_use_the_dutch_comma_like_the_page(
    client, cast, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _answers(cast)
    _reserve(cast)
    client.force_login(cast.hr)
    page = " ".join(
        client.get(reverse("quality:team_dashboard", args=[cast.team.uuid]))
        .content.decode()
        .split()
    )
    assert '<td data-label="Gemiddeld">4,2</td>' in page
    assert '<td data-label="Gereserveerd (uur)">78,4</td>' in page
    # Amounts always carry two decimals and grouped thousands, whatever the backend's sum.
    assert re.search(r"Scholingsbudget \d+: € 5\.000,00, besteed € 450,00\.", page)

    rows = list(
        csv.reader(io.StringIO(_report(cast, ReportFormat.CSV).decode("utf-8-sig")), delimiter=";")
    )
    values = {indicator: value for *_scope, indicator, value in rows[1:]}
    assert values["Het leerklimaat in het team helpt mij te leren."] == "4,2"
    assert values["Ik durf fouten te maken en daarover te praten."] == "5,0"
    assert values["Gereserveerde begeleidingstijd (uur)"] == "78,4"
    assert values["Scholingsbudget (euro)"] == "5000,00"
    assert values["Besteed aan scholing (euro)"] == "450,00"
    assert [v for v in values.values() if DOT_DECIMAL.search(v)] == []

    cycle = _pdf_text(_report(cast, ReportFormat.PDF))
    assert "Het leerklimaat in het team helpt mij te leren. 4,2" in cycle
    assert "Gereserveerde begeleidingstijd (uur) 78,4" in cycle
    assert "Chirurgie 78,4 0,0 € 5.000,00 € 450,00" in cycle
    assert DOT_DECIMAL.findall(cycle) == []

    model = _pdf_text(_report(cast, ReportFormat.PDF, ReportKind.MODEL))
    assert "Chirurgie: scholingsbudget" in model and "€ 4.550,00 over." in model
    assert DOT_DECIMAL.findall(model) == []


def test_number_format_chart_labels_use_the_dutch_comma():
    with translation.override("nl"):
        bars = charts.bar_chart("Uren", [("Chirurgie", 12.5), ("Cardiologie", 12.0)])
        assert [b.display for b in bars.bars] == ["12,5", "12"]
        drawing = pdf._hbar("Uren per team", [("Chirurgie", 12.5), ("Cardiologie", 3)], 1)
        text = _pdf_text(renderPDF.drawToString(drawing))
    assert "12,5" in text and "3,0" in text
    assert DOT_DECIMAL.findall(text) == []
