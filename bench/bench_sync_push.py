"""sync_push: signed reports pushed to a real HQ on loopback, batched and gzip-compressed, beside
the way ODK Collect and KoBoToolbox submit (one uncompressed POST per report) as the floor.

10,000 reports from 5 devices (quick: 1,000), HQ in its own process on PostgreSQL when
SAFELAND_TEST_PG_URL is set (a fresh schema), SQLite otherwise; the row says which. A counting
TCP proxy in front of HQ measures bytes on the wire (both directions, HTTP headers included).
Then 500 reports through a proxy throttled to 256 kbit/s with a 300 ms round trip.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import httpx

from bench.common import row, tmpdir

ROOT = Path(__file__).resolve().parents[1]
DEVICES = 5


# --- a TCP proxy that counts bytes, and can throttle and delay --------------------------------

class Pipe:
    """Loopback TCP proxy. rate (bytes/s) and one_way (s) make it a slow link; cut_every (bytes)
    makes it drop: each connection is cut once that many bytes have passed on it (both
    directions counted), as a rural link drops. It always counts."""

    def __init__(self, upstream: int, rate: float | None = None, one_way: float = 0.0,
                 cut_every: int | None = None):
        self.upstream, self.rate, self.one_way = upstream, rate, one_way
        self.cut_every = cut_every
        self.cuts = 0
        self._passed: dict[int, int] = {}  # bytes so far on each connection (by client socket)
        self.bytes_up = self.bytes_down = self.connections = 0
        self._lock = threading.Lock()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def bytes_total(self) -> int:
        return self.bytes_up + self.bytes_down

    def reset(self) -> None:
        self.bytes_up = self.bytes_down = self.connections = 0

    def close(self) -> None:
        self.sock.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.upstream))
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.connections += 1
            pair = (client, server)
            threading.Thread(target=self._pump, args=(client, server, True, pair), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False, pair), daemon=True).start()

    def _cut(self, pair: tuple[socket.socket, socket.socket], n: int) -> bool:
        """Count n bytes on this connection; True (and both ends closed) once past cut_every."""
        if self.cut_every is None:
            return False
        key = id(pair[0])
        with self._lock:
            self._passed[key] = self._passed.get(key, 0) + n
            if self._passed[key] <= self.cut_every:
                return False
            if self._passed[key] - n <= self.cut_every:
                self.cuts += 1
        for sock in pair:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        return True

    def _pump(self, src: socket.socket, dst: socket.socket, up: bool,
              pair: tuple[socket.socket, socket.socket] | None = None) -> None:
        slow = self.rate is not None or self.one_way > 0
        q: queue.Queue = queue.Queue()

        def deliver() -> None:
            while True:
                item = q.get()
                if item is None:
                    break
                due, data = item
                wait = due - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                try:
                    dst.sendall(data)
                except OSError:
                    break
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

        if slow:
            threading.Thread(target=deliver, daemon=True).start()
        link_free = time.monotonic()
        try:
            while True:
                data = src.recv(16384)
                if not data:
                    break
                with self._lock:
                    if up:
                        self.bytes_up += len(data)
                    else:
                        self.bytes_down += len(data)
                if pair is not None and self._cut(pair, len(data)):
                    break
                if not slow:
                    dst.sendall(data)
                    continue
                # Serialise at the link's rate, then add the one-way latency.
                link_free = max(link_free, time.monotonic()) + (len(data) / self.rate if self.rate else 0)
                q.put((link_free + self.one_way, data))
        except OSError:
            pass
        finally:
            if slow:
                q.put(None)
            else:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass


# --- HQ in its own process --------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HQ:
    def __init__(self, url: str, workdir: Path):
        from hq.db import open_hq

        open_hq(url).close()  # migrate before timing anything
        self.db_url = url
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(workdir / f"hq-{self.port}.log", "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "hq.cli", "--database-url", url, "serve", "--port", str(self.port)],
            cwd=ROOT, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 240  # a shared machine can take a minute to start Python
        while True:
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("HQ did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(20)
        self.log.close()


def _database(workdir: Path, name: str) -> tuple[str, str, callable]:
    """(url, backend, cleanup) for a fresh HQ database."""
    pg = os.environ.get("SAFELAND_TEST_PG_URL")
    if not pg:
        return f"sqlite:///{workdir / (name + '.db')}", "sqlite", lambda: None
    import psycopg

    schema = f"bench_{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

    sep = "&" if "?" in pg else "?"
    return f"{pg}{sep}options=-csearch_path%3D{schema}", "postgresql", drop


# --- devices ----------------------------------------------------------------------------------

def _site() -> dict:
    import copy

    from app.domain.demo import SITES

    site = copy.deepcopy(SITES[1])
    site["unit"] = "DU4"
    return site


def make_device(path: Path, n: int) -> None:
    """A laptop database with n signed reports queued (realistic content, one or two finds)."""
    from app.db import open_database
    from app.domain import services
    from app.domain.transfer import import_document

    db = open_database(path)
    site = _site()
    base = {"site_reference": site["reference"], "activity": "CLEARANCE", "assets": ["MANUAL", "MDD"],
            "team": "DU4-MDT-03", "team_leader": "Sok Chanthy", "personnel": 14, "hours_worked": 7,
            "area_cleared_m2": 0, "clearance_depth_cm": 30}
    reports = []
    for i in range(n):
        reports.append(dict(base, id=str(uuid.uuid4()), date=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                            area_cleared_m2=900 + i % 700,
                            items=[{"category": "AP_MINE", "model": "PMN-2", "quantity": 1,
                                    "condition": "POOR", "depth_cm": 15, "disposal": "DESTROYED_IN_SITU",
                                    "lat": 13.5870 + (i % 50) * 1e-5, "lon": 103.4230}][: i % 3],
                            notes="ក្រុមបានធ្វើការតាមផែនការ អាកាសធាតុល្អ" if i % 2 else
                                  "Vegetation cut back on the north edge before search."))
    import_document(db, {"format": "safeland/1", "sites": [site], "reports": reports},
                    accept_warnings=True)
    services.sign(db)
    db.close()


def _hq_setup(db_url: str, n_devices: int) -> list[str]:
    from hq.db import open_hq
    from hq.devices import add_device
    from hq.sites import import_document

    db = open_hq(db_url)
    import_document(db, {"format": "safeland/1", "sites": [_site()], "reports": []})
    codes = [add_device(db, "CMAC", "DU4", f"bench laptop {i}")[1] for i in range(n_devices)]
    db.close()
    return codes


def _enroll(path: Path, url: str, code: str):  # noqa: ANN202
    from app.db import open_database
    from app.sync.api import enroll

    db = open_database(path)
    enroll(db, url, code)
    return db


# --- the runs ---------------------------------------------------------------------------------

def push_batched(paths: list[Path], hq: HQ, pipe: Pipe) -> tuple[float, int, int]:
    """All devices sync at once through the counting pipe. Returns (seconds, requests, reports);
    requests counts every HTTP exchange of the runs, the pull's included."""
    from app.models import DeviceProfile
    from app.sync.api import run_sync

    codes = _hq_setup(hq.db_url, len(paths))
    dbs = [_enroll(p, hq.url, c) for p, c in zip(paths, codes)]
    for db in dbs:
        with db.session(write=True) as s:
            s.get(DeviceProfile, 1).hq_url = pipe.url
    pipe.reset()
    outcomes = [None] * len(dbs)

    def device(i: int) -> None:
        outcomes[i] = run_sync(dbs[i])

    seconds = _devices_at_once(device, dbs)
    bad = [o for o in outcomes if not o.ok]
    if bad:
        raise RuntimeError(f"sync failed: {bad[0].message}")
    return seconds, sum(o.requests for o in outcomes), sum(o.pushed for o in outcomes)


