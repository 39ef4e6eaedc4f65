"""Opening the HQ database: URL handling, engine factory, migrations at start, sessions.

SQLite is the embedded default (a file in the user's data directory); PostgreSQL is the
production store, through psycopg 3. No engine is made at import time.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from safeland_core.sqlite import sqlite_engine, unit_of_work

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
ENV_URL = "SAFELAND_HQ_DATABASE_URL"


class HQDatabaseError(Exception):
    """A database HQ cannot use; the message is for the operator."""


def default_url() -> str:
    env = os.environ.get(ENV_URL)
    if env:
        return env
    import platformdirs

    path = Path(platformdirs.user_data_dir("safeland-hq", appauthor=False)) / "safeland-hq.db"
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """postgres:// and postgresql:// go through psycopg 3; a bare path is an SQLite file."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # The field app's SQLite set-up (WAL, foreign keys, FULL sync, BEGIN IMMEDIATE for
        # writers); uvicorn's threads share the pool, hence check_same_thread=False.
        return sqlite_engine(url, timeout=30, write_option="hq_write", check_same_thread=False)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    raise HQDatabaseError(f"unsupported database URL {parsed.render_as_string(hide_password=True)}: "
                          "use a postgresql:// URL or an SQLite file")


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))  # set in code: packaged builds find it
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


@dataclass
class HQDatabase:
    engine: Engine

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.engine.execution_options(hq_write=True),
                                   expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def backend(self) -> str:
        return "sqlite" if self.is_sqlite else "postgresql"

    def session(self, write: bool = False) -> AbstractContextManager[Session]:
        """One transaction: commits at the end, rolls back on any error."""
        return unit_of_work(self._write if write else self._read)

    def close(self) -> None:
        self.engine.dispose()


def driver_connection(s: Session) -> psycopg.Connection[Any]:
    """The psycopg connection under a PostgreSQL session, in the session's transaction: for
    the push path's statements sent together (pipeline mode) without SQLAlchemy's per-statement
    work (hq/push.py, hq/store.py). Only for a session on PostgreSQL."""
    conn = s.connection().connection.driver_connection
    assert conn is not None
    return conn


@contextmanager
def sqlalchemy_errors(what: str) -> Iterator[None]:
    """Raise psycopg's errors from statements sent on the driver connection as SQLAlchemy's
    (IntegrityError, DataError, OperationalError...), so the API's handlers answer them as they
    answer the same error from a Core statement (409 and a retry, 422 unstorable, 503)."""
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        raise sa_exc.DBAPIError.instance(what, None, exc, psycopg.Error) from exc


def open_hq(url: str | None = None, migrate: bool = True) -> HQDatabase:
    """Open HQ's database and bring it to the newest schema. Refuses a newer schema."""
    engine = make_engine(url or default_url())
    try:
        script = ScriptDirectory.from_config(alembic_config())
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current is not None:
            try:
                script.get_revision(current)
            except CommandError:  # an id this build does not know
                raise HQDatabaseError(f"the HQ database has schema {current}, written by a newer "
                                      "safeland-hq; update safeland-hq") from None
        if migrate and current != script.get_current_head():
            log.info("migrating the HQ database from %s to %s", current, script.get_current_head())
            command.upgrade(alembic_config(engine), "head")
    except HQDatabaseError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise HQDatabaseError(f"cannot open the HQ database: {exc.__class__.__name__}: "
                              f"{str(exc).splitlines()[0] if str(exc) else ''}") from exc
    return HQDatabase(engine)
