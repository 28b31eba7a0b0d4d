"""Signed assessments can never be updated or deleted: database triggers, per vendor.

PostgreSQL: row triggers on UPDATE/DELETE; ``flush`` uses TRUNCATE, which row triggers
do not see, so test teardown keeps working.

SQLite: ``flush`` empties tables with ``DELETE FROM``, in no fixed order. The delete
triggers therefore allow deletion only while a row exists in ``assessment_flush_permit``,
a table without a model (so ``flush`` never touches it). Only the whole-table DELETE of
``flush`` sets that permit, for the length of its statement (see ``immutability.py``).
"""

from django.db import migrations

CHILD_TABLES = ["assessment_score", "assessment_assessment_evidence"]

SQLITE_FORWARD = [
    "CREATE TABLE assessment_flush_permit (id INTEGER PRIMARY KEY)",
    """CREATE TRIGGER assessment_signed_no_update BEFORE UPDATE ON assessment_assessment
    FOR EACH ROW WHEN OLD.signed_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'signed assessment is immutable'); END""",
    """CREATE TRIGGER assessment_signed_no_delete BEFORE DELETE ON assessment_assessment
    FOR EACH ROW WHEN OLD.signed_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM assessment_flush_permit)
    BEGIN SELECT RAISE(ABORT, 'signed assessment is never deleted'); END""",
]
for table in CHILD_TABLES:
    signed = "EXISTS (SELECT 1 FROM assessment_assessment a WHERE a.id = {row}.assessment_id AND a.signed_at IS NOT NULL)"
    SQLITE_FORWARD += [
        f"""CREATE TRIGGER {table}_signed_no_insert BEFORE INSERT ON {table}
        FOR EACH ROW WHEN {signed.format(row="NEW")}
        BEGIN SELECT RAISE(ABORT, 'signed assessment is immutable'); END""",
        f"""CREATE TRIGGER {table}_signed_no_update BEFORE UPDATE ON {table}
        FOR EACH ROW WHEN {signed.format(row="OLD")}
        BEGIN SELECT RAISE(ABORT, 'signed assessment is immutable'); END""",
        f"""CREATE TRIGGER {table}_signed_no_delete BEFORE DELETE ON {table}
        FOR EACH ROW WHEN {signed.format(row="OLD")}
            AND NOT EXISTS (SELECT 1 FROM assessment_flush_permit)
        BEGIN SELECT RAISE(ABORT, 'signed assessment is immutable'); END""",
    ]
SQLITE_BACKWARD = [
    *[
        f"DROP TRIGGER IF EXISTS {table}_signed_no_{op}"
        for table in CHILD_TABLES
        for op in ("insert", "update", "delete")
    ],
    "DROP TRIGGER IF EXISTS assessment_signed_no_update",
    "DROP TRIGGER IF EXISTS assessment_signed_no_delete",
    "DROP TABLE IF EXISTS assessment_flush_permit",
]

POSTGRES_FORWARD = [
    """CREATE FUNCTION assessment_refuse_signed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'signed assessment % is immutable', OLD.uuid
            USING ERRCODE = 'integrity_constraint_violation';
    END $$""",
    """CREATE TRIGGER assessment_signed_immutable BEFORE UPDATE OR DELETE ON assessment_assessment
    FOR EACH ROW WHEN (OLD.signed_at IS NOT NULL) EXECUTE FUNCTION assessment_refuse_signed()""",
    """CREATE FUNCTION assessment_refuse_signed_child() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE parent bigint;
    BEGIN
        IF TG_OP = 'INSERT' THEN parent := NEW.assessment_id; ELSE parent := OLD.assessment_id; END IF;
        IF EXISTS (SELECT 1 FROM assessment_assessment WHERE id = parent AND signed_at IS NOT NULL) THEN
            RAISE EXCEPTION 'signed assessment is immutable'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$""",
    *[
        f"""CREATE TRIGGER {table}_signed_immutable BEFORE INSERT OR UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION assessment_refuse_signed_child()"""
        for table in CHILD_TABLES
    ],
]
POSTGRES_BACKWARD = [
    *[f"DROP TRIGGER IF EXISTS {table}_signed_immutable ON {table}" for table in CHILD_TABLES],
    "DROP TRIGGER IF EXISTS assessment_signed_immutable ON assessment_assessment",
    "DROP FUNCTION IF EXISTS assessment_refuse_signed_child()",
    "DROP FUNCTION IF EXISTS assessment_refuse_signed()",
]

SQL = {
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
    "postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD),
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
    dependencies = [("assessment", "0002_decisions_and_register")]

    operations = [migrations.RunPython(forward, backward)]
