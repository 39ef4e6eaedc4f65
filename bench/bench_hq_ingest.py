"""hq_ingest_concurrent: many laptops pushing signed reports to `safeland-hq serve --workers 2`
on PostgreSQL at once, beside two floors measured in the same run.

    laptops x reports each: 200 x 100 and 50 x 1,000 (quick: 20 x 50)

Each laptop is a thread of this process with the real client transport (app.sync.transport:
HQClient with its retry policy and 60 s timeout, and its BatchPacer sizing the batches by the
answer times it sees); its batches are packed as app.sync.outbox packs them (gzip JSON of whole
signed safeland/1 records). Each laptop's client and first batch are made before the clock
starts (load). HQ runs in its own processes (`--workers`), on a fresh schema of
the PostgreSQL database named by SAFELAND_BENCH_PG_URL (else SAFELAND_TEST_PG_URL). Without
either, the bench says so and yields nothing.

Floors:
- `copy`: raw psycopg COPY of the same rows (reports and receipts, one transaction), from this
  process, no HTTP: what PostgreSQL itself takes.
- `bare`: the same gzip bodies, sent by the same laptops, to a bare ASGI endpoint on uvicorn
  with the same number of workers that only decompresses, parses and COPYs the same rows
  (bench/bare_ingest.py): what HTTP plus PostgreSQL take, with none of HQ's checks.

Rows: reports/s of ours with ratio = ours / floor (higher is better: 0.5 is half the floor),
p50 and p99 request time, the largest, retries, answer bytes per report.
"""
from __future__ import annotations

import copy
import datetime as dt
import gzip
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from bench.common import row, tmpdir

if TYPE_CHECKING:
    from app.sync.transport import BatchPacer, HQClient

ROOT = Path(__file__).resolve().parents[1]
WORKERS = 2
SIZES = [(200, 100), (50, 1_000)]
QUICK_SIZES = [(20, 50)]


def pg_base() -> str | None:
    url = os.environ.get("SAFELAND_BENCH_PG_URL") or os.environ.get("SAFELAND_TEST_PG_URL")
    return url.replace("postgresql+psycopg://", "postgresql://") if url else None


class Schema:
    """A fresh PostgreSQL schema, migrated to HQ's head; dropped by close()."""

    def __init__(self, base: str, tag: str):
        import psycopg

        from hq.db import open_hq

        self.base, self.name = base, f"bench_{tag}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{self.name}"')
        sep = "&" if "?" in base else "?"
        self.url = f"{base}{sep}options=-csearch_path%3D{self.name}"
        open_hq(self.url).close()

    def count(self, table: str) -> int:
        import psycopg

        with psycopg.connect(self.base, options=f"-csearch_path={self.name}") as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def close(self) -> None:
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{self.name}" CASCADE')


# --- laptops ----------------------------------------------------------------------------------

def _site() -> dict:
    from app.domain.demo import SITES

    site = copy.deepcopy(SITES[1])
    site["operator"], site["unit"] = "CMAC", "DU4"
    return site


@dataclass
class Laptop:
    device_id: str
    token: str
    records: list[dict]
    times: list[float] = field(default_factory=list)
    requests: int = 0
    calls: int = 0
    bytes_down: int = 0
    error: str | None = None


def signed_records(n: int, start: int) -> list[dict]:
    """n signed report records (revision 1), realistic content as in bench_sync_push."""
    from safeland_core.records import revision_hash

    ref = _site()["reference"]
    out = []
    for i in range(start, start + n):
        rec = {"id": str(uuid.uuid4()), "site_reference": ref,
               "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "activity": "CLEARANCE",
               "assets": ["MANUAL", "MDD"], "team": "DU4-MDT-03", "team_leader": "Sok Chanthy",
               "personnel": 14, "hours_worked": 7, "area_cleared_m2": 900 + i % 700,
               "clearance_depth_cm": 30,
               "items": [{"category": "AP_MINE", "model": "PMN-2", "quantity": 1,
                          "condition": "POOR", "depth_cm": 15, "disposal": "DESTROYED_IN_SITU",
                          "lat": 13.5870 + (i % 50) * 1e-5, "lon": 103.4230}][: i % 3],
               "notes": "ក្រុមបានធ្វើការតាមផែនការ អាកាសធាតុល្អ" if i % 2 else
                        "Vegetation cut back on the north edge before search.",
               "status": "SIGNED", "revision": 1, "prev_hash": None, "signed_by": "Sok Chanthy",
               "signed_at": "2025-03-04T10:00:00Z"}
        rec["hash"] = revision_hash(rec, None)
        out.append(rec)
    return out


