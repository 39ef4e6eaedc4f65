"""The runtime half of "one writer per table", shared by the field store (app/store) and HQ's
(hq/store.py). SQLAlchemy Core only; each store passes in its own Session class and models.

A store marks its writer functions with `@writer`; while one runs, the calling thread's context
says so. When the guard is enabled (`enable()`, or SAFELAND_STORE_GUARD=1 in the environment,
which the test suite sets for itself and every process it starts), a write to a protected table
with no writer on the stack raises `WriteOutsideStore`:

- at flush: a new, modified or deleted object of a protected ORM class (`before_flush`);
- at `Session.execute`: an INSERT, UPDATE or DELETE of a protected table (`do_orm_execute`);
- on a write connection (a store's `session(write=True)`, marked by an execution option): any
  INSERT, UPDATE or DELETE statement naming a protected table, Core constructs and plain SQL
  alike (`before_cursor_execute`). Alembic's migrations run on the bare engine, unwatched.

A writer flushes its session before it returns, so what it wrote is written while it is on the
stack, and it refuses to start while the session holds protected changes made outside a store.
Disabled (the default), the guard costs one context-variable set per writer call.
Thread: any; the writer mark is per thread (a context variable).
"""
from __future__ import annotations

import contextvars
import functools
import os
import re
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Engine, event

ENV = "SAFELAND_STORE_GUARD"

P = ParamSpec("P")
R = TypeVar("R")

_depth: contextvars.ContextVar[int] = contextvars.ContextVar("store_writer_depth", default=0)
_classes: set[type] = set()  # protected ORM classes, both stores'
_tables: set[str] = set()  # their table names
_write_options: set[str] = set()  # execution options that mark a store's write connection
_sessions: set[type] = set()  # Session classes watched
_enabled = False
_DML = re.compile(r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|'
                  r'DELETE\s+FROM)\s+["`\[]?(\w+)', re.IGNORECASE)


class WriteOutsideStore(RuntimeError):
    """A protected table was written by code that is not its store's writer (a defect)."""


def protect(session_cls: type, classes: Iterable[type], write_option: str) -> None:
    """Register a store's protected ORM classes and the execution option of its write sessions.
    Called once at import by each store."""
    _classes.update(classes)
    _tables.update(c.__table__.name for c in classes)  # type: ignore[attr-defined]
    _write_options.add(write_option)
    if session_cls not in _sessions:
        _sessions.add(session_cls)
        if _enabled:
            _listen_session(session_cls)


def enable() -> None:
    """Turn the guard on for this process (idempotent)."""
    global _enabled
    if _enabled:
        return
    _enabled = True
    for cls in _sessions:
        _listen_session(cls)
    event.listen(Engine, "before_cursor_execute", _on_cursor_execute)


def disable() -> None:
    """Turn the guard off again (tests that need to show what it stops)."""
    global _enabled
    if not _enabled:
        return
    _enabled = False
    for cls in _sessions:
        event.remove(cls, "before_flush", _on_flush)
        event.remove(cls, "do_orm_execute", _on_orm_execute)
    event.remove(Engine, "before_cursor_execute", _on_cursor_execute)


def enabled() -> bool:
    return _enabled


def in_writer() -> bool:
    """Whether a store writer is running on this thread."""
    return _depth.get() > 0


def writer(fn: Callable[P, R]) -> Callable[P, R]:
    """Mark a store function as its table's writer. Its first argument is the caller's Session
    (the caller owns the transaction); it is flushed before the function returns."""

    @functools.wraps(fn)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        session: Any = args[0]
        outer = _depth.get()
        if _enabled and outer == 0:
            _check_session(session, f"before {fn.__qualname__}")
        token = _depth.set(outer + 1)
        try:
            result = fn(*args, **kwargs)
            session.flush()
            return result
        finally:
            _depth.reset(token)

    return wrapped


def check_statement(statement: str) -> None:
    """For SQL a store runs on the DB-API connection itself, past SQLAlchemy's events (a save's
    statements, app/store/driver.py): the same rule as `before_cursor_execute`, a write to a
    protected table only from inside a writer."""
    if not _enabled or _depth.get() > 0:
        return
    m = _DML.match(statement)
    if m and m.group(1).lower() in _tables:
        raise WriteOutsideStore(f"{m.group(1)} written outside the store (SQL on the driver's "
                                "connection); write through app/store or hq/store.py")


def _listen_session(cls: type) -> None:
    event.listen(cls, "before_flush", _on_flush)
    event.listen(cls, "do_orm_execute", _on_orm_execute)


def _check_session(session: Any, when: str) -> None:
    """Raise if the session holds protected changes (new, really modified, or deleted)."""
    changed = [o for o in session.new if type(o) in _classes]
    changed += [o for o in session.deleted if type(o) in _classes]
    changed += [o for o in session.dirty if type(o) in _classes and session.is_modified(o)]
    if changed:
        names = sorted({type(o).__tablename__ for o in changed})
        raise WriteOutsideStore(f"{', '.join(names)} written outside the store ({when}); "
                                "write through app/store or hq/store.py")


def _on_flush(session: Any, _context: Any, _instances: Any) -> None:
    if _depth.get() == 0:
        _check_session(session, "at flush")


def _on_orm_execute(state: Any) -> None:
    if _depth.get() == 0 and (state.is_insert or state.is_update or state.is_delete):
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", None)
        if name in _tables:
            raise WriteOutsideStore(f"{name} written outside the store (Session.execute); "
                                    "write through app/store or hq/store.py")


def _on_cursor_execute(conn: Any, _cursor: Any, statement: str, _params: Any, _context: Any,
                       _executemany: bool) -> None:
    if _depth.get() > 0:
        return
    options = conn.get_execution_options()
    if not any(options.get(o) for o in _write_options):
        return
    m = _DML.match(statement)
    if m and m.group(1).lower() in _tables:
        raise WriteOutsideStore(f"{m.group(1)} written outside the store (SQL on a write "
                                "connection); write through app/store or hq/store.py")


if os.environ.get(ENV) == "1":
    enable()
