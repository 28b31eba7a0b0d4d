"""Correlated subqueries compiled once per process, for the few hot pages that read them.

Building and compiling a queryset with a handful of correlated subqueries costs Django
several milliseconds of CPU on every request, far more than the database needs to run
them (docs/performance.md). ``CompiledOnce`` builds the expression with the ORM once per
database vendor, with ``Param`` stand-ins for the values that change per request, keeps
its SQL, and hands out ``RawSQL`` with the request's values: the ORM stays the one
definition of the query, the request pays for a string.

The SQL refers to the outer table by its name, so use the result on querysets of
``model`` that are read as they are (not relabelled as a subquery of another query).
"""

from django.db import connections
from django.db.models import Expression
from django.db.models.expressions import RawSQL


class Param(Expression):
    """A value given per request (``CompiledOnce(...)(name=value)``), of ``output_field``."""

    def __init__(self, name, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [_Slot(self.name, self.output_field)]


class _Slot:
    def __init__(self, name, field):
        self.name, self.field = name, field


class CompiledOnce:
    """``build(**params)`` → an expression over rows of ``model`` (``OuterRef`` to its
    columns, ``params[name]`` a ``Param`` for each value that changes per request)."""

    def __init__(self, model, build, output_field, **params):
        self.model, self.build, self.output_field = model, build, output_field
        self.params = params  # name → field
        self._compiled = {}  # database alias → (sql, params with slots)

    def _compile(self, using):
        connection = connections[using]
        params = {name: Param(name, field) for name, field in self.params.items()}
        rows = (
            self.model._base_manager.using(using)
            .annotate(compiled_value=self.build(**params))
            .order_by()
            .values("compiled_value")
        )
        sql, sql_params = rows.query.get_compiler(using).as_sql()
        quote = connection.ops.quote_name
        prefix = "SELECT "
        suffix = f" AS {quote('compiled_value')} FROM {quote(self.model._meta.db_table)}"
        if not (sql.startswith(prefix) and sql.endswith(suffix)):
            raise ValueError(f"Unexpected SQL for a compiled expression: {sql}")
        return sql[len(prefix) : -len(suffix)], list(sql_params)

    def __call__(self, using="default", **values) -> RawSQL:
        key = (using, connections[using].vendor)
        if key not in self._compiled:
            self._compiled[key] = self._compile(using)
        sql, params = self._compiled[key]
        connection = connections[using]
        bound = [
            p.field.get_db_prep_value(values[p.name], connection) if isinstance(p, _Slot) else p
            for p in params
        ]
        # The SQL is what the ORM compiled; the values are bound parameters.
        return RawSQL(sql, bound, output_field=self.output_field)  # noqa: S611
