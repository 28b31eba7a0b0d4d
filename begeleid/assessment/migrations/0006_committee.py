"""Committees: the policy's committee size, each member's own view, and database triggers
that keep a member's view unchanged once the joint decision is signed (as in 0003)."""

import uuid

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABLE = "assessment_committeeview"
SIGNED = (
    "EXISTS (SELECT 1 FROM assessment_assessment a "
    "WHERE a.id = {row}.assessment_id AND a.signed_at IS NOT NULL)"
)
SQL = {
    "sqlite": (
        [
            f"""CREATE TRIGGER {TABLE}_signed_no_insert BEFORE INSERT ON {TABLE}
            FOR EACH ROW WHEN {SIGNED.format(row="NEW")}
            BEGIN SELECT RAISE(ABORT, 'signed assessment is immutable'); END""",
            f"""CREATE TRIGGER {TABLE}_signed_no_update BEFORE UPDATE ON {TABLE}
            FOR EACH ROW WHEN {SIGNED.format(row="OLD")}
            BEGIN SELECT RAISE(ABORT, 'signed assessment is immutable'); END""",
            f"""CREATE TRIGGER {TABLE}_signed_no_delete BEFORE DELETE ON {TABLE}
            FOR EACH ROW WHEN {SIGNED.format(row="OLD")}
                AND NOT EXISTS (SELECT 1 FROM assessment_flush_permit)
            BEGIN SELECT RAISE(ABORT, 'signed assessment is immutable'); END""",  # noqa: S608
        ],
        [f"DROP TRIGGER IF EXISTS {TABLE}_signed_no_{op}" for op in ("insert", "update", "delete")],
    ),
    "postgresql": (
        [
            f"""CREATE TRIGGER {TABLE}_signed_immutable BEFORE INSERT OR UPDATE OR DELETE
            ON {TABLE} FOR EACH ROW EXECUTE FUNCTION assessment_refuse_signed_child()"""
        ],
        [f"DROP TRIGGER IF EXISTS {TABLE}_signed_immutable ON {TABLE}"],
    ),
}


def _run(schema_editor, index):
    statements = SQL.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError(
            f"No immutability triggers for {schema_editor.connection.vendor}; add them first."
        )
    for statement in statements[index]:
        schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    _run(schema_editor, 0)


def backward(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0005_procedure_performances"),
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="assessmentpolicy",
            name="committee_size",
            field=models.PositiveSmallIntegerField(
                default=2,
                help_text="Alleen bij een commissie: zoveel leden geven elk hun oordeel (minstens 2).",
                validators=[
                    django.core.validators.MinValueValidator(2),
                    django.core.validators.MaxValueValidator(9),
                ],
                verbose_name="aantal commissieleden",
            ),
        ),
        migrations.AlterField(
            model_name="assessmentpolicy",
            name="review_mode",
            field=models.CharField(
                choices=[
                    ("none", "één beoordelaar beslist"),
                    ("second_assessor", "een tweede beoordelaar bevestigt"),
                    ("committee", "een commissie beslist gezamenlijk"),
                ],
                default="none",
                max_length=20,
                verbose_name="tweede oordeel",
            ),
        ),
        migrations.CreateModel(
            name="CommitteeView",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("uuid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="gewijzigd op")),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("competent", "bekwaam"),
                            ("not_yet_competent", "nog niet bekwaam"),
                        ],
                        max_length=20,
                        verbose_name="oordeel",
                    ),
                ),
                ("rationale", models.TextField(verbose_name="onderbouwing")),
                ("recorded_at", models.DateTimeField(verbose_name="vastgelegd op")),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="committee_views",
                        to="assessment.assessment",
                        verbose_name="beoordeling",
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="commissielid",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="organisations.organisation",
                        verbose_name="organisatie",
                    ),
                ),
            ],
            options={
                "verbose_name": "oordeel van een commissielid",
                "verbose_name_plural": "oordelen van commissieleden",
                "ordering": ["assessment", "recorded_at", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("assessment", "member"), name="committee_view_one_per_member"
                    )
                ],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
