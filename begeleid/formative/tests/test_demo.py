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