def make_laptops(schema: Schema, laptops: int, each: int, records: list[list[dict]],
                 site: bool = True) -> list[Laptop]:
    from hq.db import open_hq
    from hq.devices import add_device, enroll
    from hq.sites import import_document

    db = open_hq(schema.url, migrate=False)
    try:
        if site:
            import_document(db, {"format": "safeland/1", "sites": [_site()], "reports": []})
        out = []
        for i in range(laptops):
            code = add_device(db, "CMAC", "DU4", f"bench laptop {i}{'' if site else ' warm-up'}")[1]
            info, token = enroll(db, code)
            out.append(Laptop(info.id, token, records[i]))
    finally:
        db.close()
    return out


def pack(device_id: str, entries: list[tuple[int, dict]]) -> tuple[str, bytes]:
    """A batch as app.sync.outbox.next_batch packs it: (batch_id, gzip body)."""
    from safeland_core.protocol import BATCH_FORMAT, batch_id_for

    keys = [(seq, rec["id"], 1) for seq, rec in entries]
    batch_id = batch_id_for(device_id, keys)
    parts = [json.dumps({"seq": seq, "type": "report", "record_id": rec["id"], "revision": 1,
                         "record": rec}, ensure_ascii=False, separators=(",", ":")).encode()
             for seq, rec in entries]
    head = json.dumps({"format": BATCH_FORMAT, "batch_id": batch_id, "device_id": device_id,
                       "created_at": "2026-12-01T00:00:00Z"}, separators=(",", ":"))[:-1].encode()
    return batch_id, gzip.compress(head + b',"entries":[' + b",".join(parts) + b"]}", 6)


def next_batch(lap: Laptop, pacer: BatchPacer, done: int) -> tuple[int, str, bytes]:
    """The laptop's next batch after `done` records, sized by its pacer: (records, batch_id,
    gzip body)."""
    from safeland_core.protocol import MAX_BATCH_RECORDS

    n = pacer.size(MAX_BATCH_RECORDS)
    chunk = [(done + k + 1, rec) for k, rec in enumerate(lap.records[done:done + n])]
    return (len(chunk), *pack(lap.device_id, chunk))


def push_laptop(lap: Laptop, client: HQClient, first: tuple[int, str, bytes]) -> None:
    """One laptop's sync: every record, in batches the pacer sizes, through HQClient; `first`
    is its first batch, packed before the clock started (see load)."""
    from safeland_core.protocol import BatchAnswer

    pacer = client.pacer
    assert pacer is not None
    try:
        done, batch = 0, first
        while done < len(lap.records):
            n, batch_id, body = batch
            t0 = time.perf_counter()
            client.call("POST", "/batches", BatchAnswer, content=body, headers={
                "Content-Type": "application/json", "Content-Encoding": "gzip",
                "Idempotency-Key": batch_id})
            lap.times.append(time.perf_counter() - t0)
            pacer.answered(n, client.last_seconds)
            lap.calls += 1
            done += n
            if done < len(lap.records):
                batch = next_batch(lap, pacer, done)
    except Exception as exc:  # noqa: BLE001 - reported in the row, never hidden
        lap.error = f"{type(exc).__name__}: {exc}"[:300]
    finally:
        lap.requests = client.traffic.requests
        lap.bytes_down = client.traffic.bytes_received
        client.close()


