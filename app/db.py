"""Opening the field database: engine factory, migrations at open, one session per unit of work.

`open_database(path)` is the only way in. It copies an existing file to a dated backup before
migrating it, refuses a file written by a newer Safeland (leaving it untouched), and returns a
`Database` whose `session()` is one transaction. No engine is made at import time.

`open_plain(path)` is the same door for a process that only reads a few rows and must start
fast (`safeland sheet`, the window's first screen): a plain `sqlite3` connection with the
engine's pragmas, without importing SQLAlchemy (about 0.4 s of such a process), on a file that
is already up to date; any other file goes through `open_database` first.
"""
from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .paths import default_path

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# The newest revision in migrations/versions (a test keeps it equal to Alembic's head). Knowing
# it here lets a database that is already up to date open without importing Alembic at all,
# which saves about 0.3 s at every start of the app.
HEAD_REVISION = "0004"
ANALYSIS_LIMIT = 1000  # rows sampled per index by ANALYZE (Database.optimize)


class DatabaseError(Exception):
    """A database that cannot be opened; the message is for the user."""


class NewerSchemaError(DatabaseError):
    pass


class NotASafelandDatabase(DatabaseError):
    pass


def make_engine(path: Path | str) -> Engine:
    """An engine for one field-database file."""
    from safeland_core.sqlite import sqlite_engine  # SQLAlchemy only when an engine is made

    return sqlite_engine(f"sqlite:///{path}")


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise DatabaseError(f"no migrations in {MIGRATIONS}: this installation of Safeland is incomplete")
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision, read with plain SQL (None for an empty file)."""
    with engine.connect() as conn:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").scalar()
        if not has_table:
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def backup(path: Path, label: str = "", target: Path | None = None) -> Path:
    """Copy the database (WAL included, through SQLite's backup API, consistent even while the
    app writes) to `target`, or beside it with a date. Returns the copy's path."""
    if target is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.stem}.{stamp}{label}.bak{path.suffix}")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return target


