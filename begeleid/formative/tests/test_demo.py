from django.db.models import Count

from begeleid.demo.generator import generate
from begeleid.formative.models import Attachment, Feedback, FeedbackRequest, PortfolioEntry
from begeleid.formative.uploads import sniff


def test_demo_step_writes_feedback_requests_and_a_portfolio(db, media_root):
    ctx = generate("DEMO", seed=7)
    org = ctx.organisations[0]
    learner = ctx.personas["learner"]
    assert Feedback.objects.filter(organisation=org).count() == ctx.profile.feedback + 1
    mine = Feedback.objects.filter(enrolment__learner=learner)
    assert mine.filter(narrative__contains="SBAR").exists()
    assert mine.filter(author__isnull=True, external_name="Jan de Boer").count() == 1
    requests = FeedbackRequest.objects.filter(enrolment__learner=learner)
    assert requests.count() == 3
    assert requests.filter(answered_at__isnull=False, recipient__isnull=True).count() == 1
    kinds = set(
        PortfolioEntry.objects.filter(enrolment__learner=learner).values_list("kind", flat=True)
    )
    assert kinds == {"reflection", "self_assessment", "certificate", "evidence"}
    for attachment in Attachment.objects.filter(entry__enrolment__learner=learner):
        with attachment.file.open("rb") as handle:
            assert sniff(handle) == attachment.content_type
    # skew: the busiest learner gets many times the median learner's feedback
    counts = sorted(
        Feedback.objects.filter(organisation=org)
        .values("enrolment")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    assert counts[-1] >= 4 * counts[len(counts) // 2]


def test_demo_links_competences_and_shows_both_polygons_on_the_persona_radar(db, media_root):
    from django.test import Client
    from django.urls import reverse

    from begeleid.assessment.progress import learner_progress
    from begeleid.formative.models import SelfRating
    from begeleid.programmes.models import Enrolment

    ctx = generate("DEMO", seed=7)
    org = ctx.organisations[0]
    feedback = Feedback.objects.filter(organisation=org)
    linked = feedback.filter(competences__isnull=False).distinct().count()
    assert 0.4 * feedback.count() < linked < feedback.count()
    assert feedback.filter(narrative__contains="SBAR", competences__code="PH.2").exists()
    assert PortfolioEntry.objects.filter(organisation=org, competences__isnull=False).exists()
    learners = (
        SelfRating.objects.filter(organisation=org)
        .values_list("entry__enrolment__learner", flat=True)
        .distinct()
    )
    assert len(learners) >= 4  # the persona and a few others

    persona = ctx.personas["learner"]
    enrolment = Enrolment.objects.get(learner=persona, assessments__signed_at__isnull=False,
                                      assessments__competence__code="PH.1")  # fmt: skip
    progress = learner_progress(enrolment, viewer=persona)
    assert len(progress.axes) >= 3
    assert all(a.self_rating is not None for a in progress.axes)
    client = Client()
    client.force_login(ctx.personas["assessor"])  # the self-assessment is released to them
    body = client.get(
        reverse("assessment:learner_progress", kwargs={"uuid": enrolment.uuid})
    ).content.decode()
    assert body.count("<polygon ") == 2
    assert body.count("data-self-level=") == len(progress.axes)
