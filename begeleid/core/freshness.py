"""What changed: a version token per *scope* of data, replaced when a write touches it.

A page body kept in the cache (``core.pagecache``) remembers the versions of the scopes
it was built from; when one of them has moved on, the body is built anew. Scopes are
plain strings: ``"global"``, ``"enrolment:<pk>"``, ``"team:<pk>"``, ``"org:<pk>"`` and
``"person:<pk>"``.

Every write is seen: an execute wrapper on each database connection looks at each
INSERT, UPDATE and DELETE. A write to a table that an app declared with ``track`` and
that comes from a single object's save or delete (or a many-to-many change of one
object) moves only that object's scopes, which the app names; a write to an ``ignore``d
table (sessions, the audit and access logs: no cached page shows them) moves nothing;
every other write, including a bulk ``update()`` on a tracked table, moves ``global``,
which every cached page depends on. Correct by default, precise where it pays: the daily
writes (feedback, notifications) are tracked.

Versions move twice: at once, and again when the transaction commits. The first makes
this request's own next read fresh (and tests, whose transactions never commit); the
second makes sure that a page built by another request between the write and the commit,
from the data as it was, is not kept under the new version.
"""

import re
import secrets
import threading
from collections import Counter
from contextlib import contextmanager

from django.core.cache import cache
from django.core.signals import request_started
from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

GLOBAL = "global"
_PREFIX = "freshness:"
# A write to one table (SQLite's "INSERT OR IGNORE" included), or a statement that
# changes a table as a whole (which counts as global).
_WRITE = re.compile(
    r'\s*(?:(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)'
    r"|(?:TRUNCATE|ALTER|DROP|CREATE|REPLACE)\b)",
    re.IGNORECASE,
)
# A login stamps last_login; no page shows it.
_LAST_LOGIN = re.compile(r'\s*UPDATE\s+"?\w+"?\s+SET\s+"?last_login"?\s*=\s*%s\s+WHERE', re.I)

_tracked: set[str] = set()
_ignored: set[str] = set()
_local = threading.local()


def key(scope: str) -> str:
    return _PREFIX + scope


def token() -> str:
    return secrets.token_hex(8)


def bump(scopes) -> None:
    """Give each scope a new version now."""
    scopes = set(scopes)
    if scopes:
        cache.set_many({key(s): token() for s in scopes}, timeout=None)


def touch(*scopes, using="default") -> None:
    """Mark scopes as changed by the current transaction (now and when it commits)."""
    _mark(transaction.get_connection(using), set(scopes))


def _mark(conn, scopes: set) -> None:
    if not scopes:
        return
    bump(scopes)
    if not conn.in_atomic_block:
        return
    # Again at commit: one set of scopes per transaction, flushed by one on_commit
    # callback. A commit, rollback or savepoint rollback replaces ``run_on_commit`` with a
    # new list, which starts a new set (an earlier callback keeps its own).
    if getattr(conn, "_freshness_ref", None) is not conn.run_on_commit:
        pending = set()
        transaction.on_commit(lambda: bump(pending), using=conn.alias)
        conn._freshness_pending = pending
        conn._freshness_ref = conn.run_on_commit
    conn._freshness_pending |= scopes


def _covered() -> Counter:
    counter = getattr(_local, "covered", None)
    if counter is None:
        counter = _local.covered = Counter()
    return counter


def _uncover(table) -> None:
    covered = _covered()
    covered[table] = max(covered[table] - 1, 0)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    match = _WRITE.match(sql)
    if match is None:
        return result
    table = match.group(1)
    quiet = table in _ignored or bool(_LAST_LOGIN.match(sql))
    # A covered write's own scopes are marked by the signal handlers (``track``).
    covered = table in _tracked and _covered()[table] > 0
    if table is None or not (quiet or covered):
        _mark(context["connection"], {GLOBAL})
    return result


def _install(sender, connection, **kwargs):
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


connection_created.connect(_install, dispatch_uid="core.freshness.install")


def _reset_coverage(**kwargs) -> None:
    # A save that raised between pre_save and post_save left its table counted as
    # covered; each request starts without.
    _covered().clear()


request_started.connect(_reset_coverage, dispatch_uid="core.freshness.reset")


def ignore(*models) -> None:
    """Writes to these models' tables change no cached page."""
    for model in models:
        _ignored.add(model._meta.db_table)


def track(model, scopes, *, m2m=()) -> None:
    """Writes of single ``model`` objects move ``scopes(obj)`` (an iterable of scope
    strings) instead of ``global``; so do changes of the many-to-many fields named in
    ``m2m`` made from the ``model`` side."""
    table = model._meta.db_table
    _tracked.add(table)

    def opened(sender, instance, **kwargs):
        _covered()[table] += 1

    def closed(sender, instance, using="default", **kwargs):
        _uncover(table)
        _mark(transaction.get_connection(using), set(scopes(instance)))

    uid = f"core.freshness.{table}"
    pre_save.connect(opened, sender=model, weak=False, dispatch_uid=uid + ".pre_save")
    post_save.connect(closed, sender=model, weak=False, dispatch_uid=uid + ".post_save")
    pre_delete.connect(opened, sender=model, weak=False, dispatch_uid=uid + ".pre_delete")
    post_delete.connect(closed, sender=model, weak=False, dispatch_uid=uid + ".post_delete")
    for name in m2m:
        _track_m2m(model, getattr(model, name).through, scopes)


@contextmanager
def writes(model, *scopes):
    """Writes to a tracked ``model``'s table inside this block (a bulk ``update()`` whose
    effect the caller knows) move ``scopes`` instead of global; none for a column no
    cached page shows."""
    table = model._meta.db_table
    if table not in _tracked:
        raise ValueError(f"{model.__name__} is not tracked")
    _covered()[table] += 1
    try:
        yield
    finally:
        _uncover(table)
    touch(*scopes)


def _track_m2m(model, through, scopes):
    table = through._meta.db_table
    _tracked.add(table)

    def changed(sender, instance, action, reverse, using="default", **kwargs):
        if reverse or not isinstance(instance, model):
            # Changed from the other side: the objects are only ids; count it as global
            # (the write itself is then not covered).
            return
        if action.startswith("pre_"):
            _covered()[table] += 1
        else:
            _uncover(table)
            _mark(transaction.get_connection(using), set(scopes(instance)))

    m2m_changed.connect(
        changed, sender=through, weak=False, dispatch_uid=f"core.freshness.{table}.m2m"
    )
