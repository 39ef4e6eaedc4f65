"""Test harness shared by tests/sync and tests/hq: a real HQ over HTTP on 127.0.0.1 (in a thread,
or in a subprocess that can be killed), its database on SQLite and on PostgreSQL when
SAFELAND_TEST_PG_URL is set, a fault-injecting HTTP proxy, and the "exactly once" check.

Registered as a plugin by tests/conftest.py, so its fixtures are there for every folder; tests
import its helpers as `from tests.helpers.synchq import ...`.
"""
from __future__ import annotations

import copy
import gzip
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from tests.helpers.databases import copy_database

PG_ENV = "SAFELAND_TEST_PG_URL"
ROOT = Path(__file__).resolve().parents[2]  # the checkout (tests/helpers/ is two below)

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(PG_ENV) else [])


# --- HQ's database: a fresh SQLite file, or a fresh PostgreSQL schema per test ----------------

@pytest.fixture(params=BACKENDS)
def hq_url(request, tmp_path) -> Iterator[str]:
    """A database URL for a brand-new HQ. On SQLite a copy of the migrated empty template; on
    PostgreSQL each test gets its own schema (dropped after), so tests never see each other's
    rows. If SAFELAND_TEST_PG_URL is set and PostgreSQL is unreachable, this fails: it never
    skips."""
    if request.param == "sqlite":
        path = copy_database(request.getfixturevalue("hq_sqlite_template"), tmp_path / "hq.db")
        yield f"sqlite:///{path}"
        return
    with pg_schema(os.environ[PG_ENV]) as url:
        yield url


@contextmanager
def pg_schema(base: str, prefix: str = "t_") -> Iterator[str]:
    """A fresh schema of the PostgreSQL test database, dropped afterwards: the URL of `base`
    with that schema first on its search path (so parallel tests never see each other's)."""
    import psycopg

    schema = prefix + uuid.uuid4().hex[:16]
    plain = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def hq_db(hq_url):
    """HQ's database opened (and migrated) directly, for arranging and for assertions."""
    from hq.db import open_hq

    db = open_hq(hq_url)
    yield db
    db.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- HQ in a thread ---------------------------------------------------------------------------

class ThreadHQ:
    """uvicorn serving create_app(db) on a random port, in a background thread."""

    def __init__(self, db):
        import uvicorn

        from hq.api import create_app

        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(db)
        config = uvicorn.Config(self.app, log_config=None, access_log=False, lifespan="off",
                                timeout_graceful_shutdown=2)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)
        self.thread.start()
        wait_healthy(self.url)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


def wait_healthy(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"HQ at {url} did not come up")
        time.sleep(0.05)


@pytest.fixture
def hq(hq_db) -> Iterator[ThreadHQ]:
    server = ThreadHQ(hq_db)
    yield server
    server.stop()


# --- HQ in a subprocess (to kill it) ----------------------------------------------------------

class ProcessHQ:
    def __init__(self, url: str, log_path: Path, port: int | None = None):
        self.db_url = url
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        env = dict(os.environ)
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "hq.cli", "--database-url", self.db_url, "serve",
             "--port", str(self.port)], cwd=ROOT, env=env, stdout=self.log, stderr=self.log)
        wait_healthy(self.url)

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, an open transaction dies with the process."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.log.close()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if not self.log.closed:
            self.log.close()


@pytest.fixture
def hq_process(hq_url, hq_db, tmp_path) -> Iterator[ProcessHQ]:
    server = ProcessHQ(hq_url, tmp_path / "hq-process.log")
    server.start()
    yield server
    server.stop()


# --- arranging HQ and the device --------------------------------------------------------------

def demo_sites(unit: str = "DU4", overrides: dict[str, str] | None = None) -> list[dict]:
    """The demo's five sites, all assigned to one unit of CMAC (some elsewhere by `overrides`:
    reference -> unit), so one device may write reports for all of them."""
    from app.domain.demo import SITES

    sites = copy.deepcopy(SITES)
    for s in sites:
        s["operator"] = "CMAC"
        s["unit"] = (overrides or {}).get(s["reference"], unit)
    return sites


