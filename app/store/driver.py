"""Plain SQL on the session's own sqlite3 connection, for the few statements of a save.

A save runs five small statements; through SQLAlchemy's statement execution each cost more
than SQLite's own work (issue 14, docs/performance.md section 5: about 0.1 ms of Python each,
against 10-20 µs in sqlite3). These run the same SQL on the DB-API connection of the
session's transaction, inside that transaction (one transaction per save, as before), and:

- write every value as SQLAlchemy's statement wrote it: each column's bind processor for the
  dialect (dates, times, JSON, booleans), found once per table and column list (`dialect=True`,
  the type's SQLite implementation, as a Core insert or update applies it: a time as
  `2025-06-01 08:00:00.000000`), or the generic type's, as the import's executemany has
  applied them since the second pass (`dialect=False`: a time left to sqlite3's adapter,
  `2025-06-01 08:00:00`), so each path stores what it stored before;
- raise SQLAlchemy's exceptions (`sqlalchemy.exc.OperationalError`, `IntegrityError`...,
  the sqlite3 error as `.orig`), as a statement run through the session does, so callers that
  sort disk trouble or a locked file see what they saw before.

The field database is SQLite (app/db.py); writes through here are made by the store's writers
only (app/store), like every other write. Thread: the thread that owns the session.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import Session

from safeland_core.store_guard import check_statement

Processors = list[tuple[int, Callable[[Any], Any]]]

_plans: dict[tuple[int, str, tuple[str, ...], bool], tuple[str, Processors]] = {}


def connection(s: Session) -> sqlite3.Connection:
    """The sqlite3 connection of the session's transaction (begun now if it was not). Kept in
    `s.info` with the transaction it belongs to, so the statements of one save ask the session
    once (Session.connection() is about 50 µs a call); a new transaction asks again."""
    transaction = s.get_transaction()
    held = s.info.get(_HELD)
    if transaction is not None and held is not None and held[0] is transaction:
        return held[1]
    raw = cast(sqlite3.Connection, s.connection().connection.driver_connection)
    s.info[_HELD] = (s.get_transaction(), raw)
    return raw


_HELD = "safeland.driver_connection"


def _error(sql: str, params: Any, exc: sqlite3.Error) -> StatementError:
    return DBAPIError.instance(sql, params, exc, sqlite3.Error)


def execute(raw: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
    """One statement, errors as SQLAlchemy raises them."""
    check_statement(sql)
    try:
        return raw.execute(sql, params)
    except sqlite3.Error as exc:
        raise _error(sql, params, exc) from exc


def executemany(raw: sqlite3.Connection, sql: str, params: Iterable[Sequence[Any]]) -> None:
    """One executemany, errors as SQLAlchemy raises them."""
    check_statement(sql)
    rows = list(params)
    try:
        raw.executemany(sql, rows)
    except sqlite3.Error as exc:
        raise _error(sql, rows, exc) from exc


def processors(s: Session, table: Table, columns: Sequence[str], dialect: bool = True) -> Processors:
    """(position, bind processor) of the columns that have one: that of the column type's
    implementation for the session's dialect (as SQLAlchemy's statements apply them), or with
    `dialect=False` that of the generic type."""
    engine_dialect = s.get_bind().dialect
    out: Processors = []
    for i, name in enumerate(columns):
        kind = table.c[name].type
        if dialect:
            kind = kind.dialect_impl(engine_dialect)
        proc = kind.bind_processor(engine_dialect)
        if proc is not None:
            out.append((i, proc))
    return out


def bound(values: Sequence[Any], procs: Processors) -> tuple[Any, ...]:
    """One row's values as stored (each through its column's bind processor)."""
    if not procs:
        return tuple(values)
    row = list(values)
    for i, proc in procs:
        row[i] = proc(row[i])
    return tuple(row)


def _plan(s: Session, kind: str, table: Table, columns: tuple[str, ...], dialect: bool,
          build: Callable[[], str]) -> tuple[str, Processors]:
    key = (id(table), kind, columns, dialect)
    plan = _plans.get(key)
    if plan is None:
        plan = _plans[key] = (build(), processors(s, table, columns, dialect))
    return plan


def insert_plan(s: Session, table: Table, columns: tuple[str, ...],
                dialect: bool = True) -> tuple[str, Processors]:
    """`INSERT INTO table (columns) VALUES (?...)` and its processors, built once."""
    return _plan(s, "insert", table, columns, dialect, lambda: (
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"))


def update_plan(s: Session, table: Table, columns: tuple[str, ...]) -> tuple[str, Processors]:
    """`UPDATE table SET c = ?... WHERE id = ?` (the id last) and its processors, built once."""
    return _plan(s, "update", table, columns, True, lambda: (
        f"UPDATE {table.name} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?"))


def has_defaults(table: Table, columns: Iterable[str]) -> bool:
    """Whether a column left out of `columns` has a default SQLAlchemy would fill in (plain SQL
    would leave it NULL, so such a row takes SQLAlchemy's insert)."""
    given = set(columns)
    return any(c.default is not None and c.name not in given for c in table.c)
