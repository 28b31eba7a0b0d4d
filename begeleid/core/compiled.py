"""Correlated subqueries compiled once per process, for the few hot pages that read them.

Building and compiling a queryset with a handful of correlated subqueries costs Django
several milliseconds of CPU on every request, far more than the database needs to run
them (docs/performance.md). ``CompiledOnce`` builds the expression with the ORM once per
database vendor, with ``Param`` stand-ins for the values that change per request, keeps
its SQL, and hands out ``RawSQL`` with the request's values: the ORM stays the one
definition of the query, the request pays for a string.

The SQL refers to the outer table by its name, so use the result on querysets of
``model`` that are read as they are (not relabelled as a subquery of another query).

``PreparedQuery`` does the same for a whole read: the queryset is built and compiled once
per process, database and length of its list values, and each call runs that SQL with the
call's values through Django's own iterables (model instances with their
``select_related`` objects, values, or value lists, and ``prefetch_related``).
"""

import copy

from django.core.exceptions import EmptyResultSet
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


class ParamList(Expression):
    """A list of ``length`` values given per request, for ``field__in=`` (``PreparedQuery``)."""

    def __init__(self, name, output_field, length):
        super().__init__(output_field=output_field)
        self.name, self.length = name, length

    def as_sql(self, compiler, connection):
        if not self.length:
            raise EmptyResultSet
        slots = [_Slot(f"{self.name}.{i}", self.output_field) for i in range(self.length)]
        return "(" + ", ".join(["%s"] * self.length) + ")", slots


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
        if any(isinstance(v, Expression) for v in values.values()):
            # Inside a PreparedQuery's build: the ORM's expression, compiled with it.
            return self.build(**values)
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


def _padded(items):
    if not items:
        return items
    size = 1 << (len(items) - 1).bit_length()
    return items + [items[-1]] * (size - len(items))


class PreparedQuery:
    """A read built once with the ORM and run per request with its values.

    ``build(**params)`` returns the queryset, with a ``Param`` for each value that changes
    per request, and a ``ParamList`` for a list value (``field__in=params["ids"]``, and only
    there: it is padded to a power of two with repeats of its last value). Give
    each param its field: ``PreparedQuery(build, person=IntegerField(), ids=[IntegerField()])``.
    Everything else in the queryset is fixed when it is first compiled, so ``build`` must
    not read the clock or the request; state it does read that may change (a setting, a
    registry) belongs in ``shape()``, whose value keys the compiled read. Calling it
    returns the rows as a list.
    """

    def __init__(self, build, *, shape=None, **params):
        self.build, self.params, self.shape = build, params, shape
        # (alias, vendor, list lengths, shape) → (queryset, compiler, sql, slots)
        self._compiled = {}

    def _placeholders(self, lengths):
        return {
            name: ParamList(name, field[0], lengths[name])
            if isinstance(field, list)
            else Param(name, field)
            for name, field in self.params.items()
        }

    def _compile(self, using, lengths):
        queryset = self.build(**self._placeholders(lengths)).using(using)
        compiler = queryset.query.get_compiler(using)
        try:
            sql, slots = compiler.as_sql()
        except EmptyResultSet:  # an empty list value: no rows, no query
            return queryset, None, "", []
        return queryset, compiler, sql, list(slots)

    def __call__(self, using="default", **values) -> list:
        connection = connections[using]
        # A list is padded (with its last value, which IN does not count twice) to the
        # next power of two, so a read compiles once per bucket, not once per length.
        values = {
            n: _padded(list(v)) if isinstance(self.params[n], list) else v
            for n, v in values.items()
        }
        lengths = {n: len(values[n]) for n, f in self.params.items() if isinstance(f, list)}
        key = (
            using,
            connection.vendor,
            tuple(sorted(lengths.items())),
            self.shape() if self.shape else None,
        )
        if key not in self._compiled:
            self._compiled[key] = self._compile(using, lengths)
        queryset, compiler, sql, slots = self._compiled[key]
        if compiler is None:
            return []
        flat = {}
        for name, field in self.params.items():
            if isinstance(field, list):
                flat.update({f"{name}.{i}": v for i, v in enumerate(values[name])})
            else:
                flat[name] = values[name]
        bound = [
            s.field.get_db_prep_value(flat[s.name], connection) if isinstance(s, _Slot) else s
            for s in slots
        ]
        # A copy of the compiler that compiled the read, on this thread's connection,
        # answering with the SQL it compiled and this call's values; Django's iterables
        # read its select and related-object layout as usual.
        bound_compiler = copy.copy(compiler)
        bound_compiler.connection = connection
        bound_compiler.as_sql = lambda *args, **kwargs: (sql, bound)
        rows = queryset._chain()
        rows.query.get_compiler = lambda *args, **kwargs: bound_compiler
        return list(rows)
