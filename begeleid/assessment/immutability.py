"""Let ``manage.py flush`` empty the tables of signed assessments on SQLite.

The delete triggers of migration 0003 refuse to remove a signed assessment unless
``assessment_flush_permit`` holds a row. ``flush`` (and so every transactional test's
teardown) empties a table with exactly ``DELETE FROM "<table>";`` — a statement the
application never sends for these tables. For that statement only, this wrapper sets
the permit, runs it, and clears the permit again, all inside the flush's transaction.
A targeted DELETE, from the application or any other client, still meets the trigger.
"""

FLUSHED_TABLES = (
    "assessment_assessment",
    "assessment_score",
    "assessment_assessment_evidence",
    "assessment_committeeview",
)
FLUSH_STATEMENTS = frozenset(f'DELETE FROM "{table}";' for table in FLUSHED_TABLES)  # noqa: S608


def permit_flush(execute, sql, params, many, context):
    if many or sql not in FLUSH_STATEMENTS:
        return execute(sql, params, many, context)
    cursor = context["cursor"]
    cursor.execute("INSERT INTO assessment_flush_permit (id) VALUES (1)")
    try:
        return execute(sql, params, many, context)
    finally:
        cursor.execute("DELETE FROM assessment_flush_permit")


def install(sender, connection, **kwargs):
    if connection.vendor == "sqlite" and permit_flush not in connection.execute_wrappers:
        connection.execute_wrappers.append(permit_flush)
