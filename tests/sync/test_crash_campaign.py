"""Crash campaign (issue 10): the real `safeland import`, `safeland sign --all` and `safeland sync`
killed with SIGKILL at random moments, and the real HQ killed while a sync is pushing batches.
After every trial: the laptop's database passes `PRAGMA integrity_check`, an import is all or
nothing, `sign --all` is all or nothing, every signed revision is in the outbox exactly once,
nothing once written or signed is gone, and nothing the laptop marked as sent is missing at HQ.
At the end, with no more kills, everything is signed and synced and every signed report is at
HQ exactly once.

Kill times come from a seeded random.Random (printed; SAFELAND_CRASH_SEED replays the same
draws, though not the same moments: the windows follow the machine's speed). A kill is timed
from the moment the child has the database open (/proc/PID/fd), uniformly over a window learnt
from this run's own runs of that command (see Windows), so kills land before, in and after the
work; each is a valid trial, as the invariants must hold either way. A trial that would have
nothing to do (sign with no drafts, sync with nothing waiting) first gets its work unkilled.
The campaign is bounded by kills and by seconds from the test's start (SAFELAND_CRASH_KILLS,
SAFELAND_CRASH_SECONDS; 40 and 150 s on SQLite, 12 and 75 s on PostgreSQL).
The summary line (kills by kind, lost, duplicated, integrity) is printed (`pytest -s`), written to
crash-campaign.txt in the test's tmp dir, and recorded as the property `crash_campaign`.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers.synchq import ROOT, assert_exactly_once, demo_sites, enroll, hq_reports, import_sites

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/fd").is_dir(),
                                 reason="times kills from /proc/PID/fd (Linux)")]

REPORTS_PER_FILE = 25
BATCH_RECORDS = 8  # small batches: a sync is many batches, so a kill lands between or inside one
# At most this many kills, and no new trial after this many seconds from the test's start.
TARGET = {"sqlite": (40, 150.0), "postgresql": (12, 75.0)}


def _budget(backend: str) -> tuple[int, float]:
    kills, seconds = TARGET[backend]
    return (int(os.environ.get("SAFELAND_CRASH_KILLS", kills)),
            float(os.environ.get("SAFELAND_CRASH_SECONDS", seconds)))


def make_file(rng: random.Random, n: int, path: Path) -> dict[str, int]:
    """A safeland/1 file of draft reports on the demo's sites (fresh ids); returns each
    report's id and its number of items."""
    from app.domain.demo import build_document

    reports = rng.sample(build_document(seed=rng.randrange(10**6))["reports"], n)
    for r in reports:
        r["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    path.write_text(json.dumps({"format": "safeland/1", "sites": [], "reports": reports},
                               ensure_ascii=False), encoding="utf-8")
    return {r["id"]: len(r["items"]) for r in reports}


def has_open(pid: int, path: Path) -> bool:
    """Whether process `pid` has the file open (Linux: /proc/PID/fd)."""
    fd_dir, path = f"/proc/{pid}/fd", os.path.realpath(path)
    for fd in os.listdir(fd_dir):
        try:
            if os.readlink(f"{fd_dir}/{fd}") == path:
                return True
        except OSError:
            continue
    return False


@dataclass
class Run:
    code: int | None
    killed: bool  # SIGKILL reached the process while it was still running
    work: float | None = None  # seconds from opening the database to exiting (when not killed)
    wrote: float | None = None  # seconds from opening to its first write reaching the WAL
    err: str = ""


def _wal_size(db_path: Path) -> int:
    try:
        return os.stat(f"{db_path}-wal").st_size
    except FileNotFoundError:
        return 0


