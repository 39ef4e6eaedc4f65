"""sync_slow_link: one laptop's whole sync (`run_sync`: push in batches, then pull) over a slow
link that drops, beside the same sync over the same link that does not drop.

The link is the byte-counting proxy of bench_sync_push: 256 kbit/s each way, 300 ms round trip,
and it cuts each TCP connection once 64 KB have passed on it (quick: 24 KB; both directions
counted), as a rural mobile link drops: more than one exchange of the largest batch, so every
exchange can pass on a fresh connection, but a connection kept alive across batches is cut.
The client reconnects and retries (its own retry policy, shortened backoff so the bench
measures the link, not the waits). 1,000 signed reports (quick: 300), HQ on SQLite (or
PostgreSQL when SAFELAND_TEST_PG_URL is set).

Row: seconds with drops against the floor (the same sync, same link, no drops); bytes up and
down on the wire (HTTP headers included) for both, requests, cuts, and whether every report is
at HQ exactly once.
"""
from __future__ import annotations

import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from bench.bench_sync_push import HQ, Pipe, _database, _enroll, _hq_setup, make_device
from bench.common import row, tmpdir

RATE = 256_000 / 8  # bytes/s each way
ONE_WAY = 0.150  # s
CUT_EVERY = 64_000  # bytes per connection (quick: QUICK_CUT)
QUICK_CUT = 24_000


def _sync(work: Path, original: Path, hq: HQ, tag: str, cut: int | None) -> dict:
    from app.models import DeviceProfile
    from app.sync.api import run_sync
    from app.sync.transport import RetryPolicy

    path = work / f"laptop-{tag}.db"
    shutil.copy(original, path)
    code = _hq_setup(hq.db_url, 1)[0]
    db = _enroll(path, hq.url, code)
    pipe = Pipe(hq.port, rate=RATE, one_way=ONE_WAY, cut_every=cut)
    with db.session(write=True) as s:
        s.get(DeviceProfile, 1).hq_url = pipe.url
    policy = RetryPolicy(attempts=8, base=0.2, cap=1.0, timeout=60.0)
    t0 = time.perf_counter()
    out = run_sync(db, policy=policy)
    secs = time.perf_counter() - t0
    db.close()
    pipe.close()
    if not out.ok:
        raise RuntimeError(f"sync over the {tag} link failed: {out.message}")
    return {"seconds": secs, "up": pipe.bytes_up, "down": pipe.bytes_down,
            "requests": out.requests, "cuts": pipe.cuts, "pushed": out.pushed}


def run(quick: bool) -> Iterable[dict]:
    import logging

    logging.disable(logging.INFO)
    n, cut = (300, QUICK_CUT) if quick else (1_000, CUT_EVERY)
    work = tmpdir()
    url, backend, drop = _database(work, "slowlink")
    hq = HQ(url, work)
    try:
        laptops = [work / "laptop-a.db", work / "laptop-b.db"]  # each its own reports
        for path in laptops:
            make_device(path, n)
        clean = _sync(work, laptops[0], hq, "clean", None)
        dropping = _sync(work, laptops[1], hq, "dropping", cut)
        from sqlalchemy import func, select

        from hq.db import open_hq
        from hq.models import Report

        held = open_hq(url)
        with held.session() as s:
            rows = s.execute(select(func.count(), func.count(func.distinct(Report.record_id)))
                             .select_from(Report)).one()
        held.close()
        yield row("sync_slow_link", "s", dropping["seconds"], clean["seconds"], backend=backend,
                  reports=n, link=f"256 kbit/s, 300 ms RTT, cut every {cut // 1000} KB",
                  floor_kind="the same sync over the same link without drops",
                  bytes_up=dropping["up"], bytes_down=dropping["down"],
                  floor_bytes_up=clean["up"], floor_bytes_down=clean["down"],
                  bytes_down_per_report=round(dropping["down"] / n, 1),
                  requests=dropping["requests"], floor_requests=clean["requests"],
                  cuts=dropping["cuts"], pushed=dropping["pushed"],
                  exactly_once=bool(rows[0] == rows[1] == 2 * n))
    finally:
        hq.stop()
        drop()
        shutil.rmtree(work, ignore_errors=True)
