"""The fault tests of test_faults.py again, against two `safeland-hq serve` processes on one
PostgreSQL database at once, with a balancer in front that sends each request to the next
process in turn (so a batch and its retry, or four copies of one batch sent together, land on
different processes). After each fault every signed report is at HQ exactly once, as with one
process: the exactly-once guarantee rests on the database (the device row lock, the unique
constraints), not on anything one process holds in memory.

PostgreSQL only (SQLite is one process: `serve --workers` refuses more on it); skipped when
SAFELAND_TEST_PG_URL is not set. Slow: each test starts two HQ processes.
"""
from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from tests.helpers.synchq import PG_ENV, ROOT, ProcessHQ, _read_http, pg_schema, wait_healthy
from tests.sync.test_faults import *  # noqa: F403 - the same tests, collected here with the fixtures below

# This one kills and restarts the single HQ process of `hq_process`: it runs on PostgreSQL in
# test_faults.py already, and here it would start one process, not two.
globals().pop("test_hq_killed_mid_batch_and_restarted")  # from the star import above

# Two HQ processes share one database only on PostgreSQL (SQLite takes one writer: serve refuses
# --workers there). Off CI without PostgreSQL the module is skipped; on CI it must run, so there
# a missing SAFELAND_TEST_PG_URL fails its fixture instead of skipping.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not os.environ.get(PG_ENV) and not os.environ.get("CI"),
                                 reason=f"two HQ processes need PostgreSQL ({PG_ENV} unset)")]


class Balancer:
    """A loopback HTTP proxy that sends each request to the next upstream port in turn."""

    def __init__(self, upstreams: list[int]):
        self.upstreams = upstreams
        self.turn = itertools.count()
        self.sent: list[int] = []  # the upstream port of each request, in order
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(32)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buf = b""
        try:
            while True:
                msg = _read_http(conn, buf)
                if msg is None:
                    return
                head, body, buf = msg
                port = self.upstreams[next(self.turn) % len(self.upstreams)]
                self.sent.append(port)
                with socket.create_connection(("127.0.0.1", port), timeout=60) as up:
                    up.sendall(head + b"\r\n\r\n" + body)
                    answer = _read_http(up)
                if answer is None:
                    return  # the upstream closed without answering: so does the balancer
                conn.sendall(answer[0] + b"\r\n\r\n" + answer[1])
        except OSError:
            return
        finally:
            conn.close()


@pytest.fixture
def hq_url() -> Iterator[str]:
    """A fresh schema of the PostgreSQL test database (this module runs on PostgreSQL only)."""
    with pg_schema(os.environ[PG_ENV], "t2_") as url:
        yield url


@pytest.fixture
def hq(hq_url, hq_db, tmp_path) -> Iterator[Balancer]:
    """Two `safeland-hq serve` processes on the same database, behind a round-robin balancer
    (it has the `url` and `port` the tests and the fault proxy use)."""
    servers = [ProcessHQ(hq_url, tmp_path / f"hq-{i}.log") for i in range(2)]
    for server in servers:  # both start at once (as ProcessHQ.start, without its wait)
        server.log = open(server.log_path, "ab")
        server.proc = subprocess.Popen(
            [sys.executable, "-m", "hq.cli", "--database-url", hq_url, "serve", "--port",
             str(server.port)], cwd=ROOT, stdout=server.log, stderr=server.log)
    for server in servers:
        wait_healthy(server.url, timeout=120)  # a loaded machine starts Python slowly
    balancer = Balancer([server.port for server in servers])
    yield balancer
    balancer.close()
    for server in servers:
        server.stop()
    assert len(set(balancer.sent)) == 2 or len(balancer.sent) < 2, "one process got every request"