def _devices_at_once(device, dbs: list) -> float:  # noqa: ANN001 - device(i) syncs dbs[i]
    """Run `device(i)` for every laptop at once, each on its own thread; the wall seconds until
    the last is done. Closes the laptops' databases."""
    threads = [threading.Thread(target=device, args=(i,)) for i in range(len(dbs))]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    for db in dbs:
        db.close()
    return seconds


def push_one_by_one(paths: list[Path], hq: HQ, pipe: Pipe) -> tuple[float, int, int]:
    """The ODK/KoBo way: one uncompressed POST per report, devices in parallel, keep-alive on."""
    from sqlalchemy import select

    from app.models import DeviceProfile, OutboxEntry
    from safeland_core.protocol import BATCH_FORMAT, batch_id_for

    codes = _hq_setup(hq.db_url, len(paths))
    dbs = [_enroll(p, hq.url, c) for p, c in zip(paths, codes)]
    counts = [0] * len(dbs)

    def device(i: int) -> None:
        db = dbs[i]
        with db.session() as s:
            prof = s.get(DeviceProfile, 1)
            device_id, token = prof.device_id, prof.device_token
            rows = s.execute(select(OutboxEntry.seq, OutboxEntry.record_id, OutboxEntry.revision,
                                    OutboxEntry.payload).order_by(OutboxEntry.seq)).all()
        with httpx.Client(base_url=pipe.url, timeout=60,
                          headers={"Authorization": f"Bearer {token}"}) as http:
            for seq, rid, rev, payload in rows:
                doc = {"format": BATCH_FORMAT, "batch_id": batch_id_for(device_id, [(seq, rid, rev)]),
                       "device_id": device_id,
                       "entries": [{"seq": seq, "type": "report", "record_id": rid, "revision": rev,
                                    "record": payload}]}
                r = http.post("/api/v1/batches", content=json.dumps(doc, ensure_ascii=False).encode(),
                              headers={"Content-Type": "application/json"})
                r.raise_for_status()
                counts[i] += 1

    pipe.reset()
    seconds = _devices_at_once(device, dbs)
    return seconds, sum(counts), sum(counts)