def import_sites(db, sites: list[dict]):
    from hq.sites import import_document

    return import_document(db, {"format": "safeland/1", "sites": sites, "reports": []})


def new_code(db, operator: str = "CMAC", unit: str = "DU4", name: str = "laptop") -> str:
    from hq.devices import add_device

    return add_device(db, operator, unit, name)[1]


def enroll(field_db, hq_db, url: str, unit: str = "DU4"):
    from app.sync.api import enroll as do_enroll

    return do_enroll(field_db, url, new_code(hq_db, unit=unit))


@dataclass
class Outbox:
    pending: int
    applied: int
    refused: int


def outbox(field_db) -> Outbox:
    from app.domain.queries import status_counts

    c = status_counts(field_db)
    return Outbox(c.waiting, c.synced, c.refused)


def signed_revisions(field_db) -> set[tuple[str, int]]:
    from app.models import ReportRevision

    with field_db.session() as s:
        return {tuple(r) for r in s.execute(select(ReportRevision.report_id, ReportRevision.revision))}


def hq_reports(hq_db) -> Counter:
    from hq.models import Report

    with hq_db.session() as s:
        return Counter(tuple(r) for r in s.execute(select(Report.record_id, Report.revision)))


def assert_exactly_once(field_db, hq_db, refused_ok: bool = True) -> None:
    """Every signed report revision of the laptop is at HQ exactly once, unless HQ refused it
    (then it is parked on both sides and not among HQ's reports); nothing is waiting."""
    from app.models import OutboxEntry
    from hq.models import Receipt

    held = hq_reports(hq_db)
    assert all(n == 1 for n in held.values()), "a report is at HQ more than once"
    with field_db.session() as s:
        states = {(r, v): st for r, v, st in s.execute(
            select(OutboxEntry.record_id, OutboxEntry.revision, OutboxEntry.state))}
    assert set(states) == signed_revisions(field_db), "an outbox entry is missing"
    assert "PENDING" not in states.values(), "reports are still waiting"
    applied = {k for k, st in states.items() if st == "APPLIED"}
    refused = {k for k, st in states.items() if st == "REFUSED"}
    assert applied <= set(held), "a report the laptop marked as sent is not at HQ"
    assert not (refused & set(held)), "a refused report is among HQ's reports"
    if refused:
        assert refused_ok
        with hq_db.session() as s:
            parked = {tuple(r) for r in s.execute(select(Receipt.record_id, Receipt.revision)
                                                  .where(Receipt.status == "REFUSED"))}
        assert refused <= parked, "a refused report is not parked at HQ"


# --- a fault-injecting HTTP proxy -------------------------------------------------------------