WARM_UP = 8  # one-report batches before timing, so each worker has imported and warmed up


def warm_up(schema: Schema, url: str) -> int:
    """Push WARM_UP one-report batches from a laptop of its own (not timed, not counted): the
    first batch a worker sees pays for lazy imports and pydantic's first validations, which a
    server that has been up for a while has long paid. Returns the reports it left held."""
    lap = make_laptops(schema, 1, WARM_UP, [signed_records(WARM_UP, 10**6)], site=False)[0]
    from app.sync.transport import HQClient, RetryPolicy
    from safeland_core.protocol import BatchAnswer

    with HQClient(url, lap.token, RetryPolicy(attempts=5, timeout=120.0)) as client:
        for seq, rec in enumerate(lap.records, 1):
            batch_id, body = pack(lap.device_id, [(seq, rec)])
            client.call("POST", "/batches", BatchAnswer, content=body, headers={
                "Content-Type": "application/json", "Content-Encoding": "gzip",
                "Idempotency-Key": batch_id})
    return WARM_UP


def load(laptops: list[Laptop], url: str, cpu: CPU | None = None) -> float:
    """Every laptop at once; wall seconds from the first request until the last answer.

    Each laptop's HTTP client and first batch are made before the clock starts: on a real
    laptop they are that laptop's own work, done on its own processor, while here all of them
    would share HQ's two cores. Making an HQClient (httpx builds its TLS context) took 50-180 ms
    of this process on the shared machine: for 200 laptops 10-37 s, most of a 200 x 100 run
    when they were made inside it, for HQ and for the bare endpoint alike."""
    from app.sync.transport import HQClient, RetryPolicy

    clients = [HQClient(url, lap.token, RetryPolicy(attempts=5, timeout=60.0)) for lap in laptops]
    firsts = [next_batch(lap, c.pacer, 0) for lap, c in zip(laptops, clients) if c.pacer]
    threads = [threading.Thread(target=push_laptop, args=(lap, c, first))
               for lap, c, first in zip(laptops, clients, firsts)]
    if cpu:
        cpu.start()
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    if cpu:
        cpu.stop()
    return seconds


# --- servers ----------------------------------------------------------------------------------

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- whose CPU: the laptops (this process), the server's processes, PostgreSQL's backends ----------

APP_NAME = "safeland_bench"  # the servers' PostgreSQL connections carry it (pg_stat_activity)


