#!/usr/bin/env python
"""Make the old-schema fixture of one field-database revision (docs/testing-fixtures.md).

    .venv/bin/python scripts/make_schema_fixture.py 0002          # the newest revision
    .venv/bin/python scripts/make_schema_fixture.py 0001          # an older one, from git

writes tests/migrations/fixtures/field-<rev>.db (a small database written by the Safeland of
that revision: sites, drafts, signed reports with amendments and their hash chain, the outbox
with sent, refused and waiting entries, an enrolled device, an autosave) and field-<rev>.json,
its manifest: every row's key and a digest of its content, which
tests/migrations/test_old_schemas.py compares with the same database migrated by today's code.

The data is written by the code of that revision, not by today's: the newest revision uses the
working tree; an older one uses the tree of the last commit whose head revision it was (the
parent of the commit that added the next migration), extracted with `git archive` into a
temporary folder and run with this virtualenv. `--commit` picks another commit.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "migrations" / "fixtures"
VERSIONS = ROOT / "migrations" / "versions"
MAX_BYTES = 300_000

# Runs inside the tree of the revision (its `app` package first on sys.path), so it may use only
# names that code had. Keep it working for every revision; when the public surface changes,
# branch on what the tree has (see the Owner import) rather than editing old fixtures.
WRITER = r'''
import json, sqlite3, sys
from pathlib import Path

import app
from app.db import open_database
from app.domain import demo, services
from app.domain.transfer import export_document, import_document
try:
    from safeland_core.vocab import Owner
except ImportError:
    from app.domain.vocab import Owner

tree, path = Path(sys.argv[1]), Path(sys.argv[2])
assert Path(app.__file__).resolve().is_relative_to(tree), f"wrong code: {app.__file__}"

doc = demo.build_document()
days = sorted({r["date"] for r in doc["reports"]})
keep_days = set(days[:3] + days[-1:])  # three signed days, the last one still drafts
reports = [r for r in doc["reports"] if r["date"] in keep_days]

db = open_database(path)
services.save_profile(db, "CMAC", "DU4", "DU4-MDT-1", "Chea Sophal", "km")
# Three sites pulled from HQ, two made on the laptop; then the reports, as drafts.
import_document(db, {"format": "safeland/1", "sites": doc["sites"][:3], "reports": []},
                owner=Owner.HQ)
import_document(db, {"format": "safeland/1", "sites": doc["sites"][3:], "reports": reports},
                accept_warnings=True)
exported = {r["id"]: r for r in export_document(db)["reports"]}
by_date = sorted(exported.values(), key=lambda r: (r["date"], r["id"]))
to_sign = [r["id"] for r in by_date if r["date"] != days[-1]]
services.sign(db, to_sign)

# Amendments: one report amended once, another twice (revisions 2 and 3, chained).
signed = {r["id"]: r for r in export_document(db)["reports"]}
once, twice = to_sign[1], to_sign[4]
services.amend(db, once, dict(signed[once], notes=signed[once]["notes"] + " (corrected)"),
               "wrong notes", accept_warnings=True)
rec = dict(signed[twice], personnel=signed[twice]["personnel"] + 1)
services.amend(db, twice, rec, "one more deminer", accept_warnings=True)
rec = dict(rec, hours_worked=5.5)
services.amend(db, twice, rec, "short day", accept_warnings=True)
services.autosave_put(db, "report:new", {"site_reference": doc["sites"][3]["reference"],
                                         "notes": "half typed ទិន្នន័យ"})
db.close()

# What sync would have written: enrolled, a first batch sent and answered (one record refused),
# the rest waiting, the cursor of the last pull. Plain SQL: the columns of this revision.
con = sqlite3.connect(path)
with con:
    con.execute("UPDATE device_profile SET hq_url = 'https://hq.example.org', "
                "device_id = '52295d93-0d4c-4c36-9a1b-3c4c2b8f7a10', "
                "device_token = 'fixture-token-not-a-secret'")
    seqs = [s for (s,) in con.execute("SELECT seq FROM outbox ORDER BY seq")]
    con.execute("UPDATE outbox SET state = 'APPLIED', sent_at = '2025-05-15 10:00:00' "
                f"WHERE seq <= {seqs[7]}")
    con.execute("UPDATE outbox SET state = 'REFUSED', sent_at = '2025-05-15 10:00:00', "
                "refusal_code = 'site_not_in_unit', refusal_reason = 'site belongs to CMAC/DU5' "
                f"WHERE seq = {seqs[8]}")
    con.execute("INSERT INTO sync_state (key, value) VALUES ('last_sync', '2025-05-15T10:00:01Z'), "
                "('pull_cursor', 'eyJ2IjogMSwgInNpdGVzIjogM30')")
con.close()
'''


def revisions() -> list[tuple[str, Path]]:
    """(revision, file) of migrations/versions, oldest first (the chain is linear)."""
    found: dict[str, tuple[str | None, Path]] = {}
    for f in sorted(VERSIONS.glob("*.py")):
        ns: dict[str, Any] = {}
        text = f.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith(("revision =", "down_revision =")):
                exec(line, ns)  # two literal assignments of our own files
        found[ns["revision"]] = (ns.get("down_revision"), f)
    order, prev = [], None
    while len(order) < len(found):
        rev = next(r for r, (down, _) in found.items() if down == prev)
        order.append((rev, found[rev][1]))
        prev = rev
    return order


def source_commit(rev: str) -> str | None:
    """The last commit whose head revision was `rev` (None: the working tree, for the head)."""
    chain = [r for r, _ in revisions()]
    if rev not in chain:
        raise SystemExit(f"no revision {rev} in {VERSIONS}")
    n = chain.index(rev)
    if n == len(chain) - 1:
        return None
    next_file = revisions()[n + 1][1].relative_to(ROOT)
    added = subprocess.run(["git", "log", "--diff-filter=A", "--format=%H", "--", str(next_file)],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    if not added:
        raise SystemExit(f"{next_file} is not committed; commit it or pass --commit")
    return added[-1] + "~1"


def extract(commit: str, into: Path) -> Path:
    data = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT,
                          capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        try:
            tar.extractall(into, filter="data")
        except TypeError:  # a Python without extraction filters (our own archive: trusted)
            tar.extractall(into)
    return into


# --- the manifest: every row's key and a digest of its content --------------------------------

def _digest(values: list[Any]) -> str:
    canon = json.dumps([v.hex() if isinstance(v, bytes) else v for v in values],
                       ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canon.encode()).hexdigest()[:24]


def table_rows(con: sqlite3.Connection, table: str, columns: list[str], key: list[str]) -> dict[str, str]:
    cols = ", ".join(f'"{c}"' for c in columns)
    out = {}
    for row in con.execute(f'SELECT {cols} FROM "{table}"'):
        values = dict(zip(columns, row))
        out["|".join(str(values[k]) for k in key)] = _digest(list(row))
    return out


def manifest(path: Path) -> dict[str, Any]:
    """What the fixture holds, as its own schema has it."""
    con = sqlite3.connect(path)
    try:
        rev = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables: dict[str, Any] = {}
        names = [n for (n,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version' "
            "ORDER BY name")]
        for name in names:
            info = list(con.execute(f'PRAGMA table_info("{name}")'))
            columns = [c[1] for c in info]
            key = [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5]] or ["name"]
            tables[name] = {"columns": columns, "key": key,
                            "rows": table_rows(con, name, columns, key)}
        drafts = sorted(r for (r,) in con.execute("SELECT id FROM reports WHERE status = 'DRAFT'"))
        chain = {f"{r}|{v}": h for r, v, h in con.execute(
            "SELECT report_id, revision, hash FROM report_revisions ORDER BY report_id, revision")}
        states = dict(con.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
    finally:
        con.close()
    return {"revision": rev, "drafts": drafts, "revisions": chain, "outbox_states": states,
            "tables": tables}


def make(rev: str, commit: str | None, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"field-{rev}.db"
    with tempfile.TemporaryDirectory(prefix="safeland-fixture-") as tmp:
        tmp_path = Path(tmp)
        if commit is None:
            tree, made_with = ROOT, "working tree"
            head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                  text=True).stdout.strip()
            made_with = f"working tree at {head}"
        else:
            full = subprocess.run(["git", "rev-parse", commit], cwd=ROOT, capture_output=True,
                                  text=True, check=True).stdout.strip()
            tree, made_with = extract(full, tmp_path / "tree"), full
        db = tmp_path / "field.db"
        env = {"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "SAFELAND_LOG": str(tmp_path / "log"),
               "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
        subprocess.run([sys.executable, "-c", WRITER, str(tree), str(db)], cwd=tree, env=env,
                       check=True)
        con = sqlite3.connect(db)
        got = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        if got != rev:
            raise SystemExit(f"the code of {made_with} wrote schema {got}, not {rev}")
        con.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        con.execute("VACUUM")
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        con.close()
        if ok != "ok":
            raise SystemExit(f"integrity_check: {ok}")
        size = db.stat().st_size
        if size > MAX_BYTES:
            raise SystemExit(f"fixture is {size} bytes, over {MAX_BYTES}: make the data set smaller")
        doc = {"made_with": made_with, **manifest(db)}
        target.write_bytes(db.read_bytes())
    target.with_suffix(".json").write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n",
                                           encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("revision", help="a revision of migrations/versions, e.g. 0002")
    p.add_argument("--commit", help="write with the code of this commit (default: see above)")
    p.add_argument("--out", type=Path, default=FIXTURES, help=f"folder (default {FIXTURES})")
    p.add_argument("--force", action="store_true", help="replace an existing fixture")
    args = p.parse_args(argv)
    target = args.out / f"field-{args.revision}.db"
    if target.exists() and not args.force:
        print(f"{target} exists: a committed fixture is history, not regenerated "
              "(use --force only if it was never committed)", file=sys.stderr)
        return 1
    commit = args.commit or source_commit(args.revision)
    path = make(args.revision, commit, args.out)
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
          f"{path.stat().st_size} bytes, schema {args.revision}, "
          f"written by {commit or 'the working tree'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
