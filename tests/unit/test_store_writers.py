"""One writer per table (docs/architecture-store.md): sites, reports, items, revisions and outbox
entries are written only by app/store; HQ's sites, reports, receipts and batches only by
hq/store.py.

Two checks: a scan of the source for code outside the stores that constructs those models or
builds INSERT/UPDATE/DELETE statements on them (Core or SQL text); and the runtime guard
(safeland_core.store_guard, on for the whole suite through tests/conftest.py), which raises when
such a table is written while no store writer is running, and lets every normal path through.
"""
from __future__ import annotations

import ast
import gzip
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from app.domain import demo, services
from app.domain.transfer import import_document
from app.models import OutboxEntry, Report, ReportRevision, Site
from app.store import driver, guard
from app.store import reports as report_store
from safeland_core.store_guard import WriteOutsideStore

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("app", "hq")
STORES = ("app/store", "hq/store.py")
NOT_SCANNED = ("hq/migrations",)  # Alembic's own writes of the schema's history
GUARDED = {"app.models": {"Site", "SitePoint", "Report", "Item", "ReportRevision", "OutboxEntry"},
           "hq.models": {"Site", "Report", "Receipt", "Batch"}}
TABLES = ("sites", "site_points", "reports", "report_items", "report_revisions", "outbox",
          "receipts", "batches")
DML_CALLS = {"insert", "update", "delete"}
RAW_DML = re.compile(r"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[\"`\[]?("
                     + "|".join(TABLES) + r")\b", re.IGNORECASE)
SITE = "BS/CHA/CMAA/40117"


# --- the static scan -------------------------------------------------------------------------