def run(quick: bool) -> Iterable[dict]:
    import logging

    logging.disable(logging.INFO)  # the client logs each batch; keep the bench output clean
    total = 1_000 if quick else 10_000
    work = tmpdir()
    try:
        per = total // DEVICES
        originals = []
        for i in range(DEVICES):
            p = work / f"device{i}.db"
            make_device(p, per)
            originals.append(p)

        def copies(tag: str) -> list[Path]:
            out = []
            for p in originals:
                q = p.with_name(f"{p.stem}-{tag}.db")
                shutil.copy(p, q)
                out.append(q)
            return out

        def measure(tag: str, push):  # noqa: ANN001, ANN202 - one fresh HQ behind a byte-counting pipe
            url, backend, drop = _database(work, tag)
            hq = HQ(url, work)
            pipe = Pipe(hq.port)
            try:
                secs, requests, pushed = push(copies(tag[0]), hq, pipe)
                return backend, secs, requests, pushed, pipe.bytes_total
            finally:
                pipe.close()
                hq.stop()
                drop()

        # Batched, gzip: the Safeland protocol; then one POST per report: the floor.
        backend, secs, requests, pushed, wire = measure("batched", push_batched)
        _, fsecs, frequests, fpushed, fwire = measure("single", push_one_by_one)

        rate, frate = pushed / secs, fpushed / fsecs
        yield row("sync_push", "reports/s", rate, frate, ratio=rate / frate, backend=backend,
                  reports=pushed, devices=DEVICES, seconds=round(secs, 2),
                  requests=requests, floor_requests=frequests,
                  requests_ratio=round(frequests / requests, 1),
                  bytes=wire, floor_bytes=fwire, bytes_ratio=round(fwire / wire, 1),
                  floor_seconds=round(fsecs, 2), target="requests_ratio>=20, bytes_ratio>=5, "
                  "reports/s>=1000")

        # 500 reports over a slow link: 256 kbit/s, 300 ms round trip.
        yield from _throttled(work, originals, quick)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _throttled(work: Path, originals: list[Path], quick: bool) -> Iterable[dict]:
    from app.sync.api import run_sync

    rate, one_way = 256_000 / 8, 0.150
    n_floor = 20 if quick else 50
    url, backend, drop = _database(work, "slow")
    hq = HQ(url, work)
    try:
        # 500 reports on one laptop, batched.
        p = work / "slow-batched.db"
        make_device(p, 500)
        code = _hq_setup(url, 1)[0]
        db = _enroll(p, hq.url, code)
        pipe = Pipe(hq.port, rate=rate, one_way=one_way)
        from app.models import DeviceProfile

        with db.session(write=True) as s:
            s.get(DeviceProfile, 1).hq_url = pipe.url
        t0 = time.perf_counter()
        out = run_sync(db)
        secs = time.perf_counter() - t0
        db.close()
        pipe.close()
        if not out.ok:
            raise RuntimeError(out.message)
        # The floor: one POST per report over the same link, on a sample, scaled to 500.
        q = work / "slow-single.db"
        make_device(q, n_floor)
        pipe2 = Pipe(hq.port, rate=rate, one_way=one_way)
        fsecs, _, fdone = push_one_by_one([q], hq, pipe2)
        pipe2.close()
        floor_500 = fsecs / fdone * 500
        yield row("sync_push_slow_link", "s for 500 reports", secs, floor_500, backend=backend,
                  link="256 kbit/s, 300 ms RTT", floor_note=f"one POST per report, measured on "
                  f"{fdone} reports and scaled to 500")
    finally:
        hq.stop()
        drop()
