# The coverage page counts, for every team in scope, what its active agreements cover:
# these indexes let it read index entries only, not the agreements' rows.

from django.db import migrations, models

STATEMENT_AGREEMENTS = "collaboration_teamagreement_statements_by_statement"


class Migration(migrations.Migration):

    dependencies = [
        ("collaboration", "0001_initial"),
    ]

    operations = [
        # The topics of a team's active agreements (the workfloor minimum).
        migrations.AddIndex(
            model_name="teamagreement",
            index=models.Index(
                fields=["team", "status", "topic"], name="collaborati_team_id_0b573f_idx"
            ),
        ),
        # The agreements that cite a statement (per statement: how many teams cover it).
        # On the table Django makes for the many-to-many field, so in SQL.
        migrations.RunSQL(
            f'CREATE INDEX "{STATEMENT_AGREEMENTS}" ON "collaboration_teamagreement_statements" '
            '("visionstatement_id", "teamagreement_id")',
            f'DROP INDEX "{STATEMENT_AGREEMENTS}"',
        ),
    ]