@dataclass
class Database:
    path: Path
    engine: Engine

    @cached_property
    def _sessions(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        """The read and the write session factories, made at the first session: SQLAlchemy's
        ORM is imported then, not when the database is opened (a site sheet reads with Core
        only, and the ORM cost `safeland sheet` about 0.2 s)."""
        from sqlalchemy.orm import sessionmaker

        return (sessionmaker(self.engine, expire_on_commit=False),
                sessionmaker(self.engine.execution_options(safeland_write=True),
                             expire_on_commit=False))

    def session(self, write: bool = False) -> AbstractContextManager[Session]:
        """One unit of work: commits at the end, rolls back on any error. `write=True` takes
        SQLite's write lock at the start so two writers queue instead of failing halfway."""
        from safeland_core.sqlite import unit_of_work

        read, written = self._sessions
        return unit_of_work(written if write else read)

    def close(self) -> None:
        self.engine.dispose()

    def optimize(self, force: bool = False) -> bool:
        """Keep SQLite's query planner statistics (sqlite_stat1) fresh, as `PRAGMA optimize`
        would: run ANALYZE when the tables have none, or when the reports table has grown or
        shrunk by more than a quarter since they were taken (or always, with `force`). The
        ANALYZE is bounded (`analysis_limit`: each index sampled, not read whole), a few
        milliseconds even on a million reports. Without statistics a filtered list of a big
        database went from 9 ms to 34 ms (issue 14). Never fails the caller: a read-only or
        busy file keeps the old statistics. Returns whether it analyzed. Thread: any."""
        try:
            with self.engine.connect() as conn:
                raw = cast(sqlite3.Connection, conn.connection.dbapi_connection)
                return _optimize(raw, self.path, force)
        except Exception as exc:  # noqa: BLE001 - statistics are a help, never a requirement
            log.info("could not refresh the statistics of %s: %s", self.path.name, exc)
            return False


def open_database(path: Path | str | None = None, migrate: bool = True) -> Database:
    """Open (creating if need be) and migrate the field database. Thread: any, once."""
    path = Path(path) if path is not None else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        _check_is_sqlite(path)
    engine = make_engine(path)
    try:
        current = current_revision(engine)
        if current != HEAD_REVISION:
            _migrate(path, engine, current, existed, migrate)
    except BaseException:
        engine.dispose()
        raise
    db = Database(path, engine)
    db.optimize()  # statistics for the planner when there are none, or stale ones
    return db


def connect_plain(path: Path | str, timeout: float = 5.0) -> sqlite3.Connection:
    """A plain sqlite3 connection to a field database with the pragmas every engine connection
    gets (safeland_core.sqlite.sqlite_engine): WAL, foreign keys, durable commits, and
    transactions begun explicitly (`BEGIN` / `BEGIN IMMEDIATE`; autocommit otherwise).
    Does not check or migrate the schema: use `open_plain` for that."""
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def open_plain(path: Path | str | None = None) -> sqlite3.Connection:
    """Open the field database with plain sqlite3, without importing SQLAlchemy or Alembic.

    The same door as `open_database`: a file already at HEAD_REVISION opens as it is (its
    planner statistics refreshed when stale); any other file (missing, empty, older, newer,
    not Safeland's) goes through `open_database` first, which creates, backs up and migrates
    it, or refuses it untouched with the same errors. The caller closes the connection.
    Thread: any (the connection is not tied to the thread that opened it; use it from one
    thread at a time)."""
    path = Path(path) if path is not None else default_path()
    if path.exists() and path.stat().st_size > 0:
        _check_is_sqlite(path)
        conn = connect_plain(path)
        try:
            if _plain_revision(conn) == HEAD_REVISION:
                _optimize(conn, path)
                return conn
        except BaseException:
            conn.close()
            raise
        conn.close()
    open_database(path).close()  # creates, backs up and migrates, or raises
    return connect_plain(path)


def _plain_revision(conn: sqlite3.Connection) -> str | None:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' "
                        "AND name='alembic_version'").fetchone():
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def _migrate(path: Path, engine: Engine, current: str | None, existed: bool, migrate: bool) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    if current is not None and current != head:
        try:
            script.get_revision(current)
        except CommandError:  # an id this build does not know: written by a newer Safeland
            raise NewerSchemaError(
                f"{path} was written by a newer version of Safeland (schema {current}). "
                "Update Safeland to open it; the file has not been changed.") from None
    if existed and current is None and _has_tables(engine):
        raise NotASafelandDatabase(f"{path} is an SQLite file but not a Safeland database.")
    if migrate and current != head:
        if existed and current is not None:
            saved = backup(path, f"-before-{head}")
            log.info("backed up %s to %s before migrating", path, saved)
        command.upgrade(alembic_config(engine), "head")


def _optimize(conn: sqlite3.Connection, path: Path, force: bool = False) -> bool:
    """Database.optimize on one DB-API connection (in autocommit, as the engine's and
    `connect_plain`'s are). Never fails the caller."""
    try:
        if not force and not _stats_stale(conn):
            return False
        conn.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        conn.execute("ANALYZE")
        log.info("refreshed the query planner's statistics of %s", path.name)
        return True
    except Exception as exc:  # noqa: BLE001 - statistics are a help, never a requirement
        log.info("could not refresh the statistics of %s: %s", path.name, exc)
        return False


def _stats_stale(conn: sqlite3.Connection) -> bool:
    """Whether the planner's statistics are missing, or were taken when the reports table was
    less than 3/4 or more than 4/3 of its size now (two index lookups and a count)."""
    def scalar(sql: str) -> Any:
        row = conn.execute(sql).fetchone()
        return None if row is None else row[0]

    if not scalar("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"):
        return bool(scalar("SELECT 1 FROM reports LIMIT 1"))
    stat = scalar("SELECT stat FROM sqlite_stat1 WHERE tbl = 'reports' ORDER BY idx LIMIT 1")
    now = int(scalar("SELECT count(*) FROM reports") or 0)
    if stat is None:
        return now > 0
    then = int(str(stat).split()[0])
    return not (0.75 * then <= now <= then * 4 / 3)


def _check_is_sqlite(path: Path) -> None:
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise NotASafelandDatabase(f"{path} is not a database file (it may be damaged).")


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type='table'").scalar())