def _read_http(sock: socket.socket, buf: bytes = b"") -> tuple[bytes, bytes, bytes] | None:
    """One HTTP/1.1 message (head, body, leftover) with a Content-Length body, or None at EOF."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        rest += chunk
    return head, rest[:length], rest[length:]


@dataclass
class Rule:
    """What the proxy does to the next `times` requests whose first line contains `match`."""

    action: str  # "pass", "cut_after_commit", "portal", "status", "kill_mid_body", "delay",
    #              "rewrite", "hold"
    match: str = ""
    times: int = 1_000_000
    status: int = 503
    headers: dict[str, str] = field(default_factory=dict)
    hook: Callable[[], None] | None = None
    delay: float = 0.0
    hits: int = 0
    transform: Callable[[bytes], bytes] | None = None  # "rewrite": HQ's answer body, changed
    after: int = 0  # "hold": let this many matching requests through first
    reached: threading.Event = field(default_factory=threading.Event)  # "hold": one is held
    release: threading.Event = field(default_factory=threading.Event)  # "hold": drop it now


class FaultProxy:
    """A loopback HTTP proxy in front of HQ that can lose answers, pretend to be a captive
    portal, answer 5xx/429, or cut a request in half. Rules are tried in order."""

    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.rules: list[Rule] = []
        self.seen: list[str] = []
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def add(self, rule: Rule) -> Rule:
        self.rules.append(rule)
        return rule

    def close(self) -> None:
        self._stop = True
        self.listener.close()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _rule(self, first_line: str) -> Rule | None:
        for rule in self.rules:
            if rule.match in first_line and rule.hits < rule.times:
                rule.hits += 1
                return rule
        return None

    def _serve(self, conn: socket.socket) -> None:
        buf = b""
        try:
            while True:
                msg = _read_http(conn, buf)
                if msg is None:
                    return
                head, body, buf = msg
                first = head.split(b"\r\n", 1)[0].decode("latin-1")
                self.seen.append(first)
                rule = self._rule(first)
                action = rule.action if rule else "pass"
                if action == "portal":
                    page = b"<html><body><h1>Welcome to FreeWifi</h1><form>Log in</form></body></html>"
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                                 + str(len(page)).encode() + b"\r\n\r\n" + page)
                    continue
                if action == "status":
                    payload = b'{"error": {"code": "busy", "message": "try later"}}'
                    extra = "".join(f"{k}: {v}\r\n" for k, v in rule.headers.items()).encode()
                    conn.sendall(f"HTTP/1.1 {rule.status} X\r\n".encode() + extra
                                 + b"Content-Type: application/json\r\nContent-Length: "
                                 + str(len(payload)).encode() + b"\r\n\r\n" + payload)
                    continue
                if action == "delay":
                    time.sleep(rule.delay)
                if action == "hold" and rule.hits > rule.after:
                    # Never forwarded: HQ does not see it; the client waits for an answer until
                    # the test has done what it holds the request for (e.g. kill the client).
                    rule.reached.set()
                    rule.release.wait(120)
                    return
                up = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=60)
                try:
                    if action == "kill_mid_body":
                        up.sendall(head + b"\r\n\r\n" + body[:len(body) // 2])
                        time.sleep(0.2)
                        if rule.hook:
                            rule.hook()
                        return  # closes the client's connection: the answer never comes
                    up.sendall(head + b"\r\n\r\n" + body)
                    answer = _read_http(up)
                finally:
                    up.close()
                if answer is None:
                    return
                if action == "cut_after_commit":
                    if rule.hook:
                        rule.hook()
                    # HQ has committed and answered; the laptop never hears it.
                    conn.sendall(answer[0].split(b"\r\n", 1)[0] + b"\r\n")
                    return
                head_out, body_out = answer[0], answer[1]
                if action == "rewrite" and rule.transform:
                    # HQ gzips its answers when the client accepts it: the transform sees the
                    # JSON, and the rewritten answer goes on uncompressed.
                    gzipped = b"content-encoding: gzip" in head_out.lower()
                    body_out = rule.transform(gzip.decompress(body_out) if gzipped else body_out)
                    lines = [ln for ln in head_out.split(b"\r\n")
                             if not ln.lower().startswith((b"content-length:",
                                                           b"content-encoding:"))]
                    head_out = b"\r\n".join(lines + [b"Content-Length: " + str(len(body_out)).encode()])
                conn.sendall(head_out + b"\r\n\r\n" + body_out)
        except OSError:
            return
        finally:
            conn.close()


@pytest.fixture
def proxy(hq) -> Iterator[FaultProxy]:
    p = FaultProxy(hq.port)
    yield p
    p.close()


def point_device_at(field_db, url: str) -> None:
    """Make the enrolled laptop talk to HQ through `url` (a proxy)."""
    from app.models import DeviceProfile

    with field_db.session(write=True) as s:
        s.get(DeviceProfile, 1).hq_url = url


@pytest.fixture
def _fast_retries(monkeypatch):
    """Short backoff so retries happen within the test (the policy is still exercised). Used
    by every test of tests/sync and tests/hq (their conftest.py) and by tests/ui/test_sync_ui."""
    monkeypatch.setenv("SAFELAND_SYNC_BACKOFF", "0.05")
    monkeypatch.setenv("SAFELAND_SYNC_ATTEMPTS", "4")
    monkeypatch.setenv("SAFELAND_SYNC_TIMEOUT", "20")