def _module_of(path: Path, root: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = list(path.relative_to(root).parent.parts)
    package = package[:len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def violations(path: Path, root: Path = ROOT) -> list[str]:
    """Where a file writes a guarded table: constructs a guarded model, passes one (or its
    __table__ or core_table()) to insert()/update()/delete(), or holds SQL text that writes a
    guarded table."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: dict[str, str] = {}  # local name -> "module.Class" of a guarded model
    modules: dict[str, str] = {}  # local name -> guarded models module
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            mod = _module_of(path, root, node)
            for a in node.names:
                if a.name in GUARDED.get(mod, ()):
                    names[a.asname or a.name] = f"{mod}.{a.name}"
                elif f"{mod}.{a.name}" in GUARDED:
                    modules[a.asname or a.name] = f"{mod}.{a.name}"
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name in GUARDED:
                    modules[a.asname or a.name] = a.name

    def model(expr: ast.AST) -> str | None:
        """The guarded model an expression names (Site, models.Site, Site.__table__)."""
        if isinstance(expr, ast.Name):
            return names.get(expr.id)
        if isinstance(expr, ast.Attribute):
            if isinstance(expr.value, ast.Name) and expr.value.id in modules \
                    and expr.attr in GUARDED[modules[expr.value.id]]:
                return f"{modules[expr.value.id]}.{expr.attr}"
            if expr.attr == "__table__":
                return model(expr.value)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
                and expr.func.attr == "core_table":  # Base.core_table(): the typed __table__
            return model(expr.func.value)
        return None

    rel = path.relative_to(root)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            made = model(node.func)
            if made:
                found.append(f"{rel}:{node.lineno} constructs {made}")
            func = node.func
            called = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else None
            if called in DML_CALLS and node.args and model(node.args[0]):
                found.append(f"{rel}:{node.lineno} {called}() of {model(node.args[0])}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            m = RAW_DML.search(node.value)
            if m:
                found.append(f"{rel}:{node.lineno} SQL writes {m.group(1)}")
    return found


def scanned_files(root: Path = ROOT) -> list[Path]:
    out = []
    for top in SCANNED:
        for path in sorted((root / top).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if any(rel == p or rel.startswith(p + "/") for p in STORES + NOT_SCANNED):
                continue
            out.append(path)
    return out


def test_nothing_outside_the_stores_writes_their_tables():
    files = scanned_files()
    assert len(files) > 30, "the scan found no code"
    found = [v for path in files for v in violations(path)]
    assert not found, ("guarded tables written outside app/store and hq/store.py "
                       "(write through the store):\n" + "\n".join(found))


def test_the_scan_catches_a_planted_write(tmp_path):
    """The checker itself: every kind of write is found outside a store, reads are not, and
    the same code inside a store is allowed."""
    bad = '''
from sqlalchemy import insert, update, delete, select
from ..models import Site, Report as R
from app import models
import hq.models as hqm

def f(s):
    s.add(Site(id="x"))                                   # 1 construct
    s.add(R(id="y"))                                      # 2 construct, aliased
    s.execute(insert(models.OutboxEntry), [])             # 3 insert
    s.execute(update(R.__table__).values(status="X"))     # 4 update of __table__
    s.execute(delete(hqm.Receipt))                        # 5 delete, module alias
    s.add(hqm.Batch())                                    # 6 construct, module alias
    s.exec_driver_sql("UPDATE outbox SET state='APPLIED'")  # 7 SQL text
    s.execute(insert(R.core_table()), [])                 # 8 insert of core_table()
    s.execute(select(Site).where(Site.id == "x"))         # a read: fine
    s.execute(update(models.SyncState))                   # not guarded: fine
    "update the sites when HQ says so"                    # prose, not SQL: fine
'''
    for where in ("app/domain", "app/store"):
        pkg = tmp_path / where
        pkg.mkdir(parents=True, exist_ok=True)
        (pkg / "planted.py").write_text(bad, encoding="utf-8")
    (tmp_path / "hq").mkdir()
    found = [v for p in scanned_files(tmp_path) for v in violations(p, tmp_path)]
    assert all(v.startswith("app/domain/planted.py") for v in found), found
    lines = sorted(int(v.split(":")[1].split()[0]) for v in found)
    assert lines == [8, 9, 10, 11, 12, 13, 14, 15], found
    assert any("constructs app.models.Report" in v for v in found)
    assert any("delete() of hq.models.Receipt" in v for v in found)


# --- the runtime guard -----------------------------------------------------------------------

@pytest.fixture
def guarded():
    """The guard on (tests/conftest.py turns it on for the suite; this makes the test say so)."""
    was = guard.enabled()
    guard.enable()
    yield
    if not was:
        guard.disable()


def _draft(doc: dict, **over) -> dict:
    rep = next(r for r in doc["reports"] if r["site_reference"] == SITE and r["activity"] == "CLEARANCE")
    return {**rep, "date": "2025-06-10", **over}


@pytest.fixture
def site_db(db, demo_doc):
    import_document(db, {"format": "safeland/1", "sites": demo_doc["sites"]})
    return db


def test_direct_writes_outside_the_store_raise(guarded, site_db, demo_doc):
    rid, _ = services.save_and_sign(site_db, _draft(demo_doc))
    attempts = {
        "new row": lambda s: s.add(Site(id="x", reference="X/1")),
        "changed row": lambda s: setattr(s.get(Report, rid), "notes", "edited after signing"),
        "deleted row": lambda s: s.delete(s.scalar(select(ReportRevision))),
        "ORM update": lambda s: s.execute(update(OutboxEntry).values(state="APPLIED")),
        "Core update": lambda s: s.connection().execute(
            update(OutboxEntry.__table__).values(state="APPLIED")),
        "SQL text": lambda s: s.execute(text("UPDATE outbox SET state = 'APPLIED'")),
        # app/store/driver.py runs a save's SQL on the sqlite3 connection itself, past
        # SQLAlchemy's events: outside a writer it is refused all the same.
        "driver SQL": lambda s: driver.execute(driver.connection(s),
                                               "UPDATE outbox SET state = 'APPLIED'"),
    }
    for name, attempt in attempts.items():
        with pytest.raises(WriteOutsideStore):
            with site_db.session(write=True) as s:
                attempt(s)
                s.flush()
        with site_db.session() as s:  # nothing of it was written
            assert s.get(Report, rid).notes != "edited after signing", name
            assert s.scalar(select(OutboxEntry.state)) == "PENDING", name
            assert s.get(Site, "x") is None, name
            assert s.scalar(select(ReportRevision.id)) is not None, name


def test_a_store_writer_refuses_to_carry_changes_made_outside(guarded, site_db, demo_doc):
    """A write outside the store cannot ride along in a store writer's flush."""
    rid, _ = services.save_draft(site_db, _draft(demo_doc))
    with pytest.raises(WriteOutsideStore, match="before delete_draft"):
        with site_db.session(write=True) as s:
            row = s.get(Report, rid)
            row.personnel = 99
            report_store.delete_draft(s, row)
    with site_db.session() as s:
        assert s.get(Report, rid).personnel != 99


def test_the_guard_is_what_stops_them(site_db, demo_doc):
    """Off, the same direct write goes through: the refusals above are the guard's."""
    was = guard.enabled()
    guard.disable()
    try:
        rid, _ = services.save_and_sign(site_db, _draft(demo_doc))
        with site_db.session(write=True) as s:
            s.execute(update(OutboxEntry).values(state="APPLIED"))
        with site_db.session() as s:
            assert s.scalar(select(OutboxEntry.state).where(OutboxEntry.record_id == rid)) == "APPLIED"
    finally:
        if was:
            guard.enable()


def test_hq_tables_are_guarded_too(guarded, tmp_path):
    from hq import store as hq_store  # registers HQ's tables (hq.api, push and sites import it)
    from hq.db import open_hq
    from hq.models import Batch

    assert Batch in hq_store.PROTECTED

    hq_db = open_hq(f"sqlite:///{tmp_path / 'hq.db'}")
    try:
        with pytest.raises(WriteOutsideStore):
            with hq_db.session(write=True) as s:
                s.add(Batch(device_id="d", batch_id="b", fingerprint="f", answer={}, records=0))
    finally:
        hq_db.close()


def test_every_normal_path_passes_under_the_guard(guarded, db, demo_doc, tmp_path):
    """Save draft, sign, amend, delete, site form, import, pull, demo, and the push round trip
    (HQ's import, batch, receipts; the laptop's answer) all write through their store."""
    from app.domain import queries
    from app.sync import outbox, pull
    from hq import devices, push
    from hq import sites as hq_sites
    from hq.db import open_hq
    from safeland_core.protocol import PULL_FORMAT, Batch, PullPage

    assert guard.enabled()
    import_document(db, {"format": "safeland/1", "sites": demo_doc["sites"]})
    rid, _ = services.save_draft(db, _draft(demo_doc))
    services.save_draft(db, _draft(demo_doc, id=rid, personnel=4))
    services.sign(db, [rid])
    services.amend(db, rid, _draft(demo_doc, personnel=5), reason="one more deminer")
    other, _ = services.save_draft(db, _draft(demo_doc, date="2025-06-11"))
    services.delete_draft(db, other)
    services.save_site(db, dict(demo_doc["sites"][4], name="Sala Krau school path (north)"))
    assert queries.get_report(db, rid).revision == 2

    # Pull: HQ's copy of a site this laptop created takes it over (same id, owner HQ).
    local = next(s for s in queries.list_sites(db) if s.reference == SITE)
    hq_copy = dict(demo_doc["sites"][3], name="Ta Taok community land (HQ)")
    page = PullPage(format=PULL_FORMAT, sites=[hq_copy], cursor="c1", more=False)
    assert pull.apply_page(db, page) == 1
    taken = next(s for s in queries.list_sites(db) if s.reference == SITE)
    assert (taken.id, taken.owner, taken.name) == (local.id, "HQ", "Ta Taok community land (HQ)")
    with pytest.raises(services.Invalid) as refused:  # now HQ's: the device may not change it
        services.save_site(db, dict(hq_copy, name="renamed here"))
    assert refused.value.issues[0].code == "site_owned_by_hq"

    # Push: HQ imports the site, applies the laptop's batch; the laptop records the answer.
    hq_db = open_hq(f"sqlite:///{tmp_path / 'hq.db'}")
    try:
        hq_sites.import_document(hq_db, {"format": "safeland/1", "sites": [demo_doc["sites"][3]]})
        info, code, _ = devices.add_device(hq_db, "CMAC", "DU2", "laptop")
        device, _token = devices.enroll(hq_db, code)
        packed = outbox.next_batch(db, device.id, outbox.Limits())
        batch = Batch.model_validate(json.loads(gzip.decompress(packed.body)))
        answer, repeated = push.apply_batch(hq_db, device, batch)
        assert not repeated and [r.status for r in answer.results] == ["APPLIED", "APPLIED"]
        assert outbox.apply_answer(db, answer, packed.base) == (2, 0)
        assert push.apply_batch(hq_db, device, batch) == (answer, True)
    finally:
        hq_db.close()
    assert outbox.pending_count(db) == 0

    # The demo, on a fresh database: import and signing in one transaction.
    from app.db import open_database

    fresh = open_database(tmp_path / "demo.db")
    try:
        assert demo.fill(fresh) == (5, len(demo_doc["reports"]))
    finally:
        fresh.close()
