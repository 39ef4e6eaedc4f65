"""Shared fixtures: a fresh field database per test (a copy of a template built once per run),
the demo document, a CLI runner. The HQ harness and the templates live in tests/helpers and are
registered here as plugins, so every folder has their fixtures without importing them."""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# The helpers' asserts (assert_exactly_once...) explain themselves like a test's own.
pytest.register_assert_rewrite("tests.helpers")

from tests.helpers.databases import copy_database  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The store guard (safeland_core.store_guard): record tables written outside app/store or
# hq/store.py raise, here and in every process the tests start (CLI, HQ subprocess).
os.environ.setdefault("SAFELAND_STORE_GUARD", "1")

pytest_plugins = ["tests.helpers.databases", "tests.helpers.synchq"]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Logs and the default database go to a temporary place, never the developer's home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SAFELAND_LOG", str(home / "safeland.log"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("SAFELAND_DB", raising=False)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "field.db"


@pytest.fixture
def db(request, db_path, empty_db_template):
    """The field database at `db_path`, migrated and empty; when the test also asks for
    `demo_db`, the same database holding the demo (`db` and `demo_db` are one object)."""
    from app.db import open_database

    if not db_path.exists():
        template = (request.getfixturevalue("demo_db_template")
                    if "demo_db" in request.fixturenames else empty_db_template)
        copy_database(template, db_path)
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_doc_base() -> dict:
    from app.domain.demo import build_document

    return build_document()


@pytest.fixture
def demo_doc(demo_doc_base) -> dict:
    """The demo safeland/1 document (5 sites, 100 reports), a fresh copy to change at will."""
    return copy.deepcopy(demo_doc_base)


@pytest.fixture
def demo_db(db):
    """A database filled by `safeland demo` (most reports signed, the last two days drafts):
    `db`, copied from the demo template rather than from the empty one."""
    return db


class CliResult:
    def __init__(self, proc: subprocess.CompletedProcess):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def __repr__(self) -> str:
        return f"<exit {self.code}\nstdout: {self.out}\nstderr: {self.err}>"


@pytest.fixture
def safeland(db_path, tmp_path):
    """Run the real `safeland` command in a subprocess against the test database."""

    def run(*args: str, db: Path | None = None, input: str | None = None) -> CliResult:
        cmd = [sys.executable, "-m", "app.cli", "--db", str(db or db_path), *args]
        proc = subprocess.run(cmd, capture_output=True, text=True, input=input, timeout=300,
                              env={**os.environ})
        return CliResult(proc)

    return run


@pytest.fixture
def write_json(tmp_path):
    counter = iter(range(10_000))

    def write(doc: dict) -> str:
        path = tmp_path / f"doc{next(counter)}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return str(path)

    return write