def run_cli(db_path: Path, args: list[str], kill_after: float | None = None,
            on_open=None, watch: bool = False) -> Run:
    """`python -m app.cli --db DB ARGS`. With `kill_after`, SIGKILL it that many seconds after it
    opened the database; meanwhile (and with `watch`, until it exits) note when its first write
    reaches the WAL: for a one-transaction command, its commit. `on_open(proc)` is called once
    it has the database open instead (the HQ trial kills HQ then)."""
    env = {**os.environ, "SAFELAND_SYNC_BATCH_RECORDS": str(BATCH_RECORDS)}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "--db", str(db_path), *args],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if kill_after is None and on_open is None and not watch:
            _, err = proc.communicate(timeout=300)
            return Run(proc.returncode, False, err=err.decode())
        opened, wal0 = None, _wal_size(db_path)
        while proc.poll() is None and time.monotonic() < start + 120:
            try:
                if has_open(proc.pid, db_path):
                    opened = time.monotonic()
                    break
            except OSError:  # it is exiting
                pass
            time.sleep(0.003)
        if on_open is not None:
            on_open(proc)
            _, err = proc.communicate(timeout=300)
            return Run(proc.returncode, False, err=err.decode())
        until = float("inf") if kill_after is None else (opened or 0) + kill_after
        wrote = exited = None
        while opened is not None and time.monotonic() < until:
            if proc.poll() is not None:
                exited = time.monotonic()
                break
            if wrote is None and _wal_size(db_path) > wal0:
                wrote = time.monotonic() - opened
            time.sleep(0.002)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=60)
        return Run(proc.returncode, killed and proc.returncode == -signal.SIGKILL,
                   None if exited is None else exited - opened, wrote, err.decode())
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


class Windows:
    """How long after opening the database to draw a kill, per kind, from this campaign's
    latest runs of that command (unkilled, or killed after the moment measured; the machine's
    speed changes while it runs): twice the time to the commit for import, 1.5 times for sign
    (one transaction each, so about a half and a third of their kills land after it), the
    whole run for sync (a transaction per batch) and for the HQ trial."""

    def __init__(self) -> None:
        self.seen: dict[str, list[float]] = {"import": [], "sign": [], "sync": []}

    def note(self, kind: str, run: Run) -> None:
        kind = "sync" if kind == "hq" else kind
        value = run.work if kind == "sync" else run.wrote
        if value is not None and not (kind == "sync" and run.killed):
            self.seen[kind].append(value)

    def __getitem__(self, kind: str) -> float:
        # The longest of the last five: a kill landing before the end hides how long that run
        # would have taken, so the runs seen are the shorter ones; a long window only makes
        # more trials finish before their kill, which are valid trials too.
        recent = self.seen["sync" if kind == "hq" else kind][-5:]
        if not recent:
            return 1.0
        return max(max(recent) * {"import": 2.0, "sign": 1.5}.get(kind, 1.0), 0.05)


