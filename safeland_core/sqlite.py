"""SQLite engines and units of work, shared by the field database and HQ's embedded store.

SQLAlchemy Core only (engines and events), never its ORM: the sessions are made by each store.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event


def sqlite_engine(url: str, timeout: float = 5.0, write_option: str = "safeland_write",
                  **connect_args: object) -> Engine:
    """An SQLite engine with WAL and foreign keys on every connection, durable commits, and
    explicit transactions: a session bound with `execution_options(**{write_option: True})`
    takes the write lock at BEGIN, so two writers queue instead of failing halfway. HQ's
    embedded store uses it too."""
    engine = create_engine(url, connect_args={"timeout": timeout, **connect_args})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:  # a DB-API connection
        # Let SQLAlchemy's transactions begin explicitly (pysqlite's own handling is off).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        # FULL: a committed report survives a power cut or a closed lid (WAL + NORMAL may lose
        # the last commits). The benchmarks' raw-sqlite3 floor uses the same setting.
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(write_option, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine



@contextmanager
def unit_of_work(factory: Callable[[], Any]) -> Iterator[Any]:
    """A session that is one transaction: committed at the end, rolled back on any error.
    Shared by the field database and HQ's."""
    with factory() as s:
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