def _ticks(pid: int) -> int:
    """CPU time (user + system, clock ticks) a process has used, from /proc; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def _tree(pid: int) -> list[int]:
    """The process and its descendants (uvicorn's supervisor and its workers)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except OSError:
            pass
    return out


def _backends(base: str) -> list[int]:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        return [r[0] for r in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s", (APP_NAME,))]


class CPU:
    """CPU seconds spent between start() and stop() by this process (the laptops' threads),
    by a server's processes and by PostgreSQL's backends of the servers' connections. A
    backend may end before stop() (a pool's overflow connection closed when it is given back):
    a thread reads the backends' CPU every POLL seconds, so each counts until its last reading."""

    POLL = 0.1

    def __init__(self, base: str, server_pid: int | None, backend_pids: list[int] | None = None):
        self.base, self.server_pid, self.backend_pids = base, server_pid, backend_pids
        self.client = self.server = self.pg = 0.0
        self.backends_seen = 0

    def start(self) -> None:
        self._s0 = {p: _ticks(p) for p in _tree(self.server_pid)} if self.server_pid else {}
        self._b0 = {p: _ticks(p) for p in (self.backend_pids or _backends(self.base))}
        self._last = dict(self._b0)
        self._done = threading.Event()
        self._poller, self._poll_cpu = None, 0.0
        if self.backend_pids is None:
            self._poller = threading.Thread(target=self._poll, daemon=True)
            self._poller.start()
        self._c0 = time.process_time()

    def _poll(self) -> None:
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            while not self._done.wait(self.POLL):
                self._read(conn)
        self._poll_cpu = time.thread_time()  # the poller's own CPU: not the laptops'

    def _read(self, conn: object = None) -> None:
        pids = self.backend_pids or (_backends(self.base) if conn is None else [r[0] for r in (
            conn.execute(  # type: ignore[attr-defined]
                "SELECT pid FROM pg_stat_activity WHERE application_name = %s", (APP_NAME,)))])
        for p in pids:
            if (t := _ticks(p)) > 0:
                self._last[p] = max(self._last.get(p, 0), t)

    def stop(self) -> None:
        hz = os.sysconf("SC_CLK_TCK")
        self.client = time.process_time() - self._c0
        self._done.set()
        if self._poller is not None:
            self._poller.join()
            self.client -= self._poll_cpu
        self._read()
        if self.server_pid:
            self.server = sum(_ticks(p) - self._s0.get(p, 0) for p in _tree(self.server_pid)) / hz
        self.pg = sum(t - self._b0.get(p, 0) for p, t in self._last.items()) / hz
        self.backends_seen = len(self._last)

    def figures(self) -> dict[str, float]:
        return {"client": round(self.client, 2), "server": round(self.server, 2),
                "postgresql": round(self.pg, 2), "backends": self.backends_seen}


class Server:
    def __init__(self, argv: list[str], env: dict[str, str], log: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "ab")
        self.proc = subprocess.Popen([sys.executable, *argv, "--port", str(self.port)], cwd=ROOT,
                                     env={**os.environ, **env}, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 240  # a shared machine can take a minute to start Python
        while True:
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server {argv[:3]} did not start (log {log})")
            time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def hq_server(schema: Schema, work: Path) -> Server:
    return Server(["-m", "hq.cli", "--database-url", f"{schema.url}&application_name={APP_NAME}",
                   "serve",
                   "--workers", str(WORKERS)], {}, work / "hq.log")


def bare_server(schema: Schema, work: Path) -> Server:
    return Server(["-m", "uvicorn", "bench.bare_ingest:app", "--workers", str(WORKERS),
                   "--log-level", "warning", "--no-access-log"],
                  {"SAFELAND_BARE_PG_URL": schema.base + ("&" if "?" in schema.base else "?")
                   + f"application_name={APP_NAME}", "SAFELAND_BARE_SCHEMA": schema.name},
                  work / "bare.log")


def copy_floor(schema: Schema, laptops: list[Laptop]) -> tuple[float, CPU]:
    """Raw COPY of the rows HQ writes for these reports (reports and receipts), one transaction.
    Its CPU: this process (the rows' JSON and COPY's encoding: `client` in the figures) and
    its backend."""
    import psycopg

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with psycopg.connect(schema.base, options=f"-csearch_path={schema.name}") as conn:
        cpu = CPU(schema.base, None, [conn.info.backend_pid])
        cpu.start()
        t0 = time.perf_counter()
        with conn.cursor() as cur:
            with cur.copy("COPY reports (record_id, revision, site_reference, device_id, seq,"
                          " record, hash, status, source, received_at) FROM STDIN") as cp:
                for lap in laptops:
                    for seq, rec in enumerate(lap.records, 1):
                        cp.write_row((rec["id"], 1, rec["site_reference"], lap.device_id, seq,
                                      json.dumps(rec, ensure_ascii=False), rec["hash"],
                                      "RECEIVED", "push", now))
            with cur.copy("COPY receipts (device_id, seq, record_id, revision, status, batch_id,"
                          " received_at) FROM STDIN") as cp:
                for lap in laptops:
                    for seq, rec in enumerate(lap.records, 1):
                        cp.write_row((lap.device_id, seq, rec["id"], 1, "APPLIED", "copy", now))
        conn.commit()
        seconds = time.perf_counter() - t0
        cpu.stop()
        return seconds, cpu


@dataclass
class Run:
    seconds: float
    reports: int
    times: list[float]
    requests: int
    calls: int
    bytes_down: int
    errors: list[str]
    cpu: CPU | None = None

    @property
    def rate(self) -> float:
        return self.reports / self.seconds

    def pct(self, q: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def measure(base: str, work: Path, laptops_n: int, each: int, records: list[list[dict]],
            kind: str) -> Run:
    schema = Schema(base, kind)
    try:
        laptops = make_laptops(schema, laptops_n, each, records)
        if kind == "copy":
            secs, cpu = copy_floor(schema, laptops)
            return Run(secs, schema.count("reports"), [], 0, 0, 0, [], cpu)
        server = hq_server(schema, work) if kind == "hq" else bare_server(schema, work)
        try:
            warm = warm_up(schema, server.url)
            cpu = CPU(schema.base, server.proc.pid)
            secs = load(laptops, server.url, cpu)
        finally:
            server.stop()
        held = schema.count("reports") - warm
        errors = [lap.error for lap in laptops if lap.error]
        if held != laptops_n * each and not errors:
            errors.append(f"{held} reports held, {laptops_n * each} sent")
        return Run(secs, held, [t for lap in laptops for t in lap.times],
                   sum(lap.requests for lap in laptops), sum(lap.calls for lap in laptops),
                   sum(lap.bytes_down for lap in laptops), errors, cpu)
    finally:
        schema.close()


def run(quick: bool) -> Iterable[dict]:
    import logging

    base = pg_base()
    if not base:
        yield {"bench": "hq_ingest_concurrent", "skipped": "no PostgreSQL: set "
               "SAFELAND_BENCH_PG_URL (or SAFELAND_TEST_PG_URL)"}
        return
    logging.disable(logging.INFO)
    work = tmpdir()
    for laptops_n, each in (QUICK_SIZES if quick else SIZES):
        records = [signed_records(each, i * each) for i in range(laptops_n)]
        total = laptops_n * each
        ours = measure(base, work, laptops_n, each, records, "hq")
        bare = measure(base, work, laptops_n, each, records, "bare")
        raw = measure(base, work, laptops_n, each, records, "copy")
        shape = f"{laptops_n} laptops x {each} reports"
        common = {"laptops": laptops_n, "reports_each": each, "reports": total,
                  "workers": WORKERS, "backend": "postgresql"}
        yield row("hq_ingest_concurrent", "reports/s", ours.rate, raw.rate,
                  ratio=ours.rate / raw.rate, floor_kind="raw COPY, one transaction",
                  shape=shape, held=ours.reports, seconds=round(ours.seconds, 2),
                  p50_s=round(ours.pct(0.5), 2), p99_s=round(ours.pct(0.99), 2),
                  max_s=round(max(ours.times, default=0), 2), batches=ours.calls,
                  retries=ours.requests - ours.calls,
                  answer_bytes_per_report=round(ours.bytes_down / max(1, ours.reports), 1),
                  errors=ours.errors[:3], target="ratio>=0.5, p99_s<10, retries=0",
                  cpu_s=_cpu(ours), floor_cpu_s=_cpu(raw), **common)
        yield row("hq_ingest_concurrent_bare", "reports/s", ours.rate, bare.rate,
                  ratio=ours.rate / bare.rate,
                  floor_kind="same bodies to a bare decompress-and-COPY endpoint",
                  shape=shape, floor_p50_s=round(bare.pct(0.5), 2),
                  floor_p99_s=round(bare.pct(0.99), 2), floor_retries=bare.requests - bare.calls,
                  floor_errors=bare.errors[:3], cpu_s=_cpu(ours), floor_cpu_s=_cpu(bare),
                  **common)


def _cpu(r: Run) -> dict[str, float]:
    """CPU seconds of the run by whom, and the laptops' share of all of it (the COPY floor's
    `client` is its own Python: the rows' JSON and COPY's encoding); `backends`: how many
    PostgreSQL backends the servers used in the run."""
    if r.cpu is None:
        return {}
    f = r.cpu.figures()
    total = f["client"] + f["server"] + f["postgresql"]
    return {**f, "client_share": round(f["client"] / total, 2) if total else 0.0}