@dataclass
class Field:
    """What the laptop's database must keep, learnt trial by trial."""

    path: Path
    reports: set[str] = field(default_factory=set)  # every report ever seen
    signed: dict[tuple[str, int], str] = field(default_factory=dict)  # revision -> hash
    problems: list[str] = field(default_factory=list)
    lost: int = 0
    duplicated: int = 0
    integrity_failures: int = 0

    def check(self, label: str, hq_db, files: dict[str, dict[str, int]]) -> dict:
        con = sqlite3.connect(self.path)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchall()
            if ok != [("ok",)]:
                self.integrity_failures += 1
                self.problems.append(f"{label}: integrity_check {ok[:3]}")
            fk = con.execute("PRAGMA foreign_key_check").fetchall()
            if fk:
                self.integrity_failures += 1
                self.problems.append(f"{label}: foreign_key_check {fk[:3]}")
            reports = {rid: (st, rev) for rid, st, rev in
                       con.execute("SELECT id, status, revision FROM reports")}
            items = Counter(rid for (rid,) in con.execute("SELECT report_id FROM report_items"))
            revisions = {(r, v): h for r, v, h in con.execute(
                "SELECT rr.report_id, rr.revision, rr.hash FROM report_revisions rr "
                "JOIN reports ON reports.id = rr.report_id WHERE reports.own = 1")}
            outbox = Counter((r, v) for r, v in con.execute("SELECT record_id, revision FROM outbox"))
            states = dict(((r, v), st) for r, v, st in con.execute(
                "SELECT record_id, revision, state FROM outbox"))
        finally:
            con.close()

        # An import is all or nothing: each file's reports are all there (with their items) or none.
        for name, want in files.items():
            present = want.keys() & reports.keys()
            if present and present != want.keys():
                self.problems.append(f"{label}: {name} half imported ({len(present)}/{len(want)})")
            elif present and any(items[rid] != n for rid, n in want.items()):
                self.problems.append(f"{label}: {name} imported without all its items")
        gone = self.reports - set(reports)
        if gone:
            self.lost += len(gone)
            self.problems.append(f"{label}: {len(gone)} reports gone")
        self.reports |= set(reports)

        # Signed: frozen, queued exactly once, never unsigned or changed.
        for rid, (st, rev) in reports.items():
            if st != "DRAFT" and (rid, rev) not in revisions:
                self.lost += 1
                self.problems.append(f"{label}: {rid} is {st} without its revision {rev}")
        for key, digest in self.signed.items():
            if revisions.get(key) != digest:
                self.lost += 1
                self.problems.append(f"{label}: signed revision {key} gone or changed")
        self.signed.update(revisions)
        unqueued = set(revisions) - set(outbox)
        if unqueued:
            self.lost += len(unqueued)
            self.problems.append(f"{label}: {len(unqueued)} signed revisions not in the outbox")
        orphans = set(outbox) - set(revisions)
        if orphans:
            self.problems.append(f"{label}: {len(orphans)} outbox entries without their revision")
        twice = sum(n - 1 for n in outbox.values() if n > 1)
        if twice:
            self.duplicated += twice
            self.problems.append(f"{label}: {twice} revisions queued more than once")

        # HQ: nothing twice, and nothing the laptop marked as sent is missing there.
        held = hq_reports(hq_db)
        at_hq_twice = sum(n - 1 for n in held.values() if n > 1)
        if at_hq_twice:
            self.duplicated += at_hq_twice
            self.problems.append(f"{label}: {at_hq_twice} revisions at HQ more than once")
        missing = [k for k, st in states.items() if st == "APPLIED" and k not in held]
        if missing:
            self.lost += len(missing)
            self.problems.append(f"{label}: {len(missing)} marked sent but not at HQ")
        refused = [k for k, st in states.items() if st == "REFUSED"]
        if refused:
            self.problems.append(f"{label}: {len(refused)} refused by HQ")
        drafts = {rid for rid, (st, _) in reports.items() if st == "DRAFT"}
        pending = sum(1 for st in states.values() if st == "PENDING")
        return {"drafts": drafts, "present": set(reports), "pending": pending}


def _split(c: Counter) -> str:
    return f"{c['before commit']} had written nothing, {c['after commit']} had committed"


def _hq_sqlite_ok(hq_url: str) -> list:
    if not hq_url.startswith("sqlite:///"):
        return [("ok",)]
    con = sqlite3.connect(hq_url.removeprefix("sqlite:///"))
    try:
        return con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()


