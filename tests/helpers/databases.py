"""Database templates: the migrated empty field database, the demo database and HQ's migrated
empty SQLite database are each built once per test run and copied per test, as Anki's tests
copy an empty collection. A test then pays for a file copy instead of Alembic's migrations and
the demo import (about a second each on a busy machine).

The templates are pytest fixtures (session scope), registered by tests/conftest.py; the
per-test fixtures `db`, `demo_db` and `hq_url` copy them.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def copy_database(src: Path, dst: Path) -> Path:
    """Copy a closed SQLite database to `dst` (its -wal too, should one have been left)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    wal = src.with_name(src.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, dst.with_name(dst.name + "-wal"))
    return dst


@contextmanager
def _quiet_home(base: Path) -> Iterator[None]:
    """While a template is built (before any test's own temporary home is set up), logs and the
    default database go to a temporary place, never the developer's home."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SAFELAND_LOG", str(base / "safeland.log"))
        mp.setenv("XDG_DATA_HOME", str(base / "data"))
        mp.delenv("SAFELAND_DB", raising=False)
        yield


@pytest.fixture(scope="session")
def empty_db_template(tmp_path_factory) -> Path:
    """A field database as `open_database` leaves a new file: migrated to head, no rows."""
    from app.db import open_database

    base = tmp_path_factory.mktemp("templates")
    path = base / "empty.db"
    with _quiet_home(base):
        open_database(path).close()
    return path


@pytest.fixture(scope="session")
def demo_db_template(empty_db_template) -> Path:
    """The empty database filled by `safeland demo` (5 sites, 100 reports, all but the last
    two days signed)."""
    from app.db import open_database
    from app.domain import demo

    path = copy_database(empty_db_template, empty_db_template.with_name("demo.db"))
    with _quiet_home(path.parent):
        database = open_database(path)
        try:
            demo.fill(database)
        finally:
            database.close()
    return path


@pytest.fixture(scope="session")
def hq_sqlite_template(tmp_path_factory) -> Path:
    """HQ's embedded SQLite store as `open_hq` leaves a new file: migrated to head, no rows."""
    from hq.db import open_hq

    base = tmp_path_factory.mktemp("hq-template")
    path = base / "hq.db"
    with _quiet_home(base):
        open_hq(f"sqlite:///{path}").close()
    return path
