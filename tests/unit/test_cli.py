"""The `safeland` command as a user runs it (real subprocesses)."""
from __future__ import annotations

import json

import pytest


@pytest.mark.slow
def test_demo_export_import_export_round_trip(safeland, tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    res = safeland("demo", db=a)
    assert res.code == 0 and "5 sites" in res.out
    assert safeland("export", "-o", str(first), db=a).code == 0
    res = safeland("import", str(first), db=b)
    assert res.code == 0, res
    assert "100 reports created" in res.out
    assert safeland("export", "-o", str(second), db=b).code == 0
    one, two = json.loads(first.read_text()), json.loads(second.read_text())
    assert one == two
    # The demo is what DOMAIN.md asks for: several provinces, polygons, Khmer notes, both states.
    assert len({s["province_code"] for s in one["sites"]}) >= 3
    assert sum(1 for s in one["sites"] if len(s["points"]) >= 4) >= 3
    assert any("ក្រុម" in r["notes"] for r in one["reports"])
    assert {r["status"] for r in one["reports"]} == {"DRAFT", "SIGNED"}
    assert len({r["team"] for r in one["reports"]}) >= 4
    categories = {c for r in one["reports"] for c in (i["category"] for i in r["items"])}
    assert categories >= {"AP_MINE", "AT_MINE", "UXO", "SUBMUNITION"}
    # Re-import is a no-op.
    res = safeland("import", str(first), db=b)
    assert res.code == 0 and "0 reports created, 0 updated; 105 unchanged" in res.out


@pytest.mark.slow
def test_demo_refuses_a_database_with_data(safeland):
    assert safeland("demo").code == 0
    res = safeland("demo")
    assert res.code == 1 and "already holds data" in res.err


@pytest.mark.slow
def test_sign_and_status(safeland):
    safeland("demo")
    status = json.loads(safeland("status", "--json").out)
    assert status["drafts"] == 10 and status["signed_waiting"] == 90 and status["last_sync"] is None
    res = safeland("sign", "--all")
    assert res.code == 0 and "Signed 10 reports" in res.out
    status = json.loads(safeland("status", "--json").out)
    assert status["drafts"] == 0 and status["signed_waiting"] == 100
    res = safeland("sign", "--all")
    assert res.code == 0 and "Signed 0 reports" in res.out


@pytest.mark.slow
def test_sign_unknown_report(safeland):
    safeland("demo")
    res = safeland("sign", "00000000-0000-4000-8000-000000000000")
    assert res.code == 1 and "reports[0]: no report" in res.err and "Traceback" not in res.err


@pytest.mark.slow
def test_usage_errors_exit_2(safeland):
    assert safeland("sign").code == 2
    assert safeland("export").code == 2  # -o is required
    assert safeland("no-such-command").code == 2


@pytest.mark.slow
def test_export_to_stdout_is_json_without_the_device_token(safeland, db_path):
    from app.db import open_database
    from app.models import DeviceProfile

    safeland("demo")
    db = open_database(db_path)
    with db.session(write=True) as s:  # as `safeland enroll` leaves it
        s.add(DeviceProfile(id=1, operator="CMAC", unit="DU4", hq_url="https://hq.example.org",
                            device_id="dev-1", device_token="s3cret-token-value"))
    db.close()
    text = safeland("export", "-o", "-").out
    doc = json.loads(text)
    assert doc["format"] == "safeland/1" and len(doc["reports"]) == 100
    assert "s3cret-token-value" not in text


@pytest.mark.slow
def test_backup_keeps_the_queue_for_hq(safeland, tmp_path):
    """The backup is the whole database: reports, signatures, and what still waits for HQ."""
    copy = tmp_path / "backup.db"
    safeland("demo")
    res = safeland("backup", "-o", str(copy))
    assert res.code == 0 and copy.exists()
    original = json.loads(safeland("status", "--json").out)
    restored = json.loads(safeland("status", "--json", db=copy).out)
    assert restored == original and restored["signed_waiting"] == 90
    again = safeland("backup", "-o", str(copy))
    assert again.code == 1 and "already exists" in again.err
    nowhere = safeland("backup", "-o", str(tmp_path / "no-such-folder" / "b.db"))
    assert nowhere.code == 1 and "no folder" in nowhere.err and "Traceback" not in nowhere.err
    leftover = tmp_path / "second.db.part"
    leftover.write_text("garbage from an interrupted backup")
    assert safeland("backup", "-o", str(tmp_path / "second.db")).code == 0
    assert not leftover.exists()