def test_crash_campaign(db_path, hq_url, hq_db, hq_process, tmp_path, record_property):
    from app.db import open_database

    backend = "postgresql" if hq_url.startswith("postgresql") else "sqlite"
    target_kills, seconds = _budget(backend)
    seed = int(os.environ.get("SAFELAND_CRASH_SEED", random.SystemRandom().randrange(2**32)))
    print(f"\ncrash campaign on {backend}: seed {seed} (SAFELAND_CRASH_SEED={seed} replays it)")
    rng = random.Random(seed)
    t0 = time.monotonic()

    # A laptop enrolled with the real HQ (a killable process), which assigns it the five sites.
    import_sites(hq_db, demo_sites("DU4"))
    db = open_database(db_path)
    enroll(db, hq_db, hq_process.url)
    db.close()
    assert run_cli(db_path, ["sync"]).code == 0  # pulls the sites: the files' reports need them

    files: dict[str, dict[str, int]] = {}  # file -> {report id: its items}
    file_paths: dict[str, Path] = {}

    def new_file() -> str:
        name = f"file{len(files):02d}.json"
        file_paths[name] = tmp_path / name
        files[name] = make_file(rng, REPORTS_PER_FILE, file_paths[name])
        return name

    def next_file() -> str:
        """The oldest file not wholly imported yet, else a new one."""
        todo = [f for f, ids in files.items() if not ids.keys() <= state.reports]
        return todo[0] if todo else new_file()

    state = Field(db_path)
    state.check("start", hq_db, files)

    # Round 0, unkilled: how long each command works once it has the database open.
    window = Windows()
    name = new_file()
    for kind, args in (("import", ["import", "--accept-warnings", str(file_paths[name])]),
                       ("sign", ["sign", "--all"]), ("sync", ["sync"])):
        run = run_cli(db_path, args, watch=True)
        assert run.code == 0, (kind, run.err)
        window.note(kind, run)
    last = state.check("round 0", hq_db, files)
    print("first kill windows from the database's opening: "
          + ", ".join(f"{k} {window[k]:.2f} s" for k in ("import", "sign", "sync")))

    kills: Counter = Counter()
    trials: Counter = Counter()
    hq_mid_sync = 0
    outcome = {"import": Counter(), "sign": Counter()}
    trace: list[str] = []
    deadline = t0 + seconds  # the set-up counts: the whole test stays within a few minutes
    n = 0
    while sum(kills.values()) < target_kills and time.monotonic() < deadline:
        n += 1
        for kind in ("import", "sign", "hq" if (trials["sync"] + trials["hq"]) % 3 == 0 else "sync"):
            if sum(kills.values()) >= target_kills or time.monotonic() >= deadline:
                break
            label = f"round {n} {kind}"
            # A trial needs work to be killed in: sign needs drafts (none when the import before
            # was killed before its commit), sync something to send (none when the signing
            # before was). What is missing is done first, unkilled (and timed for the windows).
            if kind != "import" and not last["drafts"] and (kind == "sign" or not last["pending"]):
                r = run_cli(db_path, ["import", "--accept-warnings", str(file_paths[next_file()])],
                            watch=True)
                assert r.code == 0, r.err
                window.note("import", r)
                last = state.check(f"{label} (its import)", hq_db, files)
                trace.append(f"{label}: imported a file first, unkilled")
            if kind in ("sync", "hq") and not last["pending"]:
                r = run_cli(db_path, ["sign", "--all"], watch=True)
                assert r.code == 0, r.err
                window.note("sign", r)
                last = state.check(f"{label} (its signing)", hq_db, files)
                trace.append(f"{label}: signed the drafts first, unkilled")
            window_now = window[kind]
            delay = rng.uniform(0, window_now)
            trials[kind] += 1
            if kind == "import":
                # The oldest file not (wholly) imported yet, else a new one: a killed import is
                # run again next round and must then import once.
                run = run_cli(db_path, ["import", "--accept-warnings", str(file_paths[next_file()])],
                              kill_after=delay)
            elif kind in ("sign", "sync"):
                run = run_cli(db_path, ["sign", "--all"] if kind == "sign" else ["sync"],
                              kill_after=delay)
            else:
                def kill_hq(proc: subprocess.Popen, delay: float = delay) -> None:
                    nonlocal hq_mid_sync
                    time.sleep(delay)
                    hq_mid_sync += proc.poll() is None
                    hq_process.kill()

                run = run_cli(db_path, ["sync"], on_open=kill_hq)
                run.killed = True
                ok = _hq_sqlite_ok(hq_url)
                if ok != [("ok",)]:
                    state.integrity_failures += 1
                    state.problems.append(f"{label}: HQ's integrity_check {ok[:3]}")
                hq_process.start()
                if run.code not in (0, 3):
                    state.problems.append(f"{label}: sync exited {run.code}: {run.err[-300:]}")
            window.note(kind, run)
            committed_before = last["present"] if kind == "import" else last["drafts"]
            if run.killed:
                kills[kind] += 1
            elif kind == "sync" and run.code == 3:
                pass  # HQ too slow on a loaded machine: a valid outcome (nothing lost), in the trace
            elif kind != "hq" and run.code != 0:
                state.problems.append(f"{label}: exited {run.code} unkilled: {run.err[-300:]}")
            after = state.check(label, hq_db, files)
            if kind == "sign":  # sign --all signs every draft or none
                signed_now = last["drafts"] - after["drafts"]
                if signed_now and signed_now != last["drafts"]:
                    state.problems.append(f"{label}: signed {len(signed_now)} of "
                                          f"{len(last['drafts'])} drafts")
            changed = (after["present"] != committed_before if kind == "import"
                       else after["drafts"] != committed_before)
            if run.killed and kind in ("import", "sign"):  # did the kill land before the commit?
                outcome[kind]["after commit" if changed else "before commit"] += 1
            trace.append(f"{label}: kill at {delay:.2f} s after opening "
                         f"(window {window_now:.2f} s), "
                         f"{'killed' if run.killed else f'exited {run.code}'}"
                         + (f", {'committed' if changed else 'nothing written'}"
                            if kind in ("import", "sign") else ""))
            last = after
    campaign = time.monotonic() - t0

    # No more kills: import what is missing, sign everything, sync to completion.
    for name, ids in files.items():
        if not ids.keys() <= state.reports:
            r = run_cli(db_path, ["import", "--accept-warnings", str(file_paths[name])])
            assert r.code == 0, r.err
            state.check(f"final import {name}", hq_db, files)
    assert run_cli(db_path, ["sign", "--all"]).code == 0
    for _ in range(5):
        r = run_cli(db_path, ["sync"])
        if r.code != 3:  # 3: HQ unreachable or busy, try again; anything else is the answer
            break
        time.sleep(1)
    final = state.check("final", hq_db, files)
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            outbox_states = Counter(st for (st,) in conn.exec_driver_sql(
                "SELECT state FROM outbox").fetchall())
        held = hq_reports(hq_db)
        all_ids = set().union(*(ids.keys() for ids in files.values()))
        missing_at_hq = {k for k in state.signed if held.get(k, 0) == 0}
        state.lost += len(missing_at_hq)
        exactly_once = "ok"
        try:
            assert_exactly_once(db, hq_db, refused_ok=False)
        except AssertionError as exc:
            exactly_once = f"FAILED ({exc})"
    finally:
        db.close()

    total_kills = sum(kills.values())
    integrity = "ok" if not state.integrity_failures else f"FAILED {state.integrity_failures}"
    line = (f"crash campaign: {total_kills} kills (import {kills['import']}, sign {kills['sign']}, "
            f"sync {kills['sync']}, hq {kills['hq']}), lost {state.lost}, duplicated "
            f"{state.duplicated}, integrity {integrity}; {backend}, seed {seed}, "
            f"{sum(trials.values())} trials ({sum(trials.values()) - total_kills} finished before "
            f"the kill; import killed {_split(outcome['import'])}, sign killed "
            f"{_split(outcome['sign'])}; HQ killed mid-sync {hq_mid_sync} of {kills['hq']}), "
            f"{len(all_ids)} reports "
            f"in {len(files)} files, {len(held)} at HQ, exactly once {exactly_once}; "
            f"campaign {campaign:.0f} s, total {time.monotonic() - t0:.0f} s")
    print(line)
    (tmp_path / "crash-campaign.txt").write_text(
        "\n".join([line, "", "problems:", *state.problems, "", "trials:", *trace]) + "\n",
        encoding="utf-8")
    record_property("crash_campaign", line)

    assert not state.problems, "\n".join(state.problems[:30])
    assert (state.lost, state.duplicated, state.integrity_failures) == (0, 0, 0)
    assert exactly_once == "ok", exactly_once
    assert r.code == 0, f"the last sync did not complete: {r.err}"
    assert final["present"] == all_ids and not final["drafts"]
    assert set(held) == set(state.signed) and len(held) == len(all_ids)
    assert outbox_states == {"APPLIED": len(all_ids)}
    assert trials["import"] and total_kills > 0, trials
